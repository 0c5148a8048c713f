import { existsSync } from 'node:fs'
import { createFileAtomic, writeFileAtomic } from '../../util/atomic-write.js'
import { UserError } from '../../util/errors.js'
import { renderCsv } from './render-csv.js'
import { renderJsonl } from './render-jsonl.js'
import { labelStudioConfigFile } from './label-studio-review.js'
import { renderLabelStudio } from './render-label-studio.js'
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
  /** label-studio only: the rules' label set (label choices; risk categories in content audits) */
  labels?: readonly string[]
}

/**
 * Writes the review sheet in the format the file name asks for (.csv, .jsonl, .xlsx, or
 * .label-studio.json with its labelling config beside it). A file appears complete or not at
 * all. Without `force` an existing file is never replaced, even one that appears while the sheet
 * is being written.
 */
export async function writeSheet(file: string, rows: readonly SheetRow[], options: WriteSheetOptions): Promise<void> {
  const format = sheetFormatOf(file)
  if (format === 'label-studio') {
    // Two files: the tasks, and the labelling config to create the review project with. The
    // config is looked for before the tasks are written, so a refusal leaves both as they were.
    const review = renderLabelStudio(rows, { verdicts: options.verdicts, labels: options.labels ?? [] })
    const config = labelStudioConfigFile(file)
    if (!options.force && existsSync(config)) throw new UserError(`${config} already exists; pass --force to replace it`)
    write(file, review.tasks, options)
    write(config, review.config, options)
    return
  }
  write(file, await renderSheet(format, rows, options), options)
}

function write(file: string, data: string | Uint8Array, options: WriteSheetOptions): void {
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

async function renderSheet(format: Exclude<SheetFormat, 'label-studio'>, rows: readonly SheetRow[], options: WriteSheetOptions): Promise<string | Uint8Array> {
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
