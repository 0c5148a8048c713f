import { lstatSync } from 'node:fs'
import path from 'node:path'
import { writtenHereByTdgov } from '../records/output-ledger.js'
import { UserError } from '../util/errors.js'

export interface OutTargetOptions {
  /** the dataset folder the command reads: an output inside it (outside `.tdgov/`) would become data */
  tree: string
  /** --force: replace what is there, and write inside the tree */
  force: boolean
}

/**
 * Refuses an `--out` that would destroy or pollute the user's data, unless --force says so: a
 * path inside the dataset (outside its `.tdgov/`), or an existing file that is not, byte for byte,
 * an output tdgov wrote there for this project (its ledger, .tdgov/outputs.json, says which are).
 * A link or a folder is refused even with --force. One line, exit 2, nothing written.
 */
export async function checkOutTarget(out: string, options: OutTargetOptions): Promise<void> {
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
  if (!options.force && !(await writtenHereByTdgov(options.tree, target))) {
    throw new UserError(`${out}: exists and is not an output tdgov wrote there (or it has changed since); pass --force to replace it`)
  }
}
