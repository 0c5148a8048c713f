/** `parseConfig` on the policy the gate grades by: every problem one line, with a did-you-mean where one is near. */
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/records/load-config.js'
import { UserError } from '../../../src/util/errors.js'
import { DATASET, yaml } from './records.js'

/** The UserError parseConfig throws, as its lines. */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'tdgov.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message.split('\n')
  }
  throw new Error('parseConfig accepted the configuration')
}

describe('parseConfig: policy', () => {
  it('accepts a severity per code, and off with its reason', () => {
    const config = parseConfig(yaml(DATASET, 'policy:', '  severity:', '    UNDECLARED_FILE: error', '    SOURCES_TOO_FEW: { level: off, reason: one source per modality is enough }'), 'tdgov.yaml')
    expect(config.policy.severity).toEqual({ UNDECLARED_FILE: 'error', SOURCES_TOO_FEW: { level: 'off', reason: 'one source per modality is enough' } })
  })

  it('refuses a bare `off`, saying a reason is needed', () => {
    const lines = problems(yaml(DATASET, 'policy:', '  severity:', '    UNDECLARED_FILE: off'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^tdgov\.yaml:4:\d+: policy\.severity\.UNDECLARED_FILE: /)
    expect(lines[0]).toMatch(/reason/)
  })

  it('refuses { level: off } without a reason, saying a reason is needed', () => {
    const lines = problems(yaml(DATASET, 'policy:', '  severity:', '    UNDECLARED_FILE: { level: off }'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/reason/)
  })

  it('refuses an unknown rule code in policy.severity with a did-you-mean', () => {
    const lines = problems(yaml(DATASET, 'policy:', '  severity:', '    UNDECLARED_FILES: error'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^tdgov\.yaml:4:\d+: policy\.severity\.UNDECLARED_FILES: /)
    expect(lines[0]).toContain('did you mean "UNDECLARED_FILE"?')
  })

  it('refuses an unknown rule code in a suppression with a did-you-mean', () => {
    const lines = problems(yaml(DATASET, 'policy:', '  suppressions:', '    - { rule: UNDECLARED_FILES, reason: migrating }'))
    expect(lines).toEqual([expect.stringMatching(/^tdgov\.yaml:4:\d+: policy\.suppressions\[0\]\.rule: .*did you mean "UNDECLARED_FILE"\?$/)])
  })

  it('refuses an unknown key with a did-you-mean', () => {
    expect(problems(yaml(DATASET, 'polcy:', '  duplicate_rate_max: 0.1'))).toEqual([expect.stringMatching(/^tdgov\.yaml:\d+:\d+: polcy: unknown key "polcy"; did you mean "policy"\?$/)])
  })

  it('refuses an unknown key inside policy with a did-you-mean', () => {
    expect(problems(yaml(DATASET, 'policy:', '  duplicate_rate_mx: 0.1'))).toEqual([
      expect.stringMatching(/^tdgov\.yaml:3:\d+: policy\.duplicate_rate_mx: unknown key "duplicate_rate_mx"; did you mean "duplicate_rate_max"\?$/),
    ])
  })

  it('reports several problems in one error, one line each', () => {
    const lines = problems(yaml(DATASET, 'polcy: {}', 'sorces: []'))
    expect(lines).toHaveLength(2)
    expect([...lines].sort()).toEqual([
      expect.stringMatching(/^tdgov\.yaml:2:\d+: polcy: unknown key "polcy"; did you mean "policy"\?$/),
      expect.stringMatching(/^tdgov\.yaml:3:\d+: sorces: unknown key "sorces"; did you mean "sources"\?$/),
    ])
  })

  it('reports problems of different kinds together', () => {
    const lines = problems(yaml(DATASET, 'polcy: {}', 'policy:', '  duplicate_rate_max: 2', '  severity: { UNDECLARED_FILE: fatal }'))
    expect(lines).toHaveLength(3)
    expect(lines.filter((l) => l.includes('polcy'))).toHaveLength(1)
    expect(lines.filter((l) => l.includes('policy.duplicate_rate_max'))).toHaveLength(1)
    expect(lines.filter((l) => l.includes('policy.severity.UNDECLARED_FILE'))).toHaveLength(1)
  })
})
