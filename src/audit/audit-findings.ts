import { AUDIT_RULES, configRecords, runRules } from '../check/index.js'
import type { Finding } from '../findings/finding.js'
import type { AuditRecord } from '../records/audit-record.js'
import type { LoadedConfig } from '../records/load-config.js'

/**
 * The audit rules over one record, as `check` runs them over all of them: labels, roster and
 * rules documents when it is drawn; reviewers too once it is scored. `recordPath` is relative to
 * the project root.
 */
export function auditFindings(root: string, record: AuditRecord, recordPath: string, config: LoadedConfig | null, today: Date): Finding[] {
  const records = configRecords(root, config, today)
  // Only the rules this audit follows are hashed again; a document elsewhere in tdgov.yaml is check's business.
  const rulesDocuments = new Map([...records.rulesDocuments].filter(([id]) => id === record.rules?.id))
  return runRules(AUDIT_RULES, { ...records, rulesDocuments, audits: [{ record, path: recordPath }] })
}
