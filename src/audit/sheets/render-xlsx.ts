import ExcelJS from 'exceljs'
import { InternalError } from '../../util/errors.js'
import { neutraliseCell } from './neutralise.js'
import { pinZipTimes } from './pin-zip-times.js'
import { SHEET_COLUMNS, type SheetColumn, type SheetRow } from './sheet-row.js'
import { encodeXlsxText } from './xlsx-text.js'

/** The worksheet tdgov writes and, when present, reads back. */
export const REVIEW_WORKSHEET = 'review'

/** Column widths in characters: the preview is what the reviewer reads, so it gets the room. */
const WIDTHS: Readonly<Record<SheetColumn, number>> = {
  audit_id: 14,
  item_id: 18,
  annotator: 14,
  label: 18,
  preview: 60,
  verdict: 12,
  corrected_label: 18,
  error_type: 16,
  reviewer: 14,
  note: 40,
}

/** Columns tdgov fills in; shaded so the reviewer sees which ones are theirs to edit. */
const TDGOV_COLUMNS: ReadonlySet<SheetColumn> = new Set(['audit_id', 'item_id', 'annotator', 'label', 'preview'])
const TDGOV_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } }
/** Excel's limit on the text of a list validation's formula. */
const MAX_LIST_FORMULA = 255

export interface RenderXlsxOptions {
  /** the values the verdict drop-down offers */
  verdicts: readonly string[]
  /** stamped as the workbook's created/modified date and on every zip entry */
  createdAt: Date
}

/**
 * The review sheet as an xlsx workbook: one worksheet named "review", a bold frozen header, a
 * verdict drop-down on every data row, tdgov's columns shaded. Every cell is a string value,
 * never a formula, and is neutralised as in CSV as a second line of defence (the apostrophe shows,
 * but readSheet removes it again). With the same rows and createdAt the bytes are the same.
 */
export async function renderXlsx(rows: readonly SheetRow[], options: RenderXlsxOptions): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'tdgov'
  workbook.lastModifiedBy = 'tdgov'
  workbook.created = options.createdAt
  workbook.modified = options.createdAt

  const sheet = workbook.addWorksheet(REVIEW_WORKSHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
  sheet.columns = SHEET_COLUMNS.map((column) => ({ key: column, width: WIDTHS[column] }))
  const header = sheet.getRow(1)
  SHEET_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1)
    cell.value = column
    cell.font = { bold: true }
    if (TDGOV_COLUMNS.has(column)) cell.fill = TDGOV_FILL
  })
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SHEET_COLUMNS.length } }

  const verdictValidation = verdictDropDown(options.verdicts)
  rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(index + 2)
    SHEET_COLUMNS.forEach((column, columnIndex) => {
      const cell = sheetRow.getCell(columnIndex + 1)
      cell.value = encodeXlsxText(neutraliseCell(row[column]))
      cell.alignment = { vertical: 'top', wrapText: column === 'preview' || column === 'note' }
      if (TDGOV_COLUMNS.has(column)) cell.fill = TDGOV_FILL
      if (column === 'verdict') cell.dataValidation = verdictValidation
    })
  })

  const zip = new Uint8Array(await workbook.xlsx.writeBuffer())
  return pinZipTimes(zip, options.createdAt)
}

/** A list validation: Excel shows a drop-down and refuses anything else (blank is allowed). */
function verdictDropDown(verdicts: readonly string[]): ExcelJS.DataValidation {
  // The list is a quoted, comma-separated literal, so a verdict cannot hold a comma or a quote.
  if (verdicts.length === 0 || verdicts.some((verdict) => verdict === '' || /[",]/.test(verdict))) {
    throw new InternalError(`verdicts ${JSON.stringify(verdicts)} cannot make an xlsx drop-down list`)
  }
  const formula = `"${verdicts.join(',')}"`
  if (formula.length > MAX_LIST_FORMULA) throw new InternalError(`verdict list longer than Excel's ${MAX_LIST_FORMULA} characters`)
  const choices = verdicts.join(', ')
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Not a verdict',
    error: `Choose one of: ${choices} (or leave the cell empty).`,
    showInputMessage: true,
    promptTitle: 'Verdict',
    prompt: `Choose ${choices}.`,
  }
}
