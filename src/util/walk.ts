import { readdir } from 'node:fs/promises'
import { realpathSync, type Dirent } from 'node:fs'
import path from 'node:path'
import type { FindingDraft } from '../findings/finding.js'
import { annexLinkTarget } from './annex-link.js'
import { UserError } from './errors.js'
import type { ExcludeFilter } from './excludes.js'
import { describeSystemError } from './library-error.js'
import { recordedName } from './recorded-name.js'

/** tdgov's own state and version-control internals are not part of a dataset: these at the root, `.git` anywhere. */
const EXCLUDED_AT_ROOT = new Set(['.tdgov', '.hg', '.svn', 'tdgov.yaml'])

/** How many directories are listed at once: enough to overlap the reads, few enough for 2 cores. */
const LISTINGS_IN_FLIGHT = 8

export interface WalkedFile {
  /** POSIX path relative to the root, as recorded (src/util/recorded-name.ts) */
  relPath: string
  /** the path to open: a string, or the exact bytes when a name on the way is not UTF-8 */
  absPath: string | Buffer
}

export interface WalkVisitor {
  file(file: WalkedFile): void
  finding(path: string, draft: FindingDraft): void
  /** awaited before each directory is listed: resolves when the files visited so far may be followed by more */
  room?: () => Promise<void>
}

interface Folder {
  rel: string
  abs: Buffer
  /** some name on the way here was recorded escaped: open by bytes */
  byBytes: boolean
}

/**
 * Visits the regular files under `root` as the directory listing streams in, so scanning can start
 * before the walk ends. Directories are read as bytes, so every name is met exactly: names with
 * newlines, carriage returns or line separators, and names that are not UTF-8 (recorded escaped,
 * with a PATH_ESCAPED finding). Symbolic links are never followed: one leading inside the root names
 * content that is recorded under its own path already (following it would count that content
 * twice), and one leading outside, back up the tree or nowhere is reported. A git-annex link
 * (into .git/annex/objects/) is visited as the file it stands for, whether its content is present
 * or not. Directories that cannot be listed are reported too; a root that cannot be listed is a
 * UserError. `skip` (exact relative paths: the manifest written inside the dataset) and
 * `excluded` paths (tdgov.yaml's excludes) are passed over silently, as is everything under an
 * excluded directory.
 */
export async function walkStream(root: string, visit: WalkVisitor, skip: readonly string[] = [], excluded?: ExcludeFilter): Promise<void> {
  const realRoot = realpathSync(root, { encoding: 'buffer' })
  const skipped = new Set(skip)
  const pending: Folder[] = []
  let rootEntries: Dirent<Buffer>[]
  try {
    rootEntries = await readdir(Buffer.from(root), { withFileTypes: true, encoding: 'buffer' })
  } catch (error) {
    throw new UserError(`${root}: cannot list the directory (${describeSystemError(error, 'the read failed')})`)
  }
  const visitEntries = (folder: Folder, entries: Dirent<Buffer>[]): void => {
    for (const dirent of entries) {
      const recorded = recordedName(dirent.name)
      const relPath = folder.rel === '' ? recorded.name : `${folder.rel}/${recorded.name}`
      if (isAlwaysExcluded(folder.rel, recorded.name) || skipped.has(relPath)) continue
      if (excluded?.(relPath, dirent.isDirectory())) continue
      const absBytes = Buffer.concat([folder.abs, SEPARATOR, dirent.name])
      const byBytes = folder.byBytes || recorded.escaped
      if (recorded.escaped) visit.finding(relPath, { code: 'PATH_ESCAPED', args: { reason: recorded.reason } })
      const absPath = byBytes ? absBytes : absBytes.toString('utf8')
      if (dirent.isFile()) visit.file({ relPath, absPath })
      else if (dirent.isDirectory()) pending.push({ rel: relPath, abs: absBytes, byBytes })
      else if (dirent.isSymbolicLink()) {
        // A git-annex file is a link into .git/annex/objects (never walked): the file's own content,
        // read through the link, or, when the content was not fetched, a link to nothing.
        if (annexLinkTarget(absPath) !== null) visit.file({ relPath, absPath })
        else visit.finding(relPath, classifyLink(absBytes, realRoot))
      } else visit.finding(relPath, { code: 'SPECIAL_FILE_SKIPPED', args: { kind: kindOf(dirent) } })
    }
  }
  visitEntries({ rel: '', abs: Buffer.from(root), byBytes: false }, rootEntries)
  // Directories are listed a few at a time; each listing's entries are visited as it arrives.
  const list = async (folder: Folder): Promise<void> => {
    await visit.room?.()
    let entries: Dirent<Buffer>[]
    try {
      entries = await readdir(folder.abs, { withFileTypes: true, encoding: 'buffer' })
    } catch {
      visit.finding(folder.rel, { code: 'DIRECTORY_UNREADABLE' })
      return
    }
    visitEntries(folder, entries)
  }
  await new Promise<void>((resolve, reject) => {
    let active = 0
    const pump = (): void => {
      while (active < LISTINGS_IN_FLIGHT && pending.length > 0) {
        active += 1
        list(pending.pop()!).then(() => {
          active -= 1
          pump()
        }, reject)
      }
      if (active === 0) resolve()
    }
    pump()
  })
}

const SEPARATOR = Buffer.from(path.sep)

function isAlwaysExcluded(parentRel: string, name: string): boolean {
  return name === '.git' || (parentRel === '' && EXCLUDED_AT_ROOT.has(name))
}

function classifyLink(absPath: Buffer, realRoot: Buffer): FindingDraft {
  let target: Buffer
  try {
    target = realpathSync(absPath, { encoding: 'buffer' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ELOOP' ? { code: 'SYMLINK_LOOP', args: { target: 'itself' } } : { code: 'SYMLINK_BROKEN' }
  }
  if (!isUnder(target, realRoot)) return { code: 'SYMLINK_OUTSIDE_ROOT' }
  const relTarget = recordedPath(target.subarray(realRoot.length + 1)) || '.'
  const parent = realpathSync(parentOf(absPath), { encoding: 'buffer' })
  if (isUnder(parent, target)) return { code: 'SYMLINK_LOOP', args: { target: relTarget } }
  return { code: 'SYMLINK_INSIDE_ROOT', args: { target: relTarget } }
}

/** `inner` is `outer` or a path below it. */
function isUnder(inner: Buffer, outer: Buffer): boolean {
  if (inner.equals(outer)) return true
  return inner.length > outer.length && inner.subarray(0, outer.length).equals(outer) && inner.subarray(outer.length, outer.length + SEPARATOR.length).equals(SEPARATOR)
}

function parentOf(absPath: Buffer): Buffer {
  return absPath.subarray(0, absPath.lastIndexOf(SEPARATOR))
}

/** A relative path read from the file system, as the manifest records it. */
function recordedPath(relative: Buffer): string {
  if (relative.length === 0) return ''
  const parts: string[] = []
  let start = 0
  for (let at = relative.indexOf(SEPARATOR); at !== -1; at = relative.indexOf(SEPARATOR, start)) {
    parts.push(recordedName(relative.subarray(start, at)).name)
    start = at + SEPARATOR.length
  }
  parts.push(recordedName(relative.subarray(start)).name)
  return parts.join('/')
}

function kindOf(dirent: { isFIFO(): boolean; isSocket(): boolean }): string {
  if (dirent.isFIFO()) return 'named pipe'
  if (dirent.isSocket()) return 'socket'
  return 'device'
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/')
}

