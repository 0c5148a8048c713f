import type { Severity } from '../../findings/codes.js'
import { locationLine } from '../../findings/finding.js'
import { renderMessage } from '../../findings/messages.js'
import { findingPath } from './place.js'
import type { Reporter } from './report-options.js'
import { ruleTitle } from './rule-text.js'
import { terminalSafeExceptLineBreaks } from '../../util/terminal-safe.js'

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' }

/**
 * The escaping of @actions/core (src/command.ts), which the runner undoes when it parses a command:
 * CR and LF travel as %0D and %0A, so a name holding `\n::error …` cannot start a command of its
 * own. Every other control character (ESC, C1, U+2028/9, bidirectional controls) is shown as a
 * visible escape first, as on a terminal: the log viewer would act on it.
 */
export function escapeData(text: string): string {
  return terminalSafeExceptLineBreaks(text).replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

/** GitHub Actions workflow commands: one annotation per counted finding. */
export const githubReporter: Reporter = (result, { lang }) => {
  const lines = result.findings.map((finding) => {
    const properties: string[] = []
    const file = findingPath(result, finding.location)
    if (file !== null) {
      properties.push(`file=${escapeProperty(file)}`)
      const line = locationLine(finding.location)
      if (line !== undefined) properties.push(`line=${line}`)
      if (finding.location.kind === 'config' && line !== undefined && finding.location.column !== undefined) {
        properties.push(`col=${finding.location.column}`)
      }
    }
    properties.push(`title=${escapeProperty(`${finding.code}: ${ruleTitle(result, finding.code, lang)}`)}`)
    const message = renderMessage(finding.code, finding.args, lang)
    return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(message)}\n`
  })
  return lines.join('')
}
