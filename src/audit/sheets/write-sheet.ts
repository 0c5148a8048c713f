import { existsSync } from 'node:fs'
import { createFileAtomic, writeFileAtomic } from '../../util/atomic-write.js'
import { UserError } from '../../util/errors.js'
import { renderCsv } from './render-csv.js'
import { renderJsonl } from './render-jsonl.js'
import { labelStudioConfigFile } from './label-studio-review.js'
import { renderLabelStudio } from './render-label-studio.js'
import { renderXlsx } from './render-xlsx.js'
import { ANNOTATION_VERDICTS, CONTENT_VERDICTS } from './sheet-row.js'
import { sheetFormatOf } from './sheet-format.js'
import type { SheetGuide } from './sheet-guide.js'
import type { SheetFormat, SheetKind, SheetRow } from './sheet-row.js'
import type { SheetLanguage } from './sheet-words.js'

export { sheetFormatOf } from './sheet-format.js'

export interface WriteSheetOptions {
  /** what is reviewed: the verdict words (correct/incorrect or pass/fail) and error types follow it */
  kind: SheetKind
  /** the headers, verdict words and instructions; default English. JSONL keeps the English keys in both. */
  language?: SheetLanguage
  /** replace an existing sheet; without it an existing file is a UserError and stays untouched */
  force: boolean
  /** the project, when the sheet goes inside it: no link on the way is followed (atomic-write.ts) */
  within?: string
  /**
   * xlsx only: the workbook's created/modified date and the zip entries' time stamps. Defaults to
   * the Unix epoch, so the same rows give the same bytes; pass the audit's own date to show it.
   */
  createdAt?: Date
  /** xlsx: the rules' label set, the corrected_label drop-down; label-studio: the label choices (risk categories in content audits) */
  labels?: readonly string[]
  /** xlsx only: the roster's reviewers, the reviewer drop-down */
  reviewers?: readonly string[]
  /** xlsx only: what the instructions sheet says about the audit; without it there is none */
  guide?: SheetGuide
}

/**
 * Writes the review sheet in the format the file name asks for (.csv, .jsonl, .xlsx, or
 * .label-studio.json with its labelling config beside it). A file appears complete or not at
 * all. Without `force` an existing file is never replaced, even one that appears while the sheet
 * is being written.
 */
// async although nothing is awaited: callers get every failure, a bad extension too, as a rejection.
export async function writeSheet(file: string, rows: readonly SheetRow[], options: WriteSheetOptions): Promise<void> {
  const format = sheetFormatOf(file)
  if (format === 'label-studio') {
    // Two files: the tasks, and the labelling config to create the review project with. The
    // config is looked for before the tasks are written, so a refusal leaves both as they were.
    // Label Studio shows the English verdict words; scoring reads either language's.
    const verdicts = options.kind === 'content' ? CONTENT_VERDICTS : ANNOTATION_VERDICTS
    const review = renderLabelStudio(rows, { verdicts, labels: options.labels ?? [] })
    const config = labelStudioConfigFile(file)
    if (!options.force && existsSync(config)) throw new UserError(`${config} already exists; pass --force to replace it`)
    write(file, review.tasks, options)
    write(config, review.config, options)
    return
  }
  write(file, renderSheet(format, rows, options), options)
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

function renderSheet(format: Exclude<SheetFormat, 'label-studio'>, rows: readonly SheetRow[], options: WriteSheetOptions): string | Uint8Array {
  const language = options.language ?? 'en'
  switch (format) {
    case 'csv':
      return renderCsv(rows, language)
    case 'jsonl':
      return renderJsonl(rows)
    case 'xlsx':
      return renderXlsx(rows, {
        kind: options.kind,
        language,
        createdAt: options.createdAt ?? new Date(0),
        labels: options.labels ?? [],
        reviewers: options.reviewers ?? [],
        guide: options.guide ?? null,
      })
  }
}
