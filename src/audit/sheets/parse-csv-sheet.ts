import { CsvError, parse } from 'csv-parse/sync'
import { UserError } from '../../util/errors.js'
import { decodeUtf8 } from './decode-utf8.js'
import { findColumns, readRecord } from './sheet-table.js'
import type { ReadRow } from './sheet-row.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, type SheetLimits } from './sheet-limits.js'

/** Delimiters a spreadsheet saves with: comma, semicolon (Excel where the decimal mark is a comma), tab. */
const DELIMITERS = [',', ';', '\t'] as const

/**
 * Reads a review sheet saved as CSV: UTF-8 with or without a BOM, comma, semicolon or tab
 * delimited (sniffed from the header line), CRLF or LF, newlines inside quoted cells. Row
 * numbers count records, as a spreadsheet shows them (header = 1), so a cell holding a newline
 * does not shift the rows after it.
 */
export function parseCsvSheet(file: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): ReadRow[] {
  const text = decodeUtf8(file, bytes, 'save the sheet as "CSV UTF-8"')
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      // Excel leaves trailing empty cells out of some rows; a missing cell is an empty one.
      relax_column_count: true,
      // A stray quote inside an unquoted cell (5" screen) is kept as typed, not an error.
      relax_quotes: true,
      // An unclosed quote would otherwise swallow the rest of the file into one cell.
      max_record_size: limits.maxRowBytes,
      // Header, the rows allowed, and one more to know there were more; the rest is not parsed.
      ...(limits.maxRows !== null && { to: limits.maxRows + 2 }),
    })
  } catch (error) {
    if (error instanceof CsvError) {
      const row = typeof error.records === 'number' ? error.records + 1 : 1
      throw new UserError(`${file}: row ${row}: expected well-formed CSV (${describeCsvError(error.code)})`)
    }
    throw error
  }
  checkRowCount(file, records.length - 1, limits)
  const header = records[0]
  if (header === undefined) throw new UserError(`${file}: row 1: expected a header row; the file is empty`)
  const positions = findColumns(file, header)
  const rows: ReadRow[] = []
  records.forEach((record, index) => {
    if (index === 0) return
    const read = readRecord(record, positions, index + 1, true)
    if (read !== null) rows.push(read)
  })
  return rows
}

/** csv-parse's error codes in tdgov's words; its messages are not repeated (they change between versions). */
const CSV_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed; expected a closing double quote',
  CSV_INVALID_CLOSING_QUOTE: 'a closing double quote is followed by other characters; expected a delimiter or the end of the line',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing double quote is followed by other characters; expected a delimiter or the end of the line',
  CSV_MAX_RECORD_SIZE: 'a row is larger than a review sheet row may be (1 MiB), as an unclosed quote makes it',
}

export function describeCsvError(code: string): string {
  return Object.hasOwn(CSV_ERRORS, code) ? CSV_ERRORS[code]! : 'the rows could not be split into cells'
}

/**
 * The delimiter the header line uses most often outside quotes; comma when it has none (a
 * one-column file, which findColumns then rejects with a useful message).
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]))
  let inQuotes = false
  for (const character of text) {
    if (character === '"') inQuotes = !inQuotes
    else if (!inQuotes && (character === '\n' || character === '\r')) break
    else if (!inQuotes && counts.has(character)) counts.set(character, counts.get(character)! + 1)
  }
  let best: string = DELIMITERS[0]
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter
  return best
}
