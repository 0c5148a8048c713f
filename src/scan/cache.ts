import { readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../util/atomic-write.js'
import type { FileRecord } from './file-record.js'

export interface CacheKey {
  size: number
  mtimeMs: number
}

export interface CachedFile extends CacheKey {
  record: FileRecord
}

const CACHE_FILE = 'scan-v1.tsv'

export function cachePath(root: string): string {
  return path.join(root, '.tdgov', 'cache', CACHE_FILE)
}

type CacheLineHead = [
  path: string,
  size: number,
  mtimeMs: number,
  sha256: string,
  bytes: number,
  records: number | null,
  format: string,
  modality: string,
  errors: number,
  warnings: number,
  infos: number,
]

/**
 * Per-file results keyed by path, size and modification time, one file per line: a small JSON
 * array with the key and the facts the totals need, a tab, then the manifest entry as written
 * (JSON escapes tabs, so the first tab ends the head). The first line names the tool version and
 * scan options; a cache made otherwise, or one that cannot be read, is ignored: it only saves time.
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
  try {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!
      if (line === '') continue
      const tab = line.indexOf('\t')
      const [p, size, mtimeMs, sha256, bytes, records, format, modality, error, warning, info] = JSON.parse(
        line.slice(0, tab),
      ) as CacheLineHead
      const record: FileRecord = {
        path: p,
        sha256,
        bytes,
        records,
        format,
        modality,
        findings: { error, warning, info },
        json: line.slice(tab + 1),
      }
      cache.set(p, { size, mtimeMs, record })
    }
  } catch {
    return new Map()
  }
  return cache
}

export function saveCache(root: string, optionsKey: string, files: Iterable<CachedFile>): void {
  const lines = [JSON.stringify({ optionsKey })]
  for (const { size, mtimeMs, record: r } of files) {
    const head: CacheLineHead = [
      r.path,
      size,
      mtimeMs,
      r.sha256,
      r.bytes,
      r.records,
      r.format,
      r.modality,
      r.findings.error,
      r.findings.warning,
      r.findings.info,
    ]
    lines.push(`${JSON.stringify(head)}\t${r.json}`)
  }
  writeFileAtomic(cachePath(root), lines.join('\n') + '\n')
}
