import { readJsonArrayElements } from '../../formats/annotations/json-array-stream.js'
import { describeJsonType, idText, isJsonObject, type JsonObject } from '../../formats/annotations/json-values.js'
import { annotatorOf } from '../../formats/annotations/ls-values.js'
import { UserError } from '../../util/errors.js'
import { choicesOfLabelCell, CONTROL, sameChoices, TASK_FIELDS } from './label-studio-review.js'
import { checkRowCount, DEFAULT_SHEET_LIMITS, limitsAfterFirst, rowLimitText, type SheetLimits } from './sheet-limits.js'
import type { ReadRow, SheetRow } from './sheet-row.js'
import { tidyCell } from './sheet-table.js'

/**
 * Reads back the Label Studio JSON export of a review project made from the tasks tdgov wrote
 * (render-label-studio.ts), one row per task, row numbers the tasks' positions and messages
 * naming the task by its id. A task's submitted annotation is the review: an explicit verdict
 * is taken as given; without one, labels kept as predicted are `correct`, and changed ones
 * `incorrect` with the new labels as corrected_label. A task with no annotation, or only
 * cancelled (skipped) ones, is not reviewed yet, as a row with a blank verdict. Two submitted
 * annotations of one task are refused: which of two reviews counts would move the score. The
 * reviewer is the annotation's completed_by (its e-mail, else its user id). The file is read a
 * task at a time, each at most `limits.maxRowBytes`, and no more than `limits.maxRows` tasks.
 */
export async function parseLabelStudioExport(file: string, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<ReadRow[]> {
  const rows: ReadRow[] = []
  let active = limits
  const elementLimit = {
    maxBytes: limits.maxRowBytes,
    tooLarge: (index: number, offset: number) => new UserError(`${file}: task #${index + 1} (byte ${offset}): longer than a review sheet row may be (${rowLimitText(limits.maxRowBytes)})`),
  }
  for await (const { index, value } of readJsonArrayElements(file, elementLimit)) {
    checkRowCount(file, index + 1, active)
    const row = rowOfTask(file, value, index)
    if (rows.length === 0) active = limitsAfterFirst(limits, row)
    rows.push(row)
  }
  return rows
}

function rowOfTask(file: string, task: unknown, index: number): ReadRow {
  const id = isJsonObject(task) ? idText(task.id) : undefined
  const place = id === undefined ? `task #${index + 1}` : `task ${id}`
  const fail = (problem: string): UserError => new UserError(`${file}: ${place}: ${problem}`)
  if (!isJsonObject(task)) throw fail(`expected a task object, found ${describeJsonType(task)}`)
  if (!isJsonObject(task.data)) {
    const jsonMin = 'annotation_id' in task || 'annotator' in task
    throw fail(jsonMin ? 'this is a JSON-MIN export; export the review project as JSON (the full format)' : `expected the task's "data" with the fields tdgov wrote (${TASK_FIELDS.join(', ')})`)
  }
  const cells = { verdict: '', corrected_label: '', error_type: '', reviewer: '', note: '' } as SheetRow
  for (const field of TASK_FIELDS) {
    if (!Object.hasOwn(task.data, field)) throw fail(`"data" has no "${field}"; expected the fields tdgov wrote (${TASK_FIELDS.join(', ')})`)
    const value = textOf(task.data[field])
    if (value === null) throw fail(`"data.${field}" is ${describeJsonType(task.data[field])}; expected the text tdgov wrote`)
    cells[field] = value
  }
  const review = submittedReview(task, fail)
  if (review !== null) Object.assign(cells, verdictCells(review, choicesOfLabelCell(cells.label), fail))
  return { row: index + 1, place, cells }
}

/** The task's one submitted annotation; null when it has none (only cancelled ones, or none at all). */
function submittedReview(task: JsonObject, fail: (problem: string) => UserError): JsonObject | null {
  const annotations = task.annotations ?? task.completions
  if (annotations === undefined || annotations === null) return null
  if (!Array.isArray(annotations)) throw fail(`expected "annotations" to be a list, found ${describeJsonType(annotations)}`)
  const submitted: JsonObject[] = []
  for (const [a, annotation] of annotations.entries()) {
    if (!isJsonObject(annotation)) throw fail(`annotation #${a + 1}: expected an annotation object, found ${describeJsonType(annotation)}`)
    if (annotation.was_cancelled !== true && annotation.skipped !== true) submitted.push(annotation)
  }
  if (submitted.length > 1) {
    const by = submitted.map((annotation) => annotatorOf(annotation.completed_by) ?? '(unknown)').join(', ')
    throw fail(`${submitted.length} submitted reviews (by ${by}); expected one per task: cancel or delete the others in Label Studio`)
  }
  return submitted[0] ?? null
}

/** What one review says, as the sheet's verdict, corrected_label, error_type, reviewer and note. */
function verdictCells(annotation: JsonObject, predicted: readonly string[], fail: (problem: string) => UserError): Partial<SheetRow> {
  const chosen = new Map<string, string[]>()
  const result = annotation.result ?? []
  if (!Array.isArray(result)) throw fail(`expected the annotation's "result" to be a list, found ${describeJsonType(result)}`)
  for (const [r, region] of result.entries()) {
    if (!isJsonObject(region)) throw fail(`result #${r + 1}: expected a result object, found ${describeJsonType(region)}`)
    if (typeof region.from_name !== 'string' || !isJsonObject(region.value)) continue
    // Controls the project added beyond tdgov's are not the review's, and are left alone.
    const values = region.value.choices ?? region.value.text
    if (!Array.isArray(values)) continue
    const texts = values.map(textOf)
    if (texts.some((text) => text === null)) throw fail(`result #${r + 1} ("${region.from_name}"): expected text values`)
    chosen.set(region.from_name, [...(chosen.get(region.from_name) ?? []), ...(texts as string[])])
  }
  const labels = chosen.get(CONTROL.label)
  const explicit = (chosen.get(CONTROL.verdict) ?? []).join('; ')
  if (explicit === '' && labels === undefined && predicted.length > 0) {
    throw fail(
      'the review keeps none of the labels and gives no verdict; expected the predicted labels kept or changed, or a verdict (is "use predictions to prelabel tasks" off in the project\'s settings?)',
    )
  }
  const changed = labels !== undefined && !sameChoices(labels, predicted)
  const verdict = explicit !== '' ? explicit : labels === undefined ? '' : changed ? 'incorrect' : 'correct'
  return {
    verdict: tidyCell('verdict', verdict, false),
    corrected_label: changed ? tidyCell('corrected_label', labels.join('; '), false) : '',
    error_type: tidyCell('error_type', (chosen.get(CONTROL.errorType) ?? []).join('; '), false),
    reviewer: tidyCell('reviewer', annotatorOf(annotation.completed_by) ?? '', false),
    note: (chosen.get(CONTROL.note) ?? []).join('\n'),
  }
}

/** A data value or a result value as text: numbers and booleans as their text, null as ''; else null. */
function textOf(value: unknown): string | null {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}
