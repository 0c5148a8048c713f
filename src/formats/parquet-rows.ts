import { open, type FileHandle } from 'node:fs/promises'
import { columnUnreadableReporter } from './column-unreadable.js'
import { brotliDecompressSync, unzipSync } from 'node:zlib'
import { decompress as zstdDecompress } from 'fzstd'
import {
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type AsyncBuffer,
  type ColumnMetaData,
  type Compressors,
  type FileMetaData,
  type ParquetParsers,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet'
import { lz4BlockDecompress, lz4ParquetDecompress } from './lz4.js'

/*
 * Row reading for Parquet on top of hyparquet: column projection, row ranges, codecs beyond
 * hyparquet's built-in SNAPPY, and conversion to plain values (strings, numbers, bigints, booleans,
 * null, dates as ISO strings; lists and structs as arrays and objects; maps as objects).
 *
 * Columns read: every top-level column whose leaves are text, numbers, booleans or times, flat or
 * nested. Binary columns (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY without a string, decimal or UUID
 * annotation, as pyarrow and DuckDB read them too; BSON, geometry, VARIANT) are not read: they hold
 * no text, and a struct with binary leaves (the Hugging Face Image feature) is left out whole,
 * since hyparquet reads a top-level column with all its leaves. A column hyparquet fails to decode
 * is dropped with its reason, and the rest of the file goes on.
 */

/** Decompressors for the codecs hyparquet leaves to the caller (it decodes SNAPPY itself). */
const COMPRESSORS: Compressors = {
  GZIP: (input) => unzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
  ZSTD: (input, outputLength) => zstdDecompress(input, new Uint8Array(outputLength)),
  LZ4: (input, outputLength) => lz4ParquetDecompress(input, outputLength),
  LZ4_RAW: (input, outputLength) => lz4BlockDecompress(input, outputLength),
}

/**
 * A text value decoded only when used: pages are decoded whole, but a sample uses a few of their
 * values, and UTF-8 decoding dominates the cost of string pages (measured: about half of it). As a
 * map key hyparquet turns it into a string through toString().
 */
class LazyText {
  private text: string | null = null
  constructor(private readonly bytes: Uint8Array) {}
  toString(): string {
    this.text ??= UTF8.decode(this.bytes)
    return this.text
  }
}

/** A JSON logical value: parsed when used; text that is not JSON stays a string. */
class LazyJson extends LazyText {
  value(): unknown {
    const text = this.toString()
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
}

const UTF8 = new TextDecoder()

const LAZY_PARSERS: Partial<ParquetParsers> = {
  stringFromBytes: (bytes: Uint8Array | undefined) => (bytes ? new LazyText(bytes) : bytes),
  jsonFromBytes: (bytes: Uint8Array | undefined) => (bytes ? new LazyJson(bytes) : bytes),
}

/**
 * For flat columns the bytes themselves stand for the text: a flat column read is never binary, so
 * toPlainRow decodes them. One object fewer per value than LazyText, which matters: a page of short
 * strings holds some 70,000 values, and scavenging them was a third of a sample's cost (measured).
 */
const RAW_PARSERS: Partial<ParquetParsers> = {
  stringFromBytes: (bytes: Uint8Array | undefined) => bytes,
  jsonFromBytes: (bytes: Uint8Array | undefined) => bytes,
}

/** A column chunk beyond this many bytes uncompressed is not decoded: it would not fit in memory next to the rest. */
export const MAX_CHUNK_BYTES = 512 * 1024 * 1024

export interface ParquetColumn {
  name: string
  /** a single non-repeated leaf: hyparquet skips its pages outside a row range; nested columns are decoded whole */
  flat: boolean
  /** a flat column of JSON text (logical or converted type JSON), parsed when converted */
  json: boolean
  /** index of each of its leaves among the row group's column chunks */
  leaves: number[]
}

export interface RowGroupInfo {
  index: number
  /** 0-based position of its first row in the file */
  start: number
  rows: number
}

export class ParquetRowSource {
  /** columns read, in schema order (those found unreadable drop out as reading goes on) */
  readonly columns: ParquetColumn[]
  /** top-level columns not read because they hold binary data */
  readonly binary: string[] = []
  /** columns that could not be decoded, with the reason, in the order found */
  readonly unreadable = new Map<string, string>()
  readonly groups: RowGroupInfo[]
  readonly rows: number

  constructor(
    readonly file: CachingBuffer,
    readonly metadata: FileMetaData,
    only?: readonly string[],
  ) {
    const root = parquetSchema(metadata)
    const columns: ParquetColumn[] = []
    let leaf = 0
    const wanted = only ? new Set(only) : null
    for (const child of root.children) {
      const leaves: number[] = []
      for (let i = 0; i < countLeaves(child); i++) leaves.push(leaf + i)
      leaf += leaves.length
      const name = child.element.name
      // a damaged footer's nameless column cannot be asked for by name: it is left out, and said so
      if (typeof name !== 'string') {
        this.unreadable.set(`#${columns.length + this.binary.length + this.unreadable.size + 1}`, 'the footer gives this column no name')
        continue
      }
      if (wanted && !wanted.has(name)) continue
      if (hasBinaryLeaf(child)) {
        this.binary.push(name)
        continue
      }
      const flat = child.children.length === 0 && child.element.repetition_type !== 'REPEATED'
      const json = child.element.logical_type?.type === 'JSON' || child.element.converted_type === 'JSON'
      columns.push({ name, flat, json, leaves })
    }
    this.columns = columns
    let start = 0
    this.groups = metadata.row_groups.map((group, index) => {
      const info = { index, start, rows: Number(group.num_rows) }
      start += info.rows
      return info
    })
    this.rows = start
    for (const column of columns) {
      const largest = Math.max(0, ...metadata.row_groups.map((group) => leafBytes(group.columns, column.leaves)))
      if (largest > MAX_CHUNK_BYTES) {
        this.dropColumn(column.name, `a row group holds ${largest} bytes of it uncompressed; at most ${MAX_CHUNK_BYTES} are decoded`)
      }
    }
  }

  /** Metadata of the column chunks of a column in a row group. */
  chunks(group: number, column: ParquetColumn): ColumnMetaData[] {
    const chunks = this.metadata.row_groups[group]?.columns ?? []
    return column.leaves.flatMap((leaf) => {
      const meta = chunks[leaf]?.meta_data
      return meta ? [meta] : []
    })
  }

  /** Whether a column chunk has an offset index (page locations), so a row range reads only its pages. */
  hasOffsetIndex(group: number, leaf: number): boolean {
    const chunk = this.metadata.row_groups[group]?.columns[leaf]
    return chunk?.offset_index_offset !== undefined && chunk.offset_index_length !== undefined
  }

  /**
   * The rows in [start, end) (0-based, within one row group or across several), as hyparquet
   * returns them with lazy text values; `toPlainRow` turns one into plain values. A column that
   * fails to decode is found by reading the columns one at a time, dropped and reported in
   * `unreadable`, and the range is read again without it.
   */
  async readRange(start: number, end: number): Promise<Record<string, unknown>[]> {
    const names = (): string[] => this.columns.map((c) => c.name)
    if (this.columns.length === 0) return Array.from({ length: end - start }, () => ({}))
    try {
      return await this.read(names(), start, end)
    } catch (error) {
      for (const name of names()) {
        try {
          await this.read([name], start, end)
        } catch (columnError) {
          this.dropColumn(name, `${reasonOf(columnError)} (rows ${start + 1} to ${end})`)
        }
      }
      if (this.columns.length === 0) return Array.from({ length: end - start }, () => ({}))
      try {
        return await this.read(names(), start, end)
      } catch {
        // every column reads alone but not together: give up on all of them, with the first reason
        for (const name of names()) this.dropColumn(name, `${reasonOf(error)} (rows ${start + 1} to ${end})`)
        return Array.from({ length: end - start }, () => ({}))
      }
    }
  }

  /** Flat and nested columns are read apart: they take different text parsers (see RAW_PARSERS). */
  private async read(columns: string[], rowStart: number, rowEnd: number): Promise<Record<string, unknown>[]> {
    const flat = columns.filter((name) => this.columns.find((c) => c.name === name)?.flat === true)
    const nested = columns.filter((name) => !flat.includes(name))
    if (nested.length === 0) return this.readWith(flat, rowStart, rowEnd, RAW_PARSERS)
    if (flat.length === 0) return this.readWith(nested, rowStart, rowEnd, LAZY_PARSERS)
    const [flatRows, nestedRows] = await Promise.all([
      this.readWith(flat, rowStart, rowEnd, RAW_PARSERS),
      this.readWith(nested, rowStart, rowEnd, LAZY_PARSERS),
    ])
    return flatRows.map((row, i) => Object.assign(row, nestedRows[i]))
  }

  private readWith(columns: string[], rowStart: number, rowEnd: number, parsers: Partial<ParquetParsers>): Promise<Record<string, unknown>[]> {
    return parquetReadObjects({
      file: this.file,
      metadata: this.metadata,
      columns,
      rowStart,
      rowEnd,
      useOffsetIndex: true,
      compressors: COMPRESSORS,
      parsers,
      // unannotated BYTE_ARRAY leaves are binary; such columns are not read, so this only keeps hyparquet from decoding them
      utf8: false,
    })
  }

  private dropColumn(name: string, reason: string): void {
    const at = this.columns.findIndex((c) => c.name === name)
    if (at === -1) return
    this.columns.splice(at, 1)
    this.unreadable.set(name, reason)
  }
}

/** A row in plain values: the columns read, in schema order. */
export function toPlainRow(raw: Record<string, unknown>, columns: readonly ParquetColumn[]): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const column of columns) {
    const stored = raw[column.name]
    const value = column.flat && stored instanceof Uint8Array ? flatText(stored, column.json) : plainValue(stored)
    if (value !== undefined) row[column.name] = value
  }
  return row
}

function flatText(bytes: Uint8Array, json: boolean): unknown {
  const text = UTF8.decode(bytes)
  if (!json) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Plain values; undefined for binary values, which are left out. */
function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return value
    case 'object':
      break
    default:
      return null
  }
  if (value instanceof LazyJson) return value.value()
  if (value instanceof LazyText) return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (ArrayBuffer.isView(value)) {
    if (value instanceof Uint8Array || value instanceof DataView) return undefined
    return Array.from(value as unknown as ArrayLike<number | bigint>)
  }
  if (Array.isArray(value)) return value.map((item: unknown) => plainValue(item) ?? null)
  const object: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const plain = plainValue(item)
    if (plain !== undefined) object[key] = plain
  }
  return object
}

/** A row's text as a JSON Lines record would hold it: bigints as strings. */
export function rowJson(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))
}

export interface ReadRowsOptions {
  /** top-level columns to read (default: every column that is not binary) */
  columns?: string[]
  /** told once per column that cannot be decoded; without it, such a column throws */
  onColumnUnreadable?: (column: string, reason: string) => void
}

/** Rows decoded per read when a row group is large: its decoded columns are what stays in memory. */
export const RANGE_BYTES = 64 * 1024 * 1024

/**
 * Every row of a Parquet file, in order, row group by row group (a large row group in ranges of
 * about RANGE_BYTES of decoded data, when all columns read are flat): memory holds one range's
 * decoded columns, never the file. `index` is the row's 1-based position in the file. Binary
 * columns are not read (see above). Throws, naming the file, when it is not a readable Parquet
 * file or a requested column does not exist or is binary.
 */
export async function* readParquetRows(absPath: string, options: ReadRowsOptions = {}): AsyncGenerator<{ index: number; row: Record<string, unknown> }> {
  const handle = await open(absPath, 'r')
  try {
    const file = await CachingBuffer.open(handle)
    let metadata: FileMetaData
    try {
      metadata = await parquetMetadataAsync(file, { geoparquet: false })
    } catch (error) {
      throw new Error(`${absPath}: expected a Parquet footer: ${reasonOf(error)}`, { cause: error })
    }
    const source = new ParquetRowSource(file, metadata, options.columns)
    for (const name of options.columns ?? []) {
      if (source.binary.includes(name)) throw new Error(`${absPath}: column "${name}" is binary; expected a text, number or time column`)
      if (!source.columns.some((c) => c.name === name) && !source.unreadable.has(name)) {
        const known = parquetSchema(metadata).children.map((c) => c.element.name)
        throw new Error(`${absPath}: no column "${name}"; expected one of ${known.join(', ')}`)
      }
    }
    const tell = columnUnreadableReporter(absPath, source.unreadable, options.onColumnUnreadable)
    tell()
    for (const group of source.groups) {
      for (const [start, end] of groupRanges(source, group)) {
        const raw = await source.readRange(start, end)
        tell()
        const columns = [...source.columns]
        for (let i = 0; i < raw.length; i++) yield { index: start + i + 1, row: toPlainRow(raw[i]!, columns) }
      }
      file.release()
    }
  } finally {
    await handle.close()
  }
}

/** A row group's rows in ranges of about RANGE_BYTES decoded (whole, when a nested column is read). */
export function groupRanges(source: ParquetRowSource, group: RowGroupInfo): [number, number][] {
  const bytes = source.columns.reduce((sum, column) => sum + leafBytes(source.metadata.row_groups[group.index]?.columns ?? [], column.leaves), 0)
  const whole = source.columns.some((c) => !c.flat) || bytes <= RANGE_BYTES
  const step = whole ? group.rows : Math.max(1, Math.floor((group.rows * RANGE_BYTES) / bytes))
  const ranges: [number, number][] = []
  for (let at = 0; at < group.rows; at += step) ranges.push([group.start + at, group.start + Math.min(group.rows, at + step)])
  return ranges
}

/** Uncompressed bytes of some leaves' column chunks in a row group. */
export function leafBytes(chunks: readonly { meta_data?: ColumnMetaData }[], leaves: readonly number[]): number {
  let sum = 0
  for (const leaf of leaves) sum += Number(chunks[leaf]?.meta_data?.total_uncompressed_size ?? 0n)
  return sum
}

function countLeaves(node: SchemaTree): number {
  if (node.children.length === 0) return 1
  return node.children.reduce((sum, child) => sum + countLeaves(child), 0)
}

function hasBinaryLeaf(node: SchemaTree): boolean {
  const element = node.element
  const logical = element.logical_type?.type
  if (logical === 'VARIANT' || logical === 'GEOMETRY' || logical === 'GEOGRAPHY') return true
  if (node.children.length > 0) return node.children.some(hasBinaryLeaf)
  return isBinaryLeaf(element)
}

function isBinaryLeaf(element: SchemaElement): boolean {
  if (element.type !== 'BYTE_ARRAY' && element.type !== 'FIXED_LEN_BYTE_ARRAY') return false
  const logical = typeof element.logical_type?.type === 'string' ? element.logical_type.type : undefined
  if (logical !== undefined) return !['STRING', 'ENUM', 'JSON', 'UUID', 'DECIMAL', 'FLOAT16'].includes(logical)
  return !['UTF8', 'ENUM', 'JSON', 'DECIMAL', 'INTERVAL'].includes(element.converted_type ?? '')
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The file as hyparquet reads it, through positional reads. hyparquet asks for a column chunk
 * once per row range it reads (all of it when the chunk has no offset index), so the ranges read
 * are kept until `release()`, up to CACHE_BYTES: ranges of one row group read again cost no I/O.
 */
export class CachingBuffer implements AsyncBuffer {
  private readonly cache = new Map<string, Promise<ArrayBuffer>>()
  private cachedBytes = 0
  static readonly CACHE_BYTES = 256 * 1024 * 1024

  private constructor(
    private readonly handle: FileHandle,
    readonly byteLength: number,
  ) {}

  static async open(handle: FileHandle): Promise<CachingBuffer> {
    const { size } = await handle.stat()
    return new CachingBuffer(handle, size)
  }

  slice(start: number, end = this.byteLength): Promise<ArrayBuffer> {
    const key = `${start}:${end}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const read = this.read(start, end)
    if (end - start <= CachingBuffer.CACHE_BYTES) {
      while (this.cachedBytes + (end - start) > CachingBuffer.CACHE_BYTES && this.cache.size > 0) this.evictOldest()
      this.cache.set(key, read)
      this.cachedBytes += end - start
    }
    return read
  }

  /** Forgets the ranges read so far (when moving on to another row group). */
  release(): void {
    this.cache.clear()
    this.cachedBytes = 0
  }

  private evictOldest(): void {
    const key = this.cache.keys().next().value
    if (key === undefined) return
    this.cache.delete(key)
    const [start, end] = key.split(':').map(Number) as [number, number]
    this.cachedBytes -= end - start
  }

  private async read(start: number, end: number): Promise<ArrayBuffer> {
    if (start < 0 || end > this.byteLength || start > end) {
      throw new Error(`read of bytes ${start} to ${end}; the file has ${this.byteLength}`)
    }
    const bytes = new Uint8Array(end - start)
    let filled = 0
    while (filled < bytes.length) {
      const { bytesRead } = await this.handle.read(bytes, filled, bytes.length - filled, start + filled)
      if (bytesRead === 0) throw new Error(`file ends at byte ${start + filled}; expected ${this.byteLength} bytes`)
      filled += bytesRead
    }
    return bytes.buffer
  }
}
