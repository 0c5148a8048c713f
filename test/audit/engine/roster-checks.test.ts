import { describe, expect, it } from 'vitest'
import { checkLabelsAndAnnotators, checkPeople, DEFAULT_TRAINING_VALID_DAYS, untrainedReason } from '../../../src/audit/roster-checks.js'
import type { Config } from '../../../src/records/config-schema.js'
import { parseConfig } from '../../../src/records/load-config.js'

const TODAY = new Date('2025-06-01T09:30:00Z')

function config(extra: string[] = []): Config {
  return parseConfig(
    [
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
      ...extra,
    ].join('\n'),
    'tdgov.yaml',
  )
}

const CONFIG = config()
const RULES = CONFIG.labelling_rules[0]!

function check(labels: Record<string, number>, annotators: Record<string, number>, cfg: Config | null = CONFIG, rules = cfg?.labelling_rules[0] ?? null) {
  return checkLabelsAndAnnotators({ path: 'export.json', labels, annotators, rules, config: cfg, today: TODAY })
}

describe('checkLabelsAndAnnotators: labels', () => {
  it('reports each label outside the rules’ label set with its count (LABEL_UNDECLARED)', () => {
    const findings = check({ cat: 10, dog: 4, hamster: 2, Cat: 1 }, {})
    expect(findings).toEqual([
      { code: 'LABEL_UNDECLARED', severity: 'warning', path: 'export.json', message: 'label "hamster" (2 times) is not in the label set of rules "func-v1"' },
      { code: 'LABEL_UNDECLARED', severity: 'warning', path: 'export.json', message: 'label "Cat" (once) is not in the label set of rules "func-v1"' },
    ])
  })

  it('accepts declared labels, including numbers YAML read as numbers', () => {
    expect(RULES.labels).toEqual(['cat', 'dog', '3'])
    expect(check({ cat: 1, dog: 1, '3': 1 }, {})).toEqual([])
  })

  it('says the rules are not declared (RULES_NOT_DECLARED) when there are none, and checks no labels', () => {
    const findings = check({ anything: 5 }, {}, CONFIG, null)
    expect(findings.map((f) => f.code)).toEqual(['RULES_NOT_DECLARED'])
    expect(findings[0]!.severity).toBe('info')
  })

  it('without tdgov.yaml reports only the missing rules', () => {
    expect(check({ x: 1 }, { nobody: 3 }, null, null).map((f) => f.code)).toEqual(['RULES_NOT_DECLARED'])
  })
})

describe('checkLabelsAndAnnotators: annotators', () => {
  it('accepts a trained annotator with a passed assessment', () => {
    expect(check({}, { alice: 12 })).toEqual([])
  })

  it('reports an annotator missing from the roster (ANNOTATOR_NOT_IN_ROSTER)', () => {
    expect(check({}, { mallory: 7 })).toEqual([
      { code: 'ANNOTATOR_NOT_IN_ROSTER', severity: 'warning', path: 'export.json', message: 'annotator "mallory" (7 items) is not in the annotators roster of tdgov.yaml' },
    ])
  })

  it('reports ANNOTATOR_UNTRAINED for no training date, lapsed training, a failed and a pending or missing assessment', () => {
    const findings = check({}, { bob: 1, carol: 2, dave: 3, erin: 4, frank: 5 })
    expect(findings.map((f) => f.code)).toEqual(Array(5).fill('ANNOTATOR_UNTRAINED'))
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
    expect(findings.map((f) => f.message.split('"')[1])).toEqual(['bob', 'mallory', 'zed'])
  })

  it('counts training valid for 365 days by default: exactly 365 days ago is valid, 366 is lapsed', () => {
    expect(DEFAULT_TRAINING_VALID_DAYS).toBe(365)
    expect(check({}, { '4711': 1 })).toEqual([]) // 2024-06-01, 365 days before 2025-06-01
    expect(check({}, { gina: 1 }).map((f) => f.message)).toEqual([
      'annotator "gina" (1 items) was last trained on 2024-05-31, 366 days ago (training is valid for 365 days)',
    ])
  })

  it('uses policy.training_valid_days when set', () => {
    const strict = config(['policy:', '  training_valid_days: 100'])
    // alice: 2025-01-10 is 142 days before today
    const findings = checkLabelsAndAnnotators({ path: 'x', labels: {}, annotators: { alice: 1 }, rules: strict.labelling_rules[0]!, config: strict, today: TODAY })
    expect(findings.map((f) => f.message)).toEqual(['annotator "alice" (1 items) was last trained on 2025-01-10, 142 days ago (training is valid for 100 days)'])
  })

  it('skips roster checks when tdgov.yaml lists no annotators', () => {
    const noRoster = parseConfig('dataset: { name: demo, intended_use: research }\n', 'tdgov.yaml')
    expect(checkLabelsAndAnnotators({ path: 'x', labels: {}, annotators: { anyone: 3 }, rules: RULES, config: noRoster, today: TODAY })).toEqual([])
  })
})

describe('checkPeople and untrainedReason', () => {
  it('names the role it checks', () => {
    const findings = checkPeople('review.csv', { mallory: 2, dave: 1 }, 'reviewer', CONFIG, TODAY)
    expect(findings.map((f) => f.message)).toEqual([
      'reviewer "dave" (1 items) failed the assessment after training',
      'reviewer "mallory" (2 items) is not in the annotators roster of tdgov.yaml',
    ])
    expect(findings.every((f) => f.path === 'review.csv')).toBe(true)
  })

  it('does not count a training date that is no calendar date (2025-13-01) as valid training', () => {
    const person = { id: 'p', role: 'annotator' as const, affiliation: 'internal' as const, trained_on: '2025-13-01', assessment: 'passed' as const }
    expect(untrainedReason(person, 365, TODAY)).toBe('has a training date that is not a calendar date (2025-13-01)')
    // tdgov.yaml itself refuses such a date, naming the place
    expect(() => config(['  - { id: hank, role: annotator, affiliation: internal, trained_on: 2025-02-30, assessment: passed }'])).toThrow(
      /trained_on: expected a real calendar date as YYYY-MM-DD/,
    )
  })

  it('reports a lapse before a failed assessment, and accepts training later than today', () => {
    const person = { id: 'p', role: 'annotator' as const, affiliation: 'internal' as const, trained_on: '2020-01-01', assessment: 'failed' as const }
    expect(untrainedReason(person, 365, TODAY)).toMatch(/^was last trained on 2020-01-01/)
    expect(untrainedReason({ ...person, trained_on: '2025-07-01', assessment: 'passed' }, 365, TODAY)).toBeNull()
  })
})
