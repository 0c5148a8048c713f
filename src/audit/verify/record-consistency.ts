import type { AuditRecord } from '../../records/audit-record.js'
import { UserError } from '../../util/errors.js'
import { compareStrings } from '../../util/order.js'
import { resolvePlan, type PlanRequest, type ResolvedPlan } from '../plan.js'
import { allocateStrata } from '../sampling/draw-sample.js'
import { FINGERPRINT_METHOD } from '../sampling/population-fingerprint.js'
import { Ranker, RANK_METHOD, rankHex, unitKey } from '../sampling/rank.js'

/** One way a record differs from what its plan, its seed or its exports say it must hold. */
export interface RecordDifference {
  /** where in the record, as a path: `sample.length`, `plan.code_letter`, `sample[4].rank` */
  field: string
  expected: string
  found: string
}

/**
 * What a record must hold if tdgov drew it: the plan its own parameters give for the recorded
 * population, as many sampled rows as that plan's n, strata whose sampled counts are the
 * proportional allocation and match the rows, every row's rank the keyed hash of its unit under
 * the seed, rows in rank order and each unit once, and a population fingerprint. None of it needs
 * the exports, so a record cut, padded or edited by hand is caught wherever it is read.
 */
export function recordInconsistencies(record: AuditRecord): RecordDifference[] {
  const out: RecordDifference[] = []
  const differ = (field: string, expected: unknown, found: unknown): void => {
    if (String(expected) !== String(found)) out.push({ field, expected: String(expected), found: String(found) })
  }
  const request = planRequestOf(record.plan)
  if (typeof request === 'string') {
    out.push({ field: 'plan', expected: 'a plan tdgov can resolve', found: request })
  } else {
    const resolved = resolvedOrReason(request, record.population.units)
    if (typeof resolved === 'string') out.push({ field: 'plan', expected: 'a plan tdgov can resolve', found: resolved })
    else out.push(...planDifferences(resolved, record.plan))
  }
  differ('sample.length', record.plan.sample_size, record.sample.length)
  out.push(...strataDifferences(record))
  differ('population.fingerprint_method', FINGERPRINT_METHOD, record.population.fingerprint_method)
  if (!/^[0-9a-f]{64}$/.test(record.population.fingerprint)) {
    out.push({ field: 'population.fingerprint', expected: 'a sha256 (64 hex digits)', found: record.population.fingerprint || '(empty)' })
  }
  out.push(...rankDifferences(record))
  return out
}

/** The request the recorded plan was resolved from; a string says why there is none. */
export function planRequestOf(plan: AuditRecord['plan']): PlanRequest | string {
  switch (plan.method) {
    case 'iso-2859-1':
      if (plan.aql === null || plan.level === null) return 'an ISO 2859-1 plan without its AQL or inspection level'
      return { method: 'iso-2859-1', aql: plan.aql, level: plan.level }
    case 'cochran':
      if (plan.margin === null || plan.confidence === null || plan.proportion === null) return 'a Cochran plan without its margin, confidence or proportion'
      return { method: 'cochran', margin: plan.margin, confidence: plan.confidence, proportion: plan.proportion }
    case 'fixed-size':
      // The fixed size is the plan's own n, stored as plan_sample_size.
      if (plan.plan_sample_size < 1) return 'a fixed-size plan of 0 items'
      return { method: 'fixed-size', size: plan.plan_sample_size }
    case 'ratio':
      if (plan.ratio === null || !(plan.ratio > 0 && plan.ratio <= 1)) return 'a ratio plan without a share in (0, 1]'
      return { method: 'ratio', ratio: plan.ratio }
  }
}

function resolvedOrReason(request: PlanRequest, population: number): ResolvedPlan | string {
  try {
    return resolvePlan(request, population)
  } catch (error) {
    // A value the plan functions refuse (an AQL not in Table II-A, a confidence of 2) is the record's fault.
    if (error instanceof UserError) return error.message
    throw error
  }
}

function planDifferences(resolved: ResolvedPlan, recorded: AuditRecord['plan']): RecordDifference[] {
  const out: RecordDifference[] = []
  for (const key of Object.keys(resolved) as (keyof ResolvedPlan)[]) {
    const expected = String(resolved[key])
    const found = String(recorded[key])
    if (expected !== found) out.push({ field: `plan.${key}`, expected, found })
  }
  return out
}

function strataDifferences(record: AuditRecord): RecordDifference[] {
  const out: RecordDifference[] = []
  const strata = record.population.strata
  if (record.stratify === null || strata === null) {
    if (record.stratify !== null || strata !== null) {
      out.push({ field: 'population.strata', expected: record.stratify === null ? 'null (no --stratify)' : `strata by ${record.stratify}`, found: strata === null ? 'null' : 'strata' })
    }
    const stratified = record.sample.findIndex((unit) => unit.stratum !== null)
    if (record.stratify === null && stratified !== -1) out.push({ field: `sample[${stratified}].stratum`, expected: 'null (no --stratify)', found: record.sample[stratified]!.stratum! })
    return out
  }
  const names = Object.keys(strata).sort(compareStrings)
  const units = names.reduce((sum, name) => sum + strata[name]!.units, 0)
  if (units !== record.population.units) out.push({ field: 'population.strata (units)', expected: String(record.population.units), found: String(units) })
  const allocation = allocateStrata(record.plan.sample_size, new Map(names.map((name) => [name, strata[name]!.units])))
  const rows = new Map<string, number>()
  record.sample.forEach((unit, i) => {
    const name = unit.stratum ?? '(null)'
    if (!(name in strata)) out.push({ field: `sample[${i}].stratum`, expected: `one of the recorded strata`, found: name })
    rows.set(name, (rows.get(name) ?? 0) + 1)
  })
  for (const name of names) {
    const sampled = strata[name]!.sampled
    const allocated = allocation.get(name) ?? 0
    if (sampled !== allocated) out.push({ field: `population.strata.${name}.sampled`, expected: String(allocated), found: String(sampled) })
    const inSample = rows.get(name) ?? 0
    if (inSample !== sampled) out.push({ field: `sample (stratum ${name})`, expected: `${sampled} rows`, found: `${inSample} rows` })
  }
  return out
}

/**
 * Every row's rank is re-computed from the seed, which is what makes the sample the seed's: a row
 * whose item id or annotator was changed, or a rank edited, no longer hashes to its rank. The rows
 * must also be in rank order (the order they were drawn and written in), each unit once.
 */
function rankDifferences(record: AuditRecord): RecordDifference[] {
  if (record.rank_method !== RANK_METHOD) return [{ field: 'rank_method', expected: RANK_METHOD, found: record.rank_method }]
  const out: RecordDifference[] = []
  const ranker = new Ranker(record.seed)
  const seen = new Map<string, number>()
  let previous: { rank: string; key: string } | null = null
  record.sample.forEach((unit, i) => {
    const key = unitKey(unit.item_id, unit.annotator)
    const rank = rankHex(ranker.rank(key))
    if (rank !== unit.rank) out.push({ field: `sample[${i}].rank`, expected: `${rank} (item "${unit.item_id}" under seed "${record.seed}")`, found: unit.rank })
    const first = seen.get(key)
    if (first !== undefined) out.push({ field: `sample[${i}]`, expected: 'each unit once', found: `item "${unit.item_id}" again (first at sample[${first}])` })
    else seen.set(key, i)
    if (previous !== null && (compareStrings(previous.rank, unit.rank) || compareStrings(previous.key, key)) > 0) {
      out.push({ field: `sample[${i}]`, expected: 'rows in rank order', found: `rank ${unit.rank} after ${previous.rank}` })
    }
    previous = { rank: unit.rank, key }
  })
  return out
}
