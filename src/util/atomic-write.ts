import { closeSync, constants, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from './errors.js'

/** Temporary files being written right now, so an interrupt can remove them. */
const pending = new Set<string>()

export interface WriteOptions {
  /**
   * The folder the write must stay inside (the project, for tdgov's own records): no folder
   * between it and the target, and not the target itself, may be a symbolic link, so a dataset
   * whose `.tdgov` points elsewhere cannot make tdgov write there.
   */
  within?: string
}

/**
 * Writes through a temporary file in the same directory and renames it over the target, so a
 * reader (or an interrupted run) sees either the old file or the complete new one.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  writeThroughTemp(target, (fd) => writeFileSync(fd, data), options, (temp) => renameSync(temp, target))
}

/** Text written in pieces: `write` is called with a function that appends to the file. */
export type WriteText = (text: string) => void

/**
 * writeFileAtomic for a file produced in pieces (a manifest of a million entries is never one
 * string in memory): `produce` appends text, buffered into writes of WRITE_CHUNK characters or so;
 * its result is returned once the complete file is in place. When `produce` throws, the target is
 * left as it was.
 */
export function writeTextAtomic<T>(target: string, produce: (write: WriteText) => T, options: WriteOptions = {}): T {
  let result: T
  writeThroughTemp(
    target,
    (fd) => {
      let pending: string[] = []
      let length = 0
      const flush = (): void => {
        if (length === 0) return
        writeFileSync(fd, pending.join(''))
        pending = []
        length = 0
      }
      result = produce((text) => {
        pending.push(text)
        length += text.length
        if (length >= WRITE_CHUNK) flush()
      })
      flush()
    },
    options,
    (temp) => renameSync(temp, target),
  )
  return result!
}

/** Characters gathered before a write: large enough that the system calls cost nothing, small enough to hold. */
const WRITE_CHUNK = 1 << 20

/**
 * Like writeFileAtomic, but never replaces an existing file: the complete file is linked into
 * place, which fails with EEXIST when the target is there (even if it appeared meanwhile).
 */
export function createFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  writeThroughTemp(target, (fd) => writeFileSync(fd, data), options, (temp) => {
    linkSync(temp, target)
    rmSync(temp, { force: true })
  })
}

function writeThroughTemp(target: string, fill: (fd: number) => void, options: WriteOptions, publish: (temp: string) => void): void {
  if (options.within !== undefined) makeFoldersWithin(options.within, target)
  else mkdirSync(path.dirname(target), { recursive: true })
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  pending.add(temp)
  try {
    // O_EXCL: a file or link already at the temporary name is never opened, let alone followed;
    // O_NOFOLLOW says the same for the last component where the platform has it.
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644)
    try {
      fill(fd)
    } finally {
      closeSync(fd)
    }
    publish(temp)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  } finally {
    pending.delete(temp)
  }
}

/**
 * Creates the folders from `root` down to the target's, one at a time, refusing any that is a
 * symbolic link or not a folder, and a target that is a link: the write then lands inside `root`
 * whatever the dataset contains. `root` itself may be a link: it is the place the user named.
 */
export function makeFoldersWithin(root: string, target: string): void {
  const base = path.resolve(root)
  const rel = path.relative(base, path.resolve(target))
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(`${target}: outside ${root}; tdgov writes its records only inside the project`)
  const parts = rel.split(path.sep)
  let at = base
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part)
    const last = i === parts.length - 1
    let stat
    try {
      stat = lstatSync(at)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      if (!last) mkdirSync(at)
      continue
    }
    if (stat.isSymbolicLink()) throw new UserError(`${at}: is a symbolic link; tdgov does not write its records through links (remove it, or point --out elsewhere)`)
    if (!last && !stat.isDirectory()) throw new UserError(`${at}: expected a folder for tdgov's records, found a file`)
    if (last && !stat.isFile()) throw new UserError(`${at}: expected a file tdgov can replace, found ${stat.isDirectory() ? 'a folder' : 'a special file'}`)
  }
}

/**
 * Whether `file` can be reached from `root` without passing a symbolic link (the file itself
 * included): tdgov reads its own records, the cache above all, only from inside the project.
 */
export function reachableWithoutLinks(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file))
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false
  let at = path.resolve(root)
  for (const part of rel.split(path.sep)) {
    at = path.join(at, part)
    try {
      if (lstatSync(at).isSymbolicLink()) return false
    } catch {
      return false
    }
  }
  return true
}

/** `within: root` for a file inside `root` (tdgov's records, or an --out into the project); none for one outside it, which the user chose. */
export function insideOf(root: string, file: string): WriteOptions {
  const rel = path.relative(path.resolve(root), path.resolve(file))
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? { within: root } : {}
}

/** Removes half-written temporary files; called when the process is interrupted. */
export function removePendingWrites(): void {
  for (const temp of pending) rmSync(temp, { force: true })
  pending.clear()
}
