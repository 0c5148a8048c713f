import { createHash } from 'node:crypto'
import picomatch from 'picomatch'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { toFinding, type FindingDraft } from '../findings/finding.js'
import { detectCompression, TEXT_FORMATS } from '../formats/detect.js'
import { detectFormat } from '../formats/detect-format.js'
import { annexNotPresent } from '../formats/pointer.js'
import { annexKeyOf, annexLinkTarget, linkStat } from '../util/annex-link.js'
import { sniffAnnotationExport } from '../formats/annotations/sniff-export.js'
import { analysedOnGuardedThread, parsedOnSecondThread, readsFromDisk, RECORD_FORMATS, COLUMNAR_FORMATS } from '../formats/registry.js'
import type { ReadLimits } from '../formats/limits.js'
import type { AnalyzerContext, ContentAnalysis, DetectedFormat, MediaInfo, RecordSchema } from '../formats/types.js'
import { localSink, offloadSink, OFFLOAD_MIN_BYTES, threadReadBuffer } from './chunk-sink.js'
import { decompressHead } from '../formats/decompress.js'
import { stringPathOf, type FsPath } from '../util/recorded-name.js'
import { yieldNowAndThen } from '../util/yield-now-and-then.js'
import { describeSystemError, withoutEngineMessage } from '../util/library-error.js'
import { workersAvailable } from './workers-available.js'
import { shownFieldName, shownSchemaNames, withFieldNamesShown } from './field-names.js'
import type { CacheKey } from './cache.js'
import type { AnnotationFacts, FileEntry, PiiFacts } from '../records/manifest-schema.js'
import type { FileFacts } from '../records/file-record.js'
import { countOf, densityPer10k, describeCounts, SENSITIVE_PII } from '../provenance/pii/index.js'
import type { PiiMode, RecordFactsResult, TokenCandidate, TokenMode } from '../provenance/record-facts.js'

/** 1 MiB reads: measured 58 % faster hashing than Node's 64 KiB stream default. */
const CHUNK = 1 << 20

let onBytesRead: (bytes: number) => void = () => {}

/** Where this thread reports bytes as it reads them: progress display only. */
export function reportBytesRead(listener: (bytes: number) => void): void {
  onBytesRead = listener
}

let onTextSeen: () => void = () => {}

/**
 * Where this thread says, as soon as a file's format is known, that it holds text records: the
 * token estimate's encoder then starts loading while that file is still being read.
 */
export function reportTextSeen(listener: () => void): void {
  onTextSeen = listener
}


export interface ScanFileOptions {
  deep: boolean
  sampleSize: number
  pii: PiiMode
  tokens: TokenMode
  /** the token sample's size scale as far as the scan knows it (see tokenScale) */
  tokenScale: number
  /** tdgov.yaml's content_fields, per source that names them (first matching source wins, as everywhere) */
  contentFields?: ContentFieldRule[]
  /** how far the readers go into a file (the defaults when absent) */
  limits?: ReadLimits
}

export interface ContentFieldRule {
  /** the source's paths globs */
  paths: string[]
  /** its content_fields; null for a source that names none (its files take the defaults) */
  fields: string[] | null
}

let contentFieldMatcher: { rules: ContentFieldRule[]; match: (relPath: string) => string[] | null } | null = null

/** The content fields declared for a file, matching sources in declaration order. */
function declaredContentFields(relPath: string, rules: ContentFieldRule[] | undefined): string[] | null {
  if (!rules || rules.every((rule) => rule.fields === null)) return null
  if (contentFieldMatcher?.rules !== rules) {
    const matchers = rules.map((rule) => ({ test: picomatch(rule.paths.map((g) => (g.startsWith('./') ? g.slice(2) : g)), { dot: true }), fields: rule.fields }))
    contentFieldMatcher = {
      rules,
      match: (path) => {
        for (const m of matchers) if (m.test(path)) return m.fields
        return null
      },
    }
  }
  return contentFieldMatcher.match(relPath)
}

/** What one file costs to learn: its entry and what travels beside it, or why it could not be read at all. */
export type FileOutcome = { entry: FileEntry; key: CacheKey; extras: FileExtras } | { unreadable: string }

/** Facts that are not part of the manifest entry but that the scan's totals need. */
export interface FileExtras {
  /** distinct normalised-text keys of the analysed records, for duplicates across files */
  duplicateKeys: number[]
  /** the file's part of the dataset-wide duplicate sample; null when its records were not all offered */
  duplicateSample: FileFacts['duplicateSample']
  /** the text the file offers the token estimate (processFile keeps it when the file is drawn) */
  tokenCandidates: TokenCandidate[]
  /** the records that text was drawn from, when not the entry's `records` (FileFacts.tokenRecords) */
  tokenRecords?: number
}

/**
 * Reads a file exactly once: every chunk goes to the SHA-256 and, decompressed when needed, to the
 * format's analyzer, so hash, record count and schema come out of the same pass.
 */
export async function scanFile(absPath: FsPath, relPath: string, options: ScanFileOptions): Promise<FileOutcome> {
  let fd: number
  try {
    fd = openSync(absPath, 'r')
  } catch (error) {
    return absentAnnexContent(absPath, relPath) ?? { unreadable: reasonOf(error) }
  }
  try {
    // Size and mtime as they were before the read: the cache key for what this pass saw.
    const stats = fstatSync(fd)
    const key = { size: stats.size, mtimeMs: stats.mtimeMs }
    return { ...(await scanOpenFile(fd, key.size, stringPathOf(absPath, fd), relPath, options)), key }
  } catch (error) {
    if (isIoError(error)) return { unreadable: reasonOf(error) }
    throw error
  } finally {
    closeSync(fd)
  }
}

async function scanOpenFile(
  fd: number,
  size: number,
  absPath: string,
  relPath: string,
  options: ScanFileOptions,
): Promise<{ entry: FileEntry; extras: FileExtras }> {
  // Files are scanned one at a time per thread, so the head can go into the thread's buffer.
  const first = threadReadBuffer(CHUNK)
  let bytes = readSync(fd, first, 0, CHUNK, 0)
  const head = first.subarray(0, bytes)
  const compression = detectCompression(head)
  const format = await detectFormat(compression ? await decompressHead(compression, head) : head, relPath, compression)
  // Annotation exports (COCO, Label Studio, …): their adapters read the file from disk, so not when compressed.
  const annotation = compression ? null : await sniffAnnotationExport(format.format, head, absPath, relPath)
  if (annotation) format.annotation = annotation
  if (options.tokens === 'estimate' && RECORD_FORMATS.has(format.format)) onTextSeen()
  const ctx: AnalyzerContext = {
    absPath,
    relPath,
    bytes: size,
    compression,
    deep: options.deep,
    sampleSize: options.sampleSize,
    pii: options.pii,
    tokens: options.tokens,
    ...(options.limits && { limits: options.limits }),
  }
  const declared = declaredContentFields(relPath, options.contentFields)
  if (declared) ctx.contentFields = declared
  const sink = worthOffloading(format, size, options) ? offloadSink(format, ctx, CHUNK, { chunks: !readsFromDisk(format.format) }) : await localSink(format, ctx, CHUNK)
  const hash = createHash('sha256')
  hash.update(head)
  onBytesRead(bytes)
  await sink.submit(first, bytes)
  // A short read means the end of the file, as far as this pass is concerned.
  for (let n = head.length; n === CHUNK; ) {
    await yieldNowAndThen()
    const buffer = await sink.acquire()
    n = readSync(fd, buffer, 0, CHUNK, bytes)
    if (n === 0) break
    bytes += n
    onBytesRead(n)
    hash.update(buffer.subarray(0, n))
    await sink.submit(buffer, n)
  }
  const { analysis, failure, limited, stopped } = await sink.finish()
  const findings: FindingDraft[] = []
  if (stopped) findings.push({ code: 'ANALYSIS_STOPPED', args: { ...stopped } })
  if (bytes !== size) findings.push({ code: 'FILE_CHANGED_DURING_SCAN', args: { expected: size, actual: bytes } })
  if (failure) findings.push({ code: 'COMPRESSED_CORRUPT', offset: failure.offset, args: { codec: compression!, reason: failure.reason } })
  if (limited) findings.push({ code: 'DECOMPRESSION_LIMIT', offset: limited.bytes, args: { codec: compression!, bytes: limited.bytes, reason: limited.reason } })
  if (format.encoding) findings.push({ code: 'ENCODING_NOT_UTF8', args: { encoding: format.encoding } })
  if (format.binaryAt) findings.push(looksBinaryFinding(format, format.binaryAt))
  const sensitive = sensitiveFinding(analysis.facts?.pii ?? null)
  if (sensitive) findings.push(sensitive)
  const facts = analysis.facts
  const exact = facts?.exactTokens ?? null
  const entry = toEntry(relPath, bytes, hash.digest('hex'), format, analysis, exact, [...findings, ...analysis.findings.map(withoutEngineReason).map(withFieldNamesShown)])
  const extras: FileExtras = {
    duplicateKeys: facts?.duplicateKeys ?? [],
    duplicateSample: facts?.duplicateSample ?? null,
    tokenCandidates: options.tokens === 'estimate' ? (facts?.tokenCandidates ?? []) : [],
  }
  if (analysis.tokenRecords !== undefined) extras.tokenRecords = analysis.tokenRecords
  return { entry, extras }
}

function looksBinaryFinding(format: DetectedFormat, at: NonNullable<DetectedFormat['binaryAt']>): FindingDraft {
  const readAs = TEXT_FORMATS.has(format.format) || format.format === 'document' ? 'text' : 'binary'
  return { code: 'CONTENT_LOOKS_BINARY', args: { claimed: at.claimed, offset: at.offset, recordedAs: format.format, readAs } }
}

/**
 * A git-annex link whose content was not fetched points at nothing: its entry is the link itself
 * (its target's bytes and their SHA-256, as git stores a link), with no records. Null for any
 * other file that cannot be opened.
 */
function absentAnnexContent(absPath: FsPath, relPath: string): FileOutcome | null {
  const target = annexLinkTarget(absPath)
  const key = target === null ? null : linkStat(absPath)
  if (target === null || key === null) return null
  const bytes = Buffer.from(target)
  const format: DetectedFormat = { format: 'annex-link', compression: null, modality: 'other' }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const entry = toEntry(relPath, bytes.length, sha256, format, { findings: [] }, null, [annexNotPresent(annexKeyOf(target))])
  return { entry, key, extras: { duplicateKeys: [], duplicateSample: null, tokenCandidates: [] } }
}

/**
 * The last guard before the manifest: a reader's reason that carries a message of the JavaScript
 * engine (a library tripping over malformed data: "Cannot destructure property 'type' of …")
 * keeps the reader's own words and says the structure could not be decoded instead.
 */
export function withoutEngineReason(draft: FindingDraft): FindingDraft {
  const reason = draft.args?.reason
  if (typeof reason !== 'string') return draft
  const clean = withoutEngineMessage(reason)
  return clean === reason ? draft : { ...draft, args: { ...draft.args, reason: clean } }
}

function sensitiveFinding(pii: RecordFactsResult['pii']): FindingDraft | null {
  if (!pii) return null
  const types = describeCounts(pii.counts, (t) => SENSITIVE_PII.has(t))
  return types === '' ? null : { code: 'PII_SENSITIVE', args: { types } }
}

function toEntry(
  relPath: string,
  bytes: number,
  sha256: string,
  format: DetectedFormat,
  analysis: ContentAnalysis,
  exactTokens: number | null,
  drafts: FindingDraft[],
): FileEntry {
  const content = analysis.facts?.content
  const pii = analysis.facts?.pii
  // The estimate scales its sample to the content's size: the file's own, unless compressed, not
  // UTF-8, or encoded in columns (Parquet, Arrow: the rows' size as JSON text, which their analyzers estimate).
  const contentBytes = (format.compression || format.encoding || COLUMNAR_FORMATS.has(format.format)) && analysis.facts ? analysis.facts.contentBytes : undefined
  // Keys in manifest order; optional ones only when known.
  return {
    path: relPath,
    bytes,
    sha256,
    format: format.format,
    compression: format.compression,
    ...(format.encoding && { encoding: format.encoding }),
    modality: analysis.annotation ? 'annotation' : format.modality,
    ...(analysis.records !== undefined && { records: analysis.records }),
    ...(analysis.schema && { schema: canonicalSchema(analysis.schema) }),
    ...(analysis.media && { media: canonicalMedia(analysis.media) }),
    ...(analysis.annotation && { annotation: canonicalAnnotation(analysis.annotation) }),
    ...(content && {
      content: {
        ...content,
        ...(content.fields && { fields: content.fields.map(shownFieldName) }),
        ...(contentBytes !== undefined && { contentBytes }),
        ...(exactTokens !== null && { tokens: { exact: exactTokens } }),
      },
    }),
    ...(pii && { pii: compactPii(pii) }),
    ...(analysis.licence && { licence: analysis.licence }),
    findings: drafts.map((draft) => toFinding(relPath, draft)),
  }
}

/** Files with nothing found say only how many records were searched. */
function compactPii(pii: NonNullable<RecordFactsResult['pii']>): PiiFacts {
  if (countOf(pii.counts) === 0) return { records: pii.records }
  return { records: pii.records, densityPer10k: densityPer10k(pii.counts, pii.records), counts: pii.counts, examples: pii.examples }
}

function canonicalSchema(schema: RecordSchema): RecordSchema {
  return {
    fields: shownSchemaNames(schema.fields).map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.nulls !== undefined && { nulls: f.nulls }),
      ...(f.empty !== undefined && { empty: f.empty }),
    })),
    ...(schema.sampledRecords !== undefined && { sampledRecords: schema.sampledRecords }),
  }
}

function canonicalAnnotation(facts: AnnotationFacts): AnnotationFacts {
  const { format, items, annotations, labels, annotators, modalities } = facts
  const byModality = modalities && Object.fromEntries((['text', 'image', 'audio', 'video'] as const).flatMap((m) => (modalities[m] ? [[m, modalities[m]]] : [])))
  return { format, items, annotations, labels, ...(annotators !== undefined && { annotators }), ...(byModality && { modalities: byModality }) }
}

function canonicalMedia(media: MediaInfo): MediaInfo {
  return {
    ...(media.width !== undefined && { width: media.width }),
    ...(media.height !== undefined && { height: media.height }),
    ...(media.durationSeconds !== undefined && { durationSeconds: media.durationSeconds }),
  }
}

/**
 * A second thread pays off where analysis costs about as much as hashing: formats parsed byte by
 * byte (CSV, JSON), pure-JS zstd decoding, and JSON Lines and text now that every record's
 * content is keyed for the dataset-wide duplicate sample (which made in-thread JSON Lines about
 * 0.5 µs a line slower than the hand-over costs).
 */
function worthOffloading(format: DetectedFormat, size: number, options: ScanFileOptions): boolean {
  if (!workersAvailable()) return false
  // decoded by a library that a damaged file can keep busy without end: on a thread the scan can stop
  if (analysedOnGuardedThread(format.format)) return true
  if (size < OFFLOAD_MIN_BYTES) return false
  return format.compression === 'zstd' || parsedOnSecondThread(format.format, options.deep || options.pii === 'full')
}

/** A failed system call on the file (EIO, EACCES, …): a finding. Anything else is a bug. */
function isIoError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string'
}

function reasonOf(error: unknown): string {
  return describeSystemError(error, 'the operating system refused the read')
}
