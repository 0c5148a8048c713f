import type { FindingDraft } from '../findings/finding.js'

/*
 * The few fields of an Arrow IPC Message flatbuffer that counting needs (header type, body length,
 * RecordBatch length and FieldNode null counts), read straight from the bytes so that the streaming
 * pass loads no Arrow library; the Schema is decoded by apache-arrow once, at the end.
 */

export const HeaderType = { Schema: 1, DictionaryBatch: 2, RecordBatch: 3 } as const
export const HEADER_NAMES = ['NONE', 'Schema', 'DictionaryBatch', 'RecordBatch', 'Tensor', 'SparseTensor']
/** MetadataVersion V1 (0) to V5 (4) */
const MAX_METADATA_VERSION = 4

export class IpcError extends Error {
  constructor(
    readonly code: 'ARROW_TRUNCATED' | 'ARROW_INVALID_MESSAGE',
    readonly offset: number,
    reason: string,
  ) {
    super(reason)
  }

  toFinding(): FindingDraft {
    return { code: this.code, offset: this.offset, args: { reason: this.message } }
  }
}

export interface BatchHeader {
  length: number
  nullCounts: number[]
}

export interface DecodedMessage {
  headerType: number
  bodyLength: number
  batch?: BatchHeader
}

/**
 * Reads the few Message and RecordBatch fields needed for counting straight from the flatbuffer,
 * so no Arrow library is loaded on the streaming path. The Schema is decoded once, in finish().
 */
export function decodeMessage(metadata: Uint8Array, offset: number): DecodedMessage {
  const fail = (reason: string): IpcError => new IpcError('ARROW_INVALID_MESSAGE', offset, reason)
  let message: FlatTable
  try {
    message = FlatTable.root(metadata)
    const version = message.int16(0, 0)
    if (version < 0 || version > MAX_METADATA_VERSION) throw fail(`metadata version ${version}; expected V1 to V5`)
    const headerType = message.uint8(1, 0)
    if (headerType < HeaderType.Schema || headerType > HeaderType.RecordBatch) {
      throw fail(`header type ${HEADER_NAMES[headerType] ?? headerType}; expected Schema, DictionaryBatch or RecordBatch`)
    }
    const bodyLength = message.int64(3, 0)
    if (bodyLength < 0) throw fail(`body length ${bodyLength}; expected a non-negative size`)
    if (headerType !== HeaderType.RecordBatch) return { headerType, bodyLength }
    const header = message.table(2)
    if (header === null) throw fail('RecordBatch message without a header table')
    return { headerType, bodyLength, batch: decodeBatch(header, fail) }
  } catch (error) {
    if (error instanceof IpcError) throw error
    // DataView throws RangeError when an offset points outside the metadata
    throw fail(`flatbuffer offsets point outside the ${metadata.length}-byte metadata`)
  }
}

function decodeBatch(header: FlatTable, fail: (reason: string) => IpcError): BatchHeader {
  const length = header.int64(0, 0)
  if (length < 0) throw fail(`RecordBatch length ${length}; expected a non-negative row count`)
  const nodes = header.structVector(1, 16)
  const nullCounts: number[] = []
  for (let i = 0; i < nodes.count; i++) {
    const nodeLength = nodes.int64(i, 0)
    const nullCount = nodes.int64(i, 8)
    if (nullCount < 0 || nullCount > nodeLength) {
      throw fail(`FieldNode ${i} has ${nullCount} nulls in ${nodeLength} values; expected 0 to ${nodeLength}`)
    }
    nullCounts.push(nullCount)
  }
  return { length, nullCounts }
}

/** Minimal flatbuffer table reader (little-endian, as Arrow writes it). */
class FlatTable {
  private readonly vtable: number
  private readonly vtableSize: number

  private constructor(
    private readonly view: DataView,
    private readonly position: number,
  ) {
    this.vtable = position - view.getInt32(position, true)
    this.vtableSize = view.getUint16(this.vtable, true)
  }

  static root(bytes: Uint8Array): FlatTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return new FlatTable(view, view.getUint32(0, true))
  }

  /** Absolute position of field `index`, or 0 when the field is absent (holds its default). */
  private field(index: number): number {
    const entry = 4 + 2 * index
    if (entry + 2 > this.vtableSize) return 0
    const relative = this.view.getUint16(this.vtable + entry, true)
    return relative === 0 ? 0 : this.position + relative
  }

  uint8(index: number, fallback: number): number {
    const at = this.field(index)
    return at === 0 ? fallback : this.view.getUint8(at)
  }

  int16(index: number, fallback: number): number {
    const at = this.field(index)
    return at === 0 ? fallback : this.view.getInt16(at, true)
  }

  int64(index: number, fallback: number): number {
    const at = this.field(index)
    return at === 0 ? fallback : Number(this.view.getBigInt64(at, true))
  }

  table(index: number): FlatTable | null {
    const at = this.field(index)
    return at === 0 ? null : new FlatTable(this.view, at + this.view.getUint32(at, true))
  }

  structVector(index: number, structSize: number): StructVector {
    const at = this.field(index)
    if (at === 0) return new StructVector(this.view, 0, 0, structSize)
    const start = at + this.view.getUint32(at, true)
    const count = this.view.getUint32(start, true)
    if (start + 4 + count * structSize > this.view.byteLength) throw new RangeError('vector exceeds the buffer')
    return new StructVector(this.view, start + 4, count, structSize)
  }
}

class StructVector {
  constructor(
    private readonly view: DataView,
    private readonly start: number,
    readonly count: number,
    private readonly structSize: number,
  ) {}

  int64(element: number, fieldOffset: number): number {
    return Number(this.view.getBigInt64(this.start + element * this.structSize + fieldOffset, true))
  }
}
