import type { Report } from '../records/report-schema.js'

/**
 * The clause matrix: each clause of the Interim Measures (Art. 7(1)–(5), Art. 8) and of TC260-003
 * (§5.1–5.3, §9.2) with the gate's findings that bear on it. A clause is not met when a counted
 * finding of one of its codes remains (whatever its graded severity: a policy that downgrades a
 * finding does not make the clause met), or when an item it needs is missing from the records;
 * met when it applies and neither is so; not applicable when the dataset has nothing it governs
 * (no labelled data for Art. 8); not assessed when no rule of tdgov checks it (Art. 7(5)).
 */
interface ClauseRule {
  clause: string
  codes: readonly string[]
  /** null: always applies */
  appliesWhen?: (r: ClauseInputs) => boolean
  missing?: (r: ClauseInputs) => string[]
  assessed?: false
}

type ClauseInputs = Pick<Report, 'labellingRules' | 'annotation' | 'sources' | 'findings' | 'mechanism'> & { setAside: readonly { code: string }[] }

const LABELLING = ['RULES_NOT_DECLARED', 'RULES_DOCUMENT_MISSING', 'RULES_DOCUMENT_CHANGED', 'LABEL_UNDECLARED', 'ANNOTATOR_NOT_IN_ROSTER', 'ANNOTATOR_UNTRAINED', 'REVIEWER_MISSING', 'REVIEWER_IS_ANNOTATOR', 'AUDIT_MISSING', 'AUDIT_REJECTED', 'AUDIT_INCOMPLETE', 'AUDIT_STALE', 'ACCURACY_BELOW_TARGET', 'AUDIT_RECORD_INCONSISTENT', 'AUDIT_UNITS_REPEATED']
const LICENCES = ['LICENCE_UNKNOWN', 'LICENCE_MISMATCH', 'LICENCE_NOT_FOR_COMMERCIAL_USE', 'LICENCE_DENIED', 'LICENCE_TEXT_UNIDENTIFIED', 'SOURCE_LICENCE_MISSING']
const PERSONAL = ['PII_WITHOUT_BASIS', 'PII_SENSITIVE', 'PII_DENSITY_HIGH']

const labelled = (r: ClauseInputs): boolean =>
  r.labellingRules.length > 0 || r.annotation.items.text + r.annotation.items.image + r.annotation.items.unclassified > 0
const labellingMissing = (r: ClauseInputs): string[] => {
  const missing: string[] = []
  if (r.labellingRules.length === 0) missing.push('labelling-rules')
  if (r.annotation.annotators.total === 0) missing.push('annotator-roster')
  if (!r.annotation.audits.some((a) => a.kind === 'annotation' && a.scored)) missing.push('scored-annotation-audit')
  return missing
}

const CLAUSES: readonly ClauseRule[] = [
  { clause: 'Art. 7(1)', codes: ['CONFIG_MISSING', 'UNDECLARED_FILE', 'SOURCE_MATCHES_NOTHING', 'SOURCE_CONTRACT_MISSING', 'SOURCE_CRAWL_UNDOCUMENTED', 'SOURCE_GENERATOR_MISSING', 'BASE_MODEL_NOT_FILED'], missing: (r) => (r.sources.length === 0 ? ['declared-sources'] : []) },
  { clause: 'Art. 7(2)', codes: LICENCES },
  { clause: 'Art. 7(3)', codes: PERSONAL },
  { clause: 'Art. 7(4)', codes: ['DUPLICATE_RATE_HIGH', 'SOURCES_TOO_FEW'] },
  { clause: 'Art. 7(5)', codes: [], assessed: false },
  { clause: 'Art. 8', codes: LABELLING, appliesWhen: labelled, missing: labellingMissing },
  { clause: 'TC260-003 §5.1', codes: ['SOURCE_SAFETY_MISSING', 'SOURCE_SAFETY_FAILED', 'SOURCES_TOO_FEW', 'SOURCE_CRAWL_UNDOCUMENTED'] },
  { clause: 'TC260-003 §5.2', codes: [...PERSONAL, ...LICENCES, 'SOURCE_SAFETY_FAILED'] },
  {
    clause: 'TC260-003 §5.3',
    codes: LABELLING,
    appliesWhen: labelled,
    missing: (r) => [...labellingMissing(r), ...(r.labellingRules.some((l) => l.kind === 'safety') ? [] : ['safety-labelling-rules'])],
  },
  { clause: 'TC260-003 §9.2', codes: ['SOURCE_SAFETY_MISSING', 'SOURCE_SAFETY_FAILED', 'ACCURACY_BELOW_TARGET', 'AUDIT_MISSING'] },
]

export function clauseMatrix(r: ClauseInputs): Report['clauses'] {
  return CLAUSES.map((rule) => {
    const found = new Map<string, number>()
    for (const f of r.findings.items) if (rule.codes.includes(f.code)) found.set(f.code, (found.get(f.code) ?? 0) + 1)
    const setAside = new Map<string, number>()
    for (const f of r.setAside) if (rule.codes.includes(f.code)) setAside.set(f.code, (setAside.get(f.code) ?? 0) + 1)
    const applies = rule.appliesWhen?.(r) ?? true
    const missing = applies ? (rule.missing?.(r) ?? []) : []
    const status = rule.assessed === false ? 'not-assessed' : !applies ? 'not-applicable' : found.size > 0 || missing.length > 0 ? 'not-met' : 'met'
    return {
      clause: rule.clause,
      status,
      findings: Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : 1))),
      setAside: Object.fromEntries([...setAside].sort(([a], [b]) => (a < b ? -1 : 1))),
      missing,
      checks: [...rule.codes],
    }
  })
}
