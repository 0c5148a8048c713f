import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import type { Manifest } from './manifest-schema.js'
import { parseManifest, readManifest } from './read-manifest.js'
import { UserError } from '../util/errors.js'

/** The most `git show` may print; a manifest of a few million files is a few hundred MB. */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024

export interface ManifestAt {
  manifest: Manifest
  /** what messages and reports call it: the path or REV:PATH as given */
  name: string
}

/**
 * Reads a manifest named by a path or by a git revision spec `REV:PATH` (`HEAD~1:.tdgov/manifest.json`).
 * An existing file wins, so a path holding a colon still reads as a path.
 */
export function readManifestAt(spec: string): ManifestAt {
  if (isFile(spec) || !spec.includes(':')) return { manifest: readManifest(spec), name: spec }
  return { manifest: parseManifest(gitShow(spec), spec), name: spec }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** `git show REV:PATH` in the working directory, without a shell; every failure is one line. */
function gitShow(spec: string): string {
  // git would read a leading dash as an option (`--output=…` writes a file).
  if (spec.startsWith('-')) throw new UserError(`${spec}: not a file, and not a git revision REV:PATH`)
  try {
    return execFileSync('git', ['show', spec], { maxBuffer: MAX_GIT_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  } catch (error) {
    throw new UserError(`${spec}: not a file, and git show failed: ${gitFailure(error)}`)
  }
}

function gitFailure(error: unknown): string {
  const failure = error as NodeJS.ErrnoException & { stderr?: string | Buffer }
  if (failure.code === 'ENOENT') return 'git is not installed or not on PATH'
  if (failure.code === 'ENOBUFS') return `the file is larger than ${MAX_GIT_OUTPUT / 1024 / 1024} MiB`
  const firstLine = String(failure.stderr ?? '')
    .split(/\r?\n/)
    .find((line) => line.trim() !== '')
  return firstLine?.trim() ?? failure.message.split('\n')[0]!
}
