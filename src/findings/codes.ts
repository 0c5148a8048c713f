/**
 * Every finding tdgov can raise, with its default severity. Codes are stable identifiers:
 * manifests, CI gates and tests refer to them, so rename none of them. Human wording lives in
 * messages.ts.
 */
export const FINDING_SEVERITY = {
  FILE_UNREADABLE: 'error',
  DIRECTORY_UNREADABLE: 'error',
  SYMLINK_LOOP: 'warning',
  SYMLINK_OUTSIDE_ROOT: 'warning',
  SYMLINK_BROKEN: 'warning',
  SYMLINK_INSIDE_ROOT: 'info',
  SPECIAL_FILE_SKIPPED: 'info',
  PATH_ESCAPED: 'warning',
  FILE_CHANGED_DURING_SCAN: 'error',
  UTF8_INVALID: 'error',
  JSONL_INVALID_LINE: 'error',
  JSONL_NOT_OBJECT: 'warning',
  JSONL_BLANK_LINE: 'warning',
  JSON_INVALID: 'error',
  JSON_UNEXPECTED_SHAPE: 'warning',
  CSV_FIELD_COUNT: 'error',
  CSV_UNTERMINATED_QUOTE: 'error',
  CSV_NO_HEADER: 'warning',
  CSV_HEADER_RENAMED: 'warning',
  ENCODING_NOT_UTF8: 'warning',
  CONTENT_LOOKS_BINARY: 'warning',
  CONTENT_NOT_PRESENT: 'error',
  PARQUET_TRUNCATED: 'error',
  PARQUET_INVALID_FOOTER: 'error',
  ARROW_TRUNCATED: 'error',
  ARROW_INVALID_MESSAGE: 'error',
  COLUMN_UNREADABLE: 'warning',
  COMPRESSED_CORRUPT: 'error',
  // the readers' limits (src/formats/limits.ts): the file was read only so far
  RECORD_TOO_LONG: 'warning',
  NESTING_TOO_DEEP: 'warning',
  DECOMPRESSION_LIMIT: 'warning',
  FIELDS_CAPPED: 'warning',
  IMAGE_UNREADABLE: 'warning',
  MEDIA_UNREADABLE: 'warning',
  ANNOTATION_EXPORT_INVALID: 'warning',
  FINDINGS_CAPPED: 'info',
  // provenance: observed in a file
  LICENCE_TEXT_UNIDENTIFIED: 'warning',
  PII_SENSITIVE: 'warning',
  // provenance: declared (tdgov.yaml) against observed
  CONFIG_MISSING: 'info',
  UNDECLARED_FILE: 'warning',
  SOURCE_MATCHES_NOTHING: 'warning',
  SOURCE_LICENCE_MISSING: 'warning',
  SOURCE_CONTRACT_MISSING: 'warning',
  SOURCE_CRAWL_UNDOCUMENTED: 'warning',
  SOURCE_GENERATOR_MISSING: 'warning',
  BASE_MODEL_NOT_FILED: 'warning',
  LICENCE_UNKNOWN: 'warning',
  LICENCE_MISMATCH: 'warning',
  LICENCE_NOT_FOR_COMMERCIAL_USE: 'error',
  PII_WITHOUT_BASIS: 'error',
  SOURCES_TOO_FEW: 'warning',
  // audits (Art. 8): labelling rules, roster and review sheets
  RULES_NOT_DECLARED: 'info',
  RULES_DOCUMENT_MISSING: 'error',
  LABEL_UNDECLARED: 'warning',
  ANNOTATOR_NOT_IN_ROSTER: 'warning',
  ANNOTATOR_UNTRAINED: 'warning',
  REVIEWER_MISSING: 'warning',
  REVIEWER_IS_ANNOTATOR: 'error',
  RULES_DOCUMENT_CHANGED: 'warning',
  AUDIT_RECORD_INCONSISTENT: 'error',
  // the release gate (tdgov check): policy thresholds and audit coverage
  LICENCE_DENIED: 'error',
  PII_DENSITY_HIGH: 'error',
  DUPLICATE_RATE_HIGH: 'warning',
  AUDIT_MISSING: 'error',
  AUDIT_REJECTED: 'error',
  AUDIT_INCOMPLETE: 'warning',
  AUDIT_STALE: 'warning',
  ACCURACY_BELOW_TARGET: 'error',
  SOURCE_SAFETY_MISSING: 'warning',
  SOURCE_SAFETY_FAILED: 'error',
  MANIFEST_STALE: 'error',
  SUPPRESSION_EXPIRED: 'warning',
} as const satisfies Record<string, Severity>

export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]
export type FindingCode = keyof typeof FINDING_SEVERITY
export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as FindingCode[]
