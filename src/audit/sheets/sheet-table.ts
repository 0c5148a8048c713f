import { UserError } from '../../util/errors.js'
import { restoreCell } from './neutralise.js'
import { SHEET_COLUMNS, type ReadRow, type SheetColumn, type SheetRow } from './sheet-row.js'
import { headerNames } from './sheet-words.js'

/**
 * The reviewer's short answers, where a stray space from typing or copying would make `correct `
 * differ from `correct`. Everything else is kept exactly: item_id and audit_id must match what
 * tdgov wrote, and preview and note are free text.
 */
const TRIMMED_COLUMNS: ReadonlySet<SheetColumn> = new Set(['verdict', 'corrected_label', 'error_type', 'reviewer'])

/** Where each column sits in a record, by position. */
export type ColumnPositions = Readonly<Record<SheetColumn, number>>

/**
 * Finds the ten columns in a header row: any order, names compared trimmed and case-insensitively,
 * each column by its English key or its Chinese header (sheet-words.ts), so a sheet written in
 * either language reads the same; extra columns ignored. A missing or repeated column is a
 * UserError on row 1.
 */
export function findColumns(file: string, header: readonly string[]): ColumnPositions {
  const names = header.map((name) => name.trim().toLowerCase())
  const positions: Partial<Record<SheetColumn, number>> = {}
  const missing: string[] = []
  for (const column of SHEET_COLUMNS) {
    const accepted = headerNames(column)
    const found = names.flatMap((name, at) => (accepted.includes(name) ? [at] : []))
    if (found.length === 0) missing.push(`"${column}"`)
    else if (found.length > 1) throw new UserError(`${file}: row 1: column "${column}" appears twice; expected it once`)
    else positions[column] = found[0]!
  }
  if (missing.length > 0) throw new UserError(`${file}: row 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  return positions as ColumnPositions
}

/**
 * One record as a ReadRow, or null when it is blank: all ten columns empty or white space (what a
 * spreadsheet shows as an empty row; extra columns are ignored here as everywhere). `restore`
 * undoes the writer's neutralisation (CSV, xlsx).
 */
export function readRecord(record: readonly string[], positions: ColumnPositions, row: number, restore: boolean): ReadRow | null {
  const raw = SHEET_COLUMNS.map((column) => record[positions[column]] ?? '')
  if (raw.every((cell) => cell.trim() === '')) return null
  const cells = {} as SheetRow
  SHEET_COLUMNS.forEach((column, index) => {
    cells[column] = tidyCell(column, raw[index]!, restore)
  })
  return { row, cells }
}

/** A cell as read: neutralisation undone first (it applied to the exact text), then trimmed if the column is. */
export function tidyCell(column: SheetColumn, value: string, restore: boolean): string {
  const restored = restore ? restoreCell(value) : value
  return TRIMMED_COLUMNS.has(column) ? restored.trim() : restored
}
