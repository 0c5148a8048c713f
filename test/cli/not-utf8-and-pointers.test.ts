import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { ANNEX_MISSING_TARGET, LFS_POINTER, writePointerTree } from '../helpers/pointer-tree.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const ENCODINGS = path.join(REPO_ROOT, 'test', 'fixtures', 'encodings')

async function scanTo(root: string, ...args: string[]): Promise<Manifest> {
  const out = path.join(makeTempDir(), 'manifest.json')
  const result = await runCli(['scan', root, '--no-cache', '--out', out, ...args])
  expect(result.status, result.stderr + result.stdout).toBe(0)
  return JSON.parse(readFileSync(out, 'utf8')) as Manifest
}

function entry(manifest: Manifest, relPath: string): FileEntry {
  const found = manifest.files.find((f) => f.path === relPath)
  if (!found) throw new Error(`${relPath} is not in the manifest`)
  return found
}

const codes = (e: FileEntry): string[] => e.findings.map((f) => f.code)

/** What the analysis of a file says, beside the facts that differ between encodings of the same text. */
function readAs(e: FileEntry): unknown {
  const content = e.content ? { ...e.content, contentBytes: undefined } : undefined
  return { format: e.format, modality: e.modality, records: e.records, schema: e.schema, content, pii: e.pii }
}

describe('tdgov scan on text that is not UTF-8 (test/fixtures/encodings)', () => {
  let manifest: Manifest

  beforeAll(async () => {
    manifest = await scanTo(ENCODINGS)
  })

  it.each([
    ['table.utf16le-bom.csv', 'utf-16le', 'table.utf8.csv'],
    ['table.utf16be-bom.csv', 'utf-16be', 'table.utf8.csv'],
    ['table.utf16le.csv', 'utf-16le', 'table.utf8.csv'],
    ['table.gbk.csv', 'gb18030', 'table.utf8.csv'],
    ['excel-unicode.txt', 'utf-16le', 'excel-unicode.utf8.txt'],
    ['notes.gbk.txt', 'gb18030', 'notes.utf8.txt'],
    ['records.gbk.jsonl', 'gb18030', 'records.utf8.jsonl'],
    ['header-repeats.gbk.csv', 'gb18030', 'header-repeats.utf8.csv'],
  ])('%s is read as %s: the same records, fields, languages and personal information as %s', (name, encoding, twin) => {
    const file = entry(manifest, name)
    const utf8 = entry(manifest, twin)
    expect(file.encoding).toBe(encoding)
    expect(utf8.encoding).toBeUndefined()
    expect(readAs(file)).toEqual(readAs(utf8))
    // the token estimate scales to the decoded text, which is the twin's size
    expect(file.content?.contentBytes).toBe(utf8.bytes)
    expect(file.findings.find((f) => f.code === 'ENCODING_NOT_UTF8')?.args).toEqual({ encoding })
    expect(codes(file)).not.toContain('UTF8_INVALID')
    expect(codes(file).filter((c) => c !== 'ENCODING_NOT_UTF8')).toEqual(codes(utf8))
  })

  it('reads the table as the hand-written fixture has it: 4 records (one with a quoted newline), its 4 columns and one e-mail address', () => {
    const table = entry(manifest, 'table.utf16le-bom.csv')
    expect(table.format).toBe('csv')
    expect(table.records).toBe(4)
    expect(table.schema?.fields.map((f) => [f.name, f.type, f.nulls])).toEqual([
      ['id', 'integer', 0],
      ['姓名', 'string', 0],
      ['城市', 'string', 0],
      ['留言', 'string', 0],
    ])
    expect(table.content?.languages).toEqual({ zh: 4 })
    expect(table.pii?.counts).toEqual({ email: 1 })
  })

  it('keeps repeated and empty header names as distinct fields, and says so', () => {
    const table = entry(manifest, 'header-repeats.gbk.csv')
    expect(table.records).toBe(2)
    expect(table.schema?.fields.map((f) => f.name)).toEqual(['姓名', '城市', '姓名_2', 'column_4', '备注'])
    expect(table.schema?.fields.every((f) => f.nulls === undefined || f.nulls >= 0)).toBe(true)
    expect(table.findings.filter((f) => f.code === 'CSV_HEADER_RENAMED').map((f) => [f.args, f.location])).toEqual([
      [{ column: 3, name: '姓名', renamed: '姓名_2' }, { kind: 'file', path: 'header-repeats.gbk.csv', line: 1 }],
      [{ column: 4, name: '', renamed: 'column_4' }, { kind: 'file', path: 'header-repeats.gbk.csv', line: 1 }],
    ])
  })

  it('names no file as audio or binary', () => {
    expect(manifest.files.filter((f) => f.modality === 'audio' || f.format === 'binary').map((f) => f.path)).toEqual([])
  })
})

describe('tdgov scan on pointers and tooling (Git LFS, git-annex, DVC)', () => {
  let root: string
  let manifest: Manifest

  beforeAll(async () => {
    root = makeTempDir()
    writePointerTree(root)
    manifest = await scanTo(root)
  })

  it('reports a Git LFS pointer as content not present, with the size it declares, and counts no records', () => {
    const pointer = entry(manifest, 'data/train-00000-of-00001.parquet')
    expect(pointer).toMatchObject({ format: 'lfs-pointer', modality: 'other', bytes: Buffer.byteLength(LFS_POINTER) })
    expect(pointer.records).toBeUndefined()
    expect(pointer.findings.map((f) => [f.code, f.severity, f.args])).toEqual([
      ['CONTENT_NOT_PRESENT', 'error', { kind: 'git-lfs', command: 'git lfs pull', size: 1048576 }],
    ])
  })

  it('records a git-annex link without its content as the link, and reads one with its content as the file', () => {
    const missing = entry(manifest, 'annexed/missing.csv')
    expect(missing).toMatchObject({
      format: 'annex-link',
      modality: 'other',
      bytes: Buffer.byteLength(ANNEX_MISSING_TARGET),
      sha256: createHash('sha256').update(ANNEX_MISSING_TARGET).digest('hex'),
    })
    expect(missing.records).toBeUndefined()
    expect(missing.findings.map((f) => [f.code, f.args])).toEqual([['CONTENT_NOT_PRESENT', { kind: 'git-annex', command: 'git annex get', size: 1234 }]])
    const present = entry(manifest, 'annexed/present.csv')
    expect(present).toMatchObject({ format: 'csv', records: 2, findings: [] })
    const unlocked = entry(manifest, 'annexed/unlocked.txt')
    expect(unlocked.format).toBe('annex-pointer')
    expect(unlocked.findings.map((f) => f.args)).toEqual([{ kind: 'git-annex', command: 'git annex get', size: 99 }])
    // the links are files, not link findings
    expect(manifest.findings.map((f) => f.code)).not.toContain('SYMLINK_BROKEN')
  })

  it('reports a .dvc file whose output is missing, and not one whose output is beside it', () => {
    expect(entry(manifest, 'images.dvc').findings.map((f) => f.args)).toEqual([{ kind: 'dvc', command: 'dvc pull', size: 2048 }])
    expect(entry(manifest, 'tables/scores.csv.dvc')).toMatchObject({ format: 'dvc-pointer', findings: [] })
    expect(entry(manifest, 'tables/scores.csv').records).toBe(2)
  })

  it('records tooling as tooling: no records, no findings', () => {
    for (const p of ['.gitattributes', '.gitignore', '.huggingface/.gitignore', '.dvc/config', '.dvcignore']) {
      expect(entry(manifest, p), p).toMatchObject({ format: 'tooling', modality: 'other', findings: [] })
      expect(entry(manifest, p).records, p).toBeUndefined()
    }
    // 2 in tables/scores.csv and 2 in annexed/present.csv; README.md is documentation, with none
    expect(manifest.totals.records).toBe(4)
  })

  it('asks no source of tooling or pointer files, and totals them apart from undeclared data', async () => {
    writeFileSync(
      path.join(root, 'tdgov.yaml'),
      [
        'version: 1',
        'dataset:',
        '  name: pointers',
        '  intended_use: research',
        'sources:',
        '  - id: tables',
        '    name: score tables',
        '    kind: self-collected',
        '    domestic: true',
        '    license: CC-BY-4.0',
        '    personal_information: none',
        '    paths: ["tables/**"]',
        '',
      ].join('\n'),
    )
    const configured = await scanTo(root)
    expect(configured.findings.filter((f) => f.code === 'UNDECLARED_FILE').map((f) => f.location)).toEqual([{ kind: 'file', path: 'annexed/present.csv' }])
    const tooling = ['.dvc/config', '.dvcignore', '.gitattributes', '.gitignore', '.huggingface/.gitignore', 'annexed/missing.csv', 'annexed/unlocked.txt', 'data/train-00000-of-00001.parquet', 'images.dvc']
    const bytes = tooling.reduce((sum, p) => sum + entry(configured, p).bytes, 0)
    expect(configured.totals.bySource['(tooling)']).toEqual({ files: tooling.length, bytes, records: 0 })
    expect(configured.totals.bySource['(undeclared)']).toEqual({ files: 1, bytes: 12, records: 2 })
    expect(configured.totals.bySource['(documentation)']?.files).toBe(1)
  })
})
