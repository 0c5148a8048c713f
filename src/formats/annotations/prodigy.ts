import path from 'node:path'
import { cutPreview, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { firstJsonObject, firstLineOf, readJsonLineBatches } from './json-lines.js'
import { idText, isJsonObject, type JsonObject } from './json-values.js'

const ANSWERS = new Set(['accept', 'reject', 'ignore'])

/**
 * Prodigy `db-out` JSONL: one item per non-blank line.
 *
 * - item id: `_input_hash` (the same input shown in several tasks shares it), else `_task_hash`,
 *   else `<file name>:<line>`;
 * - annotator: `_annotator_id`, else `_session_id` (newer Prodigy versions), else null;
 * - labels: the selected options `accept[]` of choice tasks when any were selected; else the
 *   `spans[].label` of NER/span tasks when there are spans; else the binary decision on `label`,
 *   written with its answer, e.g. "DOCUMENTATION (reject)": a rejected label is still a
 *   decision an auditor must see, and dropping the answer would turn rejects into accepts.
 */
async function* readProdigy(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const base = options.fileKey ?? path.basename(file)
  for await (const batch of readJsonLineBatches(file)) {
    for (const { line, record } of batch) {
      yield {
        item_id: idText(record._input_hash) ?? idText(record._task_hash) ?? `${base}:${line}`,
        annotator: idText(record._annotator_id) ?? idText(record._session_id) ?? null,
        labels: labelsOf(record),
        source_file: file,
        location: `line ${line}`,
        preview: cutPreview(previewOf(record)),
      }
    }
  }
}

function labelsOf(record: JsonObject): string[] {
  const accepted = Array.isArray(record.accept) ? record.accept.flatMap(optionId) : []
  if (accepted.length > 0) return accepted
  const spans = Array.isArray(record.spans) ? record.spans.flatMap((s: unknown) => (isJsonObject(s) ? optionId(s.label) : [])) : []
  if (spans.length > 0) return spans
  const label = idText(record.label)
  if (label === undefined) return []
  return typeof record.answer === 'string' && record.answer !== '' ? [`${label} (${record.answer})`] : [label]
}

/** Choice option ids are strings or numbers. */
function optionId(value: unknown): string[] {
  const id = idText(value)
  return id === undefined ? [] : [id]
}

/** The task's text, else its image when that is a path or URL (not an inline data: URI). */
function previewOf(record: JsonObject): string {
  if (typeof record.text === 'string') return record.text
  if (typeof record.image === 'string' && !record.image.startsWith('data:')) return record.image
  return ''
}

/** Prodigy JSONL (db-out). */
export const prodigyAdapter: AnnotationAdapter = {
  format: 'prodigy',
  sniff: (_file, head) => {
    const record = firstJsonObject(head)
    if (record) return '_input_hash' in record || '_task_hash' in record || (typeof record.answer === 'string' && ANSWERS.has(record.answer))
    // A first line longer than the head: db-out writes the hashes last, so this only works
    // when they still fall inside it; otherwise --format prodigy is needed.
    const line = firstLineOf(head)
    return line.startsWith('{') && /"_(input|task)_hash"\s*:/.test(line)
  },
  read: readProdigy,
}
