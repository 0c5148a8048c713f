import { compareStrings } from '../../util/order.js'
import { renderReviewConfig } from './label-studio-config.js'
import { choicesOfLabelCell, CONTROL, TASK_FIELDS } from './label-studio-review.js'
import { CONTENT_VERDICTS, type SheetRow } from './sheet-row.js'

export interface LabelStudioReview {
  /** the import file: a JSON array of tasks */
  tasks: string
  /** the labelling config the tasks are reviewed with */
  config: string
}

export interface LabelStudioOptions {
  verdicts: readonly string[]
  /** the rules' label set, when known: offered first, before labels only the sample has */
  labels: readonly string[]
}

/**
 * The sample as Label Studio import tasks, one per row: `data` holds the row's audit_id,
 * item_id, annotator, label and preview as the sheet would, and in annotation audits a
 * prediction selects the annotator's labels, for the reviewer to keep or change. One task per
 * line, so the file diffs like a JSONL sheet; cells are not neutralised (no spreadsheet reads it).
 */
export function renderLabelStudio(rows: readonly SheetRow[], options: LabelStudioOptions): LabelStudioReview {
  const content = options.verdicts[0] === CONTENT_VERDICTS[0]
  const perRow = rows.map((row) => choicesOfLabelCell(row.label))
  const tasks = rows.map((row, i) => {
    const data = Object.fromEntries(TASK_FIELDS.map((field) => [field, row[field]]))
    const choices = perRow[i]!
    if (content || choices.length === 0) return JSON.stringify({ data })
    const result = [{ id: 'annotator-labels', from_name: CONTROL.label, to_name: CONTROL.object, type: 'choices', value: { choices } }]
    return JSON.stringify({ data, predictions: [{ model_version: `annotator ${row.annotator || '(unknown)'}`, result }] })
  })
  const seen = new Set(options.labels)
  const extra = [...new Set(perRow.flat())].filter((label) => !seen.has(label)).sort(compareStrings)
  const config = renderReviewConfig({
    kind: content ? 'content' : 'annotation',
    verdicts: options.verdicts,
    labels: [...options.labels, ...extra],
    multiple: perRow.some((choices) => choices.length > 1),
  })
  return { tasks: tasks.length === 0 ? '[]\n' : `[\n${tasks.join(',\n')}\n]\n`, config }
}
