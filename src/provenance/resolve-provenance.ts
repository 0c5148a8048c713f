import type { SourceConfig } from '../records/config-schema.js'
import type { LoadedConfig } from '../records/load-config.js'
import type { AnalysedFile } from '../records/file-record.js'
import { DOCUMENTATION, TOOLING, UNDECLARED, unsourcedKey } from '../records/not-data.js'
import { addToTally } from '../records/tally.js'
import { compareStrings, sortedObject } from '../util/order.js'
import { classifyLicence, mostRestrictive, normaliseLicence, type LicenceClass } from './licences/index.js'
import { densityPer10k, PiiTally } from './pii/index.js'
import { createSourceMatcher } from './source-map.js'
import { LanguageCounts } from './text/index.js'
import { emptyOrigin, type ProvenanceResult, type SourceSummary, type Tally } from './provenance-result.js'

/** A source counts for a language when at least this share of its analysed text records is in it. */
const LANGUAGE_SHARE = 0.1

/**
 * Declared against observed: maps files to sources, resolves each source's licences (declared,
 * LICENSE files and cards above its files, per-record licence fields), totals personal information
 * per source, and builds the sources-per-(modality × language) matrix. These are facts; what is
 * wrong with them is for the rules (src/check/rules). `files` must be in manifest (path) order.
 */
export function resolveProvenance(loaded: LoadedConfig, files: readonly AnalysedFile[]): ProvenanceResult {
  const { config } = loaded
  const match = createSourceMatcher(config.sources)
  const sourceOf = new Map<string, string | null>()
  const filesOf = new Map<string, AnalysedFile[]>(config.sources.map((s) => [s.id, []]))
  for (const file of files) {
    const id = match(file.path)
    sourceOf.set(file.path, id)
    if (id) filesOf.get(id)!.push(file)
  }
  const statements = licenceStatements(files)
  const sources = config.sources.map((source) => summariseSource(source, filesOf.get(source.id)!, statements))
  return {
    sourceOf,
    findings: [],
    sources,
    byKind: tallyBy(sources, (s) => s.kind),
    byOrigin: { ...emptyOrigin(), ...tallyBy(sources, (s) => (s.domestic === null ? 'unspecified' : s.domestic ? 'domestic' : 'foreign')) },
    bySource: bySource(sources, files, sourceOf),
    diversity: diversityMatrix(sources),
  }
}

function summariseSource(source: SourceConfig, files: readonly AnalysedFile[], statements: Map<string, Statement[]>): SourceSummary {
  const detected = detectedLicences(files, statements)
  const classes: LicenceClass[] = []
  if (source.license) classes.push(classifyLicence(source.license))
  for (const d of detected) classes.push(classifyLicence(d.id))
  // A contract without a licence is the terms it states; tdgov cannot read them, so it does not guess.
  const resolved = classes.length > 0 ? mostRestrictive(classes) : { use: 'unspecified' as const, attribution: false, shareAlike: false }

  const pii = new PiiTally()
  let piiRecords = 0
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
      }
    }
    languages.merge(file.facts.content?.languages ?? {})
  }
  const tally = pii.toJSON()
  const basis = source.personal_information ?? null
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

/**
 * TC260-003 §5.1 asks for several sources per language and corpus type (text, image, audio,
 * video); tables count as text, since what they contribute to training is their text, and so do
 * annotation exports, whose text (Label Studio tasks, doccano lines, CoNLL tokens) is what their
 * labels are on; exports of image labels (COCO, VOC) have little text and add a cell only where
 * the text they do hold says so, as when they counted as text files.
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
      if (modality === 'text' || modality === 'tabular' || modality === 'annotation') {
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
    addToTally(unsourced, unsourcedKey(file.format), 1, file.bytes, file.records ?? 0)
  }
  // after the declared sources, in this order
  for (const key of [UNDECLARED, DOCUMENTATION, TOOLING]) {
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
