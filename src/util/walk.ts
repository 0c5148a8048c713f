import { accessSync, constants, realpathSync } from 'node:fs'
import path from 'node:path'
import fg, { type Entry } from 'fast-glob'
import type { FindingDraft } from '../findings/finding.js'
import { annexLinkTarget } from './annex-link.js'
import type { ExcludeFilter } from './excludes.js'

/** tdgov's own state and version-control internals are not part of a dataset. */
export const ALWAYS_EXCLUDED = ['.tdgov/**', '**/.git/**', '.hg/**', '.svn/**', 'tdgov.yaml']

export interface WalkedFile {
  /** POSIX path relative to the root */
  relPath: string
  absPath: string
}

export interface WalkVisitor {
  file(file: WalkedFile): void
  finding(path: string, draft: FindingDraft): void
}

/**
 * Visits the regular files under `root` as the directory listing streams in, so scanning can start
 * before the walk ends. Symbolic links are never followed: one leading inside the root names
 * content that is recorded under its own path already (following it would count that content
 * twice), and one leading outside, back up the tree or nowhere is reported. A git-annex link
 * (into .git/annex/objects/) is visited as the file it stands for, whether its content is present
 * or not. Directories that cannot be listed are reported too. `excluded` paths (tdgov.yaml's
 * excludes) are passed over silently, as is everything under an excluded directory.
 */
export async function walkStream(root: string, visit: WalkVisitor, exclude: string[] = [], excluded?: ExcludeFilter): Promise<void> {
  const realRoot = realpathSync(root)
  // `**` is a regular expression whose `.` does not match a newline, so fast-glob alone would drop
  // file names containing one; the second pattern matches exactly those names.
  const entries = fg.stream(['**', '**/*\n*'], {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    unique: false,
    ignore: [...ALWAYS_EXCLUDED, ...exclude],
    // fast-glob drops unreadable directories silently; they are looked for below
    suppressErrors: true,
  })
  for await (const item of entries) {
    // fast-glob types stream items as strings; with objectMode they are entries.
    const entry = item as unknown as Entry
    if (excluded?.(entry.path, entry.dirent.isDirectory())) continue
    const absPath = path.join(root, entry.path)
    if (entry.dirent.isFile()) visit.file({ relPath: entry.path, absPath })
    else if (entry.dirent.isDirectory()) {
      if (!canList(absPath)) visit.finding(entry.path, { code: 'DIRECTORY_UNREADABLE' })
    } else if (entry.dirent.isSymbolicLink()) {
      // A git-annex file is a link into .git/annex/objects (never walked): the file's own content,
      // read through the link, or, when the content was not fetched, a link to nothing.
      if (annexLinkTarget(absPath) !== null) visit.file({ relPath: entry.path, absPath })
      else visit.finding(entry.path, classifyLink(absPath, realRoot))
    }
    else visit.finding(entry.path, { code: 'SPECIAL_FILE_SKIPPED', args: { kind: kindOf(entry.dirent) } })
  }
}

function canList(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK)
    return true
  } catch {
    return false
  }
}

function classifyLink(absPath: string, realRoot: string): FindingDraft {
  let target: string
  try {
    target = realpathSync(absPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ELOOP' ? { code: 'SYMLINK_LOOP', args: { target: 'itself' } } : { code: 'SYMLINK_BROKEN' }
  }
  if (target !== realRoot && !target.startsWith(realRoot + path.sep)) return { code: 'SYMLINK_OUTSIDE_ROOT' }
  const relTarget = toPosix(path.relative(realRoot, target)) || '.'
  const parent = realpathSync(path.dirname(absPath))
  if (parent === target || parent.startsWith(target + path.sep)) return { code: 'SYMLINK_LOOP', args: { target: relTarget } }
  return { code: 'SYMLINK_INSIDE_ROOT', args: { target: relTarget } }
}

function kindOf(dirent: { isFIFO(): boolean; isSocket(): boolean }): string {
  if (dirent.isFIFO()) return 'named pipe'
  if (dirent.isSocket()) return 'socket'
  return 'device'
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/')
}

