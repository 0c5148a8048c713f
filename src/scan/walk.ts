import { realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import type { FindingDraft } from '../findings/finding.js'

/** tdgov's own state and version-control internals are not part of a dataset. */
export const ALWAYS_EXCLUDED = ['.tdgov/**', '**/.git/**', '.hg/**', '.svn/**', 'tdgov.yaml']

export interface WalkedFile {
  /** POSIX path relative to the root, as the user sees it (through links) */
  relPath: string
  /** where to read it: the path itself, or the real path behind a link */
  absPath: string
}

export interface WalkResult {
  files: WalkedFile[]
  findings: { path: string; draft: FindingDraft }[]
}

/**
 * Lists the regular files under `root`. Links are followed only while they stay inside the root
 * and do not lead back into a directory already on the way; everything else becomes a finding.
 */
export async function walk(root: string, exclude: string[] = []): Promise<WalkResult> {
  const realRoot = realpathSync(root)
  const result: WalkResult = { files: [], findings: [] }
  await walkDirectory(root, '', realRoot, new Set([realRoot]), [...ALWAYS_EXCLUDED, ...exclude], result)
  result.files.sort((a, b) => compareStrings(a.relPath, b.relPath))
  return result
}

async function walkDirectory(
  absDir: string,
  relPrefix: string,
  realRoot: string,
  followed: Set<string>,
  ignore: string[],
  result: WalkResult,
): Promise<void> {
  const entries = await fg.glob('**', {
    cwd: absDir,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    ignore: relPrefix === '' ? ignore : ignore.filter((pattern) => pattern.startsWith('**/')),
    suppressErrors: true,
  })
  for (const entry of entries) {
    const relPath = relPrefix + entry.path
    const absPath = path.join(absDir, entry.path)
    if (entry.dirent.isFile()) result.files.push({ relPath, absPath })
    else if (entry.dirent.isSymbolicLink()) {
      await followLink(absPath, relPath, realRoot, followed, ignore, result)
    } else if (!entry.dirent.isDirectory()) {
      result.findings.push({ path: relPath, draft: { code: 'SPECIAL_FILE_SKIPPED', args: { kind: kindOf(entry.dirent) } } })
    }
  }
}

async function followLink(
  absPath: string,
  relPath: string,
  realRoot: string,
  followed: Set<string>,
  ignore: string[],
  result: WalkResult,
): Promise<void> {
  const problem = (draft: FindingDraft): void => {
    result.findings.push({ path: relPath, draft })
  }
  let target: string
  try {
    target = realpathSync(absPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return problem(code === 'ELOOP' ? { code: 'SYMLINK_LOOP', args: { target: 'itself' } } : { code: 'SYMLINK_BROKEN' })
  }
  if (target !== realRoot && !target.startsWith(realRoot + path.sep)) return problem({ code: 'SYMLINK_OUTSIDE_ROOT' })
  const stats = statSync(target)
  if (stats.isFile()) {
    result.files.push({ relPath, absPath: target })
    return
  }
  if (!stats.isDirectory()) return problem({ code: 'SPECIAL_FILE_SKIPPED', args: { kind: 'device or socket' } })
  const parent = realpathSync(path.dirname(absPath))
  const intoAncestor = parent === target || parent.startsWith(target + path.sep)
  if (intoAncestor || followed.has(target)) {
    return problem({ code: 'SYMLINK_LOOP', args: { target: toPosix(path.relative(realRoot, target)) || '.' } })
  }
  followed.add(target)
  await walkDirectory(absPath, relPath + '/', realRoot, followed, ignore, result)
}

function kindOf(dirent: { isFIFO(): boolean; isSocket(): boolean }): string {
  if (dirent.isFIFO()) return 'named pipe'
  if (dirent.isSocket()) return 'socket'
  return 'device'
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/')
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
