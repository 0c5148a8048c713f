/**
 * Wall-time and peak-RSS measurement of external commands. Each run is a `spawnSync` timed with
 * `process.hrtime.bigint()`; the command runs under `/usr/bin/time -f '%M'` (peak RSS in KiB of
 * the process; worker threads share it) when that binary exists.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

const GNU_TIME = '/usr/bin/time'
export const HAVE_GNU_TIME = fs.existsSync(GNU_TIME)

const RSS_FILE = path.join(os.tmpdir(), `tdgov-bench-rss-${process.pid}.txt`)
const TIMEOUT_MS = 30 * 60 * 1000
process.on('exit', () => fs.rmSync(RSS_FILE, { force: true }))

export interface RunResult {
  ms: number
  rssKb: number | null
  status: number | null
  signal: string | null
  stdout: string
  stderr: string
}

export interface Measurement {
  argv: string[]
  timesMs: number[]
  medianMs: number
  maxRssKb: number | null
  ok: boolean
  /** the last run (its stdout is what checks parse) */
  last: RunResult
}

/** Thrown when a measured command was stopped by Ctrl-C, so the bench can clean up and stop. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted')
  }
}

export function runOnce(argv: string[], cwd: string): RunResult {
  const [cmd, ...args] = HAVE_GNU_TIME ? [GNU_TIME, '-o', RSS_FILE, '-f', '%M', ...argv] : argv
  if (cmd === undefined) throw new Error('empty command')
  if (HAVE_GNU_TIME) fs.rmSync(RSS_FILE, { force: true })
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    timeout: TIMEOUT_MS,
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  // GNU time exits 128+N when its child dies of signal N
  if (r.signal === 'SIGINT' || r.status === 130) throw new Interrupted()
  let rssKb: number | null = null
  if (HAVE_GNU_TIME && fs.existsSync(RSS_FILE)) {
    // on failure GNU time writes "Command exited with non-zero status N" before the value
    const lines = fs.readFileSync(RSS_FILE, 'utf8').trim().split('\n')
    const v = Number(lines[lines.length - 1])
    if (Number.isFinite(v)) rssKb = v
  }
  return {
    ms,
    rssKb,
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? `\n${r.error.message}` : ''),
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  if (s.length === 0) return NaN
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/**
 * Run `argv` `runs` times (calling `before` ahead of each run) and keep the median wall time and
 * the maximum peak RSS. Stops at the first failing run.
 */
export function measure(label: string, argv: string[], cwd: string, runs: number, before?: () => void): Measurement {
  const timesMs: number[] = []
  let maxRssKb: number | null = null
  let last: RunResult | null = null
  for (let i = 0; i < runs; i++) {
    before?.()
    const r = runOnce(argv, cwd)
    last = r
    if (r.status !== 0) {
      console.error(`  ✗ ${label}: exit ${r.status ?? r.signal ?? '?'} after ${fmtSeconds(r.ms)}`)
      console.error(indent(tail(r.stderr || r.stdout, 30)))
      return { argv, timesMs, medianMs: NaN, maxRssKb, ok: false, last: r }
    }
    timesMs.push(r.ms)
    if (r.rssKb !== null) maxRssKb = Math.max(maxRssKb ?? 0, r.rssKb)
    console.log(`  ${label} run ${i + 1}/${runs}: ${fmtSeconds(r.ms)}${r.rssKb !== null ? `, ${fmtMb(r.rssKb)} peak RSS` : ''}`)
  }
  if (last === null) throw new Error('runs must be ≥ 1')
  return { argv, timesMs, medianMs: median(timesMs), maxRssKb, ok: true, last }
}

export function fmtSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  return ms < 10_000 ? `${(ms / 1000).toFixed(3)} s` : `${(ms / 1000).toFixed(1)} s`
}

export function fmtMb(kb: number | null): string {
  return kb === null ? '—' : `${(kb / 1024).toFixed(0)} MB`
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')
}
