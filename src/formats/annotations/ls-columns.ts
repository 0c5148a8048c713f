import type { ColumnNames } from './item.js'

/**
 * Which fields of a Label Studio JSON-MIN record (or columns of a CSV/TSV export) hold labels.
 *
 * These layouts flatten a task into one record per annotation: the task's data fields, then
 * `id`, then one field per labelling tag named after its `from_name`, then `annotator`,
 * `annotation_id`, `created_at`, `updated_at`, `lead_time` and `agreement` (label-studio-converter
 * `convert_to_json_min` / `convert_to_csv`). Data fields and tag fields cannot be told apart by
 * name without the labelling config, so the rule is, in order:
 *
 * 1. the field named by `columns.label` (--label-column, default "label") when the record has it;
 * 2. otherwise the fields written between `id` and the annotator field, when `id` comes first:
 *    that is where the converter puts tag results, whatever their shape (a single choice is a
 *    plain string there);
 * 3. otherwise (keys reordered, e.g. newer converters sort CSV columns) every field that is not
 *    one of the bookkeeping fields above and whose value is label-shaped (`{"choices": […]}`,
 *    a `*labels` or `taxonomy` list, or a list of such objects). A plain-string single choice is
 *    indistinguishable from task text here and is not read: pass --label-column <from_name>.
 */
export type LabelFields =
  | { rule: 'named'; names: readonly string[] }
  | { rule: 'label-shaped' }

/** The bookkeeping fields Label Studio adds to each flattened record; never labels or data. */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement'])

/** The label fields of one record or header, given its keys in file order. */
export function labelFieldsOf(keys: readonly string[], columns: ColumnNames): LabelFields {
  if (keys.includes(columns.label)) return { rule: 'named', names: [columns.label] }
  const id = keys.indexOf('id')
  const annotator = keys.indexOf(columns.annotator)
  if (id !== -1 && annotator > id) {
    return { rule: 'named', names: keys.slice(id + 1, annotator).filter((k) => !BOOKKEEPING_FIELDS.has(k)) }
  }
  return { rule: 'label-shaped' }
}
