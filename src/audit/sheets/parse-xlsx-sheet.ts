import { unzipSync } from 'fflate'
import { UserError } from '../../util/errors.js'
import { STRUCTURE_UNDECODED } from '../../util/library-error.js'
import { REVIEW_WORKSHEET } from './render-xlsx.js'
import { findColumns, readRecord, type ColumnPositions } from './sheet-table.js'
import type { ReadRow } from './sheet-row.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, limitsAfterFirst, rowLimitText, tooLarge, type SheetLimits } from './sheet-limits.js'
import { readDateStyles, readSharedStrings, readWorkbook, type XlsxParts } from './xlsx-workbook-parts.js'
import { readWorksheetRows } from './xlsx-worksheet-rows.js'
import { XlsxPartError } from './xlsx-xml-reader.js'
import { zipUnpackedSize } from './zip-unpacked-size.js'

/**
 * Reads a review sheet saved as xlsx: the worksheet named "review" (or else the first), header
 * in row 1, row numbers as Excel shows them, blank rows skipped. Cells become text with cellText,
 * so a number or a date a reviewer typed reads as they see it, and `_xHHHH_` escapes are decoded.
 * The zip is unpacked with fflate (only its XML parts) once its declared size is within
 * `limits.maxBytes`; the worksheet is streamed through saxes, each row at most
 * `limits.maxRowBytes` of text, and reading stops past `limits.maxRows` rows that are not blank.
 */
export async function parseXlsxSheet(file: string, bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  // fflate unpacks every part asked for at once; a small zip can unpack to gigabytes.
  const unpacked = zipUnpackedSize(bytes)
  if (unpacked !== null && unpacked > limits.maxBytes) throw tooLarge(file, 'unpacks to', unpacked, limits.maxBytes)
  try {
    return readRows(file, unzip(bytes), limits)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${file}: expected an xlsx workbook, but it cannot be opened (${describeXlsxError(error)})`)
  }
}

function unzip(bytes: Uint8Array): XlsxParts {
  // Images, printer settings and embedded objects are never read, so never inflated.
  return unzipSync(bytes, { filter: (entry) => /\.(xml|rels)$/i.test(entry.name) })
}

function readRows(file: string, parts: XlsxParts, limits: SheetLimits): ReadRow[] {
  const workbook = readWorkbook(parts)
  const sheet = workbook.sheets.find((candidate) => candidate.name === REVIEW_WORKSHEET) ?? workbook.sheets[0]
  if (sheet === undefined) throw new UserError(`${file}: expected a worksheet named "${REVIEW_WORKSHEET}"; the workbook has none`)
  const worksheet = parts[sheet.part]
  if (worksheet === undefined) throw new XlsxPartError(`its worksheet ${sheet.part} is missing`)
  const context = {
    sharedStrings: readSharedStrings(parts, workbook.sharedStrings),
    dateStyles: readDateStyles(parts, workbook.styles),
    date1904: workbook.date1904,
  }

  const rows: ReadRow[] = []
  let positions: ColumnPositions | null = null
  let active = limits
  let filled = 0
  readWorksheetRows(sheet.part, worksheet, context, ({ row, cells }) => {
    if (row === 1) {
      positions = findColumns(file, cells)
      return
    }
    positions ??= findColumns(file, [])
    if (cells.every((cell) => cell.trim() === '')) return
    checkRowCount(file, ++filled, active)
    if (cells.reduce((sum, cell) => sum + Buffer.byteLength(cell), 0) > limits.maxRowBytes) {
      throw new UserError(`${file}: row ${row}: larger than a review sheet row may be (${rowLimitText(limits.maxRowBytes)})`)
    }
    const read = readRecord(cells, positions, row, true)
    if (read === null) return
    if (rows.length === 0) active = limitsAfterFirst(limits, read)
    rows.push(read)
  })
  // A sheet with no rows at all still needs its header.
  if (positions === null) findColumns(file, [])
  return rows
}

/**
 * Why a workbook could not be opened, in tdgov's words: fflate's messages ("invalid zip data")
 * and saxes's are not repeated as they are; a part tdgov found wanting says which.
 */
export function describeXlsxError(error: unknown): string {
  if (error instanceof XlsxPartError) return error.message
  const message = error instanceof Error ? error.message : ''
  if (/invalid zip data|central directory|signature/i.test(message)) return 'not a zip archive, or a damaged one; an xlsx workbook is a zip archive'
  if (/unexpected EOF|invalid (block type|length\/literal|distance)|unknown compression/i.test(message)) {
    return 'a part of the workbook is damaged; its compressed data does not decode'
  }
  return STRUCTURE_UNDECODED
}
