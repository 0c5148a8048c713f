import path from 'node:path'
import { UserError } from '../../util/errors.js'
import type { SheetFormat } from './sheet-row.js'

const FORMAT_BY_EXTENSION: Readonly<Record<string, SheetFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.xlsx': 'xlsx',
}

/** Label Studio import tasks: a double extension, as a plain `.json` says nothing about its layout. */
const LABEL_STUDIO_SUFFIX = '.label-studio.json'

/**
 * The sheet format a file name asks for, from its extension (case-insensitive, so REVIEW.CSV
 * from a Windows share works); anything else is a UserError naming the file.
 */
export function sheetFormatOf(file: string): SheetFormat {
  if (file.toLowerCase().endsWith(LABEL_STUDIO_SUFFIX)) return 'label-studio'
  const format = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()]
  if (format === undefined) throw new UserError(`${file}: expected a sheet ending in .csv, .jsonl, .xlsx or .label-studio.json`)
  return format
}

/**
 * The format to read a filled-in sheet as: as sheetFormatOf, and any other `.json` is a Label
 * Studio export, which Label Studio names `project-3-at-2026-12-03-12-00-1a2b3c4d.json`.
 */
export function sheetFormatToRead(file: string): SheetFormat {
  return path.extname(file).toLowerCase() === '.json' ? 'label-studio' : sheetFormatOf(file)
}
