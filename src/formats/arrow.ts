import { open } from 'node:fs/promises'
import { Message, RecordBatchReader, type DataType, type Field, type Schema } from 'apache-arrow'
import type { FindingDraft } from '../findings/finding.js'
import { ArrowContent, type BatchPlan } from './arrow-content.js'
import { decodeMessage, HEADER_NAMES, HeaderType, IpcError, type BatchHeader } from './arrow-message.js'
import { decodeMessages, frameMetadata } from './arrow-rows.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer } from './types.js'

export { readArrowRows, type ReadArrowRowsOptions } from './arrow-rows.js'

/*
 * Arrow IPC, counted from message headers only. Each message is
 *   [0xFFFFFFFF] int32 metadataLength, flatbuffer Message (padded to 8), body of bodyLength bytes
 * (the continuation marker is absent in pre-0.15 streams); a length of 0 ends the stream. The file
 * format is "ARROW1\0\0", a stream, then the footer, int32 footer length and "ARROW1"; apache-arrow
 * JS leaves the Schema message out of a file's stream, so the schema may have to come from the footer.
 * Bodies are skipped by counting, so memory stays at the size of the largest header (or footer),
 * except the record batches the content sample needs (see arrow-content.ts) and the dictionary
 * batches, which are kept to decode them: those are decoded as they arrive, one at a time. A file
 * whose stream has no Schema message (apache-arrow JS writes none) has its sampled batches read
 * from disk by position at the end instead, when the footer has given the schema.
 */

const CONTINUATION = 0xffffffff
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31] // "ARROW1"
const FILE_HEAD_BYTES = 8
/** int32 footer length + "ARROW1" */
const FILE_TAIL_BYTES = 10
/** Real headers are kilobytes; a length beyond this is garbage, not a header worth buffering. */
const MAX_METADATA_BYTES = 64 * 1024 * 1024
/** A record batch body beyond this is not decoded for the content facts (the rows are still counted). */
const MAX_BODY_BYTES = 256 * 1024 * 1024
/** Dictionary batches kept to decode record batches with, at most. */
const MAX_DICTIONARY_BYTES = 256 * 1024 * 1024

type Step = 'magic' | 'prefix' | 'length' | 'metadata' | 'body' | 'ended' | 'failed'

/** Where the schema is read from: a Schema message, or the file footer when the writer left it out. */
interface SchemaSource {
  from: 'Schema message' | 'file footer'
  bytes: Uint8Array
  offset: number
}

export function createArrowAnalyzer(ctx: AnalyzerContext, kind: 'file' | 'stream'): ContentAnalyzer {
  return new ArrowHeaderScanner(kind, ctx)
}

/** A message body being copied out of the pushed chunks to be decoded. */
interface Collecting {
  kind: 'dictionary' | 'record'
  metadata: Uint8Array
  body: Uint8Array
  filled: number
  plan: BatchPlan | null
}

class ArrowHeaderScanner implements ContentAnalyzer {
  private step: Step
  /** the fixed-size piece being collected (magic, length prefix or metadata) */
  private piece: Uint8Array
  private filled = 0
  private readonly scratch = new Uint8Array(FILE_HEAD_BYTES)
  private bodyLeft = 0
  private bodyLength = 0
  /** offset of the current message's first byte (its continuation marker or length) */
  private messageStart = 0
  /** bytes consumed by the parser, which stops at the end-of-stream marker */
  private consumed = 0
  private received = 0
  private sawEndOfStream = false
  private failure: IpcError | null = null
  private readonly trailer: FileTrailer | null

  private records = 0
  private schema: SchemaSource | null = null
  /** null counts summed per FieldNode index over all record batches */
  private nodeNulls: number[] | null = null
  private nodeCountMismatch: IpcError | null = null

  private readonly content: ArrowContent
  /** the Schema message framed for a stream, once decoded: record batches are decoded as they arrive */
  private schemaFrame: Uint8Array | null = null
  /** framed dictionary batches (metadata, body, ...) in stream order */
  private readonly dictionaries: Uint8Array[] = []
  private dictionaryBytes = 0
  private collecting: Collecting | null = null
  /** row counts of the record batches, in stream order (for batches read from disk at the end) */
  private readonly batchLengths: number[] = []

  constructor(
    private readonly kind: 'file' | 'stream',
    private readonly ctx: AnalyzerContext,
  ) {
    this.content = new ArrowContent(ctx)
    this.step = kind === 'file' ? 'magic' : 'prefix'
    this.piece = this.scratch.subarray(0, kind === 'file' ? FILE_HEAD_BYTES : 4)
    this.trailer = kind === 'file' ? new FileTrailer() : null
  }

  push(chunk: Uint8Array): void {
    this.received += chunk.length
    this.trailer?.observe(chunk)
    let at = 0
    while (at < chunk.length && this.step !== 'ended' && this.step !== 'failed') {
      at += this.step === 'body' ? this.skipBody(chunk, at) : this.collect(chunk, at)
    }
    if (this.step === 'ended' && at < chunk.length) this.trailer?.retain(chunk.subarray(at))
  }

  async finish(): Promise<ContentAnalysis> {
    const source = this.conclude() ?? this.schemaSource()
    if (source instanceof IpcError) return { findings: [source.toFinding()] }
    const findings: FindingDraft[] = []
    const columns = await decodeSchema(source).catch((error: unknown) => {
      // e.g. a type this apache-arrow version cannot decode (ListView, RunEndEncoded): rows still count
      const reason = `${source.from}: ${error instanceof Error ? error.message : String(error)}`
      findings.push({ code: 'ARROW_INVALID_MESSAGE', offset: source.offset, args: { reason } })
      return null
    })
    if (columns === null) return { records: this.records, findings }
    const nulls = this.nullsPerColumn(columns, findings)
    const fields = columns.map(({ name, type }, i) => (nulls === null ? { name, type } : { name, type, nulls: nulls[i] }))
    if (this.schemaFrame === null && source.from === 'file footer') await this.readFromDisk(source)
    const content = this.content.result()
    return { records: this.records, schema: { fields }, facts: content.facts, findings: [...findings, ...content.findings] }
  }

  /**
   * The sampled record batches of a file whose stream had no Schema message, read by position
   * through apache-arrow's file reader now that the footer has given the schema. A compressed file
   * cannot be read by position: its columns are then reported unreadable.
   */
  private async readFromDisk(source: SchemaSource): Promise<void> {
    const schema = await footerSchema(source)
    if (this.ctx.compression) {
      this.content.unavailable(schema, `the IPC stream has no Schema message and the file is ${this.ctx.compression}-compressed, so its record batches cannot be read by position`)
      return
    }
    this.content.setSchema(schema)
    const handle = await open(this.ctx.absPath, 'r')
    try {
      const reader = await RecordBatchReader.from(handle)
      await reader.open()
      if (!reader.isFile()) throw new Error('expected the IPC file format')
      if (reader.numRecordBatches !== this.batchLengths.length) {
        throw new Error(`the footer lists ${reader.numRecordBatches} record batches; the stream holds ${this.batchLengths.length}`)
      }
      for (let i = 0; i < this.batchLengths.length; i++) {
        const length = this.batchLengths[i]!
        const plan = this.content.batchStart(length)
        if (!plan) continue
        const batch = await reader.readRecordBatch(i)
        if (!batch || batch.numRows !== length) {
          this.content.batchFailed(plan, `the footer's record batch ${i} has ${batch?.numRows ?? 'no'} rows; expected ${length}`)
          continue
        }
        this.content.batch(plan, batch)
      }
    } catch (error) {
      if (isIoError(error)) throw error
      this.content.batchFailed(null, error instanceof Error ? error.message : String(error))
    } finally {
      await handle.close()
    }
  }

  /** Null count per top-level column, or null when the batches' field nodes do not fit the schema. */
  private nullsPerColumn(columns: SchemaColumn[], findings: FindingDraft[]): number[] | null {
    if (this.nodeCountMismatch !== null) {
      findings.push(this.nodeCountMismatch.toFinding())
      return null
    }
    const sums = this.nodeNulls
    if (sums === null) return columns.map(() => 0)
    const expected = columns.reduce((total, column) => total + column.nodes, 0)
    if (sums.length !== expected) {
      const reason = `record batches have ${sums.length} field nodes; expected ${expected} from the schema`
      findings.push({ code: 'ARROW_INVALID_MESSAGE', args: { reason } })
      return null
    }
    let node = 0
    return columns.map((column) => {
      const nulls = sums[node]
      node += column.nodes
      return nulls
    })
  }

  private skipBody(chunk: Uint8Array, at: number): number {
    const n = Math.min(this.bodyLeft, chunk.length - at)
    const collecting = this.collecting
    if (collecting) {
      collecting.body.set(chunk.subarray(at, at + n), collecting.filled)
      collecting.filled += n
    }
    this.bodyLeft -= n
    this.consumed += n
    if (this.bodyLeft === 0) {
      this.expect('prefix', this.scratch.subarray(0, 4))
      this.completeMessage()
    }
    return n
  }

  /** Starts copying the body of a message the content facts need. */
  private startCollecting(kind: Collecting['kind'], metadata: Uint8Array, bodyLength: number, plan: BatchPlan | null): void {
    if (bodyLength > MAX_BODY_BYTES) {
      this.content.batchFailed(plan, `${kind === 'record' ? 'record' : 'dictionary'} batch body of ${bodyLength} bytes; at most ${MAX_BODY_BYTES} are decoded`)
      return
    }
    this.collecting = { kind, metadata, body: new Uint8Array(bodyLength), filled: 0, plan }
  }

  /** A collected message is complete: a dictionary is kept; a record batch is decoded and its rows handed on. */
  private completeMessage(): void {
    const collecting = this.collecting
    if (!collecting) return
    this.collecting = null
    if (collecting.kind === 'dictionary') {
      this.dictionaries.push(frameMetadata(collecting.metadata), collecting.body)
      this.dictionaryBytes += collecting.body.length
      if (this.dictionaryBytes > MAX_DICTIONARY_BYTES) {
        this.content.batchFailed(null, `dictionary batches of more than ${MAX_DICTIONARY_BYTES} bytes; at most that many are kept`)
      }
      return
    }
    const plan = collecting.plan!
    try {
      const [batch] = decodeMessages([this.schemaFrame!, ...this.dictionaries, frameMetadata(collecting.metadata), collecting.body])
      if (!batch) throw new Error('apache-arrow decoded no record batch from the message')
      this.content.batch(plan, batch)
    } catch (error) {
      this.content.batchFailed(plan, error instanceof Error ? error.message : String(error))
    }
  }

  private collect(chunk: Uint8Array, at: number): number {
    const n = Math.min(this.piece.length - this.filled, chunk.length - at)
    this.piece.set(chunk.subarray(at, at + n), this.filled)
    this.filled += n
    this.consumed += n
    if (this.filled === this.piece.length) this.handlePiece()
    return n
  }

  private expect(step: Step, piece: Uint8Array): void {
    this.step = step
    this.piece = piece
    this.filled = 0
  }

  private handlePiece(): void {
    try {
      this.advance()
    } catch (error) {
      this.step = 'failed'
      this.failure = error instanceof IpcError ? error : this.invalid(String(error))
    }
  }

  private advance(): void {
    switch (this.step) {
      case 'magic':
        if (!startsWithMagic(this.piece)) {
          throw new IpcError('ARROW_INVALID_MESSAGE', 0, 'expected the ARROW1 magic at the start of an Arrow IPC file')
        }
        return this.expect('prefix', this.scratch.subarray(0, 4))
      case 'prefix': {
        this.messageStart = this.consumed - 4
        const value = readUint32(this.piece, 0)
        if (value === CONTINUATION) return this.expect('length', this.scratch.subarray(0, 4))
        return this.startMetadata(value | 0) // pre-0.15: the int32 length without a marker
      }
      case 'length':
        return this.startMetadata(readUint32(this.piece, 0) | 0)
      case 'metadata':
        return this.handleMessage(this.piece)
    }
  }

  private startMetadata(length: number): void {
    if (length === 0) {
      this.sawEndOfStream = true
      this.step = 'ended'
      // the footer holds the schema, and a file writer may have put it only there
      if (this.schema === null) this.trailer?.startRetaining(this.consumed)
      return
    }
    if (length < 0 || length > MAX_METADATA_BYTES) {
      throw this.invalid(`metadata length ${length}; expected 1 to ${MAX_METADATA_BYTES} bytes`)
    }
    this.expect('metadata', new Uint8Array(length))
  }

  private handleMessage(metadata: Uint8Array): void {
    const message = decodeMessage(metadata, this.messageStart)
    if (message.headerType === HeaderType.Schema) {
      if (this.schema !== null) throw this.invalid('a second Schema message; expected one per stream')
      this.schema = { from: 'Schema message', bytes: metadata, offset: this.messageStart }
    } else if (this.schema === null && this.kind === 'stream') {
      throw this.invalid(`${HEADER_NAMES[message.headerType]} message before the Schema; expected the Schema first`)
    }
    if (message.batch !== undefined) this.addBatch(message.batch)
    this.bodyLength = message.bodyLength
    this.bodyLeft = message.bodyLength
    this.prepareContent(message.headerType, metadata, message.batch, message.bodyLength)
    this.expect(this.bodyLeft > 0 ? 'body' : 'prefix', this.scratch.subarray(0, 4))
    if (this.bodyLeft === 0) this.completeMessage()
  }

  /** What the content facts need of a message: the schema, dictionaries, and the record batches with wanted rows. */
  private prepareContent(headerType: number, metadata: Uint8Array, batch: BatchHeader | undefined, bodyLength: number): void {
    if (headerType === HeaderType.Schema) {
      try {
        const schema = Message.decode(metadata).header() as Schema | null
        if (!schema) throw new Error('expected a Schema header')
        this.content.setSchema(schema)
        this.schemaFrame = frameMetadata(metadata)
      } catch {
        // a type this apache-arrow cannot decode: finish() reports it, and there are no content facts
      }
      return
    }
    if (headerType === HeaderType.DictionaryBatch && this.schemaFrame !== null && this.content.ready) {
      this.startCollecting('dictionary', metadata, bodyLength, null)
      return
    }
    if (batch === undefined) return
    this.batchLengths.push(batch.length)
    if (this.schemaFrame === null) return
    const plan = this.content.batchStart(batch.length)
    if (plan) this.startCollecting('record', metadata, bodyLength, plan)
  }

  private addBatch(batch: BatchHeader): void {
    this.records += batch.length
    const sums = (this.nodeNulls ??= batch.nullCounts.map(() => 0))
    if (batch.nullCounts.length !== sums.length) {
      const reason = `RecordBatch has ${batch.nullCounts.length} field nodes; expected ${sums.length} as in the first batch`
      this.nodeCountMismatch ??= this.invalid(reason)
      return
    }
    batch.nullCounts.forEach((nulls, i) => (sums[i] += nulls))
  }

  private invalid(reason: string): IpcError {
    return new IpcError('ARROW_INVALID_MESSAGE', this.messageStart, reason)
  }

  /** The fatal finding, if the data does not form a complete stream (or file). */
  private conclude(): IpcError | null {
    const problem = this.failure ?? this.endProblem()
    return this.trailer === null ? problem : this.concludeFile(this.trailer, problem)
  }

  private concludeFile(trailer: FileTrailer, problem: IpcError | null): IpcError | null {
    const footerStart = trailer.footerStart(this.received)
    if (problem !== null) {
      // writers that omit the end-of-stream marker put the footer right after the last message
      return footerStart === this.messageStart && this.schema !== null ? null : problem
    }
    if (!this.sawEndOfStream) {
      return new IpcError('ARROW_TRUNCATED', this.consumed, 'no end-of-stream marker; the IPC file format requires one before its footer')
    }
    if (footerStart === null) {
      return new IpcError('ARROW_TRUNCATED', this.received, 'expected the footer length and ARROW1 magic at the end of the file')
    }
    return null
  }

  /** Where the data stops short of the piece being read, or null at a message boundary. */
  private endProblem(): IpcError | null {
    const offset = this.messageStart
    switch (this.step) {
      case 'magic':
        return new IpcError('ARROW_TRUNCATED', 0, `expected the ${FILE_HEAD_BYTES}-byte ARROW1 file magic, got ${this.filled} bytes`)
      case 'prefix':
        if (this.filled === 0) return null
        return new IpcError('ARROW_TRUNCATED', this.consumed - this.filled, `expected a 4-byte message length, got ${this.filled} bytes`)
      case 'length':
        return new IpcError('ARROW_TRUNCATED', offset, `expected a 4-byte message length after the continuation marker, got ${this.filled} bytes`)
      case 'metadata':
        return new IpcError('ARROW_TRUNCATED', offset, `expected ${this.piece.length} bytes of message metadata, got ${this.filled}`)
      case 'body':
        return new IpcError('ARROW_TRUNCATED', offset, `expected a message body of ${this.bodyLength} bytes, got ${this.bodyLength - this.bodyLeft}`)
      default:
        return null
    }
  }

  /** Called once the data is known to be complete. */
  private schemaSource(): SchemaSource | IpcError {
    if (this.schema !== null) return this.schema
    if (this.trailer !== null) return this.trailer.footer(this.received)
    if (this.sawEndOfStream) {
      return new IpcError('ARROW_INVALID_MESSAGE', this.messageStart, 'end-of-stream marker before any Schema message; expected the Schema first')
    }
    return new IpcError('ARROW_TRUNCATED', this.consumed, 'data ends before the Schema message')
  }
}

/**
 * The end of an IPC file: its last 10 bytes (footer length and magic) always, and everything after
 * the end-of-stream marker (the footer) only when asked to, up to the metadata size limit.
 */
class FileTrailer {
  private readonly last = new Uint8Array(FILE_TAIL_BYTES)
  private lastLength = 0
  private retained: Uint8Array[] | null = null
  private retainedFrom = 0
  private retainedBytes = 0

  observe(chunk: Uint8Array): void {
    if (chunk.length >= FILE_TAIL_BYTES) {
      this.last.set(chunk.subarray(chunk.length - FILE_TAIL_BYTES))
      this.lastLength = FILE_TAIL_BYTES
      return
    }
    const keep = Math.min(this.lastLength, FILE_TAIL_BYTES - chunk.length)
    this.last.copyWithin(0, this.lastLength - keep, this.lastLength)
    this.last.set(chunk, keep)
    this.lastLength = keep + chunk.length
  }

  startRetaining(offset: number): void {
    this.retained = []
    this.retainedFrom = offset
  }

  retain(bytes: Uint8Array): void {
    if (this.retained === null) return
    this.retainedBytes += bytes.length
    // Uint8Array.from copies; Buffer#slice (what the scanner passes) would only be a view.
    if (this.retainedBytes <= MAX_METADATA_BYTES + FILE_TAIL_BYTES) this.retained.push(Uint8Array.from(bytes))
  }

  /** Offset of the footer per the trailing length and magic, or null if they are missing. */
  footerStart(total: number): number | null {
    if (this.lastLength < FILE_TAIL_BYTES || !ARROW_MAGIC.every((byte, i) => this.last[4 + i] === byte)) return null
    const start = total - FILE_TAIL_BYTES - (readUint32(this.last, 0) | 0)
    return start >= FILE_HEAD_BYTES && start <= total - FILE_TAIL_BYTES ? start : null
  }

  /** The footer of a complete file, as a schema source. */
  footer(total: number): SchemaSource | IpcError {
    const start = this.footerStart(total) ?? total
    const fail = (reason: string): IpcError => new IpcError('ARROW_INVALID_MESSAGE', start, reason)
    if (this.retained === null) return fail('no Schema message before the end-of-stream marker; expected the Schema first')
    if (this.retainedBytes > MAX_METADATA_BYTES + FILE_TAIL_BYTES) {
      return fail(`footer of ${total - FILE_TAIL_BYTES - start} bytes; expected at most ${MAX_METADATA_BYTES}`)
    }
    if (start < this.retainedFrom) return fail(`footer starts before the end-of-stream marker at ${this.retainedFrom}`)
    const after = Buffer.concat(this.retained)
    const bytes = after.subarray(start - this.retainedFrom, total - FILE_TAIL_BYTES - this.retainedFrom)
    return { from: 'file footer', bytes, offset: start }
  }
}

interface SchemaColumn {
  name: string
  type: string
  /** FieldNodes the column takes in each record batch */
  nodes: number
}

/** Top-level fields with apache-arrow's type names; the library is loaded only here. */
async function decodeSchema(source: SchemaSource): Promise<SchemaColumn[]> {
  const { DataType } = await import('apache-arrow')
  // FieldNodes come in depth-first pre-order; a dictionary-encoded column's batch data is its
  // indices, so it takes one node whatever the dictionary's value type
  const nodeCount = (type: DataType): number =>
    DataType.isDictionary(type) ? 1 : 1 + (type.children ?? []).reduce((sum, child) => sum + nodeCount(child.type), 0)
  return (await schemaFields(source)).map((field) => {
    const type: DataType = field.type
    // a damaged schema message can decode a field without a name (flatbuffers reads absent as null)
    return { name: typeof field.name === 'string' ? field.name : '', type: type.toString(), nodes: nodeCount(type) }
  })
}

/** The schema of a file footer, as an apache-arrow Schema. */
async function footerSchema(source: SchemaSource): Promise<Schema> {
  const { Footer } = await import('apache-arrow/ipc/metadata/file')
  return Footer.decode(source.bytes).schema
}

/** A failed system call on the file: for the scanner to report. */
function isIoError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string'
}

async function schemaFields(source: SchemaSource): Promise<Field[]> {
  if (source.from === 'file footer') {
    // not re-exported from the package root, but a public entry point through its exports map
    const { Footer } = await import('apache-arrow/ipc/metadata/file')
    return Footer.decode(source.bytes).schema.fields
  }
  const { Message } = await import('apache-arrow')
  const message = Message.decode(source.bytes)
  if (!message.isSchema()) throw new Error('expected a Schema header')
  return message.header().fields
}

function startsWithMagic(bytes: Uint8Array): boolean {
  return ARROW_MAGIC.every((byte, i) => bytes[i] === byte)
}

function readUint32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true)
}
