import { describe, expect, it } from 'vitest'
import { RecordStore } from '../../src/scan/record-store.js'
import type { FileRecord } from '../../src/scan/file-record.js'

function record(path: string, extra: Partial<FileRecord> = {}): FileRecord {
  return {
    path,
    sha256: 'ab'.repeat(32),
    bytes: path.length,
    records: 1,
    format: 'jsonl',
    modality: 'text',
    findings: { error: 0, warning: 0, info: 0 },
    factsJson: '{"content":null}',
    tokenBytes: 10,
    tokenKey: 0.5,
    tokenSample: null,
    json: JSON.stringify({ path, note: 'x'.repeat(50) }),
    ...extra,
  }
}

// Paths in an order a walk might give them, with names that sort differently by code unit than by
// locale, a tab, a newline and a non-BMP character (all legal in file names).
const PATHS = ['b/2.jsonl', 'a/10.jsonl', 'a/9.jsonl', 'B/1.jsonl', 'é.jsonl', 'tab\tname', 'new\nline', '😀.jsonl', 'a/1.jsonl', 'z']

describe('RecordStore', () => {
  it.each([
    ['held in memory', 1 << 20],
    ['spilled a record or two at a time', 150],
  ])('gives every record back in code-unit path order, on every pass, when %s', (_label, budget) => {
    const store = new RecordStore(budget)
    try {
      PATHS.forEach((p, i) => store.add(record(p, { bytes: i }), i % 3 === 0 ? null : { size: i, mtimeMs: 1700000000000.125 + i }))
      const expected = [...PATHS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      for (let pass = 0; pass < 2; pass++) {
        const got = [...store.files()]
        expect(got.map((f) => f.record.path)).toEqual(expected)
        for (const { record: r, key } of got) {
          const i = PATHS.indexOf(r.path)
          expect(r.bytes).toBe(i)
          expect(r.json).toBe(JSON.stringify({ path: r.path, note: 'x'.repeat(50) }))
          expect(key).toEqual(i % 3 === 0 ? null : { size: i, mtimeMs: 1700000000000.125 + i })
        }
      }
      expect(store.size).toBe(PATHS.length)
    } finally {
      store.close()
    }
  })

  it('reads back a token sample set after the record was stored', () => {
    const store = new RecordStore(100)
    try {
      for (const p of PATHS) store.add(record(p), null)
      const sample = { n: 2, sumX: 30, sumY: 7, sumXX: 500, sumYY: 25, sumXY: 110 } as unknown as NonNullable<FileRecord['tokenSample']>
      store.setTokenSample('a/9.jsonl', sample)
      const samples = [...store.files()].map((f) => [f.record.path, f.record.tokenSample] as const).filter(([, s]) => s !== null)
      expect(samples).toEqual([['a/9.jsonl', sample]])
    } finally {
      store.close()
    }
  })

  it('keeps records added after a pass in order with the rest', () => {
    const store = new RecordStore(1 << 20)
    try {
      store.add(record('m'), null)
      store.add(record('c'), null)
      expect([...store.files()].map((f) => f.record.path)).toEqual(['c', 'm'])
      store.add(record('a'), null)
      expect([...store.files()].map((f) => f.record.path)).toEqual(['a', 'c', 'm'])
    } finally {
      store.close()
    }
  })
})
