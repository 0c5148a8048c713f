import type { AnalyzerContext, ContentAnalyzer, DetectedFormat, Modality } from './types.js'

/**
 * What tdgov knows of one file format, in one place: how it is recognised, what it holds, where it
 * is parsed, and the reader that yields its records. The scan's detection and analysis, the
 * data-item audits and the manifest's format names all read these; adding a format is one
 * descriptor (in src/formats/descriptors/, listed in its index) and one fixture folder
 * (test/fixtures/formats/NAME/: files beside the facts expected of them).
 */
export interface FormatDescriptor {
  /** the manifest's `format` */
  name: string
  /** file extensions (lower case, no dot) that name it once magic bytes have said nothing */
  extensions: readonly string[]
  /** recognised from its first bytes, whatever its name */
  magic?: (head: Uint8Array) => boolean
  /** a binary container: a file with its extension but text content is not one */
  binary?: boolean
  modality: Modality
  /** holds text records: analysed for content facts, tokens and personal information */
  records: boolean
  /** its content is text (and may be in UTF-16 or GB18030) */
  text: boolean
  /**
   * whether large files are parsed on a second thread while the first reads and hashes: always,
   * only when every record is parsed (--deep, --pii full), or never
   */
  offload: 'always' | 'every-record' | 'never'
  /**
   * decoded by a library whose loops a damaged file can keep busy without end (hyparquet, Apache
   * Arrow): every file, whatever its size, is analysed on a thread the scan stops when it stands
   * still longer than --max-analysis-seconds
   */
  guarded?: true
  /** its reader reads the file from disk by position (Parquet): the bytes the scan reads for the hash need not reach it */
  readsFromDisk?: true
  /** the reader: the analyzer that is pushed the file's content and yields its facts and records */
  reader(ctx: AnalyzerContext, detected: DetectedFormat): Promise<ContentAnalyzer | null>
}
