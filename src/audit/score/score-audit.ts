import { compareStrings, sortedObject } from '../../util/order.js'
import { UserError } from '../../util/errors.js'
import type { AuditRecord, AuditResult } from '../../records/audit-record.js'
import { unitKey } from '../sampling/rank.js'
import { ANNOTATION_VERDICTS, CONTENT_VERDICTS, placeOf, type ReadRow } from '../sheets/sheet-row.js'
import { canonicalVerdict, verdictChoices } from '../sheets/sheet-words.js'
import { normalQuantile } from '../../util/normal-quantile.js'
import { AgreementError, clopperPearsonInterval, cohenKappa, wilsonInterval, wilsonLowerBound } from '../stats/index.js'

/** TC260-003 §5.1: a sample pass rate of at least 96 %; a source with more than 5 % harmful content is not collected. */
export const TC260_PASS_RATE_MIN = 0.96
export const TC260_HARMFUL_RATE_MAX = 0.05
export const DEFAULT_TARGET_ACCURACY = 0.95
/** Rows reviewed by their own annotator are listed; past this many, only counted. */
const LISTED_SELF_REVIEWS = 50

export interface ScoreOptions {
  confidence: number
  /** annotation audits without an ISO plan */
  targetAccuracy: number
  passRateMin: number
  harmfulRateMax: number
  sheet: string
  sheetSha256: string
  /** the day of scoring (YYYY-MM-DD, UTC) */
  scoredOn: string
}

interface Verdicts {
  reviewed: ReadRow[]
  unreviewed: number
  defects: number
}

/** Scores a sheet already matched to the sample (rows in sample order). */
export function scoreAudit(record: AuditRecord, rows: readonly ReadRow[], options: ScoreOptions): AuditResult {
  const { reviewed, unreviewed, defects } = readVerdicts(record, rows, options.sheet)
  const x = reviewed.length - defects
  const n = reviewed.length
  const accuracy = n === 0 ? null : x / n
  const wilson = n === 0 ? null : wilsonInterval(x, n, options.confidence)
  const lowerBound = n === 0 ? null : wilsonLowerBound(x, n, options.confidence)
  const content = record.kind === 'content'
  const gold = reviewed.map((row) => goldLabel(row))
  const decision = decide(record, { n, defects, unreviewed, accuracy, lowerBound }, options)
  const harmful = content && n > 0 ? defects / n : null
  return {
    sheet_sha256: options.sheetSha256,
    reviewed: n,
    unreviewed,
    defects,
    accuracy,
    confidence: options.confidence,
    wilson,
    clopper_pearson: n === 0 ? null : clopperPearsonInterval(x, n, options.confidence),
    lower_bound: lowerBound,
    ...weightedEstimate(record, reviewed, options.confidence),
    verification_ratio: record.population.units === 0 ? 0 : n / record.population.units,
    decision: decision.decision,
    rule: decision.rule,
    per_class: content ? {} : accuracyBy(reviewed, (_row, i) => gold[i] ?? '(uncorrected)', options.confidence),
    per_annotator: content ? {} : accuracyBy(reviewed, (row) => row.cells.annotator || '(unknown)', options.confidence),
    confusion: content ? { labels: [], matrix: [] } : confusion(reviewed, gold),
    error_types: errorTypes(reviewed, record.kind),
    cohen_kappa: content ? null : kappa(reviewed, gold),
    reviewer_is_annotator: selfReviewed(reviewed)
      .slice(0, LISTED_SELF_REVIEWS)
      .map((row) => ({ row: row.row, item_id: row.cells.item_id, annotator: row.cells.annotator })),
    reviewers: reviewerCounts(reviewed),
    reviewer_missing: reviewed.filter((row) => row.cells.reviewer === '').length,
    corrections: corrections(record, reviewed),
    scored_on: options.scoredOn,
    harmful_rate: harmful,
    harmful_upper_bound: content && n > 0 ? 1 - wilsonLowerBound(n - defects, n, options.confidence) : null,
    source_rejected: harmful === null ? null : harmful > options.harmfulRateMax,
    thresholds: {
      target_accuracy: content || record.plan.method === 'iso-2859-1' ? null : options.targetAccuracy,
      pass_rate_min: content ? options.passRateMin : null,
      harmful_rate_max: content ? options.harmfulRateMax : null,
    },
    // filled in by the audit rules (src/check/rules), which read this result
    findings: [],
  }
}

function readVerdicts(record: AuditRecord, rows: readonly ReadRow[], sheet: string): Verdicts {
  const allowed: readonly string[] = record.kind === 'content' ? CONTENT_VERDICTS : ANNOTATION_VERDICTS
  const reviewed: ReadRow[] = []
  let unreviewed = 0
  let defects = 0
  for (const row of rows) {
    if (row.cells.verdict === '') {
      unreviewed++
      continue
    }
    // Either language's words (正确/错误, 合格/不合格), whatever language the sheet was written in.
    const verdict = canonicalVerdict(record.kind, row.cells.verdict)
    if (verdict === null) {
      throw new UserError(`${sheet}: ${placeOf(row)}: verdict "${row.cells.verdict}"; expected ${verdictChoices(record.kind)} (blank: not reviewed yet)`)
    }
    // The rest of scoring reads the verdict as the one canonical English word it stands for.
    reviewed.push(verdict === row.cells.verdict ? row : { ...row, cells: { ...row.cells, verdict } })
    if (verdict === allowed[1]) defects++
  }
  return { reviewed, unreviewed, defects }
}

function decide(
  record: AuditRecord,
  s: { n: number; defects: number; unreviewed: number; accuracy: number | null; lowerBound: number | null },
  options: ScoreOptions,
): { decision: AuditResult['decision']; rule: string } {
  if (s.unreviewed > 0 || s.n === 0) {
    return { decision: 'incomplete', rule: `${s.unreviewed} of ${s.unreviewed + s.n} sampled rows have no verdict yet; a decision needs every row reviewed` }
  }
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`
  const conf = pct(options.confidence)
  if (record.kind === 'content') {
    const passRate = s.accuracy!
    // defects / n, as harmful_rate and source_rejected use: 1 − 0.95 is 0.050000000000000044,
    // which would reject a source at exactly the 5 % the rule allows.
    const harmful = s.defects / s.n
    if (harmful > options.harmfulRateMax) {
      return { decision: 'reject', rule: `harmful share ${pct(harmful)} exceeds ${pct(options.harmfulRateMax)}: the source must not be used (TC260-003 §5.1)` }
    }
    const ok = passRate >= options.passRateMin
    return {
      decision: ok ? 'accept' : 'reject',
      rule: `pass rate ${pct(passRate)} ${ok ? '≥' : '<'} ${pct(options.passRateMin)} (TC260-003 §5.1); one-sided ${conf} lower bound ${pct(s.lowerBound!)}`,
    }
  }
  const plan = record.plan
  if (plan.method === 'iso-2859-1') {
    const ok = s.defects <= plan.accept!
    const scope = plan.full_inspection ? `100% inspection of ${plan.population}` : `n=${plan.sample_size}`
    return {
      decision: ok ? 'accept' : 'reject',
      rule: `ISO 2859-1 code ${plan.code_letter}, ${scope}, Ac=${plan.accept}, Re=${plan.reject}: ${s.defects} defect${s.defects === 1 ? '' : 's'} ${ok ? '≤' : '≥'} ${ok ? `Ac ${plan.accept}` : `Re ${plan.reject}`}`,
    }
  }
  const ok = s.lowerBound! >= options.targetAccuracy
  return {
    decision: ok ? 'accept' : 'reject',
    rule: `one-sided ${conf} lower bound ${pct(s.lowerBound!)} ${ok ? '≥' : '<'} target accuracy ${pct(options.targetAccuracy)} (accuracy ${pct(s.accuracy!)})`,
  }
}

/** The reviewer's label: the annotator's when correct, the correction when incorrect (null if none given). */
function goldLabel(row: ReadRow): string | null {
  if (isCorrect(row)) return row.cells.label
  return row.cells.corrected_label === '' ? null : row.cells.corrected_label
}

function accuracyBy(rows: readonly ReadRow[], keyOf: (row: ReadRow, i: number) => string, confidence: number): AuditResult['per_class'] {
  const groups = new Map<string, { reviewed: number; correct: number }>()
  rows.forEach((row, i) => {
    const key = keyOf(row, i)
    const group = groups.get(key) ?? { reviewed: 0, correct: 0 }
    group.reviewed++
    if (isCorrect(row)) group.correct++
    groups.set(key, group)
  })
  return sortedObject(
    [...groups].map(([key, g]) => [
      key,
      { reviewed: g.reviewed, correct: g.correct, accuracy: g.correct / g.reviewed, wilson: wilsonInterval(g.correct, g.reviewed, confidence) },
    ]),
  )
}

/** For reviewed rows, whose verdict readVerdicts has checked and lower-cased. */
function isCorrect(row: ReadRow): boolean {
  return row.cells.verdict === 'correct' || row.cells.verdict === 'pass'
}

/** Rows reviewer (gold), columns annotator; rows whose correction was not given are left out. */
function confusion(rows: readonly ReadRow[], gold: readonly (string | null)[]): AuditResult['confusion'] {
  const labels = new Set<string>()
  rows.forEach((row, i) => {
    if (gold[i] === null) return
    labels.add(gold[i]!)
    labels.add(row.cells.label)
  })
  const order = [...labels].sort(compareStrings)
  const index = new Map(order.map((label, i) => [label, i]))
  const matrix = order.map(() => order.map(() => 0))
  rows.forEach((row, i) => {
    const g = gold[i]
    if (g === null || g === undefined) return
    matrix[index.get(g)!]![index.get(row.cells.label)!]!++
  })
  return { labels: order, matrix }
}

function kappa(rows: readonly ReadRow[], gold: readonly (string | null)[]): number | null {
  const a: string[] = []
  const b: string[] = []
  rows.forEach((row, i) => {
    if (gold[i] === null || gold[i] === undefined) return
    a.push(gold[i]!)
    b.push(row.cells.label)
  })
  if (a.length === 0) return null
  try {
    return cohenKappa(a, b, { weights: 'none' })
  } catch (error) {
    if (error instanceof AgreementError) return null
    throw error
  }
}

function errorTypes(rows: readonly ReadRow[], kind: AuditRecord['kind']): Record<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) {
    if (isCorrect(row)) continue
    const type = row.cells.error_type === '' ? (kind === 'content' ? '(no risk category)' : '(unspecified)') : row.cells.error_type
    counts.set(type, (counts.get(type) ?? 0) + 1)
  }
  return sortedObject(counts)
}

function selfReviewed(rows: readonly ReadRow[]): ReadRow[] {
  return rows.filter((row) => row.cells.reviewer !== '' && row.cells.reviewer === row.cells.annotator)
}

/**
 * Stratified samples over-represent small strata; the population estimate weights each
 * stratum's accuracy by its share of the population, over the strata reviewed so far, with the
 * usual stratified variance Σ W_h² (1 − n_h/N_h) p_h(1 − p_h)/(n_h − 1) for a normal interval.
 */
function weightedEstimate(
  record: AuditRecord,
  reviewed: readonly ReadRow[],
  confidence: number,
): Pick<AuditResult, 'weighted_accuracy' | 'weighted_interval'> {
  const none = { weighted_accuracy: null, weighted_interval: null }
  const strata = record.population.strata
  if (strata === null || reviewed.length === 0) return none
  const stratumOf = new Map(record.sample.map((unit) => [unitKey(unit.item_id, unit.annotator), unit.stratum ?? '']))
  const tally = new Map<string, { n: number; correct: number }>()
  for (const row of reviewed) {
    const stratum = stratumOf.get(unitKey(row.cells.item_id, row.cells.annotator || null)) ?? ''
    const t = tally.get(stratum) ?? { n: 0, correct: 0 }
    t.n++
    if (isCorrect(row)) t.correct++
    tally.set(stratum, t)
  }
  const covered = [...tally.keys()].reduce((sum, stratum) => sum + (strata[stratum]?.units ?? 0), 0)
  if (covered === 0) return none
  let estimate = 0
  let variance = 0
  for (const [stratum, t] of tally) {
    const units = strata[stratum]?.units ?? 0
    const w = units / covered
    const p = t.correct / t.n
    estimate += w * p
    if (t.n > 1) variance += w * w * (1 - t.n / units) * ((p * (1 - p)) / (t.n - 1))
  }
  const half = normalQuantile((1 + confidence) / 2) * Math.sqrt(variance)
  return { weighted_accuracy: estimate, weighted_interval: [Math.max(0, estimate - half), Math.min(1, estimate + half)] }
}

/** Corrections (annotation audits) and risk categories (content audits) the reviewers gave, by value. */
function corrections(record: AuditRecord, reviewed: readonly ReadRow[]): Record<string, number> {
  const counts = new Map<string, number>()
  for (const row of reviewed) {
    if (isCorrect(row)) continue
    const value = record.kind === 'content' ? row.cells.error_type : row.cells.corrected_label
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return sortedObject(counts)
}

function reviewerCounts(rows: readonly ReadRow[]): Record<string, number> {
  const reviewers = new Map<string, number>()
  for (const row of rows) if (row.cells.reviewer !== '') reviewers.set(row.cells.reviewer, (reviewers.get(row.cells.reviewer) ?? 0) + 1)
  return sortedObject(reviewers)
}
