/**
 * Review sheets for audits: `audit sample` writes one for reviewers to fill in (CSV, JSONL, xlsx
 * or Label Studio tasks), `audit score` reads it back (a Label Studio project's JSON export).
 */
export { neutraliseCell, restoreCell } from './neutralise.js'
export { readSheet } from './read-sheet.js'
export { checkRowCount, DEFAULT_SHEET_LIMITS, rowsAllowed, type SheetLimits } from './sheet-limits.js'
export { labelStudioConfigFile } from './label-studio-review.js'
export { sheetFormatOf } from './sheet-format.js'
export {
  ANNOTATION_VERDICTS,
  CONTENT_VERDICTS,
  SHEET_COLUMNS,
  type ReadRow,
  type SheetColumn,
  type SheetFormat,
  type SheetKind,
  type SheetRow,
} from './sheet-row.js'
export { writeSheet, type WriteSheetOptions } from './write-sheet.js'
export type { SheetGuide } from './sheet-guide.js'
export { canonicalVerdict, defaultSheetLanguage, verdictChoices, verdictWords, type SheetLanguage } from './sheet-words.js'
