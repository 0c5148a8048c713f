import type { Severity } from '../../findings/codes.js'
import { renderMessage } from '../../findings/messages.js'
import type { GatedFinding } from '../gate-result.js'
import { LABELS, setAsideLine } from './labels.js'
import { placeText } from './place.js'
import type { Reporter } from './report-options.js'
import { ruleTitle } from './rule-text.js'
import { terminalSafe } from '../../util/terminal-safe.js'

/** For people: the findings grouped by rule, the totals and the verdict. */
export const textReporter: Reporter = (result, { lang, color }) => {
  const labels = LABELS[lang]
  const paint: Record<Severity, (text: string) => string> = { error: color.red, warning: color.yellow, info: (text) => text }
  const width = Math.max(...Object.values(labels.severity).map((word) => word.length))
  const lines: string[] = []

  const groups = new Map<string, GatedFinding[]>()
  for (const finding of result.findings) {
    const group = groups.get(finding.code)
    if (group) group.push(finding)
    else groups.set(finding.code, [finding])
  }
  for (const group of groups.values()) {
    const { code } = group[0]!
    lines.push(`${color.dim(code)}  ${color.bold(terminalSafe(ruleTitle(result, code, lang)))} (${group.length})`)
    for (const finding of group) {
      const severity = paint[finding.severity](labels.severity[finding.severity].padEnd(width))
      const place = terminalSafe(placeText(result, finding.location, lang))
      const message = terminalSafe(renderMessage(finding.code, finding.args, lang))
      lines.push(`  ${severity}  ${place}  ${message}`)
    }
    lines.push('')
  }
  if (result.findings.length === 0) lines.push(labels.noFindings)

  const counts = result.counts
  lines.push(
    counts.error > 0 ? color.red(labels.counts(counts)) : counts.warning > 0 ? color.yellow(labels.counts(counts)) : labels.counts(counts),
  )
  const setAside = setAsideLine(result, lang)
  if (setAside !== null) lines.push(color.dim(setAside))
  const verdict = labels.verdict(result.passed, result.failOn)
  lines.push(color.bold(result.passed ? verdict : color.red(verdict)))
  return `${lines.join('\n')}\n`
}
