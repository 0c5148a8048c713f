import { statSync } from 'node:fs'
import type { CacheKey } from './cache.js'
import { toFileRecord, type FileRecord } from './file-record.js'
import { scanFile, type ScanFileOptions } from './scan-file.js'

export interface FileTask {
  relPath: string
  absPath: string
  /** the cached key, when the cache has this path */
  cached?: CacheKey
}

export type FileTaskResult =
  | { relPath: string; kind: 'cached'; key: CacheKey }
  | { relPath: string; kind: 'scanned'; key: CacheKey; record: FileRecord }
  | { relPath: string; kind: 'unreadable'; reason: string }

/**
 * Stats the file and scans it unless the cache already holds it under the same size and
 * modification time: an unchanged file costs one stat and no read.
 */
export async function processFile(task: FileTask, options: ScanFileOptions): Promise<FileTaskResult> {
  let key: CacheKey
  try {
    const stats = statSync(task.absPath)
    key = { size: stats.size, mtimeMs: stats.mtimeMs }
  } catch (error) {
    return { relPath: task.relPath, kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error) }
  }
  if (task.cached && task.cached.size === key.size && task.cached.mtimeMs === key.mtimeMs) {
    return { relPath: task.relPath, kind: 'cached', key }
  }
  const outcome = await scanFile(task.absPath, task.relPath, options)
  if ('unreadable' in outcome) return { relPath: task.relPath, kind: 'unreadable', reason: outcome.unreadable }
  return { relPath: task.relPath, kind: 'scanned', key, record: toFileRecord(outcome.entry) }
}
