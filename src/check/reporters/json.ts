import type { Severity } from '../../findings/codes.js'
import type { FindingArgs, FindingCode, FindingLocation } from '../../findings/finding.js'
import type { Language } from '../../findings/messages.js'
import { renderMessage } from '../../findings/messages.js'
import type { FailOn, GatedFinding, SetAsideFinding } from '../gate-result.js'
import type { Reporter } from './report-options.js'

interface JsonFinding {
  code: FindingCode
  severity: Severity
  message: string
  args: FindingArgs
  location: FindingLocation
  fingerprint: string
}

interface JsonReport {
  tool: { name: 'tdgov'; version: string }
  passed: boolean
  failOn: FailOn
  counts: Record<Severity, number>
  findings: JsonFinding[]
  setAside: Array<{ by: SetAsideFinding['by']; reason: string; finding: JsonFinding }>
}

function jsonFinding(finding: GatedFinding, lang: Language): JsonFinding {
  return {
    code: finding.code,
    severity: finding.severity,
    message: renderMessage(finding.code, finding.args, lang),
    args: finding.args,
    location: finding.location,
    fingerprint: finding.fingerprint,
  }
}

/** For scripts: one JSON document, messages in the chosen language. */
export const jsonReporter: Reporter = (result, { lang }) => {
  const report: JsonReport = {
    tool: { name: 'tdgov', version: result.toolVersion },
    passed: result.passed,
    failOn: result.failOn,
    counts: result.counts,
    findings: result.findings.map((finding) => jsonFinding(finding, lang)),
    setAside: result.setAside.map(({ by, reason, finding }) => ({ by, reason, finding: jsonFinding(finding, lang) })),
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
