import type ExcelJS from 'exceljs'

/**
 * The text of an xlsx cell value as exceljs reads it, which is what a reviewer sees in the cell:
 * rich text joined, a hyperlink's text, a formula's cached result, an error code (`#N/A`),
 * TRUE/FALSE, a number to the 15 significant digits Excel shows (so 0.1+0.2 reads 0.3), a date
 * as an ISO date (with the time when it has one). Empty cells are ''.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return isoDate(value)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  // A hyperlink's text may itself be rich text, whatever the type declarations say.
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null)
  if ('error' in value) return value.error
  return ''
}

/** Excel dates have no time zone; exceljs hands them over as UTC. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19)
}
