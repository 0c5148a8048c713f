import { afterAll, describe, expect, it } from 'vitest'
import { auditFindings } from '../../../src/audit/audit-findings.js'
import { auditResultSchema, type AuditRecord, type AuditResult } from '../../../src/records/audit-record.js'
import type { PlanRequest } from '../../../src/audit/plan.js'
import { scoreAudit, type ScoreOptions } from '../../../src/audit/score/score-audit.js'
import type { ReadRow, SheetRow } from '../../../src/audit/sheets/sheet-row.js'
import { wilsonInterval, wilsonLowerBound } from '../../../src/audit/stats/index.js'
import { loadConfig } from '../../../src/records/load-config.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'
import { makeRecord, reviewedRow } from './engine-helpers.js'

afterAll(removeTempDirs)

const OPTIONS: ScoreOptions = {
  confidence: 0.95,
  targetAccuracy: 0.95,
  passRateMin: 0.96,
  harmfulRateMax: 0.05,
  sheet: 'review.csv',
  sheetSha256: 'b'.repeat(64),
  scoredOn: '2025-06-01',
}

/** Rows numbered from 2 (row 1 is the header), item ids item-2, item-3, … */
function rows(cells: ReadonlyArray<Partial<SheetRow>>): ReadRow[] {
  return cells.map((c, i) => reviewedRow(i + 2, c))
}

/** `total` rows, the first `bad` of them with verdict `no`, the rest `yes`. */
function verdictRows(total: number, bad: number, yes: string, no: string): ReadRow[] {
  return Array.from({ length: total }, (_, i) => reviewedRow(i + 2, { verdict: i < bad ? no : yes, annotator: `ann-${i % 4}` }))
}

/** A record whose sample is exactly the given rows. */
function recordOf(sheetRows: readonly ReadRow[], options: { kind?: 'annotation' | 'content'; plan?: PlanRequest; population?: number } = {}): AuditRecord {
  return makeRecord(
    sheetRows.map((r) => ({ item_id: r.cells.item_id, annotator: r.cells.annotator || null, label: r.cells.label, preview: r.cells.preview })),
    { kind: options.kind, plan: options.plan ?? { method: 'fixed-size', size: sheetRows.length }, population: options.population ?? Math.max(sheetRows.length, 10_000), rankOrder: true },
  )
}

function score(sheetRows: readonly ReadRow[], record: AuditRecord = recordOf(sheetRows), options: Partial<ScoreOptions> = {}) {
  const result = scoreAudit(record, sheetRows, { ...OPTIONS, ...options })
  // every result must fit the audit record's schema
  expect(() => auditResultSchema.parse(result)).not.toThrow()
  // findings are the audit rules' business (src/check/rules), run over the scored record
  expect(result.findings).toEqual([])
  return result
}

const RECORD_PATH = '.tdgov/audits/audit-0001.json'

/** What `audit score` records: the audit rules over the record with its result, in a project with `configText` as tdgov.yaml. */
function findingsOf(record: AuditRecord, result: AuditResult, configText?: string) {
  const root = makeTempDir()
  if (configText !== undefined) writeTree(root, { 'tdgov.yaml': configText })
  const loaded = configText === undefined ? null : loadConfig(root)
  return auditFindings(root, { ...record, result }, RECORD_PATH, loaded, new Date(`${OPTIONS.scoredOn}T00:00:00Z`))
}

const auditLocation = (row?: number) => ({ kind: 'audit', id: 'audit-0001', path: RECORD_PATH, ...(row !== undefined && { row }) })

describe('scoreAudit: ISO 2859-1 decision', () => {
  const iso: PlanRequest = { method: 'iso-2859-1', aql: 1.5, level: 'II' }

  it('accepts at defects = Ac (7 of 200 for lot 4,000, AQL 1.5)', () => {
    const sheetRows = verdictRows(200, 7, 'correct', 'incorrect')
    const record = recordOf(sheetRows, { plan: iso, population: 4000 })
    expect(record.plan).toMatchObject({ sample_size: 200, accept: 7, reject: 8 })
    const result = score(sheetRows, record)
    expect(result.decision).toBe('accept')
    expect(result.defects).toBe(7)
    expect(result.rule).toBe('ISO 2859-1 code L, n=200, Ac=7, Re=8: 7 defects ≤ Ac 7')
    expect(result.thresholds).toEqual({ target_accuracy: null, pass_rate_min: null, harmful_rate_max: null })
  })

  it('rejects at defects = Re (8 of 200)', () => {
    const sheetRows = verdictRows(200, 8, 'correct', 'incorrect')
    const result = score(sheetRows, recordOf(sheetRows, { plan: iso, population: 4000 }))
    expect(result.decision).toBe('reject')
    expect(result.rule).toBe('ISO 2859-1 code L, n=200, Ac=7, Re=8: 8 defects ≥ Re 8')
    expect(result.accuracy).toBe(192 / 200)
  })

  it('says 100% inspection when the plan covers the whole lot', () => {
    const record = makeRecord(
      Array.from({ length: 5 }, (_, i) => ({ item_id: `item-${i + 2}`, annotator: 'ann-a', label: 'cat', preview: '' })),
      { plan: iso, population: 5 },
    )
    expect(record.plan.full_inspection).toBe(true)
    const result = score(rows(Array.from({ length: 5 }, () => ({}))), record)
    expect(result.rule).toContain('100% inspection of 5')
    expect(result.decision).toBe('accept')
  })
})

describe('scoreAudit: decision against a target accuracy (no ISO plan)', () => {
  it('rejects when accuracy ≥ target but the one-sided Wilson lower bound is below it (96 of 100 vs 95 %)', () => {
    const sheetRows = verdictRows(100, 4, 'correct', 'incorrect')
    const result = score(sheetRows)
    expect(result.accuracy).toBe(0.96)
    expect(result.lower_bound).toBeCloseTo(wilsonLowerBound(96, 100, 0.95), 12)
    expect(result.lower_bound!).toBeLessThan(0.95)
    expect(result.lower_bound!).toBeGreaterThan(0.9)
    expect(result.decision).toBe('reject')
    expect(result.rule).toMatch(/^one-sided 95\.0% lower bound 91\.\d% < target accuracy 95\.0% \(accuracy 96\.0%\)$/)
    expect(result.thresholds.target_accuracy).toBe(0.95)
  })

  it('accepts when the lower bound reaches the target (200 of 200)', () => {
    const result = score(verdictRows(200, 0, 'correct', 'incorrect'))
    expect(result.lower_bound!).toBeGreaterThanOrEqual(0.95)
    expect(result.decision).toBe('accept')
    expect(result.rule).toContain('≥ target accuracy 95.0%')
  })

  it('uses the target it is given (96 of 100 passes a 90 % target)', () => {
    const result = score(verdictRows(100, 4, 'correct', 'incorrect'), undefined, { targetAccuracy: 0.9 })
    expect(result.decision).toBe('accept')
    expect(result.thresholds.target_accuracy).toBe(0.9)
  })

  it('reports the two-sided Wilson and Clopper-Pearson intervals around the accuracy', () => {
    const result = score(verdictRows(20, 2, 'correct', 'incorrect'))
    // P1 vectors (18 of 20), audit-statistics.md §2.4
    expect(result.wilson![0]).toBeCloseTo(0.6989663547715128, 9)
    expect(result.wilson![1]).toBeCloseTo(0.972133518786232, 9)
    expect(result.clopper_pearson![0]).toBeCloseTo(0.6830172859809176, 9)
    expect(result.clopper_pearson![1]).toBeCloseTo(0.9876514728297052, 9)
  })
})

describe('scoreAudit: verdicts', () => {
  it('is incomplete while any verdict is blank, and says how many', () => {
    const sheetRows = verdictRows(10, 0, 'correct', 'incorrect')
    sheetRows[3]!.cells.verdict = ''
    const result = score(sheetRows)
    expect(result.decision).toBe('incomplete')
    expect(result.reviewed).toBe(9)
    expect(result.unreviewed).toBe(1)
    expect(result.rule).toBe('1 of 10 sampled rows have no verdict yet; a decision needs every row reviewed')
  })

  it('is incomplete with nulls when nothing is reviewed', () => {
    const sheetRows = verdictRows(4, 0, '', '')
    const result = score(sheetRows)
    expect(result).toMatchObject({ decision: 'incomplete', reviewed: 0, unreviewed: 4, accuracy: null, wilson: null, lower_bound: null, clopper_pearson: null, cohen_kappa: null })
  })

  it('refuses an unknown verdict, naming the row', () => {
    const sheetRows = verdictRows(6, 0, 'correct', 'incorrect')
    sheetRows[3]!.cells.verdict = 'maybe'
    expect(() => scoreAudit(recordOf(sheetRows), sheetRows, OPTIONS)).toThrow(UserError)
    expect(() => scoreAudit(recordOf(sheetRows), sheetRows, OPTIONS)).toThrow('review.csv: row 5: verdict "maybe"; expected correct or incorrect (正确 or 错误) (blank: not reviewed yet)')
  })

  it('refuses annotation verdicts on a content audit, and content verdicts on an annotation audit', () => {
    const annotation = verdictRows(3, 0, 'correct', 'incorrect')
    expect(() => scoreAudit(recordOf(annotation, { kind: 'content' }), annotation, OPTIONS)).toThrow(/row 2: verdict "correct"; expected pass or fail/)
    const content = verdictRows(3, 0, 'pass', 'fail')
    expect(() => scoreAudit(recordOf(content), content, OPTIONS)).toThrow(/row 2: verdict "pass"; expected correct or incorrect/)
  })

  it('reads the Chinese verdicts as the English ones, in either kind of audit', () => {
    const annotation = rows([{ verdict: '正确' }, { verdict: '错误', corrected_label: 'dog' }, { verdict: 'incorrect', corrected_label: 'dog' }])
    expect(score(annotation)).toMatchObject({ reviewed: 3, defects: 2, corrections: { dog: 2 } })
    const content = verdictRows(4, 0, '合格', '不合格')
    content[0]!.cells.verdict = '不合格'
    expect(scoreAudit(recordOf(content, { kind: 'content' }), content, OPTIONS)).toMatchObject({ reviewed: 4, defects: 1 })
    // 合格 is not an annotation verdict, nor 正确 a content one
    expect(() => scoreAudit(recordOf(content), content, OPTIONS)).toThrow(/row 2: verdict "不合格"; expected correct or incorrect \(正确 or 错误\)/)
  })

  it('reads verdicts case-insensitively', () => {
    const sheetRows = rows([{ verdict: 'Correct' }, { verdict: 'INCORRECT', corrected_label: 'dog' }])
    const result = score(sheetRows)
    expect(result.reviewed).toBe(2)
    expect(result.defects).toBe(1)
  })
})

describe('scoreAudit: per class, per annotator, confusion, κ and error types (hand-computed)', () => {
  // gold (reviewer) labels: cat, dog, dog, cat, (none), cat; annotator labels: cat, cat, dog, dog, bird, cat
  const sheetRows = rows([
    { label: 'cat', verdict: 'correct', annotator: 'ann1' },
    { label: 'cat', verdict: 'incorrect', corrected_label: 'dog', error_type: 'wrong-class', annotator: 'ann1' },
    { label: 'dog', verdict: 'correct', annotator: 'ann1' },
    { label: 'dog', verdict: 'incorrect', corrected_label: 'cat', error_type: 'wrong-class', annotator: 'ann2' },
    { label: 'bird', verdict: 'incorrect', annotator: 'ann2' },
    { label: 'cat', verdict: 'correct', annotator: 'ann2' },
  ])
  const result = score(sheetRows)

  it('counts accuracy over all reviewed rows', () => {
    expect(result).toMatchObject({ reviewed: 6, unreviewed: 0, defects: 3, accuracy: 0.5 })
  })

  it('groups per class by the reviewer’s label; an incorrect row without correction is "(uncorrected)"', () => {
    expect(Object.keys(result.per_class)).toEqual(['(uncorrected)', 'cat', 'dog'])
    expect(result.per_class.cat).toEqual({ reviewed: 3, correct: 2, accuracy: 2 / 3, wilson: wilsonInterval(2, 3, 0.95) })
    expect(result.per_class.dog).toMatchObject({ reviewed: 2, correct: 1, accuracy: 0.5 })
    expect(result.per_class['(uncorrected)']).toMatchObject({ reviewed: 1, correct: 0, accuracy: 0 })
  })

  it('groups per annotator', () => {
    expect(result.per_annotator).toEqual({
      ann1: { reviewed: 3, correct: 2, accuracy: 2 / 3, wilson: wilsonInterval(2, 3, 0.95) },
      ann2: { reviewed: 3, correct: 1, accuracy: 1 / 3, wilson: wilsonInterval(1, 3, 0.95) },
    })
  })

  it('builds the confusion matrix with rows reviewer, columns annotator, leaving out uncorrected rows', () => {
    expect(result.confusion).toEqual({
      labels: ['cat', 'dog'],
      matrix: [
        [2, 1], // reviewer cat: annotator said cat twice, dog once
        [1, 1], // reviewer dog: annotator said cat once, dog once
      ],
    })
  })

  it('computes Cohen’s κ annotator vs reviewer: p_o = 3/5, p_e = 13/25, κ = 1/6', () => {
    expect(result.cohen_kappa).toBeCloseTo(1 / 6, 12)
  })

  it('counts error types of the incorrect rows, blank as "(unspecified)"', () => {
    expect(result.error_types).toEqual({ '(unspecified)': 1, 'wrong-class': 2 })
  })

  it('has no content-audit fields', () => {
    expect(result).toMatchObject({ harmful_rate: null, harmful_upper_bound: null, source_rejected: null, weighted_accuracy: null })
  })

  it('gives κ = null when annotator and reviewer use a single category (no expected disagreement)', () => {
    expect(score(rows([{}, {}, {}])).cohen_kappa).toBeNull()
  })
})

describe('scoreAudit: reviewers', () => {
  it('lists rows reviewed by their own annotator, with an error finding per row', () => {
    const sheetRows = rows([{ annotator: 'alice', reviewer: 'bob' }, { annotator: 'alice', reviewer: 'alice' }, { annotator: 'carol', reviewer: 'bob' }])
    const record = recordOf(sheetRows)
    const result = score(sheetRows, record)
    expect(result.reviewer_is_annotator).toEqual([{ row: 3, item_id: 'item-3', annotator: 'alice' }])
    expect(result.reviewers).toEqual({ alice: 1, bob: 2 })
    const findings = findingsOf(record, result).filter((f) => f.code === 'REVIEWER_IS_ANNOTATOR')
    expect(findings).toEqual([
      {
        code: 'REVIEWER_IS_ANNOTATOR',
        severity: 'error',
        args: { row: 3, item: 'item-3', annotator: 'alice' },
        location: auditLocation(3),
        message: 'row 3: item item-3 was reviewed by its own annotator "alice"; TC260-003 expects reviewer and annotator to differ',
      },
    ])
  })

  it('reports reviewed rows with no reviewer once, with their count (unreviewed rows do not count)', () => {
    const sheetRows = rows([{ reviewer: '' }, { reviewer: '' }, { reviewer: 'bob' }, { reviewer: '', verdict: '' }])
    const record = recordOf(sheetRows)
    const result = score(sheetRows, record)
    expect(result.reviewer_missing).toBe(2)
    expect(result.reviewers).toEqual({ bob: 1 })
    const missing = findingsOf(record, result).filter((f) => f.code === 'REVIEWER_MISSING')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ args: { count: 2, audit: 'audit-0001' }, location: auditLocation() })
    expect(missing[0]!.message).toBe("2 reviewed rows name no reviewer; expected the reviewer's id in the reviewer column")
  })

  it('reports no reviewer findings when every row names another reviewer', () => {
    const sheetRows = rows([{}, {}])
    const record = recordOf(sheetRows)
    const result = score(sheetRows, record)
    expect(result).toMatchObject({ reviewer_is_annotator: [], reviewer_missing: 0, reviewers: { 'rev-1': 2 }, scored_on: '2025-06-01' })
    // the record names no labelling rules, which is all the audit rules have to say
    expect(findingsOf(record, result).map((f) => f.code)).toEqual(['RULES_NOT_DECLARED'])
  })

  it('checks reviewers against the roster when tdgov.yaml has one', () => {
    const config = [
      'dataset: { name: demo, intended_use: research }',
      'annotators:',
      '  - { id: rev-1, role: reviewer, affiliation: internal, trained_on: 2025-03-01, assessment: passed }',
      '  - { id: rev-2, role: reviewer, affiliation: internal, trained_on: 2025-03-01, assessment: failed }',
      '',
    ].join('\n')
    const sheetRows = rows([{ reviewer: 'rev-1' }, { reviewer: 'rev-2' }, { reviewer: 'stranger' }, { reviewer: 'stranger' }])
    const record = recordOf(sheetRows)
    const result = score(sheetRows, record)
    expect(result.reviewers).toEqual({ 'rev-1': 1, 'rev-2': 1, stranger: 2 })
    const findings = findingsOf(record, result, config).filter((f) => f.code.startsWith('ANNOTATOR_'))
    expect(findings.map((f) => [f.code, f.args, f.location])).toEqual([
      ['ANNOTATOR_NOT_IN_ROSTER', { role: 'reviewer', annotator: 'stranger', count: 2 }, auditLocation()],
      ['ANNOTATOR_UNTRAINED', { role: 'reviewer', annotator: 'rev-2', count: 1, reason: 'failed' }, auditLocation()],
    ])
    expect(findings.map((f) => f.message)).toEqual([
      'reviewer "stranger" (2 items) is not in the annotators roster of tdgov.yaml',
      'reviewer "rev-2" (1 items) failed the assessment after training',
    ])
  })
})

describe('scoreAudit: content audits (TC260-003 §5.1)', () => {
  const content = (fails: number, options: Partial<ScoreOptions> = {}) => {
    const sheetRows = verdictRows(4000, fails, 'pass', 'fail')
    return score(sheetRows, recordOf(sheetRows, { kind: 'content', population: 100_000, plan: { method: 'fixed-size', size: 4000 } }), options)
  }

  it('accepts 3,850 pass of 4,000 (pass rate 96.25 % ≥ 96 %)', () => {
    const result = content(150)
    expect(result.accuracy).toBe(0.9625)
    expect(result.decision).toBe('accept')
    expect(result.rule).toMatch(/^pass rate 96\.\d% ≥ 96\.0% \(TC260-003 §5\.1\); one-sided 95\.0% lower bound/)
    expect(result.harmful_rate).toBe(150 / 4000)
    expect(result.source_rejected).toBe(false)
    expect(result.harmful_upper_bound).toBeCloseTo(1 - wilsonLowerBound(3850, 4000, 0.95), 12)
    expect(result.thresholds).toEqual({ target_accuracy: null, pass_rate_min: 0.96, harmful_rate_max: 0.05 })
  })

  it('rejects 3,830 pass of 4,000 (95.75 % < 96 %) without rejecting the source', () => {
    const result = content(170)
    expect(result.decision).toBe('reject')
    expect(result.rule).toMatch(/^pass rate 95\.\d% < 96\.0%/)
    expect(result.source_rejected).toBe(false)
  })

  it('accepts exactly 96 % (3,840 of 4,000)', () => {
    expect(content(160).decision).toBe('accept')
  })

  it('rejects 201 fails of 4,000 (5.025 % harmful) and rejects the source', () => {
    const result = content(201)
    expect(result.harmful_rate).toBe(201 / 4000)
    expect(result.source_rejected).toBe(true)
    expect(result.decision).toBe('reject')
    expect(result.rule).toBe('harmful share 5.0% exceeds 5.0%: the source must not be used (TC260-003 §5.1)')
  })

  it('does not call exactly 5 % harmful (200 of 4,000) "more than 5 %"', () => {
    const strict = content(200)
    expect(strict.source_rejected).toBe(false)
    expect(strict.decision).toBe('reject')
    expect(strict.rule).toMatch(/^pass rate 95\.0% < 96\.0%/)
    // with a 95 % pass-rate threshold the same sheet passes: 5 % harmful is at, not above, the limit
    const lenient = content(200, { passRateMin: 0.95 })
    expect(lenient.decision).toBe('accept')
    expect(lenient.source_rejected).toBe(false)
  })

  it('has no per-class, per-annotator, confusion or κ, and counts fail rows by risk category', () => {
    const sheetRows = rows([
      { verdict: 'pass' },
      { verdict: 'fail', error_type: 'violence' },
      { verdict: 'fail', error_type: 'violence' },
      { verdict: 'fail' },
    ])
    const result = score(sheetRows, recordOf(sheetRows, { kind: 'content' }))
    expect(result.per_class).toEqual({})
    expect(result.confusion).toEqual({ labels: [], matrix: [] })
    expect(result.cohen_kappa).toBeNull()
    expect(result.error_types).toEqual({ '(no risk category)': 1, violence: 2 })
    expect(result.per_annotator).toEqual({})
  })
})

describe('scoreAudit: weighted accuracy of a stratified sample', () => {
  // strata: cat 900 units (5 sampled, 4 correct), dog 100 units (5 sampled, 2 correct)
  const units = Array.from({ length: 10 }, (_, i) => ({
    item_id: `item-${i + 2}`,
    annotator: 'ann-a',
    label: i < 5 ? 'cat' : 'dog',
    preview: '',
    stratum: i < 5 ? 'cat' : 'dog',
  }))
  const record = makeRecord(units, { population: 1000, strata: { cat: { units: 900, sampled: 5 }, dog: { units: 100, sampled: 5 } } })
  const incorrect = new Set([4, 7, 8, 9])
  const sheetRows = units.map((u, i) => reviewedRow(i + 2, { item_id: u.item_id, label: u.label, verdict: incorrect.has(i) ? 'incorrect' : 'correct' }))

  it('weights each stratum’s accuracy by its population share: 0.9 × 0.8 + 0.1 × 0.4 = 0.76', () => {
    const result = score(sheetRows, record)
    expect(result.accuracy).toBe(0.6)
    expect(result.weighted_accuracy).toBeCloseTo(0.76, 12)
    // Σ W_h² (1 − n_h/N_h) p_h(1 − p_h)/(n_h − 1) = 0.81·(1 − 5/900)·0.16/4 + 0.01·(1 − 5/100)·0.24/4
    const variance = 0.81 * (1 - 5 / 900) * (0.16 / 4) + 0.01 * (1 - 5 / 100) * (0.24 / 4)
    const half = 1.959963984540054 * Math.sqrt(variance)
    expect(result.weighted_interval![0]).toBeCloseTo(0.76 - half, 12)
    expect(result.weighted_interval![1]).toBe(Math.min(1, 0.76 + half)) // clipped to [0, 1]
    expect(result.verification_ratio).toBe(10 / 1000)
  })

  it('weights over the strata reviewed so far', () => {
    const partial = sheetRows.map((r, i) => (i < 5 ? r : { row: r.row, cells: { ...r.cells, verdict: '' } }))
    expect(score(partial, record).weighted_accuracy).toBeCloseTo(0.8, 12)
  })

  it('is null for an unstratified sample', () => {
    expect(score(sheetRows).weighted_accuracy).toBeNull()
  })
})

describe('scoreAudit: corrections and risk categories against the declared label set', () => {
  const config = `dataset: {name: t, intended_use: research}
labelling_rules:
  - {id: animals, version: "1", kind: functional, labels: [cat, dog], document: rules.md}
  - {id: risks, version: "1", kind: safety, labels: [violence, fraud], document: risks.md}
`
  const withRules = (record: AuditRecord, id: string): AuditRecord => ({ ...record, rules: { id, version: '1', kind: 'x', document: 'd', sha256: null } })

  it('reports a corrected label outside the functional rules, once per label with its count', () => {
    const sheetRows = rows([
      { label: 'cat', verdict: 'incorrect', corrected_label: 'bird' },
      { label: 'cat', verdict: 'incorrect', corrected_label: 'bird' },
      { label: 'dog', verdict: 'incorrect', corrected_label: 'cat' },
      { label: 'dog', verdict: 'correct' },
    ])
    const record = withRules(recordOf(sheetRows), 'animals')
    const result = score(sheetRows, record)
    expect(result.corrections).toEqual({ bird: 2, cat: 1 })
    const undeclared = findingsOf(record, result, config).filter((f) => f.code === 'LABEL_UNDECLARED')
    expect(undeclared.map((f) => [f.args, f.location])).toEqual([[{ label: 'bird', count: 2, rules: 'animals' }, auditLocation()]])
    expect(undeclared.map((f) => f.message)).toEqual(['label "bird" (2 times) is not in the label set of rules "animals"'])
  })

  it('reports a risk category outside the safety rules in a content audit', () => {
    const sheetRows = rows([
      { verdict: 'fail', error_type: 'violence' },
      { verdict: 'fail', error_type: 'spam' },
      { verdict: 'pass' },
    ])
    const record = withRules(recordOf(sheetRows, { kind: 'content' }), 'risks')
    const result = score(sheetRows, record)
    expect(result.corrections).toEqual({ spam: 1, violence: 1 })
    const undeclared = findingsOf(record, result, config).filter((f) => f.code === 'LABEL_UNDECLARED')
    expect(undeclared.map((f) => [f.args, f.location])).toEqual([[{ label: 'spam', count: 1, rules: 'risks' }, auditLocation()]])
    expect(undeclared.map((f) => f.message)).toEqual(['label "spam" (once) is not in the label set of rules "risks"'])
  })
})
