import { describe, expect, it } from 'vitest'
import type { FileEntry, UrlFactsEntry } from '../../src/records/manifest-schema.js'
import { CRAWLED_METHOD, crawledOf } from '../../src/report/crawled.js'

const FROM = 'derived:manifest.files[].content.urls'
const Z = 1.959964

function file(path: string, records: number, analysed: number, urls: UrlFactsEntry): FileEntry {
  return {
    path,
    bytes: 1000,
    sha256: '0'.repeat(64),
    format: 'jsonl',
    compression: null,
    modality: 'text',
    records,
    content: { records: analysed, empty: 0, duplicates: 0, languages: {}, urls },
    findings: [],
  }
}

const none = { records: 0, bytes: 0, bytesSquared: 0 }
const est = (value: number, low: number, high: number) => ({ kind: 'estimated', value, low, high, confidence: 0.95, method: CRAWLED_METHOD, from: FROM })
const measured = (value: number) => ({ kind: 'measured', value, from: FROM })

describe('the crawled domains of the report', () => {
  it('scales a sampled file by records / analysed, with the interval worked out by hand', () => {
    // a.jsonl: 4 of 10 records analysed; x.com in two of them (10 and 20 bytes), one more URL without a domain (5 bytes).
    // b.jsonl: both of its 2 records analysed: x.com 40 bytes, y.com 50 bytes.
    const a = file('a.jsonl', 10, 4, { recordsWithUrl: 3, domains: [{ domain: 'x.com', records: 2, bytes: 30, bytesSquared: 10 ** 2 + 20 ** 2 }], noDomain: { records: 1, bytes: 5, bytesSquared: 25 } })
    const b = file('b.jsonl', 2, 2, {
      recordsWithUrl: 2,
      domains: [
        { domain: 'y.com', records: 1, bytes: 50, bytesSquared: 2500 },
        { domain: 'x.com', records: 1, bytes: 40, bytesSquared: 1600 },
      ],
      noDomain: none,
    })
    // x.com bytes: a: 10/4 × 30 = 75, s² = (500 − 30²/4) / 3 = 91.67, variance 10² × (1 − 4/10) × 91.67 / 4 = 1,375;
    //   with b's 40: 115 ± 1.96 × √1375 = 115 ± 72.68 → [42.3, 187.7], floored at the 70 bytes seen → [70, 188].
    // x.com records: a: 2.5 × 2 = 5, s² = (2 − 4/4) / 3 = 1/3, variance 60 × (1/3) / 4 = 5; with b: 6 ± 4.38 → [1.6, 10.4] → [3, 11].
    // records with a URL: a: 2.5 × 3 = 7.5, s² = (3 − 9/4) / 3 = 0.25, variance 3.75; with b: 9.5 ± 3.80 → [5.7, 13.3] → [5, 14], shown as 10.
    // no domain: records 2.5 ± 3.80 → 3 [1, 7]; bytes 12.5, s² = (25 − 25/4) / 3 = 6.25, variance 93.75 → ± 18.98 → 13 [5, 32].
    expect(crawledOf([a, b], 'crawled-sources', { z: Z, confidence: 0.95 })).toEqual({
      scope: 'crawled-sources',
      files: 2,
      records: 12,
      analysed: 6,
      recordsWithUrl: est(10, 5, 14),
      domains: [
        { domain: 'x.com', bytes: est(115, 70, 188), records: est(6, 3, 11), top10pct: true },
        { domain: 'y.com', bytes: est(50, 50, 50), records: est(1, 1, 1), top10pct: false },
      ],
      distinctDomains: 2,
      top10pctDomains: 1,
      noDomain: { records: est(3, 1, 7), bytes: est(13, 5, 32) },
      otherBytes: est(0, 0, 0),
      from: FROM,
    })
  })

  it('counts when every record was analysed, and marks ceil(10%) of the domains, folded ones included', () => {
    // 12 listed domains and 9 folded in the file: 21 distinct, the top 10% being ceil(2.1) = 3.
    const domains = Array.from({ length: 12 }, (_, i) => ({ domain: `d${String(i).padStart(2, '0')}.org`, records: 1, bytes: 100 - i, bytesSquared: (100 - i) ** 2 }))
    const f = file('c.jsonl', 21, 21, { recordsWithUrl: 21, domains, noDomain: none, other: { domains: 9, records: 9, bytes: 90, bytesSquared: 900 } })
    const crawled = crawledOf([f], 'data-files', { z: Z, confidence: 0.95 })!
    expect(crawled.domains.filter((d) => d.top10pct).map((d) => d.domain)).toEqual(['d00.org', 'd01.org', 'd02.org'])
    expect(crawled.domains[0]).toEqual({ domain: 'd00.org', bytes: measured(100), records: measured(1), top10pct: true })
    expect(crawled).toMatchObject({ distinctDomains: 21, top10pctDomains: 3, otherBytes: measured(90), recordsWithUrl: measured(21) })
  })

  it('is null when no analysed record has a URL field, and gives at least one top domain', () => {
    const plain: FileEntry = { ...file('d.jsonl', 3, 3, { recordsWithUrl: 0, domains: [], noDomain: none }), content: { records: 3, empty: 0, duplicates: 0, languages: {} } }
    expect(crawledOf([plain], 'data-files', { z: Z, confidence: 0.95 })).toBeNull()
    const one = file('e.jsonl', 1, 1, { recordsWithUrl: 1, domains: [{ domain: 'a.com', records: 1, bytes: 9, bytesSquared: 81 }], noDomain: none })
    expect(crawledOf([one], 'data-files', { z: Z, confidence: 0.95 })).toMatchObject({ top10pctDomains: 1, domains: [{ domain: 'a.com', top10pct: true }] })
  })
})
