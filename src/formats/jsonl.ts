import { FindingCollector } from '../findings/finding.js'
import { describeJsonError } from './json-error.js'
import { LineReader } from './line-reader.js'
import { limitsOf } from './limits.js'
import { jsonNestsDeeperThan, jsonObjectCut, MEMBERS_PER_FIELD } from '../util/json-depth.js'
import { RecordFacts } from '../provenance/index.js'
import { RecordSampler, type SampledRecord } from './record-sampler.js'
import { SchemaAccumulator, kindOfJson } from './schema-accumulator.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/**
 * JSON Lines: every line is counted and its framing checked (it must open and close like a JSON
 * object); a seeded sample of lines, or every line with --deep, is parsed for the schema. Blank
 * lines are not records.
 */
class JsonlAnalyzer extends LineReader implements ContentAnalyzer {
  private records = 0
  private readonly sampler: RecordSampler
  private readonly schema: SchemaAccumulator
  private readonly facts: RecordFacts
  private readonly maxDepth: number
  private readonly maxFields: number

  constructor(ctx: AnalyzerContext) {
    const limits = limitsOf(ctx)
    super(new FindingCollector(), limits.maxRecordBytes)
    this.maxDepth = limits.maxDepth
    this.maxFields = limits.maxFields
    this.schema = new SchemaAccumulator(limits.maxFields)
    this.facts = RecordFacts.forScan(ctx)
    const parse = (record: SampledRecord): void => this.parse(record)
    this.sampler = RecordSampler.forScan(ctx, parse)
  }

  protected onLine(buf: Buffer, start: number, end: number, line: number): void {
    let s = start
    let e = end
    while (e > s && isSpace(buf[e - 1]!)) e--
    // A byte-order mark before the first record is an encoding marker, not content.
    if (line === 1 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3
    while (s < e && isSpace(buf[s]!)) s++
    if (s === e) {
      this.findings.add({ code: 'JSONL_BLANK_LINE', line })
      return
    }
    const index = ++this.records
    if (this.facts.wantsEveryRecord) this.searchEveryRecord(buf.toString('utf8', s, e))
    const first = buf[s]!
    const last = buf[e - 1]!
    const framed = (first === OPEN_BRACE && last === CLOSE_BRACE) || (first === OPEN_BRACKET && last === CLOSE_BRACKET)
    // Every record is offered to the sampler, so the sample does not depend on the findings.
    const sampled = this.sampler.wants(index)
    if (!framed) {
      // Rare: a line that cannot be an object; parse it now to say whether it is broken.
      this.parse({ index, line, text: buf.toString('utf8', s, e) })
      return
    }
    // Every record goes to the dataset-wide duplicate sample, parsed only when it is kept there.
    if (!this.sampler.isExhaustive) this.facts.offerJson(buf, s, e)
    if (sampled) this.sampler.keep({ index, line, text: buf.toString('utf8', s, e) })
  }

  /** A record too long to hold is still a record: counted, and offered to the sampler like any other. */
  protected override onLongLine(line: number, offset: number): void {
    super.onLongLine(line, offset)
    this.sampler.wants(++this.records)
  }

  /** --pii full: the record parsed, so numbers are judged by their keys; a broken or too deep line as text. */
  private searchEveryRecord(text: string): void {
    let value: unknown
    if (jsonNestsDeeperThan(text, this.maxDepth)) {
      this.facts.addRaw(text)
      return
    }
    try {
      value = JSON.parse(this.cut(text).text)
    } catch {
      this.facts.addRaw(text)
      return
    }
    this.facts.addRawValue(value)
  }

  private parse(record: SampledRecord): void {
    let value: unknown
    if (jsonNestsDeeperThan(record.text, this.maxDepth)) {
      this.findings.add({ code: 'NESTING_TOO_DEEP', line: record.line, args: { limit: this.maxDepth } })
      return
    }
    const { text, cut } = this.cut(record.text)
    if (cut) {
      this.findings.add({ code: 'RECORD_FIELDS_CUT', line: record.line, args: { limit: this.maxFields } })
      if (cut.wide) this.schema.capped = true
    }
    try {
      value = JSON.parse(text)
    } catch (error) {
      this.findings.add({ code: 'JSONL_INVALID_LINE', line: record.line, args: { reason: describeJsonError(error) } })
      return
    }
    const kind = kindOfJson(value)
    if (kind !== 'object') {
      this.findings.add({ code: 'JSONL_NOT_OBJECT', line: record.line, args: { type: kind ?? 'null' } })
      return
    }
    this.schema.addObject(value as Record<string, unknown>)
    this.facts.addRecord(value, record.text, record.index, record.line)
  }

  /** The record, or as much of it as fits the field limits (jsonObjectCut). */
  private cut(text: string): { text: string; cut: ReturnType<typeof jsonObjectCut> } {
    const cut = jsonObjectCut(text, this.maxFields, this.maxFields * MEMBERS_PER_FIELD)
    return { text: cut === null ? text : `${text.slice(0, cut.end)}}`, cut }
  }

  finish(): ContentAnalysis {
    this.flush()
    if (!this.sampler.isExhaustive) for (const record of this.sampler.sample()) this.parse(record)
    if (this.schema.capped) this.findings.add({ code: 'FIELDS_CAPPED', args: { limit: this.schema.maxFields } })
    this.sampler.noteReduced(this.findings)
    const analysis: ContentAnalysis = { records: this.records, facts: this.facts.result(), findings: this.findings.result() }
    if (this.schema.count > 0) analysis.schema = this.schema.result(this.records)
    return analysis
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d
}

export function createJsonlAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  return new JsonlAnalyzer(ctx)
}
