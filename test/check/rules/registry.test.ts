/** Every rule the gate runs has its trigger and no-trigger fixtures in this directory: a new rule must add them here too. */
import { describe, expect, it } from 'vitest'
import { AUDIT_RULES, GATE_RULES, SCAN_RULES } from '../../../src/check/rules/index.js'

const TESTED = {
  scan: [
    'UNDECLARED_FILE', // source-rules
    'SOURCE_MATCHES_NOTHING',
    'SOURCE_LICENCE_MISSING',
    'SOURCE_CONTRACT_MISSING',
    'SOURCE_CRAWL_UNDOCUMENTED',
    'SOURCE_GENERATOR_MISSING',
    'BASE_MODEL_NOT_FILED',
    'LICENCE_UNKNOWN', // licence-rules
    'LICENCE_MISMATCH',
    'LICENCE_NOT_FOR_COMMERCIAL_USE',
    'LICENCE_DENIED',
    'PII_WITHOUT_BASIS', // pii-quality-rules
    'PII_DENSITY_HIGH',
    'DUPLICATE_RATE_HIGH',
    'SOURCES_TOO_FEW', // source-rules
  ],
  // audit-rules
  audit: ['RULES_NOT_DECLARED', 'RULES_DOCUMENT_MISSING', 'LABEL_UNDECLARED', 'ANNOTATOR_NOT_IN_ROSTER', 'ANNOTATOR_UNTRAINED', 'REVIEWER_MISSING', 'REVIEWER_IS_ANNOTATOR', 'AUDIT_RECORD_INCONSISTENT', 'AUDIT_UNITS_REPEATED'],
  gate: [
    'RULES_DOCUMENT_CHANGED', // audit-gate-rules
    'AUDIT_MISSING',
    'AUDIT_REJECTED',
    'AUDIT_INCOMPLETE',
    'AUDIT_STALE',
    'ACCURACY_BELOW_TARGET',
    'SOURCE_SAFETY_MISSING',
    'SOURCE_SAFETY_FAILED',
    'MANIFEST_STALE', // manifest-stale
    'SUPPRESSION_EXPIRED', // suppression-expired
  ],
}

describe('rule registry', () => {
  it('has exactly the rules these tests cover, at their stages', () => {
    expect(SCAN_RULES.map((r) => r.code)).toEqual(TESTED.scan)
    expect(AUDIT_RULES.map((r) => r.code)).toEqual(TESTED.audit)
    expect(GATE_RULES.map((r) => r.code)).toEqual(TESTED.gate)
  })

  it('gives each rule the stage of the list it is in', () => {
    expect(new Set(SCAN_RULES.map((r) => r.stage))).toEqual(new Set(['scan']))
    expect(new Set(AUDIT_RULES.map((r) => r.stage))).toEqual(new Set(['audit']))
    expect(new Set(GATE_RULES.map((r) => r.stage))).toEqual(new Set(['check']))
  })
})
