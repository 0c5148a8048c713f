import { createFileAtomic, writeFileAtomic } from '../../util/atomic-write.js'
import { UserError } from '../../util/errors.js'
import { renderCsv } from './render-csv.js'
import { renderJsonl } from './render-jsonl.js'
import { sheetFormatOf } from './sheet-format.js'
import type { SheetFormat, SheetRow } from './sheet-row.js'

export { sheetFormatOf } from './sheet-format.js'

export interface WriteSheetOptions {
  /** the verdicts a reviewer may choose (ANNOTATION_VERDICTS or CONTENT_VERDICTS); the xlsx drop-down offers them */
  verdicts: readonly string[]
  /** replace an existing sheet; without it an existing file is a UserError and stays untouched */
  force: boolean
  /** the project, when the sheet goes inside it: no link on the way is followed (atomic-write.ts) */
  within?: string
  /**
   * xlsx only: the workbook's created/modified date and the zip entries' time stamps. Defaults to
   * the Unix epoch, so the same rows give the same bytes; pass the audit's own date to show it.
   */
  createdAt?: Date
}

/**
 * Writes the review sheet in the format the file name asks for (.csv, .jsonl or .xlsx). The file
 * appears complete or not at all. Without `force` an existing file is never replaced, even one
 * that appears while the sheet is being written.
 */
export async function writeSheet(file: string, rows: readonly SheetRow[], options: WriteSheetOptions): Promise<void> {
  const data = await renderSheet(sheetFormatOf(file), rows, options)
  try {
    const where = options.within === undefined ? {} : { within: options.within }
    if (options.force) writeFileAtomic(file, data, where)
    else createFileAtomic(file, data, where)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new UserError(`${file} already exists; pass --force to replace it`)
    if (code !== undefined) throw new UserError(`${file}: cannot write the sheet (${code})`)
    throw error
  }
}

async function renderSheet(format: SheetFormat, rows: readonly SheetRow[], options: WriteSheetOptions): Promise<string | Uint8Array> {
  switch (format) {
    case 'csv':
      return renderCsv(rows)
    case 'jsonl':
      return renderJsonl(rows)
    case 'xlsx': {
      // exceljs takes about 300 ms to load, so only sheets that need it pay for it.
      const { renderXlsx } = await import('./render-xlsx.js')
      return renderXlsx(rows, { verdicts: options.verdicts, createdAt: options.createdAt ?? new Date(0) })
    }
  }
}
