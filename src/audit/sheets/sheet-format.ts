import path from 'node:path'
import { UserError } from '../../util/errors.js'
import type { SheetFormat } from './sheet-row.js'

const FORMAT_BY_EXTENSION: Readonly<Record<string, SheetFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.xlsx': 'xlsx',
}

/**
 * The sheet format a file name asks for, from its extension (case-insensitive, so REVIEW.CSV
 * from a Windows share works); anything else is a UserError naming the file.
 */
export function sheetFormatOf(file: string): SheetFormat {
  const format = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()]
  if (format === undefined) throw new UserError(`${file}: expected a sheet ending in .csv, .jsonl or .xlsx`)
  return format
}
