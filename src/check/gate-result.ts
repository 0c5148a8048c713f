import type { Severity } from '../findings/codes.js'
import type { Finding } from '../findings/finding.js'
import type { RuleDoc } from './rule.js'

export const FAIL_ON = ['error', 'warning', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]

/** A finding as the gate grades it: the severity is the policy's, not the default. */
export interface GatedFinding extends Finding {
  /** a stable hash of code, place and args (not line numbers), for baselines, SARIF and GitLab */
  fingerprint: string
}

/** A finding the gate does not count, and why. */
export interface SetAsideFinding {
  finding: GatedFinding
  by: 'off' | 'suppression' | 'baseline'
  reason: string
}

/** Everything a reporter renders: the reporters never read files or the policy themselves. */
export interface GateResult {
  /** counted findings, in report order (severity, code, place) */
  findings: GatedFinding[]
  setAside: SetAsideFinding[]
  /** every rule, for SARIF's rule list and JUnit's test cases */
  rules: RuleDoc[]
  counts: Record<Severity, number>
  failOn: FailOn
  passed: boolean
  /** the manifest checked, relative to the working directory */
  manifest: string
  /** the project root, relative to the working directory; finding paths are relative to it */
  root: string
  toolVersion: string
}
