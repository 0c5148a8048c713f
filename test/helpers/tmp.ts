import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const created = new Set<string>()

/**
 * A fresh directory under os.tmpdir(), resolved through links (so it can be compared with the
 * paths a scan sees). Removed by `removeTempDirs`.
 */
export function makeTempDir(prefix = 'tdgov-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)))
  created.add(dir)
  return dir
}

/** Removes every directory made by `makeTempDir`, first making unreadable entries removable. */
export function removeTempDirs(): void {
  for (const dir of created) {
    restorePermissions(dir)
    rmSync(dir, { recursive: true, force: true })
  }
  created.clear()
}

/** Names are read as bytes: a test may leave a name that is not UTF-8, which a string could not reopen. */
function restorePermissions(dir: Buffer | string): void {
  let entries: Buffer[]
  try {
    chmodSync(dir, 0o755)
    entries = readdirSync(dir, { encoding: 'buffer' })
  } catch {
    return
  }
  for (const name of entries) {
    const entry = Buffer.concat([Buffer.from(dir), Buffer.from(path.sep), name])
    const stats = lstatSync(entry)
    if (stats.isSymbolicLink()) continue
    if (stats.isDirectory()) restorePermissions(entry)
    else chmodSync(entry, 0o644)
  }
}

export type TreeSpec = Record<string, string | Uint8Array>

/** Writes files (POSIX relative paths → content) under `root`, making directories as needed. */
export function writeTree(root: string, files: TreeSpec): void {
  for (const [relPath, content] of Object.entries(files)) {
    const target = path.join(root, ...relPath.split('/'))
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
}

/** Regular files under `dir` (not following links), as sorted POSIX paths relative to it. */
export function listFiles(dir: string, skip: (relPath: string) => boolean = () => false): string[] {
  const out: string[] = []
  const visit = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs)) {
      const childRel = rel ? `${rel}/${name}` : name
      if (skip(childRel)) continue
      const stats = lstatSync(path.join(abs, name))
      if (stats.isDirectory()) visit(path.join(abs, name), childRel)
      else if (stats.isFile()) out.push(childRel)
    }
  }
  visit(dir, '')
  return out.sort()
}

/** Sets the access and modification time of every regular file under `dir` (not through links). */
export function setTreeTimes(dir: string, when: Date): void {
  for (const rel of listFiles(dir)) utimesSync(path.join(dir, rel), when, when)
}
