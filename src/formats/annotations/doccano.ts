import path from 'node:path'
import { UserError } from '../../util/errors.js'
import { cutPreview, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { firstJsonObject, firstLineOf, readJsonLineBatches } from './json-lines.js'
import { idText, isJsonObject, type JsonObject } from './json-values.js'

/**
 * doccano JSONL exports: one item per non-blank line.
 *
 * Labels, in the first of these fields present:
 * - `label`: a list of category names (text classification), of `[start, end, TAG]` spans
 *   (sequence labelling; TAG is the label), or of `{label: …}` objects; a single string is one label;
 * - `entities`: `[{label, start_offset, end_offset}]` (exports with relations);
 * - `annotations`: the v1.0 format, `[{label, user}]`, label ids as numbers;
 * - `cats`: a list of names, or spaCy's `{name: score}` map where scores ≥ 0.5 (or true) count.
 *
 * Annotator: doccano keeps it out of the records, except in v1.0, whose `annotations[].user`
 * names who chose each label: a line labelled by several users gives one item per user (their
 * labels, in order), so agreement can compare them. Otherwise the file name is the annotator,
 * because doccano exports one `<username>.jsonl` per member, except `all.jsonl`, the merged
 * export of collaborative projects, which names nobody.
 */
async function* readDoccano(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const base = path.basename(file)
  const key = options.fileKey ?? base
  const stem = base.replace(/\.(jsonl|json|ndjson)$/i, '')
  const fileAnnotator = stem.toLowerCase() === 'all' ? null : stem
  for await (const batch of readJsonLineBatches(file)) {
    for (const { line, record } of batch) {
      const where = `${file}:${line}`
      const base = {
        item_id: idText(record.id) ?? `${key}:${line}`,
        source_file: file,
        location: `line ${line}`,
        preview: cutPreview(typeof record.text === 'string' ? record.text : typeof record.filename === 'string' ? record.filename : ''),
      }
      const byUser = legacyLabelsByUser(record, where)
      if (byUser === null) yield { ...base, annotator: fileAnnotator, labels: labelsOf(record, where) }
      else for (const [annotator, labels] of byUser) yield { ...base, annotator, labels }
    }
  }
}

function labelsOf(record: JsonObject, where: string): string[] {
  if ('label' in record) return labelField(record.label, where)
  if (Array.isArray(record.entities)) return record.entities.map((e, i) => objectLabel(e, `${where}: entities #${i + 1}`))
  if (Array.isArray(record.annotations)) return record.annotations.map((a, i) => objectLabel(a, `${where}: annotations #${i + 1}`))
  if ('cats' in record) return catsField(record.cats, where)
  return []
}

function labelField(value: unknown, where: string): string[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (!Array.isArray(value)) throw new UserError(`${where}: "label" must be a list of labels or of [start, end, label] spans`)
  return value.map((entry: unknown, i) => {
    const at = `${where}: label #${i + 1}`
    if (typeof entry === 'string' || typeof entry === 'number') return String(entry)
    if (Array.isArray(entry)) {
      const tag: unknown = entry[2]
      if (entry.length >= 3 && (typeof tag === 'string' || typeof tag === 'number')) return String(tag)
      throw new UserError(`${at}: expected a [start, end, label] span`)
    }
    return objectLabel(entry, at)
  })
}

function objectLabel(entry: unknown, where: string): string {
  const label = isJsonObject(entry) ? idText(entry.label) : undefined
  if (label === undefined) throw new UserError(`${where}: expected an object with a "label"`)
  return label
}

function catsField(value: unknown, where: string): string[] {
  if (Array.isArray(value)) return value.filter((c) => typeof c === 'string' || typeof c === 'number').map(String)
  if (isJsonObject(value)) {
    return Object.entries(value)
      .filter(([, score]) => score === true || (typeof score === 'number' && score >= 0.5))
      .map(([name]) => name)
  }
  throw new UserError(`${where}: "cats" must be a list of labels or a {label: score} map`)
}

/**
 * v1.0 lines (`annotations: [{label, user}]`, no `label` field) grouped by user, in order of
 * first appearance; null for other layouts, or when any annotation names no user (the labels
 * then stay together under the file's annotator).
 */
function legacyLabelsByUser(record: JsonObject, where: string): Map<string | null, string[]> | null {
  if ('label' in record || !Array.isArray(record.annotations) || record.annotations.length === 0) return null
  const byUser = new Map<string | null, string[]>()
  for (let i = 0; i < record.annotations.length; i++) {
    const annotation: unknown = record.annotations[i]
    const user = isJsonObject(annotation) ? idText(annotation.user) : undefined
    if (user === undefined) return null
    const labels = byUser.get(user) ?? []
    labels.push(objectLabel(annotation, `${where}: annotations #${i + 1}`))
    byUser.set(user, labels)
  }
  return byUser
}

/** Whether a first record looks like doccano: text (or an image file name) and a label field. */
function looksLikeDoccano(record: JsonObject): boolean {
  if (typeof record.text !== 'string' && typeof record.filename !== 'string') return false
  // A Prodigy line also has "text" and "label"; its hashes and answer give it away.
  if ('_input_hash' in record || '_task_hash' in record || 'answer' in record) return false
  // A string "label" is how generic JSONL exports spell it; doccano writes lists.
  return Array.isArray(record.label) || Array.isArray(record.entities) || Array.isArray(record.annotations) || 'cats' in record
}

/** doccano JSONL export (text classification, sequence labelling, v1.0). */
export const doccanoAdapter: AnnotationAdapter = {
  format: 'doccano',
  sniff: (file, head) => {
    const record = firstJsonObject(head)
    if (record) return looksLikeDoccano(record)
    // A first line longer than the head: fall back to key checks on its start.
    const line = firstLineOf(head)
    return /\.jsonl$/i.test(file) && line.startsWith('{') && /"text"\s*:/.test(line) && /"label"\s*:\s*\[/.test(line) && !/"_(input|task)_hash"\s*:/.test(line)
  },
  read: readDoccano,
}
