import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse'
import type { Config } from '../records/config-schema.js'
import { isDocumentation, recordExtension } from '../formats/detect.js'
import { createSourceMatcher } from '../provenance/source-map.js'
import { recordText } from '../provenance/text/record-text.js'
import { createExcludeFilter } from '../util/excludes.js'
import { walkStream } from '../util/walk.js'
import { UserError } from '../util/errors.js'
import { compareStrings } from '../util/order.js'
import { PREVIEW_CHARS, type AnnotationItem } from '../formats/annotations/item.js'

/**
 * Data-item audits sample the content of one declared source for the TC260-003 safety review:
 * every record of its JSONL, JSON, CSV/TSV and text files is an item (`path#n`: the line of a
 * JSONL or text record, the row of a CSV one, the index in a JSON array), and every
 * other file (images, audio, video, Parquet) is one item. Previews carry the start of the record's
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
        if (!isDocumentation(relPath) && sourceOf(relPath) === sourceId) files.push(relPath)
      },
      finding: () => undefined,
    },
    [],
    createExcludeFilter(config.excludes),
  )
  if (files.length === 0) throw new UserError(`--source ${sourceId}: its paths in tdgov.yaml match no file under ${root}`)
  return files.sort(compareStrings)
}

/** The items of the given files (POSIX paths relative to `root`), in file then record order. */
export async function* readDataItems(root: string, files: readonly string[]): AsyncIterable<AnnotationItem> {
  for (const relPath of files) {
    const file = path.join(root, relPath)
    switch (recordExtension(relPath)) {
      case 'jsonl':
      case 'ndjson':
        yield* lineItems(file, relPath, (line) => recordText(parseJson(line)))
        break
      case 'txt':
      case 'md':
        yield* lineItems(file, relPath, (line) => line)
        break
      case 'csv':
      case 'tsv':
        yield* csvItems(file, relPath)
        break
      case 'json':
        yield* jsonItems(file, relPath)
        break
      default:
        yield item(relPath, relPath, 'file', relPath)
    }
  }
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The preview keeps the record's first PREVIEW_SOURCE_CHARS characters; masking and cutting
 * happen when the sheet is written, for the sampled records only, not for every record read.
 */
const PREVIEW_SOURCE_CHARS = PREVIEW_CHARS * 4

function item(relPath: string, itemId: string, location: string, text: string): AnnotationItem {
  const preview = text.length > PREVIEW_SOURCE_CHARS ? text.slice(0, PREVIEW_SOURCE_CHARS) : text
  return { item_id: itemId, annotator: null, labels: [], source_file: relPath, location, preview }
}

/** The file's bytes, decompressed when its name says gzip or zstd (as the scan reads them). */
function openContent(file: string): Readable {
  const raw = createReadStream(file)
  if (/\.(gz|gzip)$/i.test(file)) return raw.pipe(createGunzip())
  if (/\.(zst|zstd)$/i.test(file)) return Readable.from(zstdChunks(raw))
  return raw
}

async function* zstdChunks(raw: Readable): AsyncIterable<Uint8Array> {
  const { Decompress } = await import('fzstd')
  const out: Uint8Array[] = []
  const stream = new Decompress((chunk) => out.push(chunk))
  for await (const chunk of raw) {
    stream.push(chunk as Uint8Array)
    yield* out.splice(0)
  }
  stream.push(new Uint8Array(0), true)
  yield* out.splice(0)
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return line
  }
}

async function* lineItems(file: string, relPath: string, textOf: (line: string) => string): AsyncIterable<AnnotationItem> {
  let line = 0
  for await (const text of createInterface({ input: openContent(file), crlfDelay: Infinity })) {
    line++
    if (text.trim() === '') continue
    yield item(relPath, `${relPath}#${line}`, `line ${line}`, textOf(text))
  }
}

async function* csvItems(file: string, relPath: string): AsyncIterable<AnnotationItem> {
  const parser = openContent(file).pipe(
    parse({ bom: true, columns: true, delimiter: recordExtension(relPath) === 'tsv' ? '\t' : ',', relax_column_count: true, skip_empty_lines: true, info: true }),
  )
  // A quoted field may span lines, so CSV items are numbered by data row, not by line.
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number } }>) {
    yield item(relPath, `${relPath}#${info.records}`, `row ${info.records} (ending on line ${info.lines})`, recordText(record))
  }
}

async function* jsonItems(file: string, relPath: string): AsyncIterable<AnnotationItem> {
  let value: unknown
  try {
    value = JSON.parse(await text(openContent(file)))
  } catch {
    yield item(relPath, relPath, 'file', relPath)
    return
  }
  // An array of records, or an object whose first array-valued key holds them.
  const records = Array.isArray(value) ? value : Object.values(value as object).find(Array.isArray)
  if (!Array.isArray(records)) {
    yield item(relPath, relPath, 'file', recordText(value))
    return
  }
  for (let i = 0; i < records.length; i++) yield item(relPath, `${relPath}#${i + 1}`, `record ${i + 1}`, recordText(records[i]))
}
