import type { RulesDocumentProblem } from '../records/rules-document.js'
import type { AuditRecord } from '../records/audit-record.js'
import type { Config } from '../records/config-schema.js'
import type { ManifestFileView, ManifestHeader } from '../records/manifest-schema.js'
import type { TreeChanges } from '../scan/index.js'

export type { TreeChanges }

export type { ManifestFileView, ManifestHeader }

/**
 * Everything a rule may read. Rules are pure functions of this: the commands load it (scan from
 * what it just measured, audit from the record it writes, check from the files on disk).
 */
export interface RuleRecords {
  config: Config | null
  /** tdgov.yaml relative to the project root, for locations */
  configPath: string
  /** SHA-256 of tdgov.yaml as it is now; null without one */
  configSha256: string | null
  /** line and column of a YAML path in tdgov.yaml, when the document has it */
  locate: (yamlPath: readonly (string | number)[]) => { line: number; column: number } | null
  manifest: { header: ManifestHeader; files: readonly ManifestFileView[] } | null
  audits: readonly { record: AuditRecord; path: string }[]
  /** current sha256 of each labelling-rules document by rules id; null when the file is missing or refused */
  rulesDocuments: ReadonlyMap<string, string | null>
  /** why a document has no sha256: missing, outside the project, not a regular file, too large */
  rulesDocumentProblems: ReadonlyMap<string, RulesDocumentProblem>
  /** null when the tree was not compared (scan, audit) */
  tree: TreeChanges | null
  today: Date
}
