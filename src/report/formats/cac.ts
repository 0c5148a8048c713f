import type { Report, ReportFigure } from '../../records/report-schema.js'
import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import { CAC_LABELS, type CacLabels, type CacLang } from './cac-labels.js'
import { mdText } from './markdown-escape.js'
import { percent } from './percent.js'

const LICENCE_CODES = ['LICENCE_UNKNOWN', 'LICENCE_MISMATCH', 'LICENCE_NOT_FOR_COMMERCIAL_USE', 'LICENCE_DENIED', 'LICENCE_TEXT_UNIDENTIFIED', 'SOURCE_LICENCE_MISSING']
const PI_CODES = ['PII_WITHOUT_BASIS', 'PII_SENSITIVE', 'PII_DENSITY_HIGH']
/** Crawled domains the sources section lists (the report model holds up to 1,000). */
const CAC_DOMAINS = 10

/**
 * The Art. 19 explanation as Markdown: the nine sections the CAC asks about (source, scale, type,
 * labelling rules, labelling quality, personal information and IP, quality measures, mechanism,
 * evidence), the filing-form figures in one table and the clause matrix. A declared item that is
 * missing is written as missing. Every string from the data or the config is escaped.
 */
export function renderCac(report: Report, lang: CacLang): string {
  const L = CAC_LABELS[lang]
  const out: string[] = []
  // An estimate is marked with the number of its method, listed once before the evidence.
  const methods = new Map<string, number>()
  const note = (method: string): number => {
    if (!methods.has(method)) methods.set(method, methods.size + 1)
    return methods.get(method)!
  }
  const fig = (f: ReportFigure, unit: 'count' | 'bytes' = 'count'): string => {
    const show = (n: number): string => (unit === 'bytes' ? formatBytes(n) : formatCount(Math.round(n)))
    return f.kind === 'measured' ? show(f.value) : L.estimate(show(f.value), show(f.low), show(f.high), f.confidence, note(f.method))
  }
  out.push(`# ${mdText(L.title(report.dataset.name ?? '—'))}`, '', mdText(L.generated(report.date, report.tool.version)), '')
  if (report.warnings.length > 0) {
    out.push(`> **${L.warnings}**`)
    for (const w of report.warnings) out.push(`> - ${mdText(L.warning[w.code](w.args))}`)
    out.push('')
  }
  const meta: string[] = []
  if (report.provider) meta.push(`${L.provider}: ${mdText(report.provider.name)}`)
  if (report.dataset.intendedUse) meta.push(`${L.intendedUse}: ${mdText(report.dataset.intendedUse)}`)
  if (report.baseModels.length > 0) meta.push(`${L.baseModels}: ${report.baseModels.map((m) => mdText(`${m.name}${m.version ? ` ${m.version}` : ''}${m.filingNumber ? ` (${m.filingNumber})` : ''}`)).join('; ')}`)
  if (meta.length > 0) out.push(...meta.map((m) => `- ${m}`), '')

  // 1. sources
  out.push(`## ${L.sections.sources}`, '')
  const t = L.table
  out.push(row([t.source!, t.kind!, t.origin!, t.licence!, t.licenceUse!, t.basis!, t.files!, t.bytes!, t.records!, t.share!]), sep(10))
  for (const s of report.sources) {
    out.push(
      row([
        mdText(`${s.id} — ${s.name}`),
        mdText(L.kind[s.kind] ?? s.kind),
        L.domestic(s.domestic),
        mdText(s.licence.declared ?? s.licence.contract ?? (s.licence.detected.join(', ') || L.missing)),
        mdText(s.licence.use),
        mdText(s.personalInformation.basis ?? L.missing),
        formatCount(s.files),
        formatBytes(s.bytes),
        formatCount(s.records),
        percent(s.share.bytes),
      ]),
    )
  }
  if (report.sources.length === 0) out.push(row([L.missing, '', '', '', '', '', '', '', '', '']))
  out.push('')
  const crawled = report.crawled
  if (crawled) {
    const shown = crawled.domains.slice(0, CAC_DOMAINS)
    out.push(`**${L.crawledDomains[crawled.scope]}**`, '', L.crawledListed(formatCount(shown.length), formatCount(crawled.distinctDomains), formatCount(crawled.top10pctDomains), formatCount(crawled.analysed), formatCount(crawled.records)), '')
    out.push(row([t.domain!, t.bytes!, t.records!, t.top10pct!]), sep(4))
    for (const d of shown) out.push(row([mdText(d.domain), fig(d.bytes, 'bytes'), fig(d.records), d.top10pct ? '✓' : '']))
    if (crawled.noDomain.records.value > 0) out.push(row([L.crawledNoDomain, fig(crawled.noDomain.bytes, 'bytes'), fig(crawled.noDomain.records), '']))
    out.push('')
  } else if (report.sources.some((s) => s.acquisition === 'crawled')) out.push(`- ${L.crawledDomains['crawled-sources']}: ${L.notMeasured}`, '')

  // 2. scale
  out.push(`## ${L.sections.scale}`, '')
  out.push(row([t.item!, t.value!]), sep(2))
  out.push(row([L.filing.storage, fig(report.scale.storageBytes, 'bytes')]))
  out.push(row([t.files!, fig(report.scale.files)]), row([t.records!, fig(report.scale.records)]))
  out.push(row([L.filing.tokens, report.scale.tokens ? `${fig(report.scale.tokens.figure)} (${mdText(report.scale.tokens.tokenizer)})` : L.notMeasured]))
  out.push(row([L.type.image!, fig(report.scale.images)]))
  if (report.scale.audioHours) out.push(row([`${L.type.audio} (h)`, String(report.scale.audioHours.figure.value)]))
  if (report.scale.videoHours) out.push(row([`${L.type.video} (h)`, String(report.scale.videoHours.figure.value)]))
  out.push('')
  out.push(row([t.type!, t.files!, t.bytes!, t.records!]), sep(4))
  for (const [type, v] of Object.entries(report.scale.byType)) out.push(row([L.type[type] ?? type, formatCount(v.files), fig(v.bytes, 'bytes'), fig(v.records)]))
  out.push('')
  out.push(row([t.source!, t.files!, t.bytes!, t.records!]), sep(4))
  for (const [a, v] of Object.entries(report.scale.byAcquisition)) if (v.files > 0) out.push(row([L.acquisition[a] ?? a, formatCount(v.files), formatBytes(v.bytes), formatCount(v.records)]))
  out.push('')

  // 3. types
  out.push(`## ${L.sections.types}`, '')
  out.push(row([t.modality!, t.format!, t.language!, t.files!, t.bytes!, t.records!]), sep(6))
  for (const ty of report.types) out.push(row([mdText(ty.modality), mdText(ty.format), mdText(ty.language ?? '—'), formatCount(ty.files), formatBytes(ty.bytes), fig(ty.records)]))
  out.push('')

  // 4. labelling rules
  out.push(`## ${L.sections.rules}`, '')
  if (report.labellingRules.length === 0) out.push(L.rulesMissing, '')
  else {
    out.push(row([t.id!, t.version!, t.kind!, t.labels!, t.document!]), sep(5))
    for (const r of report.labellingRules) out.push(row([mdText(r.id), mdText(r.version), mdText(r.kind), mdText(r.labels.join(', ')), `${mdText(r.document)} (sha256 ${r.sha256 ?? L.missing})`]))
    out.push('')
  }

  // 5. labelling quality
  out.push(`## ${L.sections.quality}`, '')
  const a = report.annotation
  out.push(`- ${L.filing.annotated}: ${formatCount(a.items.text)} / ${formatCount(a.items.image)}${a.items.unclassified > 0 ? ` (+${formatCount(a.items.unclassified)} ${mdText(Object.keys(a.items.byFormat).join(', '))})` : ''}`)
  out.push(`- ${L.filing.annotators}: ${annotatorsLine(report, L)}`)
  out.push(`- ${L.filing.verification}: ${a.humanVerificationRatio ? `${percent(a.humanVerificationRatio.value)} (${formatCount(a.humanVerificationRatio.reviewed)} / ${formatCount(a.humanVerificationRatio.population)})` : L.missing}`, '')
  if (a.audits.length === 0) out.push(L.auditsMissing, '')
  else {
    out.push(row([t.audit!, t.plan!, t.sample!, t.accuracy!, t.interval!, t.decision!, t.ratio!]), sep(7))
    for (const au of a.audits) {
      const plan = [au.plan.method, au.plan.aql !== null ? `AQL ${au.plan.aql}` : '', au.plan.level ?? '', au.plan.margin !== null ? `±${au.plan.margin}` : ''].filter(Boolean).join(' ')
      const s = au.scored
      out.push(
        row([
          mdText(`${au.id}${au.rules ? ` (${au.rules.id} ${au.rules.version})` : ''}${au.stale ? ' ⚠' : ''}`),
          mdText(plan),
          `${formatCount(au.plan.sampleSize)} / ${formatCount(au.plan.population)}`,
          s && s.accuracy !== null ? percent(s.accuracy) : '—',
          s?.wilson ? `Wilson ${percent(s.wilson[0])}–${percent(s.wilson[1])}` : '—',
          s ? (L.decision[s.decision] ?? s.decision) : L.missing,
          s ? percent(s.verificationRatio) : '—',
        ]),
      )
    }
    out.push('')
  }

  // 6. personal information and IP
  out.push(`## ${L.sections.pi}`, '')
  const pi = report.personalInformation
  const found = Object.entries(pi.found)
  out.push(`- ${L.piMode[pi.mode]} (${formatCount(pi.recordsSearched)}): ${found.length > 0 ? found.map(([k, v]) => `${mdText(k)} ${formatCount(v ?? 0)}`).join(', ') : L.none}`)
  for (const [use, v] of Object.entries(report.licences.byUse)) out.push(`- ${mdText(use)}: ${mdText(v.sources.join(', '))} (${formatBytes(v.bytes)})`)
  out.push('')

  // 7. quality measures
  out.push(`## ${L.sections.measures}`, '')
  const d = report.quality.duplicates
  out.push(`- ${L.duplicates}: ${d ? (d.kind === 'measured' ? percent(d.value) : L.estimate(percent(d.value), percent(d.low), percent(d.high), d.confidence, note(d.method))) : L.notMeasured}`)
  out.push(`- ${L.empty}: ${formatCount(report.quality.emptyRecords.empty)} / ${formatCount(report.quality.emptyRecords.analysed)}`)
  for (const cell of report.quality.diversity) out.push(`- ${mdText(cell.modality)} × ${mdText(cell.language ?? '—')}: ${mdText(cell.sources.join(', '))}`)
  out.push('')

  // 8. mechanism
  out.push(`## ${L.sections.mechanism}`, '', report.mechanism ? mdText(report.mechanism) : L.mechanismMissing, '')

  // filing-form figures
  out.push(`## ${L.sections.filing}`, '')
  out.push(row([t.item!, t.value!]), sep(2))
  const bt = report.scale.byType
  const typeList = (byType: Report['scale']['byType']): string =>
    Object.entries(byType)
      .filter(([, v]) => v.files > 0)
      .map(([k, v]) => `${L.type[k] ?? k} ${fig(v.bytes, 'bytes')}`)
      .join('; ') || L.none
  const acq = report.scale.byAcquisition
  const licenceFindings = countCodes(report, LICENCE_CODES)
  const piFindings = countCodes(report, PI_CODES)
  out.push(
    row([L.filing.storage, fig(report.scale.storageBytes, 'bytes')]),
    row([L.filing.tokens, report.scale.tokens ? fig(report.scale.tokens.figure) : L.notMeasured]),
    row([L.filing.byType, typeList(bt)]),
    row([L.filing.composition, ['openSource', 'selfCollected', 'commercial', 'userInput'].map((k) => `${L.acquisition[k]} ${formatBytes(acq[k as keyof typeof acq].bytes)}`).join(' / ')]),
    row([L.filing.foreign, typeList(report.scale.foreignOpenSource.byType)]),
    row([L.filing.selfCommercial, `${L.acquisition.selfCollected}: ${typeList(report.scale.selfCollected.byType)}; ${L.acquisition.commercial}: ${typeList(report.scale.commercial.byType)}`]),
    row([L.filing.annotated, `${formatCount(a.items.text)} / ${formatCount(a.items.image)}${a.items.unclassified > 0 ? ` (+${formatCount(a.items.unclassified)})` : ''}`]),
    row([L.filing.annotators, annotatorsLine(report, L)]),
    row([L.filing.rules, report.labellingRules.length > 0 ? mdText(report.labellingRules.map((r) => `${r.id} ${r.version}`).join(', ')) : L.missing]),
    row([L.filing.verification, a.humanVerificationRatio ? percent(a.humanVerificationRatio.value) : L.missing]),
    row([L.filing.legality, L.legality(licenceFindings, piFindings)]),
    '',
  )

  // clause matrix
  out.push(`## ${L.sections.clauses}`, '')
  out.push(row([t.clause!, t.status!, t.evidence!]), sep(3))
  for (const c of report.clauses) {
    const evidence = [
      ...Object.entries(c.findings).map(([code, n]) => `${code} ×${n}`),
      ...c.missing.map((m) => `${L.missing}: ${L.missingItem[m] ?? m}`),
      ...Object.entries(c.setAside).map(([code, n]) => `${code} ×${n} (${L.setAside})`),
    ]
    out.push(row([c.clause, L.status[c.status] ?? c.status, evidence.join('; ') || '—']))
  }
  out.push('')

  if (methods.size > 0) {
    out.push(`### ${L.methods}`, '')
    for (const [method, n] of methods) out.push(`${n}. ${mdText(method)}`)
    out.push('')
  }

  // 9. evidence
  const e = report.evidence
  out.push(`## ${L.sections.evidence}`, '')
  out.push(`- manifest ${mdText(e.manifest.file)}: sha256 ${e.manifest.sha256}, fingerprint ${e.manifest.fingerprint}, tdgov ${mdText(e.manifest.toolVersion)}`)
  out.push(`- tdgov.yaml: ${e.config ? `${mdText(e.config.file)} sha256 ${e.config.sha256}` : L.missing}`)
  for (const au of e.audits) out.push(`- ${mdText(au.id)}: ${mdText(au.file)} sha256 ${au.sha256}`)
  out.push('')
  return out.join('\n')
}

function annotatorsLine(report: Report, L: CacLabels): string {
  const n = report.annotation.annotators
  if (n.total === 0) return L.missing
  return `${L.annotators(n.total, n.internal, n.outsourced, n.trained)}; ${L.trainingHours}`
}

function countCodes(report: Report, codes: readonly string[]): number {
  return report.findings.items.filter((f) => codes.includes(f.code)).length
}


function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

function sep(n: number): string {
  return `|${' --- |'.repeat(n)}`
}
