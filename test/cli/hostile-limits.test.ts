import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, cliEnv, REPO_ROOT, runCli, waitForExit, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

/** GNU time, to read the CLI's peak RSS; absent on some systems, where that assertion is skipped. */
const TIME = '/usr/bin/time'
const MAX_RSS_KB = 300 * 1024

interface Run extends ExecResult {
  /** peak resident set in KB, or null without GNU time */
  rssKb: number | null
}

async function scanMeasured(args: string[]): Promise<Run> {
  if (!existsSync(TIME)) return { ...(await runCli(args, { timeoutMs: 120_000 })), rssKb: null }
  const child = spawn(TIME, ['-f', 'peak-rss-kb %M', process.execPath, CLI, ...args], { cwd: REPO_ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  const result = await waitForExit(child, 120_000)
  const match = /peak-rss-kb (\d+)\s*$/.exec(result.stderr)
  return { ...result, stderr: result.stderr.replace(/peak-rss-kb \d+\s*$/, ''), rssKb: match ? Number(match[1]) : null }
}

interface ManifestFinding {
  code: string
  location: { kind: string; path?: string; line?: number; offset?: number }
}

function findingsOf(stdout: string): ManifestFinding[] {
  const manifest = JSON.parse(stdout) as { files: { findings: ManifestFinding[] }[] }
  return manifest.files.flatMap((f) => f.findings)
}

function place(f: ManifestFinding): string {
  return `${f.code} ${f.location.path ?? ''}${f.location.line ? `:${f.location.line}` : ''}`
}

/** A zstd frame of RLE blocks of 128 KiB (RFC 8878): 4 bytes each; `windowByte` is its window descriptor. */
function zstdBomb(windowByte: number, blocks: number): Buffer {
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowByte])]
  for (let i = 0; i < blocks; i++) {
    const header = (i === blocks - 1 ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3)
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0x0a]))
  }
  return Buffer.concat(parts)
}

function expectClean(run: Run): void {
  expect(run.signal).toBeNull()
  expect([0, 1, 2]).toContain(run.status)
  expect(run.stderr).not.toMatch(/\n\s+at |internal error|RangeError|Maximum call stack/)
  if (run.rssKb !== null) expect(run.rssKb).toBeLessThan(MAX_RSS_KB)
}

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

describe('tdgov scan on hostile inputs at the default limits', () => {
  let dir: string
  let run: Run

  beforeAll(async () => {
    dir = makeTempDir('tdgov-hostile-')
    mkdirSync(path.join(dir, 'data'))
    const data = (name: string, content: string | Buffer): void => writeFileSync(path.join(dir, 'data', name), content)
    // The token estimate was quadratic in a run of letters: 200 kB took seconds, 1 MB over two minutes.
    data('letters.jsonl', JSON.stringify({ text: 'ab'.repeat(100_000) }) + '\n')
    data('dna.jsonl', Array.from({ length: 3 }, () => JSON.stringify({ text: 'ACGT'.repeat(50_000) })).join('\n') + '\n')
    data('deep.json', nested(100_000))
    data('deep.jsonl', `{"a":1}\n{"b":${nested(100_000)}}\n`)
    // 75 MiB of newlines from 2.4 KB, in a 1 MiB window; and a frame asking for a 2 GiB window.
    data('bomb.txt.zst', zstdBomb(0x50, 600))
    data('window.txt.zst', zstdBomb(0xa8, 100))
    run = await scanMeasured(['scan', dir, '--no-cache', '--json', '--out', path.join(dir, '.tdgov', 'manifest.json')])
  }, 120_000)

  afterAll(removeTempDirs)

  it('ends with exit 0, no stack trace, under 300 MB', () => {
    expectClean(run)
    expect(run.status).toBe(0)
  })

  it('estimates the tokens of the runs without spaces', () => {
    const manifest = JSON.parse(run.stdout) as { content: { tokens: { estimate: number; low: number } } }
    // 1 MB of letters: o200k_base needs well over one token per 10 characters of DNA or 'abab'.
    expect(manifest.content.tokens.low).toBeGreaterThan(800_000 / 10)
  })

  it('reports each limit with the file and, where there are lines, the line', () => {
    expect(findingsOf(run.stdout).map(place).sort()).toEqual([
      'DECOMPRESSION_LIMIT data/bomb.txt.zst',
      'DECOMPRESSION_LIMIT data/window.txt.zst',
      'NESTING_TOO_DEEP data/deep.json',
      'NESTING_TOO_DEEP data/deep.jsonl:2',
    ])
  })
})

describe('tdgov scan with lowered limits', () => {
  let dir: string
  let run: Run

  beforeAll(async () => {
    dir = makeTempDir('tdgov-hostile-')
    const data = (name: string, content: string | Buffer): void => writeFileSync(path.join(dir, name), content)
    const short = JSON.stringify({ text: 'short' })
    data('long.jsonl', `${short}\n${JSON.stringify({ text: 'x'.repeat(3_000_000) })}\n${short}\n`)
    // A long line inside gzip never finished: the line reader joined its carry on every chunk.
    data('long.txt.gz', gzipSync(`first\n${'y'.repeat(20_000_000)}\nlast\n`))
    data('quote.csv', `id,text\n1,fine\n2,"never closed\n${'3,more\n'.repeat(200_000)}`)
    data('keys.jsonl', JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, i]))) + '\n')
    run = await scanMeasured(['scan', dir, '--no-cache', '--json', '--max-record-bytes', '1000000', '--max-fields', '100', '--out', path.join(dir, '.tdgov', 'manifest.json')])
  }, 120_000)

  afterAll(removeTempDirs)

  it('ends with exit 0, no stack trace, under 300 MB', () => {
    expectClean(run)
    expect(run.status).toBe(0)
  })

  it('reports each limit with the file and line, and still counts every line', () => {
    expect(findingsOf(run.stdout).map(place).sort()).toEqual([
      'CSV_UNTERMINATED_QUOTE quote.csv:3',
      'FIELDS_CAPPED keys.jsonl',
      // 20,000 keys in one record: read only as far as its first 100
      'RECORD_FIELDS_CUT keys.jsonl:1',
      'RECORD_TOO_LONG long.jsonl:2',
      'RECORD_TOO_LONG long.txt.gz:2',
      'RECORD_TOO_LONG quote.csv:3',
    ])
    const manifest = JSON.parse(run.stdout) as { scan: { limits: Record<string, number> }; files: { path: string; records?: number }[] }
    expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.records]))).toEqual({ 'keys.jsonl': 1, 'long.jsonl': 3, 'long.txt.gz': 3, 'quote.csv': 2 })
    expect(manifest.scan.limits).toEqual({ maxRecordBytes: 1_000_000, maxDepth: 512, maxDecompressedBytes: 0, maxDecompressionRatio: 100, maxFields: 100, maxAnalysisSeconds: 60, maxAnalysisMemoryMiB: 160 })
  })

  it('refuses a limit that is not a whole number with one line and exit 2', async () => {
    const bad = await runCli(['scan', dir, '--max-depth', '0', '--out', path.join(dir, '.tdgov', 'other.json')])
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toContain('--max-depth')
    const never = await runCli(['scan', dir, '--max-analysis-seconds', '0', '--out', path.join(dir, '.tdgov', 'other.json')])
    expect(never.status).toBe(2)
    expect(never.stderr.trim()).toBe('tdgov: expected --max-analysis-seconds above 0')
  })
})

describe('tdgov scan with a small heap for the analysis thread', () => {
  it('stops an analysis that needs more (ANALYSIS_STOPPED, memory) and still hashes and sizes the whole file', async () => {
    const dir = makeTempDir()
    // 70 MB of distinct records, analysed on its own thread (64 MiB or more); --deep keeps every record's key
    const file = path.join(dir, 'big.jsonl')
    const fd = openSync(file, 'w')
    let bytes = 0
    for (let block = 0; bytes < 70_000_000; block++) {
      const text = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ id: block * 10_000 + i, text: `record ${block * 10_000 + i} says something of its own` })).join('\n') + '\n'
      bytes += writeSync(fd, text)
    }
    closeSync(fd)
    const run = await runCli(['scan', dir, '--deep', '--max-analysis-memory', '16', '--no-cache', '--json', '--out', path.join(dir, '.tdgov', 'manifest.json')], { timeoutMs: 120_000 })
    expect(run.status, run.stderr).toBe(0)
    const entry = (JSON.parse(run.stdout) as { files: { path: string; bytes: number; sha256: string; records?: number; findings: { code: string; args: Record<string, unknown> }[] }[] }).files.find((f) => f.path === 'big.jsonl')!
    expect(entry.findings.find((f) => f.code === 'ANALYSIS_STOPPED')?.args).toEqual({ limit: 'memory', mib: 16 })
    expect(entry.bytes).toBe(bytes)
    expect(entry.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'))
    expect(entry.records).toBeUndefined()
  }, 180_000)
})
