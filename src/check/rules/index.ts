import type { FindingCode } from '../../findings/codes.js'
import type { Rule, RuleDoc } from '../rule.js'
import { accuracyBelowTarget } from './accuracy-below-target.js'
import { annotatorNotInRoster } from './annotator-not-in-roster.js'
import { annotatorUntrained } from './annotator-untrained.js'
import { auditIncomplete } from './audit-incomplete.js'
import { auditMissing } from './audit-missing.js'
import { auditRecordInconsistent } from './audit-record-inconsistent.js'
import { auditRejected } from './audit-rejected.js'
import { auditStale } from './audit-stale.js'
import { baseModelNotFiled } from './base-model-not-filed.js'
import { duplicateRateHigh } from './duplicate-rate-high.js'
import { labelUndeclared } from './label-undeclared.js'
import { auditUnitsRepeated } from './audit-units-repeated.js'
import { licenceDenied } from './licence-denied.js'
import { licenceMismatch } from './licence-mismatch.js'
import { licenceNotForCommercialUse } from './licence-not-for-commercial-use.js'
import { licenceUnknown } from './licence-unknown.js'
import { manifestStale } from './manifest-stale.js'
import { OBSERVED } from './observed.js'
import { piiDensityHigh } from './pii-density-high.js'
import { piiWithoutBasis } from './pii-without-basis.js'
import { reviewerIsAnnotator } from './reviewer-is-annotator.js'
import { reviewerMissing } from './reviewer-missing.js'
import { rulesDocumentChanged } from './rules-document-changed.js'
import { rulesDocumentMissing } from './rules-document-missing.js'
import { rulesNotDeclared } from './rules-not-declared.js'
import { sourceContractMissing } from './source-contract-missing.js'
import { sourceCrawlUndocumented } from './source-crawl-undocumented.js'
import { sourceGeneratorMissing } from './source-generator-missing.js'
import { sourceLicenceMissing } from './source-licence-missing.js'
import { sourceMatchesNothing } from './source-matches-nothing.js'
import { sourceSafetyFailed } from './source-safety-failed.js'
import { sourceSafetyMissing } from './source-safety-missing.js'
import { sourcesTooFew } from './sources-too-few.js'
import { suppressionExpired } from './suppression-expired.js'
import { undeclaredFile } from './undeclared-file.js'

/** `scan` computes these from what it measured and tdgov.yaml; `check` recomputes them from the manifest. */
export const SCAN_RULES: readonly Rule[] = [
  undeclaredFile,
  sourceMatchesNothing,
  sourceLicenceMissing,
  sourceContractMissing,
  sourceCrawlUndocumented,
  sourceGeneratorMissing,
  baseModelNotFiled,
  licenceUnknown,
  licenceMismatch,
  licenceNotForCommercialUse,
  licenceDenied,
  piiWithoutBasis,
  piiDensityHigh,
  duplicateRateHigh,
  sourcesTooFew,
]

/** `audit sample` and `audit score` compute these from the record they write. */
export const AUDIT_RULES: readonly Rule[] = [
  rulesNotDeclared,
  rulesDocumentMissing,
  labelUndeclared,
  annotatorNotInRoster,
  annotatorUntrained,
  reviewerMissing,
  reviewerIsAnnotator,
  auditRecordInconsistent,
  auditUnitsRepeated,
]

/** Only the gate computes these: they need every record at once, or the tree. */
export const GATE_RULES: readonly Rule[] = [
  rulesDocumentChanged,
  auditMissing,
  auditRejected,
  auditIncomplete,
  auditStale,
  accuracyBelowTarget,
  sourceSafetyMissing,
  sourceSafetyFailed,
  manifestStale,
  suppressionExpired,
]

/** Every rule `check` runs. */
export const ALL_RULES: readonly Rule[] = [...SCAN_RULES, ...AUDIT_RULES, ...GATE_RULES]

/** The documentation of every code: the rules, then the codes the readers raise. */
export const RULE_DOCS: readonly RuleDoc[] = [...ALL_RULES, ...OBSERVED]

const BY_CODE = new Map<string, RuleDoc>(RULE_DOCS.map((doc) => [doc.code, doc]))

export function ruleDoc(code: FindingCode): RuleDoc {
  return BY_CODE.get(code)!
}

export function findRuleDoc(code: string): RuleDoc | undefined {
  return BY_CODE.get(code)
}
