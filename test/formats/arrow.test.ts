import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  Binary,
  compressionRegistry,
  CompressionType,
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Message,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeInChunks } from '../helpers/analyze.js'
import { knownRows, type KnownRow } from '../helpers/columnar-rows.js'
import { createArrowAnalyzer, readArrowRows } from '../../src/formats/arrow.js'
import type { AnalyzerContext, ContentAnalysis } from '../../src/formats/types.js'

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus')
const arrowDir = join(corpus, 'arrow')

const PRIMITIVE_COLUMNS = [
  'bool_nullable', 'bool_nonnullable', 'int8_nullable', 'int8_nonnullable', 'int16_nullable', 'int16_nonnullable',
  'int32_nullable', 'int32_nonnullable', 'int64_nullable', 'int64_nonnullable', 'uint8_nullable', 'uint8_nonnullable',
  'uint16_nullable', 'uint16_nonnullable', 'uint32_nullable', 'uint32_nonnullable', 'uint64_nullable',
  'uint64_nonnullable', 'float32_nullable', 'float32_nonnullable', 'float64_nullable', 'float64_nonnullable',
  'binary_nullable', 'binary_nonnullable', 'utf8_nullable', 'utf8_nonnullable', 'fixedsizebinary_19_nullable',
  'fixedsizebinary_19_nonnullable', 'fixedsizebinary_120_nullable', 'fixedsizebinary_120_nonnullable',
]

/** Rows and columns per file, from ../shared/corpus/MANIFEST.md (apache-arrow RecordBatchReader). */
const EXPECTED: Record<string, { rows: number; columns: string[] }> = {
  'generated_custom_metadata.arrow_file': {
    rows: 1,
    columns: ['sort_of_pandas', 'lots_of_meta', 'unregistered_extension', 'list_with_odd_values'],
  },
  'generated_datetime.stream': {
    rows: 17,
    columns: ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12', 'f13', 'f14'],
  },
  'generated_dictionary.stream': { rows: 17, columns: ['dict0', 'dict1', 'dict2'] },
  'generated_nested.arrow_file': { rows: 17, columns: ['list_nullable', 'fixedsizelist_nullable', 'struct_nullable'] },
  'generated_primitive.arrow_file': { rows: 37, columns: PRIMITIVE_COLUMNS },
  'generated_primitive.stream': { rows: 37, columns: PRIMITIVE_COLUMNS },
}

type Kind = 'file' | 'stream'

const tmp = mkdtempSync(join(tmpdir(), 'tdgov-arrow-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let written = 0

/** Writes `bytes` to a fresh file: a file without a Schema message in its stream is sampled from disk. */
function onDisk(bytes: Uint8Array): string {
  const path = join(tmp, `data-${++written}.arrow`)
  writeFileSync(path, bytes)
  return path
}

function context(absPath = '/nonexistent/x', overrides: Partial<AnalyzerContext> = {}): AnalyzerContext {
  return { absPath, relPath: 'x', bytes: 0, compression: null, deep: false, sampleSize: 1000, pii: 'off', tokens: 'off', ...overrides }
}

/** Feeds `bytes` (also written to disk) through one reused buffer, scribbled over after each push, as the scanner may. */
function analyze(bytes: Uint8Array, kind: Kind, chunkSize = bytes.length, overrides: Partial<AnalyzerContext> = {}): Promise<ContentAnalysis> {
  const path = onDisk(bytes)
  return analyzeInChunks(() => createArrowAnalyzer(context(path, overrides), kind), bytes, Math.max(chunkSize, 1))
}

/** What the header scan says: the analysis without the content facts of the rows. */
function withoutFacts(analysis: ContentAnalysis): Omit<ContentAnalysis, 'facts'> {
  const rest: Omit<ContentAnalysis, 'facts'> & { facts?: unknown } = { ...analysis }
  delete rest.facts
  return rest
}

function kindOf(file: string): Kind {
  return file.endsWith('.arrow_file') ? 'file' : 'stream'
}

function codes(analysis: ContentAnalysis): string[] {
  return analysis.findings.map((finding) => finding.code)
}

/** Null count per top-level column as apache-arrow's full reader sees it. */
function nullsByFullRead(bytes: Uint8Array): Record<string, number> {
  const table = tableFromIPC(bytes)
  return Object.fromEntries(table.schema.fields.map((field) => [field.name, table.getChild(field.name)!.nullCount]))
}

function nullsOf(analysis: ContentAnalysis): Record<string, number | undefined> {
  return Object.fromEntries((analysis.schema?.fields ?? []).map((field) => [field.name, field.nulls]))
}

interface Framed {
  /** offset just past each message (metadata and body) */
  ends: number[]
  /** offset of the end-of-stream marker, or -1 */
  endOfStream: number
}

/** Walks the IPC messages of a stream that starts at `start`, with apache-arrow as the reference decoder. */
function frame(bytes: Uint8Array, start: number): Framed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ends: number[] = []
  let at = start
  while (at + 8 <= bytes.length) {
    const length = view.getInt32(at + 4, true)
    if (length === 0) return { ends, endOfStream: at }
    const message = Message.decode(bytes.subarray(at + 8, at + 8 + length))
    at += 8 + length + message.bodyLength
    ends.push(at)
  }
  return { ends, endOfStream: -1 }
}

/** Rewrites a stream in the pre-0.15 framing: no continuation marker, a 4-byte zero end-of-stream. */
function toLegacyFraming(stream: Uint8Array): Uint8Array {
  const { ends, endOfStream } = frame(stream, 0)
  const parts: Uint8Array[] = []
  let at = 0
  for (const end of ends) {
    parts.push(stream.subarray(at + 4, end))
    at = end
  }
  expect(at).toBe(endOfStream)
  parts.push(new Uint8Array(4))
  return Buffer.concat(parts)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}

/** Splits a table into record batches of `size` rows; slices share one dictionary, as the file format requires. */
function inBatches(table: Table, size: number): Table {
  const batches = []
  for (let start = 0; start < table.numRows; start += size) batches.push(...table.slice(start, start + size).batches)
  return new Table(batches)
}

/** Two record batches with known nulls: top-level nulls only count at the column's own level. */
function tableWithNulls(): Table {
  const whole = new Table({
    n: vectorFromArray([1, null, 3, null, null], new Int32()),
    s: vectorFromArray(['a', null, null, 'b', 'c'], new Utf8()),
    d: vectorFromArray(['x', null, 'y', null, 'x'], new Dictionary(new Utf8(), new Int32())),
    l: vectorFromArray([[1, null], null, [], [null], [2]], new List(new Field('item', new Int32(), true))),
    st: vectorFromArray([{ x: null }, null, { x: 2 }, { x: 1 }, { x: null }], new Struct([new Field('x', new Int32(), true)])),
  })
  return inBatches(whole, 3)
}

const EXPECTED_WITH_NULLS = {
  records: 5,
  schema: {
    fields: [
      { name: 'n', type: 'Int32', nulls: 3 },
      { name: 's', type: 'Utf8', nulls: 2 },
      { name: 'd', type: 'Dictionary<Int32, Utf8>', nulls: 2 },
      { name: 'l', type: 'List<Int32>', nulls: 1 },
      { name: 'st', type: 'Struct<{x:Int32}>', nulls: 1 },
    ],
  },
  findings: [],
}

describe.skipIf(!existsSync(arrowDir))('Arrow IPC corpus conformance (skipped: ../shared/corpus absent)', () => {
  it('has an expectation for every corpus file', () => {
    expect(readdirSync(arrowDir).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s: rows, columns and nulls from headers only', async (file, expected) => {
    const bytes = await readFile(join(arrowDir, file))
    const analysis = await analyze(bytes, kindOf(file))
    expect(analysis.findings).toEqual([])
    expect(analysis.records).toBe(expected.rows)
    expect(analysis.schema?.fields.map((field) => field.name)).toEqual(expected.columns)
    expect(nullsOf(analysis)).toEqual(nullsByFullRead(bytes))
  })

  it.each(Object.keys(EXPECTED))('%s: same result for chunks of 1, 7, 4096 bytes and the whole file', async (file) => {
    const bytes = await readFile(join(arrowDir, file))
    const whole = await analyze(bytes, kindOf(file))
    for (const size of [1, 7, 4096]) expect(await analyze(bytes, kindOf(file), size)).toEqual(whole)
  })

  it('renders types as apache-arrow does', async () => {
    const types = async (file: string): Promise<Record<string, string>> => {
      const analysis = await analyze(await readFile(join(arrowDir, file)), kindOf(file))
      return Object.fromEntries((analysis.schema?.fields ?? []).map((field) => [field.name, field.type]))
    }
    expect(await types('generated_dictionary.stream')).toEqual({
      dict0: 'Dictionary<Int8, Utf8>',
      dict1: 'Dictionary<Int32, Utf8>',
      dict2: 'Dictionary<Int16, Int64>',
    })
    expect(await types('generated_nested.arrow_file')).toEqual({
      list_nullable: 'List<Int32>',
      fixedsizelist_nullable: 'FixedSizeList[4]<Int32>',
      struct_nullable: 'Struct<{f1:Int32, f2:Utf8}>',
    })
    expect(await types('generated_datetime.stream')).toMatchObject({
      f0: 'Date32<DAY>',
      f5: 'Time64<NANOSECOND>',
      f11: 'Timestamp<SECOND, UTC>',
      f12: 'Timestamp<MILLISECOND, US/Eastern>',
    })
    expect(await types('generated_primitive.stream')).toMatchObject({
      uint64_nullable: 'Uint64',
      fixedsizebinary_19_nullable: 'FixedSizeBinary[19]',
    })
  })

  it.each(['generated_primitive.arrow_file', 'generated_nested.arrow_file'])(
    '%s: accepted without its end-of-stream marker when the footer follows the last message',
    async (file) => {
      const bytes = await readFile(join(arrowDir, file))
      const { endOfStream } = frame(bytes, 8)
      const withoutEos = concat(bytes.subarray(0, endOfStream), bytes.subarray(endOfStream + 8))
      expect(await analyze(withoutEos, 'file', 5)).toEqual(await analyze(bytes, 'file'))
    },
  )

  it.each(Object.keys(EXPECTED))('%s: every cut inside a message is ARROW_TRUNCATED', async (file) => {
    const bytes = await readFile(join(arrowDir, file))
    const kind = kindOf(file)
    const { ends } = frame(bytes, kind === 'file' ? 8 : 0)
    for (let length = 1; length < bytes.length; length += 13) {
      const analysis = await analyze(bytes.subarray(0, length), kind, 64)
      const cleanStreamEnd = kind === 'stream' && ends.includes(length)
      expect(codes(analysis), `cut at ${length}`).toEqual(cleanStreamEnd ? [] : ['ARROW_TRUNCATED'])
    }
  })
})

describe('Arrow IPC header scan on generated data', () => {
  const table = tableWithNulls()

  it.each(['stream', 'file'] as const)('counts rows and per-column nulls (%s format)', async (kind) => {
    const bytes = tableToIPC(table, kind)
    expect(table.batches).toHaveLength(2)
    expect(nullsByFullRead(bytes)).toEqual({ n: 3, s: 2, d: 2, l: 1, st: 1 })
    for (const size of [1, 7, 4096, bytes.length]) expect(withoutFacts(await analyze(bytes, kind, size))).toEqual(EXPECTED_WITH_NULLS)
  })

  it('reads the pre-0.15 framing without continuation markers', async () => {
    const legacy = toLegacyFraming(tableToIPC(table, 'stream'))
    expect(tableFromIPC(legacy).numRows).toBe(5)
    for (const size of [3, 4096]) expect(withoutFacts(await analyze(legacy, 'stream', size))).toEqual(EXPECTED_WITH_NULLS)
  })

  it('accepts a stream that ends after a complete message without the end-of-stream marker', async () => {
    const bytes = tableToIPC(table, 'stream')
    const { ends, endOfStream } = frame(bytes, 0)
    expect(endOfStream).toBe(bytes.length - 8)
    expect(withoutFacts(await analyze(bytes.subarray(0, endOfStream), 'stream', 7))).toEqual(EXPECTED_WITH_NULLS)
    const schemaOnly = await analyze(bytes.subarray(0, ends[0]), 'stream')
    expect(schemaOnly.findings).toEqual([])
    expect(schemaOnly.records).toBe(0)
    expect(nullsOf(schemaOnly)).toEqual({ n: 0, s: 0, d: 0, l: 0, st: 0 })
  })

  it('reads the schema from the footer when the file has no Schema message (as apache-arrow JS writes)', async () => {
    const bytes = tableToIPC(table, 'file')
    const first = new DataView(bytes.buffer, bytes.byteOffset).getInt32(12, true)
    expect(Message.decode(bytes.subarray(16, 16 + first)).isSchema()).toBe(false)
    expect(withoutFacts(await analyze(bytes, 'file', 7))).toEqual(EXPECTED_WITH_NULLS)
  })

  it('flags truncation with the offset of the unfinished message', async () => {
    const bytes = tableToIPC(table, 'stream')
    const { ends } = frame(bytes, 0)
    const insideBody = ends[1]! - 3
    expect((await analyze(bytes.subarray(0, insideBody), 'stream', 7)).findings).toEqual([
      {
        code: 'ARROW_TRUNCATED',
        offset: ends[0],
        args: { reason: expect.stringMatching(/^expected a message body of \d+ bytes, got \d+$/) },
      },
    ])
    const insideMetadata = ends[0]! + 12
    expect((await analyze(bytes.subarray(0, insideMetadata), 'stream')).findings).toEqual([
      {
        code: 'ARROW_TRUNCATED',
        offset: ends[0],
        args: { reason: expect.stringMatching(/^expected \d+ bytes of message metadata, got 4$/) },
      },
    ])
    expect((await analyze(new Uint8Array(0), 'stream')).findings).toEqual([
      { code: 'ARROW_TRUNCATED', offset: 0, args: { reason: 'data ends before the Schema message' } },
    ])
  })

  it('requires the end-of-stream marker and footer in the file format', async () => {
    const bytes = tableToIPC(table, 'file')
    const { endOfStream } = frame(bytes, 8)
    expect((await analyze(bytes.subarray(0, endOfStream), 'file')).findings).toEqual([
      {
        code: 'ARROW_TRUNCATED',
        offset: endOfStream,
        args: { reason: 'no end-of-stream marker; the IPC file format requires one before its footer' },
      },
    ])
    expect((await analyze(bytes.subarray(0, bytes.length - 1), 'file')).findings).toEqual([
      {
        code: 'ARROW_TRUNCATED',
        offset: bytes.length - 1,
        args: { reason: 'expected the footer length and ARROW1 magic at the end of the file' },
      },
    ])
    for (let length = 0; length < bytes.length; length++) {
      expect(codes(await analyze(bytes.subarray(0, length), 'file', 11)), `cut at ${length}`).toEqual(['ARROW_TRUNCATED'])
    }
  })

  it('flags undecodable headers as ARROW_INVALID_MESSAGE', async () => {
    const stream = tableToIPC(table, 'stream')
    const { ends } = frame(stream, 0)
    const invalid = async (bytes: Uint8Array, kind: Kind = 'stream'): Promise<ContentAnalysis> => {
      const analysis = await analyze(bytes, kind, 7)
      expect(codes(analysis)).toEqual(['ARROW_INVALID_MESSAGE'])
      expect(analysis.records).toBeUndefined()
      return analysis
    }

    const negativeLength = concat(stream.subarray(0, ends[0]), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xff))
    expect((await invalid(negativeLength)).findings[0]).toMatchObject({ offset: ends[0] })

    const garbage = stream.slice()
    garbage.fill(0x7f, 8, 16)
    expect((await invalid(garbage)).findings[0]).toMatchObject({
      offset: 0,
      args: { reason: expect.stringMatching(/^flatbuffer offsets point outside the \d+-byte metadata$/) },
    })

    const batchFirst = stream.subarray(ends[0])
    expect((await invalid(batchFirst)).findings[0]).toMatchObject({
      offset: 0,
      args: { reason: expect.stringMatching(/before the Schema; expected the Schema first$/) },
    })

    const twoSchemas = concat(stream.subarray(0, ends[0]), stream)
    expect((await invalid(twoSchemas)).findings[0]).toMatchObject({ offset: ends[0] })

    const file = tableToIPC(table, 'file').slice()
    file[0] = 0x61
    expect((await invalid(file, 'file')).findings[0]).toMatchObject({
      offset: 0,
      args: { reason: 'expected the ARROW1 magic at the start of an Arrow IPC file' },
    })
  })

  it('does not keep a record batch body beyond 256 MiB: its rows are counted, its columns reported unreadable', async () => {
    const stream = tableToIPC(new Table({ n: vectorFromArray([1, null, 3], new Int32()) }), 'stream')
    const { ends } = frame(stream, 0)
    const batch = Message.decode(stream.subarray(ends[0]! + 8))
    if (!batch.isRecordBatch()) throw new Error('expected the second message to be a RecordBatch')
    const bodyLength = 256 * 1024 * 1024 + 8
    const metadata = Message.encode(Message.from(batch.header(), bodyLength))
    const padded = Math.ceil(metadata.length / 8) * 8
    const prefix = new DataView(new ArrayBuffer(8))
    prefix.setUint32(0, 0xffffffff, true)
    prefix.setInt32(4, padded, true)

    const analyzer = createArrowAnalyzer(context(), 'stream')
    analyzer.push(stream.subarray(0, ends[0]))
    analyzer.push(new Uint8Array(prefix.buffer))
    analyzer.push(concat(metadata, new Uint8Array(padded - metadata.length)))
    const before = process.memoryUsage().arrayBuffers
    const chunk = new Uint8Array(64 * 1024)
    for (let sent = 0; sent < bodyLength; sent += chunk.length) analyzer.push(chunk)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024)
    analyzer.push(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0))
    const analysis = await analyzer.finish()
    expect(withoutFacts(analysis)).toEqual({
      records: 3,
      schema: { fields: [{ name: 'n', type: 'Int32', nulls: 1 }] },
      findings: [
        {
          code: 'COLUMN_UNREADABLE',
          args: { column: 'n', reason: `record batch at row 1: record batch body of ${bodyLength} bytes; at most 268435456 are decoded` },
        },
      ],
    })
    expect(analysis.facts?.content).toBeNull()
  })

  it.each(['stream', 'file'] as const)('scans a multi-MB %s fed in 64 KiB chunks', async (kind) => {
    const rows = 300_000
    const values = Float64Array.from({ length: rows }, (_, i) => i)
    const labels = Array.from({ length: rows }, (_, i) => (i % 10 === 0 ? null : `label number ${i}`))
    const whole = new Table({ value: vectorFromArray(values), label: vectorFromArray(labels, new Utf8()) })
    const bytes = tableToIPC(inBatches(whole, 10_000), kind)
    expect(bytes.length).toBeGreaterThan(6 * 1024 * 1024)
    const analysis = await analyze(bytes, kind, 64 * 1024)
    expect(analysis.facts?.content?.records).toBe(1000)
    expect(withoutFacts(analysis)).toEqual({
      records: rows,
      schema: {
        fields: [
          { name: 'value', type: 'Float64', nulls: 0 },
          { name: 'label', type: 'Utf8', nulls: rows / 10 },
        ],
      },
      findings: [],
    })
  })
})

/* ---------------------------------------------------------------------------------------------- */
/* Content: the rows                                                                               */
/* ---------------------------------------------------------------------------------------------- */

function knownTable(rows: readonly KnownRow[], batchSize: number): Table {
  const whole = new Table({
    id: vectorFromArray(rows.map((r) => r.id), new Int32()),
    text: vectorFromArray(rows.map((r) => r.text), new Utf8()),
    // dictionary-encoded: the dictionary batch is kept to decode the record batches with
    tag: vectorFromArray(rows.map((r) => r.tag), new Dictionary(new Utf8(), new Int32())),
    score: vectorFromArray(rows.map((r) => r.score), new Float64()),
  })
  return inBatches(whole, batchSize)
}

async function allArrowRows(absPath: string, options?: Parameters<typeof readArrowRows>[1]): Promise<{ index: number; row: Record<string, unknown> }[]> {
  const rows: { index: number; row: Record<string, unknown> }[] = []
  for await (const item of readArrowRows(absPath, options)) rows.push(item)
  return rows
}

const hasCli = (name: string): boolean => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0

describe('Arrow IPC content facts from the rows', () => {
  const known = knownRows()
  const table = knownTable(known.rows, 500)
  const bytes = { stream: tableToIPC(table, 'stream'), file: tableToIPC(table, 'file') }

  it.each(['stream', 'file'] as const)('analyses every row under --deep (%s format)', async (kind) => {
    const analysis = await analyze(bytes[kind], kind, 64 * 1024, { deep: true, pii: 'sample' })
    expect(analysis.findings).toEqual([])
    expect(analysis.records).toBe(5000)
    expect(analysis.facts?.content).toMatchObject({ records: 5000, empty: 0, duplicates: 200, languages: { zh: 4000, en: 1000 } })
    expect(analysis.facts?.pii).toMatchObject({ records: 5000, counts: { 'cn-mobile': 100 } })
    const jsonBytes = known.rows.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0)
    expect(analysis.facts?.contentBytes).toBe(jsonBytes)
  })

  it.each(['stream', 'file'] as const)('analyses a uniform seeded sample of 1,000 rows by default (%s format)', async (kind) => {
    const analysis = await analyze(bytes[kind], kind, 64 * 1024, { pii: 'sample' })
    const content = analysis.facts!.content!
    expect(content.records).toBe(1000)
    // expectations of a uniform 1,000 of 5,000: see the Parquet test; bounds over 5 sd wide
    expect(content.languages.en).toBeGreaterThan(140)
    expect(content.languages.en).toBeLessThan(260)
    const phones = analysis.facts?.pii?.counts?.['cn-mobile'] ?? 0
    expect(phones).toBeGreaterThan(2)
    expect(phones).toBeLessThan(45)
    expect(await analyze(bytes[kind], kind, 7 * 1024, { pii: 'sample' })).toEqual(analysis)
  })

  it('takes the same sample whatever the format: the reservoir is seeded by the path, over the rows in order', async () => {
    const stream = await analyze(bytes.stream, 'stream', 64 * 1024, { pii: 'sample' })
    const file = await analyze(bytes.file, 'file', 64 * 1024, { pii: 'sample' })
    expect(file.facts).toEqual(stream.facts)
  })

  it('searches every row for personal information under --pii full, and analyses the sample', async () => {
    const analysis = await analyze(bytes.stream, 'stream', 64 * 1024, { pii: 'full' })
    expect(analysis.facts?.pii).toMatchObject({ records: 5000, counts: { 'cn-mobile': 100 } })
    expect(analysis.facts?.content?.records).toBe(1000)
  })

  it('readArrowRows yields every row in order, batch by batch, in both formats', async () => {
    for (const kind of ['stream', 'file'] as const) {
      const read = await allArrowRows(onDisk(bytes[kind]))
      expect(read.map((r) => r.index)).toEqual(known.rows.map((_, i) => i + 1))
      expect(read.map((r) => r.row)).toEqual(known.rows)
    }
    const path = onDisk(bytes.stream)
    expect((await allArrowRows(path, { columns: ['tag', 'id'] }))[2]!.row).toEqual({ id: 3, tag: known.rows[2]!.tag })
    await expect(allArrowRows(path, { columns: ['nope'] })).rejects.toThrow(`${path}: no column "nope"; expected one of id, text, tag, score`)
    // a caller may stop early; the file is closed all the same
    for (const kind of ['stream', 'file'] as const) for await (const { index } of readArrowRows(onDisk(bytes[kind]))) if (index === 3) break
  })

  it('converts values: dates and timestamps as ISO strings, Int64 as bigints, lists and structs; binary left out', async () => {
    const typed = new Table({
      day: vectorFromArray([Date.UTC(2024, 1, 29), null], new DateDay()),
      at: vectorFromArray([Date.UTC(2024, 1, 29, 12, 30), 0], new TimestampMillisecond()),
      n: vectorFromArray([1n, 2n ** 60n], new Int64()),
      tags: vectorFromArray([['新闻', null], []], new List(new Field('item', new Utf8(), true))),
      meta: vectorFromArray([{ author: '张三' }, null], new Struct([new Field('author', new Utf8(), true)])),
      blob: vectorFromArray([Uint8Array.of(0x89, 0x50), null], new Binary()),
    })
    const path = onDisk(tableToIPC(typed, 'stream'))
    expect((await allArrowRows(path)).map((r) => r.row)).toEqual([
      { day: '2024-02-29T00:00:00.000Z', at: '2024-02-29T12:30:00.000Z', n: 1n, tags: ['新闻', null], meta: { author: '张三' } },
      { day: null, at: '1970-01-01T00:00:00.000Z', n: 2n ** 60n, tags: [], meta: null },
    ])
    await expect(allArrowRows(path, { columns: ['blob'] })).rejects.toThrow(`${path}: column "blob" is binary; expected a text, number or time column`)
  })

  describe.each([
    ['ZSTD', CompressionType.ZSTD, 'zstd', ['-q', '-c']],
    // 64 KiB blocks that refer back to earlier ones (-BD), as LZ4 frames may
    ['LZ4_FRAME', CompressionType.LZ4_FRAME, 'lz4', ['-q', '-c', '-B4', '-BD']],
  ] as const)('%s-compressed record batches', (_name, type, cli, args) => {
    it.skipIf(!hasCli(cli))(`are decoded (encoded by the ${cli} command-line tool; skipped when it is absent)`, async () => {
      const decoder = compressionRegistry.get(type)
      expect(decoder?.decode).toBeDefined()
      compressionRegistry.set(type, { encode: (data) => new Uint8Array(spawnSync(cli, args, { input: data }).stdout), decode: decoder!.decode! })
      const rows = known.rows.slice(0, 1200)
      const compressed = tableToIPC(knownTable(rows, 600), 'stream', type)
      const path = onDisk(compressed)
      expect((await allArrowRows(path)).map((r) => r.row)).toEqual(rows)
      const analysis = await analyze(compressed, 'stream', 64 * 1024, { deep: true, pii: 'sample' })
      expect(analysis.findings).toEqual([])
      expect(analysis.facts?.content).toMatchObject({ records: 1200, languages: { zh: 960, en: 240 } })

      // a damaged body: that batch and the rest are left out, and every column is reported
      const damaged = compressed.slice()
      const { ends } = frame(damaged, 0)
      const lastBatchStart = ends[ends.length - 2]!
      damaged.fill(0x5a, lastBatchStart + 400, ends[ends.length - 1]! - 8)
      const broken = await analyze(damaged, 'stream', 64 * 1024, { deep: true })
      expect(broken.records).toBe(1200)
      expect(broken.facts?.content?.records).toBe(600)
      expect(broken.findings.map((f) => [f.code, f.args?.column])).toEqual([
        ['COLUMN_UNREADABLE', 'id'],
        ['COLUMN_UNREADABLE', 'text'],
        ['COLUMN_UNREADABLE', 'tag'],
        ['COLUMN_UNREADABLE', 'score'],
      ])
      expect(String(broken.findings[0]!.args?.reason)).toMatch(/^record batch at row 601: /)
    })
  })
})

describe.skipIf(!existsSync(arrowDir))('Arrow IPC corpus rows (skipped: ../shared/corpus absent)', () => {
  it.each(Object.entries(EXPECTED))('%s: every row is read and analysed without a finding', async (file, expected) => {
    const bytes = await readFile(join(arrowDir, file))
    const analysis = await analyzeInChunks(() => createArrowAnalyzer(context(join(arrowDir, file), { relPath: file, pii: 'sample' }), kindOf(file)), bytes, 4096)
    expect(analysis.findings).toEqual([])
    expect(analysis.facts?.content?.records).toBe(expected.rows)
    const read = await allArrowRows(join(arrowDir, file))
    expect(read).toHaveLength(expected.rows)
    // binary and fixed-size binary columns are left out of the rows
    if (file.startsWith('generated_primitive')) {
      expect(Object.keys(read[0]!.row)).toEqual(expected.columns.filter((c) => !c.includes('binary')))
    }
  })
})
