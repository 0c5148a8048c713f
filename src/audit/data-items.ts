import type { Config } from '../records/config-schema.js'
import { isDocumentation, isTooling } from '../formats/detect.js'
import { readFileRecords } from '../formats/read-records.js'
import { createSourceMatcher } from '../provenance/source-map.js'
import { createExcludeFilter } from '../util/excludes.js'
import { walkStream } from '../util/walk.js'
import { fsPathOf, type FsPath } from '../util/recorded-name.js'
import { UserError } from '../util/errors.js'
import { compareStrings } from '../util/order.js'
import { CONTENT_PREVIEW_CHARS, type AnnotationItem } from '../formats/annotations/item.js'

/**
 * Data-item audits sample the content of one declared source for the TC260-003 safety review:
 * every record of its JSONL, JSON, CSV/TSV and text files is an item (`path#n`: the line of a
 * JSONL or text record, the row of a CSV one, the index in a JSON array), and every
 * other file (images, audio, video) is one item. Previews carry the start of the record's
 * text; the sheet writer masks personal values in the sampled ones.
 */
export async function sourceFiles(root: string, config: Config, sourceId: string): Promise<string[]> {
  if (!config.sources.some((source) => source.id === sourceId)) {
    const ids = config.sources.map((source) => source.id).join(', ') || 'none declared'
    throw new UserError(`--source ${sourceId}: no such source in tdgov.yaml (sources: ${ids})`)
  }
  const sourceOf = createSourceMatcher(config.sources)
  const files: string[] = []
  await walkStream(
    root,
    {
      file: ({ relPath }) => {
        if (!isDocumentation(relPath) && !isTooling(relPath) && sourceOf(relPath) === sourceId) files.push(relPath)
      },
      finding: () => undefined,
    },
    [],
    createExcludeFilter(config.excludes),
  )
  if (files.length === 0) throw new UserError(`--source ${sourceId}: its paths in tdgov.yaml match no file under ${root}`)
  return files.sort(compareStrings)
}

/**
 * The items of the given files (POSIX paths relative to `root`), in file then record order. Files
 * are read through the scan's readers (src/formats/read-records.ts): the records an audit samples
 * are the records the manifest counted, decompressed and decoded the same way.
 */
export function readDataItems(root: string, files: readonly string[]): AsyncIterable<AnnotationItem> {
  return readDataItemsAt(files.map((relPath) => ({ file: fsPathOf(root, relPath), relPath })))
}

/** readDataItems over files that may lie elsewhere than `relPath` says (copies of a source's files): ids use `relPath`. */
export async function* readDataItemsAt(files: readonly { file: FsPath; relPath: string }[]): AsyncIterable<AnnotationItem> {
  for (const { file, relPath } of files) {
    const read = await readFileRecords(file, relPath)
    if (!read) {
      yield item(relPath, relPath, 'file', relPath)
      continue
    }
    const where = LOCATION[read.format.format] ?? 'record'
    for await (const record of read.records) {
      if (!/\S/.test(record.text)) continue
      // Line-based formats keep their line as the id, as reviewers find records by line.
      const at = where === 'line' ? (record.line ?? record.index) : record.index
      yield item(relPath, `${relPath}#${at}`, `${where} ${at}`, record.text)
    }
    const unclosed = read.findings.find((f) => f.code === 'CSV_UNTERMINATED_QUOTE')
    // Everything after the quote is one cell: the records there cannot be told apart, so the population is unknown.
    if (unclosed) {
      throw new UserError(`${relPath}:${unclosed.line ?? 1}: the quote that opens a cell on this line is never closed; expected a closing quote before the end of the file (the records after it cannot be read)`)
    }
  }
}

/** How a reviewer finds a record in each format: by line, by data row, by position. */
const LOCATION: Readonly<Record<string, string>> = {
  jsonl: 'line',
  text: 'line',
  csv: 'row',
  tsv: 'row',
  parquet: 'row',
  arrow: 'row',
  'arrow-stream': 'row',
  json: 'record',
}

/**
 * The preview keeps the record's first PREVIEW_SOURCE_CHARS characters; masking and cutting
 * happen when the sheet is written, for the sampled records only, not for every record read.
 */
const PREVIEW_SOURCE_CHARS = CONTENT_PREVIEW_CHARS * 4

function item(relPath: string, itemId: string, location: string, text: string): AnnotationItem {
  if (text.length <= PREVIEW_SOURCE_CHARS) return { item_id: itemId, annotator: null, labels: [], source_file: relPath, location, preview: text }
  return { item_id: itemId, annotator: null, labels: [], source_file: relPath, location, preview: text.slice(0, PREVIEW_SOURCE_CHARS), contentLength: text.length }
}
