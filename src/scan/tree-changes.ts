import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { loadIndex, statKey } from './cache.js'
import { createExcludeFilter } from '../util/excludes.js'
import { walkStream } from '../util/walk.js'

/** The tree against the manifest: size and mtime first, then hashes. */
export interface TreeChanges {
  added: string[]
  removed: string[]
  changed: string[]
}

export interface TreeChangesInput {
  root: string
  /** the manifest's files: path → size and sha256 */
  files: ReadonlyMap<string, { bytes: number; sha256: string }>
  excludes: readonly string[]
  /** the manifest compared, so that the scan cache is trusted only when it wrote this manifest */
  manifestFile: string
}

/**
 * What changed in the tree since the manifest, walking it as the scan does. A file of the same
 * size is unchanged when the scan cache that wrote this manifest has the same size and mtime for
 * it (stat time, as a rescan); otherwise it is hashed. Without such a cache (a fresh clone), every
 * file of the same size is hashed.
 */
export async function treeChanges(input: TreeChangesInput): Promise<TreeChanges> {
  const index = loadIndex(input.root, null)
  const written = index?.header.written ?? null
  const manifestKey = statKey(input.manifestFile)
  const trusted =
    written !== null && manifestKey !== null && written.file === path.resolve(input.manifestFile) && written.size === manifestKey.size && written.mtimeMs === manifestKey.mtimeMs
  const cached = new Map(trusted ? index!.keys.map(([p, size, mtimeMs]) => [p, { size, mtimeMs }]) : [])

  const walked: { relPath: string; absPath: string }[] = []
  await walkStream(input.root, { file: (file) => walked.push(file), finding: () => {} }, [], createExcludeFilter(input.excludes))
  const added: string[] = []
  const changed: string[] = []
  const toHash: { relPath: string; absPath: string; sha256: string }[] = []
  const seen = new Set<string>()
  for (const file of walked) {
    seen.add(file.relPath)
    const recorded = input.files.get(file.relPath)
    if (recorded === undefined) {
      added.push(file.relPath)
      continue
    }
    const key = statKey(file.absPath)
    if (key === null || key.size !== recorded.bytes) {
      changed.push(file.relPath)
      continue
    }
    const hit = cached.get(file.relPath)
    if (hit && hit.size === key.size && hit.mtimeMs === key.mtimeMs) continue
    toHash.push({ ...file, sha256: recorded.sha256 })
  }
  for (const file of toHash) if ((await sha256Of(file.absPath)) !== file.sha256) changed.push(file.relPath)
  const removed = [...input.files.keys()].filter((p) => !seen.has(p))
  const sort = (list: string[]): string[] => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { added: sort(added), removed: sort(removed), changed: sort(changed) }
}

async function sha256Of(file: string): Promise<string | null> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  } catch {
    return null
  }
  return hash.digest('hex')
}
