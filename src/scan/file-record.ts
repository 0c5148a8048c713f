import type { Severity } from '../findings/codes.js'
import type { FileEntry } from './manifest-schema.js'

/**
 * A manifest entry as the scan carries it: the facts the totals need, plus the entry already
 * serialised. Cached and worker-produced entries travel and are written as that one string, so an
 * unchanged tree of 100k files is rescanned without parsing or re-serialising 100k objects.
 */
export interface FileRecord {
  path: string
  sha256: string
  bytes: number
  records: number | null
  format: string
  modality: string
  findings: Record<Severity, number>
  /** the entry as one line of compact JSON, keys in manifest order */
  json: string
}

export function toFileRecord(entry: FileEntry): FileRecord {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of entry.findings) findings[finding.severity]++
  return {
    path: entry.path,
    sha256: entry.sha256,
    bytes: entry.bytes,
    records: entry.records ?? null,
    format: entry.format,
    modality: entry.modality,
    findings,
    json: JSON.stringify(entry),
  }
}
