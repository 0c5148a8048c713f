import { readFile, stat } from 'node:fs/promises'
import { UserError } from '../../util/errors.js'
import { DEFAULT_SHEET_LIMITS, tooLarge, type SheetLimits } from './sheet-limits.js'
import { parseCsvSheet } from './parse-csv-sheet.js'
import { parseJsonlSheet } from './parse-jsonl-sheet.js'
import { parseLabelStudioExport } from './parse-label-studio-export.js'
import { sheetFormatToRead } from './sheet-format.js'
import type { ReadRow } from './sheet-row.js'
import { sheetChunks } from './sheet-stream.js'

/**
 * Reads a review sheet back, in the format its extension names (.csv, .jsonl, .xlsx; any .json is
 * a Label Studio export, parse-label-studio-export.ts). The header may list the columns in any
 * order and add others; blank rows are skipped; each row carries the number a spreadsheet (or,
 * for JSONL, an editor) shows for it. Cells are exact text
 * except verdict, corrected_label, error_type and reviewer, which are trimmed. Unreadable or
 * malformed input is a UserError naming the file and the row, and so is a sheet past `limits`
 * (checked on its size before it is read, then on its rows).
 */
export async function readSheet(file: string, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  const format = sheetFormatToRead(file)
  const read = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== undefined && !(error instanceof UserError)) throw new UserError(`${file}: cannot read the sheet (${code})`)
      throw error
    }
  }
  const { size } = await read(() => stat(file))
  if (size > limits.maxBytes) throw tooLarge(file, 'is', size, limits.maxBytes)
  switch (format) {
    // CSV and JSONL are read as they are parsed (sheet-stream.ts)
    case 'csv':
      return parseCsvSheet(file, sheetChunks(file), limits)
    case 'jsonl':
      return parseJsonlSheet(file, sheetChunks(file), limits)
    case 'xlsx': {
      // The xlsx reader (fflate, saxes) is loaded only for xlsx sheets.
      const bytes = await read(() => readFile(file))
      const { parseXlsxSheet } = await import('./parse-xlsx-sheet.js')
      return parseXlsxSheet(file, bytes, limits)
    }
    case 'label-studio':
      // the review project's JSON export, or the import file itself (nothing reviewed yet)
      return parseLabelStudioExport(file, limits)
  }
}
