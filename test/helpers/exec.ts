import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file lives in test/helpers/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The built CLI entry point; test/global-setup.ts builds dist/ before any test runs. */
export const CLI = path.join(REPO_ROOT, 'bin', 'tdgov.js')

export interface ExecResult {
  /** exit code, or null when the process was ended by a signal */
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface ExecOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** kill the child (SIGKILL) after this many milliseconds; default 60 s */
  timeoutMs?: number
}

/**
 * The environment every CLI run gets: no colours, no progress bar, nothing from the caller's
 * terminal; LANG is fixed, since review sheets follow it (zh_CN would write Chinese headers).
 */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1', LANG: 'C.UTF-8', ...extra }
  delete env.FORCE_COLOR
  return env
}

/** Starts `node bin/tdgov.js ...args` and returns the child, for tests that signal it. */
export function spawnCli(args: readonly string[], options: ExecOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Collects a child's output and waits for it to end. */
export function waitForExit(child: ChildProcess, timeoutMs = 60_000): Promise<ExecResult> {
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`tdgov did not exit within ${timeoutMs} ms`))
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (status, signal) => {
      clearTimeout(timer)
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      })
    })
  })
}

/** Runs the built CLI (`node bin/tdgov.js ...args`) with NO_COLOR=1 and CI=1. */
export function runCli(args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return waitForExit(spawnCli(args, options), options.timeoutMs)
}
