import type { Severity } from '../findings/codes.js'
import { uniformFromPath } from '../provenance/text/index.js'
import type { FileEntry } from '../records/manifest-schema.js'
import type { AnalysedFile, FileFacts, FileRecord } from '../records/file-record.js'

export type { AnalysedFile, FileFacts, FileRecord }

export function toFileRecord(entry: FileEntry, duplicateKeys: number[] = [], duplicateSample: FileFacts['duplicateSample'] = null, tokenRecords?: number): FileRecord {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of entry.findings) findings[finding.severity]++
  const content = entry.content ?? null
  // Counted whole under --tokens exact; otherwise estimated from the (decompressed) size.
  const tokenBytes = content === null || content.tokens ? null : (content.contentBytes ?? entry.bytes)
  const facts: FileFacts = { content, pii: entry.pii ?? null, licence: entry.licence ?? null, duplicateKeys, duplicateSample, ...(tokenRecords !== undefined && { tokenRecords }) }
  const record: FileRecord = {
    path: entry.path,
    sha256: entry.sha256,
    bytes: entry.bytes,
    records: entry.records ?? null,
    format: entry.format,
    modality: entry.modality,
    findings,
    factsJson: JSON.stringify(facts),
    tokenBytes,
    // Hashed here, on the thread that scanned the file, not on the one that collects 100k results.
    tokenKey: tokenBytes === null ? null : uniformFromPath(entry.path),
    tokenSample: null,
    json: JSON.stringify(entry),
  }
  if (findings.warning > 0 && entry.findings.some((f) => f.code === 'ANALYSIS_STOPPED')) record.transient = true
  return record
}

/** Parses every record's facts once, for the totals. */
export function withFacts(records: readonly FileRecord[]): AnalysedFile[] {
  return records.map((r) => Object.assign(r, { facts: JSON.parse(r.factsJson) as FileFacts }))
}
