import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { fsPathOf, type FsPath } from '../util/recorded-name.js'
import { annexLinkTarget } from '../util/annex-link.js'
import { loadIndex, statKey } from './cache.js'
import type { TreeListing } from './list-tree.js'

/** The tree against the manifest: size and mtime first, then hashes. */
export interface TreeChanges {
  added: string[]
  removed: string[]
  changed: string[]
}

export interface TreeChangesInput {
  root: string
  /** the tree as listTree found it */
  listing: TreeListing
  /** the manifest's files: path → size and sha256 */
  files: ReadonlyMap<string, { bytes: number; sha256: string }>
  /** the manifest compared, so that the scan cache is trusted only when it wrote this manifest */
  manifestFile: string
}

/**
 * What changed in the tree since the manifest. A file of the same size is unchanged when the scan
 * cache that wrote this manifest has the same size and mtime for it (stat time, as a rescan);
 * otherwise it is hashed. Without such a cache (a fresh clone), every file of the same size is
 * hashed.
 */
export async function treeChanges(input: TreeChangesInput): Promise<TreeChanges> {
  const index = loadIndex(input.root, null)
  const written = index?.header.written ?? null
  const manifestKey = statKey(input.manifestFile)
  const trusted =
    written !== null && manifestKey !== null && written.file === path.resolve(input.manifestFile) && written.size === manifestKey.size && written.mtimeMs === manifestKey.mtimeMs
  const cached = new Map<string, [number, number]>()
  if (trusted) for (const [p, size, mtimeMs] of index!.keys) cached.set(p, [size, mtimeMs])

  const { paths, sizes, mtimes } = input.listing
  const added: string[] = []
  const changed: string[] = []
  const toHash: { absPath: FsPath; relPath: string; sha256: string }[] = []
  const seen = new Set<string>()
  for (let i = 0; i < paths.length; i++) {
    const relPath = paths[i]!
    seen.add(relPath)
    const recorded = input.files.get(relPath)
    if (recorded === undefined) {
      added.push(relPath)
      continue
    }
    if (sizes[i] !== recorded.bytes) {
      changed.push(relPath)
      continue
    }
    const hit = cached.get(relPath)
    if (hit && hit[0] === sizes[i] && hit[1] === mtimes[i]) continue
    toHash.push({ relPath, absPath: fsPathOf(input.root, relPath), sha256: recorded.sha256 })
  }
  for (const file of toHash) if ((await sha256Of(file.absPath)) !== file.sha256) changed.push(file.relPath)
  const removed = [...input.files.keys()].filter((p) => !seen.has(p))
  const sort = (list: string[]): string[] => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { added: sort(added), removed: sort(removed), changed: sort(changed) }
}

async function sha256Of(file: FsPath): Promise<string | null> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  } catch {
    // A git-annex link without its content is recorded as the link: the hash of its target.
    const target = annexLinkTarget(file)
    return target === null ? null : createHash('sha256').update(target).digest('hex')
  }
  return hash.digest('hex')
}
