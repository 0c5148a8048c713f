import { describe, expect, it } from 'vitest'
import { FindingCollector, makeFinding, toFinding } from '../../src/findings/finding.js'
import type { FileEntry } from '../../src/records/manifest-schema.js'
import { toFileRecord } from '../../src/scan/file-record.js'
import { summariseFindings, trueCounts } from '../../src/scan/finding-summary.js'

/** An entry with its keys in manifest order: `findings` last, as the scan writes it. */
function entry(path: string, findings: FileEntry['findings'], extra: Partial<FileEntry> = {}): ReturnType<typeof toFileRecord> {
  return toFileRecord({ path, bytes: 1, sha256: '0'.repeat(64), format: 'jsonl', compression: null, modality: 'text', records: 1, ...extra, findings })
}

/** What the JSONL reader keeps of `bad` invalid lines: the first ten, then one FINDINGS_CAPPED. */
function capped(path: string, bad: number): FileEntry['findings'] {
  const collector = new FindingCollector()
  for (let line = 1; line <= bad; line++) collector.add({ code: 'JSONL_INVALID_LINE', line, args: { reason: 'unexpected character' } })
  return collector.result().map((draft) => toFinding(path, draft))
}

describe('summariseFindings', () => {
  it('adds what FINDINGS_CAPPED left out to its code, labelled apart, across files', () => {
    const files = [entry('a.jsonl', capped('a.jsonl', 1000)), entry('b.jsonl', capped('b.jsonl', 25)), entry('c.jsonl', capped('c.jsonl', 3))]
    const groups = summariseFindings([makeFinding({ code: 'CONFIG_MISSING', location: { kind: 'dataset' } })], files)
    // by hand: 10 + 10 + 3 kept; 990 + 15 left out
    expect(groups.map((g) => [g.code, g.severity, g.listed, g.capped])).toEqual([
      ['JSONL_INVALID_LINE', 'error', 23, 1005],
      ['FINDINGS_CAPPED', 'info', 2, 0],
      ['CONFIG_MISSING', 'info', 1, 0],
    ])
    expect(trueCounts(groups)).toEqual({ counts: { error: 1028, warning: 0, info: 3 }, capped: 1005 })
  })

  it('keeps the first three of each code as examples, dataset findings first, then files in path order', () => {
    const blank = (path: string, line: number) => toFinding(path, { code: 'JSONL_BLANK_LINE', line })
    const groups = summariseFindings([], [entry('a.jsonl', [blank('a.jsonl', 4), blank('a.jsonl', 9)]), entry('b.jsonl', [blank('b.jsonl', 1), blank('b.jsonl', 2)])])
    expect(groups).toHaveLength(1)
    expect(groups[0]!.listed).toBe(4)
    expect(groups[0]!.examples.map((f) => f.location)).toEqual([
      { kind: 'file', path: 'a.jsonl', line: 4 },
      { kind: 'file', path: 'a.jsonl', line: 9 },
      { kind: 'file', path: 'b.jsonl', line: 1 },
    ])
  })

  it('reads the findings of an entry whose content has a key named "findings"', () => {
    const withKey = entry('x.jsonl', [toFinding('x.jsonl', { code: 'JSONL_BLANK_LINE', line: 2 })], {
      content: { records: 1, empty: 0, duplicates: 0, languages: {}, licences: { a: 1, findings: 2 } },
    })
    expect(summariseFindings([], [withKey]).map((g) => [g.code, g.listed])).toEqual([['JSONL_BLANK_LINE', 1]])
  })

  it('orders by severity, then by count, most first, then by code', () => {
    const f = (code: 'JSONL_BLANK_LINE' | 'JSONL_NOT_OBJECT' | 'UTF8_INVALID', line: number) => toFinding('a.jsonl', { code, line, args: { type: 'array' } })
    const groups = summariseFindings([], [entry('a.jsonl', [f('JSONL_NOT_OBJECT', 1), f('JSONL_BLANK_LINE', 2), f('JSONL_BLANK_LINE', 3), f('UTF8_INVALID', 4)])])
    expect(groups.map((g) => g.code)).toEqual(['UTF8_INVALID', 'JSONL_BLANK_LINE', 'JSONL_NOT_OBJECT'])
  })
})
