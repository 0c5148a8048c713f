import type { FindingDraft } from '../findings/finding.js'
import type { TextEncoding } from './encoding.js'
import type { DocumentLicence } from '../provenance/index.js'
import type { AnalysedRecord, PiiMode, RecordFactsResult, TokenMode } from '../provenance/index.js'
import type { AnnotationFacts } from '../records/manifest-schema.js'
import type { AnnotationFormat } from './annotations/item.js'
import type { ReadLimits } from './limits.js'

export type Compression = 'gzip' | 'zstd'
export type Modality = 'text' | 'tabular' | 'image' | 'audio' | 'video' | 'other'

/** One column or key of a record format. `nulls` is absent when the format cannot tell. */
export interface FieldSchema {
  name: string
  /** format-native type name: JSON kinds joined with '|', Parquet/Arrow logical types, CSV inferred kinds */
  type: string
  nulls?: number
  /** values present but empty (blank strings, empty arrays and objects); absent when none or when the format cannot tell */
  empty?: number
}

export interface RecordSchema {
  fields: FieldSchema[]
  /**
   * How many records the types and null counts were read from. Absent when they describe every
   * record (Parquet/Arrow metadata, --deep scans, or files smaller than the sample).
   */
  sampledRecords?: number
}

export interface MediaInfo {
  width?: number
  height?: number
  durationSeconds?: number
}

export interface ContentAnalysis {
  records?: number
  schema?: RecordSchema
  media?: MediaInfo
  /** what the analysed records say about content, quality and personal information */
  facts?: RecordFactsResult
  /** the licence a LICENSE file, dataset card or Croissant document states */
  licence?: DocumentLicence
  /** the counts of an annotation export (see annotations/scan-annotations.ts) */
  annotation?: AnnotationFacts
  /** the records the token sample was drawn from, when `records` counts something else (an annotation export's items) */
  tokenRecords?: number
  findings: FindingDraft[]
}

export interface AnalyzerContext {
  /** absolute path, for analyzers that need random access (Parquet footer, media headers) */
  absPath: string
  /** POSIX path relative to the scan root (seeds the per-file sample) */
  relPath: string
  /** size on disk in bytes (of the compressed file, when compressed) */
  bytes: number
  compression: Compression | null
  /** analyse every record instead of a seeded sample */
  deep: boolean
  /** records parsed per file when not deep */
  sampleSize: number
  pii: PiiMode
  tokens: TokenMode
  /** tdgov.yaml's content_fields for the file's source */
  contentFields?: readonly string[]
  /** told of every analysed record: with `deep`, readers become record streams (data-item audits) */
  onRecord?: (record: AnalysedRecord) => void
  /** how far a reader goes into the file (limitsOf: the defaults when absent) */
  limits?: ReadLimits
  /**
   * told that the analysis is still advancing (on an analysis thread, this keeps the time budget
   * from stopping it), with what is already certain of the file when that would outlive a stop
   */
  onProgress?: (partial?: ContentAnalysis) => void
}

/**
 * Receives the file's content (decompressed when the file is compressed) in order, one chunk at
 * a time, during the single pass that also hashes the file. Chunks are reused by the caller after
 * `push` returns: copy whatever must outlive the call.
 */
export interface ContentAnalyzer {
  push(chunk: Uint8Array): void
  finish(): ContentAnalysis | Promise<ContentAnalysis>
}

export interface DetectedFormat {
  /** record formats: jsonl, json, csv, tsv, parquet, arrow, arrow-stream, text; media: png, jpg, wav, mp4, …; else binary */
  format: string
  compression: Compression | null
  modality: Modality
  /** the text's encoding when it is not UTF-8: its analyzer is given the content decoded to UTF-8 */
  encoding?: TextEncoding
  /** the text format the name claims and the first NUL's offset, when the head has one (CONTENT_LOOKS_BINARY) */
  binaryAt?: { claimed: string; offset: number }
  /** the annotation export format the adapters' sniffing names (see annotations/scan-annotations.ts) */
  annotation?: AnnotationFormat
}
