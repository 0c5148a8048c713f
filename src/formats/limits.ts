import { DEFAULT_MAX_JSON_DEPTH } from '../util/json-depth.js'

/**
 * How far the readers go into one file before they stop and say so with a finding. Every limit
 * bounds memory or time that a hostile or broken file could otherwise make unbounded; the hash,
 * the size and the line (or record) count are never cut short by them. Defaults fit a scan of
 * 2 cores in 300 MB.
 */
export interface ReadLimits {
  /** longest line or record held in memory to be parsed, in bytes (RECORD_TOO_LONG) */
  maxRecordBytes: number
  /** deepest nesting of arrays and objects in a JSON document or record (NESTING_TOO_DEEP) */
  maxDepth: number
  /** decompressed bytes read from one compressed file; 0 for no limit (DECOMPRESSION_LIMIT) */
  maxDecompressedBytes: number
  /** decompressed bytes per compressed byte, checked past the first RATIO_GRACE_BYTES (DECOMPRESSION_LIMIT) */
  maxDecompressionRatio: number
  /** distinct fields recorded in one file's schema (FIELDS_CAPPED) */
  maxFields: number
  /**
   * longest a file's analysis may keep its reading waiting without advancing, in seconds, where it
   * runs on an analysis thread (ANALYSIS_STOPPED); the hash and size always finish
   */
  maxAnalysisSeconds: number
  /**
   * heap of a file's analysis thread, in MiB; 0 for V8's own limit (ANALYSIS_STOPPED beyond). The
   * readers' work is bounded without --deep, so this only makes V8 collect in time
   */
  maxAnalysisMemoryMiB: number
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = {
  // A record is held as bytes, as a string, parsed, its text extracted and tokenised: measured,
  // one 8 MB JSON Lines record peaks at 267 MB RSS for the whole scan, one of 15.5 MB at 348 MB.
  maxRecordBytes: 8 * 1024 * 1024,
  maxDepth: DEFAULT_MAX_JSON_DEPTH,
  maxDecompressedBytes: 0,
  // Text and JSON compress 3–20 times; a deflate bomb about 1,000 times, a zstd bomb far more.
  // 100 is Apache POI's limit for zip entries (ZipSecureFile's minimum inflate ratio of 0.01).
  maxDecompressionRatio: 100,
  maxFields: 10_000,
  // Analyzers that advance tell so at least every few seconds on a loaded 2-core machine (a chunk
  // consumed, a Parquet row group decoded); a minute of silence is a decoder that will not return.
  maxAnalysisSeconds: 60,
  // Measured: a 1.1 GB COCO export (7M annotations) peaks at 291 MB for the whole scan with 160 and
  // 327–356 MB without a limit, the garbage of its parsed elements left to grow; the 1 GB JSON
  // Lines bench file, the 2M-row Parquet file and --pii full run as before under it. --deep keeps
  // every record's duplicate key, which grows with the file: there the default is no limit.
  maxAnalysisMemoryMiB: 160,
}

/**
 * Small files may compress far better than the ratio limit (a megabyte of one repeated byte) and
 * cost nothing to read: the ratio is judged only past this much output.
 */
export const RATIO_GRACE_BYTES = 64 * 1024 * 1024

/** The limits an analyzer works under: the scan's, or the defaults for readers used elsewhere. */
export function limitsOf(ctx: { limits?: ReadLimits }): ReadLimits {
  return ctx.limits ?? DEFAULT_LIMITS
}
