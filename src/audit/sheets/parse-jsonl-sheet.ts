import { UserError } from '../../util/errors.js'
import { decodeUtf8 } from './decode-utf8.js'
import { tidyCell } from './sheet-table.js'
import { SHEET_COLUMNS, type ReadRow, type SheetRow } from './sheet-row.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, type SheetLimits } from './sheet-limits.js'

/**
 * Reads a review sheet saved as JSON Lines: one object per line with the ten columns as keys
 * (extra keys ignored). Row numbers are line numbers; blank lines and lines whose ten values are
 * all empty are skipped. Numbers and booleans become their text, null an empty cell. Cells are
 * not passed through restoreCell, because the JSONL writer does not neutralise them.
 */
export function parseJsonlSheet(file: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): ReadRow[] {
  const rows: ReadRow[] = []
  const lines = decodeUtf8(file, bytes, 'save the sheet with UTF-8 encoding').split('\n')
  checkRowCount(file, lines.filter((line) => line.trim() !== '').length, limits)
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    const lineNumber = index + 1
    if (line.length > limits.maxRowBytes) throw new UserError(`${file}: line ${lineNumber}: longer than a review sheet row may be (1 MiB)`)
    const object = parseObject(line)
    if (object === null) throw new UserError(`${file}: line ${lineNumber}: expected a JSON object`)
    const cells = {} as SheetRow
    for (const column of SHEET_COLUMNS) {
      if (!Object.hasOwn(object, column)) throw new UserError(`${file}: line ${lineNumber}: missing key "${column}"`)
      const value = cellOf(object[column])
      if (value === null) throw new UserError(`${file}: line ${lineNumber}: "${column}" is ${describe(object[column])}; expected text`)
      cells[column] = tidyCell(column, value, false)
    }
    if (SHEET_COLUMNS.every((column) => cells[column].trim() === '')) return
    rows.push({ row: lineNumber, cells })
  })
  return rows
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
