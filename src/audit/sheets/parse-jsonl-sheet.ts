import { UserError } from '../../util/errors.js'
import { lineOfFirstInvalidByte } from './decode-utf8.js'
import { sheetLines } from './sheet-stream.js'
import { tidyCell } from './sheet-table.js'
import { SHEET_COLUMNS, type ReadRow, type SheetRow } from './sheet-row.js'
import { headerOf } from './sheet-words.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, limitsAfterFirst, type SheetLimits } from './sheet-limits.js'

/**
 * Reads a review sheet saved as JSON Lines: one object per line with the ten columns as keys
 * (English, as tdgov writes them, or the Chinese headers; extra keys ignored). Row numbers are line numbers; blank lines and lines whose ten values are
 * all empty are skipped. Numbers and booleans become their text, null an empty cell. Cells are
 * not passed through restoreCell, because the JSONL writer does not neutralise them. The lines
 * are read one at a time, each at most `limits.maxRowBytes`, and reading stops once there are
 * more than `limits.maxRows` that are not blank (or the limit `limits.rowsAfterFirst` gives for
 * the first filled row).
 */
export async function parseJsonlSheet(file: string, chunks: AsyncIterable<Buffer>, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  const rows: ReadRow[] = []
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let filled = 0
  let active = limits
  for await (const batch of sheetLines(file, chunks, limits.maxRowBytes)) {
    for (const { line: lineNumber, bytes } of batch) {
      let line: string
      try {
        line = decoder.decode(bytes)
      } catch {
        throw new UserError(`${file}: line ${lineNumber - 1 + lineOfFirstInvalidByte(bytes)}: expected UTF-8 text; save the sheet with UTF-8 encoding`)
      }
      if (lineNumber === 1 && line.startsWith('\uFEFF')) line = line.slice(1)
      if (line.trim() === '') continue
      checkRowCount(file, ++filled, active)
      const row = readLine(file, lineNumber, line)
      if (row === null) continue
      if (rows.length === 0) active = limitsAfterFirst(limits, row)
      rows.push(row)
    }
  }
  return rows
}

/** One line that is not blank, as a row; null when its ten values are all empty. */
function readLine(file: string, lineNumber: number, line: string): ReadRow | null {
  const object = parseObject(line)
  if (object === null) throw new UserError(`${file}: line ${lineNumber}: expected a JSON object`)
  const cells = {} as SheetRow
  for (const column of SHEET_COLUMNS) {
    const key = Object.hasOwn(object, column) ? column : headerOf(column, 'zh')
    if (!Object.hasOwn(object, key)) throw new UserError(`${file}: line ${lineNumber}: missing key "${column}"`)
    const value = cellOf(object[key])
    if (value === null) throw new UserError(`${file}: line ${lineNumber}: "${key}" is ${describe(object[key])}; expected text`)
    cells[column] = tidyCell(column, value, false)
  }
  return SHEET_COLUMNS.every((column) => cells[column].trim() === '') ? null : { row: lineNumber, cells }
}

/** The line as a plain object, or null for bad JSON, arrays and scalars. */
function parseObject(line: string): Record<string, unknown> | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** A JSON value as cell text, or null for objects and arrays, which have no single text. */
function cellOf(value: unknown): string | null {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : 'an object'
}
