import { lstatSync, readlinkSync } from 'node:fs'

/** git-annex keeps content under .git/annex/objects/ and links each file's path to it. */
const ANNEX_OBJECTS = /(^|[\\/])\.git[\\/]annex[\\/]objects[\\/]/

/** The target of a symbolic link into a git-annex object store, or null for any other entry. */
export function annexLinkTarget(absPath: string | Buffer): string | null {
  try {
    const target = readlinkSync(absPath)
    return ANNEX_OBJECTS.test(target) ? target : null
  } catch {
    return null
  }
}

/** The git-annex key a link names: the last part of its target (`SHA256E-s6--…`). */
export function annexKeyOf(target: string): string {
  return target.slice(Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1)
}

/** Size and mtime of the link itself (its target's length), or null when it is gone. */
export function linkStat(absPath: string | Buffer): { size: number; mtimeMs: number } | null {
  try {
    const stats = lstatSync(absPath)
    return stats.isSymbolicLink() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null
  } catch {
    return null
  }
}
