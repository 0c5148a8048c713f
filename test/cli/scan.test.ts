import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/findings/finding.js'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import { REPO_ROOT, runCli, spawnCli, waitForExit, type ExecResult } from '../helpers/exec.js'
import { whenOpened, writeBigJsonl } from '../helpers/processes.js'
import { listFiles, makeTempDir, removeTempDirs, setTreeTimes, writeTree } from '../helpers/tmp.js'

const isRoot = process.getuid?.() === 0
const hasZstd = spawnSync('which', ['zstd'], { encoding: 'utf8' }).status === 0
const HOUR_AGO = new Date(Date.now() - 3600_000)

afterAll(removeTempDirs)

const manifestFile = (root: string): string => path.join(root, '.tdgov', 'manifest.json')
const readManifest = (root: string): Manifest => JSON.parse(readFileSync(manifestFile(root), 'utf8')) as Manifest
const entryOf = (manifest: Manifest, relPath: string): FileEntry | undefined => manifest.files.find((f) => f.path === relPath)

/** Runs `tdgov scan` and fails with the CLI's own output when it does not exit 0. */
async function scanOk(root: string, ...args: string[]): Promise<ExecResult> {
  const result = await runCli(['scan', root, ...args])
  expect(result.status, `tdgov scan ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

/** "(N read, M from cache)" from the summary line. */
function cacheCounts(summary: string): { read: number; cached: number } {
  const match = /\((\d+) read, (\d+) from cache\)/.exec(summary)
  if (!match) throw new Error(`no cache counts in summary:\n${summary}`)
  return { read: Number(match[1]), cached: Number(match[2]) }
}

/** sha256sum's digest of each file, run in `root` with relative paths. */
function sha256sums(root: string, relPaths: string[]): Map<string, string> {
  const output = execFileSync('sha256sum', ['--', ...relPaths], { cwd: root, encoding: 'utf8' })
  const sums = new Map<string, string>()
  for (const line of output.trimEnd().split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.*)$/.exec(line)
    if (!match) throw new Error(`unexpected sha256sum line: ${line}`)
    sums.set(match[2]!, match[1]!)
  }
  return sums
}

/** `wc -l < file`. */
function wcLines(file: string): number {
  return Number(execFileSync('sh', ['-c', 'wc -l < "$1"', 'sh', file], { encoding: 'utf8' }).trim())
}

function jsonlText(n: number, seed: string): string {
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const text = i % 2 === 0 ? `第${i}条中文训练文本，来自${seed}。` : `English training sentence ${i} from ${seed}.`
    lines.push(JSON.stringify({ id: `${seed}-${i}`, text, label: i % 3, score: i % 7 === 0 ? null : i / 10 }))
  }
  return lines.join('\n') + '\n'
}

/** A CSV whose records hold quoted newlines: returns the text and the number of data records. */
function csvWithQuotedNewlines(records: number): { text: string; records: number } {
  const rows = ['id,comment,rating']
  for (let i = 1; i <= records; i++) {
    const comment = i % 3 === 0 ? `"first line\nsecond line, with comma\nthird ""quoted"""` : `"plain ${i}"`
    rows.push(`${i},${comment},${i % 5}`)
  }
  return { text: rows.join('\n') + '\n', records }
}

/** A small multi-format tree with nothing wrong in it. */
function writeGoodTree(root: string): void {
  const quoted = csvWithQuotedNewlines(40)
  writeTree(root, {
    'text/train.jsonl': jsonlText(300, 'train'),
    'text/dev.ndjson': jsonlText(45, 'dev'),
    'text/empty.jsonl': '',
    'text/notes.txt': 'first line\nsecond line\nthird line\n',
    'tables/quoted.csv': quoted.text,
    'tables/scores.tsv': 'id\tscore\n1\t0.5\n2\t0.75\n',
    'tables/semicolons.csv': 'id;name\n1;a\n2;b\n',
    'data.json': JSON.stringify([{ q: 'a', a: 'b' }, { q: 'c', a: 'd' }]),
    '数据/中文.jsonl': jsonlText(12, 'zh'),
    'with space/file name.jsonl': jsonlText(3, 'space'),
    'deep/a/b/c/d/leaf.jsonl': jsonlText(7, 'leaf'),
    'bin/blob.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff)),
    '.hidden/dot.jsonl': jsonlText(2, 'dot'),
  })
}

describe('scan results match independent tools', () => {
  let root: string
  let manifest: Manifest

  beforeAll(async () => {
    root = makeTempDir()
    writeGoodTree(root)
    await scanOk(root)
    manifest = readManifest(root)
  })

  it('lists exactly the regular files of the tree, as relative POSIX paths in code-unit order', () => {
    const onDisk = listFiles(root, (rel) => rel === '.tdgov')
    const paths = manifest.files.map((f) => f.path)
    expect([...paths].sort()).toEqual(onDisk)
    const codeUnitOrder = [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(paths).toEqual(codeUnitOrder)
  })

  it("reports for every file the sha256 that sha256sum computes and the size that stat reports", () => {
    const sums = sha256sums(root, manifest.files.map((f) => f.path))
    expect(manifest.files.length).toBeGreaterThan(10)
    for (const file of manifest.files) {
      expect(file.sha256, file.path).toBe(sums.get(file.path))
      expect(file.bytes, file.path).toBe(statSync(path.join(root, file.path)).size)
    }
  })

  it('reports for every JSONL file ending in a newline as many records as wc -l counts lines', () => {
    const jsonl = manifest.files.filter((f) => f.format === 'jsonl' && f.compression === null)
    expect(jsonl.map((f) => f.path)).toEqual(expect.arrayContaining(['text/train.jsonl', 'text/dev.ndjson', '数据/中文.jsonl']))
    for (const file of jsonl) {
      const content = readFileSync(path.join(root, file.path))
      if (content.length > 0 && content[content.length - 1] !== 0x0a) continue
      expect(file.records, file.path).toBe(wcLines(path.join(root, file.path)))
    }
  })

  it('counts CSV records, not lines, when fields hold quoted newlines', () => {
    const entry = entryOf(manifest, 'tables/quoted.csv')
    const lines = wcLines(path.join(root, 'tables/quoted.csv'))
    expect(entry?.format).toBe('csv')
    expect(entry?.records).toBe(csvWithQuotedNewlines(40).records)
    expect(lines - 1).toBeGreaterThan(40)
  })

  it('totals files, bytes and records over the entries, and the fingerprint is SHA-256 over "path\\0sha256\\n"', () => {
    expect(manifest.totals.files).toBe(manifest.files.length)
    expect(manifest.totals.bytes).toBe(manifest.files.reduce((sum, f) => sum + f.bytes, 0))
    expect(manifest.totals.records).toBe(manifest.files.reduce((sum, f) => sum + (f.records ?? 0), 0))
    const hash = createHash('sha256')
    for (const file of [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${file.path}\0${file.sha256}\n`)
    expect(manifest.fingerprint).toBe(hash.digest('hex'))
  })

  it('reports no findings for a clean tree but the missing tdgov.yaml', () => {
    expect(manifest.findings.map((f) => f.code)).toEqual(['CONFIG_MISSING'])
    expect(manifest.files.flatMap((f) => f.findings)).toEqual([])
    expect(manifest.totals.findings).toEqual({ error: 0, warning: 0, info: 1 })
  })
})

describe('compressed variants', () => {
  let root: string
  let manifest: Manifest
  const plain = jsonlText(500, 'compressed')
  const csv = csvWithQuotedNewlines(60).text

  beforeAll(async () => {
    root = makeTempDir()
    const gzipMembers = Buffer.concat([gzipSync(plain.slice(0, 1000)), gzipSync(plain.slice(1000))])
    writeTree(root, {
      'train.jsonl': plain,
      'train.jsonl.gz': gzipSync(plain),
      'members.jsonl.gz': gzipMembers,
      'table.csv': csv,
      'table.csv.gz': gzipSync(csv),
      'cut.jsonl.gz': gzipSync(plain).subarray(0, 300),
    })
    if (hasZstd) {
      writeFileSync(path.join(root, 'train.jsonl.zst'), execFileSync('zstd', ['-q', '-c', path.join(root, 'train.jsonl')]))
      writeFileSync(path.join(root, 'table.csv.zst'), execFileSync('zstd', ['-q', '-c', path.join(root, 'table.csv')]))
    }
    await scanOk(root)
    manifest = readManifest(root)
  })

  it('reports the same records and schema for a gzip file as for the plain file, with compression "gzip"', () => {
    const base = entryOf(manifest, 'train.jsonl')!
    const gz = entryOf(manifest, 'train.jsonl.gz')!
    expect(base.records).toBe(500)
    expect(gz).toMatchObject({ format: 'jsonl', compression: 'gzip', records: base.records, schema: base.schema, findings: [] })
    expect(base.compression).toBeNull()
    const csvGz = entryOf(manifest, 'table.csv.gz')!
    expect(csvGz).toMatchObject({ format: 'csv', compression: 'gzip', records: entryOf(manifest, 'table.csv')!.records })
  })

  it('hashes the compressed bytes, as sha256sum does', () => {
    const sums = sha256sums(root, ['train.jsonl.gz', 'table.csv.gz'])
    expect(entryOf(manifest, 'train.jsonl.gz')!.sha256).toBe(sums.get('train.jsonl.gz'))
    expect(entryOf(manifest, 'train.jsonl.gz')!.bytes).toBe(statSync(path.join(root, 'train.jsonl.gz')).size)
  })

  it('reads every member of a multi-member gzip file', () => {
    expect(entryOf(manifest, 'members.jsonl.gz')).toMatchObject({ compression: 'gzip', records: 500, findings: [] })
  })

  it('reports a truncated gzip file as COMPRESSED_CORRUPT and goes on', () => {
    const cut = entryOf(manifest, 'cut.jsonl.gz')!
    expect(cut.compression).toBe('gzip')
    expect(cut.findings.map((f) => [f.code, f.severity])).toContainEqual(['COMPRESSED_CORRUPT', 'error'])
  })

  describe.skipIf(!hasZstd)('zstd (skipped: the zstd command is not installed)', () => {
    it('reports the same records and schema for a zstd file as for the plain file, with compression "zstd"', () => {
      const base = entryOf(manifest, 'train.jsonl')!
      expect(entryOf(manifest, 'train.jsonl.zst')).toMatchObject({
        format: 'jsonl',
        compression: 'zstd',
        records: base.records,
        schema: base.schema,
        findings: [],
      })
      expect(entryOf(manifest, 'table.csv.zst')).toMatchObject({
        format: 'csv',
        compression: 'zstd',
        records: entryOf(manifest, 'table.csv')!.records,
      })
    })
  })
})

describe('deterministic manifests', () => {
  let root: string

  beforeAll(() => {
    root = makeTempDir()
    writeGoodTree(root)
    // more than one 64-file batch, so --jobs 2 hands work to worker threads
    const many: Record<string, string> = {}
    for (let i = 0; i < 150; i++) {
      const dir = `shards/${String(i % 7).padStart(2, '0')}`
      many[`${dir}/part-${String(i).padStart(4, '0')}.${i % 3 === 0 ? 'csv' : 'jsonl'}`] =
        i % 3 === 0 ? `id,v\n${i},${i * 2}\n` : jsonlText(1 + (i % 5), `shard${i}`)
    }
    many['shards/broken.jsonl'] = '{"a": 1}\n{"a": oops}\nnot json\n'
    writeTree(root, many)
    setTreeTimes(root, HOUR_AGO)
  })

  it('writes byte-identical manifests with --jobs 1 and --jobs 2, with and without the cache, cold and warm', async () => {
    const documents = new Map<string, string>()
    const record = async (label: string, ...args: string[]): Promise<ExecResult> => {
      const result = await scanOk(root, ...args)
      documents.set(label, readFileSync(manifestFile(root), 'utf8'))
      return result
    }
    expect(listFiles(root, (rel) => rel === '.tdgov').length).toBeGreaterThan(64)
    await record('jobs 1, no cache', '--jobs', '1', '--no-cache')
    await record('jobs 2, no cache', '--jobs', '2', '--no-cache')
    const cold = await record('jobs 2, cold cache', '--jobs', '2')
    const warm = await record('jobs 2, warm cache', '--jobs', '2')
    await record('jobs 1, warm cache', '--jobs', '1')
    expect(cacheCounts(cold.stdout).cached).toBe(0)
    expect(cacheCounts(warm.stdout)).toMatchObject({ read: 0 })
    const [first, ...rest] = [...documents.values()]
    for (const [label, document] of documents) expect(document, label).toBe(first)
    expect(rest).toHaveLength(4)
  })

  it('writes the same manifest for a copy of the tree in another directory (nothing absolute, nothing from the clock)', async () => {
    await scanOk(root, '--no-cache')
    const original = readFileSync(manifestFile(root), 'utf8')
    const elsewhere = makeTempDir('tdgov-copy-')
    cpSync(root, elsewhere, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
    setTreeTimes(elsewhere, new Date())
    await scanOk(elsewhere, '--no-cache')
    expect(readFileSync(manifestFile(elsewhere), 'utf8')).toBe(original)
  })

  it('contains no absolute path, no temp directory name and no timestamp', () => {
    const document = readFileSync(manifestFile(root), 'utf8')
    expect(document).not.toContain(root)
    expect(document).not.toContain(path.basename(root))
    expect(document).not.toContain(REPO_ROOT)
    expect(document).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
    expect(document).not.toContain(String(Math.floor(HOUR_AGO.getTime() / 1000)))
    const manifest = JSON.parse(document) as Manifest
    const placed = (location: Finding['location']): string[] =>
      location.kind === 'files' ? location.paths : location.kind === 'dataset' ? [] : [location.path]
    const findings = [...manifest.findings, ...manifest.files.flatMap((f) => f.findings)]
    expect(findings.some((f) => f.location.kind === 'file')).toBe(true)
    for (const p of [...manifest.files.map((f) => f.path), ...findings.flatMap((f) => placed(f.location))]) {
      expect(p).not.toMatch(/^\/|\\|(^|\/)\.\.(\/|$)/)
    }
  })
})

describe('the cache', () => {
  let root: string
  const target = 'text/train.jsonl'

  beforeAll(() => {
    root = makeTempDir()
    writeGoodTree(root)
    setTreeTimes(root, HOUR_AGO)
  })

  it('a warm scan reads no file: a same-size edit with the old mtime is not noticed until --no-cache', async () => {
    const total = listFiles(root).length
    const cold = await scanOk(root)
    expect(cacheCounts(cold.stdout)).toEqual({ read: total, cached: 0 })
    const before = entryOf(readManifest(root), target)!

    const warm = await scanOk(root)
    expect(cacheCounts(warm.stdout)).toEqual({ read: 0, cached: total })

    // Same size, different bytes, same mtime: only reading the file could reveal the change.
    const file = path.join(root, target)
    const original = readFileSync(file, 'utf8')
    const edited = original.replace('"label":0', '"label":9')
    expect(edited).not.toBe(original)
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(original))
    writeFileSync(file, edited)
    utimesSync(file, HOUR_AGO, HOUR_AGO)
    const newSum = sha256sums(root, [target]).get(target)!
    expect(newSum).not.toBe(before.sha256)

    const stale = await scanOk(root)
    expect(cacheCounts(stale.stdout)).toEqual({ read: 0, cached: total })
    expect(entryOf(readManifest(root), target)!.sha256).toBe(before.sha256)

    const fresh = await scanOk(root, '--no-cache')
    expect(cacheCounts(fresh.stdout)).toEqual({ read: total, cached: 0 })
    expect(entryOf(readManifest(root), target)!.sha256).toBe(newSum)
  })

  it('rescans a file whose size or mtime changed, and only that file', async () => {
    await scanOk(root)
    const file = path.join(root, 'text/notes.txt')
    writeFileSync(file, 'first line\nsecond line\nthird line\nfourth line\n')
    utimesSync(file, HOUR_AGO, HOUR_AGO)
    const result = await scanOk(root)
    expect(cacheCounts(result.stdout).read).toBe(1)
    const entry = entryOf(readManifest(root), 'text/notes.txt')!
    expect(entry.records).toBe(4)
    expect(entry.sha256).toBe(sha256sums(root, ['text/notes.txt']).get('text/notes.txt'))
  })

  it('reads a file modified within 2 s of the scan again on the next scan (not cached)', async () => {
    await scanOk(root)
    writeFileSync(path.join(root, 'text/just-written.jsonl'), '{"a":1}\n')
    const first = await scanOk(root)
    expect(cacheCounts(first.stdout).read).toBe(1)
    const second = await scanOk(root)
    expect(cacheCounts(second.stdout).read).toBe(1)
  })

  it('leaves an up-to-date manifest untouched on a warm scan, and rewrites one that was edited', async () => {
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    const written = statSync(manifestFile(root)).mtimeMs
    await scanOk(root)
    expect(statSync(manifestFile(root)).mtimeMs).toBe(written)

    const good = readFileSync(manifestFile(root))
    writeFileSync(manifestFile(root), '{}\n')
    const repaired = await scanOk(root)
    expect(cacheCounts(repaired.stdout).read).toBe(0)
    expect(readFileSync(manifestFile(root)).equals(good)).toBe(true)
  })

  it('writes the full manifest to another --out from cached entries, and prints it with --json', async () => {
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    const elsewhere = path.join(makeTempDir(), 'copy.json')
    const result = await scanOk(root, '--out', elsewhere, '--json')
    const files = listFiles(root, (p) => p.startsWith('.tdgov')).length
    expect(cacheCounts(result.stderr)).toEqual({ read: 0, cached: files })
    expect(readFileSync(elsewhere, 'utf8')).toBe(readFileSync(manifestFile(root), 'utf8'))
    expect(result.stdout).toBe(readFileSync(elsewhere, 'utf8'))
  })

  it('notices a new symbolic link on a warm scan although no file changed', async () => {
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    symlinkSync('/etc', path.join(root, 'outside-link'))
    try {
      await scanOk(root)
      expect(readManifest(root).findings).toContainEqual(
        expect.objectContaining({ code: 'SYMLINK_OUTSIDE_ROOT', location: { kind: 'file', path: 'outside-link' } }),
      )
    } finally {
      rmSync(path.join(root, 'outside-link'))
    }
  })

  it('ignores a cache whose entries do not match its index (an interrupted save) and reads the files again', async () => {
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    const entries = path.join(root, '.tdgov', 'cache', 'entries-v10.ndjson')
    writeFileSync(entries, 'another-generation\n')
    rmSync(manifestFile(root))
    const result = await scanOk(root)
    expect(cacheCounts(result.stdout)).toEqual({ read: listFiles(root, (p) => p.startsWith('.tdgov')).length, cached: 0 })
    const truth = path.join(makeTempDir(), 'truth.json')
    await scanOk(root, '--no-cache', '--out', truth)
    expect(readFileSync(manifestFile(root), 'utf8')).toBe(readFileSync(truth, 'utf8'))
  })

  it('drops a deleted file from the manifest on a warm scan', async () => {
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    const before = readManifest(root)
    expect(entryOf(before, 'tables/scores.tsv')).toBeDefined()
    rmSync(path.join(root, 'tables/scores.tsv'))
    const result = await scanOk(root)
    expect(cacheCounts(result.stdout).read).toBe(0)
    const after = readManifest(root)
    expect(entryOf(after, 'tables/scores.tsv')).toBeUndefined()
    expect(after.totals.files).toBe(before.totals.files - 1)
  })
})

describe('--json and --out', () => {
  let root: string

  beforeAll(() => {
    root = makeTempDir()
    writeGoodTree(root)
    writeTree(root, { 'bad.jsonl': '{"a":1}\n{"a": nope}\n' })
  })

  it('prints exactly the manifest it writes, and nothing else, on stdout; the summary goes to stderr', async () => {
    const result = await scanOk(root, '--json')
    const written = readFileSync(manifestFile(root), 'utf8')
    expect(result.stdout).toBe(written)
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow()
    expect(result.stderr).toMatch(/scanned \d+ files/)
    expect(result.stdout).not.toMatch(/scanned \d+ files/)
  })

  it('writes the manifest to --out instead of .tdgov/manifest.json, and prints the same bytes with --json', async () => {
    const outDir = makeTempDir('tdgov-out-')
    const out = path.join(outDir, 'nested', 'manifest.json')
    const before = existsSync(manifestFile(root)) ? readFileSync(manifestFile(root), 'utf8') : null
    const result = await scanOk(root, '--json', '--out', out)
    expect(result.stdout).toBe(readFileSync(out, 'utf8'))
    const after = existsSync(manifestFile(root)) ? readFileSync(manifestFile(root), 'utf8') : null
    expect(after).toBe(before)
  })

  it('leaves a manifest written inside the dataset with --out --force out of the manifest, scan after scan', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': jsonlText(3, 'a') })
    const out = path.join(root, 'manifest.json')
    await scanOk(root, '--out', out, '--force')
    const first = readFileSync(out, 'utf8')
    await scanOk(root, '--out', out, '--no-cache', '--force')
    expect(readFileSync(out, 'utf8')).toBe(first)
    expect((JSON.parse(first) as Manifest).files.map((f) => f.path)).toEqual(['a.jsonl'])
  })

  it('records files whose names contain a newline or other unusual characters', async () => {
    const root = makeTempDir()
    writeTree(root, { 'two\nlines.txt': 'a\n', 'space and [brackets] {x}.txt': 'b\n', '中文 名.txt': 'c\n' })
    await scanOk(root)
    expect(readManifest(root).files.map((f) => f.path).sort()).toEqual(
      ['space and [brackets] {x}.txt', 'two\nlines.txt', '中文 名.txt'].sort(),
    )
  })

  it('prints a human summary with the findings on stdout without --json', async () => {
    const result = await scanOk(root)
    expect(result.stdout).toMatch(/scanned \d+ files/)
    expect(result.stdout).toContain('bad.jsonl:2')
    expect(result.stdout).toContain('JSONL_INVALID_LINE')
    expect(result.stdout).not.toContain('\x1b[')
  })
})

describe('bad input becomes findings', () => {
  let root: string
  let outside: string
  let manifest: Manifest
  let result: ExecResult
  const utf8Prefix = Buffer.from('a fine line\nthen caf')

  beforeAll(async () => {
    root = makeTempDir()
    outside = makeTempDir('tdgov-outside-')
    writeTree(outside, { 'secret.jsonl': '{"outside": true}\n', 'dir/x.txt': 'outside\n' })
    writeTree(root, {
      'good.jsonl': jsonlText(5, 'good'),
      'bad.jsonl': '{"text": "one"}\n{"text": "two"}\n{"text": "three}\n{"text": "four"}\n',
      'bad.csv': 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n',
      'truncated.parquet': Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(60, 0x15)]),
      'tiny.parquet': Buffer.from('PAR1ab'),
      'bad-utf8.txt': Buffer.concat([utf8Prefix, Buffer.from([0x80]), Buffer.from('e\nlast line\n')]),
      'sub/inside.jsonl': jsonlText(2, 'inside'),
    })
    symlinkSync('.', path.join(root, 'loop'))
    symlinkSync('..', path.join(root, 'sub', 'up'))
    symlinkSync(outside, path.join(root, 'outside-dir'))
    symlinkSync(path.join(outside, 'secret.jsonl'), path.join(root, 'outside-file.jsonl'))
    symlinkSync('does-not-exist.jsonl', path.join(root, 'broken.jsonl'))
    symlinkSync('sub/inside.jsonl', path.join(root, 'alias.jsonl'))
    result = await runCli(['scan', root])
    manifest = readManifest(root)
  })

  const fileFinding = (relPath: string, code: string): Finding | undefined => entryOf(manifest, relPath)?.findings.find((f) => f.code === code)
  const datasetFinding = (relPath: string): Finding | undefined =>
    manifest.findings.find((f) => f.location.kind === 'file' && f.location.path === relPath)

  it('exits 0 without --strict and still records the good files', () => {
    expect(result.status).toBe(0)
    expect(entryOf(manifest, 'good.jsonl')?.records).toBe(5)
    expect(entryOf(manifest, 'sub/inside.jsonl')?.records).toBe(2)
  })

  it('reports a malformed JSON line with code, severity, path and line', () => {
    const finding = fileFinding('bad.jsonl', 'JSONL_INVALID_LINE')
    expect(finding).toMatchObject({ severity: 'error', args: { reason: expect.stringMatching(/unterminated string/) } })
    expect(finding?.location).toEqual({ kind: 'file', path: 'bad.jsonl', line: 3 })
    expect(entryOf(manifest, 'bad.jsonl')?.records).toBe(4)
  })

  it('reports a CSV row with the wrong field count at its line', () => {
    const finding = fileFinding('bad.csv', 'CSV_FIELD_COUNT')
    expect(finding).toMatchObject({ severity: 'error', args: { actual: 4, expected: 3 }, message: 'row has 4 fields; expected 3 as in the header' })
    expect(finding?.location).toEqual({ kind: 'file', path: 'bad.csv', line: 3 })
  })

  it('reports a truncated Parquet file with an offset', () => {
    const finding = fileFinding('truncated.parquet', 'PARQUET_TRUNCATED')
    expect(finding?.severity).toBe('error')
    expect(finding?.location).toEqual({ kind: 'file', path: 'truncated.parquet', offset: expect.any(Number) })
    expect(finding?.location.kind === 'file' && finding.location.offset).toBeLessThanOrEqual(64)
    expect(entryOf(manifest, 'truncated.parquet')?.format).toBe('parquet')
    expect(fileFinding('tiny.parquet', 'PARQUET_TRUNCATED')).toMatchObject({ severity: 'error', location: { kind: 'file', path: 'tiny.parquet', offset: 0 } })
  })

  it('reports invalid UTF-8 with the line and the byte offset of the bad byte', () => {
    const finding = fileFinding('bad-utf8.txt', 'UTF8_INVALID')
    expect(finding?.severity).toBe('error')
    expect(finding?.location).toEqual({ kind: 'file', path: 'bad-utf8.txt', line: 2, offset: utf8Prefix.length })
  })

  it('reports a symlink loop and does not descend into it', () => {
    expect(datasetFinding('loop')).toMatchObject({ code: 'SYMLINK_LOOP', severity: 'warning' })
    expect(datasetFinding('sub/up')).toMatchObject({ code: 'SYMLINK_LOOP', severity: 'warning' })
    expect(manifest.files.some((f) => f.path.startsWith('loop/') || f.path.startsWith('sub/up/'))).toBe(false)
  })

  it('reports symlinks leaving the root and does not read what they point to', () => {
    expect(datasetFinding('outside-dir')).toMatchObject({ code: 'SYMLINK_OUTSIDE_ROOT', severity: 'warning' })
    expect(datasetFinding('outside-file.jsonl')).toMatchObject({ code: 'SYMLINK_OUTSIDE_ROOT', severity: 'warning' })
    expect(manifest.files.some((f) => f.path.startsWith('outside'))).toBe(false)
    expect(readFileSync(manifestFile(root), 'utf8')).not.toContain(outside)
  })

  it('reports a broken symlink', () => {
    expect(datasetFinding('broken.jsonl')).toMatchObject({ code: 'SYMLINK_BROKEN', severity: 'warning' })
    expect(readlinkSync(path.join(root, 'broken.jsonl'))).toBe('does-not-exist.jsonl')
  })

  it('records a link to a file inside the root once, under the real path, with an info finding for the link', () => {
    expect(entryOf(manifest, 'alias.jsonl')).toBeUndefined()
    expect(entryOf(manifest, 'sub/inside.jsonl')).toMatchObject({ records: 2 })
    expect(manifest.findings).toContainEqual(
      expect.objectContaining({ code: 'SYMLINK_INSIDE_ROOT', severity: 'info', args: { target: 'sub/inside.jsonl' }, location: { kind: 'file', path: 'alias.jsonl' } }),
    )
  })

  it('counts the findings in totals by severity', () => {
    const all = [...manifest.findings, ...manifest.files.flatMap((f) => f.findings)]
    const count = (severity: string): number => all.filter((f) => f.severity === severity).length
    expect(manifest.totals.findings).toEqual({ error: count('error'), warning: count('warning'), info: count('info') })
    expect(count('error')).toBeGreaterThanOrEqual(5)
  })

  it('exits 1 with --strict when an error-severity finding exists, and 0 on a clean tree', async () => {
    const strict = await runCli(['scan', root, '--strict'])
    expect(strict.status).toBe(1)
    const clean = makeTempDir()
    writeTree(clean, { 'ok.jsonl': jsonlText(3, 'ok') })
    expect((await runCli(['scan', clean, '--strict'])).status).toBe(0)
  })

  it.skipIf(isRoot)('reports an unreadable file as FILE_UNREADABLE and goes on (skipped: root can read any file)', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'readable.jsonl': jsonlText(3, 'r'), 'locked.jsonl': jsonlText(3, 'l') })
    chmodSync(path.join(dir, 'locked.jsonl'), 0o000)
    const run = await runCli(['scan', dir])
    expect(run.status).toBe(0)
    const m = readManifest(dir)
    expect(m.findings).toContainEqual(expect.objectContaining({ code: 'FILE_UNREADABLE', severity: 'error', location: { kind: 'file', path: 'locked.jsonl' } }))
    expect(entryOf(m, 'readable.jsonl')?.records).toBe(3)
    expect((await runCli(['scan', dir, '--strict'])).status).toBe(1)
  })

  it.skipIf(isRoot)('reports an unreadable directory instead of skipping it silently (skipped: root can read any directory)', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'readable.jsonl': jsonlText(3, 'r'), 'locked/inside.jsonl': jsonlText(3, 'l') })
    chmodSync(path.join(dir, 'locked'), 0o000)
    const run = await runCli(['scan', dir])
    expect(run.status).toBe(0)
    const m = readManifest(dir)
    expect(m.findings.some((f) => f.location.kind === 'file' && (f.location.path === 'locked' || f.location.path.startsWith('locked/')))).toBe(true)
  })
})

describe('usage errors', () => {
  const lines = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '')

  it('exits 2 for a missing directory with one line on stderr and no stack trace', async () => {
    const missing = path.join(makeTempDir(), 'no-such-dir')
    const result = await runCli(['scan', missing])
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toMatch(/^tdgov: /)
    expect(result.stderr).toContain('no-such-dir')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(result.stdout).toBe('')
  })

  it('exits 2 for a file given as the directory, with one line on stderr', async () => {
    const dir = makeTempDir()
    writeTree(dir, { 'file.jsonl': '{}\n' })
    const result = await runCli(['scan', path.join(dir, 'file.jsonl')])
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toHaveLength(1)
  })

  it('exits 2 for an unknown flag', async () => {
    const result = await runCli(['scan', makeTempDir(), '--no-such-flag'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--no-such-flag')
  })

  it('prints one line on stderr for an unknown flag', async () => {
    const result = await runCli(['scan', makeTempDir(), '--no-such-flag'])
    expect(lines(result.stderr)).toHaveLength(1)
  })

  it.each([['0'], ['-3'], ['two'], ['1.5']])('exits 2 for --jobs %s with one line on stderr', async (jobs) => {
    const dir = makeTempDir()
    const result = await runCli(['scan', dir, '--jobs', jobs])
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toContain('--jobs')
    expect(existsSync(manifestFile(dir))).toBe(false)
  })
})

describe('help and version', () => {
  it('tdgov scan --help exits 0 and shows an example', async () => {
    const result = await runCli(['scan', '--help'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Usage: tdgov scan')
    expect(result.stdout).toMatch(/Examples?:\n\s+\$ tdgov scan /)
  })

  it('ends quietly with 141, as Unix tools do on SIGPIPE, when its reader closes the pipe (tdgov … | head)', async () => {
    // the reading end is closed before tdgov writes, so its first write meets EPIPE
    const child = spawnCli(['audit', 'sample', '--help'])
    child.stdout!.destroy()
    const result = await waitForExit(child, 30_000)
    expect(result.stderr).not.toContain('EPIPE')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(result.status).toBe(141)
  })

  it('tdgov --version prints the version in package.json', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
    const result = await runCli(['--version'])
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(pkg.version)
  })
})

describe('interrupting a scan (Ctrl-C)', () => {
  const BIG_BYTES = 300 * 1000 * 1000

  /** Scans `root` once, lets `prepare` add work, then interrupts a second scan once `waitFor` is open. */
  async function interruptScan(root: string, prepare: () => string, args: string[], signal: NodeJS.Signals = 'SIGINT'): Promise<{ result: ExecResult; previous: Buffer }> {
    writeTree(root, { 'small.jsonl': jsonlText(10, 'small') })
    await scanOk(root)
    const previous = readFileSync(manifestFile(root))
    const waitFor = prepare()

    const child = spawnCli(['scan', root, ...args])
    const exited = waitForExit(child, 60_000)
    let finishedEarly = false
    void exited.then(() => (finishedEarly = true))
    await new Promise((resolve) => setTimeout(resolve, 150))
    await whenOpened(child.pid!, waitFor, 0)
    expect(finishedEarly, 'the scan ended before it could be interrupted').toBe(false)
    child.kill(signal)
    return { result: await exited, previous }
  }

  function expectUntouched(root: string, result: ExecResult, previous: Buffer): void {
    expect(result.status === 130 || result.signal === 'SIGINT', `status ${result.status}, signal ${result.signal}`).toBe(true)
    expectPreviousKept(root, previous)
  }

  function expectPreviousKept(root: string, previous: Buffer): void {
    expect(readFileSync(manifestFile(root)).equals(previous), 'the previous manifest was overwritten').toBe(true)
    const leftovers = readdirSync(path.join(root, '.tdgov'), { recursive: true }).map(String).filter((name) => name.endsWith('.tmp'))
    expect(leftovers).toEqual([])
  }

  it('exits 130 (or by SIGINT) during a 300 MB file, leaves the previous manifest byte-identical and no temporary file', async () => {
    const root = makeTempDir()
    const { result, previous } = await interruptScan(
      root,
      () => {
        const big = path.join(root, 'big.jsonl')
        writeBigJsonl(big, BIG_BYTES)
        expect(statSync(big).blocks * 512).toBeGreaterThanOrEqual(BIG_BYTES * 0.99)
        return big
      },
      ['--no-cache'],
    )
    expectUntouched(root, result, previous)
  })

  it('exits 143 with a line on SIGTERM (a CI runner or `timeout` stopping the job), leaving the previous manifest and no temporary file', async () => {
    const root = makeTempDir()
    const { result, previous } = await interruptScan(
      root,
      () => {
        const big = path.join(root, 'big.jsonl')
        writeBigJsonl(big, BIG_BYTES)
        return big
      },
      ['--no-cache'],
      'SIGTERM',
    )
    expect(result.status, result.stderr).toBe(143)
    expect(result.stderr.trim().split('\n').at(-1)).toBe('tdgov: terminated (SIGTERM); nothing was written')
    expectPreviousKept(root, previous)
  })

  it('exits 130 when interrupted among files smaller than 64 MiB scanned in the main thread, leaving the previous manifest', async () => {
    const root = makeTempDir()
    const { result, previous } = await interruptScan(
      root,
      () => {
        for (let i = 0; i < 8; i++) writeBigJsonl(path.join(root, `part-${i}.jsonl`), 20 * 1000 * 1000)
        return path.join(root, 'part-2.jsonl')
      },
      ['--no-cache', '--jobs', '1'],
    )
    expectUntouched(root, result, previous)
  })
})
