import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { runGate } from '../check/index.js'
import { readAuditRecord, type AuditRecord } from '../records/audit-record.js'
import type { Config } from '../records/config-schema.js'
import { loadConfig, type LoadedConfig } from '../records/load-config.js'
import type { FileEntry, Manifest } from '../records/manifest-schema.js'
import { isData } from '../records/not-data.js'
import type { Project } from '../records/project.js'
import { readManifest } from '../records/read-manifest.js'
import { readRulesDocument } from '../records/rules-document.js'
import { ACQUISITIONS, reportSchema, type Acquisition, type Report, type ReportAudit, type ReportSource, type ReportTally } from '../records/report-schema.js'
import { UserError } from '../util/errors.js'
import { normalQuantile } from '../util/normal-quantile.js'
import { compareStrings } from '../util/order.js'
import { toolVersion } from '../util/version.js'
import { clauseMatrix } from './clauses.js'
import { crawledOf } from './crawled.js'
import { sizeByType, splitFiles, type SplitOptions } from './type-split.js'

export interface ReportOptions {
  /** YYYY-MM-DD (report-date.ts) */
  date: string
}

/** The model and the manifest it was built from: the file-level formats (Croissant, SPDX) list files. */
export interface ReportBuild {
  report: Report
  manifest: Manifest
}

const CONFIDENCE = 0.95

const ACQUISITION_OF_KIND: Record<string, Acquisition> = {
  'open-source': 'openSource',
  'self-collected': 'selfCollected',
  crawled: 'crawled',
  commercial: 'commercial',
  'user-input': 'userInput',
  synthetic: 'synthetic',
  other: 'other',
}

/** What each annotation adapter labels: the filing form counts text and image items. */
const ANNOTATED_MODALITY: Record<string, 'text' | 'image'> = {
  coco: 'image',
  voc: 'image',
  yolo: 'image',
  cvat: 'image',
  doccano: 'text',
  prodigy: 'text',
  conll: 'text',
}

/**
 * The report model from the records: the manifest, tdgov.yaml and the audit records, read
 * through the records layer, and the gate's findings over them. Nothing is re-scanned.
 */
export async function buildReport(project: Project, options: ReportOptions): Promise<ReportBuild> {
  if (!existsSync(project.manifestFile)) throw new UserError(`${project.manifestFile}: no manifest; run \`tdgov scan ${project.root}\` first`)
  const manifest = readManifest(project.manifestFile)
  const loaded = loadConfig(project.root, project.configGiven ? project.configFile : undefined)
  const config = loaded?.config ?? null
  const audits = readAudits(project)
  const gate = await runGate(project, { failOn: 'error', today: new Date(`${options.date}T00:00:00Z`), ignoreBaseline: false, compareTree: true })
  const data = manifest.files.filter((f) => isData(f.format))
  const split: SplitOptions = { z: normalQuantile(1 - (1 - CONFIDENCE) / 2), confidence: CONFIDENCE, from: 'derived:manifest.files[].content.languages' }
  const bySha = new Map(manifest.files.map((f) => [f.path, f.sha256]))
  const reportAudits = audits.map(({ record, file }) => auditOf(record, file, bySha))

  const report: Report = {
    report: 'tdgov/report',
    version: 1,
    date: options.date,
    tool: { name: 'tdgov', version: toolVersion() },
    warnings: warningsOf(manifest, loaded, reportAudits),
    dataset: {
      name: config?.dataset.name ?? null,
      version: config?.dataset.version ?? null,
      description: config?.dataset.description ?? null,
      intendedUse: config?.dataset.intended_use ?? null,
      taskCategories: [...(config?.dataset.task_categories ?? [])],
      from: 'config:dataset',
    },
    provider: config?.provider ? { name: config.provider.name, contact: config.provider.contact ?? null } : null,
    baseModels: (config?.base_models ?? []).map((m) => ({ name: m.name, version: m.version ?? null, licence: m.license ?? null, filingNumber: m.filing_number ?? null })),
    sources: sourcesOf(manifest, config, data),
    scale: scaleOf(manifest, config, data, split),
    types: typesOf(data, split),
    labellingRules: (config?.labelling_rules ?? []).map((r) => ({
      id: r.id,
      version: r.version,
      kind: r.kind,
      labels: r.labels,
      document: r.document,
      sha256: readRulesDocument(loaded!.file, r.document).sha256,
    })),
    annotation: annotationOf(manifest, config, reportAudits),
    personalInformation: {
      mode: manifest.scan.pii,
      recordsSearched: manifest.content.personalInformation.records,
      found: { ...manifest.content.personalInformation.counts },
      examples: Object.fromEntries(Object.entries(manifest.content.personalInformation.examples).map(([type, values]) => [type, [...(values ?? [])]])),
      from: 'manifest:content.personalInformation',
    },
    licences: licencesOf(manifest, data),
    quality: {
      duplicates: duplicatesOf(manifest),
      emptyRecords: { empty: manifest.content.empty, analysed: manifest.content.records },
      diversity: manifest.diversity.map((d) => ({ modality: d.modality, language: d.language, sources: [...d.sources] })),
    },
    clauses: [],
    crawled: crawledScope(config, data, split),
    mechanism: config?.mechanism ?? null,
    model: config?.model ? { name: config.model.name, placedOnMarket: config.model.placed_on_market ?? null } : null,
    measures: {
      codeOfPracticeSignatory: config?.measures?.code_of_practice_signatory ?? null,
      tdmOptOut: config?.measures?.tdm_opt_out ?? null,
      illegalContent: config?.measures?.illegal_content ?? null,
      other: config?.measures?.other ?? null,
    },
    languages: sortedRecord({ ...manifest.content.languages }) as Record<string, number>,
    latestCollection: latestOf((config?.sources ?? []).map((s) => s.acquired?.to ?? s.acquired?.from)),
    findings: { passed: gate.passed, counts: gate.counts, items: gate.findings, setAside: gate.setAside.map((s) => ({ code: s.finding.code, by: s.by, reason: s.reason })) },
    evidence: {
      manifest: {
        file: relative(project.root, project.manifestFile),
        sha256: sha256Of(readFileSync(project.manifestFile)),
        fingerprint: manifest.fingerprint,
        toolVersion: manifest.tool.version,
      },
      config: loaded ? { file: relative(project.root, loaded.file), sha256: loaded.sha256 } : null,
      audits: audits.map(({ record, file }) => ({ id: record.id, file: relative(project.root, file), sha256: sha256Of(readFileSync(file)) })),
    },
  }
  report.clauses = clauseMatrix({ ...report, setAside: report.findings.setAside })
  // The model is checked against its own schema: a report that breaks it is a bug, not output.
  return { report: reportSchema.parse(report), manifest }
}

/** The crawled domains over the crawled sources' files when tdgov.yaml declares one, else over every data file. */
function crawledScope(config: Config | null, data: readonly FileEntry[], split: SplitOptions): Report['crawled'] {
  const crawled = new Set((config?.sources ?? []).filter((s) => ACQUISITION_OF_KIND[s.kind] === 'crawled').map((s) => s.id))
  const options = { z: split.z, confidence: split.confidence }
  if (crawled.size === 0) return crawledOf(data, 'data-files', options)
  return crawledOf(data.filter((f) => typeof f.source === 'string' && crawled.has(f.source)), 'crawled-sources', options)
}

function readAudits(project: Project): { record: AuditRecord; file: string }[] {
  if (!existsSync(project.auditsDir)) return []
  return readdirSync(project.auditsDir)
    .filter((name) => name.endsWith('.json'))
    .sort(compareStrings)
    .map((name) => {
      const file = path.join(project.auditsDir, name)
      return { record: readAuditRecord(file), file }
    })
}

function warningsOf(manifest: Manifest, loaded: LoadedConfig | null, audits: readonly ReportAudit[]): Report['warnings'] {
  const warnings: Report['warnings'] = []
  if (!loaded) warnings.push({ code: 'NO_CONFIG', args: {} })
  else if (manifest.config?.sha256 !== loaded.sha256) warnings.push({ code: 'CONFIG_CHANGED', args: { config: loaded.file } })
  for (const audit of audits) if (audit.stale) warnings.push({ code: 'AUDIT_STALE', args: { audit: audit.id } })
  return warnings
}

function tallyOf(files: readonly FileEntry[]): ReportTally {
  return { files: files.length, bytes: sum(files, (f) => f.bytes), records: sum(files, (f) => f.records ?? 0) }
}

function sourcesOf(manifest: Manifest, config: Config | null, data: readonly FileEntry[]): ReportSource[] {
  const total = tallyOf(data)
  return manifest.sources.map((summary) => {
    const declared = config?.sources.find((s) => s.id === summary.id)
    const own = tallyOf(data.filter((f) => f.source === summary.id))
    return {
      id: summary.id,
      name: summary.name,
      kind: summary.kind,
      acquisition: ACQUISITION_OF_KIND[summary.kind] ?? 'other',
      origin: { url: declared?.origin?.url ?? null, dataset: declared?.origin?.dataset ?? null, organisation: declared?.origin?.organisation ?? null },
      domestic: summary.domestic,
      acquired: { from: declared?.acquired?.from ?? null, to: declared?.acquired?.to ?? null },
      licence: {
        declared: summary.licence.declared,
        contract: summary.licence.contract,
        detected: summary.licence.detected.map((d) => d.id),
        use: summary.licence.use,
      },
      personalInformation: { basis: summary.personalInformation.basis, found: { ...summary.personalInformation.counts }, recordsSearched: summary.personalInformation.records },
      crawl: declared?.crawl ? { robotsRespected: declared.crawl.robots_respected ?? null, optOutRespected: declared.crawl.opt_out_respected ?? null } : null,
      synthetic: declared?.synthetic ? { generator: declared.synthetic.generator, version: declared.synthetic.version ?? null } : null,
      ...own,
      share: { bytes: ratio(own.bytes, total.bytes), records: ratio(own.records, total.records) },
      from: `derived:manifest.files[source=${summary.id}] (data files)`,
    }
  })
}

function scaleOf(manifest: Manifest, config: Config | null, data: readonly FileEntry[], split: SplitOptions): Report['scale'] {
  const kindOf = new Map((config?.sources ?? []).map((s) => [s.id, s]))
  const acquisitionOf = (f: FileEntry): Acquisition => {
    const source = f.source ? kindOf.get(f.source) : undefined
    return source ? (ACQUISITION_OF_KIND[source.kind] ?? 'other') : 'undeclared'
  }
  const foreignOpen = data.filter((f) => {
    const source = f.source ? kindOf.get(f.source) : undefined
    return source?.kind === 'open-source' && source.domestic === false
  })
  const total = tallyOf(data)
  const dataFrom = 'derived:manifest.files[] (data files)'
  return {
    storageBytes: { kind: 'measured', value: total.bytes, from: dataFrom },
    files: { kind: 'measured', value: total.files, from: dataFrom },
    records: { kind: 'measured', value: total.records, from: dataFrom },
    tokens: tokensOf(manifest),
    images: { kind: 'measured', value: data.filter((f) => f.modality === 'image').length, from: 'derived:manifest.files[modality=image]' },
    audioHours: hoursOf(data, 'audio'),
    videoHours: hoursOf(data, 'video'),
    byType: sizeByType(data, split),
    byAcquisition: Object.fromEntries(ACQUISITIONS.map((a) => [a, tallyOf(data.filter((f) => acquisitionOf(f) === a))])) as Report['scale']['byAcquisition'],
    foreignOpenSource: partOf(foreignOpen, split),
    selfCollected: partOf(data.filter((f) => acquisitionOf(f) === 'selfCollected'), split),
    commercial: partOf(data.filter((f) => acquisitionOf(f) === 'commercial'), split),
    excluded: tallyOf(manifest.files.filter((f) => !isData(f.format))),
  }
}

function partOf(files: readonly FileEntry[], split: SplitOptions): Report['scale']['commercial'] {
  return { total: tallyOf(files), byType: sizeByType(files, split) }
}

function tokensOf(manifest: Manifest): Report['scale']['tokens'] {
  const tokens = manifest.content.tokens
  if (!tokens) return null
  if ('total' in tokens) return { figure: { kind: 'measured', value: tokens.total, from: 'manifest:content.tokens.total' }, tokenizer: tokens.encoding }
  return {
    figure: { kind: 'estimated', value: tokens.estimate, low: tokens.low, high: tokens.high, confidence: tokens.confidence, method: tokens.method, from: 'manifest:content.tokens' },
    tokenizer: tokens.encoding,
  }
}

function hoursOf(data: readonly FileEntry[], modality: 'audio' | 'video'): Report['scale']['audioHours'] {
  const files = data.filter((f) => f.modality === modality)
  if (files.length === 0) return null
  const seconds = sum(files, (f) => f.media?.durationSeconds ?? 0)
  return {
    figure: { kind: 'measured', value: Math.round((seconds / 3600) * 1e6) / 1e6, from: `derived:manifest.files[modality=${modality}].media.durationSeconds` },
    filesWithoutDuration: files.filter((f) => f.media?.durationSeconds === undefined).length,
  }
}

function typesOf(data: readonly FileEntry[], split: SplitOptions): Report['types'] {
  const groups = splitFiles(data, (f, language) => JSON.stringify([f.modality, f.format, language]), split)
  return [...groups]
    .map(([key, g]) => {
      const [modality, format, language] = JSON.parse(key) as [string, string, string | null]
      return { modality, format, language, files: g.files, bytes: g.bytes, records: g.records }
    })
    .sort((a, b) => compareStrings(a.modality, b.modality) || compareStrings(a.format, b.format) || compareStrings(a.language ?? '', b.language ?? ''))
}

function annotationOf(manifest: Manifest, config: Config | null, audits: readonly ReportAudit[]): Report['annotation'] {
  const byFormat: Record<string, number> = {}
  const items = { text: 0, image: 0, unclassified: 0 }
  for (const f of manifest.files) {
    if (!f.annotation) continue
    byFormat[f.annotation.format] = (byFormat[f.annotation.format] ?? 0) + f.annotation.items
    const m = f.annotation.modalities
    if (m) {
      // Label Studio says per task what was shown; audio and video are not items the form counts
      items.text += m.text ?? 0
      items.image += m.image ?? 0
      items.unclassified += f.annotation.items - (m.text ?? 0) - (m.image ?? 0)
    } else items[ANNOTATED_MODALITY[f.annotation.format] ?? 'unclassified'] += f.annotation.items
  }
  const roster = config?.annotators ?? []
  const annotators = roster.filter((a) => a.role !== 'reviewer')
  const scored = audits.filter((a) => a.kind === 'annotation' && a.scored && !a.stale)
  const reviewed = sum(scored, (a) => a.scored!.reviewed)
  const population = sum(scored, (a) => a.plan.population)
  return {
    items: { ...items, byFormat: sortedRecord(byFormat), from: 'manifest:files[].annotation.items' },
    annotators: {
      total: annotators.length,
      internal: annotators.filter((a) => a.affiliation === 'internal').length,
      outsourced: annotators.filter((a) => a.affiliation === 'outsourced').length,
      reviewers: roster.filter((a) => a.role !== 'annotator').length,
      trained: annotators.filter((a) => a.trained_on !== undefined && a.assessment === 'passed').length,
      from: 'config:annotators',
    },
    audits: [...audits],
    humanVerificationRatio:
      population > 0 ? { value: reviewed / population, reviewed, population, from: `derived:${scored.map((a) => `audit:${a.id}`).join(', ')}` } : null,
  }
}

function auditOf(record: AuditRecord, file: string, bySha: ReadonlyMap<string, string>): ReportAudit {
  const r = record.result
  return {
    id: record.id,
    kind: record.kind,
    source: record.source,
    rules: record.rules ? { id: record.rules.id, version: record.rules.version } : null,
    plan: {
      method: record.plan.method,
      aql: record.plan.aql,
      level: record.plan.level,
      margin: record.plan.margin,
      confidence: record.plan.confidence,
      population: record.plan.population,
      sampleSize: record.plan.sample_size,
      accept: record.plan.accept,
      reject: record.plan.reject,
    },
    scored: r
      ? {
          on: r.scored_on,
          reviewed: r.reviewed,
          defects: r.defects,
          accuracy: r.accuracy,
          confidence: r.confidence,
          wilson: r.wilson ? [r.wilson[0], r.wilson[1]] : null,
          clopperPearson: r.clopper_pearson ? [r.clopper_pearson[0], r.clopper_pearson[1]] : null,
          decision: r.decision,
          verificationRatio: r.verification_ratio,
          perClass: accuracyCells(r.per_class),
          perAnnotator: accuracyCells(r.per_annotator),
          confusion: { labels: [...r.confusion.labels], matrix: r.confusion.matrix.map((row) => [...row]) },
        }
      : null,
    labels: { counts: sortedRecord({ ...record.population.labels }) as Record<string, number>, capped: record.population.tallies_capped },
    stale: record.inputs.some((input) => bySha.get(input.path) !== input.sha256),
    from: `audit:${record.id} (${path.basename(file)})`,
  }
}

type AccuracyCells = NonNullable<ReportAudit['scored']>['perClass']

function accuracyCells(cells: NonNullable<AuditRecord['result']>['per_class']): AccuracyCells {
  const out: AccuracyCells = {}
  for (const key of Object.keys(cells).sort(compareStrings)) {
    const c = cells[key]!
    out[key] = { reviewed: c.reviewed, correct: c.correct, accuracy: c.accuracy, wilson: c.wilson ? [c.wilson[0], c.wilson[1]] : null }
  }
  return out
}

function licencesOf(manifest: Manifest, data: readonly FileEntry[]): Report['licences'] {
  const byUse: Report['licences']['byUse'] = {}
  for (const s of manifest.sources) {
    const own = tallyOf(data.filter((f) => f.source === s.id))
    const entry = (byUse[s.licence.use] ??= { files: 0, bytes: 0, records: 0, sources: [] })
    entry.files += own.files
    entry.bytes += own.bytes
    entry.records += own.records
    entry.sources.push(s.id)
  }
  return {
    byUse: sortedRecord(byUse),
    folders: (manifest.licences ?? []).map((l) => ({ folder: l.folder, ids: [...l.ids], use: l.use, files: l.files })),
  }
}

function duplicatesOf(manifest: Manifest): Report['quality']['duplicates'] {
  const d = manifest.content.duplicates
  const e = d.estimate
  if (e && e.threshold < 1) {
    return {
      kind: 'estimated',
      value: e.rate,
      low: e.low,
      high: e.high,
      confidence: e.confidence,
      method: `${e.method}: ${e.sampledRecords} of ${e.records} records sampled by content hash`,
      from: 'manifest:content.duplicates.estimate',
    }
  }
  if (e) return { kind: 'measured', value: e.rate, from: 'manifest:content.duplicates.estimate (every record compared)' }
  return manifest.content.records > 0 ? { kind: 'measured', value: d.rate, from: 'manifest:content.duplicates.rate (over the analysed records only)' } : null
}

function latestOf(dates: readonly (string | undefined)[]): string | null {
  const known = dates.filter((d): d is string => d !== undefined).sort(compareStrings)
  return known.at(-1) ?? null
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/')
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0
  for (const item of items) total += value(item)
  return total
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)))
}
