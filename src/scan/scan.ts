import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { toFinding } from '../findings/finding.js'
import { UserError } from '../util/errors.js'
import { toolVersion } from '../util/version.js'
import { loadCache, saveCache, type CachedFile } from './cache.js'
import type { FileRecord } from './file-record.js'
import { buildManifest, type BuiltManifest } from './manifest.js'
import type { ManifestFinding } from './manifest-schema.js'
import type { FileTask, FileTaskResult } from './process-file.js'
import { runTasks } from './run-tasks.js'
import { walk } from './walk.js'

export const DEFAULT_SAMPLE_SIZE = 1000

/**
 * A file modified this close to the scan could change again within the clock's resolution
 * without its mtime moving; such files are not cached, so the next scan reads them again.
 */
const RACY_WINDOW_MS = 2000

export interface ScanOptions {
  root: string
  jobs: number
  cache: boolean
  deep: boolean
  sampleSize: number
  onProgress?: (progress: ScanProgress) => void
}

export interface ScanProgress {
  filesDone: number
  filesTotal: number
  bytesDone: number
}

export interface ScanStats {
  files: number
  scanned: number
  cached: number
  unreadable: number
}

export interface ScanResult {
  manifest: BuiltManifest
  /** every finding, dataset-level and per file, for the summary */
  findings: ManifestFinding[]
  stats: ScanStats
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const root = path.resolve(options.root)
  if (!existsSync(root)) throw new UserError(`${options.root}: no such directory`)
  if (!statSync(root).isDirectory()) throw new UserError(`${options.root}: not a directory; expected a dataset directory`)

  const started = Date.now()
  const walked = await walk(root)
  const optionsKey = `tdgov ${toolVersion()} deep=${options.deep} sample=${options.sampleSize}`
  const cache = options.cache ? loadCache(root, optionsKey) : new Map<string, CachedFile>()
  const tasks: FileTask[] = walked.files.map((file) => {
    const cached = cache.get(file.relPath)
    return cached ? { ...file, cached: { size: cached.size, mtimeMs: cached.mtimeMs } } : file
  })

  const entries: FileRecord[] = []
  const findings: ManifestFinding[] = walked.findings.map(({ path: p, draft }) => toFinding(p, draft))
  const nextCache = new Map<string, CachedFile>()
  const stats: ScanStats = { files: 0, scanned: 0, cached: 0, unreadable: 0 }
  let bytesDone = 0
  const collect = (results: FileTaskResult[]): void => {
    for (const result of results) {
      const entry = settle(result)
      if (entry) {
        entries.push(entry)
        bytesDone += entry.bytes
        if (result.kind !== 'unreadable' && result.key.mtimeMs < started - RACY_WINDOW_MS) {
          nextCache.set(result.relPath, { ...result.key, record: entry })
        }
      }
    }
    options.onProgress?.({ filesDone: entries.length + stats.unreadable, filesTotal: tasks.length, bytesDone })
  }
  const settle = (result: FileTaskResult): FileRecord | null => {
    switch (result.kind) {
      case 'cached':
        stats.cached++
        return cache.get(result.relPath)!.record
      case 'scanned':
        stats.scanned++
        return result.record
      case 'unreadable':
        stats.unreadable++
        findings.push(toFinding(result.relPath, { code: 'FILE_UNREADABLE', args: { reason: result.reason } }))
        return null
    }
  }

  await runTasks(tasks, { deep: options.deep, sampleSize: options.sampleSize }, options.jobs, collect)
  stats.files = entries.length
  // An unchanged tree leaves the cache as it was: rewriting it would cost more than the scan.
  const cacheChanged = stats.scanned > 0 || nextCache.size !== cache.size
  if (options.cache && cacheChanged) saveCacheQuietly(root, optionsKey, nextCache.values())
  const manifest = buildManifest({ files: entries, findings, deep: options.deep, sampleSize: options.sampleSize })
  const fileFindings = entries
    .filter((e) => e.findings.error + e.findings.warning + e.findings.info > 0)
    .flatMap((e) => (JSON.parse(e.json) as { findings: ManifestFinding[] }).findings)
  return { manifest, findings: [...findings, ...fileFindings], stats }
}

/** The cache only saves time: a read-only dataset directory still gets scanned. */
function saveCacheQuietly(root: string, optionsKey: string, files: Iterable<CachedFile>): void {
  try {
    saveCache(root, optionsKey, files)
  } catch {
    // nothing to do: the next scan reads the files again
  }
}
