import type { Severity } from '../findings/codes.js'
import type { FindingLocation } from '../findings/finding.js'
import { renderMessage, type Language } from '../findings/messages.js'
import type { FolderLicence, Manifest } from '../records/manifest-schema.js'
import { trueCounts, type FindingGroup } from '../scan/finding-summary.js'
import type { BuiltManifest } from '../scan/manifest.js'
import type { ScanStats } from '../scan/scan.js'
import { formatBytes } from '../util/format-bytes.js'
import type { Palette } from '../util/palette.js'
import { terminalSafe } from '../util/terminal-safe.js'
import { formatCount } from '../util/format-count.js'

/** What the summary of one scan is made from. */
export interface ScanSummaryView {
  summary: Pick<BuiltManifest, 'totals' | 'fingerprint' | 'findingGroups' | 'configured' | 'sources' | 'licences' | 'content'>
  stats: Pick<ScanStats, 'scanned' | 'cached'>
  /** where the manifest was written, as the user named it */
  outFile: string
  next: NextStep
}

/** What the "next:" line suggests, as the user would type it. */
export interface NextStep {
  /** the dataset directory as given; null for the current one */
  dir: string | null
  /** --config, when one was given */
  config: string | null
  /** the --out file, when it is not the manifest `tdgov check` reads (<dir>/.tdgov/manifest.json) */
  outElsewhere: string | null
}

/** Folders the licence lines show before "… N more". */
const LICENCE_LINES = 10

type LicenceUse = FolderLicence['use']

/** The fixed words of the scan summary, per language; finding wording comes from the catalogues. */
interface Labels {
  scanned(files: number, bytes: string, records: number, read: number, cached: number): string
  fingerprint: string
  findings(counts: Record<Severity, number>, capped: number): string
  noFindings: string
  severity: Record<Severity, string>
  group(total: number, listed: number, capped: number): string
  moreInManifest(n: number): string
  byte(offset: number): string
  row(row: number): string
  morePaths(n: number): string
  dataset: string
  sources(declared: number, undeclared: number): string
  origin: Record<'domestic' | 'foreign', string>
  source(parts: { kind: string; origin: string; files: number; bytes: string; licence: string; use: string; pii: string }): string
  byContract: string
  notDeclared: string
  piiNone: string
  piiFound(total: number, basis: string | null): string
  use: Record<LicenceUse, string>
  licencesHead: string
  licence(use: string, ids: string[], from: string[], files: number): string
  noStatement(files: number): string
  unidentified(from: string[], files: number): string
  moreFolders(n: number): string
  content(records: number, languages: string, duplicates: string): string
  duplicatesExact(rate: string, records: number): string
  duplicatesEstimate(rate: string, confidence: number, low: string, high: string, sampled: number, records: number): string
  duplicatesUncovered(files: number): string
  noText: string
  tokensExact(total: string, encoding: string): string
  tokensEstimate(estimate: string, confidence: number, low: string, high: string, encoding: string): string
  piiSearched(records: number, found: string): string
  nextConfigured(check: string): string
  nextUnconfigured(init: string, check: string): string
  outElsewhere(manifest: string): string
}

/** 1,234 */
const n = formatCount
const plural = (count: number, one: string, many: string): string => `${n(count)} ${count === 1 ? one : many}`

const EN: Labels = {
  scanned: (files, bytes, records, read, cached) =>
    `scanned ${plural(files, 'file', 'files')}, ${bytes}, ${plural(records, 'record', 'records')} (${n(read)} read, ${n(cached)} from cache)`,
  fingerprint: 'fingerprint',
  findings: (c, capped) =>
    `findings: ${plural(c.error, 'error', 'errors')}, ${plural(c.warning, 'warning', 'warnings')}, ${n(c.info)} info` +
    (capped > 0 ? ` (${n(capped)} of them counted past the per-file cap, not kept in the manifest)` : ''),
  noFindings: 'findings: none',
  severity: { error: 'error', warning: 'warning', info: 'info' },
  group: (total, listed, capped) => (capped > 0 ? `${n(total)} (${n(listed)} in the manifest, ${n(capped)} more counted by FINDINGS_CAPPED)` : n(total)),
  moreInManifest: (count) => `… ${n(count)} more in the manifest`,
  byte: (offset) => `(byte ${n(offset)})`,
  row: (row) => `row ${n(row)}`,
  morePaths: (count) => `(+${n(count)} more)`,
  dataset: '(dataset)',
  sources: (declared, undeclared) => `sources: ${n(declared)} declared${undeclared > 0 ? `, ${plural(undeclared, 'file', 'files')} in none` : ''}`,
  origin: { domestic: 'domestic', foreign: 'foreign' },
  source: (p) => `${p.kind}${p.origin ? ` ${p.origin}` : ''}, ${plural(p.files, 'file', 'files')}, ${p.bytes}, licence ${p.licence} → ${p.use}, personal information ${p.pii}`,
  byContract: 'by contract',
  notDeclared: 'not declared',
  piiNone: 'none found',
  piiFound: (total, basis) => `${n(total)} (basis: ${basis ?? 'not declared'})`,
  use: { commercial: 'commercial', 'non-commercial': 'non-commercial', 'academic-only': 'academic-only', unspecified: 'unspecified' },
  licencesHead: 'licences (no tdgov.yaml: as the LICENSE files, dataset cards and Croissant files state them):',
  licence: (use, ids, from, files) => `${use} (${ids.join(' AND ')}, from ${from.join(', ')}), ${plural(files, 'file', 'files')}`,
  noStatement: (files) => `unspecified (no licence statement), ${plural(files, 'file', 'files')}`,
  unidentified: (from, files) => `unspecified (${from.join(', ')}: terms that match no SPDX licence text), ${plural(files, 'file', 'files')}`,
  moreFolders: (count) => `… ${plural(count, 'more folder', 'more folders')} in the manifest`,
  content: (records, languages, duplicates) => `content: ${plural(records, 'record', 'records')} analysed; ${languages}; duplicates ${duplicates}`,
  duplicatesExact: (rate, records) => `${rate} of ${plural(records, 'record', 'records')} with text (every record compared)`,
  duplicatesEstimate: (rate, confidence, low, high, sampled, records) =>
    `≈ ${rate} (${confidence}% interval ${low}–${high}; content-hash sample of ${n(sampled)} of ${plural(records, 'record', 'records')} with text)`,
  duplicatesUncovered: (files) => `; ${plural(files, 'Parquet/Arrow file', 'Parquet/Arrow files')} not covered (rows sampled; --deep reads them all)`,
  noText: 'no text',
  tokensExact: (total, encoding) => `tokens: ${total} (${encoding}, every record)`,
  tokensEstimate: (estimate, confidence, low, high, encoding) => `tokens: ≈ ${estimate} (${confidence}% interval ${low}–${high}, ${encoding})`,
  piiSearched: (records, found) => `personal information in ${plural(records, 'record', 'records')} searched: ${found}`,
  nextConfigured: (check) => `next: ${check} to gate the release`,
  nextUnconfigured: (init, check) => `next: ${init} to draft tdgov.yaml (sources, licences, legal bases), then ${check} to gate the release`,
  outElsewhere: (manifest) => ` (it reads ${manifest}, not the --out file)`,
}

const ZH: Labels = {
  scanned: (files, bytes, records, read, cached) => `已扫描 ${n(files)} 个文件，${bytes}，${n(records)} 条记录（读取 ${n(read)} 个，缓存 ${n(cached)} 个）`,
  fingerprint: '指纹',
  findings: (c, capped) =>
    `发现：${n(c.error)} 个错误，${n(c.warning)} 个警告，${n(c.info)} 条提示` + (capped > 0 ? `（其中 ${n(capped)} 条超出单文件上限，已计数但未写入清单）` : ''),
  noFindings: '发现：无',
  severity: { error: '错误', warning: '警告', info: '提示' },
  group: (total, listed, capped) => (capped > 0 ? `${n(total)}（清单中 ${n(listed)} 条，另有 ${n(capped)} 条由 FINDINGS_CAPPED 计数）` : n(total)),
  moreInManifest: (count) => `…… 清单中另有 ${n(count)} 条`,
  byte: (offset) => `(字节 ${n(offset)})`,
  row: (row) => `第 ${n(row)} 行`,
  morePaths: (count) => `(另 ${n(count)} 个)`,
  dataset: '(数据集)',
  sources: (declared, undeclared) => `数据来源：已声明 ${n(declared)} 个${undeclared > 0 ? `，${n(undeclared)} 个文件不属于任何来源` : ''}`,
  origin: { domestic: '境内', foreign: '境外' },
  source: (p) => `${p.kind}${p.origin ? ` ${p.origin}` : ''}，${n(p.files)} 个文件，${p.bytes}，许可证 ${p.licence} → ${p.use}，个人信息 ${p.pii}`,
  byContract: '合同约定',
  notDeclared: '未声明',
  piiNone: '未发现',
  piiFound: (total, basis) => `${n(total)} 处（合法性基础：${basis ?? '未声明'}）`,
  use: { commercial: '可商用', 'non-commercial': '非商用', 'academic-only': '仅限学术', unspecified: '未说明' },
  licencesHead: '许可证（无 tdgov.yaml：依据 LICENSE 文件、数据集卡片和 Croissant 文件的声明）：',
  licence: (use, ids, from, files) => `${use}（${ids.join(' AND ')}，见 ${from.join('、')}），${n(files)} 个文件`,
  noStatement: (files) => `未说明（没有许可证声明），${n(files)} 个文件`,
  unidentified: (from, files) => `未说明（${from.join('、')}：条款与任何 SPDX 许可证文本都不匹配），${n(files)} 个文件`,
  moreFolders: (count) => `…… 清单中另有 ${n(count)} 个文件夹`,
  content: (records, languages, duplicates) => `内容：分析了 ${n(records)} 条记录；${languages}；重复 ${duplicates}`,
  duplicatesExact: (rate, records) => `${rate}（${n(records)} 条有文本的记录，逐条比较）`,
  duplicatesEstimate: (rate, confidence, low, high, sampled, records) => `约 ${rate}（${confidence}% 区间 ${low}–${high}；按内容哈希抽取 ${n(records)} 条有文本记录中的 ${n(sampled)} 条）`,
  duplicatesUncovered: (files) => `；${n(files)} 个 Parquet/Arrow 文件未计入（仅抽样读取行；--deep 读取全部）`,
  noText: '无文本',
  tokensExact: (total, encoding) => `词元：${total}（${encoding}，全部记录）`,
  tokensEstimate: (estimate, confidence, low, high, encoding) => `词元：≈ ${estimate}（${confidence}% 区间 ${low}–${high}，${encoding}）`,
  piiSearched: (records, found) => `个人信息（检查了 ${n(records)} 条记录）：${found}`,
  nextConfigured: (check) => `下一步：运行 ${check} 执行发布关卡`,
  nextUnconfigured: (init, check) => `下一步：运行 ${init} 生成 tdgov.yaml 草稿（来源、许可证、合法性基础），再运行 ${check} 执行发布关卡`,
  outElsewhere: (manifest) => `（它读取 ${manifest}，而不是 --out 指定的文件）`,
}

export const SCAN_LABELS: Record<Language, Labels> = { en: EN, zh: ZH }

/**
 * The human summary of `tdgov scan`: what was scanned, the declared sources or the licences the
 * files state, content, tokens and personal information, every finding code with its true count
 * and a few examples, and what to run next. Everything that comes from the dataset or the user
 * (paths, ids, messages) is made terminal-safe.
 */
export function renderScanSummary(view: ScanSummaryView, options: { lang: Language; color: Palette }): string {
  const { lang, color: c } = options
  const labels = SCAN_LABELS[lang]
  const { summary, stats } = view
  const { totals } = summary
  const lines: string[] = [
    `${c.bold(labels.scanned(totals.files, formatBytes(totals.bytes), totals.records, stats.scanned, stats.cached))} → ${terminalSafe(view.outFile)}`,
    `${labels.fingerprint} ${summary.fingerprint}`,
  ]
  lines.push(...describeSources(summary, labels, c))
  if (!summary.configured) lines.push(...describeLicences(summary.licences, labels))
  lines.push(...describeContent(summary.content, labels, c))
  lines.push(...describeFindingGroups(summary.findingGroups, labels, c, lang))
  lines.push(nextLine(summary.configured, view.next, labels))
  return lines.map((line) => `${line}\n`).join('')
}

function describeSources(summary: ScanSummaryView['summary'], labels: Labels, c: Palette): string[] {
  if (!summary.configured) return []
  const undeclared = summary.totals.bySource['(undeclared)']?.files ?? 0
  const head = labels.sources(summary.sources.length, undeclared)
  const lines = [undeclared > 0 ? c.yellow(head) : head]
  const width = Math.max(...summary.sources.map((s) => terminalSafe(s.id).length), 2)
  for (const s of summary.sources) {
    const pii = s.personalInformation
    const piiTotal = Object.values(pii.counts).reduce((sum, count) => sum + (count ?? 0), 0)
    const licence = s.licence.declared ?? (s.licence.contract ? labels.byContract : labels.notDeclared)
    const text = labels.source({
      kind: terminalSafe(s.kind),
      origin: s.domestic === null ? '' : labels.origin[s.domestic ? 'domestic' : 'foreign'],
      files: s.files,
      bytes: formatBytes(s.bytes),
      licence: terminalSafe(licence),
      use: labels.use[s.licence.use],
      pii: piiTotal === 0 ? labels.piiNone : labels.piiFound(piiTotal, pii.basis === null ? null : terminalSafe(pii.basis)),
    })
    lines.push(`  ${terminalSafe(s.id).padEnd(width)}  ${text}`)
  }
  return lines
}

/** Without tdgov.yaml: each folder's licence as its files state it, or that nothing does. */
function describeLicences(licences: readonly FolderLicence[], labels: Labels): string[] {
  if (licences.length === 0) return []
  const shown = licences.slice(0, LICENCE_LINES)
  const folders = shown.map((l) => terminalSafe(l.folder === '.' ? './' : `${l.folder}/`))
  const width = Math.max(...folders.map((f) => f.length))
  const lines = [labels.licencesHead]
  shown.forEach((l, i) => {
    const from = l.from.map(terminalSafe)
    const what =
      l.from.length === 0
        ? labels.noStatement(l.files)
        : l.ids.length === 0
          ? labels.unidentified(from, l.files)
          : labels.licence(labels.use[l.use], l.ids.map(terminalSafe), from, l.files)
    lines.push(`  ${folders[i]!.padEnd(width)}  ${what}`)
  })
  if (licences.length > shown.length) lines.push(`  ${labels.moreFolders(licences.length - shown.length)}`)
  return lines
}

function describeContent(content: Manifest['content'], labels: Labels, c: Palette): string[] {
  const lines: string[] = []
  if (content.records > 0) {
    const languages = Object.entries(content.languages)
      .map(([language, count]) => `${language} ${percent(count ?? 0, content.records - content.empty)}`)
      .join(', ')
    lines.push(labels.content(content.records, languages || labels.noText, describeDuplicates(content.duplicates, content.records, labels)))
  }
  const tokens = content.tokens
  if (tokens && 'total' in tokens) lines.push(labels.tokensExact(n(tokens.total), tokens.encoding))
  else if (tokens) lines.push(labels.tokensEstimate(n(tokens.estimate), Math.round(tokens.confidence * 100), n(tokens.low), n(tokens.high), tokens.encoding))
  const pii = content.personalInformation
  if (pii.records > 0) {
    const counts = Object.entries(pii.counts).filter(([, count]) => (count ?? 0) > 0)
    const found = counts.length === 0 ? labels.piiNone : c.yellow(counts.map(([type, count]) => `${type} ${n(count ?? 0)}`).join(', '))
    lines.push(labels.piiSearched(pii.records, found))
  }
  return lines
}

/** The headline with the true totals, then each code: its count, what the cap left out, a few examples. */
function describeFindingGroups(groups: readonly FindingGroup[], labels: Labels, c: Palette, lang: Language): string[] {
  if (groups.length === 0) return [labels.noFindings]
  const { counts, capped } = trueCounts(groups)
  const head = labels.findings(counts, capped)
  const lines = [counts.error > 0 ? c.red(head) : counts.warning > 0 ? c.yellow(head) : head]
  const paint: Record<Severity, (text: string) => string> = { error: c.red, warning: c.yellow, info: (text) => text }
  const width = Math.max(...Object.values(labels.severity).map((word) => displayWidth(word)))
  for (const group of groups) {
    const severity = labels.severity[group.severity]
    const padded = severity + ' '.repeat(width - displayWidth(severity))
    lines.push(`  ${paint[group.severity](padded)}  ${c.bold(group.code)}  ${labels.group(group.listed + group.capped, group.listed, group.capped)}`)
    for (const finding of group.examples) {
      const place = terminalSafe(placeOf(finding.location, labels))
      lines.push(`      ${place}  ${terminalSafe(renderMessage(finding.code, finding.args, lang))}`)
    }
    if (group.listed > group.examples.length) lines.push(`      ${c.dim(labels.moreInManifest(group.listed - group.examples.length))}`)
  }
  return lines
}

/** Where a finding is: `path:line`, `path (byte N)`, `tdgov.yaml:38`, `(dataset)`. Not escaped. */
function placeOf(location: FindingLocation, labels: Labels): string {
  switch (location.kind) {
    case 'file':
      if (location.line !== undefined) return `${location.path}:${location.line}`
      return location.offset !== undefined ? `${location.path} ${labels.byte(location.offset)}` : location.path
    case 'files':
      return location.paths.length > 1 ? `${location.paths[0]!} ${labels.morePaths(location.paths.length - 1)}` : location.paths[0]!
    case 'config':
      return location.line !== undefined ? `${location.path}:${location.line}` : location.path
    case 'audit':
      return location.row !== undefined ? `${location.path} ${labels.row(location.row)}` : location.path
    case 'dataset':
      return labels.dataset
  }
}

/** `tdgov check` to gate the release; without tdgov.yaml, `tdgov init` first. Only commands that exist. */
function nextLine(configured: boolean, next: NextStep, labels: Labels): string {
  const dir = next.dir === null ? '' : ` ${shellWord(next.dir)}`
  const config = next.config === null ? '' : ` --config ${shellWord(next.config)}`
  const check = `tdgov check${dir}${config}`
  const manifest = `${next.dir === null ? '' : `${next.dir.replace(/\/+$/, '')}/`}.tdgov/manifest.json`
  const elsewhere = next.outElsewhere === null ? '' : labels.outElsewhere(terminalSafe(manifest))
  return terminalSafe(configured ? labels.nextConfigured(check) : labels.nextUnconfigured(`tdgov init${dir}`, check)) + elsewhere
}

/** An argument as a POSIX shell reads it back: bare when it is plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

/** Columns a label takes in a terminal: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1
  return width
}

/** The dataset-wide estimate when the scan drew one (exact at threshold 1), else the analysed records' rate. */
function describeDuplicates(duplicates: Manifest['content']['duplicates'], analysed: number, labels: Labels): string {
  const e = duplicates.estimate
  if (!e) return percent(analysed * duplicates.rate, analysed)
  const uncovered = e.uncoveredFiles > 0 ? labels.duplicatesUncovered(e.uncoveredFiles) : ''
  if (e.threshold === 1) return labels.duplicatesExact(percent(e.rate, 1), e.records) + uncovered
  return labels.duplicatesEstimate(share(e.rate), Math.round(e.confidence * 100), share(e.low), share(e.high), e.sampledRecords, e.records) + uncovered
}

/** A share to one decimal: an estimate's interval is read to the tenth of a per cent. */
function share(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '0%'
  const p = (part / whole) * 100
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`
}
