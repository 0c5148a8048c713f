import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { UserError } from '../util/errors.js'

const HEAD = 64 * 1024
/** A Word file larger than this is not opened to read who wrote it. */
const ZIP_READ_LIMIT = 32 * 1024 * 1024

export interface OutTargetOptions {
  /** the dataset folder the command reads: an output inside it (outside `.tdgov/`) would become data */
  tree: string
  /** --force: replace what is there, and write inside the tree */
  force: boolean
}

/**
 * Refuses an `--out` that would destroy or pollute the user's data, unless --force says so: a
 * path inside the dataset (outside its `.tdgov/`), or an existing file tdgov did not write (a
 * link or a folder is refused even with --force). One line, exit 2, nothing written.
 */
export function checkOutTarget(out: string, options: OutTargetOptions): void {
  const target = path.resolve(out)
  const tree = path.resolve(options.tree)
  const rel = path.relative(tree, target)
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
  if (inside && rel.split(path.sep)[0] !== '.tdgov' && !options.force) {
    throw new UserError(`${out}: inside the dataset ${options.tree}, where it would be read as data on the next scan; write it elsewhere or under ${path.join(options.tree, '.tdgov')}, or pass --force`)
  }
  let stat
  try {
    stat = lstatSync(target)
  } catch {
    return
  }
  if (stat.isSymbolicLink()) throw new UserError(`${out}: is a symbolic link; tdgov does not write through links (remove it or choose another --out)`)
  if (!stat.isFile()) throw new UserError(`${out}: exists and is not a regular file`)
  if (!options.force && !writtenByTdgov(target, stat.size)) throw new UserError(`${out}: exists and is not a file tdgov wrote; pass --force to replace it`)
}

/** Every text file tdgov writes names it in its first 64 KiB; a Word file names it as its creator. */
export function writtenByTdgov(file: string, size: number): boolean {
  const head = Buffer.alloc(Math.min(size, HEAD))
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  if (head.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) {
    if (size > ZIP_READ_LIMIT) return false
    try {
      const core = unzipSync(readFileSync(file), { filter: (entry) => entry.name === 'docProps/core.xml' })['docProps/core.xml']
      return core !== undefined && /<dc:creator>tdgov[ <]/.test(strFromU8(core))
    } catch {
      return false
    }
  }
  return head.includes('tdgov')
}
