import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, parse } from 'csv-parse'
import { UserError } from '../../util/errors.js'
import { utf8Text } from './sheet-stream.js'
import { findColumns, readRecord } from './sheet-table.js'
import type { ReadRow } from './sheet-row.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, limitsAfterFirst, rowLimitText, type SheetLimits } from './sheet-limits.js'

/** Delimiters a spreadsheet saves with: comma, semicolon (Excel where the decimal mark is a comma), tab. */
const DELIMITERS = [',', ';', '\t'] as const

/**
 * Reads a review sheet saved as CSV: UTF-8 with or without a BOM, comma, semicolon or tab
 * delimited (sniffed from the header line), CRLF or LF, newlines inside quoted cells. Row
 * numbers count records, as a spreadsheet shows them (header = 1), so a cell holding a newline
 * does not shift the rows after it. The file is parsed as it is read (csv-parse's stream), each
 * record at most `limits.maxRowBytes`, and reading stops one record past `limits.maxRows` (or
 * the limit `limits.rowsAfterFirst` gives for the first filled row).
 */
export async function parseCsvSheet(file: string, chunks: AsyncIterable<Buffer>, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  const text = utf8Text(file, chunks, 'save the sheet as "CSV UTF-8"')
  const first = await text.next()
  const head = first.done === true ? '' : first.value
  const parser = parse({
    delimiter: sniffDelimiter(head),
    // Excel leaves trailing empty cells out of some rows; a missing cell is an empty one.
    relax_column_count: true,
    // A stray quote inside an unquoted cell (5" screen) is kept as typed, not an error.
    relax_quotes: true,
    // An unclosed quote would otherwise swallow the rest of the file into one cell.
    max_record_size: limits.maxRowBytes,
  })
  async function* all(): AsyncGenerator<string> {
    if (head !== '') yield head
    yield* text
  }
  // The parser's failures (and the decoder's) surface where its records are read, below.
  const feeding = pipeline(Readable.from(all()), parser).catch(() => undefined)
  const rows: ReadRow[] = []
  let active = limits
  let positions: ReturnType<typeof findColumns> | null = null
  let records = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      records++
      if (positions === null) {
        positions = findColumns(file, record)
        continue
      }
      // Header, the rows allowed, and one more to know there were more; the rest is not read.
      checkRowCount(file, records - 1, active)
      const read = readRecord(record, positions, records, true)
      if (read === null) continue
      if (rows.length === 0) active = limitsAfterFirst(limits, read)
      rows.push(read)
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const row = typeof error.records === 'number' ? error.records + 1 : 1
      throw new UserError(`${file}: row ${row}: expected well-formed CSV (${describeCsvError(error.code, limits.maxRowBytes)})`)
    }
    throw error
  } finally {
    parser.destroy()
    await feeding
  }
  if (positions === null) throw new UserError(`${file}: row 1: expected a header row; the file is empty`)
  return rows
}

/** csv-parse's error codes in tdgov's words; its messages are not repeated (they change between versions). */
const CSV_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed; expected a closing double quote',
  CSV_INVALID_CLOSING_QUOTE: 'a closing double quote is followed by other characters; expected a delimiter or the end of the line',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing double quote is followed by other characters; expected a delimiter or the end of the line',
}

export function describeCsvError(code: string, maxRowBytes: number = DEFAULT_SHEET_LIMITS.maxRowBytes): string {
  if (code === 'CSV_MAX_RECORD_SIZE') return `a row is larger than a review sheet row may be (${rowLimitText(maxRowBytes)}), as an unclosed quote makes it`
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
