import { describe, expect, it } from 'vitest'
import { diffManifests } from '../../src/diff/diff-manifests.js'
import { findingKey } from '../../src/diff/diff-findings.js'
import { manifestSchema } from '../../src/records/manifest-schema.js'
import { buildManifest, ESTIMATE, fileEntry, fileFinding, finding, source } from './build-manifest.js'

describe('build-manifest helper', () => {
  it('builds schema-valid manifests, so the diff is tested on manifests tdgov could read', () => {
    const m = buildManifest([fileEntry('a.jsonl', { source: 'web', findings: [fileFinding('JSONL_BLANK_LINE', 'a.jsonl', {}, 3)] })], {
      sources: [source('web')],
      findings: [finding('CONFIG_MISSING', { kind: 'dataset' })],
    })
    const parsed = manifestSchema.safeParse(m)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  })
})

describe('diffManifests: files', () => {
  it('reports nothing for identical manifests', () => {
    const m = buildManifest([fileEntry('a.jsonl'), fileEntry('b.csv', { format: 'csv', modality: 'tabular' })])
    const diff = diffManifests(m, structuredClone(m))
    expect(diff.files.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 })
    expect(diff.fingerprint.changed).toBe(false)
    expect(diff.config.changed).toBe(false)
    expect(diff.licences).toEqual([])
    expect(diff.undeclaredFiles).toEqual([])
    expect(diff.findings.appeared.count + diff.findings.gone.count).toBe(0)
    expect(diff.totals.overall.delta).toEqual({ files: 0, bytes: 0, records: 0 })
    expect(diff.totals.byModality.every((g) => g.status === 'unchanged')).toBe(true)
  })

  it('lists added, removed and changed files sorted by path, with bytes and records before and after', () => {
    const before = buildManifest([
      fileEntry('keep.jsonl'),
      fileEntry('z-gone.jsonl', { bytes: 40, records: 4 }),
      fileEntry('b-edit.jsonl', { bytes: 100, records: 10, hashed: 'v1' }),
      fileEntry('a-edit.png', { format: 'png', modality: 'image', records: undefined, bytes: 5, hashed: 'v1' }),
    ])
    const after = buildManifest([
      fileEntry('keep.jsonl'),
      fileEntry('b-edit.jsonl', { bytes: 120, records: 12, hashed: 'v2' }),
      fileEntry('a-edit.png', { format: 'png', modality: 'image', records: undefined, bytes: 6, hashed: 'v2' }),
      fileEntry('y-new.jsonl', { bytes: 7, records: 1 }),
      fileEntry('c-new.csv', { format: 'csv', modality: 'tabular', bytes: 8, records: 2 }),
    ])
    const { files } = diffManifests(before, after)
    expect(files.counts).toEqual({ added: 2, removed: 1, changed: 2, unchanged: 1 })
    expect(files.added.map((f) => f.path)).toEqual(['c-new.csv', 'y-new.jsonl'])
    expect(files.added[0]).toEqual({ path: 'c-new.csv', format: 'csv', modality: 'tabular', source: null, bytes: 8, records: 2 })
    expect(files.removed).toEqual([{ path: 'z-gone.jsonl', format: 'jsonl', modality: 'text', source: null, bytes: 40, records: 4 }])
    expect(files.changed.map((f) => f.path)).toEqual(['a-edit.png', 'b-edit.jsonl'])
    expect(files.changed[1]!.before).toMatchObject({ bytes: 100, records: 10 })
    expect(files.changed[1]!.after).toMatchObject({ bytes: 120, records: 12 })
    expect(files.changed[0]!.before.records).toBeNull()
    expect(files.changed[0]!.before.sha256).not.toBe(files.changed[0]!.after.sha256)
  })

  it('reports the fingerprint before and after, and whether the config sha256 changed', () => {
    const config = { file: 'tdgov.yaml', sha256: 'a'.repeat(64) }
    const before = buildManifest([fileEntry('a.jsonl')], { config })
    const same = diffManifests(before, buildManifest([fileEntry('a.jsonl')], { config: { ...config } }))
    expect(same.config.changed).toBe(false)
    const edited = diffManifests(before, buildManifest([fileEntry('a.jsonl', { hashed: 'other' })], { config: { ...config, sha256: 'b'.repeat(64) } }))
    expect(edited.config).toEqual({ before: config, after: { ...config, sha256: 'b'.repeat(64) }, changed: true })
    expect(edited.fingerprint.changed).toBe(true)
    expect(edited.fingerprint.before).toBe(before.fingerprint)
    expect(diffManifests(buildManifest([]), before).config.changed).toBe(true)
  })
})

describe('diffManifests: totals and tokens', () => {
  it('gives deltas overall, by source (NEW order, then removed ones) and by modality (sorted)', () => {
    const before = buildManifest([
      fileEntry('web/a.jsonl', { source: 'web', bytes: 100, records: 10 }),
      fileEntry('old/a.jsonl', { source: 'old', bytes: 50, records: 5 }),
      fileEntry('img.png', { source: 'web', format: 'png', modality: 'image', bytes: 9, records: undefined }),
    ])
    const after = buildManifest([
      fileEntry('web/a.jsonl', { source: 'web', bytes: 130, records: 13, hashed: 'v2' }),
      fileEntry('new/a.csv', { source: 'new', format: 'csv', modality: 'tabular', bytes: 20, records: 2 }),
      fileEntry('img.png', { source: 'web', format: 'png', modality: 'image', bytes: 9, records: undefined }),
      fileEntry('stray.jsonl', { source: null, bytes: 1, records: 1 }),
    ])
    const { totals } = diffManifests(before, after)
    expect(totals.overall.before).toEqual({ files: 3, bytes: 159, records: 15 })
    expect(totals.overall.delta).toEqual({ files: 1, bytes: 1, records: 1 })
    expect(totals.bySource.map((g) => [g.key, g.status])).toEqual([
      ['web', 'changed'],
      ['new', 'added'],
      ['(undeclared)', 'added'],
      ['old', 'removed'],
    ])
    expect(totals.bySource.find((g) => g.key === 'web')!.delta).toEqual({ files: 0, bytes: 30, records: 3 })
    expect(totals.bySource.find((g) => g.key === 'old')!.after).toEqual({ files: 0, bytes: 0, records: 0 })
    expect(totals.byModality.map((g) => [g.key, g.status])).toEqual([
      ['image', 'unchanged'],
      ['tabular', 'added'],
      ['text', 'changed'],
    ])
    expect(totals.bySource.every((g) => g.tokens === null)).toBe(true)
  })

  it('compares exact token totals exactly, and sums exact counts per source and modality', () => {
    const exact = (total: number) => ({ method: 'exact' as const, encoding: 'o200k_base', total })
    const withCount = (path: string, tokens: number, sourceId: string) => {
      const f = fileEntry(path, { source: sourceId, hashed: `${path}:${tokens}` })
      f.content = { records: 10, empty: 0, duplicates: 0, languages: {}, tokens: { exact: tokens } }
      return f
    }
    const before = buildManifest([withCount('a.jsonl', 100, 'web'), withCount('b.jsonl', 50, 'crm')])
    before.content.tokens = exact(150)
    const after = buildManifest([withCount('a.jsonl', 130, 'web'), withCount('b.jsonl', 50, 'crm')])
    after.content.tokens = exact(180)
    const { totals } = diffManifests(before, after)
    expect(totals.overall.tokens).toMatchObject({ basis: 'exact', delta: 30, low: 30, high: 30 })
    expect(totals.overall.tokens.before).toEqual(exact(150))
    expect(totals.bySource.find((g) => g.key === 'web')!.tokens).toEqual({ before: 100, after: 130, delta: 30 })
    expect(totals.bySource.find((g) => g.key === 'crm')!.tokens).toEqual({ before: 50, after: 50, delta: 0 })
    expect(totals.byModality.find((g) => g.key === 'text')!.tokens).toEqual({ before: 150, after: 180, delta: 30 })
  })

  it('says when a token change is an estimate, and bounds it by both intervals', () => {
    const before = buildManifest([fileEntry('a.jsonl')])
    before.content.tokens = { ...ESTIMATE }
    const after = buildManifest([fileEntry('a.jsonl', { hashed: 'v2' })])
    after.content.tokens = { ...ESTIMATE, estimate: 1500, low: 1400, high: 1600 }
    const { tokens } = diffManifests(before, after).totals.overall
    expect(tokens).toMatchObject({ basis: 'estimate', delta: 500, low: 300, high: 700 })
    expect(tokens.after).toEqual({ method: 'estimate', estimator: 'poisson-pps-ratio', encoding: 'o200k_base', estimate: 1500, low: 1400, high: 1600, confidence: 0.95 })
    // An exact side is its own interval.
    after.content.tokens = { method: 'exact', encoding: 'o200k_base', total: 1200 }
    expect(diffManifests(before, after).totals.overall.tokens).toMatchObject({ basis: 'estimate', delta: 200, low: 100, high: 300 })
    expect(diffManifests(before, after).totals.bySource.every((g) => g.tokens === null)).toBe(true)
  })

  it('gives no token change when a side has no count or the encodings differ', () => {
    const counted = buildManifest([fileEntry('a.jsonl')])
    counted.content.tokens = { method: 'exact', encoding: 'o200k_base', total: 10 }
    const uncounted = buildManifest([fileEntry('a.jsonl')])
    expect(diffManifests(uncounted, counted).totals.overall.tokens).toMatchObject({ basis: 'unavailable', before: null, delta: null, low: null, high: null })
    const other = structuredClone(counted)
    other.content.tokens = { method: 'exact', encoding: 'cl100k_base', total: 12 }
    expect(diffManifests(counted, other).totals.overall.tokens).toMatchObject({ basis: 'unavailable', delta: null })
  })
})

describe('diffManifests: licences', () => {
  it('reports declared, detected and use changes per source, and sources added and removed', () => {
    const before = buildManifest([], {
      sources: [
        source('same', { licence: { detected: [{ id: 'MIT', from: ['LICENSE'] }, { id: 'Apache-2.0', from: ['x/LICENSE'] }] } }),
        source('web', { licence: { declared: 'CC-BY-4.0', use: 'commercial' } }),
        source('gone'),
      ],
    })
    const after = buildManifest([], {
      sources: [
        // Detected ids in another order, found in other files: the same terms.
        source('same', { licence: { detected: [{ id: 'Apache-2.0', from: ['LICENSE'] }, { id: 'MIT', from: ['y/LICENSE'] }] } }),
        source('web', {
          licence: { declared: 'CC-BY-NC-4.0', use: 'non-commercial', detected: [{ id: 'CC-BY-NC-4.0', from: ['README.md'] }] },
        }),
        source('fresh', { licence: { declared: null, contract: 'contract 7', use: 'unspecified' } }),
      ],
    })
    const { licences } = diffManifests(before, after)
    expect(licences.map((c) => [c.source, c.change])).toEqual([
      ['web', 'changed'],
      ['fresh', 'added'],
      ['gone', 'removed'],
    ])
    expect(licences[0]).toEqual({
      source: 'web',
      change: 'changed',
      before: { declared: 'CC-BY-4.0', detected: [], use: 'commercial' },
      after: { declared: 'CC-BY-NC-4.0', detected: ['CC-BY-NC-4.0'], use: 'non-commercial' },
      differs: ['declared', 'detected', 'use'],
    })
    expect(licences[1]).toMatchObject({ before: null, after: { declared: null, detected: [], use: 'unspecified' } })
    expect(licences[2]).toMatchObject({ after: null, before: { declared: 'CC-BY-4.0' } })
  })
})

describe('diffManifests: personal information', () => {
  const withPii = (counts: Record<string, number>, examples: Record<string, string[]> = {}) => ({
    records: 10,
    densityPer10k: 1,
    counts,
    examples,
  })

  it('lists types whose count went from none to some, dataset-wide and per source, with counts and never examples', () => {
    const before = buildManifest([], {
      sources: [source('crm', { pii: withPii({ 'cn-mobile': 2, email: 0 }, { 'cn-mobile': ['138****0000'] }) }), source('web')],
    })
    before.content.personalInformation = withPii({ 'cn-mobile': 2 }, { 'cn-mobile': ['138****0000'] })
    const after = buildManifest([], {
      sources: [
        source('crm', { pii: withPii({ email: 3, 'cn-mobile': 5 }, { email: ['a***@example.com'], 'cn-mobile': ['138****0000'] }) }),
        source('web'),
        source('new-src', { pii: withPii({ ipv4: 1 }, { ipv4: ['10.*.*.1'] }) }),
      ],
    })
    after.content.personalInformation = withPii({ email: 3, 'cn-mobile': 5, ipv4: 1 }, { email: ['a***@example.com'], ipv4: ['10.*.*.1'] })
    const diff = diffManifests(before, after)
    expect(diff.personalInformation.dataset).toEqual([
      { type: 'email', count: 3 },
      { type: 'ipv4', count: 1 },
    ])
    expect(diff.personalInformation.bySource).toEqual([
      { source: 'crm', types: [{ type: 'email', count: 3 }] },
      { source: 'new-src', types: [{ type: 'ipv4', count: 1 }] },
    ])
    const json = JSON.stringify(diff)
    expect(json).not.toContain('***')
    expect(json).not.toContain('examples')
  })
})

describe('diffManifests: new undeclared files', () => {
  it('lists data files of no source in NEW that OLD did not have or had in a source', () => {
    const before = buildManifest([
      fileEntry('moved.jsonl', { source: 'web' }),
      fileEntry('still-stray.jsonl', { source: null }),
      fileEntry('unchecked.jsonl'),
      // OLD read no tdgov.yaml for it, so it was not declared there either.
      fileEntry('was-unchecked.jsonl'),
    ])
    const after = buildManifest([
      fileEntry('moved.jsonl', { source: null }),
      fileEntry('still-stray.jsonl', { source: null }),
      fileEntry('unchecked.jsonl', { source: 'web' }),
      fileEntry('was-unchecked.jsonl', { source: null }),
      fileEntry('new.csv', { source: null, format: 'csv', modality: 'tabular', bytes: 3, records: 1 }),
      fileEntry('README.md', { source: null, format: 'document', modality: 'other', records: undefined }),
      fileEntry('no-config.jsonl'),
    ])
    expect(diffManifests(before, after).undeclaredFiles).toEqual([
      { path: 'moved.jsonl', format: 'jsonl', bytes: 100, records: 10, previously: 'declared', previousSource: 'web' },
      { path: 'new.csv', format: 'csv', bytes: 3, records: 1, previously: 'absent', previousSource: null },
    ])
  })
})

describe('diffManifests: findings', () => {
  it('matches findings by code, place and args, not by message or severity, across dataset and file findings', () => {
    const blank = fileFinding('JSONL_BLANK_LINE', 'a.jsonl', {}, 3)
    const mismatch = finding('LICENCE_MISMATCH', { kind: 'config', path: 'tdgov.yaml', line: 4 }, { source: 'web', declared: 'MIT', detected: 'GPL-3.0-only' })
    const before = buildManifest([fileEntry('a.jsonl', { findings: [blank, fileFinding('JSONL_INVALID_LINE', 'a.jsonl', {}, 7)] })], {
      findings: [mismatch, finding('CONFIG_MISSING', { kind: 'dataset' })],
    })
    const after = buildManifest([fileEntry('a.jsonl', { hashed: 'v2', findings: [{ ...blank, message: 'reworded', severity: 'error' }, fileFinding('JSONL_INVALID_LINE', 'a.jsonl', {}, 8)] })], {
      // The same args in another key order; one more finding of a code OLD had once.
      findings: [
        { ...mismatch, args: { detected: 'GPL-3.0-only', declared: 'MIT', source: 'web' } },
        finding('UNDECLARED_FILE', { kind: 'file', path: 'x.jsonl' }),
        finding('UNDECLARED_FILE', { kind: 'file', path: 'y.jsonl' }),
      ],
    })
    const { appeared, gone } = diffManifests(before, after).findings
    expect(appeared.count).toBe(3)
    expect(appeared.byCode).toEqual({ JSONL_INVALID_LINE: 1, UNDECLARED_FILE: 2 })
    expect(appeared.findings.map((f) => [f.code, f.location])).toEqual([
      ['JSONL_INVALID_LINE', { kind: 'file', path: 'a.jsonl', line: 8 }],
      ['UNDECLARED_FILE', { kind: 'file', path: 'x.jsonl' }],
      ['UNDECLARED_FILE', { kind: 'file', path: 'y.jsonl' }],
    ])
    expect(gone.byCode).toEqual({ CONFIG_MISSING: 1, JSONL_INVALID_LINE: 1 })
    expect(gone.findings.find((f) => f.code === 'JSONL_INVALID_LINE')!.location).toEqual({ kind: 'file', path: 'a.jsonl', line: 7 })
  })

  it('counts identical findings as a multiset', () => {
    const f = finding('SOURCES_TOO_FEW', { kind: 'config', path: 'tdgov.yaml' }, { cell: 'text', count: 1, min: 2 })
    const before = buildManifest([], { findings: [f] })
    const after = buildManifest([], { findings: [f, structuredClone(f)] })
    expect(diffManifests(before, after).findings.appeared.count).toBe(1)
    expect(diffManifests(after, before).findings.gone.count).toBe(1)
  })

  it('keys on args values, so a changed value is a finding that went and one that came', () => {
    const a = finding('PII_SENSITIVE', { kind: 'file', path: 'a.jsonl' }, { types: 'bank-card ×1' })
    const b = finding('PII_SENSITIVE', { kind: 'file', path: 'a.jsonl' }, { types: 'bank-card ×2' })
    expect(findingKey(a)).not.toBe(findingKey(b))
    const diff = diffManifests(buildManifest([], { findings: [a] }), buildManifest([], { findings: [b] }))
    expect([diff.findings.appeared.count, diff.findings.gone.count]).toEqual([1, 1])
  })
})
