import { asBuffer } from '../util/as-buffer.js'
import { FindingCollector } from '../findings/finding.js'
import { JsonByte, isJsonWhitespace } from './json-bytes.js'
import { describeJsonError, jsonErrorIndex, placeInText } from './json-error.js'
import { limitsOf } from './limits.js'
import { jsonHasObjectWiderThan, jsonNestsDeeperThan, jsonObjectCut, MEMBERS_PER_FIELD } from '../util/json-depth.js'
import { RecordFacts } from '../provenance/index.js'
import { RecordSampler, type SampledRecord } from './record-sampler.js'
import { SchemaAccumulator, kindOfJson } from './schema-accumulator.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

/** Documents up to this size are parsed whole: exact validation and an exact schema. */
const WHOLE_PARSE_LIMIT = 8 * 1024 * 1024

/**
 * A JSON document holding records: an array of records, or an object whose values are arrays
 * (splits of records, or columns). Small documents are parsed whole; larger ones are walked byte
 * by byte, counting the elements of the record arrays and capturing a seeded sample of them.
 */
class JsonAnalyzer implements ContentAnalyzer {
  private readonly findings = new FindingCollector()
  private readonly sampler: RecordSampler
  private readonly schema: SchemaAccumulator
  private whole: Buffer[] | null = []
  private wholeBytes = 0
  // streaming state
  private offset = 0
  private depth = 0
  /** container kind per depth: true = array */
  private readonly arrays: boolean[] = []
  private inString = false
  private escape = false
  private topKind: 'array' | 'object' | 'scalar' | null = null
  private topClosed = false
  private inElement = false
  private elements = 0
  /** per array value of a top-level object: its elements, and whether they are records (objects) */
  private readonly topArrays: { count: number; objects: boolean }[] = []
  private capturing = false
  private captureParts: Buffer[] = []
  private captureBytes = 0
  /** offset in the content where the element being walked starts */
  private elementOffset = 0
  private readonly maxRecordBytes: number
  /** whether the element being captured is in the sample (else it is captured for --pii full only) */
  private sampledNow = false
  private broken = false
  /** the element being walked nests deeper than the limit: it is counted, not captured */
  private elementTooDeep = false
  private readonly facts: RecordFacts
  private readonly maxDepth: number
  private readonly maxFields: number

  constructor(ctx: AnalyzerContext) {
    this.maxDepth = limitsOf(ctx).maxDepth
    this.maxFields = limitsOf(ctx).maxFields
    this.maxRecordBytes = limitsOf(ctx).maxRecordBytes
    this.schema = new SchemaAccumulator(limitsOf(ctx).maxFields)
    this.facts = RecordFacts.forScan(ctx)
    const parse = (record: SampledRecord): void => this.addElement(record)
    this.sampler = RecordSampler.forScan(ctx, parse)
  }

  push(input: Uint8Array): void {
    const chunk = asBuffer(input)
    if (!this.whole) return this.stream(chunk)
    this.whole.push(Buffer.from(chunk))
    this.wholeBytes += chunk.length
    if (this.wholeBytes <= WHOLE_PARSE_LIMIT) return
    // Too big to parse whole after all: walk what was held, then stream the rest.
    const held = this.whole
    this.whole = null
    for (const part of held) this.stream(part)
  }

  private stream(chunk: Buffer): void {
    if (!this.broken) this.walk(chunk)
    this.offset += chunk.length
  }

  private walk(chunk: Buffer): void {
    let captureFrom = 0
    const bom = this.offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf
    for (let i = bom ? 3 : 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (this.inString) {
        if (this.escape) this.escape = false
        else if (b === JsonByte.Backslash) this.escape = true
        else if (b === JsonByte.Quote) this.inString = false
        continue
      }
      if (isJsonWhitespace(b) || b === JsonByte.Colon) continue
      if (this.topClosed) return this.fail('unexpected data after the end of the document', i)
      if (this.topKind === null) {
        this.topKind = b === JsonByte.OpenBracket ? 'array' : b === JsonByte.OpenBrace ? 'object' : 'scalar'
        if (this.topKind === 'scalar') return
      }
      if (b === JsonByte.Comma) {
        if (this.inElement && this.depth === this.elementDepth()) {
          this.endElement(chunk, captureFrom, i)
        }
        continue
      }
      if (b === JsonByte.CloseBrace || b === JsonByte.CloseBracket) {
        const isArray = b === JsonByte.CloseBracket
        // Past the depth limit only the depth is kept, so a million brackets cost no memory.
        if (this.depth === 0 || (this.depth <= this.maxDepth && this.arrays[this.depth - 1] !== isArray)) {
          return this.fail(`unexpected '${String.fromCharCode(b)}'`, i)
        }
        if (this.inElement && this.depth === this.elementDepth()) this.endElement(chunk, captureFrom, i)
        this.depth--
        if (this.depth === 0) this.topClosed = true
        continue
      }
      if (!this.inElement && this.depth === this.elementDepth() && this.inRecordArray()) {
        this.startElement(b)
        this.elementOffset = this.offset + i
        captureFrom = i
      }
      if (b === JsonByte.Quote) this.inString = true
      else if (b === JsonByte.OpenBrace || b === JsonByte.OpenBracket) {
        if (this.depth === 1 && this.topKind === 'object' && b === JsonByte.OpenBracket) {
          this.topArrays.push({ count: 0, objects: false })
        }
        if (this.depth < this.maxDepth) this.arrays[this.depth] = b === JsonByte.OpenBracket
        else if (this.depth === this.maxDepth) this.tooDeep(i)
        this.depth++
      }
    }
    if (this.capturing) this.hold(chunk.subarray(captureFrom))
  }

  /** Keeps the element's bytes from this chunk (a copy), until it is over --max-record-bytes: then it is counted, not held. */
  private hold(bytes: Buffer): void {
    this.captureBytes += bytes.length
    if (this.captureBytes <= this.maxRecordBytes) {
      this.captureParts.push(Buffer.from(bytes))
      return
    }
    this.findings.add({ code: 'RECORD_TOO_LONG', offset: this.elementOffset, args: { limit: this.maxRecordBytes } })
    this.capturing = false
    this.captureParts = []
  }

  /** Records sit directly in the top array, or in arrays that are values of the top object. */
  private elementDepth(): number {
    return this.topKind === 'array' ? 1 : 2
  }

  private inRecordArray(): boolean {
    return this.arrays[this.depth - 1] === true && (this.topKind === 'array' || this.arrays[0] === false)
  }

  private startElement(first: number): void {
    this.inElement = true
    this.elementTooDeep = false
    this.captureBytes = 0
    this.elements++
    const array = this.topArrays[this.topArrays.length - 1]
    if (this.topKind === 'object' && array) {
      if (array.count === 0) array.objects = first === JsonByte.OpenBrace
      array.count++
    }
    this.sampledNow = this.sampler.wants(this.elements)
    // Outside --deep every element is captured for the dataset-wide duplicate sample.
    this.capturing = true
  }

  private endElement(chunk: Buffer, from: number, to: number): void {
    this.inElement = false
    if (!this.capturing) return
    if (this.captureBytes + (to - from) > this.maxRecordBytes) {
      this.hold(chunk.subarray(from, to))
      return
    }
    this.captureParts.push(chunk.subarray(from, to))
    const bytes = Buffer.concat(this.captureParts)
    this.captureParts = []
    this.capturing = false
    if (!this.sampler.isExhaustive) this.facts.offerJson(bytes, 0, bytes.length)
    if (!this.sampledNow && !this.facts.wantsEveryRecord) return
    const text = bytes.toString('utf8').trim()
    if (this.facts.wantsEveryRecord) this.facts.addRaw(text)
    if (this.sampledNow) this.sampler.keep({ index: this.elements, line: 0, offset: this.elementOffset, text })
  }

  /**
   * Nesting past the limit: the element is still counted but never captured or parsed, since
   * walking its parsed value would overflow the stack. Outside any element (the document's own
   * structure) the walk stops, as for broken JSON.
   */
  private tooDeep(at: number): void {
    if (this.inElement && this.elementTooDeep) return
    this.findings.add({ code: 'NESTING_TOO_DEEP', offset: this.offset + at, args: { limit: this.maxDepth } })
    if (!this.inElement) {
      this.broken = true
      return
    }
    this.elementTooDeep = true
    this.capturing = false
    this.captureParts = []
  }

  private fail(reason: string, at: number): void {
    this.broken = true
    this.findings.add({ code: 'JSON_INVALID', offset: this.offset + at, args: { reason } })
  }

  private addElement(record: SampledRecord): void {
    let value: unknown
    const cut = jsonObjectCut(record.text, this.maxFields, this.maxFields * MEMBERS_PER_FIELD)
    if (cut !== null) {
      this.findings.add({ code: 'RECORD_FIELDS_CUT', ...(record.offset !== undefined && { offset: record.offset }), args: { limit: this.maxFields } })
      if (cut.wide) this.schema.capped = true
    }
    const text = cut === null ? record.text : `${record.text.slice(0, cut.end)}}`
    try {
      value = JSON.parse(text)
    } catch (error) {
      const at = record.offset === undefined ? {} : { offset: record.offset + placeInText(text, jsonErrorIndex(text, error)).offset }
      this.findings.add({ code: 'JSON_INVALID', ...at, args: { reason: `record ${record.index}: ${describeJsonError(error)}` } })
      return
    }
    this.addValue(value, record.text, record.index)
  }

  /** `raw`: the record's text in the file, for personal information; built when the whole document was parsed at once. */
  private addValue(value: unknown, raw: string | null, index: number): void {
    if (this.topKind !== 'object' || kindOfJson(value) === 'object') {
      const text = raw ?? JSON.stringify(value)
      // Whole documents are parsed at once, so --pii full has nothing else to look at.
      if (raw === null && this.facts.wantsEveryRecord) this.facts.addRaw(text)
      this.facts.addRecord(value, text, index)
    }
    if (kindOfJson(value) === 'object') this.schema.addObject(value as Record<string, unknown>)
    // Labels or other lists next to the record arrays of an object are not records.
    else if (this.topKind !== 'object') this.schema.addRecord([['value', kindOfJson(value)]])
  }

  finish(): ContentAnalysis | Promise<ContentAnalysis> {
    if (this.whole) {
      const bytes = Buffer.concat(this.whole)
      if (!jsonNestsDeeperThan(bytes, this.maxDepth) && !jsonHasObjectWiderThan(bytes, this.maxFields)) return this.finishWhole(bytes)
      // Too deep or too wide to parse whole: walked as a large document is, which says which record
      // is too deep and cuts records with too many fields.
      this.whole = null
      this.stream(bytes)
    }
    if (!this.broken && this.topKind !== 'scalar' && !this.topClosed) {
      this.findings.add({ code: 'JSON_INVALID', offset: this.offset, args: { reason: 'unexpected end of data' } })
    }
    if (this.topKind === 'scalar') return this.shapeFinding('scalar')
    const records = this.streamedRecordCount()
    if (!this.sampler.isExhaustive) for (const record of this.sampler.sample()) this.addElement(record)
    this.sampler.noteReduced(this.findings)
    this.noteCapped()
    const analysis: ContentAnalysis = { records, facts: this.facts.result(), findings: this.findings.result() }
    if (this.schema.count > 0) analysis.schema = this.schema.result(records)
    return analysis
  }

  /** Same rule as the whole-document path: arrays of objects are record splits, else columns. */
  private streamedRecordCount(): number {
    if (this.topKind === 'array') return this.elements
    const splits = this.topArrays.filter((a) => a.objects)
    if (splits.length > 0) return splits.reduce((sum, a) => sum + a.count, 0)
    return Math.max(0, ...this.topArrays.map((a) => a.count))
  }

  private finishWhole(bytes: Buffer): ContentAnalysis | Promise<ContentAnalysis> {
    let document: unknown
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const text = bytes.toString('utf8', bom)
    try {
      document = JSON.parse(text)
    } catch (error) {
      const { line, offset } = placeInText(text, jsonErrorIndex(text, error))
      this.findings.add({ code: 'JSON_INVALID', line, offset: bom + offset, args: { reason: describeJsonError(error) } })
      return { findings: this.findings.result() }
    }
    this.topKind = Array.isArray(document) ? 'array' : kindOfJson(document) === 'object' ? 'object' : 'scalar'
    // JSON-LD (Croissant metadata) is documentation; its licence reader loads only for such files.
    if (this.topKind === 'object' && '@context' in (document as object)) return this.finishJsonLd(document as Record<string, unknown>)
    return this.finishDocument(document)
  }

  private async finishJsonLd(document: Record<string, unknown>): Promise<ContentAnalysis> {
    const { croissantLicence } = await import('./document.js')
    const licence = croissantLicence(document)
    return licence ? { licence, findings: this.findings.result() } : this.finishDocument(document)
  }

  private finishDocument(document: unknown): ContentAnalysis {
    if (Array.isArray(document)) return this.recordsOf(document)
    if (kindOfJson(document) !== 'object') return this.shapeFinding(kindOfJson(document) ?? 'null')
    const values = Object.values(document as Record<string, unknown>)
    const arrays = values.filter(Array.isArray)
    if (arrays.length === 0) return { findings: this.findings.result() }
    // Arrays of objects are splits of records; an object of scalar arrays is a table by column.
    const splits = arrays.filter((array) => kindOfJson(array[0]) === 'object')
    if (splits.length === 0) return this.columnsOf(document as Record<string, unknown>)
    return this.recordsOf(splits.flat())
  }

  private recordsOf(records: unknown[]): ContentAnalysis {
    this.facts.everyRecordArrives()
    records.forEach((record, i) => this.addValue(record, null, i + 1))
    this.noteCapped()
    const analysis: ContentAnalysis = { records: records.length, facts: this.facts.result(), findings: this.findings.result() }
    if (records.length > 0) analysis.schema = this.schema.result()
    return analysis
  }

  /** `{"text": [...], "label": [...]}`: one field per key, one record per array index. */
  private columnsOf(document: Record<string, unknown>): ContentAnalysis {
    const columns = Object.entries(document).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    const records = Math.max(...columns.map(([, values]) => values.length))
    for (let i = 0; i < records; i++) this.schema.addRecord(columns.map(([name, values]) => [name, kindOfJson(values[i])]))
    this.noteCapped()
    return { records, schema: this.schema.result(), findings: this.findings.result() }
  }

  private noteCapped(): void {
    if (this.schema.capped) this.findings.add({ code: 'FIELDS_CAPPED', args: { limit: this.schema.maxFields } })
  }

  private shapeFinding(type: string): ContentAnalysis {
    this.findings.add({ code: 'JSON_UNEXPECTED_SHAPE', args: { type } })
    return { findings: this.findings.result() }
  }
}

export function createJsonAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  return new JsonAnalyzer(ctx)
}
