/**
 * What the cases share: the context a case runs in, and the helpers they use (page-cache warming,
 * manifest reading, result summaries). One module per case sits next to this one; bench/run.ts
 * parses the arguments, holds the registry and prints the table.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { spawnSync } from 'node:child_process'
import type { DataScale, DataSizes, GenerationReport, Layout } from '../generate.js'
import { fileEntries, findEntry, readManifest } from '../manifest.js'
import type { FileEntry } from '../manifest.js'
import type { Measurement } from '../measure.js'
import type { CaseResult } from '../results.js'

export interface Ctx {
  l: Layout
  cli: string
  runs: number
  jobs: string[]
  gen: GenerationReport
  /** dist/bench: the compiled bench next to the CLI's dist/src */
  distBenchDir: string
  /** `--scale`: full, or smoke (a few MB, to check the bench, not to time it) */
  scale: DataScale
  sizes: DataSizes
}

export function tdgovScan(ctx: Ctx, dir: string, extra: string[]): string[] {
  return [process.execPath, ctx.cli, 'scan', dir, ...extra, ...ctx.jobs]
}

export function sh(script: string, cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script, 'bash', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
}

/** Read a file once so every timed command starts with it in the page cache. */
export function warmFile(file: string): void {
  sh('cat "$1" > /dev/null', path.dirname(file), file)
}

export function warmTree(dir: string): void {
  sh('find . -type f -print0 | xargs -0 cat > /dev/null', dir)
}

export function removeTdgovDirs(l: Layout): void {
  for (const d of [l.dataDir, l.jsonlDir, l.parquetDir, l.treeDir]) {
    fs.rmSync(path.join(d, '.tdgov'), { recursive: true, force: true })
  }
}

export function manifestEntries(file: string): Map<string, FileEntry> | null {
  try {
    return fileEntries(readManifest(file))
  } catch (err) {
    console.error(`  !!! MISMATCH: cannot read manifest ${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

export function summary(m: Measurement): CaseResult['tdgov'] {
  return { command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb, ok: m.ok }
}

export function refSummary(label: string, m: Measurement): NonNullable<CaseResult['reference']> {
  return { label, command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb }
}

/** Timings are only meaningful on an otherwise idle machine; say so when it is not. */
export function warnIfBusy(when: string): void {
  const [load1] = os.loadavg()
  const cpus = os.cpus().length
  if (load1 !== undefined && load1 > cpus * 0.75) {
    console.warn(`  warning: load average ${load1.toFixed(2)} on ${cpus} CPUs ${when}; timings will be noisy`)
  }
}

export function findEntryIn(manifestFile: string, name: string): FileEntry | null {
  const entries = manifestEntries(manifestFile)
  return entries ? findEntry(entries, name) : null
}

/**
 * Removes an output before each run: --out replaces only a file its own ledger vouches for, and a
 * run of another build (--cli) leaves one this build's ledger does not know.
 */
export function forget(file: string): () => void {
  return () => fs.rmSync(file, { force: true })
}
