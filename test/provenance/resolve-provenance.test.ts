import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/records/load-config.js'
import type { FileRecord } from '../../src/scan/file-record.js'
import { toFileRecord, withFacts } from '../../src/scan/file-record.js'
import type { FileEntry } from '../../src/records/manifest-schema.js'
import { resolveProvenance } from '../../src/provenance/resolve-provenance.js'

function file(path: string, extra: Partial<FileEntry> = {}): FileRecord {
  return toFileRecord({ path, bytes: 10, sha256: '0'.repeat(64), format: 'jsonl', compression: null, modality: 'text', records: 1, findings: [], ...extra })
}

const doc = (path: string, ids: string[]): FileRecord =>
  file(path, { format: 'document', modality: 'other', records: undefined, licence: { from: 'licence-text', stated: ids, ids } })

function resolve(yaml: string, files: FileRecord[]): ReturnType<typeof resolveProvenance> {
  const config = parseConfig(yaml, 'tdgov.yaml')
  return resolveProvenance({ config, locate: () => null, file: 'tdgov.yaml', sha256: 'f'.repeat(64) }, withFacts([...files].sort((a, b) => (a.path < b.path ? -1 : 1))))
}

// These are the facts; the findings about them are the scan rules' (test/check/rules/provenance-rules.test.ts).

describe('resolveProvenance', () => {
  it('applies the nearest licence statement: a folder licence overrides the dataset one', () => {
    const result = resolve(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - { id: b, name: B, kind: self-collected, paths: ["b/**"] }`,
      [doc('LICENSE', ['MIT']), doc('b/LICENSE', ['CC-BY-NC-4.0']), file('a/x.jsonl'), file('b/y.jsonl'), file('b/deeper/z.jsonl')],
    )
    const [a, b] = result.sources
    expect(a!.licence.detected).toEqual([{ id: 'MIT', from: ['LICENSE'] }])
    expect(b!.licence.detected).toEqual([{ id: 'CC-BY-NC-4.0', from: ['b/LICENSE'] }])
    expect(b!.licence.use).toBe('non-commercial')
    expect(result.sourceOf.get('b/deeper/z.jsonl')).toBe('b')
    // facts only: what is wrong with them is for the rules
    expect(result.findings).toEqual([])
  })

  it('treats an unknown licence as restrictive', () => {
    const result = resolve(
      `dataset: { name: d, intended_use: commercial }
sources:
  - { id: a, name: A, kind: open-source, license: LicenseRef-internal-terms, paths: ["a/**"] }`,
      [file('a/x.jsonl')],
    )
    expect(result.sources[0]!.licence).toMatchObject({ declared: 'LicenseRef-internal-terms', detected: [], use: 'unspecified' })
    expect(result.findings).toEqual([])
  })

  it('summarises each kind of source with what it declares', () => {
    const result = resolve(
      `dataset: { name: d, intended_use: internal }
base_models: [{ name: m }]
sources:
  - { id: os, name: O, kind: open-source, paths: ["o/**"] }
  - { id: co, name: C, kind: commercial, paths: ["c/**"] }
  - { id: cr, name: R, kind: crawled, license: CC-BY-4.0, crawl: { robots_respected: true }, paths: ["r/**"] }
  - { id: sy, name: S, kind: synthetic, paths: ["s/**"] }`,
      [file('o/1.jsonl'), file('c/1.jsonl'), file('r/1.jsonl'), file('s/1.jsonl')],
    )
    expect(result.sources.map((s) => [s.id, s.kind, s.files, s.licence.declared, s.licence.contract])).toEqual([
      ['os', 'open-source', 1, null, null],
      ['co', 'commercial', 1, null, null],
      ['cr', 'crawled', 1, 'CC-BY-4.0', null],
      ['sy', 'synthetic', 1, null, null],
    ])
    expect(Object.keys(result.byKind)).toEqual(['commercial', 'crawled', 'open-source', 'synthetic'])
    expect(result.byOrigin.unspecified).toEqual({ files: 4, bytes: 40, records: 4 })
    expect(result.findings).toEqual([])
  })

  it('counts sources per text language and media type, tables as text', () => {
    const zh = { records: 10, empty: 0, duplicates: 0, languages: { zh: 10 } }
    const en = { records: 10, empty: 0, duplicates: 0, languages: { en: 9, zh: 1 } }
    const result = resolve(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - { id: b, name: B, kind: self-collected, paths: ["b/**"] }`,
      [file('a/t.jsonl', { content: zh }), file('b/t.csv', { format: 'csv', modality: 'tabular', content: en }), file('b/p.png', { format: 'png', modality: 'image' })],
    )
    expect(result.diversity).toEqual([
      { modality: 'image', language: null, sources: ['b'] },
      { modality: 'text', language: 'en', sources: ['b'] },
      { modality: 'text', language: 'zh', sources: ['a', 'b'] },
    ])
    expect(result.sources.map((s) => [s.id, s.languages, s.modalities])).toEqual([
      ['a', { zh: 10 }, { text: 1 }],
      ['b', { en: 9, zh: 1 }, { image: 1, tabular: 1 }],
    ])
  })

  it('needs no source for documentation, and tallies undeclared data files apart', () => {
    const result = resolve(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }`,
      [doc('README.md', []), file('a/x.jsonl'), file('b/y.jsonl')],
    )
    expect([...result.sourceOf]).toEqual([
      ['README.md', null],
      ['a/x.jsonl', 'a'],
      ['b/y.jsonl', null],
    ])
    expect(result.bySource).toEqual({
      a: { files: 1, bytes: 10, records: 1 },
      '(undeclared)': { files: 1, bytes: 10, records: 1 },
      '(documentation)': { files: 1, bytes: 10, records: 0 },
    })
  })
})
