import { UserError } from '../../util/errors.js'
import type { AdapterOptions, AnnotationAdapter, AnnotationItem } from '../item.js'
import { readJsonDocument } from './json-document.js'
import { readFileHead } from './json-lines.js'
import { describeJsonType } from './json-values.js'
import { readLabelStudioCsv } from './ls-csv.js'
import { isTask, itemsOfFullExport, itemsOfTask } from './ls-full-export.js'
import { isJsonMinRecord, itemsOfJsonMin } from './ls-json-min.js'
import { sniffLabelStudioLayout } from './ls-sniff.js'

/**
 * Label Studio exports in three layouts, told apart by content: the full JSON export (tasks with
 * `annotations[]`), JSON-MIN (flat records) and CSV/TSV. JSON layouts are parsed whole (see
 * json-document.ts); CSV streams.
 */
async function* readLabelStudio(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const head = (await readFileHead(file)).toString('utf8')
  const trimmed = head.replace(/^\uFEFF/, '').trimStart()
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    yield* readLabelStudioCsv(file, options.columns)
    return
  }
  const document = await readJsonDocument(file)
  if (Array.isArray(document)) {
    const first: unknown = document.find((element) => element !== null)
    if (first === undefined) return
    if (isTask(first)) yield* itemsOfFullExport(file, document)
    else if (isJsonMinRecord(first)) yield* itemsOfJsonMin(file, document, options.columns)
    else {
      throw new UserError(
        `${file}: task #1: expected a Label Studio task (with "annotations") or a JSON-MIN record (with "annotator" or "annotation_id"), found ${describeJsonType(first)}${typeof first === 'object' ? ' without either' : ''}`,
      )
    }
    return
  }
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
