import { UserError } from '../../util/errors.js'
import { cutPreview, type AnnotationItem, type ColumnNames } from './item.js'
import { listColumns, readCsvRecords } from './generic.js'
import { BOOKKEEPING_FIELDS, labelFieldsOf, type LabelFields } from './ls-columns.js'
import { taskModality } from './ls-modality.js'
import { isLabelShaped, labelValuesOf } from './ls-values.js'

/**
 * The Label Studio CSV/TSV export: one row per annotation, the JSON-MIN record flattened into
 * columns, non-string values written as JSON text (fully quoted by newer converters). The task id
 * is the `id` column (`annotation_id` when there is none, making each annotation its own item);
 * labels follow `labelFieldsOf` (see ls-columns.ts), with JSON cells decoded first. Streams.
 */
export async function* readLabelStudioCsv(file: string, columns: ColumnNames): AsyncGenerator<AnnotationItem> {
  let header: string[] | null = null
  let itemColumn = -1
  let annotatorColumn = -1
  let fields: LabelFields = { rule: 'label-shaped' }
  for await (const { line, cells } of readCsvRecords(file)) {
    if (!header) {
      header = cells.map((c) => c.trim())
      annotatorColumn = header.indexOf(columns.annotator)
      itemColumn = header.includes('id') ? header.indexOf('id') : header.indexOf('annotation_id')
      if (annotatorColumn === -1 || itemColumn === -1) {
        throw new UserError(
          `${file}:${line}: not a Label Studio CSV export: expected columns "${columns.annotator}" and "id" (columns: ${listColumns(header)}); pass --annotator-column, or --format csv for other CSV files`,
        )
      }
      fields = labelFieldsOf(header, columns)
      continue
    }
    const itemId = (cells[itemColumn] ?? '').trim()
    if (itemId === '') throw new UserError(`${file}:${line}: empty "${header[itemColumn]}" cell; every row needs a task id`)
    const labels: string[] = []
    let preview = ''
    const data: [string, string][] = []
    for (let c = 0; c < header.length; c++) {
      const name = header[c]!
      if (c === annotatorColumn || BOOKKEEPING_FIELDS.has(name)) continue
      const cell = cells[c] ?? ''
      if (fields.rule === 'named') {
        if (fields.names.includes(name)) labels.push(...labelValuesOf(decodeCell(cell)))
        else if (!looksLikeJson(cell)) {
          if (preview === '') preview = cell.trim()
          data.push([name, cell])
        }
        continue
      }
      const value = decodeCell(cell)
      if (isLabelShaped(value)) labels.push(...labelValuesOf(value))
      else if (typeof value === 'string') {
        if (preview === '') preview = cell.trim()
        data.push([name, cell])
      }
    }
    const annotator = (cells[annotatorColumn] ?? '').trim()
    const modality = taskModality(data)
    yield {
      item_id: itemId,
      annotator: annotator === '' ? null : annotator,
      labels,
      source_file: file,
      location: `line ${line}`,
      preview: cutPreview(preview),
      ...(modality !== null && { modality }),
    }
  }
}

function looksLikeJson(cell: string): boolean {
  const trimmed = cell.trim()
  return (trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))
}

/** A cell as the converter meant it: JSON text decoded, anything else the string itself. */
function decodeCell(cell: string): unknown {
  if (!looksLikeJson(cell)) return cell
  try {
    return JSON.parse(cell) as unknown
  } catch {
    return cell
  }
}
