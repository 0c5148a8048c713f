import type { Report, ReportFigure } from '../../records/report-schema.js'
import { formatBytes } from '../../util/format-bytes.js'
import { formatCount } from '../../util/format-count.js'
import type { Block, Run, Text } from '../document/blocks.js'
import type { ReportDocument } from '../document/blocks.js'
import { CAC_LABELS, type CacLabels, type CacLang } from './cac-labels.js'
import { cacCharts } from './cac-charts.js'
import { percent } from './percent.js'

const LICENCE_CODES = ['LICENCE_UNKNOWN', 'LICENCE_MISMATCH', 'LICENCE_NOT_FOR_COMMERCIAL_USE', 'LICENCE_DENIED', 'LICENCE_TEXT_UNIDENTIFIED', 'SOURCE_LICENCE_MISSING']
const PI_CODES = ['PII_WITHOUT_BASIS', 'PII_SENSITIVE', 'PII_DENSITY_HIGH']
/** Crawled domains the sources section lists (the report model holds up to 1,000). */
const CAC_DOMAINS = 10

export interface CacDocumentOptions {
  /** charts with their text equivalents, placed in the sections they illustrate (the HTML page) */
  charts: boolean
}

/**
 * The Art. 19 explanation as a document: the nine sections the CAC asks about (source, scale,
 * type, labelling rules, labelling quality, personal information and IP, quality measures,
 * mechanism, evidence), the filing-form figures in one table and the clause matrix. A declared
 * item that is missing is written as missing. Text is plain here; each writer escapes it.
 */
export function cacDocument(report: Report, lang: CacLang, options: CacDocumentOptions): ReportDocument {
  const L = CAC_LABELS[lang]
  const blocks: Block[] = []
  const charts = options.charts ? cacCharts(report, L) : null
  const chart = (name: keyof NonNullable<typeof charts>): void => {
    for (const c of charts?.[name] ?? []) blocks.push(c)
  }
  // An estimate is marked with the number of its method, listed once before the evidence.
  const methods = new Map<string, number>()
  const note = (method: string): Run => {
    if (!methods.has(method)) methods.set(method, methods.size + 1)
    return { ref: methods.get(method)! }
  }
  const fig = (f: ReportFigure, unit: 'count' | 'bytes' = 'count'): Text => {
    const show = (n: number): string => (unit === 'bytes' ? formatBytes(n) : formatCount(Math.round(n)))
    return f.kind === 'measured' ? show(f.value) : L.estimate(show(f.value), show(f.low), show(f.high), f.confidence, note(f.method))
  }
  const table = (header: readonly Text[], rows: readonly (readonly Text[])[]): void => {
    blocks.push({ kind: 'table', header, rows })
  }
  const heading = (text: string, id: string, level: 2 | 3 = 2): void => {
    blocks.push({ kind: 'heading', level, text, id })
  }
  const title = L.title(report.dataset.name ?? '—')
  blocks.push({ kind: 'heading', level: 1, text: title }, { kind: 'paragraph', text: L.generated(report.date, report.tool.version) })
  if (report.warnings.length > 0) blocks.push({ kind: 'notice', title: L.warnings, items: report.warnings.map((w) => L.warning[w.code](w.args)) })
  const meta: Text[] = []
  if (report.provider) meta.push(`${L.provider}: ${report.provider.name}`)
  if (report.dataset.intendedUse) meta.push(`${L.intendedUse}: ${report.dataset.intendedUse}`)
  if (report.baseModels.length > 0) meta.push(`${L.baseModels}: ${report.baseModels.map((m) => `${m.name}${m.version ? ` ${m.version}` : ''}${m.filingNumber ? ` (${m.filingNumber})` : ''}`).join('; ')}`)
  if (meta.length > 0) blocks.push({ kind: 'list', items: meta })
  const t = L.table

  // 1. sources
  heading(L.sections.sources, 'sources')
  table(
    [t.source!, t.kind!, t.origin!, t.licence!, t.licenceUse!, t.basis!, t.files!, t.bytes!, t.records!, t.share!],
    report.sources.length === 0
      ? [[L.missing, '', '', '', '', '', '', '', '', '']]
      : report.sources.map((s) => [
          `${s.id} — ${s.name}`,
          L.kind[s.kind] ?? s.kind,
          L.domestic(s.domestic),
          s.licence.declared ?? s.licence.contract ?? (s.licence.detected.join(', ') || L.missing),
          s.licence.use,
          s.personalInformation.basis ?? L.missing,
          formatCount(s.files),
          formatBytes(s.bytes),
          formatCount(s.records),
          percent(s.share.bytes),
        ]),
  )
  const crawled = report.crawled
  if (crawled) {
    const shown = crawled.domains.slice(0, CAC_DOMAINS)
    blocks.push(
      { kind: 'paragraph', text: { strong: L.crawledDomains[crawled.scope] } },
      { kind: 'paragraph', text: L.crawledListed(formatCount(shown.length), formatCount(crawled.distinctDomains), formatCount(crawled.top10pctDomains), formatCount(crawled.analysed), formatCount(crawled.records)) },
    )
    const rows: Text[][] = shown.map((d) => [d.domain, fig(d.bytes, 'bytes'), fig(d.records), d.top10pct ? '✓' : ''])
    if (crawled.noDomain.records.value > 0) rows.push([L.crawledNoDomain, fig(crawled.noDomain.bytes, 'bytes'), fig(crawled.noDomain.records), ''])
    table([t.domain!, t.bytes!, t.records!, t.top10pct!], rows)
  } else if (report.sources.some((s) => s.acquisition === 'crawled')) blocks.push({ kind: 'list', items: [`${L.crawledDomains['crawled-sources']}: ${L.notMeasured}`] })
  chart('sources')

  // 2. scale
  heading(L.sections.scale, 'scale')
  const scaleRows: Text[][] = [
    [L.filing.storage, fig(report.scale.storageBytes, 'bytes')],
    [t.files!, fig(report.scale.files)],
    [t.records!, fig(report.scale.records)],
    [L.filing.tokens, report.scale.tokens ? [...runs(fig(report.scale.tokens.figure)), ` (${report.scale.tokens.tokenizer})`] : L.notMeasured],
    [L.type.image!, fig(report.scale.images)],
  ]
  if (report.scale.audioHours) scaleRows.push([`${L.type.audio} (h)`, String(report.scale.audioHours.figure.value)])
  if (report.scale.videoHours) scaleRows.push([`${L.type.video} (h)`, String(report.scale.videoHours.figure.value)])
  table([t.item!, t.value!], scaleRows)
  table(
    [t.type!, t.files!, t.bytes!, t.records!],
    Object.entries(report.scale.byType).map(([type, v]) => [L.type[type] ?? type, formatCount(v.files), fig(v.bytes, 'bytes'), fig(v.records)]),
  )
  table(
    [t.source!, t.files!, t.bytes!, t.records!],
    Object.entries(report.scale.byAcquisition)
      .filter(([, v]) => v.files > 0)
      .map(([a, v]) => [L.acquisition[a] ?? a, formatCount(v.files), formatBytes(v.bytes), formatCount(v.records)]),
  )
  chart('scale')

  // 3. types
  heading(L.sections.types, 'types')
  table(
    [t.modality!, t.format!, t.language!, t.files!, t.bytes!, t.records!],
    report.types.map((ty) => [ty.modality, ty.format, ty.language ?? '—', formatCount(ty.files), fig(ty.bytes, 'bytes'), fig(ty.records)]),
  )
  chart('types')

  // 4. labelling rules
  heading(L.sections.rules, 'rules')
  if (report.labellingRules.length === 0) blocks.push({ kind: 'paragraph', text: L.rulesMissing })
  else
    table(
      [t.id!, t.version!, t.kind!, t.labels!, t.document!],
      report.labellingRules.map((r) => [r.id, r.version, r.kind, r.labels.join(', '), [`${r.document} (sha256 `, { code: r.sha256 ?? L.missing }, ')']]),
    )

  // 5. labelling quality
  heading(L.sections.quality, 'quality')
  const a = report.annotation
  const annotated = `${formatCount(a.items.text)} / ${formatCount(a.items.image)}`
  blocks.push({
    kind: 'list',
    items: [
      `${L.filing.annotated}: ${annotated}${a.items.unclassified > 0 ? ` (+${formatCount(a.items.unclassified)} ${Object.keys(a.items.byFormat).join(', ')})` : ''}`,
      `${L.filing.annotators}: ${annotatorsLine(report, L)}`,
      `${L.filing.verification}: ${a.humanVerificationRatio ? `${percent(a.humanVerificationRatio.value)} (${formatCount(a.humanVerificationRatio.reviewed)} / ${formatCount(a.humanVerificationRatio.population)})` : L.missing}`,
    ],
  })
  if (a.audits.length === 0) blocks.push({ kind: 'paragraph', text: L.auditsMissing })
  else
    table(
      [t.audit!, t.plan!, t.sample!, t.accuracy!, t.interval!, t.decision!, t.ratio!],
      a.audits.map((au) => {
        const plan = [au.plan.method, au.plan.aql !== null ? `AQL ${au.plan.aql}` : '', au.plan.level ?? '', au.plan.margin !== null ? `±${au.plan.margin}` : ''].filter(Boolean).join(' ')
        const s = au.scored
        return [
          `${au.id}${au.rules ? ` (${au.rules.id} ${au.rules.version})` : ''}${au.stale ? ' ⚠' : ''}`,
          plan,
          `${formatCount(au.plan.sampleSize)} / ${formatCount(au.plan.population)}`,
          s && s.accuracy !== null ? percent(s.accuracy) : '—',
          s?.wilson ? `Wilson ${percent(s.wilson[0])}–${percent(s.wilson[1])}` : '—',
          s ? (L.decision[s.decision] ?? s.decision) : L.missing,
          s ? percent(s.verificationRatio) : '—',
        ]
      }),
    )
  chart('quality')

  // 6. personal information and IP
  heading(L.sections.pi, 'pi')
  const pi = report.personalInformation
  const found = Object.entries(pi.found)
  blocks.push({
    kind: 'list',
    items: [
      `${L.piMode[pi.mode]} (${formatCount(pi.recordsSearched)}): ${found.length > 0 ? found.map(([k, v]) => `${k} ${formatCount(v ?? 0)}`).join(', ') : L.none}`,
      ...Object.entries(report.licences.byUse).map(([use, v]) => `${use}: ${v.sources.join(', ')} (${formatBytes(v.bytes)})`),
    ],
  })
  chart('pi')

  // 7. quality measures
  heading(L.sections.measures, 'measures')
  const d = report.quality.duplicates
  blocks.push({
    kind: 'list',
    items: [
      [`${L.duplicates}: `, ...(d ? (d.kind === 'measured' ? [percent(d.value)] : L.estimate(percent(d.value), percent(d.low), percent(d.high), d.confidence, note(d.method))) : [L.notMeasured])],
      `${L.empty}: ${formatCount(report.quality.emptyRecords.empty)} / ${formatCount(report.quality.emptyRecords.analysed)}`,
      ...report.quality.diversity.map((cell) => `${cell.modality} × ${cell.language ?? '—'}: ${cell.sources.join(', ')}`),
    ],
  })

  // 8. mechanism
  heading(L.sections.mechanism, 'mechanism')
  blocks.push({ kind: 'paragraph', text: report.mechanism ?? L.mechanismMissing })

  // filing-form figures
  heading(L.sections.filing, 'filing')
  const typeList = (byType: Report['scale']['byType']): Text => {
    const parts = Object.entries(byType).filter(([, v]) => v.files > 0)
    if (parts.length === 0) return L.none
    return parts.flatMap(([k, v], i) => [...(i > 0 ? ['; '] : []), `${L.type[k] ?? k} `, ...runs(fig(v.bytes, 'bytes'))])
  }
  const acq = report.scale.byAcquisition
  table(
    [t.item!, t.value!],
    [
      [L.filing.storage, fig(report.scale.storageBytes, 'bytes')],
      [L.filing.tokens, report.scale.tokens ? fig(report.scale.tokens.figure) : L.notMeasured],
      [L.filing.byType, typeList(report.scale.byType)],
      [L.filing.composition, (['openSource', 'selfCollected', 'commercial', 'userInput'] as const).map((k) => `${L.acquisition[k]} ${formatBytes(acq[k].bytes)}`).join(' / ')],
      [L.filing.foreign, typeList(report.scale.foreignOpenSource.byType)],
      [L.filing.selfCommercial, [`${L.acquisition.selfCollected}: `, ...runs(typeList(report.scale.selfCollected.byType)), `; ${L.acquisition.commercial}: `, ...runs(typeList(report.scale.commercial.byType))]],
      [L.filing.annotated, `${annotated}${a.items.unclassified > 0 ? ` (+${formatCount(a.items.unclassified)})` : ''}`],
      [L.filing.annotators, annotatorsLine(report, L)],
      [L.filing.rules, report.labellingRules.length > 0 ? report.labellingRules.map((r) => `${r.id} ${r.version}`).join(', ') : L.missing],
      [L.filing.verification, a.humanVerificationRatio ? percent(a.humanVerificationRatio.value) : L.missing],
      [L.filing.legality, L.legality(countCodes(report, LICENCE_CODES), countCodes(report, PI_CODES))],
    ],
  )

  // clause matrix
  heading(L.sections.clauses, 'clauses')
  table(
    [t.clause!, t.status!, t.evidence!],
    report.clauses.map((c) => {
      const evidence: Run[] = []
      const add = (...parts: Run[]): void => {
        if (evidence.length > 0) evidence.push('; ')
        evidence.push(...parts)
      }
      for (const [code, n] of Object.entries(c.findings)) add({ code }, ` ×${n}`)
      for (const m of c.missing) add(`${L.missing}: ${L.missingItem[m] ?? m}`)
      for (const [code, n] of Object.entries(c.setAside)) add({ code }, ` ×${n} (${L.setAside})`)
      return [c.clause, L.status[c.status] ?? c.status, evidence.length > 0 ? evidence : '—']
    }),
  )
  if (methods.size > 0) {
    heading(L.methods, 'methods', 3)
    blocks.push({ kind: 'list', ordered: true, id: 'methods', items: [...methods.keys()].map(L.method) })
  }

  // 9. evidence
  const e = report.evidence
  heading(L.sections.evidence, 'evidence')
  blocks.push({
    kind: 'list',
    items: [
      [`manifest ${e.manifest.file}: sha256 `, { code: e.manifest.sha256 }, ', fingerprint ', { code: e.manifest.fingerprint }, `, tdgov ${e.manifest.toolVersion}`],
      e.config ? [`tdgov.yaml: ${e.config.file} sha256 `, { code: e.config.sha256 }] : `tdgov.yaml: ${L.missing}`,
      ...e.audits.map((au): Text => [`${au.id}: ${au.file} sha256 `, { code: au.sha256 }]),
    ],
  })
  return { lang, title, blocks }
}

function runs(text: Text): Run[] {
  return Array.isArray(text) ? [...(text as readonly Run[])] : [text as Run]
}

function annotatorsLine(report: Report, L: CacLabels): string {
  const n = report.annotation.annotators
  if (n.total === 0) return L.missing
  return `${L.annotators(n.total, n.internal, n.outsourced, n.trained)}; ${L.trainingHours}`
}

function countCodes(report: Report, codes: readonly string[]): number {
  return report.findings.items.filter((f) => codes.includes(f.code)).length
}
