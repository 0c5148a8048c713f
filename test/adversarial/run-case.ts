import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CLI, cliEnv } from '../helpers/exec.js'
import { peakRssSoFarMiB, whenOpened } from '../helpers/processes.js'
import { listFiles } from '../helpers/tmp.js'

export const TIME = '/usr/bin/time'
/** Every case is bounded: a case that runs longer has hung (ADVERSARIAL_FULL=1 builds inputs of the full size). */
export const CASE_TIMEOUT_MS = process.env.ADVERSARIAL_FULL === '1' ? 600_000 : 120_000

export interface CaseRun {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** peak resident set size in MiB, from GNU time; null where it is not installed */
  peakRssMiB: number | null
  seconds: number
}

/** Runs the built CLI as a user would, under GNU time for its peak RSS, killed after CASE_TIMEOUT_MS. */
export function runCase(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CaseRun {
  const timed = existsSync(TIME)
  const started = process.hrtime.bigint()
  const run = spawnSync(timed ? TIME : process.execPath, timed ? ['-f', '%M', process.execPath, CLI, ...args] : [CLI, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    encoding: 'utf8',
    timeout: CASE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  let stderr = run.stderr ?? ''
  let peakRssMiB: number | null = null
  if (timed) {
    // GNU time writes its figure (KiB) as the last line of stderr
    const lines = stderr.trimEnd().split('\n')
    const kib = Number(lines.at(-1))
    if (Number.isFinite(kib)) {
      peakRssMiB = kib / 1024
      // and, before it, a line of its own when the command did not exit 0
      const own = lines.slice(0, -1).filter((l) => !/^Command (exited with non-zero status \d+|terminated by signal \d+)$/.test(l))
      stderr = own.join('\n') + (own.length > 0 ? '\n' : '')
    }
  }
  return { status: run.status, signal: run.signal, stdout: run.stdout ?? '', stderr, peakRssMiB, seconds }
}

/** Every file below `dir` with its sha256, links read as their target paths: a canary's state. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]))
}

/** Something done to a running command once it has a given file open. */
export interface During {
  /** the file (absolute) whose opening is the moment */
  opened: string
  /** a signal to send it, or a change to make to the dataset meanwhile */
  then: NodeJS.Signals | (() => void)
}

/**
 * Runs the built CLI and acts once it has `during.opened` open: signals it, or changes the data
 * under it. Peak RSS is Linux's VmHWM, read until the process ends (GNU time cannot pass a signal on).
 */
export async function runCaseDuring(args: readonly string[], during: During): Promise<CaseRun> {
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let peak: number | null = null
  const poll = setInterval(() => {
    const now = peakRssSoFarMiB(child.pid!)
    if (now !== null) peak = Math.max(peak ?? 0, now)
  }, 20)
  const killer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS)
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (status, signal) => resolve({ status, signal })))
  await whenOpened(child.pid!, during.opened, 500)
  const now = peakRssSoFarMiB(child.pid!)
  if (now !== null) peak = Math.max(peak ?? 0, now)
  if (typeof during.then === 'string') child.kill(during.then)
  else during.then()
  const { status, signal } = await exited
  clearInterval(poll)
  clearTimeout(killer)
  return { status, signal, stdout, stderr, peakRssMiB: peak, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}
