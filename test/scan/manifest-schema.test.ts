import { readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FINDING_CODES } from '../../src/findings/codes.js'
import { manifestSchema, type Manifest } from '../../src/records/manifest-schema.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** A small tree with every kind of entry: record formats, compressed, binary, empty, broken, links. */
function writeTreeWithEverything(root: string): void {
  const jsonl = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: i, text: `样本 ${i}`, tag: i % 2 ? null : 'x' })).join('\n') + '\n'
  writeTree(root, {
    'train.jsonl': jsonl,
    'train.jsonl.gz': gzipSync(jsonl),
    'table.csv': 'a,b\n1,"two\nlines"\n3,4,5\n',
    'table.tsv': 'a\tb\n1\t2\n',
    'splits.json': JSON.stringify({ train: [{ q: 1 }], test: [{ q: 2 }] }),
    'columns.json': JSON.stringify({ text: ['a', 'b'], label: [1, null] }),
    'scalar.json': '42',
    'notes.txt': 'hello\n',
    'README.md': '# Dataset card\n',
    'LICENSE': 'Apache-2.0\n',
    'blob.bin': Buffer.from([0, 1, 2, 3, 255]),
    'empty.jsonl': '',
    'bad.jsonl': '{"a":1}\n{"a": x}\n\n',
    'bad-utf8.txt': Buffer.from([0x61, 0x80, 0x0a]),
    'fake.parquet': Buffer.from('PAR1 not really parquet'),
  })
  symlinkSync('.', path.join(root, 'loop'))
  symlinkSync('missing', path.join(root, 'broken'))
}

describe('manifest schema', () => {
  let manifest: unknown
  let document: string

  beforeAll(async () => {
    const root = makeTempDir()
    writeTreeWithEverything(root)
    const result = await runCli(['scan', root, '--json'])
    expect(result.status, result.stderr).toBe(0)
    document = result.stdout
    expect(readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8')).toBe(document)
    manifest = JSON.parse(document)
  })

  it('validates against the zod manifestSchema', () => {
    const parsed = manifestSchema.safeParse(manifest)
    expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true)
  })

  it('exercises the optional parts of the schema: records, schema, sampled fields, findings of every severity', () => {
    const m = manifest as Manifest
    expect(m.files.some((f) => f.records !== undefined)).toBe(true)
    expect(m.files.some((f) => f.records === undefined)).toBe(true)
    expect(m.files.some((f) => f.schema !== undefined)).toBe(true)
    expect(m.files.some((f) => f.compression === 'gzip')).toBe(true)
    expect(m.findings.length).toBeGreaterThan(0)
    const severities = new Set([...m.findings, ...m.files.flatMap((f) => f.findings)].map((f) => f.severity))
    expect([...severities]).toEqual(expect.arrayContaining(['error', 'warning']))
    for (const finding of m.files.flatMap((f) => f.findings)) expect(FINDING_CODES).toContain(finding.code)
  })

  it('rejects a manifest with an unknown key, a bad digest or a negative count', () => {
    const m = manifest as Manifest
    expect(manifestSchema.safeParse({ ...m, extra: true }).success).toBe(false)
    expect(manifestSchema.safeParse({ ...m, fingerprint: 'abc' }).success).toBe(false)
    const files = m.files.map((f, i) => (i === 0 ? { ...f, bytes: -1 } : f))
    expect(manifestSchema.safeParse({ ...m, files }).success).toBe(false)
    const findings = [{ ...m.findings[0]!, code: 'NOT_A_CODE' }]
    expect(manifestSchema.safeParse({ ...m, findings }).success).toBe(false)
  })

  it('is the parsed document with keys in manifest order', () => {
    const parsed = manifestSchema.parse(manifest)
    expect(Object.keys(parsed)).toEqual(['manifest', 'version', 'tool', 'scan', 'config', 'fingerprint', 'totals', 'sources', 'licences', 'content', 'diversity', 'files', 'findings'])
    expect(Object.keys(manifest as object)).toEqual(Object.keys(parsed))
  })
})
