import type { CacheKey } from './cache.js'
import { toFileRecord, type FileRecord } from './file-record.js'
import { scanFile, type ScanFileOptions } from './scan-file.js'

export interface FileTask {
  relPath: string
  absPath: string
}

export type FileTaskResult =
  | { relPath: string; kind: 'scanned'; record: FileRecord; key: CacheKey }
  | { relPath: string; kind: 'unreadable'; reason: string }

/** Scans one file into the form its manifest entry travels in. */
export async function processFile(task: FileTask, options: ScanFileOptions): Promise<FileTaskResult> {
  const outcome = await scanFile(task.absPath, task.relPath, options)
  if ('unreadable' in outcome) return { relPath: task.relPath, kind: 'unreadable', reason: outcome.unreadable }
  return { relPath: task.relPath, kind: 'scanned', record: toFileRecord(outcome.entry), key: outcome.key }
}
