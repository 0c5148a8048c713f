import { makeFinding, type Finding } from '../findings/finding.js'
import type { Rule } from './rule.js'
import type { RuleRecords } from './rule-records.js'

/** Findings of one code a rule lists before one FINDINGS_CAPPED says how many more there were. */
export const LISTED_PER_CODE = 100

/** Runs rules over the records: default severities, English messages, at most LISTED_PER_CODE per code. */
export function runRules(rules: readonly Rule[], records: RuleRecords): Finding[] {
  const out: Finding[] = []
  for (const rule of rules) {
    const found = rule.check(records)
    for (const draft of found.slice(0, LISTED_PER_CODE)) out.push(makeFinding(draft))
    if (found.length > LISTED_PER_CODE) {
      out.push(makeFinding({ code: 'FINDINGS_CAPPED', args: { code: rule.code, total: found.length, kept: LISTED_PER_CODE }, location: { kind: 'dataset' } }))
    }
  }
  return out
}
