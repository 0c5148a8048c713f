import { toFinding } from '../findings/finding.js'
import type { CacheKey } from './cache.js'
import { isLicenceStatement } from './manifest.js'
import { RecordStore } from './record-store.js'
import type { FileRecord } from './file-record.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import type { TokenSampling } from './token-sampling.js'
import type { FileTask } from './process-file.js'
import type { TaskListener } from './run-tasks.js'
import { TaskQueue } from './task-queue.js'

/**
 * A file modified this close to the scan could change again within the clock's resolution
 * without its mtime moving; such files are not cached, so the next scan reads them again.
 */
const RACY_WINDOW_MS = 2000

export interface ScanStats {
  files: number
  scanned: number
  cached: number
  unreadable: number
}

export interface ScanProgress {
  filesDone: number
  filesTotal: number
  bytesDone: number
}

/**
 * What one scan gathers as it goes: the manifest's records and findings, the cache entries to
 * save, the queue of files still to read, counts and progress.
 */
export class ScanCollector implements TaskListener {
  /** every file's record, with the cache key it is saved under when it may be cached */
  readonly records = new RecordStore()
  /** the records a folder's licence is read from (isLicenceStatement): few, and needed first */
  readonly statements: FileRecord[] = []
  readonly findings: ManifestFinding[] = []
  readonly queue = new TaskQueue()
  readonly stats: ScanStats = { files: 0, scanned: 0, cached: 0, unreadable: 0 }
  private readonly started = Date.now()
  private queued = 0
  private bytesRead = 0

  constructor(
    private readonly onProgress?: (progress: ScanProgress) => void,
    private readonly tokens: TokenSampling | null = null,
  ) {}

  enqueue(task: FileTask): void {
    this.queued++
    this.queue.push(task)
  }

  reuse(key: CacheKey, record: FileRecord): void {
    this.stats.cached++
    this.remember(key, record)
    this.tokens?.note(record, [])
  }

  unreadable(relPath: string, reason: string): void {
    this.stats.unreadable++
    this.findings.push(toFinding(relPath, { code: 'FILE_UNREADABLE', args: { reason } }))
  }

  onResults: TaskListener['onResults'] = (results) => {
    for (const result of results) {
      if (result.kind === 'unreadable') this.unreadable(result.relPath, result.reason)
      else {
        this.stats.scanned++
        this.remember(result.key, result.record)
        this.tokens?.note(result.record, result.tokenCandidates)
      }
    }
    this.progress()
  }

  onTextSeen: TaskListener['onTextSeen'] = () => {
    this.tokens?.start()
  }

  onBytes: TaskListener['onBytes'] = (bytes) => {
    this.bytesRead += bytes
    this.progress()
  }

  private remember(key: CacheKey, record: FileRecord): void {
    this.records.add(record, key.mtimeMs < this.started - RACY_WINDOW_MS && !record.transient ? key : null)
    if (isLicenceStatement(record)) this.statements.push(record)
  }

  private progress(): void {
    const { scanned, unreadable } = this.stats
    this.onProgress?.({ filesDone: scanned + unreadable, filesTotal: this.queued, bytesDone: this.bytesRead })
  }
}
