import { UserError } from '../../util/errors.js'
import { formatBytes } from '../../util/format-bytes.js'
import type { ReadRow } from './sheet-row.js'

/**
 * How much of a review sheet is read. A sheet is the sample (at most a few thousand rows of a few
 * hundred characters each), so anything far larger is not a filled-in sheet, and reading it whole
 * (as csv-parse, JSON and an unzipped workbook do) would take memory in proportion: a 300 MB file took over 1 GB.
 */
export interface SheetLimits {
  /** the file's size on disk; an xlsx workbook also has its parts' unpacked sizes checked against it */
  maxBytes: number
  /** one row (CSV record, JSONL line) */
  maxRowBytes: number
  /** data rows; the record's sample size plus a margin, when the record is known before the sheet */
  maxRows: number | null
  /**
   * when maxRows is null: the limit once the first filled row is read (the record its audit_id
   * names), so that a sheet given without --record is not read whole either
   */
  rowsAfterFirst?: (first: ReadRow) => number
}

/** The limits to read the rest of a sheet with, once its first filled row is known. */
export function limitsAfterFirst(limits: SheetLimits, first: ReadRow): SheetLimits {
  return limits.maxRows === null && limits.rowsAfterFirst ? { ...limits, maxRows: limits.rowsAfterFirst(first) } : limits
}

/** 64 MiB: a 10,000-row sheet with 4 KiB per row is 40 MiB. */
export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxBytes: 64 * 1024 * 1024, maxRowBytes: 1024 * 1024, maxRows: null }

/** Rows a sheet may hold beyond its sample: blank rows are skipped, and a reviewer may add a note row or two. */
export function rowsAllowed(sampleSize: number): number {
  return sampleSize + Math.max(100, Math.ceil(sampleSize / 10))
}

export function checkRowCount(file: string, rows: number, limits: SheetLimits): void {
  if (limits.maxRows !== null && rows > limits.maxRows) {
    throw new UserError(`${file}: more than ${limits.maxRows} rows; expected the rows of the audit's sample (and at most a few more)`)
  }
}

/** A row limit as the messages give it: "1 MiB", or a count of bytes. */
export function rowLimitText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`
}

/** `subject`: "is", "unpacks to". */
export function tooLarge(file: string, subject: string, size: number, limit: number): UserError {
  return new UserError(`${file}: ${subject} ${formatBytes(size)}, more than the ${formatBytes(limit)} a review sheet may have; pass --max-sheet-bytes N to read it anyway`)
}
