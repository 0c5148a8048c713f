import type { AnnotationItem } from '../../formats/annotations/item.js'
import { planBound, resolvePlan, type PlanRequest, type ResolvedPlan } from '../plan.js'
import { UserError } from '../../util/errors.js'
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
  /** told the units read so far, every PROGRESS_EVERY units and at the end of each pass */
  onProgress?: (units: number, pass: number) => void
}

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
  population: Population
  /** the sample in rank order: the order reviewers see it in, which carries no bias */
  sample: SampledUnit[]
}

/** Free-text labels could make these tallies as large as the population; past this, stop adding. */
const TALLY_LIMIT = 10_000

/**
 * Draws the sample in one pass over `readUnits()` with memory O(sample × strata): every unit is
 * ranked by the keyed hash of its key, and each stratum keeps its smallest ranks. A ratio plan
 * needs the population size to know n, so it reads the units twice (count, then draw).
 */
export async function drawSample(readUnits: () => AsyncIterable<AnnotationItem>, options: DrawOptions): Promise<DrawResult> {
  const ranker = new Ranker(options.seed)
  const bound = planBound(options.plan)
  const first = await rankPass(readUnits(), ranker, options, 1, () => bound)
  const plan = resolvePlan(options.plan, first.fingerprint.units)
  const allocation = allocateStrata(plan.sample_size, first.strata)
  let heaps = first.heaps
  if (bound === null) {
    heaps = (await rankPass(readUnits(), ranker, options, 2, (stratum) => allocation.get(stratum) ?? 0)).heaps
  }
  const sample: SampledUnit[] = []
  for (const [stratum, heap] of heaps) {
    const take = allocation.get(stratum) ?? 0
    for (const entry of heap.sorted().slice(0, take)) {
      sample.push({ item: entry.value, rank: rankHex(entry), stratum: options.stratumOf ? stratum : null })
    }
  }
  sample.sort((a, b) => compareStrings(a.rank, b.rank) || compareStrings(unitKeyOf(a.item), unitKeyOf(b.item)))
  rejectDuplicates(sample)
  return {
    plan,
    sample,
    population: {
      units: first.fingerprint.units,
      fingerprint: first.fingerprint.digest(),
      strata: options.stratumOf
        ? sortedObject([...first.strata].map(([name, units]) => [name, { units, sampled: allocation.get(name) ?? 0 }]))
        : null,
      labels: sortedObject(first.labels),
      annotators: sortedObject(first.annotators),
      tallies_capped: first.capped,
    },
  }
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
  pass: number,
  capacityOf: (stratum: string) => number | null,
): Promise<PassResult> {
  const result: PassResult = {
    fingerprint: new PopulationFingerprint(),
    strata: new Map(),
    heaps: new Map(),
    labels: new Map(),
    annotators: new Map(),
    capped: false,
  }
  for await (const item of units) {
    const key = unitKeyOf(item)
    result.fingerprint.add(key, item.labels)
    if (onProgress && result.fingerprint.units % PROGRESS_EVERY === 0) onProgress(result.fingerprint.units, pass)
    for (const label of item.labels) result.capped = tally(result.labels, label) || result.capped
    if (item.annotator !== null) result.capped = tally(result.annotators, item.annotator) || result.capped
    const stratum = stratumOf ? stratumOf(item) : ONE_STRATUM
    result.strata.set(stratum, (result.strata.get(stratum) ?? 0) + 1)
    let heap = result.heaps.get(stratum)
    if (heap === undefined) {
      const capacity = capacityOf(stratum)
      if (capacity === null) continue
      heap = new SmallestN<AnnotationItem>(capacity)
      result.heaps.set(stratum, heap)
    }
    const rank = ranker.rank(key)
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

/**
 * The same unit twice in an export would be reviewed twice and counted twice. Equal units have
 * equal ranks, so any pair the sample caught sits side by side.
 */
function rejectDuplicates(sample: readonly SampledUnit[]): void {
  for (let i = 1; i < sample.length; i++) {
    const a = sample[i - 1]!.item
    const b = sample[i]!.item
    if (a.item_id === b.item_id && a.annotator === b.annotator) {
      const who = a.annotator === null ? '' : ` by annotator "${a.annotator}"`
      throw new UserError(
        `${b.source_file}: ${b.location}: item "${b.item_id}"${who} appears twice (also ${a.source_file}: ${a.location}); expected each labelled unit once`,
      )
    }
  }
}
