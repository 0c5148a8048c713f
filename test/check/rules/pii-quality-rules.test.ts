import { afterAll, describe, expect, it } from 'vitest'
import { duplicateRateHigh } from '../../../src/check/rules/duplicate-rate-high.js'
import { piiDensityHigh } from '../../../src/check/rules/pii-density-high.js'
import { piiWithoutBasis } from '../../../src/check/rules/pii-without-basis.js'
import type { FindingLocation } from '../../../src/findings/finding.js'
import { configAt, contentSummary, DATASET, file, fileAt, records, removeTempDirs, run, sourceSummary, yaml } from './records.js'

afterAll(removeTempDirs)

/** The rule does not promise an order between sources: compare by the file pointed at. */
function byPath<T extends [string, unknown, FindingLocation]>(findings: T[]): T[] {
  const key = (l: FindingLocation): string => (l.kind === 'file' ? l.path : '')
  return [...findings].sort((a, b) => (key(a[2]) < key(b[2]) ? -1 : key(a[2]) > key(b[2]) ? 1 : 0))
}

describe('PII_WITHOUT_BASIS', () => {
  const config = yaml(
    DATASET,
    'sources:',
    '  - { id: none, name: none, kind: self-collected, personal_information: none, paths: ["none/**"] }',
    '  - { id: consent, name: consent, kind: user-input, personal_information: consent, paths: ["consent/**"] }',
    '  - { id: silent, name: silent, kind: self-collected, paths: ["silent/**"] }',
  )

  it('fires per file of a source without a basis, with that file’s own counts, and per undeclared file', () => {
    const files = [
      file('consent/1.jsonl', 'consent', { pii: { records: 10, densityPer10k: 5000, counts: { email: 5 } } }),
      file('none/0.jsonl', 'none', { pii: { records: 10 } }),
      file('none/1.jsonl', 'none', { pii: { records: 10, densityPer10k: 2000, counts: { email: 2 } } }),
      file('none/2.jsonl', 'none', { pii: { records: 10, densityPer10k: 4000, counts: { 'cn-mobile': 3, email: 1 } } }),
      file('silent/1.jsonl', 'silent', { pii: { records: 10, densityPer10k: 1000, counts: { ipv4: 1 } } }),
      file('stray.jsonl', null, { pii: { records: 10, densityPer10k: 1000, counts: { 'cn-resident-id': 1 } } }),
    ]
    expect(byPath(run(piiWithoutBasis, records({ config, manifest: { files } })))).toEqual([
      ['PII_WITHOUT_BASIS', { types: 'email ×2', source: 'none', basis: 'none' }, fileAt('none/1.jsonl')],
      ['PII_WITHOUT_BASIS', { types: 'email ×1, cn-mobile ×3', source: 'none', basis: 'none' }, fileAt('none/2.jsonl')],
      ['PII_WITHOUT_BASIS', { types: 'ipv4 ×1', source: 'silent' }, fileAt('silent/1.jsonl')],
      ['PII_WITHOUT_BASIS', { types: 'cn-resident-id ×1' }, fileAt('stray.jsonl')],
    ])
  })

  it('pins each count on the file that holds it: e-mails of one file are not reported at another', () => {
    // the case of the issue: a numeric CSV first in the source, the e-mails in another file
    const files = [
      file('none/a-numbers.csv', 'none', { format: 'csv', pii: { records: 200 } }),
      file('none/b-contacts.csv', 'none', { format: 'csv', pii: { records: 200, densityPer10k: 250, counts: { email: 5 } } }),
      file('none/c-notes.jsonl', 'none', { pii: { records: 10, densityPer10k: 1000, counts: { 'cn-mobile': 1 } } }),
    ]
    const findings = run(piiWithoutBasis, records({ config, manifest: { files } }))
    expect(findings).toEqual([
      ['PII_WITHOUT_BASIS', { types: 'email ×5', source: 'none', basis: 'none' }, fileAt('none/b-contacts.csv')],
      ['PII_WITHOUT_BASIS', { types: 'cn-mobile ×1', source: 'none', basis: 'none' }, fileAt('none/c-notes.jsonl')],
    ])
  })

  it('does not fire for personal information under a declared basis, or files without any', () => {
    const files = [
      file('consent/1.jsonl', 'consent', { pii: { records: 10, densityPer10k: 5000, counts: { email: 5 } } }),
      file('none/1.jsonl', 'none', { pii: { records: 10 } }),
      file('silent/1.jsonl', 'silent'),
      file('stray.jsonl', null, { pii: { records: 10, counts: {} } }),
    ]
    expect(run(piiWithoutBasis, records({ config, manifest: { files } }))).toEqual([])
  })
})

describe('PII_DENSITY_HIGH', () => {
  const config = yaml(DATASET, 'policy:', '  pii_density_max: 100')
  const at = configAt('policy.pii_density_max', 3, 20)

  it('fires for the source above the threshold, not the one at it', () => {
    const header = { sources: [sourceSummary('a', { densityPer10k: 150.5 }), sourceSummary('b', { densityPer10k: 100 }), sourceSummary('c')] }
    expect(run(piiDensityHigh, records({ config, manifest: { header } }))).toEqual([['PII_DENSITY_HIGH', { source: 'a', density: 150.5, max: 100 }, at]])
  })

  it('does not fire under the threshold, or without the policy', () => {
    const header = { sources: [sourceSummary('a', { densityPer10k: 99.99 }), sourceSummary('b', { densityPer10k: 100 })] }
    expect(run(piiDensityHigh, records({ config, manifest: { header } }))).toEqual([])
    const dense = { sources: [sourceSummary('a', { densityPer10k: 9000 })] }
    expect(run(piiDensityHigh, records({ config: yaml(DATASET), manifest: { header: dense } }))).toEqual([])
  })
})

describe('DUPLICATE_RATE_HIGH', () => {
  const config = yaml(DATASET, 'policy:', '  duplicate_rate_max: 0.05')

  it('fires when the duplicate rate exceeds policy.duplicate_rate_max', () => {
    const header = { content: contentSummary({ records: 400, rate: 0.0625 }) }
    expect(run(duplicateRateHigh, records({ config, manifest: { header } }))).toEqual([
      ['DUPLICATE_RATE_HIGH', { rate: 0.0625, records: 400, max: 0.05 }, configAt('policy.duplicate_rate_max', 3, 23)],
    ])
  })

  it('judges the dataset-wide estimate when the scan drew one, and gives its interval', () => {
    const content = contentSummary({ records: 400, rate: 0.01 })
    const estimate = { method: 'content-hash sample' as const, rate: 0.3, low: 0.29, high: 0.31, confidence: 0.95, threshold: 0.0625, sampledRecords: 6000, sampledDuplicates: 1800, records: 100_000, uncoveredFiles: 0 }
    const header = { content: { ...content, duplicates: { ...content.duplicates, estimate } } }
    expect(run(duplicateRateHigh, records({ config, manifest: { header } }))).toEqual([
      ['DUPLICATE_RATE_HIGH', { rate: 0.3, records: 100_000, max: 0.05, low: 0.29, high: 0.31, exact: false }, configAt('policy.duplicate_rate_max', 3, 23)],
    ])
    // the per-file samples alone (1 %) would not have fired
    const low = { content: { ...content, duplicates: { ...content.duplicates, estimate: { ...estimate, rate: 0.04, low: 0.03, high: 0.05 } } } }
    expect(run(duplicateRateHigh, records({ config, manifest: { header: low } }))).toEqual([])
  })

  it('does not fire at the threshold, or without the policy', () => {
    expect(run(duplicateRateHigh, records({ config, manifest: { header: { content: contentSummary({ records: 400, rate: 0.05 }) } } }))).toEqual([])
    expect(run(duplicateRateHigh, records({ config: yaml(DATASET), manifest: { header: { content: contentSummary({ rate: 0.9 }) } } }))).toEqual([])
  })
})
