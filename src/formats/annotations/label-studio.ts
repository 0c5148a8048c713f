import { UserError } from '../../util/errors.js'
import type { AdapterOptions, AnnotationAdapter, AnnotationItem } from './item.js'
import { readJsonDocument } from './json-document.js'
import { readFileHead } from './json-lines.js'
import { describeJsonType } from './json-values.js'
import { readLabelStudioCsv } from './ls-csv.js'
import { readJsonArrayElements } from './json-array-stream.js'
import { isTask, itemsOfTask } from './ls-full-export.js'
import { isJsonMinRecord, itemOfJsonMinRecord } from './ls-json-min.js'
import { sniffLabelStudioLayout } from './ls-sniff.js'

/**
 * Label Studio exports in three layouts, told apart by content: the full JSON export (tasks with
 * `annotations[]`), JSON-MIN (flat records) and CSV/TSV. All three stream: a JSON array one
 * element at a time (json-array-stream.ts), CSV row by row. The layout of an array is decided by
 * its first non-null element.
 */
async function* readLabelStudio(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const head = (await readFileHead(file)).toString('utf8')
  const trimmed = head.replace(/^\uFEFF/, '').trimStart()
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    yield* readLabelStudioCsv(file, options.columns)
    return
  }
  if (trimmed.startsWith('[')) {
    let layout: 'tasks' | 'json-min' | null = null
    for await (const { index, value } of readJsonArrayElements(file)) {
      if (layout === null) {
        if (value === null) continue
        if (isTask(value)) layout = 'tasks'
        else if (isJsonMinRecord(value)) layout = 'json-min'
        else {
          throw new UserError(
            `${file}: task #${index + 1}: expected a Label Studio task (with "annotations") or a JSON-MIN record (with "annotator" or "annotation_id"), found ${describeJsonType(value)}${typeof value === 'object' ? ' without either' : ''}`,
          )
        }
      }
      if (layout === 'tasks') yield* itemsOfTask(file, value, `task #${index + 1}`)
      else yield itemOfJsonMinRecord(file, value, index, options.columns)
    }
    return
  }
  const document = await readJsonDocument(file)
  if (isTask(document)) {
    yield* itemsOfTask(file, document, 'task #1')
    return
  }
  throw new UserError(`${file}: expected a Label Studio export (a list of tasks or JSON-MIN records), found ${describeJsonType(document)}`)
}

/** Label Studio full JSON, JSON-MIN and CSV/TSV exports. */
export const labelStudioAdapter: AnnotationAdapter = {
  format: 'label-studio',
  sniff: (_file, head) => sniffLabelStudioLayout(head) !== null,
  read: readLabelStudio,
}
