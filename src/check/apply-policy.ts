import picomatch from 'picomatch'
import type { Severity } from '../findings/codes.js'
import { locationPath, type Finding } from '../findings/finding.js'
import type { PolicyConfig } from '../records/config-schema.js'
import { findingFingerprint } from './fingerprint.js'
import type { GatedFinding, SetAsideFinding } from './gate-result.js'

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

export interface PolicyOutcome {
  findings: GatedFinding[]
  setAside: SetAsideFinding[]
}

/**
 * Grades findings by the project's policy: a severity per rule (off with its reason), then
 * suppressions still in force (an expired one suppresses nothing; SUPPRESSION_EXPIRED says so),
 * then the baseline. What is left counts, in report order.
 */
export function applyPolicy(findings: readonly Finding[], policy: PolicyConfig | null, baseline: Set<string> | null, today: Date): PolicyOutcome {
  const day = today.toISOString().slice(0, 10)
  const suppressions = (policy?.suppressions ?? [])
    .filter((s) => s.until === undefined || s.until >= day)
    .map((s) => ({ ...s, test: s.paths ? picomatch(s.paths, { dot: true }) : () => true }))
  const counted: GatedFinding[] = []
  const setAside: SetAsideFinding[] = []
  for (const raw of findings) {
    const finding: GatedFinding = { ...raw, fingerprint: findingFingerprint(raw) }
    const setting = policy?.severity?.[raw.code]
    const level = setting === undefined ? raw.severity : typeof setting === 'string' ? setting : setting.level
    if (level === 'off') {
      setAside.push({ finding, by: 'off', reason: typeof setting === 'object' ? (setting.reason ?? '') : '' })
      continue
    }
    finding.severity = level
    const where = locationPath(raw.location)
    const suppression = suppressions.find((s) => s.rule === raw.code && (s.paths === undefined || (where !== null && s.test(where))))
    if (suppression) {
      setAside.push({ finding, by: 'suppression', reason: suppression.reason })
      continue
    }
    if (baseline?.has(finding.fingerprint)) {
      setAside.push({ finding, by: 'baseline', reason: 'in .tdgov/baseline.json' })
      continue
    }
    counted.push(finding)
  }
  counted.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || compareWhere(a, b))
  return { findings: counted, setAside }
}

function compareWhere(a: Finding, b: Finding): number {
  const pa = locationPath(a.location) ?? ''
  const pb = locationPath(b.location) ?? ''
  return pa < pb ? -1 : pa > pb ? 1 : 0
}
