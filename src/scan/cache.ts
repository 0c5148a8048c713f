import { readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../util/atomic-write.js'
import type { FileEntry } from './manifest-schema.js'

export interface CacheKey {
  size: number
  mtimeMs: number
}

export interface CachedFile extends CacheKey {
  entry: FileEntry
}

const CACHE_FILE = 'scan-v1.ndjson'

export function cachePath(root: string): string {
  return path.join(root, '.tdgov', 'cache', CACHE_FILE)
}

/**
 * Per-file results keyed by path, size and modification time. The first line names the tool
 * version and scan options the results were made with; a cache made otherwise is ignored whole.
 * A cache that cannot be read is treated as empty: it only saves time.
 */
export function loadCache(root: string, optionsKey: string): Map<string, CachedFile> {
  const cache = new Map<string, CachedFile>()
  let text: string
  try {
    text = readFileSync(cachePath(root), 'utf8')
  } catch {
    return cache
  }
  const lines = text.split('\n')
  if (lines[0] !== JSON.stringify({ optionsKey })) return cache
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue
    try {
      const [relPath, size, mtimeMs, entry] = JSON.parse(lines[i]!) as [string, number, number, FileEntry]
      cache.set(relPath, { size, mtimeMs, entry })
    } catch {
      return new Map()
    }
  }
  return cache
}

export function saveCache(root: string, optionsKey: string, files: Iterable<[string, CachedFile]>): void {
  const lines = [JSON.stringify({ optionsKey })]
  for (const [relPath, { size, mtimeMs, entry }] of files) lines.push(JSON.stringify([relPath, size, mtimeMs, entry]))
  writeFileAtomic(cachePath(root), lines.join('\n') + '\n')
}
