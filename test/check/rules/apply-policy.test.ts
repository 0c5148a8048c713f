/**
 * `applyPolicy`: severities per rule (off with a reason), suppressions still in force (with path
 * globs), and the baseline, whose fingerprints ignore line numbers.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { applyPolicy } from '../../../src/check/apply-policy.js'
import { findingFingerprint } from '../../../src/check/fingerprint.js'
import { suppressionExpired } from '../../../src/check/rules/suppression-expired.js'
import { makeFinding, type Finding, type FindingLocation } from '../../../src/findings/finding.js'
import { parseConfig } from '../../../src/records/load-config.js'
import { DATASET, records, removeTempDirs, run, yaml } from './records.js'

afterAll(removeTempDirs)

const TODAY = new Date('2025-06-01T12:00:00Z')

function policyOf(...lines: string[]) {
  return parseConfig(yaml(DATASET, 'policy:', ...lines), 'tdgov.yaml').policy
}

const undeclared = (filePath: string): Finding => makeFinding({ code: 'UNDECLARED_FILE', location: { kind: 'file', path: filePath } })
const tooFew = (line: number): Finding =>
  makeFinding({
    code: 'SOURCES_TOO_FEW',
    args: { modality: 'audio', count: 1, sources: ['synth'], min: 2 },
    location: { kind: 'config', path: 'tdgov.yaml', yamlPath: 'policy.min_sources_per_cell', line, column: 25 },
  })
const notCommercial = makeFinding({
  code: 'LICENCE_NOT_FOR_COMMERCIAL_USE',
  args: { source: 'qa', kind: 'open-source', use: 'non-commercial', licence: 'CC-BY-NC-4.0' },
  location: { kind: 'config', path: 'tdgov.yaml', yamlPath: 'sources[2]', line: 38, column: 5 },
})

/** [code, severity, place] of the counted findings. */
function counted(outcome: ReturnType<typeof applyPolicy>): [string, string, FindingLocation][] {
  return outcome.findings.map((f) => [f.code, f.severity, f.location])
}
function setAside(outcome: ReturnType<typeof applyPolicy>): [string, string, string][] {
  return outcome.setAside.map((s) => [s.finding.code, s.by, s.reason])
}

describe('applyPolicy: severities', () => {
  it('counts a warning as an error when policy.severity says so, and leaves other codes at their default', () => {
    const policy = policyOf('  severity:', '    UNDECLARED_FILE: error')
    expect(undeclared('x.jsonl').severity).toBe('warning')
    const outcome = applyPolicy([undeclared('x.jsonl'), tooFew(3)], policy, null, TODAY)
    expect(counted(outcome)).toEqual([
      ['UNDECLARED_FILE', 'error', { kind: 'file', path: 'x.jsonl' }],
      ['SOURCES_TOO_FEW', 'warning', tooFew(3).location],
    ])
    expect(outcome.setAside).toEqual([])
  })

  it('takes the level of the { level, reason } form', () => {
    const outcome = applyPolicy([tooFew(3)], policyOf('  severity:', '    SOURCES_TOO_FEW: { level: info, reason: one synthetic source is enough here }'), null, TODAY)
    expect(counted(outcome)).toEqual([['SOURCES_TOO_FEW', 'info', tooFew(3).location]])
  })

  it('sets a rule at { level: off, reason } aside, by "off", with its reason', () => {
    const outcome = applyPolicy([undeclared('x.jsonl'), tooFew(3)], policyOf('  severity:', '    UNDECLARED_FILE: { level: off, reason: scratch files are not training data }'), null, TODAY)
    expect(counted(outcome).map(([code]) => code)).toEqual(['SOURCES_TOO_FEW'])
    expect(setAside(outcome)).toEqual([['UNDECLARED_FILE', 'off', 'scratch files are not training data']])
  })
})

describe('applyPolicy: suppressions', () => {
  const suppressed = policyOf('  suppressions:', '    - { rule: LICENCE_NOT_FOR_COMMERCIAL_USE, paths: [tdgov.yaml], reason: kept to show the finding, until: 2025-06-30 }')

  it('suppresses a finding before its until date and on that day', () => {
    for (const today of [TODAY, new Date('2025-06-30T23:00:00Z')]) {
      const outcome = applyPolicy([notCommercial], suppressed, null, today)
      expect(outcome.findings).toEqual([])
      expect(setAside(outcome)).toEqual([['LICENCE_NOT_FOR_COMMERCIAL_USE', 'suppression', 'kept to show the finding']])
    }
  })

  it('counts the finding again after its until date, and SUPPRESSION_EXPIRED says so', () => {
    const after = new Date('2025-07-01T00:00:00Z')
    const outcome = applyPolicy([notCommercial], suppressed, null, after)
    expect(counted(outcome)).toEqual([['LICENCE_NOT_FOR_COMMERCIAL_USE', 'error', notCommercial.location]])
    expect(outcome.setAside).toEqual([])
    const config = yaml(DATASET, 'policy:', '  suppressions:', '    - { rule: LICENCE_NOT_FOR_COMMERCIAL_USE, paths: [tdgov.yaml], reason: kept to show the finding, until: 2025-06-30 }')
    expect(run(suppressionExpired, records({ config, today: after }))).toEqual([
      [
        'SUPPRESSION_EXPIRED',
        { rule: 'LICENCE_NOT_FOR_COMMERCIAL_USE', reason: 'kept to show the finding', until: '2025-06-30' },
        { kind: 'config', path: 'tdgov.yaml', yamlPath: 'policy.suppressions[0]', line: 4, column: 7 },
      ],
    ])
  })

  it('covers only the findings whose paths match its globs, and only its rule', () => {
    const policy = policyOf('  suppressions:', '    - { rule: UNDECLARED_FILE, paths: ["scratch/**"], reason: scratch area }')
    const outcome = applyPolicy([undeclared('scratch/a.jsonl'), undeclared('scratch/deep/b.jsonl'), undeclared('data/c.jsonl'), tooFew(3)], policy, null, TODAY)
    expect(counted(outcome).map(([code, , where]) => [code, where])).toEqual([
      ['SOURCES_TOO_FEW', tooFew(3).location],
      ['UNDECLARED_FILE', { kind: 'file', path: 'data/c.jsonl' }],
    ])
    expect(outcome.setAside.map((s) => [s.by, s.finding.location])).toEqual([
      ['suppression', { kind: 'file', path: 'scratch/a.jsonl' }],
      ['suppression', { kind: 'file', path: 'scratch/deep/b.jsonl' }],
    ])
  })

  it('without paths, covers every finding of its rule', () => {
    const policy = policyOf('  suppressions:', '    - { rule: UNDECLARED_FILE, reason: migrating }')
    const outcome = applyPolicy([undeclared('a.jsonl'), undeclared('b/c.jsonl')], policy, null, TODAY)
    expect(outcome.findings).toEqual([])
    expect(setAside(outcome)).toEqual([
      ['UNDECLARED_FILE', 'suppression', 'migrating'],
      ['UNDECLARED_FILE', 'suppression', 'migrating'],
    ])
  })
})

describe('applyPolicy: baseline', () => {
  const baseline = new Set([findingFingerprint(undeclared('old.jsonl')), findingFingerprint(tooFew(78))])

  it('sets aside a finding in the baseline and counts a new one', () => {
    const outcome = applyPolicy([undeclared('old.jsonl'), undeclared('new.jsonl')], null, baseline, TODAY)
    expect(counted(outcome)).toEqual([['UNDECLARED_FILE', 'warning', { kind: 'file', path: 'new.jsonl' }]])
    expect(setAside(outcome)).toEqual([['UNDECLARED_FILE', 'baseline', 'in .tdgov/baseline.json']])
  })

  it('matches the same finding on another line: fingerprints ignore line numbers', () => {
    expect(findingFingerprint(tooFew(80))).toBe(findingFingerprint(tooFew(78)))
    const outcome = applyPolicy([tooFew(80)], null, baseline, TODAY)
    expect(outcome.findings).toEqual([])
    expect(setAside(outcome)).toEqual([['SOURCES_TOO_FEW', 'baseline', 'in .tdgov/baseline.json']])
  })

  it('does not match the same code with other args or at another place', () => {
    const otherArgs = makeFinding({ ...tooFew(78), args: { modality: 'image', count: 1, sources: ['synth'], min: 2 } })
    const outcome = applyPolicy([otherArgs, undeclared('old2.jsonl')], null, baseline, TODAY)
    expect(outcome.findings.map((f) => f.code)).toEqual(['SOURCES_TOO_FEW', 'UNDECLARED_FILE'])
  })
})
