import type { Palette } from '../../util/palette.js'
import { formatBytes } from '../../util/format-bytes.js'
import type { Finding } from '../../findings/finding.js'
import { renderMessage, type Language } from '../../findings/messages.js'
import type { GroupChange, ManifestDiff } from '../manifest-diff.js'
import {
  byCodeText,
  capped,
  count,
  licenceTermsText,
  placeText,
  plural,
  scanSettingChanges,
  shortHash,
  signed,
  signedBytes,
  termChangeText,
  tokenChangeText,
  tokenFigureText,
} from './wording.js'
import { terminalSafe } from '../../util/terminal-safe.js'

/** Entries of each list a terminal summary shows; --json has them all. */
const LISTED = 20

export interface TextReportOptions {
  lang: Language
  color: Palette
}

type Style = keyof Palette
/** A line and its colour: colour is applied to the whole line after it is made terminal-safe. */
interface Line {
  text: string
  style?: Style
}

/** The human summary of a diff, a few lines per kind of change. */
export function renderDiffText(diff: ManifestDiff, options: TextReportOptions): string {
  const lines: Line[] = [
    { text: `tdgov diff ${diff.old.name ?? 'OLD'} → ${diff.new.name ?? 'NEW'}`, style: 'bold' },
    ...header(diff),
    ...totals(diff),
    ...groups('by source', diff.totals.bySource),
    ...groups('by modality', diff.totals.byModality),
    ...files(diff),
    ...licences(diff),
    ...personalInformation(diff),
    ...undeclared(diff),
    ...findings(diff, options.lang),
  ]
  return lines.map((line) => `${(line.style ? options.color[line.style] : identity)(terminalSafe(line.text))}\n`).join('')
}

function identity(text: string): string {
  return text
}

function header(diff: ManifestDiff): Line[] {
  const { fingerprint, config } = diff
  const prints = fingerprint.changed ? `${shortHash(fingerprint.before)} → ${shortHash(fingerprint.after)}` : `${shortHash(fingerprint.after)} (unchanged)`
  const configText = config.changed
    ? config.before === null
      ? 'tdgov.yaml: none → read'
      : config.after === null
        ? 'tdgov.yaml: read → none'
        : 'tdgov.yaml changed'
    : config.after === null
      ? 'no tdgov.yaml'
      : 'tdgov.yaml unchanged'
  const lines: Line[] = [{ text: `fingerprint ${prints}; ${configText}` }]
  const settings = scanSettingChanges(diff)
  if (settings.length > 0) lines.push({ text: `note: scan settings differ (${settings.join(', ')}); counts may differ for that reason alone`, style: 'yellow' })
  const c = diff.files.counts
  lines.push({ text: `files: ${count(c.added)} added, ${count(c.removed)} removed, ${count(c.changed)} changed, ${count(c.unchanged)} unchanged` })
  return lines
}

function totals(diff: ManifestDiff): Line[] {
  const { before, after, delta, tokens } = diff.totals.overall
  return [
    {
      text:
        `totals: ${count(before.files)} → ${count(after.files)} files (${signed(delta.files)}), ` +
        `${formatBytes(before.bytes)} → ${formatBytes(after.bytes)} (${signedBytes(delta.bytes)}), ` +
        `${count(before.records)} → ${count(after.records)} records (${signed(delta.records)})`,
    },
    {
      text: `tokens: ${tokenFigureText(tokens.before)} → ${tokenFigureText(tokens.after)}: ${tokenChangeText(tokens)}${tokens.after ? `, ${tokens.after.encoding}` : ''}`,
    },
  ]
}

function groups(title: string, changes: readonly GroupChange[]): Line[] {
  const moved = changes.filter((g) => g.status !== 'unchanged')
  if (moved.length === 0) return []
  const width = Math.min(32, Math.max(...moved.map((g) => g.key.length)))
  return [
    { text: `${title}:`, style: 'bold' },
    ...moved.map((g) => {
      const status = g.status === 'changed' ? '' : ` (${g.status})`
      const tokens = g.tokens === null || g.tokens.delta === 0 ? '' : `, tokens ${signed(g.tokens.delta)}`
      return {
        text: `  ${g.key.padEnd(width)}  files ${signed(g.delta.files)}, bytes ${signedBytes(g.delta.bytes)}, records ${signed(g.delta.records)}${tokens}${status}`,
      }
    }),
  ]
}

function files(diff: ManifestDiff): Line[] {
  const { added, removed, changed } = diff.files
  const records = (n: number | null): string => (n === null ? '' : `, ${plural(n, 'record')}`)
  const recordChange = (before: number | null, after: number | null): string =>
    before === after ? '' : `, records ${before === null ? '—' : count(before)} → ${after === null ? '—' : count(after)}`
  return [
    ...list('added', added, (f) => ({ text: `  + ${f.path}  (${f.format}, ${formatBytes(f.bytes)}${records(f.records)})` })),
    ...list('removed', removed, (f) => ({ text: `  - ${f.path}  (${f.format}, ${formatBytes(f.bytes)}${records(f.records)})` })),
    ...list('changed', changed, (f) => ({
      text: `  ~ ${f.path}  ${formatBytes(f.before.bytes)} → ${formatBytes(f.after.bytes)} (${signedBytes(f.after.bytes - f.before.bytes)})${recordChange(f.before.records, f.after.records)}`,
    })),
  ]
}

function licences(diff: ManifestDiff): Line[] {
  return list('licences', diff.licences, (change) => {
    if (change.change === 'added') return { text: `  ${change.source} (added): ${licenceTermsText(change.after!)}` }
    if (change.change === 'removed') return { text: `  ${change.source} (removed): was ${licenceTermsText(change.before!)}` }
    const terms = change.differs.map((term) => `${term} ${termChangeText(term, change.before, change.after)}`)
    return { text: `  ${change.source}: ${terms.join('; ')}`, ...(change.differs.includes('use') && { style: 'yellow' as const }) }
  })
}

function personalInformation(diff: ManifestDiff): Line[] {
  const { dataset, bySource } = diff.personalInformation
  const types = (list: readonly { type: string; count: number }[]): string => list.map((t) => `${t.type} ${count(t.count)}`).join(', ')
  const rows = [
    ...(dataset.length > 0 ? [{ text: `  dataset: ${types(dataset)}`, style: 'yellow' as const }] : []),
    ...bySource.map((s) => ({ text: `  ${s.source}: ${types(s.types)}`, style: 'yellow' as const })),
  ]
  return rows.length === 0 ? [] : [{ text: 'personal information, new types:', style: 'bold' }, ...rows]
}

function undeclared(diff: ManifestDiff): Line[] {
  return list('new undeclared files', diff.undeclaredFiles, (f) => ({
    text: `  ${f.path}  (${f.previously === 'absent' ? 'new file' : `was in source ${f.previousSource ?? '?'}`})`,
    style: 'yellow',
  }))
}

function findings(diff: ManifestDiff, lang: Language): Line[] {
  const { appeared, gone } = diff.findings
  if (appeared.count === 0 && gone.count === 0) return [{ text: 'findings: none appeared, none gone' }]
  const summary = (n: number, byCode: typeof appeared.byCode): string => (n === 0 ? '0' : `${count(n)} (${byCodeText(byCode)})`)
  const line = (sign: string, f: Finding): Line => ({
    text: `  ${sign} ${f.severity.padEnd(7)} ${placeText(f.location)}  ${renderMessage(f.code, f.args, lang)} [${f.code}]`,
    ...(sign === '+' && f.severity === 'error' && { style: 'red' as const }),
    ...(sign === '+' && f.severity === 'warning' && { style: 'yellow' as const }),
  })
  return [
    { text: `findings: ${summary(appeared.count, appeared.byCode)} appeared, ${summary(gone.count, gone.byCode)} gone`, style: 'bold' },
    ...capList(appeared.findings, (f) => line('+', f)),
    ...capList(gone.findings, (f) => line('-', f)),
  ]
}

/** A titled list, or nothing when it is empty. */
function list<T>(title: string, items: readonly T[], render: (item: T) => Line): Line[] {
  if (items.length === 0) return []
  return [{ text: `${title}:`, style: 'bold' }, ...capList(items, render)]
}

function capList<T>(items: readonly T[], render: (item: T) => Line): Line[] {
  const { shown, more } = capped(items, LISTED)
  return [...shown.map(render), ...(more > 0 ? [{ text: `  … and ${count(more)} more (--json lists all)`, style: 'dim' as const }] : [])]
}
