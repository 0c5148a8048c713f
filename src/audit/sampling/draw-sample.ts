import type { AnnotationItem } from '../../formats/annotations/item.js'
import type { RepeatPolicy, RepeatReport } from '../../records/audit-record.js'
import { planBound, resolvePlan, type PlanRequest, type ResolvedPlan } from '../plan.js'
import { RepeatedValues } from '../repeats/repeated-values.js'
import { noRepeats, RepeatTracker, repeatsRefused } from '../repeats/repeat-tracker.js'
import { compareStrings, sortedObject } from '../../util/order.js'
import { allocateProportionally } from './allocate.js'
import { PopulationFingerprint } from './population-fingerprint.js'
import { Ranker, rankHex, unitKey } from './rank.js'
import { SmallestN } from './smallest-n.js'

export const STRATIFY_BY = ['label', 'annotator', 'source'] as const
export type StratifyBy = (typeof STRATIFY_BY)[number]

export interface DrawOptions {
  seed: string
  plan: PlanRequest
  /** the stratum of each item, or null for one simple random sample */
  stratumOf: ((item: AnnotationItem) => string) | null
  /** a unit the exports hold more than once: keep its first or last copy, or refuse */
  repeats: RepeatPolicy
  /** where a unit is, for the repeat report; default "source_file: location" */
  placeOf?: (item: AnnotationItem) => string
  /** told the units read so far, every PROGRESS_EVERY units and at the end of each pass */
  onProgress?: (units: number, pass: DrawPass) => void
}

/**
 * The passes over the exports: `count` always; `repeats` when two units share a rank (to compare
 * their keys); `resolve` when some unit does repeat (the draw again, one copy of each); `ratio`
 * when the plan needs the population size before it knows n.
 */
export type DrawPass = 'count' | 'repeats' | 'resolve' | 'ratio'

const PROGRESS_EVERY = 1 << 16

export interface SampledUnit {
  item: AnnotationItem
  /** the unit's rank as 16 hex digits: anyone can check it with SipHash-2-4 */
  rank: string
  stratum: string | null
}

export interface Population {
  units: number
  fingerprint: string
  /** per stratum: units in the population and in the sample; null without stratification */
  strata: Record<string, { units: number; sampled: number }> | null
  /** how often each label and annotator occurs (the first TALLY_LIMIT distinct values) */
  labels: Record<string, number>
  annotators: Record<string, number>
  tallies_capped: boolean
}

export interface DrawResult {
  plan: ResolvedPlan
  /** the population's units are distinct: repeats were found exactly and resolved by the policy */
  population: Population
  repeats: RepeatReport
  /** the sample in rank order: the order reviewers see it in, which carries no bias */
  sample: SampledUnit[]
}

/** Free-text labels could make these tallies as large as the population; past this, stop adding. */
const TALLY_LIMIT = 10_000

/**
 * Draws the sample in one pass over `readUnits()` with memory O(sample × strata): every unit is
 * ranked by the keyed hash of its key, and each stratum keeps its smallest ranks. The population
 * is the set of distinct units: equal units have equal ranks, so the ranks are kept (in bounded
 * memory, repeated-values.ts) and, only when two are equal, a second pass compares the keys and a
 * third draws again with one copy of each repeated unit. A ratio plan needs the population size
 * to know n, so it reads the units once more (count, then draw).
 */
export async function drawSample(readUnits: () => AsyncIterable<AnnotationItem>, options: DrawOptions): Promise<DrawResult> {
  const ranker = new Ranker(options.seed)
  const bound = planBound(options.plan)
  const ranks = new RepeatedValues()
  let counted = await rankPass(readUnits(), ranker, options, 'count', () => bound, { ranks })
  let skip: SkipCopy | null = null
  let repeats = noRepeats(options.repeats)
  const candidates = ranks.repeated()
  if (candidates.size > 0) {
    const tracker = await trackRepeats(readUnits(), ranker, candidates, options)
    repeats = tracker.report(options.repeats)
    if (repeats.units > 0) {
      if (options.repeats === 'refuse') throw repeatsRefused(repeats)
      const kept = tracker.keptCopies(options.repeats)
      skip = (key, seq) => {
        const keep = kept.get(key)
        return keep !== undefined && keep !== seq
      }
      counted = await rankPass(readUnits(), ranker, options, 'resolve', () => bound, { skip })
    }
  }
  const plan = resolvePlan(options.plan, counted.fingerprint.units)
  const allocation = allocateStrata(plan.sample_size, counted.strata)
  let heaps = counted.heaps
  if (bound === null) {
    heaps = (await rankPass(readUnits(), ranker, options, 'ratio', (stratum) => allocation.get(stratum) ?? 0, { skip })).heaps
  }
  const sample: SampledUnit[] = []
  for (const [stratum, heap] of heaps) {
    const take = allocation.get(stratum) ?? 0
    for (const entry of heap.sorted().slice(0, take)) {
      sample.push({ item: entry.value, rank: rankHex(entry), stratum: options.stratumOf ? stratum : null })
    }
  }
  sample.sort((a, b) => compareStrings(a.rank, b.rank) || compareStrings(unitKeyOf(a.item), unitKeyOf(b.item)))
  return {
    plan,
    sample,
    repeats,
    population: {
      units: counted.fingerprint.units,
      fingerprint: counted.fingerprint.digest(),
      strata: options.stratumOf
        ? sortedObject([...counted.strata].map(([name, units]) => [name, { units, sampled: allocation.get(name) ?? 0 }]))
        : null,
      labels: sortedObject(counted.labels),
      annotators: sortedObject(counted.annotators),
      tallies_capped: counted.capped,
    },
  }
}

/** Whether the copy of a unit at position `seq` in reading order is left out of the population. */
type SkipCopy = (key: string, seq: number) => boolean

/** The second pass: the units whose rank another unit shares, with their keys compared. */
async function trackRepeats(units: AsyncIterable<AnnotationItem>, ranker: Ranker, candidates: ReadonlySet<bigint>, options: DrawOptions): Promise<RepeatTracker> {
  const tracker = new RepeatTracker()
  const placeOf = options.placeOf ?? ((item: AnnotationItem) => `${item.source_file}: ${item.location}`)
  let seq = 0
  for await (const item of units) {
    const key = unitKeyOf(item)
    const rank = ranker.rank(key)
    if (candidates.has((BigInt(rank.hi) << 32n) | BigInt(rank.lo))) tracker.note(key, item, seq, placeOf(item))
    seq++
    if (options.onProgress && seq % PROGRESS_EVERY === 0) options.onProgress(seq, 'repeats')
  }
  options.onProgress?.(seq, 'repeats')
  return tracker
}

interface PassResult {
  fingerprint: PopulationFingerprint
  strata: Map<string, number>
  heaps: Map<string, SmallestN<AnnotationItem>>
  labels: Map<string, number>
  annotators: Map<string, number>
  capped: boolean
}

const ONE_STRATUM = ''

async function rankPass(
  units: AsyncIterable<AnnotationItem>,
  ranker: Ranker,
  { stratumOf, onProgress }: DrawOptions,
  pass: DrawPass,
  capacityOf: (stratum: string) => number | null,
  { ranks, skip }: { ranks?: RepeatedValues; skip?: SkipCopy | null },
): Promise<PassResult> {
  const result: PassResult = {
    fingerprint: new PopulationFingerprint(),
    strata: new Map(),
    heaps: new Map(),
    labels: new Map(),
    annotators: new Map(),
    capped: false,
  }
  let seq = -1
  for await (const item of units) {
    seq++
    const key = unitKeyOf(item)
    if (skip && skip(key, seq)) continue
    result.fingerprint.add(key, item.labels)
    if (onProgress && result.fingerprint.units % PROGRESS_EVERY === 0) onProgress(result.fingerprint.units, pass)
    for (const label of item.labels) result.capped = tally(result.labels, label) || result.capped
    if (item.annotator !== null) result.capped = tally(result.annotators, item.annotator) || result.capped
    const stratum = stratumOf ? stratumOf(item) : ONE_STRATUM
    result.strata.set(stratum, (result.strata.get(stratum) ?? 0) + 1)
    const rank = ranker.rank(key)
    ranks?.add(rank.hi, rank.lo)
    let heap = result.heaps.get(stratum)
    if (heap === undefined) {
      const capacity = capacityOf(stratum)
      if (capacity === null) continue
      heap = new SmallestN<AnnotationItem>(capacity)
      result.heaps.set(stratum, heap)
    }
    if (heap.admits(rank, key)) heap.offer({ hi: rank.hi, lo: rank.lo, key, value: item })
  }
  onProgress?.(result.fingerprint.units, pass)
  return result
}

/** Adds one to `value`'s count; says whether the value was dropped because the tally is full. */
function tally(counts: Map<string, number>, value: string): boolean {
  const seen = counts.get(value)
  if (seen !== undefined) counts.set(value, seen + 1)
  else if (counts.size < TALLY_LIMIT) counts.set(value, 1)
  else return true
  return false
}

/** Units per stratum: all n to a single stratum, else proportional allocation. */
export function allocateStrata(n: number, strata: ReadonlyMap<string, number>): Map<string, number> {
  return strata.size <= 1 ? new Map([...strata.keys()].map((name) => [name, n])) : allocateProportionally(n, strata)
}

function unitKeyOf(item: AnnotationItem): string {
  return unitKey(item.item_id, item.annotator)
}
