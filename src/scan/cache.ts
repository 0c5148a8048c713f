import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { reachableWithoutLinks, writeTextAtomic } from '../util/atomic-write.js'
import type { FileRecord } from './file-record.js'
import { decodeEntry, encodeEntry } from '../records/entry-line.js'
import type { BuiltManifest } from './manifest.js'

export interface CacheKey {
  size: number
  mtimeMs: number
}

export interface CachedFile extends CacheKey {
  record: FileRecord
}

/** The manifest a scan last wrote, so an unchanged tree can leave it as it is. */
export interface WrittenManifest extends CacheKey {
  file: string
  summary: BuiltManifest
  /** the walk's own findings (links, unreadable directories), as JSON: a new link changes them */
  walkFindings: string
  /** SHA-256 of the tdgov.yaml the manifest was checked against, or null */
  config: string | null
}

interface IndexHeader {
  optionsKey: string
  /** ties the index to the entries file written with it */
  generation: string
  written: WrittenManifest | null
}

/**
 * The scan cache is two files. `index` is small: a header line, then one line holding one JSON
 * array `[path, size, mtimeMs, path, size, mtimeMs, …]` in path order (one JSON.parse for the
 * whole tree instead of one per file: a warm rescan does little else), which is all an
 * unchanged tree needs to be recognised. `entries` holds, line for
 * line, the facts the totals need and the manifest entry as written; it is read only when some
 * file changed. A cache made by another tool version or with other options, or one that cannot be
 * read, is ignored: it only saves time.
 */
const INDEX = 'index-v11.ndjson'
const ENTRIES = 'entries-v10.ndjson'

export interface CacheIndex {
  header: IndexHeader
  keys: [path: string, size: number, mtimeMs: number][]
}

export function cacheDir(root: string): string {
  return path.join(root, '.tdgov', 'cache')
}

export function loadIndex(root: string, optionsKey: string | null): CacheIndex | null {
  // a cache reached through a link is someone else's: never read it
  if (!reachableWithoutLinks(root, path.join(cacheDir(root), INDEX))) return null
  try {
    const text = readFileSync(path.join(cacheDir(root), INDEX), 'utf8')
    const eol = text.indexOf('\n')
    // a torn index lacks the final newline (or the second line): ignore it
    if (eol < 0 || !text.endsWith('\n')) return null
    const header = JSON.parse(text.slice(0, eol)) as IndexHeader
    if (optionsKey !== null && header.optionsKey !== optionsKey) return null
    const flat = JSON.parse(text.slice(eol + 1)) as unknown
    if (!Array.isArray(flat) || flat.length % 3 !== 0) return null
    const keys: CacheIndex['keys'] = new Array<CacheIndex['keys'][number]>(flat.length / 3)
    for (let i = 0, k = 0; i < flat.length; i += 3, k++) {
      const p: unknown = flat[i]
      const size: unknown = flat[i + 1]
      const mtimeMs: unknown = flat[i + 2]
      if (typeof p !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number') return null
      keys[k] = [p, size, mtimeMs]
    }
    return { header, keys }
  } catch {
    return null
  }
}

/** The cached results by path, or an empty map when the entries file does not match the index. */
export function loadEntries(root: string, index: CacheIndex): Map<string, CachedFile> {
  const cache = new Map<string, CachedFile>()
  if (!reachableWithoutLinks(root, path.join(cacheDir(root), ENTRIES))) return cache
  try {
    const lines = readFileSync(path.join(cacheDir(root), ENTRIES), 'utf8').split('\n')
    if (lines[0] !== index.header.generation || lines.length - 2 !== index.keys.length) return new Map()
    index.keys.forEach(([p, size, mtimeMs], i) => {
      cache.set(p, { size, mtimeMs, record: decodeEntry(p, lines[i + 1]!) })
    })
    return cache
  } catch {
    return new Map()
  }
}

/** Writes entries, then the index that names them: an interrupted save leaves a cache that is ignored. */
export function saveCache(root: string, optionsKey: string, files: Iterable<CachedFile>, written: WrittenManifest | null): void {
  const generation = `${process.pid}-${Date.now()}`
  // Both files are written as the records come; the entries are in place before the index that names them.
  writeTextAtomic(
    path.join(cacheDir(root), INDEX),
    (writeIndex) => {
      writeIndex(`${JSON.stringify({ optionsKey, generation, written } satisfies IndexHeader)}\n[`)
      let first = true
      writeTextAtomic(
        path.join(cacheDir(root), ENTRIES),
        (write) => {
          write(`${generation}\n`)
          for (const { size, mtimeMs, record: r } of files) {
            write(`${encodeEntry(r)}\n`)
            writeIndex(`${first ? '' : ','}${JSON.stringify(r.path)},${JSON.stringify(size)},${JSON.stringify(mtimeMs)}`)
            first = false
          }
        },
        { within: root },
      )
      writeIndex(']\n')
    },
    { within: root },
  )
}

/** Size and modification time of a file, or null when it is not there. */
export function statKey(file: string | Buffer): CacheKey | null {
  try {
    const stats = statSync(file)
    return { size: stats.size, mtimeMs: stats.mtimeMs }
  } catch {
    return null
  }
}
