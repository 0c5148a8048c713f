import type { RuleFinding } from '../../findings/finding.js'
import type { RecordDifference } from './record-consistency.js'

/** Which check found the difference: the record against its own plan and seed, or a re-draw from the exports. */
export type InconsistencyCheck = 'plan' | 'redraw'

/**
 * One AUDIT_RECORD_INCONSISTENT finding per record and check: the first difference in its args
 * (field, expected, found) and how many more there are, as one edit often moves many fields.
 */
export function inconsistencyFinding(audit: { id: string; path: string }, check: InconsistencyCheck, differences: readonly RecordDifference[]): RuleFinding {
  const first = differences[0]!
  return {
    code: 'AUDIT_RECORD_INCONSISTENT',
    args: { audit: audit.id, check, field: first.field, expected: first.expected, found: first.found, more: differences.length - 1 },
    location: { kind: 'audit', id: audit.id, path: audit.path },
  }
}
