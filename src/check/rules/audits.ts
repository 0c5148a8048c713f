import type { FindingLocation } from '../../findings/finding.js'
import type { AuditRecord } from '../../records/audit-record.js'
import type { RuleRecords } from '../rule-records.js'
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
  if (records.manifest === null) return [...records.audits]
  const sha = new Map(records.manifest.files.map((f) => [f.path, f.sha256]))
  return records.audits.filter(({ record }) => record.inputs.every((input) => sha.get(input.path) === undefined || sha.get(input.path) === input.sha256))
}

/** Population findings point at the exports sampled; sheet findings at the record and its row. */
export function exportsOf(record: AuditRecord): FindingLocation {
  return filesAt(record.inputs.map((i) => i.path))
}

export function auditAt(entry: AuditEntry, row?: number): FindingLocation {
  return { kind: 'audit', id: entry.record.id, path: entry.path, ...(row !== undefined && { row }) }
}

export { fileAt }
