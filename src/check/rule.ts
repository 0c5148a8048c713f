import type { FindingCode, Severity } from '../findings/codes.js'
import { FINDING_SEVERITY } from '../findings/codes.js'
import type { RuleFinding } from '../findings/finding.js'
import type { RuleRecords } from './rule-records.js'

export interface Localised {
  en: string
  zh: string
}

/** Where a rule's findings are first computed; `check` recomputes every one of them from the records. */
export type RuleStage =
  /** raised by the readers while a file is scanned; stored in the manifest's file entries */
  | 'observed'
  /** computed by `scan` from the manifest and tdgov.yaml */
  | 'scan'
  /** computed by `audit sample` and `audit score` from the audit record and tdgov.yaml */
  | 'audit'
  /** computed only by `check` */
  | 'check'

/** What `tdgov explain`, docs/rules.md and SARIF's rule list say about a code. */
export interface RuleDoc {
  code: FindingCode
  /** the default severity; `policy.severity` in tdgov.yaml overrides it */
  severity: Severity
  stage: RuleStage
  /** the clause it serves: Art. 7, Art. 8, Art. 19, a TC260-003 section, or "manifest" for file integrity */
  clause: string
  title: Localised
  /** what it checks */
  description: Localised
  /** how to fix it */
  fix: Localised
}

export interface Rule extends RuleDoc {
  /** pure: the same records give the same findings */
  check(records: RuleRecords): RuleFinding[]
}

/** A rule's definition, with its default severity taken from the code table. */
export function defineRule(rule: Omit<Rule, 'severity'>): Rule {
  return { ...rule, severity: FINDING_SEVERITY[rule.code] }
}

export function defineObserved(doc: Omit<RuleDoc, 'severity' | 'stage'>): RuleDoc {
  return { ...doc, severity: FINDING_SEVERITY[doc.code], stage: 'observed' }
}
