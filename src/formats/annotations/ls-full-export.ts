import { UserError } from '../../util/errors.js'
import { cutPreview, type AnnotationItem } from './item.js'
import { describeJsonType, firstString, idText, isJsonObject, type JsonObject } from './json-values.js'
import { taskModality } from './ls-modality.js'
import { annotatorOf, labelValuesOf } from './ls-values.js'

/**
 * The Label Studio full JSON export is a list of tasks, each with `annotations[]` (`completions[]`
 * in exports before 1.0). One item per annotation that was not cancelled (`was_cancelled`, or
 * the older `skipped`); tasks nobody annotated give no item. Predictions are not annotations
 * and are ignored.
 */

/** Whether a parsed element looks like a full-export task rather than a JSON-MIN record. */
export function isTask(value: unknown): value is JsonObject {
  return isJsonObject(value) && (Array.isArray(value.annotations) || Array.isArray(value.completions))
}

/** The items of one task; `where` names it by position for error messages. */
export function* itemsOfTask(file: string, task: unknown, where: string): Generator<AnnotationItem> {
  if (!isJsonObject(task)) throw new UserError(`${file}: ${where}: expected a task object, found ${describeJsonType(task)}`)
  const taskId = idText(task.id)
  if (taskId === undefined) throw new UserError(`${file}: ${where}: expected the task's "id" (a number or string)`)
  const annotations = task.annotations ?? task.completions
  if (!Array.isArray(annotations)) {
    throw new UserError(`${file}: ${where} (id ${taskId}): expected "annotations" to be a list, found ${describeJsonType(annotations)}`)
  }
  const preview = cutPreview(isJsonObject(task.data) ? firstString(Object.values(task.data)) : '')
  const modality = isJsonObject(task.data) ? taskModality(Object.entries(task.data)) : null
  for (let a = 0; a < annotations.length; a++) {
    const annotation: unknown = annotations[a]
    const at = `${where} (id ${taskId}), annotation #${a + 1}`
    if (!isJsonObject(annotation)) throw new UserError(`${file}: ${at}: expected an annotation object, found ${describeJsonType(annotation)}`)
    if (annotation.was_cancelled === true || annotation.skipped === true) continue
    yield {
      item_id: taskId,
      annotator: annotatorOf(annotation.completed_by),
      labels: labelsOfResult(annotation.result, `${file}: ${at}`),
      source_file: file,
      // Ids, not positions: they are what the Label Studio UI and the file's own text show.
      location: `task ${taskId}, annotation ${idText(annotation.id) ?? `#${a + 1}`}`,
      preview,
      ...(modality !== null && { modality }),
    }
  }
}

/** Every label value over `result[]`, region by region. */
function labelsOfResult(result: unknown, where: string): string[] {
  if (result === undefined || result === null) return []
  if (!Array.isArray(result)) throw new UserError(`${where}: expected "result" to be a list, found ${describeJsonType(result)}`)
  const labels: string[] = []
  for (let r = 0; r < result.length; r++) {
    const region: unknown = result[r]
    if (!isJsonObject(region)) throw new UserError(`${where}, result #${r + 1}: expected a region object, found ${describeJsonType(region)}`)
    // Relations carry `labels` beside, not inside, a value; they link regions and are not counted.
    if (isJsonObject(region.value)) labels.push(...labelValuesOf(region.value))
  }
  return labels
}
