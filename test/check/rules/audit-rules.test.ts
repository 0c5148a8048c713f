/**
 * The rules `audit sample` and `audit score` compute from the record they write (AUDIT_RULES),
 * over hand-made audit records. Without a manifest every audit counts; with one, an audit of an
 * earlier version of a file is history and says nothing.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { annotatorNotInRoster } from '../../../src/check/rules/annotator-not-in-roster.js'
import { annotatorUntrained } from '../../../src/check/rules/annotator-untrained.js'
import { auditRecordInconsistent } from '../../../src/check/rules/audit-record-inconsistent.js'
import { auditUnitsRepeated } from '../../../src/check/rules/audit-units-repeated.js'
import { makeFinding } from '../../../src/findings/finding.js'
import { labelUndeclared } from '../../../src/check/rules/label-undeclared.js'
import { reviewerIsAnnotator } from '../../../src/check/rules/reviewer-is-annotator.js'
import { reviewerMissing } from '../../../src/check/rules/reviewer-missing.js'
import { rulesDocumentMissing } from '../../../src/check/rules/rules-document-missing.js'
import { rulesNotDeclared } from '../../../src/check/rules/rules-not-declared.js'
import { audit, auditAt, configAt, DATASET, file, fileAt, records, removeTempDirs, run, scored, sha, yaml } from './records.js'

afterAll(removeTempDirs)

const SENTIMENT = { id: 'sentiment', version: '1', kind: 'functional', document: 'rules.md', sha256: null }

describe('RULES_NOT_DECLARED', () => {
  const config = yaml(DATASET)

  it('fires for an annotation audit that names no labelling rules', () => {
    const audits = [audit({ id: 'a-1' }), audit({ id: 'a-2', rules: SENTIMENT }), audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }] })]
    expect(run(rulesNotDeclared, records({ config, audits }))).toEqual([['RULES_NOT_DECLARED', { audit: 'a-1' }, auditAt('a-1')]])
  })

  it('does not fire for audits under rules, content audits, or an audit of an earlier version of the export', () => {
    const audits = [audit({ id: 'a-2', rules: SENTIMENT }), audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }] })]
    expect(run(rulesNotDeclared, records({ config, audits }))).toEqual([])
    const history = [audit({ id: 'a-old', inputs: [{ path: 'ann/export.json', sha256: sha('earlier export') }] })]
    expect(run(rulesNotDeclared, records({ config, audits: history, manifest: { files: [file('ann/export.json', null)] } }))).toEqual([])
  })
})

describe('RULES_DOCUMENT_MISSING', () => {
  const config = yaml(
    DATASET, //                         1
    'labelling_rules:', //              2
    '  - id: present', //               3
    '    version: "1"', //              4
    '    kind: functional', //          5
    '    labels: [pos, neg]', //        6
    '    document: rules/present.md', //7
    '  - id: absent', //                8
    '    version: "1"', //              9
    '    kind: safety', //              10
    '    labels: [safe, unsafe]', //    11
    '    document: rules/absent.md', // 12
  )

  it('fires for the rules whose document does not exist, at its document key', () => {
    expect(run(rulesDocumentMissing, records({ config, tree: { 'rules/present.md': '# rules\n' } }))).toEqual([
      ['RULES_DOCUMENT_MISSING', { rules: 'absent', document: 'rules/absent.md', reason: 'missing' }, configAt('labelling_rules[1].document', 12, 15)],
    ])
  })

  it('does not fire when every document exists', () => {
    expect(run(rulesDocumentMissing, records({ config, tree: { 'rules/present.md': '# rules\n', 'rules/absent.md': '# safety\n' } }))).toEqual([])
  })
})

describe('LABEL_UNDECLARED', () => {
  const config = yaml(DATASET, 'labelling_rules:', '  - { id: sentiment, version: "1", kind: functional, labels: [positive, negative], document: rules.md }')
  const tree = { 'rules.md': '# sentiment\n' }

  it('fires for export labels (at the exports) and corrections (at the record), code-unit order; content audits only for corrections', () => {
    const audits = [
      audit({ id: 'a-1', rules: SENTIMENT, labels: { positive: 5, neutral: 2, Negative: 1 }, result: scored({ corrections: { neutral: 1, negative: 2 } }) }),
      audit({ id: 'c-1', kind: 'content', source: 'web', inputs: [{ path: 'web/1.jsonl' }], rules: SENTIMENT, labels: { spam: 3 }, result: scored({ corrections: { toxic: 1 } }) }),
      // rules tdgov.yaml does not declare: nothing to check against
      audit({ id: 'a-2', rules: { ...SENTIMENT, id: 'other' }, labels: { whatever: 1 } }),
      audit({ id: 'a-3', rules: SENTIMENT, inputs: [{ path: 'ann/p1.json' }, { path: 'ann/p2.json' }], labels: { bogus: 4 } }),
    ]
    expect(run(labelUndeclared, records({ config, tree, audits }))).toEqual([
      ['LABEL_UNDECLARED', { label: 'Negative', count: 1, rules: 'sentiment' }, fileAt('ann/export.json')],
      ['LABEL_UNDECLARED', { label: 'neutral', count: 2, rules: 'sentiment' }, fileAt('ann/export.json')],
      ['LABEL_UNDECLARED', { label: 'neutral', count: 1, rules: 'sentiment' }, auditAt('a-1')],
      ['LABEL_UNDECLARED', { label: 'toxic', count: 1, rules: 'sentiment' }, auditAt('c-1')],
      ['LABEL_UNDECLARED', { label: 'bogus', count: 4, rules: 'sentiment' }, { kind: 'files', paths: ['ann/p1.json', 'ann/p2.json'] }],
    ])
  })

  it('does not fire when every label and correction is declared', () => {
    const audits = [audit({ id: 'a-1', rules: SENTIMENT, labels: { positive: 5, negative: 2 }, result: scored({ corrections: { negative: 1 } }) })]
    expect(run(labelUndeclared, records({ config, tree, audits }))).toEqual([])
  })
})

const PERSON = 'affiliation: internal, trained_on: 2025-01-10, assessment: passed'

describe('ANNOTATOR_NOT_IN_ROSTER', () => {
  const config = yaml(DATASET, 'annotators:', `  - { id: ann-1, role: annotator, ${PERSON} }`, `  - { id: rev-1, role: reviewer, ${PERSON} }`)

  it('fires for an annotator of the export (at the export) and a reviewer of the sheet (at the record) not in the roster', () => {
    const audits = [audit({ id: 'a-1', annotators: { 'ann-2': 4, 'ann-1': 10 }, result: scored({ reviewers: { 'rev-2': 3, 'rev-1': 5 } }) })]
    expect(run(annotatorNotInRoster, records({ config, audits }))).toEqual([
      ['ANNOTATOR_NOT_IN_ROSTER', { role: 'annotator', annotator: 'ann-2', count: 4 }, fileAt('ann/export.json')],
      ['ANNOTATOR_NOT_IN_ROSTER', { role: 'reviewer', annotator: 'rev-2', count: 3 }, auditAt('a-1')],
    ])
  })

  it('does not fire when everyone is in the roster, or when no roster is declared', () => {
    const audits = [audit({ id: 'a-1', annotators: { 'ann-1': 10 }, result: scored({ reviewers: { 'rev-1': 5 } }) })]
    expect(run(annotatorNotInRoster, records({ config, audits }))).toEqual([])
    const strangers = [audit({ id: 'a-1', annotators: { x: 1 }, result: scored({ reviewers: { y: 1 } }) })]
    expect(run(annotatorNotInRoster, records({ config: yaml(DATASET), audits: strangers }))).toEqual([])
  })
})

describe('ANNOTATOR_UNTRAINED', () => {
  // Today is 2025-06-01: training on 2024-05-01 is 396 days old.
  const roster = [
    'annotators:',
    '  - { id: ann-a, role: annotator, affiliation: internal, trained_on: 2025-01-10, assessment: passed }',
    '  - { id: ann-b, role: annotator, affiliation: internal }',
    '  - { id: ann-c, role: annotator, affiliation: outsourced, trained_on: 2024-05-01, assessment: passed }',
    '  - { id: ann-d, role: annotator, affiliation: internal, trained_on: 2025-01-10, assessment: failed }',
    '  - { id: ann-e, role: both, affiliation: internal, trained_on: 2025-01-10 }',
  ]
  const audits = [audit({ id: 'a-1', annotators: { 'ann-e': 5, 'ann-d': 4, 'ann-c': 3, 'ann-b': 2, 'ann-a': 1, 'ann-x': 6 }, result: scored({ reviewers: { 'ann-e': 7 } }) })]
  const at = fileAt('ann/export.json')

  it('fires for no date, training older than 365 days, a failed and a pending assessment (annotators, then reviewers)', () => {
    expect(run(annotatorUntrained, records({ config: yaml(DATASET, ...roster), audits }))).toEqual([
      ['ANNOTATOR_UNTRAINED', { role: 'annotator', annotator: 'ann-b', count: 2, reason: 'no-date' }, at],
      ['ANNOTATOR_UNTRAINED', { role: 'annotator', annotator: 'ann-c', count: 3, reason: 'lapsed', trained: '2024-05-01', age: 396, valid: 365 }, at],
      ['ANNOTATOR_UNTRAINED', { role: 'annotator', annotator: 'ann-d', count: 4, reason: 'failed' }, at],
      ['ANNOTATOR_UNTRAINED', { role: 'annotator', annotator: 'ann-e', count: 5, reason: 'pending' }, at],
      ['ANNOTATOR_UNTRAINED', { role: 'reviewer', annotator: 'ann-e', count: 7, reason: 'pending' }, auditAt('a-1')],
    ])
  })

  it('uses policy.training_valid_days: 396 days is valid under 400', () => {
    const findings = run(annotatorUntrained, records({ config: yaml(DATASET, ...roster, 'policy: { training_valid_days: 400 }'), audits }))
    expect(findings.map(([, args]) => args.annotator)).toEqual(['ann-b', 'ann-d', 'ann-e', 'ann-e'])
  })

  it('does not fire when everyone is trained and passed', () => {
    const trained = [audit({ id: 'a-1', annotators: { 'ann-a': 3 }, result: scored({ reviewers: { 'ann-a': 1 } }) })]
    expect(run(annotatorUntrained, records({ config: yaml(DATASET, ...roster), audits: trained }))).toEqual([])
  })
})

describe('REVIEWER_MISSING', () => {
  it('fires for a scored sheet with reviewed rows that name no reviewer', () => {
    const audits = [audit({ id: 'a-1', result: scored({ reviewer_missing: 2 }) }), audit({ id: 'a-2', result: scored() }), audit({ id: 'a-3' })]
    expect(run(reviewerMissing, records({ config: yaml(DATASET), audits }))).toEqual([['REVIEWER_MISSING', { count: 2, audit: 'a-1' }, auditAt('a-1')]])
  })

  it('does not fire when every reviewed row names its reviewer', () => {
    expect(run(reviewerMissing, records({ config: yaml(DATASET), audits: [audit({ id: 'a-1', result: scored({ reviewers: { 'rev-1': 10 } }) })] }))).toEqual([])
  })
})

describe('REVIEWER_IS_ANNOTATOR', () => {
  const config = yaml(
    DATASET,
    'annotators:',
    `  - { id: ann-1, role: annotator, ${PERSON} }`,
    `  - { id: rev-1, role: reviewer, ${PERSON} }`,
    `  - { id: both-1, role: both, ${PERSON} }`,
  )

  it('fires for a row reviewed by its own annotator (at the row) and a reviewer whose role is annotator only', () => {
    const result = scored({ reviewer_is_annotator: [{ row: 3, item_id: 'item-7', annotator: 'rev-1' }], reviewers: { 'ann-1': 2, 'rev-1': 5, 'both-1': 1, ghost: 1 } })
    expect(run(reviewerIsAnnotator, records({ config, audits: [audit({ id: 'a-1', result })] }))).toEqual([
      ['REVIEWER_IS_ANNOTATOR', { row: 3, item: 'item-7', annotator: 'rev-1' }, auditAt('a-1', 3)],
      ['REVIEWER_IS_ANNOTATOR', { reviewer: 'ann-1', count: 2 }, auditAt('a-1')],
    ])
  })

  it('does not fire for independent reviewers whose role allows reviewing', () => {
    const result = scored({ reviewers: { 'rev-1': 5, 'both-1': 5 } })
    expect(run(reviewerIsAnnotator, records({ config, audits: [audit({ id: 'a-1', result }), audit({ id: 'a-2' })] }))).toEqual([])
  })
})

describe('AUDIT_RECORD_INCONSISTENT', () => {
  // The hand-made record is a fixed-size plan of 10 over 100 units, its 10 rows ranked by its seed.
  const config = yaml(DATASET)

  it('fires for a record cut below its plan, stale ones too, with the first difference and the count of the rest', () => {
    const cut = audit({ id: 'a-1' })
    cut.record.sample = cut.record.sample.slice(0, 3)
    const padded = audit({ id: 'a-old', inputs: [{ path: 'ann/export.json', sha256: sha('earlier export') }] })
    // A fixed size is its own n (plan_sample_size); a sample_size above it is not what the plan draws.
    padded.record.plan.sample_size = 12
    expect(run(auditRecordInconsistent, records({ config, audits: [cut, padded], manifest: { files: [file('ann/export.json', null)] } }))).toEqual([
      ['AUDIT_RECORD_INCONSISTENT', { audit: 'a-1', check: 'plan', field: 'sample.length', expected: '10', found: '3', more: 0 }, auditAt('a-1')],
      ['AUDIT_RECORD_INCONSISTENT', { audit: 'a-old', check: 'plan', field: 'plan.sample_size', expected: '10', found: '12', more: 1 }, auditAt('a-old')],
    ])
  })

  it('carries what a re-draw at scoring found, as the gate does not read the exports', () => {
    const args = { audit: 'a-1', check: 'redraw', field: 'sample[9]', expected: 'no such row', found: 'item "x"', more: 1 }
    const result = scored({ findings: [makeFinding({ code: 'AUDIT_RECORD_INCONSISTENT', args, location: auditAt('a-1') })] })
    expect(run(auditRecordInconsistent, records({ config, audits: [audit({ id: 'a-1', result })] }))).toEqual([['AUDIT_RECORD_INCONSISTENT', args, auditAt('a-1')]])
  })

  it('does not fire for a record consistent with its plan and seed', () => {
    expect(run(auditRecordInconsistent, records({ config, audits: [audit({ id: 'a-1' }), audit({ id: 'a-2', result: scored() })] }))).toEqual([])
  })
})

describe('AUDIT_UNITS_REPEATED', () => {
  const config = yaml(DATASET)
  const repeats = {
    policy: 'last' as const,
    units: 2,
    copies: 3,
    differing: 1,
    examples: [
      { item_id: 't7', annotator: 'ann-1', occurrences: 3, labels_differ: true, places: ['ann/export.json: line 8', 'ann/export.json: line 40', 'ann/export.json: line 41'] },
      { item_id: 't9', annotator: null, occurrences: 2, labels_differ: false, places: ['ann/export.json: task 9', 'ann/export.json: task 12'] },
    ],
  }

  it("fires once per audit whose exports repeat units, at the first copy's line, with the totals and the policy", () => {
    const repeated = audit({ id: 'a-1' })
    repeated.record.repeats = repeats
    const noLine = audit({ id: 'a-2' })
    noLine.record.repeats = { ...repeats, examples: [repeats.examples[1]!] }
    expect(run(auditUnitsRepeated, records({ config, audits: [repeated, noLine] }))).toEqual([
      ['AUDIT_UNITS_REPEATED', { units: 2, copies: 3, differing: 1, policy: 'last', item: 't7', annotator: 'ann-1', places: 'ann/export.json: line 8, ann/export.json: line 40, ann/export.json: line 41' }, { kind: 'file', path: 'ann/export.json', line: 8 }],
      ['AUDIT_UNITS_REPEATED', { units: 2, copies: 3, differing: 1, policy: 'last', item: 't9', places: 'ann/export.json: task 9, ann/export.json: task 12' }, fileAt('ann/export.json')],
    ])
  })

  it('does not fire without repeats, or for a record from before they were looked for', () => {
    const clean = audit({ id: 'a-1' })
    clean.record.repeats = { policy: 'first', units: 0, copies: 0, differing: 0, examples: [] }
    expect(run(auditUnitsRepeated, records({ config, audits: [clean, audit({ id: 'a-old' })] }))).toEqual([])
  })
})
