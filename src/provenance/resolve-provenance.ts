import type { Config, SourceConfig } from '../records/config-schema.js'
import type { LoadedConfig } from '../records/load-config.js'
import { toFinding, type FindingDraft } from '../findings/finding.js'
import type { AnalysedFile } from '../scan/file-record.js'
import type { ManifestFinding } from '../records/manifest-schema.js'
import { addToTally } from '../scan/tally.js'
import { compareStrings, sortedObject } from '../util/order.js'
import { classifyLicence, licenceNames, mostRestrictive, normaliseLicence, parseLicenceExpression, type LicenceClass } from './licences/index.js'
import { countOf, densityPer10k, describeCounts, PiiTally } from './pii/index.js'
import { createSourceMatcher } from './source-map.js'
import { LanguageCounts } from './text/index.js'
import { emptyOrigin, type ProvenanceResult, type SourceSummary, type Tally } from './provenance-result.js'

/** Dataset-level findings of one code about individual files, listed before a summary says how many more. */
const LISTED_PER_CODE = 100
/** A source counts for a language when at least this share of its analysed text records is in it. */
const LANGUAGE_SHARE = 0.1
const DEFAULT_MIN_SOURCES_PER_CELL = 2
const UNDECLARED = '(undeclared)'
const DOCUMENTATION = '(documentation)'

/**
 * Declared against observed: maps files to sources, resolves each source's licences (declared,
 * LICENSE files and cards above its files, per-record licence fields), totals personal information
 * per source against its legal basis, and builds the sources-per-(modality × language) matrix.
 * `files` must be in manifest (path) order.
 */
export function resolveProvenance(loaded: LoadedConfig, files: readonly AnalysedFile[]): ProvenanceResult {
  const findings: ManifestFinding[] = []
  const { config } = loaded
  const configPath = 'tdgov.yaml'
  const match = createSourceMatcher(config.sources)
  const sourceOf = new Map<string, string | null>()
  const filesOf = new Map<string, AnalysedFile[]>(config.sources.map((s) => [s.id, []]))
  const listed = new ListedFindings()
  for (const file of files) {
    const id = match(file.path)
    sourceOf.set(file.path, id)
    if (id) filesOf.get(id)!.push(file)
    // A LICENSE or README outside every source documents the dataset; it is not training data.
    else if (file.format !== 'document') listed.add(findings, 'UNDECLARED_FILE', toFinding(file.path, { code: 'UNDECLARED_FILE' }))
  }
  const statements = licenceStatements(files)
  const sources = config.sources.map((source) =>
    summariseSource(source, filesOf.get(source.id)!, statements, config, (path, draft) => findings.push({ ...toFinding(path, draft), source: source.id }), configPath),
  )
  for (const file of files) {
    const counts = file.facts.pii?.counts
    if (sourceOf.get(file.path) !== null || !counts || countOf(counts) === 0) continue
    const draft: FindingDraft = { code: 'PII_WITHOUT_BASIS', args: { types: describeCounts(counts), where: 'a file of no declared source', basis: 'not declared' } }
    listed.add(findings, 'PII_WITHOUT_BASIS', toFinding(file.path, draft))
  }
  config.base_models.forEach((model) => {
    if (!model.filing_number) findings.push(toFinding(configPath, { code: 'BASE_MODEL_NOT_FILED', args: { model: model.name } }))
  })
  listed.summarise(findings)
  const diversity = diversityMatrix(sources)
  const min = config.policy.min_sources_per_cell ?? DEFAULT_MIN_SOURCES_PER_CELL
  for (const cell of diversity) {
    if (cell.sources.length >= min) continue
    const name = cell.language ? `${cell.modality} × ${cell.language}` : cell.modality
    findings.push(toFinding(configPath, { code: 'SOURCES_TOO_FEW', args: { cell: name, count: cell.sources.length, sources: cell.sources.join(', '), min } }))
  }
  return {
    sourceOf,
    findings,
    sources,
    byKind: tallyBy(sources, (s) => s.kind),
    byOrigin: { ...emptyOrigin(), ...tallyBy(sources, (s) => (s.domestic === null ? 'unspecified' : s.domestic ? 'domestic' : 'foreign')) },
    bySource: bySource(sources, files, sourceOf),
    diversity,
  }
}

function summariseSource(
  source: SourceConfig,
  files: readonly AnalysedFile[],
  statements: Map<string, Statement[]>,
  config: Config,
  report: (path: string, draft: FindingDraft) => void,
  configPath: string,
): SourceSummary {
  const args = { source: source.id, kind: source.kind }
  if (files.length === 0) report(configPath, { code: 'SOURCE_MATCHES_NOTHING', args: { ...args, paths: source.paths.join(', ') } })
  if ((source.kind === 'open-source' || source.kind === 'crawled') && !source.license && !source.contract) {
    report(configPath, { code: 'SOURCE_LICENCE_MISSING', args })
  }
  if (source.kind === 'commercial' && !source.contract) report(configPath, { code: 'SOURCE_CONTRACT_MISSING', args })
  if (source.kind === 'crawled' && (source.crawl?.robots_respected === undefined || source.crawl.opt_out_respected === undefined)) {
    report(configPath, { code: 'SOURCE_CRAWL_UNDOCUMENTED', args })
  }
  if (source.kind === 'synthetic' && !source.synthetic?.generator) report(configPath, { code: 'SOURCE_GENERATOR_MISSING', args })

  const detected = detectedLicences(files, statements)
  const declaredIds = source.license ? licenceIds(source.license) : []
  for (const d of detected) {
    if (source.license && !declaredIds.includes(d.id)) {
      report(d.from[0]!, { code: 'LICENCE_MISMATCH', args: { ...args, declared: source.license, detected: d.id } })
    }
  }
  const classes: (LicenceClass & { known: boolean; id: string })[] = []
  if (source.license) classes.push({ ...classifyLicence(source.license), id: source.license })
  for (const d of detected) classes.push({ ...classifyLicence(d.id), id: d.id })
  for (const c of classes) if (!c.known) report(configPath, { code: 'LICENCE_UNKNOWN', args: { ...args, licence: c.id } })
  // A contract without a licence is the terms it states; tdgov cannot read them, so it does not guess.
  const resolved = classes.length > 0 ? mostRestrictive(classes) : { use: 'unspecified' as const, attribution: false, shareAlike: false }
  if (config.dataset.intended_use === 'commercial' && (resolved.use === 'non-commercial' || resolved.use === 'academic-only')) {
    const culprit = classes.find((c) => c.use === resolved.use)!
    report(configPath, { code: 'LICENCE_NOT_FOR_COMMERCIAL_USE', args: { ...args, use: resolved.use, licence: culprit.id } })
  }

  const pii = new PiiTally()
  let piiRecords = 0
  let firstPii: string | null = null
  const languages = new LanguageCounts()
  const modalities: Record<string, number> = {}
  let bytes = 0
  let records = 0
  for (const file of files) {
    bytes += file.bytes
    records += file.records ?? 0
    modalities[file.modality] = (modalities[file.modality] ?? 0) + 1
    const p = file.facts.pii
    if (p) {
      piiRecords += p.records
      if (p.counts) {
        pii.merge({ counts: p.counts, examples: p.examples ?? {} })
        if (firstPii === null && countOf(p.counts) > 0) firstPii = file.path
      }
    }
    languages.merge(file.facts.content?.languages ?? {})
  }
  const tally = pii.toJSON()
  const basis = source.personal_information ?? null
  if (firstPii !== null && (basis === null || basis === 'none')) {
    report(firstPii, { code: 'PII_WITHOUT_BASIS', args: { types: describeCounts(tally.counts), where: `source "${source.id}"`, basis: basis ?? 'not declared' } })
  }
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    domestic: source.domestic ?? null,
    files: files.length,
    bytes,
    records,
    licence: {
      declared: source.license ?? null,
      contract: source.contract ?? null,
      detected,
      use: resolved.use,
      attribution: resolved.attribution,
      shareAlike: resolved.shareAlike,
    },
    personalInformation: {
      basis,
      records: piiRecords,
      densityPer10k: densityPer10k(tally.counts, piiRecords),
      ...tally,
    },
    languages: languages.toJSON(),
    modalities: sortedObject(Object.entries(modalities)),
  }
}

interface Statement {
  path: string
  ids: string[]
}

/** Licence statements (LICENSE texts, cards, Croissant) by the directory whose subtree they cover. */
function licenceStatements(files: readonly AnalysedFile[]): Map<string, Statement[]> {
  const byDir = new Map<string, Statement[]>()
  for (const file of files) {
    const licence = file.facts.licence
    if (!licence) continue
    const dir = dirOf(file.path)
    const list = byDir.get(dir) ?? []
    list.push({ path: file.path, ids: licence.ids })
    byDir.set(dir, list)
  }
  return byDir
}

/**
 * Licences stated over a source's files and in their records' licence fields. A file is covered by
 * the statements of the nearest directory at or above it that has any: a folder's own LICENSE or
 * card overrides the dataset's, as a subdirectory's licence does in a repository.
 */
function detectedLicences(files: readonly AnalysedFile[], statements: Map<string, Statement[]>): { id: string; from: string[] }[] {
  const found = new Map<string, Set<string>>()
  const note = (id: string, from: string): void => {
    const set = found.get(id) ?? new Set()
    set.add(from)
    found.set(id, set)
  }
  const nearest = new Map<string, Statement[]>()
  const covering = (dir: string): Statement[] => {
    let result = nearest.get(dir)
    if (result === undefined) {
      const parent = parentOf(dir)
      result = statements.get(dir) ?? (parent === null ? [] : covering(parent))
      nearest.set(dir, result)
    }
    return result
  }
  const seenDirs = new Set<string>()
  for (const file of files) {
    const dir = dirOf(file.path)
    if (!seenDirs.has(dir)) {
      seenDirs.add(dir)
      for (const s of covering(dir)) for (const id of s.ids) note(id, s.path)
    }
    for (const value of Object.keys(file.facts.content?.licences ?? {})) note(normaliseLicence(value).id, file.path)
  }
  return [...found]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([id, from]) => ({ id, from: [...from].sort().slice(0, 5) }))
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? '' : path.slice(0, slash)
}

function parentOf(dir: string): string | null {
  if (dir === '') return null
  return dirOf(dir)
}

/** The licence ids an SPDX expression names (config expressions were checked when loaded). */
function licenceIds(expression: string): string[] {
  const parsed = parseLicenceExpression(expression, true)
  return parsed ? licenceNames(parsed) : [expression]
}

/**
 * TC260-003 §5.1 asks for several sources per language and corpus type (text, image, audio,
 * video); tables count as text, since what they contribute to training is their text.
 */
function diversityMatrix(sources: readonly SourceSummary[]): ProvenanceResult['diversity'] {
  const cells = new Map<string, { modality: string; language: string | null; sources: string[] }>()
  const add = (modality: string, language: string | null, id: string): void => {
    const key = `${modality}\0${language ?? ''}`
    const cell = cells.get(key) ?? { modality, language, sources: [] }
    if (!cell.sources.includes(id)) cell.sources.push(id)
    cells.set(key, cell)
  }
  for (const source of sources) {
    const analysed = Object.values(source.languages).reduce((a, b) => a + b, 0)
    for (const modality of Object.keys(source.modalities)) {
      if (modality === 'other') continue
      if (modality === 'text' || modality === 'tabular') {
        for (const [language, n] of Object.entries(source.languages)) if (n / analysed >= LANGUAGE_SHARE) add('text', language, source.id)
      } else add(modality, null, source.id)
    }
  }
  return [...cells.values()].sort((a, b) => compareStrings(a.modality, b.modality) || compareStrings(a.language ?? '', b.language ?? ''))
}

function bySource(sources: readonly SourceSummary[], files: readonly AnalysedFile[], sourceOf: Map<string, string | null>): Record<string, Tally> {
  const out: Record<string, Tally> = {}
  for (const s of sources) out[s.id] = { files: s.files, bytes: s.bytes, records: s.records }
  const unsourced = new Map<string, Tally>()
  for (const file of files) {
    if (sourceOf.get(file.path) !== null) continue
    addToTally(unsourced, file.format === 'document' ? DOCUMENTATION : UNDECLARED, 1, file.bytes, file.records ?? 0)
  }
  // after the declared sources, in this order
  for (const key of [UNDECLARED, DOCUMENTATION]) {
    const tally = unsourced.get(key)
    if (tally) out[key] = tally
  }
  return out
}

function tallyBy(sources: readonly SourceSummary[], key: (s: SourceSummary) => string): Record<string, Tally> {
  const out = new Map<string, Tally>()
  for (const s of sources) addToTally(out, key(s), s.files, s.bytes, s.records)
  return sortedObject(out)
}

/** Keeps the first LISTED_PER_CODE findings of a per-file code and counts the rest for one summary. */
class ListedFindings {
  private readonly counts = new Map<string, number>()

  add(findings: ManifestFinding[], code: string, finding: ManifestFinding): void {
    const n = (this.counts.get(code) ?? 0) + 1
    this.counts.set(code, n)
    if (n <= LISTED_PER_CODE) findings.push(finding)
  }

  summarise(findings: ManifestFinding[]): void {
    for (const [code, total] of this.counts) {
      if (total > LISTED_PER_CODE) findings.push(toFinding('.', { code: 'FINDINGS_CAPPED', args: { code, total, kept: LISTED_PER_CODE } }))
    }
  }
}
