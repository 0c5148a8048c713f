import ExcelJS from 'exceljs'
import { UserError } from '../../util/errors.js'
import { STRUCTURE_UNDECODED } from '../../util/library-error.js'
import { cellText } from './cell-text.js'
import { REVIEW_WORKSHEET } from './render-xlsx.js'
import { findColumns, readRecord } from './sheet-table.js'
import type { ReadRow } from './sheet-row.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, limitsAfterFirst, tooLarge, type SheetLimits } from './sheet-limits.js'
import { zipUnpackedSize } from './zip-unpacked-size.js'

/**
 * Reads a review sheet saved as xlsx: the worksheet named "review" (or else the first), header
 * in row 1, row numbers as Excel shows them. Cells become text with cellText, so a number or a
 * date a reviewer typed reads as they see it; `_xHHHH_` escapes are decoded by exceljs.
 */
export async function parseXlsxSheet(file: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  // exceljs unpacks and parses every part at once; a small zip can unpack to gigabytes.
  const unpacked = zipUnpackedSize(bytes)
  if (unpacked !== null && unpacked > limits.maxBytes) throw tooLarge(file, 'unpacks to', unpacked, limits.maxBytes)
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs declares its own Buffer (an ArrayBuffer); JSZip takes an ArrayBuffer as well.
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
  } catch (error) {
    throw new UserError(`${file}: expected an xlsx workbook, but it cannot be opened (${describeXlsxError(error)})`)
  }
  const sheet = workbook.getWorksheet(REVIEW_WORKSHEET) ?? workbook.worksheets[0]
  if (sheet === undefined) throw new UserError(`${file}: expected a worksheet named "${REVIEW_WORKSHEET}"; the workbook has none`)

  checkRowCount(file, Math.max(0, sheet.actualRowCount - 1), limits)
  let active = limits
  const width = sheet.getRow(1).cellCount
  const textOf = (row: ExcelJS.Row): string[] => Array.from({ length: width }, (_, index) => cellText(row.getCell(index + 1).value))
  const positions = findColumns(file, textOf(sheet.getRow(1)))
  const rows: ReadRow[] = []
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return
    const read = readRecord(textOf(row), positions, rowNumber, true)
    if (read === null) return
    if (rows.length === 0) active = limitsAfterFirst(limits, read)
    rows.push(read)
  })
  checkRowCount(file, Math.max(0, sheet.actualRowCount - 1), active)
  return rows
}

/**
 * Why exceljs (and JSZip under it) could not open a workbook, in tdgov's words: their messages
 * are not repeated (one links a web page, another starts "Bug :").
 */
export function describeXlsxError(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (/central directory|End of data reached|Corrupted zip|is this a zip file|signature/i.test(message)) {
    return 'not a zip archive, or a damaged one; an xlsx workbook is a zip archive'
  }
  if (/size mismatch|crc32|invalid (distance|code|block|stored)|unexpected end/i.test(message)) {
    return 'a part of the workbook is damaged; its compressed data does not decode'
  }
  return STRUCTURE_UNDECODED
}
