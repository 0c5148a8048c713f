/**
 * The Label Studio review project tdgov writes and reads back: the names its labelling config
 * gives the object and the controls, and the labels a label cell offers as choices. The writer
 * (render-label-studio.ts) and the reader (parse-label-studio-export.ts) share them, so what the
 * reader compares a review with is exactly what the writer predicted.
 */

/** The fields of a task's `data`: the sheet's own columns, as tdgov wrote them. */
export const TASK_FIELDS = ['audit_id', 'item_id', 'annotator', 'label', 'preview'] as const

/**
 * The config's tag names. Controls are not named after the data fields (`label` is both the
 * annotator's cell and what the reviewer chooses), so no export that flattens the two into one
 * object (JSON-MIN, CSV) could mistake one for the other.
 */
export const CONTROL = {
  object: 'preview',
  label: 'review_label',
  verdict: 'verdict',
  errorType: 'error_type',
  note: 'note',
} as const

/** The labelling config written next to `review.label-studio.json`: `review.label-studio.xml`. */
export function labelStudioConfigFile(sheetFile: string): string {
  return sheetFile.replace(/\.json$/i, '.xml')
}

/**
 * The distinct labels of a label cell ("cat ×2; dog" → cat, dog), in order: what the review
 * project offers and predicts. The count a cell gives a repeated label is not a choice; a
 * reviewer who keeps the labels confirms the item as labelled.
 */
export function choicesOfLabelCell(cell: string): string[] {
  if (cell === '') return []
  return [...new Set(cell.split('; ').map((label) => label.replace(/ ×\d+$/, '')))]
}

/** Whether two choice lists hold the same labels, in any order. */
export function sameChoices(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((label) => right.has(label))
}
