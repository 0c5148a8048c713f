import { UserError } from '../../util/errors.js'
import { cutPreview, type AnnotationItem, type ColumnNames } from './item.js'
import { describeJsonType, firstString, idText, isJsonObject, type JsonObject } from './json-values.js'
import { BOOKKEEPING_FIELDS, labelFieldsOf } from './ls-columns.js'
import { taskModality, type TaskModality } from './ls-modality.js'
import { annotatorOf, isLabelShaped, labelValuesOf } from './ls-values.js'

/** Whether a parsed element looks like a JSON-MIN record (one flattened annotation). */
export function isJsonMinRecord(value: unknown): value is JsonObject {
  return isJsonObject(value) && ('annotator' in value || 'annotation_id' in value)
}

/**
 * The Label Studio JSON-MIN export is a list of flat records, one per annotation, with the task
 * id in `id` and the annotator (an int id or an e-mail) in `columns.annotator`. Which fields are
 * labels is decided by `labelFieldsOf` (see ls-columns.ts).
 */

/** The item of the JSON-MIN record at 0-based position `r`. */
export function itemOfJsonMinRecord(file: string, record: unknown, r: number, columns: ColumnNames): AnnotationItem {
  const where = `record #${r + 1}`
  if (!isJsonObject(record)) throw new UserError(`${file}: ${where}: expected a JSON-MIN record object, found ${describeJsonType(record)}`)
  const taskId = idText(record.id)
  if (taskId === undefined) throw new UserError(`${file}: ${where}: expected the task "id" (a number or string)`)
  const fields = labelFieldsOf(Object.keys(record), columns)
  const labels: string[] = []
  const data: [string, unknown][] = []
  for (const [key, value] of Object.entries(record)) {
    if (key === columns.annotator || BOOKKEEPING_FIELDS.has(key)) continue
    const isLabel = fields.rule === 'named' ? fields.names.includes(key) : isLabelShaped(value)
    if (isLabel) labels.push(...labelValuesOf(value))
    else data.push([key, value])
  }
  const annotationId = idText(record.annotation_id)
  return {
    item_id: taskId,
    annotator: annotatorOf(record[columns.annotator]),
    labels,
    source_file: file,
    location: `task ${taskId}, annotation ${annotationId ?? `#${r + 1}`}`,
    preview: cutPreview(firstString(data.map(([, value]) => value))),
    ...withModality(taskModality(data)),
  }
}

function withModality(modality: TaskModality | null): { modality?: TaskModality } {
  return modality === null ? {} : { modality }
}
