import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../src/records/manifest-schema.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, setTreeTimes, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const isRoot = process.getuid?.() === 0
const HOUR_AGO = new Date(Date.now() - 3600_000)
const readManifest = (root: string): Manifest => JSON.parse(readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8')) as Manifest
const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function scanOk(root: string, ...args: string[]): Promise<ExecResult> {
  const result = await runCli(['scan', root, '--tokens', 'off', ...args])
  expect(result.status, `tdgov scan failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

describe('names the walk once lost', () => {
  it('records names with CR, U+2028 and U+2029, and everything under such a folder, exactly, cold and warm', async () => {
    const root = makeTempDir()
    const names = ['cr\rname.jsonl', 'ls\u2028name.jsonl', 'ps\u2029name.jsonl', 'nl\nname.jsonl', 'dir\rx/inner.jsonl', 'sep\u2028dir/deep/in.jsonl', 'plain.jsonl']
    writeTree(root, Object.fromEntries(names.map((name) => [name, '{"a":1}\n{"a":2}\n'])))
    setTreeTimes(root, HOUR_AGO)
    await scanOk(root)
    const cold = readManifest(root)
    expect(cold.files.map((f) => f.path).sort()).toEqual([...names].sort())
    expect(cold.files.every((f) => f.records === 2 && f.sha256 === sha256('{"a":1}\n{"a":2}\n'))).toBe(true)
    // The cache (NDJSON) keeps them too: a warm scan reads nothing and writes the same manifest.
    const warm = await scanOk(root)
    expect(warm.stdout).toContain(`(0 read, ${names.length} from cache)`)
    expect(readManifest(root).files.map((f) => f.path)).toEqual(cold.files.map((f) => f.path))
    const entries = readdirSync(path.join(root, '.tdgov', 'cache')).filter((f) => f.startsWith('entries'))
    const cacheText = readFileSync(path.join(root, '.tdgov', 'cache', entries[0]!), 'utf8')
    expect(cacheText).toContain(JSON.stringify('ls\u2028name.jsonl'))
  })

  it('records a name that is not UTF-8 escaped, hashes its content, and says so', async () => {
    const root = makeTempDir()
    const content = '{"text":"gbk name"}\n'
    // 中文 in GBK (d6 d0 ce c4), a file under a folder named with byte 0xfe, and a UTF-8 name holding `\xff` as text
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('.jsonl')]), content)
    const folder = Buffer.concat([Buffer.from(`${root}/d`), Buffer.from([0xfe])])
    mkdirSync(folder)
    writeFileSync(Buffer.concat([folder, Buffer.from('/in.jsonl')]), content)
    writeFileSync(path.join(root, 'a\\xffb.jsonl'), content)
    const run = await scanOk(root)
    const manifest = readManifest(root)
    expect(manifest.files.map((f) => [f.path, f.records, f.sha256]).sort()).toEqual([
      ['\\xd6\\xd0\\xce\\xc4.jsonl', 1, sha256(content)],
      ['a\\\\xffb.jsonl', 1, sha256(content)],
      ['d\\xfe/in.jsonl', 1, sha256(content)],
    ])
    const escaped = manifest.findings.filter((f) => f.code === 'PATH_ESCAPED').map((f) => [f.location.kind === 'file' ? f.location.path : null, f.severity, f.args.reason])
    expect(escaped.sort()).toEqual([
      ['\\xd6\\xd0\\xce\\xc4.jsonl', 'warning', 'not-utf8'],
      ['a\\\\xffb.jsonl', 'warning', 'backslash'],
      ['d\\xfe', 'warning', 'not-utf8'],
    ])
    expect(manifest.findings.some((f) => f.code === 'FILE_UNREADABLE')).toBe(false)
    expect(run.stdout).not.toContain('\ufffd')
  })

  it.skipIf(isRoot)('stops with one line and exit 2 on a root it cannot list (skipped: root can list any directory)', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"a":1}\n' })
    chmodSync(root, 0o000)
    const run = await runCli(['scan', root])
    chmodSync(root, 0o755)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(`tdgov: ${root}: cannot list the directory (EACCES (opendir)); nothing was scanned\n`)
  })

  it('stops with one line and exit 2 on a root that is a dangling link or a file', async () => {
    const dir = makeTempDir()
    writeFileSync(path.join(dir, 'file'), 'x')
    const file = await runCli(['scan', path.join(dir, 'file')])
    expect([file.status, file.stderr]).toEqual([2, `tdgov: ${path.join(dir, 'file')}: not a directory; expected a dataset directory\n`])
  })
})

describe('binary bytes in a file named as text', () => {
  it('keeps a 10,000-line JSONL with one NUL as jsonl, counts its records and reports the offset', async () => {
    const root = makeTempDir()
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ id: i, text: `line ${i}` }))
    const before = lines.slice(0, 500).join('\n') + '\n'
    const text = `${before}{"id":"x\0y"}\n${lines.slice(500).join('\n')}\n`
    writeTree(root, { 'data.jsonl': text, 'noise.jsonl': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) })
    utimesSync(path.join(root, 'data.jsonl'), HOUR_AGO, HOUR_AGO)
    await scanOk(root)
    const manifest = readManifest(root)
    const data = manifest.files.find((f) => f.path === 'data.jsonl')!
    expect([data.format, data.records]).toEqual(['jsonl', 10_001])
    const offset = Buffer.byteLength(before) + '{"id":"x'.length
    const binary = manifest.files.flatMap((f) => f.findings ?? []).filter((f) => f.code === 'CONTENT_LOOKS_BINARY')
    expect(binary.map((f) => [f.location.kind === 'file' ? f.location.path : null, f.severity, f.args])).toEqual([
      ['data.jsonl', 'warning', { claimed: 'jsonl', offset, recordedAs: 'jsonl', readAs: 'text' }],
      // every 256th byte of the noise is 0, the first at 0
      ['noise.jsonl', 'warning', { claimed: 'jsonl', offset: 0, recordedAs: 'binary', readAs: 'binary' }],
    ])
  })
})

describe('names that would drive a terminal or a CI log', () => {
  // ESC clearing the screen, a carriage return, a forged GitHub Actions command, a line separator
  const FOLDERS = ['esc\x1b[2Jdir', 'cr\rdir', 'x\n::error file=x::y', 'ls\u2028dir']
  // eslint-disable-next-line no-control-regex -- the raw control characters are what must not appear
  const RAW = /[\x1b\r\u2028]/

  it('prints them escaped in scan, check (text and github) and init, and the init draft keeps them exactly', async () => {
    const root = makeTempDir()
    writeTree(root, Object.fromEntries(FOLDERS.map((folder) => [`${folder}/d.jsonl`, '{"a":1}\n{bad\n'])))
    const scan = await scanOk(root)
    const text = await runCli(['check', root])
    const github = await runCli(['check', root, '--format', 'github'])
    expect([text.status, github.status]).toEqual([1, 1])
    for (const run of [scan, text, github]) {
      expect(run.stdout + run.stderr).not.toMatch(RAW)
      // no line of any output is a workflow command but the reporter's own
      if (run !== github) expect((run.stdout + run.stderr).split('\n').filter((line) => line.startsWith('::'))).toEqual([])
    }
    expect(scan.stdout).toContain('esc\\x1b[2Jdir/d.jsonl:2')
    expect(text.stdout).toContain('x\\x0a::error file=x::y/d.jsonl:2')
    // one command per finding: four invalid lines and CONFIG_MISSING, each on a line of its own
    const lines = github.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines.every((line) => /^::(error|warning|notice) /.test(line))).toBe(true)
    expect(lines.filter((line) => line.startsWith('::error ')).map((line) => /file=([^,]*)/.exec(line)![1]).sort()).toEqual(
      ['cr%0Ddir/d.jsonl', 'esc\\x1b[2Jdir/d.jsonl', 'ls\\u2028dir/d.jsonl', 'x%0A%3A%3Aerror file=x%3A%3Ay/d.jsonl'],
    )

    const init = await runCli(['init', root])
    expect(init.status).toBe(0)
    expect(init.stdout + init.stderr).not.toMatch(RAW)
    const draft = parse(readFileSync(path.join(root, 'tdgov.yaml'), 'utf8')) as { sources: { name: string; paths: string[] }[] }
    expect(draft.sources.map((s) => [s.name, s.paths]).sort()).toEqual(FOLDERS.map((folder) => [folder, [`${folder}/**`]]).sort())
  })
})
