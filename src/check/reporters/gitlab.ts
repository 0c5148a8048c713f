import type { Severity } from '../../findings/codes.js'
import { locationLine } from '../../findings/finding.js'
import { renderMessage } from '../../findings/messages.js'
import type { GateResult } from '../gate-result.js'
import { findingPath } from './place.js'
import type { Reporter } from './report-options.js'

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker'

const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', info: 'info' }

interface CodeQualityIssue {
  description: string
  check_name: string
  fingerprint: string
  severity: CodeQualitySeverity
  location: { path: string; lines: { begin: number } }
}

/** GitLab needs a path for every issue; a finding about the whole dataset goes on the manifest. */
function manifestPath(result: GateResult): string {
  const manifest = result.manifest.replaceAll('\\', '/')
  return manifest === '' || manifest.startsWith('/') || /^[A-Za-z]:/.test(manifest) ? '.tdgov/manifest.json' : manifest
}

/** GitLab's Code Quality report (a JSON array), shown in merge requests. */
export const gitlabReporter: Reporter = (result, { lang }) => {
  const used = new Set<string>()
  const unique = (fingerprint: string): string => {
    // Same code, place and args on two lines gives one fingerprint; GitLab would show only one.
    let candidate = fingerprint
    for (let n = 2; used.has(candidate); n++) candidate = `${fingerprint}-${n}`
    used.add(candidate)
    return candidate
  }
  const issues = result.findings.map(
    (finding): CodeQualityIssue => ({
      description: renderMessage(finding.code, finding.args, lang),
      check_name: finding.code,
      fingerprint: unique(finding.fingerprint),
      severity: SEVERITY[finding.severity],
      location: {
        path: findingPath(result, finding.location) ?? manifestPath(result),
        lines: { begin: locationLine(finding.location) ?? 1 },
      },
    }),
  )
  return `${JSON.stringify(issues, null, 2)}\n`
}
