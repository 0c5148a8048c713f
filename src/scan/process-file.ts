import type { FsPath } from '../util/recorded-name.js'
import type { TokenCandidate } from '../provenance/record-facts.js'
import type { CacheKey } from './cache.js'
import { toFileRecord, type FileRecord } from './file-record.js'
import { scanFile, type ScanFileOptions } from './scan-file.js'

export interface FileTask {
  relPath: string
  absPath: FsPath
}

export type FileTaskResult =
  | { relPath: string; kind: 'scanned'; record: FileRecord; key: CacheKey; tokenCandidates: TokenCandidate[] }
  | { relPath: string; kind: 'unreadable'; reason: string }

/** Scans one file into the form its manifest entry travels in. */
export async function processFile(task: FileTask, options: ScanFileOptions): Promise<FileTaskResult> {
  const outcome = await scanFile(task.absPath, task.relPath, options)
  if ('unreadable' in outcome) return { relPath: task.relPath, kind: 'unreadable', reason: outcome.unreadable }
  const { entry, key, extras } = outcome
  const record = toFileRecord(entry, extras.duplicateKeys, extras.duplicateSample, extras.tokenRecords)
  return { relPath: task.relPath, kind: 'scanned', record, key, tokenCandidates: drawn(record, options.tokenScale) ? extras.tokenCandidates : [] }
}

/** Whether the file is drawn for the token sample under the scale known so far (a superset of the final draw). */
export function drawn(record: FileRecord, scale: number): boolean {
  if (record.tokenBytes === null || record.tokenKey === null || record.tokenBytes === 0) return false
  return record.tokenKey < Math.min(1, record.tokenBytes / scale)
}
