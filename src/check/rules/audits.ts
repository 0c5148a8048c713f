import type { FindingLocation } from '../../findings/finding.js'
import type { AuditRecord } from '../../records/audit-record.js'
import type { ManifestFileView, RuleRecords } from '../rule-records.js'
import { fileAt, filesAt } from './locations.js'

export interface AuditEntry {
  record: AuditRecord
  path: string
}

/**
 * The audits that speak for the data as it is now: every input the manifest also lists has the
 * sha256 the audit sampled. An audit of an earlier version of a file is history (AUDIT_MISSING
 * says the current version is not covered). Without a manifest (audit sample, audit score) every
 * audit counts.
 */
export function currentAudits(records: RuleRecords): AuditEntry[] {
  if (records.manifest === null || records.audits.length === 0) return [...records.audits]
  const sha = shaByPath(records.manifest.files)
  return records.audits.filter(({ record }) => record.inputs.every((input) => sha.get(input.path) === undefined || sha.get(input.path) === input.sha256))
}

/** Several rules ask; a 100k-file manifest is indexed once. */
const INDEXES = new WeakMap<readonly ManifestFileView[], Map<string, string>>()
function shaByPath(files: readonly ManifestFileView[]): Map<string, string> {
  let index = INDEXES.get(files)
  if (index === undefined) {
    index = new Map(files.map((f) => [f.path, f.sha256]))
    INDEXES.set(files, index)
  }
  return index
}

/** Population findings point at the exports sampled; sheet findings at the record and its row. */
export function exportsOf(record: AuditRecord): FindingLocation {
  return filesAt(record.inputs.map((i) => i.path))
}

export function auditAt(entry: AuditEntry, row?: number): FindingLocation {
  return { kind: 'audit', id: entry.record.id, path: entry.path, ...(row !== undefined && { row }) }
}

export { fileAt }
