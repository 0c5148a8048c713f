import { styleText } from 'node:util'
import { formatBytes } from '../util/format-bytes.js'
import type { Palette } from '../util/palette.js'
import type { Severity } from '../findings/codes.js'
import type { Finding, FindingLocation } from '../findings/finding.js'
import { renderMessage, type Language } from '../findings/messages.js'
import { terminalSafe } from '../util/terminal-safe.js'

export type { Palette }

export interface Output {
  /** the result: a JSON document, the human summary, or a binary file (a Word report) */
  out(text: string | Uint8Array): void
  /** logs, summaries next to --json, errors */
  err(text: string): void
  /** colours for what goes to stdout */
  color: Palette
  /** a progress line may be drawn on stderr */
  interactive: boolean
}

export function createOutput(json: boolean): Output {
  // util.styleText is built in (Node ≥ 20.12), so colour costs no module load at start-up.
  const colorOk = !process.env.NO_COLOR && process.stdout.isTTY === true && !json
  const style =
    (format: Parameters<typeof styleText>[0]) =>
    (text: string): string =>
      colorOk ? styleText(format, text) : text
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: { bold: style('bold'), red: style('red'), yellow: style('yellow'), dim: style('dim') },
    interactive: process.stderr.isTTY === true && !process.env.CI && !json,
  }
}

export { formatBytes }

/** A one-line progress display on stderr, redrawn at most ten times a second. */
export function createProgressLine(output: Output): { update(text: string): void; done(): void } {
  if (!output.interactive) return { update() {}, done() {} }
  let last = 0
  let drawn = false
  return {
    update(text) {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      drawn = true
      output.err(`\r\x1b[2K${text}`)
    },
    done() {
      if (drawn) output.err('\r\x1b[2K')
    },
  }
}

/** `[######------]`: the share of files done (the total grows while the walk is still listing). */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.floor((done / total) * width)) : 0
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

/** Where a finding is, as a person reads it: path:line, path (byte N), tdgov.yaml:line, the audit record and row. */
export function describePlace(location: FindingLocation): string {
  switch (location.kind) {
    case 'file':
      return location.line !== undefined ? `${location.path}:${location.line}` : location.offset !== undefined ? `${location.path} (byte ${location.offset})` : location.path
    case 'files':
      return location.paths.length === 1 ? location.paths[0]! : `${location.paths[0]} (+${location.paths.length - 1} more)`
    case 'config':
      return location.line !== undefined ? `${location.path}:${location.line}` : location.path
    case 'audit':
      return location.row !== undefined ? `${location.path} row ${location.row}` : location.path
    case 'dataset':
      return '(dataset)'
  }
}

/** One finding on one line: severity, where, the message in the language asked for, and its code. */
export function describeFinding(f: Finding, dim: (s: string) => string, lang: Language = 'en'): string {
  return `${f.severity.padEnd(7)} ${terminalSafe(describePlace(f.location))}  ${terminalSafe(renderMessage(f.code, f.args, lang))} ${dim(`[${f.code}]`)}`
}

/** "1 error, 2 warnings, 0 info" */
export function describeCounts(counts: Record<Severity, number>, c: Palette): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  return `${c.red(plural(counts.error, 'error'))}, ${c.yellow(plural(counts.warning, 'warning'))}, ${counts.info} info`
}

/** A count by severity, then each finding indented: how audit commands end their summary. */
export function describeFindings(findings: readonly Finding[], c: Palette, lang: Language = 'en'): string[] {
  if (findings.length === 0) return []
  const counts = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  return [`findings: ${describeCounts(counts, c)}`, ...findings.map((f) => `  ${describeFinding(f, c.dim, lang)}`)]
}
