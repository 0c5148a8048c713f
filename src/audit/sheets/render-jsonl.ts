import { SHEET_COLUMNS, type SheetRow } from './sheet-row.js'

/**
 * The review sheet as JSON Lines: one object per row, keys in column order, `\n` line ends, no
 * BOM. Cells are written as they are, not neutralised: JSONL is for scripts and tools, which
 * would otherwise see (and have to know to strip) the apostrophe, and no spreadsheet evaluates a
 * JSON string as a formula. JSON.stringify escapes every control character, so values round-trip.
 */
export function renderJsonl(rows: readonly SheetRow[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(SHEET_COLUMNS.map((column) => [column, row[column]]))) + '\n').join('')
}
