import { formatBytes } from '../../util/format-bytes.js'
import type { Finding } from '../../findings/finding.js'
import { renderMessage, type Language } from '../../findings/messages.js'
import type { FindingList, GroupChange, ManifestDiff } from '../manifest-diff.js'
import {
  byCodeText,
  capped,
  count,
  placeText,
  plural,
  scanSettingChanges,
  shortHash,
  signed,
  signedBytes,
  termChangeText,
  tokenChangeText,
  tokenFigureText,
  tokenLabel,
} from './wording.js'
import { htmlText, markdownText as md } from './markdown-text.js'

/** Rows of each collapsible list; a pull-request comment has a size limit. */
const LISTED = 100

export interface MarkdownReportOptions {
  lang: Language
}

/**
 * A pull-request comment: a heading, the deltas in a table, then collapsible lists. Every string
 * that comes from the dataset or the command line goes through `md`, so a file name cannot add
 * markup, links or table cells.
 */
export function renderDiffMarkdown(diff: ManifestDiff, options: MarkdownReportOptions): string {
  const blocks = [
    heading(diff),
    summaryTable(diff),
    groupTable('By source', 'Source', diff.totals.bySource),
    groupTable('By modality', 'Modality', diff.totals.byModality),
    filesAdded(diff),
    filesRemoved(diff),
    filesChanged(diff),
    licences(diff),
    personalInformation(diff),
    undeclared(diff),
    findingList('Findings appeared', diff.findings.appeared, options.lang),
    findingList('Findings gone', diff.findings.gone, options.lang),
  ]
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`
}

function heading(diff: ManifestDiff): string {
  const { fingerprint, config } = diff
  const prints = fingerprint.changed ? `${shortHash(fingerprint.before)} → ${shortHash(fingerprint.after)}` : `${shortHash(fingerprint.after)} (unchanged)`
  const configText = config.changed ? '**tdgov.yaml changed**' : config.after === null ? 'no tdgov.yaml' : 'tdgov.yaml unchanged'
  const lines = [
    '## tdgov manifest diff',
    '',
    `${md(diff.old.name ?? 'OLD')} → ${md(diff.new.name ?? 'NEW')}`,
    '',
    `Fingerprint ${prints} · ${configText}`,
  ]
  const settings = scanSettingChanges(diff)
  if (settings.length > 0) lines.push('', `> Scan settings differ (${md(settings.join(', '))}): counts may differ for that reason alone.`)
  return lines.join('\n')
}

function summaryTable(diff: ManifestDiff): string {
  const { before, after, delta, tokens } = diff.totals.overall
  const c = diff.files.counts
  return [
    '| | Before | After | Change |',
    '|---|---:|---:|---:|',
    `| Files | ${count(before.files)} | ${count(after.files)} | ${signed(delta.files)} |`,
    `| Bytes | ${formatBytes(before.bytes)} | ${formatBytes(after.bytes)} | ${signedBytes(delta.bytes)} |`,
    `| Records | ${count(before.records)} | ${count(after.records)} | ${signed(delta.records)} |`,
    `| ${md(tokenLabel(tokens))} | ${md(tokenFigureText(tokens.before))} | ${md(tokenFigureText(tokens.after))} | ${md(tokenChangeText(tokens))} |`,
    '',
    `Files: **${count(c.added)}** added, **${count(c.removed)}** removed, **${count(c.changed)}** changed, ${count(c.unchanged)} unchanged.`,
  ].join('\n')
}

function groupTable(title: string, column: string, changes: readonly GroupChange[]): string {
  const moved = changes.filter((g) => g.status !== 'unchanged')
  const withTokens = moved.some((g) => g.tokens !== null)
  const head = [column, 'Status', 'Files', 'Bytes', 'Records', ...(withTokens ? ['Tokens (exact)'] : [])]
  const rows = moved.map((g) => [
    md(g.key),
    g.status,
    `${count(g.before.files)} → ${count(g.after.files)} (${signed(g.delta.files)})`,
    `${formatBytes(g.before.bytes)} → ${formatBytes(g.after.bytes)} (${signedBytes(g.delta.bytes)})`,
    `${count(g.before.records)} → ${count(g.after.records)} (${signed(g.delta.records)})`,
    ...(withTokens ? [g.tokens === null ? '' : `${count(g.tokens.before)} → ${count(g.tokens.after)} (${signed(g.tokens.delta)})`] : []),
  ])
  return details(`${title} (${plural(moved.length, 'change')})`, head, rows)
}

function filesAdded(diff: ManifestDiff): string {
  const rows = diff.files.added.map((f) => [md(f.path), md(f.format), md(f.source ?? '—'), formatBytes(f.bytes), f.records === null ? '—' : count(f.records)])
  return details(`Files added (${count(rows.length)})`, ['Path', 'Format', 'Source', 'Bytes', 'Records'], rows)
}

function filesRemoved(diff: ManifestDiff): string {
  const rows = diff.files.removed.map((f) => [md(f.path), md(f.format), md(f.source ?? '—'), formatBytes(f.bytes), f.records === null ? '—' : count(f.records)])
  return details(`Files removed (${count(rows.length)})`, ['Path', 'Format', 'Source', 'Bytes', 'Records'], rows)
}

function filesChanged(diff: ManifestDiff): string {
  const records = (n: number | null): string => (n === null ? '—' : count(n))
  const rows = diff.files.changed.map((f) => [
    md(f.path),
    `${formatBytes(f.before.bytes)} → ${formatBytes(f.after.bytes)} (${signedBytes(f.after.bytes - f.before.bytes)})`,
    `${records(f.before.records)} → ${records(f.after.records)}`,
  ])
  return details(`Files changed (${count(rows.length)})`, ['Path', 'Bytes', 'Records'], rows)
}

function licences(diff: ManifestDiff): string {
  const rows = diff.licences.map((change) => [
    md(change.source),
    change.change,
    md(termChangeText('declared', change.before, change.after)),
    md(termChangeText('detected', change.before, change.after)),
    md(termChangeText('use', change.before, change.after)),
  ])
  return details(`Licence changes (${count(rows.length)})`, ['Source', 'Change', 'Declared', 'Detected', 'Use'], rows)
}

function personalInformation(diff: ManifestDiff): string {
  const { dataset, bySource } = diff.personalInformation
  const rows = [
    ...dataset.map((t) => ['(dataset)', md(t.type), count(t.count)]),
    ...bySource.flatMap((s) => s.types.map((t) => [md(s.source), md(t.type), count(t.count)])),
  ]
  return details(`New personal-information types (${count(rows.length)})`, ['Where', 'Type', 'Count'], rows)
}

function undeclared(diff: ManifestDiff): string {
  const rows = diff.undeclaredFiles.map((f) => [
    md(f.path),
    md(f.format),
    formatBytes(f.bytes),
    f.previously === 'absent' ? 'new file' : `in source ${md(f.previousSource ?? '?')}`,
  ])
  return details(`New undeclared files (${count(rows.length)})`, ['Path', 'Format', 'Bytes', 'Previously'], rows)
}

function findingList(title: string, list: FindingList, lang: Language): string {
  const codes = list.count > 0 ? `: ${byCodeText(list.byCode)}` : ''
  const rows = list.findings.map((f: Finding) => [f.severity, md(f.code), md(placeText(f.location)), md(renderMessage(f.code, f.args, lang))])
  return details(`${title} (${count(list.count)})${codes}`, ['Severity', 'Code', 'Place', 'Message'], rows)
}

/**
 * A collapsible table of at most LISTED rows, with "and N more" below; nothing when it is empty.
 * The summary sits in an HTML block, where Markdown is not parsed: it gets entities, not backslashes.
 */
function details(summary: string, head: readonly string[], rows: readonly string[][]): string {
  if (rows.length === 0) return ''
  const { shown, more } = capped(rows, LISTED)
  const table = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...shown.map((row) => `| ${row.join(' | ')} |`)]
  const tail = more > 0 ? ['', `… and ${count(more)} more (\`tdgov diff --json\` lists all ${count(rows.length)})`] : []
  return ['<details>', `<summary>${htmlText(summary)}</summary>`, '', ...table, ...tail, '', '</details>'].join('\n')
}
