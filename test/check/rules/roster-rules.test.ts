/**
 * The labelling-rules and roster rules (Art. 8) over hand-built records: labels outside the
 * declared set, annotators and reviewers missing from the roster or untrained, and audits that
 * follow no rules. Ported from the old roster-checks test; the rules now read audit records.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { configRecords } from '../../../src/check/config-records.js'
import type { ManifestHeader, RuleRecords } from '../../../src/check/rule-records.js'
import { annotatorNotInRoster } from '../../../src/check/rules/annotator-not-in-roster.js'
import { annotatorUntrained } from '../../../src/check/rules/annotator-untrained.js'
import { labelUndeclared } from '../../../src/check/rules/label-undeclared.js'
import { DEFAULT_TRAINING_VALID_DAYS, untrainedReason } from '../../../src/check/rules/roster.js'
import { rulesNotDeclared } from '../../../src/check/rules/rules-not-declared.js'
import { runRules } from '../../../src/check/run-rules.js'
import { scoreAudit } from '../../../src/audit/score/score-audit.js'
import { renderMessage } from '../../../src/findings/messages.js'
import type { AuditKind, AuditRecord } from '../../../src/records/audit-record.js'
import { loadConfig, parseConfig } from '../../../src/records/load-config.js'
import { makeRecord, reviewedRow } from '../../audit/engine/engine-helpers.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

const TODAY = new Date('2025-06-01T09:30:00Z')
const RECORD_PATH = '.tdgov/audits/audit-0001.json'
const RULES = [annotatorNotInRoster, annotatorUntrained, labelUndeclared, rulesNotDeclared]

const ROSTER = [
  'dataset:',
  '  name: demo',
  '  intended_use: research',
  'labelling_rules:',
  '  - id: func-v1',
  '    version: 1',
  '    kind: functional',
  '    labels: [cat, dog, 3]',
  '    document: rules/functional.md',
  'annotators:',
  '  - { id: alice, role: annotator, affiliation: internal, trained_on: 2025-01-10, assessment: passed }',
  '  - { id: bob, role: annotator, affiliation: outsourced }',
  '  - { id: carol, role: annotator, affiliation: internal, trained_on: 2023-01-01, assessment: passed }',
  '  - { id: dave, role: annotator, affiliation: internal, trained_on: 2025-02-01, assessment: failed }',
  '  - { id: erin, role: both, affiliation: internal, trained_on: 2025-02-01, assessment: pending }',
  '  - { id: frank, role: annotator, affiliation: internal, trained_on: 2025-02-01 }',
  '  - { id: 4711, role: reviewer, affiliation: internal, trained_on: 2024-06-01, assessment: passed }',
  '  - { id: gina, role: annotator, affiliation: internal, trained_on: 2024-05-31, assessment: passed }',
]

/** The config part of the records, from a project whose tdgov.yaml is `lines` (none when null). */
function projectRecords(lines: string[] | null = ROSTER): RuleRecords {
  const root = makeTempDir()
  if (lines === null) return configRecords(root, null, TODAY)
  writeTree(root, { 'tdgov.yaml': lines.join('\n') + '\n', 'rules/functional.md': '# rules\n' })
  return configRecords(root, loadConfig(root), TODAY)
}

/** An audit record of the export(s) whose population has these label and annotator tallies. */
function auditOf(
  labels: Record<string, number>,
  annotators: Record<string, number>,
  options: { rules?: string | null; kind?: AuditKind; inputs?: string[] } = {},
): AuditRecord {
  const record = makeRecord([{ item_id: 'item-1', annotator: 'alice', label: 'cat', preview: 'text of item-1' }], {
    kind: options.kind ?? 'annotation',
    population: 100,
  })
  const rules = options.rules === undefined ? 'func-v1' : options.rules
  return {
    ...record,
    ...(options.inputs && { inputs: options.inputs.map((p) => ({ ...record.inputs[0]!, path: p })) }),
    rules: rules === null ? null : { id: rules, version: '1', kind: 'functional', document: 'rules/functional.md', sha256: null },
    population: { ...record.population, labels, annotators },
  }
}

function check(labels: Record<string, number>, annotators: Record<string, number>, records = projectRecords(), options: Parameters<typeof auditOf>[2] = {}) {
  return runRules(RULES, { ...records, audits: [{ record: auditOf(labels, annotators, options), path: RECORD_PATH }] })
}

const exportAt = { kind: 'file', path: 'export.jsonl' }
const auditAt = { kind: 'audit', id: 'audit-0001', path: RECORD_PATH }

describe('labelUndeclared and rulesNotDeclared', () => {
  it('reports each label outside the rules’ label set with its count (LABEL_UNDECLARED), at the export, in code-unit order', () => {
    const findings = check({ cat: 10, dog: 4, hamster: 2, Cat: 1 }, {})
    expect(findings).toEqual([
      {
        code: 'LABEL_UNDECLARED',
        severity: 'warning',
        args: { label: 'Cat', count: 1, rules: 'func-v1' },
        location: exportAt,
        message: 'label "Cat" (once) is not in the label set of rules "func-v1"',
      },
      {
        code: 'LABEL_UNDECLARED',
        severity: 'warning',
        args: { label: 'hamster', count: 2, rules: 'func-v1' },
        location: exportAt,
        message: 'label "hamster" (2 times) is not in the label set of rules "func-v1"',
      },
    ])
  })

  it('points at every export an audit sampled', () => {
    const findings = check({ hamster: 2 }, {}, projectRecords(), { inputs: ['a.jsonl', 'b.jsonl'] })
    expect(findings.map((f) => [f.code, f.location])).toEqual([['LABEL_UNDECLARED', { kind: 'files', paths: ['a.jsonl', 'b.jsonl'] }]])
  })

  it('accepts declared labels, including numbers YAML read as numbers', () => {
    const records = projectRecords()
    expect(records.config!.labelling_rules[0]!.labels).toEqual(['cat', 'dog', '3'])
    expect(check({ cat: 1, dog: 1, '3': 1 }, {}, records)).toEqual([])
  })

  it('says an annotation audit follows no rules (RULES_NOT_DECLARED, info, at the audit record), and checks no labels', () => {
    const findings = check({ anything: 5 }, {}, projectRecords(), { rules: null })
    expect(findings.map((f) => [f.code, f.severity, f.args, f.location])).toEqual([['RULES_NOT_DECLARED', 'info', { audit: 'audit-0001' }, auditAt]])
  })

  it('does not ask a content audit for labelling rules', () => {
    expect(check({}, {}, projectRecords(), { rules: null, kind: 'content' })).toEqual([])
  })

  it('without tdgov.yaml reports only the missing rules', () => {
    expect(check({ x: 1 }, { nobody: 3 }, projectRecords(null), { rules: null }).map((f) => f.code)).toEqual(['RULES_NOT_DECLARED'])
    // rules the configuration does not declare cannot be checked either
    expect(check({ x: 1 }, { nobody: 3 }, projectRecords(null))).toEqual([])
  })
})

describe('annotatorNotInRoster and annotatorUntrained: annotators of the export', () => {
  it('accepts a trained annotator with a passed assessment', () => {
    expect(check({}, { alice: 12 })).toEqual([])
  })

  it('reports an annotator missing from the roster (ANNOTATOR_NOT_IN_ROSTER) at the export', () => {
    expect(check({}, { mallory: 7 })).toEqual([
      {
        code: 'ANNOTATOR_NOT_IN_ROSTER',
        severity: 'warning',
        args: { role: 'annotator', annotator: 'mallory', count: 7 },
        location: exportAt,
        message: 'annotator "mallory" (7 items) is not in the annotators roster of tdgov.yaml',
      },
    ])
  })

  it('reports ANNOTATOR_UNTRAINED for no training date, lapsed training, a failed and a pending or missing assessment', () => {
    const findings = check({}, { bob: 1, carol: 2, dave: 3, erin: 4, frank: 5 })
    expect(findings.map((f) => [f.code, f.severity, f.location])).toEqual(Array(5).fill(['ANNOTATOR_UNTRAINED', 'warning', exportAt]))
    expect(findings.map((f) => f.args)).toEqual([
      { role: 'annotator', annotator: 'bob', count: 1, reason: 'no-date' },
      { role: 'annotator', annotator: 'carol', count: 2, reason: 'lapsed', trained: '2023-01-01', age: 882, valid: 365 },
      { role: 'annotator', annotator: 'dave', count: 3, reason: 'failed' },
      { role: 'annotator', annotator: 'erin', count: 4, reason: 'pending' },
      { role: 'annotator', annotator: 'frank', count: 5, reason: 'pending' },
    ])
    expect(findings.map((f) => f.message)).toEqual([
      'annotator "bob" (1 items) has no training date in the roster',
      'annotator "carol" (2 items) was last trained on 2023-01-01, 882 days ago (training is valid for 365 days)',
      'annotator "dave" (3 items) failed the assessment after training',
      'annotator "erin" (4 items) has no passed assessment after training',
      'annotator "frank" (5 items) has no passed assessment after training',
    ])
  })

  it('lists people in id order whatever order the counts come in', () => {
    const findings = check({}, { zed: 1, mallory: 1, bob: 1 })
    // one rule after the other: the strangers first, then bob, who is in the roster untrained
    expect(findings.map((f) => [f.code, f.args.annotator])).toEqual([
      ['ANNOTATOR_NOT_IN_ROSTER', 'mallory'],
      ['ANNOTATOR_NOT_IN_ROSTER', 'zed'],
      ['ANNOTATOR_UNTRAINED', 'bob'],
    ])
  })

  it('counts training valid for 365 days by default: exactly 365 days ago is valid, 366 is lapsed', () => {
    expect(DEFAULT_TRAINING_VALID_DAYS).toBe(365)
    expect(check({}, { '4711': 1 })).toEqual([]) // 2024-06-01, 365 days before 2025-06-01
    const gina = check({}, { gina: 1 })
    expect(gina.map((f) => f.args)).toEqual([{ role: 'annotator', annotator: 'gina', count: 1, reason: 'lapsed', trained: '2024-05-31', age: 366, valid: 365 }])
    expect(gina.map((f) => f.message)).toEqual(['annotator "gina" (1 items) was last trained on 2024-05-31, 366 days ago (training is valid for 365 days)'])
  })

  it('uses policy.training_valid_days when set', () => {
    const strict = projectRecords([...ROSTER, 'policy:', '  training_valid_days: 100'])
    // alice: 2025-01-10 is 142 days before today
    const findings = check({}, { alice: 1 }, strict)
    expect(findings.map((f) => f.args)).toEqual([{ role: 'annotator', annotator: 'alice', count: 1, reason: 'lapsed', trained: '2025-01-10', age: 142, valid: 100 }])
    expect(findings.map((f) => f.message)).toEqual(['annotator "alice" (1 items) was last trained on 2025-01-10, 142 days ago (training is valid for 100 days)'])
  })

  it('skips roster checks when tdgov.yaml lists no annotators', () => {
    const noRoster = projectRecords([...ROSTER.slice(0, ROSTER.indexOf('annotators:'))])
    expect(noRoster.config!.annotators).toEqual([])
    expect(check({}, { anyone: 3 }, noRoster)).toEqual([])
  })

  it('checks only audits of the current data: an audit of another version of a file the manifest lists is history', () => {
    const records = projectRecords()
    const audit = { record: auditOf({ hamster: 1 }, { mallory: 2 }), path: RECORD_PATH }
    const manifest = (sha256: string) => ({
      header: {} as ManifestHeader,
      files: [{ path: 'export.jsonl', bytes: 1234, sha256, format: 'jsonl', modality: 'text', records: 10, pii: null, licence: null }],
    }) as unknown as RuleRecords['manifest']
    expect(runRules(RULES, { ...records, manifest: manifest('b'.repeat(64)), audits: [audit] })).toEqual([])
    expect(runRules(RULES, { ...records, manifest: manifest(audit.record.inputs[0]!.sha256), audits: [audit] }).map((f) => f.code)).toEqual([
      'ANNOTATOR_NOT_IN_ROSTER',
      'LABEL_UNDECLARED',
    ])
  })
})

describe('annotatorNotInRoster and annotatorUntrained: reviewers of the sheet', () => {
  it('names the role it checks and points at the audit record', () => {
    const rows = [reviewedRow(2, { reviewer: 'mallory' }), reviewedRow(3, { reviewer: 'dave' }), reviewedRow(4, { reviewer: 'mallory' })]
    const record = makeRecord(
      rows.map((r) => ({ item_id: r.cells.item_id, annotator: r.cells.annotator, label: r.cells.label, preview: r.cells.preview })),
      { population: 100 },
    )
    const result = scoreAudit(record, rows, {
      confidence: 0.95,
      targetAccuracy: 0.95,
      passRateMin: 0.96,
      harmfulRateMax: 0.05,
      sheet: 'review.csv',
      sheetSha256: 'b'.repeat(64),
      scoredOn: TODAY.toISOString().slice(0, 10),
    })
    const records = projectRecords()
    const findings = runRules([annotatorNotInRoster, annotatorUntrained], { ...records, audits: [{ record: { ...record, result }, path: RECORD_PATH }] })
    expect(findings.map((f) => [f.code, f.args, f.location])).toEqual([
      ['ANNOTATOR_NOT_IN_ROSTER', { role: 'reviewer', annotator: 'mallory', count: 2 }, auditAt],
      ['ANNOTATOR_UNTRAINED', { role: 'reviewer', annotator: 'dave', count: 1, reason: 'failed' }, auditAt],
    ])
    expect(findings.map((f) => f.message)).toEqual([
      'reviewer "mallory" (2 items) is not in the annotators roster of tdgov.yaml',
      'reviewer "dave" (1 items) failed the assessment after training',
    ])
  })
})

describe('untrainedReason', () => {
  const person = { id: 'p', role: 'annotator' as const, affiliation: 'internal' as const, trained_on: '2025-13-01', assessment: 'passed' as const }

  it('does not count a training date that is no calendar date (2025-13-01) as valid training', () => {
    const reason = untrainedReason(person, 365, TODAY)
    expect(reason).toEqual({ reason: 'bad-date', trained: '2025-13-01' })
    expect(renderMessage('ANNOTATOR_UNTRAINED', { role: 'annotator', annotator: 'p', count: 1, ...reason }, 'en')).toBe(
      'annotator "p" (1 items) has a training date that is not a calendar date (2025-13-01)',
    )
    // tdgov.yaml itself refuses such a date, naming the place
    expect(() => parseConfig([...ROSTER, '  - { id: hank, role: annotator, affiliation: internal, trained_on: 2025-02-30, assessment: passed }'].join('\n'), 'tdgov.yaml')).toThrow(
      /trained_on: expected a real calendar date as YYYY-MM-DD/,
    )
  })

  it('reports a lapse before a failed assessment, and accepts training later than today', () => {
    const failed = { ...person, trained_on: '2020-01-01', assessment: 'failed' as const }
    expect(untrainedReason(failed, 365, TODAY)).toEqual({ reason: 'lapsed', trained: '2020-01-01', age: 1978, valid: 365 })
    expect(untrainedReason({ ...failed, trained_on: '2025-07-01', assessment: 'passed' }, 365, TODAY)).toBeNull()
  })
})
