/** The review sheet's columns, in the order the issue and every sheet format use. */
export const SHEET_COLUMNS = [
  'audit_id',
  'item_id',
  'annotator',
  'label',
  'preview',
  'verdict',
  'corrected_label',
  'error_type',
  'reviewer',
  'note',
] as const

export type SheetColumn = (typeof SHEET_COLUMNS)[number]

/** One row as tdgov writes it or reads it back: every cell a string ('' when blank). */
export type SheetRow = Record<SheetColumn, string>

/** Canonical verdicts: annotation audits use correct/incorrect, data-item audits pass/fail (sheet-words.ts has the Chinese ones). */
export const ANNOTATION_VERDICTS = ['correct', 'incorrect'] as const
export const CONTENT_VERDICTS = ['pass', 'fail'] as const

/** What the sheet's reviewers judge: annotations (labels) or data items (content). */
export type SheetKind = 'annotation' | 'content'

export type SheetFormat = 'csv' | 'jsonl' | 'xlsx' | 'label-studio'

/** A row read back from a sheet, with the 1-based row number a spreadsheet user would see (header = 1). */
export interface ReadRow {
  row: number
  cells: SheetRow
  /** where messages should point instead of "row N": a Label Studio export's "task 17" */
  place?: string
}

/** "row 3", or the row's own place ("task 17") when its format has one. */
export function placeOf(row: ReadRow): string {
  return row.place ?? `row ${row.row}`
}
