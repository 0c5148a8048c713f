import { createReadStream } from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { CsvError } from 'csv-parse'
import { sniffDelimiter } from '../csv-dialect.js'
import { UserError } from '../../util/errors.js'
import { cutPreview, type AdapterOptions, type AnnotationAdapter, type AnnotationItem, type ColumnNames } from './item.js'
import { firstJsonObject, firstLineOf, inputError, readFileHead, readJsonLineBatches } from './json-lines.js'
import { idText, type JsonObject } from './json-values.js'

/**
 * Generic exports: one item per CSV/TSV row or JSONL line, with the item, annotator and label
 * columns named by `options.columns` (--item-column, --annotator-column, --label-column).
 * Both stream: nothing is kept between rows.
 */

const TAB = 0x09
const COMMA = 0x2c

/** One parsed CSV record and the 1-based line it starts on. The first record is the header. */
export interface CsvRecord {
  line: number
  cells: string[]
}

/**
 * The records of a CSV/TSV file, streamed with csv-parse. The delimiter is sniffed from the first
 * 64 KiB (Label Studio writes tab-separated "CSV" too), preferring tab for .tsv/.tab files.
 * Blank lines are skipped; rows may have fewer or more cells than the header. Line numbers
 * assume LF or CRLF line ends (a file ending lines with a bare CR reads, but numbers them wrong).
 */
export async function* readCsvRecords(file: string): AsyncGenerator<CsvRecord> {
  const head = await readFileHead(file)
  const delimiter = String.fromCharCode(sniffDelimiter(head, /\.(tsv|tab)$/i.test(file) ? TAB : COMMA))
  // Neither `info` nor `skip_empty_lines`: csv-parse's per-record info snapshot made a
  // 10-million-row file four times slower. Blank lines come through as [''] and every record
  // spans one line plus the newlines inside its quoted cells, which is all a line number needs.
  // Loaded here, not at the top: the scan imports this module to sniff every file that may be an export.
  const { parse } = await import('csv-parse')
  const parser = parse({ delimiter, bom: true, relax_column_count: true })
  const input = createReadStream(file)
  input.on('error', (error) => parser.destroy(inputError(file, error)))
  input.pipe(parser)
  let line = 1
  try {
    for await (const batch of drain<string[]>(parser)) {
      for (const cells of batch) {
        const start = line
        line += 1 + newlinesIn(cells)
        if (cells.length === 1 && cells[0]!.trim() === '') continue
        yield { line: start, cells }
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    throw csvError(file, error)
  } finally {
    input.destroy()
    parser.destroy()
  }
}

function newlinesIn(cells: readonly string[]): number {
  let count = 0
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count++
  }
  return count
}

/**
 * The objects of an object-mode stream in batches of whatever is buffered: `for await` over
 * the stream itself costs a promise per object, which dominated reading large CSV files.
 */
async function* drain<T>(stream: Readable): AsyncGenerator<T[]> {
  let failure: unknown = null
  // Listening from the start: an error emitted while the consumer is busy must not go unheard.
  stream.on('error', (error: unknown) => {
    failure = error
  })
  for (;;) {
    const batch: T[] = []
    for (let object = stream.read() as T | null; object !== null; object = stream.read() as T | null) batch.push(object)
    if (batch.length > 0) {
      yield batch
      continue
    }
    // `errored` is set the moment the stream is destroyed; the 'error' event comes a tick later.
    const error = failure ?? stream.errored
    if (error !== null) throw error
    if (stream.readableEnded || stream.destroyed) return
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        stream.off('readable', wake)
        stream.off('end', wake)
        stream.off('error', wake)
        stream.off('close', wake)
        resolve()
      }
      stream.on('readable', wake)
      stream.on('end', wake)
      stream.on('error', wake)
      stream.on('close', wake)
    })
  }
}

/** csv-parse messages can quote the offending cell; say what went wrong and where, not what it held. */
function csvError(file: string, error: unknown): UserError {
  const csv = error as Partial<CsvError> & { lines?: number }
  const where = typeof csv.lines === 'number' ? `${file}:${csv.lines}` : file
  switch (csv.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UserError(`${where}: malformed CSV: a quoted cell is never closed`)
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new UserError(`${where}: malformed CSV: a closing quote is followed by more text in the same cell`)
    case 'INVALID_OPENING_QUOTE':
      return new UserError(`${where}: malformed CSV: a quote appears inside an unquoted cell`)
    default:
      return new UserError(`${where}: malformed CSV (${csv.code ?? 'unreadable'})`)
  }
}

/** A column list for "no column" messages, cut short when the header is wide. */
export function listColumns(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(', ')
  return names.length > 20 ? `${shown}, … ${names.length - 20} more` : shown
}

/** The flag that renames each configurable column. */
const FLAG: Record<keyof ColumnNames, string> = { item: '--item-column', annotator: '--annotator-column', label: '--label-column' }

function missingColumn(where: string, kind: keyof ColumnNames, columns: ColumnNames, present: readonly string[], noun: 'column' | 'field'): UserError {
  return new UserError(`${where}: no ${noun} "${columns[kind]}" (${noun}s: ${listColumns(present)}); pass ${FLAG[kind]}`)
}

/**
 * Labels of a generic label cell: '' is no label; a JSON list of strings (`["a","b"]`, how
 * multi-label exports usually spell it) is one label per element; anything else is one label.
 */
export function labelsOfCell(cell: string): string[] {
  const trimmed = cell.trim()
  if (trimmed === '') return []
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    try {
      const value: unknown = JSON.parse(trimmed)
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String)
    } catch {
      // not JSON: a label that happens to start with '['
    }
  }
  return [cell]
}

async function* readCsv(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const { columns } = options
  let item = -1
  let annotator = -1
  let label = -1
  let text = -1
  let header: string[] | null = null
  for await (const { line, cells } of readCsvRecords(file)) {
    if (!header) {
      header = cells.map((c) => c.trim())
      item = header.indexOf(columns.item)
      annotator = header.indexOf(columns.annotator)
      label = header.indexOf(columns.label)
      text = header.indexOf('text')
      if (item === -1) throw missingColumn(`${file}:${line}`, 'item', columns, header, 'column')
      // Without a label column every row would be unlabelled: almost surely a misnamed column.
      if (label === -1) throw missingColumn(`${file}:${line}`, 'label', columns, header, 'column')
      continue
    }
    const id = (cells[item] ?? '').trim()
    if (id === '') throw new UserError(`${file}:${line}: empty "${columns.item}" cell; every row needs an item id`)
    const who = annotator === -1 ? '' : (cells[annotator] ?? '').trim()
    yield {
      item_id: id,
      annotator: who === '' ? null : who,
      labels: labelsOfCell(cells[label] ?? ''),
      source_file: file,
      location: `line ${line}`,
      preview: text === -1 ? '' : cutPreview(cells[text] ?? ''),
    }
  }
}

/** Labels of a generic JSONL label field: a string, a number, or a list of them; null/absent is none. */
function labelsOfField(value: unknown, where: string, name: string): string[] {
  if (value === undefined || value === null || value === '') return []
  if (typeof value === 'string') return [value]
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String)
  throw new UserError(`${where}: "${name}" must be a label, a list of labels or null`)
}

async function* readJsonl(file: string, options: AdapterOptions): AsyncGenerator<AnnotationItem> {
  const { columns } = options
  for await (const batch of readJsonLineBatches(file)) {
    for (const { line, record } of batch) {
      const where = `${file}:${line}`
      const id = idText(record[columns.item])
      if (id === undefined) {
        if (!(columns.item in record)) throw missingColumn(where, 'item', columns, Object.keys(record), 'field')
        throw new UserError(`${where}: "${columns.item}" must be a non-empty string or a number`)
      }
      yield {
        item_id: id,
        annotator: idText(record[columns.annotator]) ?? null,
        labels: labelsOfField(record[columns.label], where, columns.label),
        source_file: file,
        location: `line ${line}`,
        preview: previewOf(record),
      }
    }
  }
}

function previewOf(record: JsonObject): string {
  return typeof record.text === 'string' ? cutPreview(record.text) : ''
}

/** Generic CSV/TSV: claimed by extension only, after every specific format has declined. */
export const csvAdapter: AnnotationAdapter = {
  format: 'csv',
  sniff: (file) => /\.(csv|tsv|tab)$/i.test(file),
  read: readCsv,
}

/** Generic JSON Lines: claimed when the first line is a JSON object (or the extension says JSONL). */
export const jsonlAdapter: AnnotationAdapter = {
  format: 'jsonl',
  sniff: (file, head) => firstJsonObject(head) !== null || (/\.(jsonl|ndjson|jsonlines)$/i.test(path.basename(file)) && firstLineOf(head).startsWith('{')),
  read: readJsonl,
}
