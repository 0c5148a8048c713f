import { afterAll, describe, expect, it } from 'vitest'
import { suppressionExpired } from '../../../src/check/rules/suppression-expired.js'
import { configAt, DATASET, records, removeTempDirs, run, yaml } from './records.js'

afterAll(removeTempDirs)

const CONFIG = yaml(
  DATASET, //                        1
  'policy:', //                      2
  '  suppressions:', //              3
  '    - rule: UNDECLARED_FILE', //  4
  '      reason: migrating', //      5
  '      until: 2025-05-31', //      6
  '    - rule: LICENCE_UNKNOWN', //  7
  '      reason: under review', //   8
  '      until: 2025-06-01', //      9
  '    - rule: SOURCES_TOO_FEW', //  10
  '      reason: no end date', //    11
)

describe('SUPPRESSION_EXPIRED', () => {
  it('fires for the suppression whose until is before today (2025-06-01), not the one ending today or without an end', () => {
    expect(run(suppressionExpired, records({ config: CONFIG, today: new Date('2025-06-01T12:00:00Z') }))).toEqual([
      ['SUPPRESSION_EXPIRED', { rule: 'UNDECLARED_FILE', reason: 'migrating', until: '2025-05-31' }, configAt('policy.suppressions[0]', 4, 7)],
    ])
  })

  it('fires for both dated suppressions the day after the later one ends', () => {
    expect(run(suppressionExpired, records({ config: CONFIG, today: new Date('2025-06-02T00:00:00Z') }))).toEqual([
      ['SUPPRESSION_EXPIRED', { rule: 'UNDECLARED_FILE', reason: 'migrating', until: '2025-05-31' }, configAt('policy.suppressions[0]', 4, 7)],
      ['SUPPRESSION_EXPIRED', { rule: 'LICENCE_UNKNOWN', reason: 'under review', until: '2025-06-01' }, configAt('policy.suppressions[1]', 7, 7)],
    ])
  })

  it('does not fire on the last day a suppression applies', () => {
    expect(run(suppressionExpired, records({ config: CONFIG, today: new Date('2025-05-31T23:59:59Z') }))).toEqual([])
  })
})
