import { createRequire } from 'node:module'
import { sniffDelimiter } from '../csv-dialect.js'
import { headStartsWith } from './json-document.js'
import { firstLineOf } from './json-lines.js'

/** The three Label Studio export layouts tdgov reads. */
export type LabelStudioLayout = 'json' | 'json-min' | 'csv'

const TAB = 0x09
// csv-parse is required on the first CSV head, not imported at the top: the scan loads this module
// to sniff every file that may be an export, most of which are not CSV.
const requireModule = createRequire(import.meta.url)
let parseCsv: typeof import('csv-parse/sync').parse | undefined
const COMMA = 0x2c

/**
 * The layout a file's first 64 KiB show, or null when it is not a Label Studio export. Only the
 * head is seen, so these are key checks on text, not parses:
 * - full JSON: a list whose text has `"annotations": [` (or `"completions": [`) and a
 *   Label Studio annotation key (`result`, `completed_by`, `was_cancelled`); or one task object
 *   (cloud-storage exports write one task per file) with `completed_by`;
 * - JSON-MIN: a list with an `"annotator"` or `"annotation_id"` key;
 * - CSV/TSV: a header row with both `annotator` and `annotation_id` (a generic CSV with only
 *   `id` and `annotator` stays generic unless --format label-studio says otherwise).
 */
export function sniffLabelStudioLayout(head: string): LabelStudioLayout | null {
  const hasTaskList = /"(annotations|completions)"\s*:\s*\[/.test(head)
  const hasAnnotationKey = /"(result|completed_by|was_cancelled)"\s*:/.test(head)
  if (headStartsWith(head, '[')) {
    if (hasTaskList && hasAnnotationKey) return 'json'
    if (/"(annotator|annotation_id)"\s*:/.test(head)) return 'json-min'
    return null
  }
  if (headStartsWith(head, '{')) {
    // COCO also has "annotations": [ …; it never has completed_by and always has image_id.
    return hasTaskList && /"completed_by"\s*:/.test(head) && !/"image_id"\s*:/.test(head) ? 'json' : null
  }
  const header = headerCells(head)
  return header.includes('annotator') && header.includes('annotation_id') ? 'csv' : null
}

/** The cells of the first line, split with the sniffed delimiter; [] when it does not parse. */
function headerCells(head: string): string[] {
  const line = firstLineOf(head)
  if (line === '') return []
  const delimiter = String.fromCharCode(sniffDelimiter(Buffer.from(head), head.includes('\t') ? TAB : COMMA))
  try {
    parseCsv ??= (requireModule('csv-parse/sync') as typeof import('csv-parse/sync')).parse
    const rows = parseCsv(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
    return (rows[0] ?? []).map((cell) => cell.trim())
  } catch {
    return []
  }
}
