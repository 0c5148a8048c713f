import { asBuffer } from '../util/as-buffer.js'
import { parse } from 'csv-parse/sync'
import { FindingCollector } from '../findings/finding.js'
import { kindOfCell, sniffDelimiter } from './csv-dialect.js'
import { RecordFacts } from '../provenance/index.js'
import { RecordSampler, type SampledRecord } from './record-sampler.js'
import { SchemaAccumulator } from './schema-accumulator.js'
import { limitsOf } from './limits.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d
const SNIFF_BYTES = 64 * 1024

const enum Quote {
  None,
  Inside,
  /** a quote inside a quoted field: the end of the field, or the first half of "" */
  MaybeClosed,
}

/**
 * CSV and TSV in one pass over the bytes: a record ends at a newline outside quotes, so quoted
 * newlines stay inside their record; fields are counted per record and compared with the header.
 * The header and a seeded sample of records (all of them with --deep) are parsed with csv-parse
 * for the schema.
 */
class CsvAnalyzer implements ContentAnalyzer {
  private readonly findings = new FindingCollector()
  private readonly sampler: RecordSampler
  private readonly schema: SchemaAccumulator
  private delimiter = -1
  private head: Buffer[] | null = []
  private headBytes = 0
  private quote = Quote.None
  private fieldStart = true
  private recordOpen = false
  private fields = 0
  private expectedFields = -1
  private line = 1
  private recordLine = 1
  private records = 0
  private header: string[] | null = null
  private capturing = false
  private captureParts: Buffer[] = []
  private captureBytes = 0
  /** the open record is over --max-record-bytes (an unterminated quote runs to the end of the file): counted, not held */
  private recordTooLong = false
  private readonly maxRecordBytes: number
  /** whether the record being captured is in the sample (else it is captured for --pii full only) */
  private sampledNow = false
  private readonly facts: RecordFacts

  constructor(
    ctx: AnalyzerContext,
    private readonly preferredDelimiter: number,
  ) {
    this.facts = RecordFacts.forScan(ctx)
    this.maxRecordBytes = limitsOf(ctx).maxRecordBytes
    this.schema = new SchemaAccumulator(limitsOf(ctx).maxFields)
    const parseRecord = (record: SampledRecord): void => this.addToSchema(record)
    this.sampler = RecordSampler.forScan(ctx, parseRecord)
  }

  push(input: Uint8Array): void {
    const chunk = asBuffer(input)
    if (this.head) {
      // The BOM and the delimiter are decided on the first 64 KiB, however the bytes arrive.
      this.head.push(Buffer.from(chunk))
      this.headBytes += chunk.length
      if (this.headBytes >= SNIFF_BYTES) this.start()
      return
    }
    this.scan(chunk)
  }

  private start(): void {
    let head = Buffer.concat(this.head ?? [])
    this.head = null
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3)
    this.delimiter = sniffDelimiter(head.subarray(0, SNIFF_BYTES), this.preferredDelimiter)
    this.scan(head)
  }

  /**
   * RFC 4180: a double quote opens a quoted field only at the start of a field; inside one, a
   * doubled quote is a literal quote. A stray quote in an unquoted field (`12" pizza`) is text.
   */
  private scan(chunk: Buffer): void {
    const delimiter = this.delimiter
    let captureFrom = 0
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (this.quote === Quote.Inside) {
        if (b === QUOTE) this.quote = Quote.MaybeClosed
        else if (b === LF) this.line++
        continue
      }
      if (this.quote === Quote.MaybeClosed) {
        this.quote = Quote.None
        if (b === QUOTE) {
          this.quote = Quote.Inside
          continue
        }
      }
      if (b === LF) {
        if (this.recordOpen) this.closeRecord(chunk, captureFrom, i)
        this.line++
        continue
      }
      if (!this.recordOpen) {
        if (b === CR) continue
        this.openRecord()
        captureFrom = i
      }
      if (b === delimiter) {
        this.fields++
        this.fieldStart = true
      } else if (b === QUOTE && this.fieldStart) {
        this.quote = Quote.Inside
        this.fieldStart = false
      } else if (b !== CR) {
        this.fieldStart = false
      }
    }
    if (this.capturing) this.hold(chunk.subarray(captureFrom))
  }

  /** Keeps the open record's bytes from this chunk (a copy), until the record is over the limit. */
  private hold(bytes: Buffer): void {
    this.captureBytes += bytes.length
    if (this.captureBytes > this.maxRecordBytes) {
      this.capturing = false
      this.captureParts = []
      this.recordTooLong = true
      return
    }
    this.captureParts.push(Buffer.from(bytes))
  }

  private openRecord(): void {
    this.recordOpen = true
    this.fieldStart = true
    this.fields = 1
    this.recordLine = this.line
    this.captureBytes = 0
    this.recordTooLong = false
    this.sampledNow = this.header !== null && this.sampler.wants(this.records + 1)
    // Outside --deep every record is captured: the dataset-wide duplicate sample is offered each one.
    this.capturing = true
  }

  private closeRecord(chunk: Buffer, from: number, to: number): void {
    this.recordOpen = false
    let text: string | null = null
    if (this.capturing && this.captureBytes + (to - from) > this.maxRecordBytes) {
      this.capturing = false
      this.captureParts = []
      this.recordTooLong = true
    }
    if (this.recordTooLong) this.findings.add({ code: 'RECORD_TOO_LONG', line: this.recordLine, args: { limit: this.maxRecordBytes } })
    if (this.capturing) {
      this.captureParts.push(chunk.subarray(from, to))
      text = Buffer.concat(this.captureParts).toString('utf8').replace(/\r$/, '')
      this.captureParts = []
      this.capturing = false
    }
    if (this.header === null) {
      this.expectedFields = this.fields
      const { names, renamed } = distinctHeader(text === null ? [] : (parseRow(text, this.delimiter) ?? []))
      this.header = names
      for (const { column, name, renamed: as } of renamed) this.findings.add({ code: 'CSV_HEADER_RENAMED', line: this.recordLine, args: { column, name, renamed: as } })
      return
    }
    this.records++
    if (this.fields !== this.expectedFields) {
      this.findings.add({
        code: 'CSV_FIELD_COUNT',
        line: this.recordLine,
        args: { actual: this.fields, expected: this.expectedFields },
      })
    }
    if (text !== null && (this.facts.wantsEveryRecord || !this.sampler.isExhaustive)) {
      const cells = splitRecord(text, this.delimiter)
      const record = Object.fromEntries(this.header.map((name, i) => [name, cells[i] ?? '']))
      if (!this.sampler.isExhaustive) this.facts.offerValue(record)
      // Parsed, so that a number is judged by its column's name, not as a bare number in a line.
      if (this.facts.wantsEveryRecord) this.facts.addRawValue(record)
    }
    if (text !== null && this.sampledNow) this.sampler.keep({ index: this.records, line: this.recordLine, text })
  }

  private addToSchema(record: SampledRecord): void {
    const cells = parseRow(record.text, this.delimiter)
    if (!cells || !this.header) return
    const names = this.header
    this.schema.addRecord(
      names.map((name, i): [string, ReturnType<typeof kindOfCell>, boolean] => {
        const cell = cells[i] ?? ''
        const kind = kindOfCell(cell)
        // An empty cell is a null; one holding only spaces is there but empty.
        return [name, kind, kind !== null && cell.trim() === '']
      }),
    )
    this.facts.addRecord(Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])), record.text, record.index)
  }

  finish(): ContentAnalysis {
    if (this.head) this.start()
    if (this.quote === Quote.Inside) this.findings.add({ code: 'CSV_UNTERMINATED_QUOTE', line: this.recordLine })
    if (this.recordOpen) this.closeRecord(Buffer.alloc(0), 0, 0)
    if (this.header === null) {
      this.findings.add({ code: 'CSV_NO_HEADER' })
      return { records: 0, findings: this.findings.result() }
    }
    if (!this.sampler.isExhaustive) for (const record of this.sampler.sample()) this.addToSchema(record)
    // Columns come from the header even when no data row was sampled.
    if (this.schema.count === 0) this.schema.addRecord(this.header.map((name) => [name, null]))
    if (this.schema.capped) this.findings.add({ code: 'FIELDS_CAPPED', args: { limit: this.schema.maxFields } })
    this.sampler.noteReduced(this.findings)
    const schema = this.schema.result(this.records)
    if (this.records === 0) for (const field of schema.fields) field.nulls = 0
    return { records: this.records, schema, facts: this.facts.result(), findings: this.findings.result() }
  }
}

/**
 * The cells of one record (RFC 4180: a quoted cell may hold delimiters, newlines and doubled
 * quotes). A cheap split for every record; the schema's sampled records go through csv-parse.
 */
export function splitRecord(text: string, delimiter: number): string[] {
  const cells: string[] = []
  const d = String.fromCharCode(delimiter)
  let i = 0
  while (i <= text.length) {
    if (text[i] === '"') {
      let cell = ''
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q === -1) {
          cell += text.slice(j)
          j = text.length
          break
        }
        cell += text.slice(j, q)
        if (text[q + 1] === '"') {
          cell += '"'
          j = q + 2
          continue
        }
        j = q + 1
        break
      }
      // anything between the closing quote and the delimiter is kept, as relax_quotes does
      const next = text.indexOf(d, j)
      cells.push(next === -1 ? cell + text.slice(j) : cell + text.slice(j, next))
      if (next === -1) break
      i = next + 1
      continue
    }
    const next = text.indexOf(d, i)
    if (next === -1) {
      cells.push(text.slice(i))
      break
    }
    cells.push(text.slice(i, next))
    i = next + 1
  }
  return cells
}

export interface HeaderRename {
  /** 1-based position of the column */
  column: number
  /** the name the header gives it */
  name: string
  /** the name it is recorded under */
  renamed: string
}

/**
 * Header names made distinct, so every column stays a field of its own: an empty name becomes
 * `column_N` (its 1-based position), the second `name` becomes `name_2`, the third `name_3`, and
 * so on, skipping names the header already uses.
 */
export function distinctHeader(header: readonly string[]): { names: string[]; renamed: HeaderRename[] } {
  const taken = new Set(header.filter((name) => name.trim() !== ''))
  const used = new Set<string>()
  const renamed: HeaderRename[] = []
  const names = header.map((name, i) => {
    if (name.trim() !== '' && !used.has(name)) {
      used.add(name)
      return name
    }
    const base = name.trim() === '' ? `column_${i + 1}` : name
    let candidate = base
    for (let n = 2; used.has(candidate) || taken.has(candidate); n++) candidate = `${base}_${n}`
    used.add(candidate)
    renamed.push({ column: i + 1, name, renamed: candidate })
    return candidate
  })
  return { names, renamed }
}

function parseRow(text: string, delimiter: number): string[] | null {
  try {
    const rows: string[][] = parse(text, {
      delimiter: String.fromCharCode(delimiter),
      relax_quotes: true,
      relax_column_count: true,
    })
    return rows[0] ?? []
  } catch {
    return null
  }
}

export function createCsvAnalyzer(ctx: AnalyzerContext, format: 'csv' | 'tsv'): ContentAnalyzer {
  return new CsvAnalyzer(ctx, format === 'tsv' ? 0x09 : 0x2c)
}
