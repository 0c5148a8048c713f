import { createReadStream, type ReadStream } from 'node:fs'
import { columnUnreadableReporter } from './column-unreadable.js'
import { open } from 'node:fs/promises'
import {
  compressionRegistry,
  CompressionType,
  DataType,
  RecordBatchReader,
  util,
  type Field,
  type RecordBatch,
  type Schema,
} from 'apache-arrow'
import { decompress as zstdDecompress } from 'fzstd'
import { lz4FrameDecompress } from './lz4.js'

/*
 * Rows of Arrow IPC record batches as plain values: strings, numbers, bigints, booleans, null;
 * dates and timestamps as ISO strings; lists as arrays, structs and maps as objects. Binary values
 * (Binary, LargeBinary, FixedSizeBinary, BinaryView) hold no text and are left out, also inside
 * nested values.
 */

// IPC body compression (pyarrow's write_feather compresses with LZ4 by default): the codecs
// apache-arrow leaves to the caller. fzstd's output must be copied: a view at an odd offset breaks
// apache-arrow's typed-array views ("start offset of BigInt64Array should be a multiple of 8").
compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => zstdDecompress(data).slice() })
compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (data) => lz4FrameDecompress(data).slice() })

export interface ArrowColumn {
  name: string
  /** position among the schema's top-level fields */
  index: number
  type: DataType
}

/** The top-level columns read: all but binary ones (see above). */
export function arrowColumns(schema: Schema, only?: readonly string[]): ArrowColumn[] {
  const wanted = only ? new Set(only) : null
  const columns: ArrowColumn[] = []
  schema.fields.forEach((field: Field, index) => {
    if (wanted && !wanted.has(field.name)) return
    if (!isBinary(field.type)) columns.push({ name: field.name, index, type: field.type })
  })
  return columns
}

function isBinary(type: DataType): boolean {
  if (DataType.isDictionary(type)) return isBinary(type.dictionary)
  return DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type) || DataType.isBinaryView(type)
}

/**
 * Converts rows of record batches; a column whose values fail to convert is dropped with its
 * reason (in `unreadable`), and the other columns go on.
 */
export class ArrowRowConverter {
  readonly unreadable = new Map<string, string>()

  constructor(readonly columns: ArrowColumn[]) {}

  /** The rows at `offsets` of the batch (all rows when absent), in plain values. */
  rows(batch: RecordBatch, offsets?: readonly number[]): Record<string, unknown>[] {
    const count = offsets ? offsets.length : batch.numRows
    const rows: Record<string, unknown>[] = Array.from({ length: count }, () => ({}))
    for (const column of [...this.columns]) {
      try {
        const vector = batch.getChildAt(column.index)
        if (vector === null) throw new Error(`the record batch has no column ${column.index}`)
        for (let i = 0; i < count; i++) {
          const value = plainArrow(column.type, vector.get(offsets ? offsets[i]! : i))
          if (value !== undefined) rows[i]![column.name] = value
        }
      } catch (error) {
        for (const row of rows) delete row[column.name]
        this.drop(column.name, reasonOf(error))
      }
    }
    return rows
  }

  /** Every column is lost (a record batch that cannot be decoded at all). */
  dropAll(reason: string): void {
    for (const column of [...this.columns]) this.drop(column.name, reason)
  }

  private drop(name: string, reason: string): void {
    const at = this.columns.findIndex((c) => c.name === name)
    if (at === -1) return
    this.columns.splice(at, 1)
    this.unreadable.set(name, reason)
  }
}

/** A value of `type` as apache-arrow's Vector.get returns it, in plain values; undefined for binary. */
export function plainArrow(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (DataType.isDictionary(type)) return plainArrow(type.dictionary, value)
  if (isBinary(type)) return undefined
  if (DataType.isDate(type) || DataType.isTimestamp(type)) return isoTime(value)
  if (DataType.isDecimal(type)) return util.bigNumToNumber(value as Parameters<typeof util.bigNumToNumber>[0], type.scale)
  if (DataType.isInterval(type)) return ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value
  if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isFixedSizeList(type)) {
    const child = type.children[0]!.type as DataType
    return [...(value as Iterable<unknown>)].map((item) => plainArrow(child, item) ?? null)
  }
  if (DataType.isStruct(type)) {
    const object: Record<string, unknown> = {}
    const struct = value as Record<string, unknown>
    for (const field of type.children) {
      const plain = plainArrow(field.type as DataType, struct[field.name])
      if (plain !== undefined) object[field.name] = plain
    }
    return object
  }
  if (DataType.isMap(type)) {
    const entry = type.children[0]!.type as DataType
    const [keyField, valueField] = entry.children
    const object: Record<string, unknown> = {}
    for (const [key, item] of value as Iterable<[unknown, unknown]>) {
      const plain = plainArrow(valueField!.type as DataType, item)
      if (plain !== undefined) object[String(plainArrow(keyField!.type as DataType, key))] = plain
    }
    return object
  }
  if (DataType.isUnion(type)) return plainRuntime(value)
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return value
    default:
      return plainRuntime(value)
  }
}

/** A value whose type the schema does not pin down (a union member): by what it is at run time. */
function plainRuntime(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value
  if (ArrayBuffer.isView(value)) return undefined
  if (typeof value === 'object' && Symbol.iterator in value && typeof (value as { toArray?: unknown }).toArray === 'function') {
    return [...(value as Iterable<unknown>)].map((item) => plainRuntime(item) ?? null)
  }
  if (typeof value === 'object') {
    const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value
    const object: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(json as Record<string, unknown>)) {
      const plain = plainRuntime(item)
      if (plain !== undefined) object[key] = plain
    }
    return object
  }
  return null
}

/** apache-arrow gives dates and timestamps as milliseconds since the epoch. */
function isoTime(value: unknown): string | null {
  const ms = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : Number.NaN
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export interface ReadArrowRowsOptions {
  /** top-level columns to read (default: every column that is not binary) */
  columns?: string[]
  /** told once per column that cannot be decoded; without it, such a column throws */
  onColumnUnreadable?: (column: string, reason: string) => void
}

const FILE_MAGIC = Buffer.from('ARROW1')

/**
 * Every row of an Arrow IPC file or stream (`.arrow`, `.feather`, Hugging Face `datasets` cache
 * files), record batch by record batch: memory holds one batch. `index` is the row's 1-based
 * position. Throws, naming the file, when it is not Arrow IPC or a requested column does not exist
 * or is binary.
 */
export async function* readArrowRows(absPath: string, options: ReadArrowRowsOptions = {}): AsyncGenerator<{ index: number; row: Record<string, unknown> }> {
  const head = Buffer.alloc(FILE_MAGIC.length)
  const handle = await open(absPath, 'r')
  let stream: ReadStream | null = null
  try {
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const isFile = bytesRead === head.length && head.equals(FILE_MAGIC)
    let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>
    try {
      // the file format reads batches by position from the footer; the stream format is read in order
      if (!isFile) stream = createReadStream(absPath, { highWaterMark: 1 << 20 })
      reader = stream ? await RecordBatchReader.from(stream) : await RecordBatchReader.from(handle)
      await reader.open()
    } catch (error) {
      throw new Error(`${absPath}: expected Arrow IPC ${isFile ? 'file' : 'stream'} data: ${reasonOf(error)}`, { cause: error })
    }
    const converter = new ArrowRowConverter(arrowColumns(reader.schema, options.columns))
    for (const name of options.columns ?? []) {
      const field = reader.schema.fields.find((f) => f.name === name)
      if (!field) throw new Error(`${absPath}: no column "${name}"; expected one of ${reader.schema.fields.map((f) => f.name).join(', ')}`)
      if (isBinary(field.type)) throw new Error(`${absPath}: column "${name}" is binary; expected a text, number or time column`)
    }
    const tell = columnUnreadableReporter(absPath, converter.unreadable, options.onColumnUnreadable)
    let index = 0
    const batches = reader[Symbol.asyncIterator]()
    for (;;) {
      let next: IteratorResult<RecordBatch>
      try {
        next = await batches.next()
      } catch (error) {
        converter.dropAll(`record batch after row ${index}: ${reasonOf(error)}`)
        tell()
        break
      }
      if (next.done) break
      const rows = converter.rows(next.value)
      tell()
      for (const row of rows) yield { index: ++index, row }
    }
  } finally {
    // also when the caller stops early
    stream?.destroy()
    await handle.close()
  }
}

/** A stream of the given IPC messages (each framed as in the file) closed by the end-of-stream marker, decoded at once. */
export function decodeMessages(messages: readonly Uint8Array[]): RecordBatch[] {
  const reader = RecordBatchReader.from([...messages, END_OF_STREAM])
  return [...reader.open()]
}

const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])

/** The framing a stream gives a message's metadata: 0xFFFFFFFF, int32 length padded to 8 bytes, flatbuffer. */
export function frameMetadata(metadata: Uint8Array, body?: Uint8Array): Uint8Array {
  const padded = Math.ceil((metadata.length + 8) / 8) * 8 - 8
  const out = new Uint8Array(8 + padded + (body?.length ?? 0))
  const view = new DataView(out.buffer)
  view.setUint32(0, 0xffffffff, true)
  view.setInt32(4, padded, true)
  out.set(metadata, 8)
  if (body) out.set(body, 8 + padded)
  return out
}
