import { createHash } from 'node:crypto'
import type { Severity } from '../findings/codes.js'
import { toolVersion } from '../util/version.js'
import { withFacts, type AnalysedFile, type FileFacts, type FileRecord } from './file-record.js'
import { CONFIG_FILE } from '../records/config-file.js'
import { MANIFEST_VERSION, type FileEntry, type FolderLicence, type Manifest, type ManifestFinding } from '../records/manifest-schema.js'
import { locationPath } from '../findings/finding.js'
import type { ManifestHeader, RuleRecords } from '../check/index.js'
import { compareStrings, sortedObject } from '../util/order.js'
import { addToTally, type Tally } from '../records/tally.js'
import type { LoadedConfig } from '../records/load-config.js'
import { ContentTally } from '../provenance/content-summary.js'
import type { PiiMode, TokenMode } from '../provenance/record-facts.js'
import type { ProvenanceResult } from '../provenance/provenance-result.js'
import type { TokenDraw } from './token-sampling.js'
import { FolderLicenceTally, type ClassifyStated } from '../provenance/folder-licences.js'
import type { ReadLimits } from '../formats/limits.js'
import { findingsOf, FindingTally, type FindingGroup } from './finding-summary.js'
import type { WriteText } from '../util/atomic-write.js'

/**
 * The records a manifest is built from, read as often as it needs: `each()` yields every file's
 * record in path order, from the start, on every call (a stream from disk for a large scan).
 * `statements` are the records of the files that state a licence or are licence texts tdgov
 * cannot identify (isLicenceStatement), in path order: few, and needed before the files they cover.
 */
export interface ManifestFiles {
  each(): Iterable<FileRecord>
  statements: readonly FileRecord[]
}

/** Records held in memory, as ManifestFiles. */
export function filesInMemory(records: readonly FileRecord[]): ManifestFiles {
  const sorted = [...records].sort((a, b) => compareStrings(a.path, b.path))
  return { each: () => sorted, statements: sorted.filter(isLicenceStatement) }
}

export interface ManifestInput {
  files: ManifestFiles
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
 * Assembles the manifest and writes it through `write`: files in path order, totals, fingerprint,
 * and nothing that varies between runs. The header is indented; each file and finding is one line
 * of compact JSON, which keeps a 100k-file manifest small and its diffs one line per changed file.
 * Without a tdgov.yaml the files are read twice as a stream (once for every figure of the header,
 * once to write their entries), so memory does not grow with their number; with one, the
 * declared sources and the rules see every file at once.
 */
export function buildManifest(input: ManifestInput, write: WriteText): BuiltManifest {
  const held = input.config ? withFacts([...input.files.each()]) : null
  const each = held ? (): Iterable<AnalysedFile> => held : () => analysed(input.files.each())
  const provenance = input.provenance(held ?? [])
  const sourceOf = (file: { path: string }): string | null => provenance.sourceOf.get(file.path) ?? null

  const folders = new FolderLicenceTally()
  const unidentified = unidentifiedLicenceTexts(input.files.statements)
  for (const file of withFacts(input.files.statements)) folders.state(file, unidentified.has(file.path))
  const hash = createHash('sha256')
  const counts = new TotalsTally()
  const content = new ContentTally(input.tokenDraw, 0.95, input.deep)
  const fileFindings = new FindingTally()
  for (const file of each()) {
    hash.update(`${file.path}\0${file.sha256}\n`)
    counts.add(file)
    folders.count(file)
    content.add(tokenPopulation(file), sourceOf(file))
    if (file.findings.error + file.findings.warning + file.findings.info > 0) for (const finding of findingsOf(file.json)) fileFindings.add(finding)
  }
  const facts: Pick<ManifestHeader, 'manifest' | 'version' | 'tool' | 'scan' | 'config' | 'fingerprint'> = {
    manifest: 'tdgov/manifest',
    version: MANIFEST_VERSION,
    tool: { name: 'tdgov', version: toolVersion() },
    scan: scanFacts(input),
    config: input.config ? { file: CONFIG_FILE, sha256: input.config.sha256 } : null,
    fingerprint: hash.digest('hex'),
  }
  const sources = provenance.sources
  const licences = folders.result(input.classifyStated)
  const contentSummary = content.result()
  const diversity = provenance.diversity
  // The rules read the header without its totals (which count their findings) and what each file holds.
  const ruleFindings = input.rules
    ? input.rules({
        header: { ...facts, totals: { ...counts.result([]), bySource: provenance.bySource, byKind: provenance.byKind, byOrigin: provenance.byOrigin }, sources, content: contentSummary, diversity },
        files: held!.map((f) => ({
          path: f.path,
          bytes: f.bytes,
          sha256: f.sha256,
          format: f.format,
          modality: f.modality as FileEntry['modality'],
          ...(f.records !== null && { records: f.records }),
          ...(f.facts.pii && { pii: f.facts.pii }),
          ...(f.facts.licence && { licence: f.facts.licence }),
          source: sourceOf(f),
        })),
      })
    : []
  const findings = sortFindings([...input.findings, ...provenance.findings, ...ruleFindings])
  const header = {
    ...facts,
    totals: { ...counts.result(findings), bySource: provenance.bySource, byKind: provenance.byKind, byOrigin: provenance.byOrigin },
    sources,
    licences,
    content: contentSummary,
    diversity,
  }
  // `findings` stays last among the totals, where a reader looks for it.
  const { findings: findingTotals, ...countTotals } = header.totals
  header.totals = { ...countTotals, findings: findingTotals }
  const head = JSON.stringify(header, null, 2)
  write(`${head.slice(0, -2)},\n  "files": `)
  let first = true
  for (const file of input.files.each()) {
    write(`${first ? '[\n    ' : ',\n    '}${input.config ? withSource(file.json, sourceOf(file)) : file.json}`)
    first = false
  }
  write(first ? '[]' : '\n  ]')
  write(`,\n  "findings": ${jsonLines(findings.map((f) => JSON.stringify(f)))}\n}\n`)
  return {
    fingerprint: header.fingerprint,
    totals: header.totals,
    findingGroups: fileFindings.groups(findings),
    configured: input.config !== null,
    sources: header.sources,
    licences,
    content: header.content,
  }
}

/** The manifest's text, for callers that want it whole (small manifests, tests). */
export function renderManifest(input: ManifestInput): { document: string } & BuiltManifest {
  const parts: string[] = []
  const built = buildManifest(input, (text) => parts.push(text))
  return { document: parts.join(''), ...built }
}

/** Each record with its facts parsed, one at a time: nothing is kept once the next is read. */
function* analysed(records: Iterable<FileRecord>): Generator<AnalysedFile> {
  for (const r of records) yield Object.assign(r, { facts: JSON.parse(r.factsJson) as FileFacts })
}

/**
 * Whether a record is one a folder's licence is read from: a file that states a licence (a
 * LICENSE text, a card, Croissant), or a licence text that matches no SPDX text. Read from its
 * JSON without parsing it: `"licence":{` occurs in the facts only as the key of a statement.
 */
export function isLicenceStatement(record: FileRecord): boolean {
  return statesLicence(record) || isUnidentifiedLicenceText(record)
}

/** Whether a file states a licence its facts name. */
export function statesLicence(record: FileRecord): boolean {
  return record.factsJson.includes('"licence":{')
}

function isUnidentifiedLicenceText(record: FileRecord): boolean {
  return record.format === 'document' && record.findings.warning > 0 && findingsOf(record.json).some((f) => f.code === 'LICENCE_TEXT_UNIDENTIFIED')
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
  return new Set(files.filter(isUnidentifiedLicenceText).map((f) => f.path))
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

/** The manifest's totals, a file at a time; the dataset's findings are counted at the end. */
class TotalsTally {
  private readonly byFormat = new Map<string, Tally>()
  private readonly byModality = new Map<string, Tally>()
  private readonly findingCounts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  private files = 0
  private bytes = 0
  private records = 0

  add(file: FileRecord): void {
    this.files++
    this.bytes += file.bytes
    this.records += file.records ?? 0
    addToTally(this.byFormat, file.format, 1, file.bytes, file.records ?? 0)
    addToTally(this.byModality, file.modality, 1, file.bytes, file.records ?? 0)
    this.findingCounts.error += file.findings.error
    this.findingCounts.warning += file.findings.warning
    this.findingCounts.info += file.findings.info
  }

  result(datasetFindings: readonly ManifestFinding[]): Omit<Manifest['totals'], 'bySource' | 'byKind' | 'byOrigin'> {
    const findings = { ...this.findingCounts }
    for (const finding of datasetFindings) findings[finding.severity]++
    return {
      files: this.files,
      bytes: this.bytes,
      records: this.records,
      byFormat: sortedObject(this.byFormat),
      byModality: sortedObject(this.byModality),
      findings,
    }
  }
}
