import { neutraliseCell } from './neutralise.js'
import { SHEET_COLUMNS, type SheetRow } from './sheet-row.js'
import { sheetHeaders, type SheetLanguage } from './sheet-words.js'

/** Excel only reads a CSV as UTF-8 (rather than the ANSI code page) when it starts with a BOM. */
const UTF8_BOM = '\uFEFF'
/** Excel writes CRLF; RFC 4180 asks for it too. */
const RECORD_END = '\r\n'

/**
 * The review sheet as CSV text: BOM, header row (in the sheet's language), one record per row,
 * comma-separated, CRLF line ends, RFC 4180 quoting, every data cell neutralised against formula
 * injection. The same rows always give the same text.
 */
export function renderCsv(rows: readonly SheetRow[], language: SheetLanguage = 'en'): string {
  const records = [sheetHeaders(language).join(','), ...rows.map((row) => SHEET_COLUMNS.map((column) => csvField(neutraliseCell(row[column]))).join(','))]
  return UTF8_BOM + records.map((record) => record + RECORD_END).join('')
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes inside. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
