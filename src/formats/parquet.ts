import { open, type FileHandle } from 'node:fs/promises'
import {
  parquetMetadataAsync,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
  type LogicalType,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet'
import type { FindingDraft } from '../findings/finding.js'
import { RecordFacts } from '../provenance/index.js'
import { CachingBuffer, groupRanges, leafBytes, ParquetRowSource, rowJson, toPlainRow } from './parquet-rows.js'
import { planRowSample, uniformPicks, type RowSamplePlan, type SampleUnit } from './row-sample.js'
import type { RecordFactsResult } from '../provenance/index.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer, FieldSchema } from './types.js'

export { readParquetRows, type ReadRowsOptions } from './parquet-rows.js'

/** "PAR1" read as a little-endian uint32 */
const PARQUET_MAGIC = 0x31524150
/** leading PAR1 + footer length + trailing PAR1 */
const MIN_FILE_BYTES = 12

interface ByteSource {
  readonly byteLength: number
  read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>>
}

/** The file got shorter between the size check and the read: for the footer, a truncation. */
class ShortReadError extends Error {
  constructor(readonly offset: number, expected: number) {
    super(`file ends at byte ${offset}; expected ${expected} bytes`)
  }
}

/**
 * Reads the row count and top-level schema from the Parquet footer, then the content facts of a
 * seeded sample of rows (every row under --deep or --pii full; see analyzeRows). The scanner
 * streams the bytes for hashing; they are ignored here, and the file is read from disk by
 * position: the last 8 bytes, the footer and the column chunks of the rows analysed. Needs an
 * uncompressed file on disk (the registry does not route compressed Parquet here). I/O errors
 * propagate for the scanner to report.
 */
export function createParquetAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  // Started at once, not at finish(): the reads then interleave with the scanner's hashing. (On an
  // analysis worker the scan was no faster: measured 0.71 s against 0.64 s on the 2M-row bench file.)
  const running = analyzeFile(ctx)
  // a failure is reported by finish(); until then it must not count as unhandled
  running.catch(() => {})
  return {
    push(): void {},
    finish: () => running,
  }
}

async function analyzeFile(ctx: AnalyzerContext): Promise<ContentAnalysis> {
  const handle = await open(ctx.absPath, 'r')
  try {
    const footer = await analyzeFooter(await fileSource(handle))
    if (!('metadata' in footer)) return footer
    const { metadata, analysis } = footer
    // the footer's facts stand even if decoding the rows never returns (ANALYSIS_STOPPED)
    ctx.onProgress?.(analysis)
    const content = await analyzeRows(await CachingBuffer.open(handle), metadata, ctx)
    return { ...analysis, facts: content.facts, findings: [...analysis.findings, ...content.findings] }
  } catch (error) {
    if (error instanceof ShortReadError) return truncated(error.message, error.offset)
    throw error
  } finally {
    await handle.close()
  }
}

async function analyzeFooter(source: ByteSource): Promise<ContentAnalysis | { metadata: FileMetaData; analysis: ContentAnalysis }> {
  const size = source.byteLength
  if (size < MIN_FILE_BYTES) {
    return truncated(`file is ${size} bytes; expected at least ${MIN_FILE_BYTES} (PAR1, footer length, PAR1)`, 0)
  }
  const trailer = await source.read(size - 8, size)
  const view = new DataView(trailer.buffer, trailer.byteOffset, trailer.byteLength)
  if (view.getUint32(4, true) !== PARQUET_MAGIC) {
    return truncated('expected the PAR1 magic in the last 4 bytes', size - 4)
  }
  const footerLength = view.getUint32(0, true)
  if (footerLength > size - MIN_FILE_BYTES) {
    const room = size - MIN_FILE_BYTES
    return truncated(`footer length ${footerLength} exceeds the ${room} bytes between the magics`, size - 8)
  }
  try {
    const metadata = await parquetMetadataAsync(asyncBuffer(source), {
      initialFetchSize: footerLength + 8,
      // report what the footer says; GeoParquet key-value metadata must not rewrite column types
      geoparquet: false,
    })
    return { metadata, analysis: describe(metadata) }
  } catch (error) {
    if (error instanceof ShortReadError) throw error
    return invalidFooter(`expected a thrift FileMetaData: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function describe(metadata: FileMetaData): ContentAnalysis {
  // thrift decoding does not enforce required fields
  if (typeof metadata.num_rows !== 'bigint' || metadata.num_rows < 0n) {
    throw new Error(`num_rows is ${String(metadata.num_rows)}; expected a non-negative integer`)
  }
  const root = parquetSchema(metadata)
  const fields: FieldSchema[] = []
  let leafIndex = 0
  for (const column of root.children) {
    // thrift decoding does not enforce required fields: a damaged footer can leave a column without a name
    const field: FieldSchema = { name: typeof column.element.name === 'string' ? column.element.name : '', type: fieldType(column) }
    const nulls = flatColumnNulls(metadata, column, leafIndex)
    if (nulls !== undefined) field.nulls = nulls
    fields.push(field)
    leafIndex += countLeaves(column)
  }
  return { records: Number(metadata.num_rows), schema: { fields }, findings: [] }
}

/** Pages are assumed this size (the default of parquet-mr, pyarrow, arrow-rs and hyparquet-writer): the footer does not say. */
const PAGE_BYTES = 1024 * 1024
/**
 * Column data a sample may decode, in the cost units of sampleUnits (uncompressed page bytes). The
 * budget is what a scan may spend on a file's rows: at most 0.5 s more than reading its footer for
 * the 2M-row bench file (bench/gen-parquet.ts: 20 row groups of 100k rows, 1 MiB pages, snappy).
 * Measured there (2 vCPU, load ≈ 1): hyparquet decodes a page of each of the 7 columns per unit,
 * about 30 ms, of which snappy and scavenging the page's values are most; a whole row group takes
 * about 0.4 s. This budget buys 5 units of ~4,100 rows, ~0.15–0.2 s: the scan then took 0.64–0.69 s
 * instead of 0.29–0.31 s at load ≈ 1, 0.88 s instead of 0.37 s at load ≈ 1.6 (medians of 8), the
 * difference including ~0.15 s of the token estimate's encoder starting up, which a footer-only
 * scan never needed. 32 MiB (7 units) measured 0.05 s more and crossed 0.5 s under load, and the
 * limit is hard. So on a file that size the sample is 5 clusters of ~200 rows, not a uniform one
 * (row-sample.ts).
 */
export const SAMPLE_DECODE_BUDGET = 24 * 1024 * 1024

/**
 * Content facts of the rows: every row under --deep (all analysed) or --pii full (all searched for
 * personal information, a uniform sample analysed), read row group by row group; otherwise the
 * sample of row-sample.ts over units of about one page of the widest column (a whole row group when
 * a nested column is read, since hyparquet decodes those whole), within SAMPLE_DECODE_BUDGET.
 */
async function analyzeRows(file: CachingBuffer, metadata: FileMetaData, ctx: AnalyzerContext): Promise<{ facts: RecordFactsResult; findings: FindingDraft[] }> {
  const facts = RecordFacts.forScan(ctx)
  const source = new ParquetRowSource(file, metadata)
  // A file with no more rows than the sample is analysed whole: its rows are the duplicate sample's too.
  if (!ctx.deep && ctx.pii !== 'full' && source.rows <= ctx.sampleSize) facts.everyRecordArrives()
  let analysedBytes = 0
  let analysed = 0
  const analyse = (row: Record<string, unknown>, json: string, index: number): void => {
    facts.addRecord(row, json, index + 1)
    analysedBytes += Buffer.byteLength(json)
    analysed++
  }
  if (ctx.deep || ctx.pii === 'full') {
    const picks = ctx.deep ? null : new Set(uniformPicks(source.rows, ctx.sampleSize, ctx.relPath))
    for (const group of source.groups) {
      for (const [start, end] of groupRanges(source, group)) {
        const raw = await source.readRange(start, end)
        ctx.onProgress?.()
        const columns = [...source.columns]
        for (let i = 0; i < raw.length; i++) {
          const row = toPlainRow(raw[i]!, columns)
          const json = rowJson(row)
          // every row decoded: searched parsed (numbers judged by their column names) and offered
          // to the dataset-wide duplicate sample
          if (facts.wantsEveryRecord) {
            facts.addRawValue(row)
            facts.offerValue(row)
          }
          if (picks === null || picks.has(start + i)) analyse(row, json, start + i)
        }
      }
      file.release()
    }
  } else {
    const plan = planParquetSample(source, ctx.sampleSize, SAMPLE_DECODE_BUDGET, ctx.relPath)
    let group = -1
    for (const unit of plan.units) {
      const first = unit.start + unit.picks[0]!
      const last = unit.start + unit.picks[unit.picks.length - 1]!
      const at = source.groups.findIndex((g) => first >= g.start && first < g.start + g.rows)
      if (at !== group) file.release()
      group = at
      const raw = await source.readRange(first, last + 1)
      ctx.onProgress?.()
      const columns = [...source.columns]
      for (const pick of unit.picks) {
        const index = unit.start + pick
        const row = toPlainRow(raw[index - first]!, columns)
        analyse(row, rowJson(row), index)
      }
    }
    file.release()
  }
  const result = facts.result()
  // The token estimate scales its sample to this: the rows' size as JSON text (what the sampled
  // records' bytes measure), estimated from the analysed rows; the file's bytes are compressed columns.
  result.contentBytes = analysed === 0 ? 0 : Math.round((analysedBytes / analysed) * source.rows)
  const findings: FindingDraft[] = [...source.unreadable].map(([column, reason]) => ({ code: 'COLUMN_UNREADABLE', args: { column, reason } }))
  return { facts: result, findings }
}

/** The rows a scan analyses of a Parquet file when not reading it whole (see row-sample.ts). */
export function planParquetSample(source: ParquetRowSource, k: number, budget: number, seed: string): RowSamplePlan {
  return planRowSample(sampleUnits(source), k, budget, seed)
}

/** Sample units: runs of rows of about one page of the widest flat column, with what decoding one costs. */
function sampleUnits(source: ParquetRowSource): SampleUnit[] {
  const units: SampleUnit[] = []
  for (const group of source.groups) {
    if (group.rows === 0) continue
    const chunks = source.metadata.row_groups[group.index]?.columns ?? []
    const columns = source.columns.map((column) => ({
      column,
      bytes: leafBytes(chunks, column.leaves),
      dictionary: source.chunks(group.index, column).some((meta) => meta.dictionary_page_offset !== undefined),
      // without an offset index hyparquet reads the whole chunk to find the pages (kept for the row group's other units)
      unindexed: column.leaves.some((leaf) => !source.hasOffsetIndex(group.index, leaf))
        ? source.chunks(group.index, column).reduce((sum, meta) => sum + Number(meta.total_compressed_size), 0)
        : 0,
    }))
    const widest = Math.max(0, ...columns.map((c) => c.bytes))
    const whole = widest <= PAGE_BYTES || columns.some((c) => !c.column.flat)
    const size = whole ? group.rows : Math.max(1, Math.floor((PAGE_BYTES * group.rows) / widest))
    const count = Math.ceil(group.rows / size)
    const base = Math.floor(group.rows / count)
    const extra = group.rows % count
    let start = group.start
    for (let i = 0; i < count; i++) {
      const rows = base + (i < extra ? 1 : 0)
      let cost = 0
      for (const c of columns) {
        // the pages overlapping the rows (one more on average, as runs straddle page boundaries),
        // the dictionary, and reading an unindexed chunk (copying costs about 1/16 of decoding)
        const pages = whole ? c.bytes : Math.min(c.bytes, PAGE_BYTES + (c.bytes * rows) / group.rows) + (c.dictionary ? Math.min(c.bytes, PAGE_BYTES) : 0)
        cost += pages + c.unindexed / 16
      }
      units.push({ start, rows, cost })
      start += rows
    }
  }
  return units
}

function countLeaves(node: SchemaTree): number {
  if (node.children.length === 0) return 1
  return node.children.reduce((sum, child) => sum + countLeaves(child), 0)
}

/**
 * Sum of the column chunks' null_count, only for a flat top-level leaf: for nested columns the
 * statistic counts null leaf values, not null rows of the top-level field.
 */
function flatColumnNulls(metadata: FileMetaData, column: SchemaTree, leafIndex: number): number | undefined {
  if (column.children.length > 0 || column.element.type === undefined) return undefined
  if (column.element.repetition_type === 'REPEATED') return undefined
  let sum = 0
  for (const rowGroup of metadata.row_groups) {
    const meta = rowGroup.columns[leafIndex]?.meta_data
    if (meta === undefined || meta.path_in_schema.join('.') !== column.element.name) return undefined
    const nullCount = meta.statistics?.null_count
    if (nullCount === undefined) return undefined
    sum += Number(nullCount)
  }
  return sum
}

/*
 * Type names. One spelling per logical type, whichever annotation the writer used:
 *   leaf:   logical type if present, else converted type, else the physical type
 *           STRING (logical STRING or converted UTF8), DECIMAL(precision,scale),
 *           INT_8..INT_64 / UINT_8..UINT_64 (logical INTEGER or converted INT_n/UINT_n),
 *           TIMESTAMP(MILLIS|MICROS|NANOS[, UTC]) and TIME(...) (converted TIMESTAMP_MILLIS etc.
 *           are UTC-adjusted by definition), DATE, ENUM, JSON, BSON, UUID, FLOAT16, INTERVAL, ...;
 *           physical: BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
 *   group:  LIST<element>, MAP<key, value>, else STRUCT<name: type, ...>
 *   a REPEATED field outside a LIST/MAP annotation (legacy lists) is LIST<its type>.
 */
function fieldType(node: SchemaTree): string {
  const type = valueType(node)
  return node.element.repetition_type === 'REPEATED' ? `LIST<${type}>` : type
}

function valueType(node: SchemaTree): string {
  const element = node.element
  if (node.children.length === 0 && element.type !== undefined) return leafType(element)
  if (isAnnotated(element, 'LIST')) return listType(node)
  if (isAnnotated(element, 'MAP') || element.converted_type === 'MAP_KEY_VALUE') return mapType(node)
  return structType(node)
}

function isAnnotated(element: SchemaElement, kind: 'LIST' | 'MAP'): boolean {
  return element.logical_type?.type === kind || element.converted_type === kind
}

function structType(node: SchemaTree): string {
  return `STRUCT<${node.children.map((child) => `${child.element.name}: ${fieldType(child)}`).join(', ')}>`
}

/** Follows the Parquet spec's backward-compatibility rules for 2-level and 3-level lists. */
function listType(node: SchemaTree): string {
  const repeated = node.children[0]
  if (node.children.length !== 1 || repeated?.element.repetition_type !== 'REPEATED') return structType(node)
  if (repeated.children.length === 0) return `LIST<${valueType(repeated)}>`
  const name = repeated.element.name
  if (repeated.children.length > 1 || name === 'array' || name === `${node.element.name}_tuple`) {
    return `LIST<${valueType(repeated)}>`
  }
  return `LIST<${fieldType(repeated.children[0])}>`
}

function mapType(node: SchemaTree): string {
  const keyValue = node.children[0]
  if (node.children.length !== 1 || keyValue?.children.length !== 2) return structType(node)
  const [key, value] = keyValue.children
  return `MAP<${fieldType(key)}, ${fieldType(value)}>`
}

function leafType(element: SchemaElement): string {
  return logicalTypeName(element.logical_type) ?? convertedTypeName(element) ?? element.type ?? 'UNKNOWN'
}

function logicalTypeName(logical: LogicalType | undefined): string | undefined {
  // hyparquet passes through logical types it does not know as raw thrift objects without `type`
  if (logical === undefined || typeof logical.type !== 'string') return undefined
  switch (logical.type) {
    case 'DECIMAL':
      return `DECIMAL(${logical.precision},${logical.scale})`
    case 'INTEGER':
      return `${logical.isSigned ? '' : 'U'}INT_${logical.bitWidth}`
    case 'TIMESTAMP':
    case 'TIME':
      return `${logical.type}(${logical.unit}${logical.isAdjustedToUTC ? ', UTC' : ''})`
    default:
      return logical.type
  }
}

function convertedTypeName(element: SchemaElement): string | undefined {
  switch (element.converted_type) {
    case undefined:
      return undefined
    case 'UTF8':
      return 'STRING'
    case 'DECIMAL':
      return `DECIMAL(${element.precision ?? '?'},${element.scale ?? 0})`
    case 'TIMESTAMP_MILLIS':
      return 'TIMESTAMP(MILLIS, UTC)'
    case 'TIMESTAMP_MICROS':
      return 'TIMESTAMP(MICROS, UTC)'
    case 'TIME_MILLIS':
      return 'TIME(MILLIS, UTC)'
    case 'TIME_MICROS':
      return 'TIME(MICROS, UTC)'
    default:
      return element.converted_type
  }
}

function truncated(reason: string, offset: number): ContentAnalysis {
  const finding: FindingDraft = { code: 'PARQUET_TRUNCATED', offset, args: { reason } }
  return { findings: [finding] }
}

function invalidFooter(reason: string): ContentAnalysis {
  return { findings: [{ code: 'PARQUET_INVALID_FOOTER', args: { reason } }] }
}

async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat()
  return {
    byteLength: size,
    async read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
      const bytes = new Uint8Array(end - start)
      let filled = 0
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled)
        if (bytesRead === 0) throw new ShortReadError(start + filled, size)
        filled += bytesRead
      }
      return bytes
    },
  }
}

function asyncBuffer(source: ByteSource): AsyncBuffer {
  return {
    byteLength: source.byteLength,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const bytes = await source.read(start, end ?? source.byteLength)
      return bytes.buffer
    },
  }
}
