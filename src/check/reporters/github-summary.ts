import type { Language } from '../../findings/messages.js'
import { renderMessage } from '../../findings/messages.js'
import type { GateResult } from '../gate-result.js'
import { LABELS, setAsideLine } from './labels.js'
import { markdownCell } from './markdown.js'
import { placeText } from './place.js'
import { ruleTitle } from './rule-text.js'

/** GitHub refuses a job summary over 1 MiB, and nobody reads thousands of rows; the rest is in the other reports. */
const MAX_ROWS = 200

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`

/** Markdown for $GITHUB_STEP_SUMMARY: the verdict, counts per rule and the findings. */
export function githubJobSummary(result: GateResult, lang: Language): string {
  const labels = LABELS[lang]
  const lines = [`## ${labels.heading}: ${result.passed ? '✅' : '❌'} ${labels.verdict(result.passed, result.failOn)}`, '']
  lines.push(labels.counts(result.counts))
  const setAside = setAsideLine(result, lang)
  if (setAside !== null) lines.push('', setAside)
  lines.push('')
  if (result.findings.length === 0) {
    lines.push(labels.noFindings)
    return `${lines.join('\n')}\n`
  }

  const perRule = new Map<string, { count: number; title: string }>()
  for (const finding of result.findings) {
    const entry = perRule.get(finding.code)
    if (entry) entry.count++
    else perRule.set(finding.code, { count: 1, title: ruleTitle(result, finding.code, lang) })
  }
  lines.push(row([labels.rule, labels.title, labels.count]), row(['---', '---', '---:']))
  for (const [code, { count, title }] of perRule) lines.push(row([markdownCell(code), markdownCell(title), String(count)]))

  lines.push('', `### ${labels.findings}`, '')
  lines.push(row([labels.severityHeader, labels.rule, labels.place, labels.message]), row(['---', '---', '---', '---']))
  for (const finding of result.findings.slice(0, MAX_ROWS)) {
    lines.push(
      row([
        labels.severity[finding.severity],
        markdownCell(finding.code),
        markdownCell(placeText(result, finding.location, lang)),
        markdownCell(renderMessage(finding.code, finding.args, lang)),
      ]),
    )
  }
  if (result.findings.length > MAX_ROWS) lines.push('', labels.moreFindings(result.findings.length - MAX_ROWS))
  return `${lines.join('\n')}\n`
}
