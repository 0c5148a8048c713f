import { createHash } from 'node:crypto'
import type { Severity } from '../findings/codes.js'
import { toolVersion } from '../util/version.js'
import { withFacts, type AnalysedFile, type FileRecord } from './file-record.js'
import { CONFIG_FILE } from '../records/config-file.js'
import { MANIFEST_VERSION, type FileEntry, type FolderLicence, type Manifest, type ManifestFinding } from '../records/manifest-schema.js'
import { locationPath } from '../findings/finding.js'
import type { ManifestHeader, RuleRecords } from '../check/index.js'
import { compareStrings, sortedObject } from '../util/order.js'
import { addToTally, type Tally } from '../records/tally.js'
import type { LoadedConfig } from '../records/load-config.js'
import { summariseContent } from '../provenance/content-summary.js'
import type { PiiMode, TokenMode } from '../provenance/record-facts.js'
import type { ProvenanceResult } from '../provenance/provenance-result.js'
import type { TokenDraw } from './token-sampling.js'
import { folderLicences, type ClassifyStated } from '../provenance/folder-licences.js'
import type { ReadLimits } from '../formats/limits.js'
import { findingsOf, summariseFindings, type FindingGroup } from './finding-summary.js'

export interface ManifestInput {
  files: FileRecord[]
  findings: ManifestFinding[]
  deep: boolean
  sampleSize: number
  pii: PiiMode
  tokens: TokenMode
  /** the readers' limits the scan ran under */
  limits?: ReadLimits
  config: LoadedConfig | null
  /** the token sample's final draw; null when tokens are off or exact */
  tokenDraw: TokenDraw | null
  /** declared against observed (resolveProvenance), over the files in path order */
  provenance: (files: readonly AnalysedFile[]) => ProvenanceResult
  /** the scan's rules over the manifest about to be written (null without tdgov.yaml) */
  rules: ((manifest: NonNullable<RuleRecords['manifest']>) => ManifestFinding[]) | null
  /** classes licences stated together; null when no file states one (the licence tables are not loaded) */
  classifyStated: ClassifyStated | null
}

export interface BuiltManifest {
  /** the manifest's bytes, as written and printed */
  document: string
  fingerprint: string
  totals: Manifest['totals']
  /** every finding code with its count (and what FINDINGS_CAPPED left out) and a few examples, for a summary */
  findingGroups: FindingGroup[]
  /** whether a tdgov.yaml was read */
  configured: boolean
  sources: Manifest['sources']
  licences: FolderLicence[]
  content: Manifest['content']
}

/**
 * Assembles the manifest: files in path order, totals, fingerprint, and nothing that varies
 * between runs. The header is indented; each file and finding is one line of compact JSON, which
 * keeps a 100k-file manifest small and its diffs one line per changed file.
 */
export function buildManifest(input: ManifestInput): BuiltManifest {
  const files = withFacts([...input.files].sort((a, b) => compareStrings(a.path, b.path)))
  const provenance = input.provenance(files)
  const facts: Pick<ManifestHeader, 'manifest' | 'version' | 'tool' | 'scan' | 'config' | 'fingerprint'> = {
    manifest: 'tdgov/manifest',
    version: MANIFEST_VERSION,
    tool: { name: 'tdgov', version: toolVersion() },
    scan: scanFacts(input),
    config: input.config ? { file: CONFIG_FILE, sha256: input.config.sha256 } : null,
    fingerprint: fingerprint(files),
  }
  const sources = provenance.sources
  const licences = folderLicences(files, input.classifyStated, unidentifiedLicenceTexts(files))
  const content = summariseContent(files.map(tokenPopulation), provenance.sourceOf, input.tokenDraw, 0.95, input.deep)
  const diversity = provenance.diversity
  // The rules read the header without its totals (which count their findings) and what each file holds.
  const ruleFindings = input.rules
    ? input.rules({
        header: { ...facts, totals: { ...totals(files, []), bySource: provenance.bySource, byKind: provenance.byKind, byOrigin: provenance.byOrigin }, sources, content, diversity },
        files: files.map((f) => ({
          path: f.path,
          bytes: f.bytes,
          sha256: f.sha256,
          format: f.format,
          modality: f.modality as FileEntry['modality'],
          ...(f.records !== null && { records: f.records }),
          ...(f.facts.pii && { pii: f.facts.pii }),
          ...(f.facts.licence && { licence: f.facts.licence }),
          source: provenance.sourceOf.get(f.path) ?? null,
        })),
      })
    : []
  const findings = sortFindings([...input.findings, ...provenance.findings, ...ruleFindings])
  const header = {
    ...facts,
    totals: { ...totals(files, findings), bySource: provenance.bySource, byKind: provenance.byKind, byOrigin: provenance.byOrigin },
    sources,
    licences,
    content,
    diversity,
  }
  // `findings` stays last among the totals, where a reader looks for it.
  const { findings: findingTotals, ...counts } = header.totals
  header.totals = { ...counts, findings: findingTotals }
  const head = JSON.stringify(header, null, 2)
  const lines = input.config ? files.map((f) => withSource(f.json, provenance.sourceOf.get(f.path) ?? null)) : files.map((f) => f.json)
  const document =
    `${head.slice(0, -2)},\n` +
    `  "files": ${jsonLines(lines)},\n` +
    `  "findings": ${jsonLines(findings.map((f) => JSON.stringify(f)))}\n}\n`
  return {
    document,
    fingerprint: header.fingerprint,
    totals: header.totals,
    findingGroups: summariseFindings(findings, files),
    configured: input.config !== null,
    sources: header.sources,
    licences,
    content: header.content,
  }
}

/** The scan options as the manifest (and a shard's partial) records them. */
export function scanFacts(options: Pick<ManifestInput, 'deep' | 'sampleSize' | 'pii' | 'tokens' | 'limits'>): Manifest['scan'] {
  return { deep: options.deep, sampleSize: options.sampleSize, pii: options.pii, tokens: options.tokens, ...(options.limits && { limits: { ...options.limits } }) }
}

/**
 * The file as the token estimate must see it: its token sample was drawn from the records of its
 * plain format, which for an annotation export are not its `records` (items).
 */
function tokenPopulation(file: AnalysedFile): AnalysedFile {
  return file.facts.tokenRecords === undefined ? file : { ...file, records: file.facts.tokenRecords }
}

/** LICENSE / COPYING texts that match no SPDX text (LICENCE_TEXT_UNIDENTIFIED): terms stated, but not known. */
function unidentifiedLicenceTexts(files: readonly FileRecord[]): Set<string> {
  const paths = new Set<string>()
  for (const file of files) {
    if (file.format !== 'document' || file.findings.warning === 0) continue
    if (findingsOf(file.json).some((f) => f.code === 'LICENCE_TEXT_UNIDENTIFIED')) paths.add(file.path)
  }
  return paths
}

/** The entry with `"source"` after its path: entries are cached without it, since it depends on tdgov.yaml. */
function withSource(json: string, source: string | null): string {
  const afterPath = json.indexOf(',"bytes":')
  return `${json.slice(0, afterPath)},"source":${JSON.stringify(source)}${json.slice(afterPath)}`
}

/** Dataset-level findings in manifest order: by path, then code. */
export function sortFindings(findings: readonly ManifestFinding[]): ManifestFinding[] {
  const where = (f: ManifestFinding): string => locationPath(f.location) ?? '.'
  return [...findings].sort((a, b) => compareStrings(where(a), where(b)) || compareStrings(a.code, b.code))
}

function jsonLines(items: string[]): string {
  return items.length === 0 ? '[]' : `[\n    ${items.join(',\n    ')}\n  ]`
}

/** SHA-256 over the sorted lines `path \0 sha256 \n`: changes when any file is added, removed or edited. */
export function fingerprint(files: readonly { path: string; sha256: string }[]): string {
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file.path}\0${file.sha256}\n`)
  return hash.digest('hex')
}

function totals(files: readonly FileRecord[], datasetFindings: readonly ManifestFinding[]): Omit<Manifest['totals'], 'bySource' | 'byKind' | 'byOrigin'> {
  const byFormat = new Map<string, Tally>()
  const byModality = new Map<string, Tally>()
  const findingCounts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  let bytes = 0
  let records = 0
  for (const file of files) {
    bytes += file.bytes
    records += file.records ?? 0
    addToTally(byFormat, file.format, 1, file.bytes, file.records ?? 0)
    addToTally(byModality, file.modality, 1, file.bytes, file.records ?? 0)
    findingCounts.error += file.findings.error
    findingCounts.warning += file.findings.warning
    findingCounts.info += file.findings.info
  }
  for (const finding of datasetFindings) findingCounts[finding.severity]++
  return {
    files: files.length,
    bytes,
    records,
    byFormat: sortedObject(byFormat),
    byModality: sortedObject(byModality),
    findings: findingCounts,
  }
}
