import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import { REPO_ROOT, runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, setTreeTimes, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const spdx = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>
const readManifest = (root: string): Manifest => JSON.parse(readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8')) as Manifest
const entryOf = (manifest: Manifest, relPath: string): FileEntry | undefined => manifest.files.find((f) => f.path === relPath)

async function scanOk(args: string[]): Promise<ExecResult> {
  const result = await runCli(['scan', ...args])
  expect(result.status, `tdgov scan ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

/** The summary without the line that changes between a cold and a warm run. */
const withoutCacheCounts = (text: string): string => text.replace(/\(\d[\d,]* read, \d[\d,]* from cache\)/, '(… read, … from cache)')

describe('tdgov scan summary over 1,000 malformed JSON lines (built CLI)', () => {
  const BAD = 1000
  let root: string
  let cold: ExecResult

  beforeAll(async () => {
    root = makeTempDir()
    // `{bad N`: V8 stops at character 2, expecting a property name.
    const bad = Array.from({ length: BAD }, (_, i) => `{bad ${i}`).join('\n') + '\n'
    writeTree(root, { 'bad.jsonl': bad, 'good.jsonl': '{"text": "fine"}\n{"text": "also fine"}\n' })
    // Files changed a moment ago are read again whatever the cache says; these are an hour old.
    setTreeTimes(root, new Date(Date.now() - 3600_000))
    cold = await scanOk([root, '--tokens', 'off'])
  })

  it('counts all 1,000 errors, says 990 of them are past the cap, and shows three of them', () => {
    const lines = cold.stdout.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^scanned 2 files, [\\d.]+ KB, 1,002 records \\(2 read, 0 from cache\\) → ${root.replaceAll('/', '\\/')}/\\.tdgov/manifest\\.json$`))
    const at = lines.findIndex((l) => l.startsWith('findings:'))
    expect(lines.slice(at, at + 10)).toEqual([
      'findings: 1,000 errors, 0 warnings, 2 info (990 of them counted past the per-file cap, not kept in the manifest)',
      '  error    JSONL_INVALID_LINE  1,000 (10 in the manifest, 990 more counted by FINDINGS_CAPPED)',
      "      bad.jsonl:1  line is not valid JSON: expected a double-quoted property name or '}' at character 2",
      "      bad.jsonl:2  line is not valid JSON: expected a double-quoted property name or '}' at character 2",
      "      bad.jsonl:3  line is not valid JSON: expected a double-quoted property name or '}' at character 2",
      '      … 7 more in the manifest',
      '  info     CONFIG_MISSING  1',
      '      (dataset)  no tdgov.yaml: sources, licences and personal-information bases are not checked; run `tdgov init` to draft one',
      '  info     FINDINGS_CAPPED  1',
      '      bad.jsonl  1000 findings of JSONL_INVALID_LINE; the first 10 are listed',
    ])
    // The manifest keeps ten of them; the summary's 1,000 is the file's, not the manifest's count.
    expect(readManifest(root).totals.findings).toEqual({ error: 10, warning: 0, info: 2 })
  })

  it('says what to run next, naming only commands that exist', () => {
    expect(cold.stdout.trimEnd().split('\n').at(-1)).toBe(
      `next: tdgov init ${root} to draft tdgov.yaml (sources, licences, legal bases), then tdgov check ${root} to gate the release`,
    )
    expect(cold.stdout).not.toMatch(/tdgov report/)
  })

  it('prints the same summary from the cache, and beside --json on stderr', async () => {
    const warm = await scanOk([root, '--tokens', 'off'])
    expect(warm.stdout).toMatch(/\(0 read, 2 from cache\)/)
    expect(withoutCacheCounts(warm.stdout)).toBe(withoutCacheCounts(cold.stdout))
    const json = await scanOk([root, '--tokens', 'off', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ manifest: 'tdgov/manifest' })
    expect(withoutCacheCounts(json.stderr)).toBe(withoutCacheCounts(cold.stdout))
  })

  it('speaks Chinese with --lang zh', async () => {
    const zh = await scanOk([root, '--tokens', 'off', '--lang', 'zh', '--no-cache'])
    expect(zh.stdout).toContain('发现：1,000 个错误，0 个警告，2 条提示（其中 990 条超出单文件上限，已计数但未写入清单）')
    expect(zh.stdout).toContain('  错误  JSONL_INVALID_LINE  1,000（清单中 10 条，另有 990 条由 FINDINGS_CAPPED 计数）')
    expect(zh.stdout).toContain(`下一步：运行 tdgov init ${root} 生成 tdgov.yaml 草稿`)
  })

  it('--strict still exits 1 on the error findings', async () => {
    expect((await runCli(['scan', root, '--strict', '--tokens', 'off'])).status).toBe(1)
  })
})

describe('licences without a tdgov.yaml (built CLI)', () => {
  let root: string
  const csv = 'question,answer\nwhat,this\nwho,that\n'
  const tree = (): Record<string, string> => ({
    // The SPDX text of CC BY-NC 4.0, as a dataset would ship it.
    'data/LICENSE': spdx['CC-BY-NC-4.0']!.licenseText,
    'data/train.jsonl': '{"text": "a"}\n{"text": "b"}\n',
    'data/more/dev.jsonl': '{"text": "c"}\n',
    'raw/dump.jsonl': '{"text": "d"}\n',
    'card/README.md': '---\nlicense: mit\n---\n# A card\n',
    'card/qa.csv': csv,
    // Terms of its own that match no SPDX text: the folder must not pass as MIT or anything else.
    'custom/LICENSE': 'You may use these files only on Tuesdays, and never to train a model that writes poems about cats.\n'.repeat(3),
    'custom/x.jsonl': '{"text": "e"}\n',
  })

  beforeAll(() => {
    root = makeTempDir()
    writeTree(root, tree())
  })

  it('applies each statement to the files below its folder, classes it, and says which folders are non-commercial or unspecified', async () => {
    const result = await scanOk([root, '--no-cache', '--tokens', 'off'])
    const manifest = readManifest(root)
    const bytes = (...paths: string[]): number => paths.reduce((sum, p) => sum + entryOf(manifest, p)!.bytes, 0)
    // Classes by hand: MIT allows commercial use with attribution; CC BY-NC 4.0 forbids it.
    expect(manifest.licences).toEqual([
      { folder: 'card', from: ['card/README.md'], ids: ['MIT'], use: 'commercial', attribution: true, shareAlike: false, files: 1, bytes: Buffer.byteLength(csv), records: 2 },
      { folder: 'custom', from: ['custom/LICENSE'], ids: [], use: 'unspecified', attribution: false, shareAlike: false, files: 1, bytes: bytes('custom/x.jsonl'), records: 1 },
      { folder: 'data', from: ['data/LICENSE'], ids: ['CC-BY-NC-4.0'], use: 'non-commercial', attribution: true, shareAlike: false, files: 2, bytes: bytes('data/train.jsonl', 'data/more/dev.jsonl'), records: 3 },
      { folder: 'raw', from: [], ids: [], use: 'unspecified', attribution: false, shareAlike: false, files: 1, bytes: bytes('raw/dump.jsonl'), records: 1 },
    ])
    const lines = result.stdout.split('\n')
    const at = lines.findIndex((l) => l.startsWith('licences'))
    expect(lines.slice(at, at + 5)).toEqual([
      'licences (no tdgov.yaml: as the LICENSE files, dataset cards and Croissant files state them):',
      '  card/    commercial (MIT, from card/README.md), 1 file',
      '  custom/  unspecified (custom/LICENSE: terms that match no SPDX licence text), 1 file',
      '  data/    non-commercial (CC-BY-NC-4.0, from data/LICENSE), 2 files',
      '  raw/     unspecified (no licence statement), 1 file',
    ])
  })

  it('with a tdgov.yaml keeps the declared licences authoritative and the same facts in the manifest', async () => {
    const configured = makeTempDir()
    writeTree(configured, {
      ...tree(),
      'tdgov.yaml': `dataset:
  name: t
  intended_use: research
sources:
  - { id: data, name: Data, kind: open-source, license: CC-BY-4.0, paths: ["data/**"] }
  - { id: raw, name: Raw, kind: crawled, paths: ["raw/**"] }
  - { id: card, name: Card, kind: open-source, license: MIT, paths: ["card/**"] }
  - { id: custom, name: Custom, kind: other, license: LicenseRef-tuesdays, paths: ["custom/**"] }
`,
    })
    const result = await scanOk([configured, '--no-cache', '--tokens', 'off'])
    const manifest = readManifest(configured)
    const data = manifest.sources.find((s) => s.id === 'data')!
    // As before the folder statements existed in the manifest: declared plus detected, the most restrictive.
    expect(data.licence).toMatchObject({ declared: 'CC-BY-4.0', detected: [{ id: 'CC-BY-NC-4.0', from: ['data/LICENSE'] }], use: 'non-commercial' })
    expect(manifest.sources.find((s) => s.id === 'raw')!.licence).toMatchObject({ declared: null, detected: [], use: 'unspecified' })
    expect(manifest.findings.map((f) => f.code)).toContain('LICENCE_MISMATCH')
    expect(manifest.licences?.map((l) => [l.folder, l.use])).toEqual([
      ['card', 'commercial'],
      ['custom', 'unspecified'],
      ['data', 'non-commercial'],
      ['raw', 'unspecified'],
    ])
    expect(result.stdout).not.toMatch(/^licences/m)
    expect(result.stdout).toMatch(/^ {2}data {4}open-source, 3 files, .*licence CC-BY-4.0 → non-commercial/m)
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`next: tdgov check ${configured} to gate the release`)
  })
})

const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')

describe.skipIf(!existsSync(CORPUS))('a malformed Parquet footer (skipped: ../shared/corpus absent)', () => {
  it('reports PARQUET_INVALID_FOOTER without the JavaScript error hyparquet raised ("Cannot destructure property …")', async () => {
    // concatenated_gzip_members.parquet with three footer bytes changed: hyparquet then fails
    // with "Cannot destructure property 'type' of 'schema' as it is undefined." (tdgov 0.1.0
    // copied that into the finding).
    const bytes = readFileSync(path.join(CORPUS, 'parquet', 'concatenated_gzip_members.parquet'))
    expect(bytes.length).toBe(1647)
    for (const [at, value] of [
      [1538, 103],
      [1618, 56],
      [1621, 119],
    ] as const)
      bytes[at] = value
    const root = makeTempDir()
    writeFileSync(path.join(root, 'broken.parquet'), bytes)
    const result = await scanOk([root, '--no-cache'])
    const [finding] = entryOf(readManifest(root), 'broken.parquet')!.findings
    expect(finding?.code).toBe('PARQUET_INVALID_FOOTER')
    expect(String(finding?.args.reason)).not.toBe('')
    expect(String(finding?.args.reason)).not.toMatch(/Cannot|destructure|undefined|of 'schema'/)
    expect(result.stdout).not.toMatch(/Cannot|destructure/)
  })
})
