import { createHash } from 'node:crypto'

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

export const SHARD_METHOD = 'shard = 1 + (first 4 bytes of sha256(utf8(path as recorded)), big-endian) mod N'

/**
 * The shard a file belongs to, from its recorded path alone: stable across machines and runs, and
 * independent of the order the walk finds files in.
 */
export function shardOf(relPath: string, count: number): number {
  if (count === 1) return 1
  return 1 + (createHash('sha256').update(relPath, 'utf8').digest().readUInt32BE(0) % count)
}
