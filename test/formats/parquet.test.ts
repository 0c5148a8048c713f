import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Dictionary, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow'
import { parquetMetadataAsync } from 'hyparquet'
import { ByteWriter, ParquetWriter, parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeInChunks } from '../helpers/analyze.js'
import { knownRows, toJsonl, type KnownRow } from '../helpers/columnar-rows.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'
import { createParquetAnalyzer, planParquetSample, readParquetRows } from '../../src/formats/parquet.js'
import { CachingBuffer, ParquetRowSource, toPlainRow } from '../../src/formats/parquet-rows.js'
import type { AnalyzerContext, ContentAnalysis } from '../../src/formats/types.js'
import type { FileEntry } from '../../src/records/manifest-schema.js'

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus')
const parquetDir = join(corpus, 'parquet')

/** Rows and top-level columns per file, from ../shared/corpus/MANIFEST.md (DuckDB count(*) and DESCRIBE). */
const EXPECTED: Record<string, { rows: number; columns: string[] }> = {
  'alltypes_dictionary.parquet': { rows: 2, columns: alltypesColumns() },
  'alltypes_plain.parquet': { rows: 8, columns: alltypesColumns() },
  'alltypes_plain.snappy.parquet': { rows: 2, columns: alltypesColumns() },
  'concatenated_gzip_members.parquet': { rows: 513, columns: ['long_col'] },
  'datapage_v2.snappy.parquet': { rows: 5, columns: ['a', 'b', 'c', 'd', 'e'] },
  'delta_byte_array.parquet': {
    rows: 1000,
    columns: [
      'c_customer_id', 'c_salutation', 'c_first_name', 'c_last_name', 'c_preferred_cust_flag', 'c_birth_country',
      'c_login', 'c_email_address', 'c_last_review_date',
    ],
  },
  'delta_encoding_optional_column.parquet': {
    rows: 100,
    columns: [
      'c_customer_sk', 'c_current_cdemo_sk', 'c_current_hdemo_sk', 'c_current_addr_sk', 'c_first_shipto_date_sk',
      'c_first_sales_date_sk', 'c_birth_day', 'c_birth_month', 'c_birth_year', 'c_customer_id', 'c_salutation',
      'c_first_name', 'c_last_name', 'c_preferred_cust_flag', 'c_birth_country', 'c_email_address', 'c_last_review_date',
    ],
  },
  'delta_length_byte_array.parquet': { rows: 1000, columns: ['FRUIT'] },
  'fixed_length_decimal.parquet': { rows: 24, columns: ['value'] },
  'int96_from_spark.parquet': { rows: 6, columns: ['a'] },
  'list_columns.parquet': { rows: 3, columns: ['int64_list', 'utf8_list'] },
  'lz4_raw_compressed.parquet': { rows: 4, columns: ['c0', 'c1', 'v11'] },
  'nested_lists.snappy.parquet': { rows: 3, columns: ['a', 'b'] },
  'nested_maps.snappy.parquet': { rows: 6, columns: ['a', 'b', 'c'] },
  'nested_structs.rust.parquet': {
    rows: 1,
    columns: [
      'roll_num', 'PC_CUR', 'CVA_2012', 'CVA_2016', 'BIA_3', 'BIA_4', 'ACTUAL_FRONTAGE', 'ACTUAL_DEPTH',
      'ACTUAL_LOT_SIZE', 'GLA', 'SOURCE_GLA', 'IPS_GLA', 'GLA_ALL', 'bia', 'EFFECTIVE_LOT_SIZE', 'effective_lot_area',
      'EFFECTIVE_FRONTAGE', 'EFFECTIVE_DEPTH', 'rw_area_tot', 'effective_lot_sqft', 'dup', 'nonCTXT', 'vacantland',
      'parkingbillboard', 'cvalte10', 'condootherhotel', 'calculated_lot_size', 'calculated_efflot_size', 'missingsite',
      'missinggla', 'missingsitegla', 'actual_lot_size_sqft', 'lotsize_sqft', 'count', 'ul_observation_date',
      'ul_tz_offset_minutes_ul_observation_date',
    ],
  },
  'nullable.impala.parquet': {
    rows: 7,
    columns: ['id', 'int_array', 'int_array_Array', 'int_map', 'int_Map_Array', 'nested_struct'],
  },
  'nulls.snappy.parquet': { rows: 8, columns: ['b_struct'] },
  'rle-dict-snappy-checksum.parquet': { rows: 1000, columns: ['long_field', 'binary_field'] },
  'rle_boolean_encoding.parquet': { rows: 68, columns: ['datatype_boolean'] },
}

function alltypesColumns(): string[] {
  return [
    'id', 'bool_col', 'tinyint_col', 'smallint_col', 'int_col', 'bigint_col', 'float_col', 'double_col',
    'date_string_col', 'string_col', 'timestamp_col',
  ]
}

let tmp: string

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tdgov-parquet-'))
})

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

function context(absPath: string, bytes: number): AnalyzerContext {
  return { absPath, relPath: 'x', bytes, compression: null, deep: false, sampleSize: 1000, pii: 'off', tokens: 'off' }
}

/** Feeds the file through one reused buffer, scribbled over after each push, as the scanner may. */
async function analyze(absPath: string, chunkSize?: number): Promise<ContentAnalysis> {
  const bytes = await readFile(absPath)
  return analyzeInChunks(() => createParquetAnalyzer(context(absPath, bytes.length)), bytes, chunkSize ?? Math.max(bytes.length, 1))
}

async function writeTemp(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(tmp, name)
  await writeFile(path, bytes)
  return path
}

/** The footer's part of an analysis: what it says without reading rows. */
function withoutFacts(analysis: ContentAnalysis): Omit<ContentAnalysis, 'facts'> {
  const rest: Omit<ContentAnalysis, 'facts'> & { facts?: unknown } = { ...analysis }
  delete rest.facts
  return rest
}

function typesOf(analysis: ContentAnalysis): Record<string, string> {
  return Object.fromEntries((analysis.schema?.fields ?? []).map((field) => [field.name, field.type]))
}

function nullsOf(analysis: ContentAnalysis): Record<string, number | undefined> {
  return Object.fromEntries((analysis.schema?.fields ?? []).map((field) => [field.name, field.nulls]))
}

describe.skipIf(!existsSync(parquetDir))('Parquet corpus conformance (skipped: ../shared/corpus absent)', () => {
  it('has an expectation for every corpus file', () => {
    expect(readdirSync(parquetDir).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s: footer rows and top-level columns', async (file, expected) => {
    const analysis = await analyze(join(parquetDir, file))
    expect(analysis.findings).toEqual([])
    expect(analysis.records).toBe(expected.rows)
    expect(analysis.schema?.fields.map((field) => field.name)).toEqual(expected.columns)
    expect(analysis.schema?.sampledRecords).toBeUndefined()
  })

  it.each(Object.keys(EXPECTED))('%s: same result whatever the chunk size', async (file) => {
    const path = join(parquetDir, file)
    const whole = await analyze(path)
    expect(await analyze(path, 7)).toEqual(whole)
    expect(await analyze(path, 4096)).toEqual(whole)
  })

  it('names logical, converted and physical types', async () => {
    const types = async (file: string): Promise<Record<string, string>> => typesOf(await analyze(join(parquetDir, file)))
    expect(await types('alltypes_plain.parquet')).toMatchObject({
      id: 'INT32', bool_col: 'BOOLEAN', bigint_col: 'INT64', float_col: 'FLOAT', double_col: 'DOUBLE',
      string_col: 'BYTE_ARRAY', timestamp_col: 'INT96',
    })
    expect(await types('fixed_length_decimal.parquet')).toEqual({ value: 'DECIMAL(25,2)' })
    expect(await types('concatenated_gzip_members.parquet')).toEqual({ long_col: 'UINT_64' })
    expect(await types('delta_length_byte_array.parquet')).toEqual({ FRUIT: 'STRING' })
    expect(await types('datapage_v2.snappy.parquet')).toEqual({
      a: 'STRING', b: 'INT32', c: 'DOUBLE', d: 'BOOLEAN', e: 'LIST<INT32>',
    })
    expect(await types('list_columns.parquet')).toEqual({ int64_list: 'LIST<INT64>', utf8_list: 'LIST<STRING>' })
    expect(await types('nested_lists.snappy.parquet')).toEqual({ a: 'LIST<LIST<LIST<STRING>>>', b: 'INT32' })
    expect(await types('nested_maps.snappy.parquet')).toEqual({
      a: 'MAP<STRING, MAP<INT32, BOOLEAN>>', b: 'INT32', c: 'DOUBLE',
    })
    expect(await types('nulls.snappy.parquet')).toEqual({ b_struct: 'STRUCT<b_c_int: INT32>' })
    expect(await types('nullable.impala.parquet')).toEqual({
      id: 'INT64',
      int_array: 'LIST<INT32>',
      int_array_Array: 'LIST<LIST<INT32>>',
      int_map: 'MAP<STRING, INT32>',
      int_Map_Array: 'LIST<MAP<STRING, INT32>>',
      nested_struct:
        'STRUCT<A: INT32, b: LIST<INT32>, C: STRUCT<d: LIST<LIST<STRUCT<E: INT32, F: STRING>>>>, ' +
        'g: MAP<STRING, STRUCT<H: STRUCT<i: LIST<DOUBLE>>>>>',
    })
    const rust = await types('nested_structs.rust.parquet')
    expect(rust.roll_num).toBe(
      'STRUCT<min: INT_64, max: INT_64, mean: INT_64, count: UINT_64, sum: INT_64, variance: INT_64>',
    )
    expect(rust.ul_observation_date).toMatch(/^STRUCT<min: TIMESTAMP\(MICROS, UTC\), /)
  })

  it('reports nulls only for flat columns whose every row group has null_count', async () => {
    const nulls = async (file: string): Promise<Record<string, number | undefined>> =>
      nullsOf(await analyze(join(parquetDir, file)))
    // no statistics at all
    expect(Object.values(await nulls('alltypes_plain.parquet'))).toEqual(Array(11).fill(undefined))
    // flat columns counted; the list column e is nested, so its leaf null_count is not a row count
    expect(await nulls('datapage_v2.snappy.parquet')).toEqual({ a: 1, b: 0, c: 0, d: 0, e: undefined })
    expect(await nulls('delta_byte_array.parquet')).toMatchObject({ c_customer_id: 0, c_salutation: 30, c_login: 1000 })
    expect(await nulls('rle_boolean_encoding.parquet')).toEqual({ datatype_boolean: 6 })
    expect(await nulls('nulls.snappy.parquet')).toEqual({ b_struct: undefined })
  })

  it('flags a corpus file cut short', async () => {
    const bytes = await readFile(join(parquetDir, 'alltypes_plain.parquet'))
    const analysis = await analyze(await writeTemp('cut.parquet', bytes.subarray(0, bytes.length - 1)))
    expect(analysis).toEqual({
      findings: [
        { code: 'PARQUET_TRUNCATED', offset: bytes.length - 5, args: { reason: 'expected the PAR1 magic in the last 4 bytes' } },
      ],
    })
  })
})

describe('Parquet footer analysis on generated files', () => {
  const generated = new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'text', data: ['a', null, 'c', null, 'e'], type: 'STRING' },
        { name: 'n', data: [1, 2, null, 4, 5], type: 'INT32' },
        { name: 'at', data: [new Date(1), new Date(2), null, null, null], type: 'TIMESTAMP' },
      ],
      rowGroupSize: 2,
    }),
  )

  it('sums null_count over every row group', async () => {
    const analysis = await analyze(await writeTemp('nulls.parquet', generated), 7)
    expect(withoutFacts(analysis)).toEqual({
      records: 5,
      schema: {
        fields: [
          { name: 'text', type: 'STRING', nulls: 2 },
          { name: 'n', type: 'INT32', nulls: 1 },
          { name: 'at', type: 'TIMESTAMP(MILLIS, UTC)', nulls: 3 },
        ],
      },
      findings: [],
    })
  })

  it('omits nulls when the writer kept no statistics', async () => {
    const bytes = parquetWriteBuffer({ columnData: [{ name: 'n', data: [1, null], type: 'INT32' }], statistics: false })
    const analysis = await analyze(await writeTemp('nostats.parquet', new Uint8Array(bytes)))
    expect(analysis.schema?.fields).toEqual([{ name: 'n', type: 'INT32' }])
  })

  describe('a footer that claims more rows than the file holds', () => {
    const CLAIM = 2n ** 62n
    /** Two INT32 rows, one row group, uncompressed, with its footer rewritten by `lie` before it is written. */
    function lyingParquet(lie: (writer: ParquetWriter) => void): Uint8Array {
      const writer = new ByteWriter()
      const parquet = new ParquetWriter({ writer, schema: [{ name: 'root', num_children: 1 }, { name: 'n', type: 'INT32', repetition_type: 'REQUIRED' }], codec: 'UNCOMPRESSED', statistics: false })
      void parquet.write({ columnData: [{ name: 'n', data: [1, 2] }] })
      lie(parquet)
      parquet.finish()
      return new Uint8Array(writer.getBuffer())
    }

    it('believes the honest file', async () => {
      const analysis = await analyze(await writeTemp('honest.parquet', lyingParquet(() => {})))
      expect(analysis.records).toBe(2)
      expect(analysis.findings).toEqual([])
    })

    it('does not believe num_rows that its row groups do not add up to', async () => {
      const bytes = lyingParquet((p) => (p.num_rows = CLAIM))
      const analysis = await analyze(await writeTemp('claims-2-62.parquet', bytes))
      expect(analysis.records).toBeUndefined()
      expect(analysis.schema?.fields).toEqual([{ name: 'n', type: 'INT32' }])
      expect(analysis.findings).toEqual([
        { code: 'PARQUET_INVALID_FOOTER', args: { reason: 'num_rows is 4611686018427387904 but the row groups hold 2 rows; expected the same count' } },
      ])
    })

    it('does not believe a row group and column chunk that claim it all in a few bytes', async () => {
      let bytes = 0n
      const file = lyingParquet((p) => {
        p.num_rows = CLAIM
        const group = p.row_groups[0]!
        group.num_rows = CLAIM
        const meta = group.columns[0]!.meta_data!
        meta.num_values = CLAIM
        bytes = meta.total_compressed_size
      })
      const analysis = await analyze(await writeTemp('group-claims-2-62.parquet', file))
      expect(analysis.records).toBeUndefined()
      // two INT32 values in one uncompressed page: a few dozen bytes, so a few pages of 2^31 − 1 values at most
      const most = ((bytes + 7n) / 8n) * (2n ** 31n - 1n)
      expect(analysis.findings).toEqual([
        { code: 'PARQUET_INVALID_FOOTER', args: { reason: `row group 0, column chunk 0 claims 4611686018427387904 values in ${bytes} bytes; expected at most ${most}` } },
      ])
    })

    it('does not believe a column chunk outside the file, nor one with fewer values than rows', async () => {
      const outside = lyingParquet((p) => (p.row_groups[0]!.columns[0]!.meta_data!.data_page_offset = 1_000_000n))
      const analysis = await analyze(await writeTemp('outside.parquet', outside))
      expect(analysis.records).toBeUndefined()
      expect(analysis.findings[0]?.args?.reason).toMatch(/^row group 0, column chunk 0 claims \d+ bytes from byte 1000000; expected them between the leading PAR1 and the footer \(bytes 4–\d+\)$/)
      const fewer = lyingParquet((p) => (p.row_groups[0]!.columns[0]!.meta_data!.num_values = 1n))
      expect((await analyze(await writeTemp('fewer.parquet', fewer))).findings).toEqual([
        { code: 'PARQUET_INVALID_FOOTER', args: { reason: "row group 0, column chunk 0 has num_values 1 for the row group's 2 rows; expected at least one value or null per row" } },
      ])
    })
  })

  it.each([
    ['empty', 0],
    ['11 bytes', 11],
  ])('flags a %s file as truncated', async (_label, length) => {
    const analysis = await analyze(await writeTemp(`short-${length}.parquet`, generated.subarray(0, length)))
    expect(analysis.records).toBeUndefined()
    expect(analysis.findings).toEqual([
      {
        code: 'PARQUET_TRUNCATED',
        offset: 0,
        args: { reason: `file is ${length} bytes; expected at least 12 (PAR1, footer length, PAR1)` },
      },
    ])
  })

  it('flags a file cut anywhere before its end as truncated', async () => {
    for (const length of [12, 100, generated.length - 9, generated.length - 4, generated.length - 1]) {
      const analysis = await analyze(await writeTemp(`cut-${length}.parquet`, generated.subarray(0, length)))
      expect(analysis.findings.map((finding) => finding.code)).toEqual(['PARQUET_TRUNCATED'])
      expect(analysis.schema).toBeUndefined()
    }
  })

  it('flags a footer length that exceeds the file', async () => {
    const bytes = generated.slice()
    new DataView(bytes.buffer).setUint32(bytes.length - 8, bytes.length, true)
    const analysis = await analyze(await writeTemp('long-footer.parquet', bytes))
    expect(analysis.findings).toEqual([
      {
        code: 'PARQUET_TRUNCATED',
        offset: bytes.length - 8,
        args: { reason: `footer length ${bytes.length} exceeds the ${bytes.length - 12} bytes between the magics` },
      },
    ])
  })

  it('flags an undecodable footer as invalid', async () => {
    const bytes = generated.slice()
    const footerLength = new DataView(bytes.buffer).getUint32(bytes.length - 8, true)
    bytes.fill(0xff, bytes.length - 8 - footerLength, bytes.length - 8)
    const analysis = await analyze(await writeTemp('garbage-footer.parquet', bytes))
    expect(analysis.records).toBeUndefined()
    expect(analysis.findings).toHaveLength(1)
    expect(analysis.findings[0]).toMatchObject({ code: 'PARQUET_INVALID_FOOTER', args: { reason: expect.any(String) } })
  })
})

/* ---------------------------------------------------------------------------------------------- */
/* Content: the rows                                                                               */
/* ---------------------------------------------------------------------------------------------- */

function knownParquet(rows: readonly KnownRow[], options: { rowGroupSize?: number; pageSize?: number } = {}): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from(rows.map((r) => r.id)), type: 'INT32' },
        { name: 'text', data: rows.map((r) => r.text), type: 'STRING' },
        { name: 'tag', data: rows.map((r) => r.tag), type: 'STRING' },
        { name: 'score', data: Float64Array.from(rows.map((r) => r.score)), type: 'DOUBLE' },
      ],
      rowGroupSize: options.rowGroupSize ?? 1000,
      ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
    }),
  )
}

async function analyzeWith(absPath: string, overrides: Partial<AnalyzerContext> = {}): Promise<ContentAnalysis> {
  const bytes = await readFile(absPath)
  const ctx: AnalyzerContext = { ...context(absPath, bytes.length), relPath: 'known.parquet', pii: 'sample', ...overrides }
  return analyzeInChunks(() => createParquetAnalyzer(ctx), bytes, 64 * 1024)
}

async function allRows(absPath: string, options?: Parameters<typeof readParquetRows>[1]): Promise<{ index: number; row: Record<string, unknown> }[]> {
  const rows: { index: number; row: Record<string, unknown> }[] = []
  for await (const item of readParquetRows(absPath, options)) rows.push(item)
  return rows
}

describe('Parquet content facts from the rows', () => {
  const known = knownRows()
  let path: string

  beforeAll(async () => {
    path = await writeTemp('known.parquet', knownParquet(known.rows))
  })

  it('analyses every row under --deep: languages, personal information, duplicates', async () => {
    const analysis = await analyzeWith(path, { deep: true })
    expect(analysis.findings).toEqual([])
    expect(analysis.records).toBe(5000)
    expect(analysis.schema?.fields).toEqual([
      { name: 'id', type: 'INT32', nulls: 0 },
      { name: 'text', type: 'STRING', nulls: 0 },
      { name: 'tag', type: 'STRING', nulls: 0 },
      { name: 'score', type: 'DOUBLE', nulls: 0 },
    ])
    expect(analysis.facts?.content).toMatchObject({ records: 5000, empty: 0, duplicates: known.duplicates, languages: known.languages })
    expect(known.languages).toEqual({ zh: 4000, en: 1000 })
    expect(analysis.facts?.pii).toMatchObject({ records: 5000, counts: { 'cn-mobile': known.phones } })
    expect(known.phones).toBe(100)
  })

  it('analyses a seeded sample of 1,000 rows by default, the same one on every scan', async () => {
    const analysis = await analyzeWith(path)
    const content = analysis.facts!.content!
    expect(analysis.records).toBe(5000)
    expect(content.records).toBe(1000)
    expect(analysis.facts?.pii?.records).toBe(1000)
    // a uniform sample of 1,000 of 5,000 rows: 200 English rows expected (sd ≈ 11), 20 phones (sd ≈ 4),
    // 8 duplicate pairs with both rows drawn (200 pairs × 0.2²); the bounds are over 5 sd wide
    expect(content.languages.en).toBeGreaterThan(140)
    expect(content.languages.en).toBeLessThan(260)
    expect((content.languages.zh ?? 0) + (content.languages.en ?? 0)).toBe(1000)
    const phones = analysis.facts?.pii?.counts?.['cn-mobile'] ?? 0
    expect(phones).toBeGreaterThan(2)
    expect(phones).toBeLessThan(45)
    expect(content.duplicates).toBeLessThan(30)
    expect(await analyzeWith(path)).toEqual(analysis)
    const other = await analyzeWith(path, { relPath: 'elsewhere/known.parquet' })
    expect(other.facts?.duplicateKeys).not.toEqual(analysis.facts?.duplicateKeys)
  })

  it('searches every row for personal information under --pii full, and analyses the sample', async () => {
    const analysis = await analyzeWith(path, { pii: 'full' })
    expect(analysis.facts?.pii).toMatchObject({ records: 5000, counts: { 'cn-mobile': 100 } })
    expect(analysis.facts?.content?.records).toBe(1000)
  })

  it('estimates the rows\u2019 size as JSON text for the token estimate', async () => {
    const deep = await analyzeWith(path, { deep: true, tokens: 'estimate' })
    const jsonBytes = known.rows.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0)
    expect(deep.facts?.contentBytes).toBe(jsonBytes)
    const sampled = await analyzeWith(path, { tokens: 'estimate' })
    expect(Math.abs(sampled.facts!.contentBytes - jsonBytes) / jsonBytes).toBeLessThan(0.05)
    expect(sampled.facts?.tokenCandidates.length).toBeGreaterThan(0)
  })

  it('reads the planned rows of a cluster sample, within the decode budget', async () => {
    // 40 row groups of 125 rows, pages of about 2 KB: units of a few dozen rows
    const many = await writeTemp('many.parquet', knownParquet(known.rows, { rowGroupSize: 125, pageSize: 2048 }))
    const handle = await open(many, 'r')
    try {
      const file = await CachingBuffer.open(handle)
      const metadata = await parquetMetadataAsync(file)
      const source = new ParquetRowSource(file, metadata)
      const plan = planParquetSample(source, 300, 64 * 1024, 'many.parquet')
      expect(plan.design).toBe('clusters')
      const picked = plan.units.reduce((n, u) => n + u.picks.length, 0)
      expect(picked).toBeLessThanOrEqual(300)
      expect(plan.units.length).toBeLessThan(plan.unitsInFile)
      for (const unit of plan.units) {
        const rows = await source.readRange(unit.start, unit.start + unit.rows)
        for (const pick of unit.picks) {
          const row = toPlainRow(rows[pick]!, source.columns)
          expect(row).toEqual(known.rows[unit.start + pick])
        }
      }
      const uniform = planParquetSample(source, 300, 1024 * 1024 * 1024, 'many.parquet')
      expect(uniform.design).toBe('uniform')
      expect(uniform.units.reduce((n, u) => n + u.picks.length, 0)).toBe(300)
    } finally {
      await handle.close()
    }
  })

  it('reports a column it cannot decode as COLUMN_UNREADABLE and analyses the others', async () => {
    const rows = known.rows.slice(0, 300)
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from(rows.map((r) => r.id)), type: 'INT32' },
        { name: 'text', data: rows.map((r) => r.text), type: 'STRING' },
        // LZO: a Parquet codec no JavaScript reader implements
        { name: 'notes', data: rows.map((r) => r.text), type: 'STRING', codec: 'LZO' },
      ],
      compressors: { LZO: (input: Uint8Array) => input },
    })
    const lzo = await writeTemp('lzo.parquet', new Uint8Array(bytes))
    const analysis = await analyzeWith(lzo, { deep: true })
    expect(analysis.findings).toEqual([
      { code: 'COLUMN_UNREADABLE', args: { column: 'notes', reason: 'parquet unsupported compression codec: LZO (rows 1 to 300)' } },
    ])
    expect(analysis.facts?.content).toMatchObject({ records: 300, duplicates: 0, languages: { zh: 240, en: 60 } })
    expect(analysis.facts?.pii).toMatchObject({ counts: { 'cn-mobile': 7 } })
    await expect(allRows(lzo)).rejects.toThrow(`${lzo}: column "notes" cannot be read: parquet unsupported compression codec: LZO`)
    const told: string[] = []
    const read = await allRows(lzo, { onColumnUnreadable: (column) => told.push(column) })
    expect(told).toEqual(['notes'])
    expect(read.map((r) => r.row)).toEqual(rows.map((r) => ({ id: r.id, text: r.text })))
  })

  it('converts values: dates as ISO strings, INT64 as bigints, JSON parsed; binary columns left out', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'n', data: BigInt64Array.from([1n, 2n ** 60n]), type: 'INT64' },
        { name: 'at', data: [new Date(Date.UTC(2024, 1, 29, 12)), null], type: 'TIMESTAMP' },
        { name: 'doc', data: [{ title: '标题', pages: 3 }, null], type: 'JSON' },
        { name: 'blob', data: [Uint8Array.of(0x89, 0x50), Uint8Array.of(1)], type: 'BYTE_ARRAY' },
        { name: 'ok', data: [true, false], type: 'BOOLEAN' },
      ],
    })
    const typed = await writeTemp('typed.parquet', new Uint8Array(bytes))
    expect((await allRows(typed)).map((r) => r.row)).toEqual([
      { n: 1n, at: '2024-02-29T12:00:00.000Z', doc: { title: '标题', pages: 3 }, ok: true },
      { n: 2n ** 60n, at: null, doc: null, ok: false },
    ])
    await expect(allRows(typed, { columns: ['blob'] })).rejects.toThrow(`${typed}: column "blob" is binary; expected a text, number or time column`)
    await expect(allRows(typed, { columns: ['nope'] })).rejects.toThrow(`${typed}: no column "nope"; expected one of n, at, doc, blob, ok`)
    const analysis = await analyzeWith(typed, { deep: true })
    // the row's text is its strings: the ISO date and the JSON title
    expect(analysis.facts?.content).toMatchObject({ records: 2, empty: 1, languages: { zh: 1 } })
  })

  it('reads nested list and struct columns of strings as arrays and objects', async () => {
    const schema: SchemaElement[] = [
      { name: 'root', num_children: 3 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'meta', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'author', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'phone', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ]
    const bytes = parquetWriteBuffer({
      schema,
      columnData: [
        { name: 'id', data: [1, 2, 3] },
        { name: 'tags', data: [['新闻', '体育'], null, []] },
        { name: 'meta', data: [{ author: '张三', phone: '联系电话13912345678' }, null, { author: null, phone: null }] },
      ],
    })
    const nested = await writeTemp('nested.parquet', new Uint8Array(bytes))
    expect((await allRows(nested)).map((r) => r.row)).toEqual([
      { id: 1, tags: ['新闻', '体育'], meta: { author: '张三', phone: '联系电话13912345678' } },
      { id: 2, tags: null, meta: null },
      { id: 3, tags: [], meta: { author: null, phone: null } },
    ])
    const analysis = await analyzeWith(nested)
    expect(analysis.facts?.content).toMatchObject({ records: 3, empty: 2, languages: { zh: 1 } })
    expect(analysis.facts?.pii).toMatchObject({ records: 3, counts: { 'cn-mobile': 1 } })
  })

  it('readParquetRows yields every row in order with its 1-based index, row group by row group', async () => {
    const read = await allRows(path, { columns: ['text', 'id'] })
    expect(read).toHaveLength(5000)
    expect(read.map((r) => r.index)).toEqual(known.rows.map((_, i) => i + 1))
    // projected columns come in schema order
    expect(read[4799]!.row).toEqual({ id: 4800, text: known.rows[4799]!.text })
    expect(Object.keys(read[0]!.row)).toEqual(['id', 'text'])
    // a caller may stop early; the file is closed all the same
    for await (const { index } of readParquetRows(path)) if (index === 3) break
  })
})

describe.skipIf(!existsSync(parquetDir))('Parquet corpus rows (skipped: ../shared/corpus absent)', () => {
  it.each(Object.entries(EXPECTED))('%s: every row is read and analysed without a finding', async (file, expected) => {
    const path = join(parquetDir, file)
    // every column of the corpus decodes with the codecs here (GZIP, ZSTD, LZ4_RAW included);
    // COLUMN_UNREADABLE on generated data is tested above
    const analysis = await analyzeWith(path, { relPath: file })
    expect(analysis.findings).toEqual([])
    expect(analysis.facts?.content?.records).toBe(Math.min(expected.rows, 1000))
    const told: string[] = []
    const read = await allRows(path, { onColumnUnreadable: (column) => told.push(column) })
    expect(told).toEqual([])
    expect(read).toHaveLength(expected.rows)
  })

  it('decodes LZ4_RAW pages (values from arrow-rs test_read_lz4_raw; c1 is BYTE_ARRAY without annotation, so binary)', async () => {
    const read = await allRows(join(parquetDir, 'lz4_raw_compressed.parquet'))
    expect(read.map((r) => r.row)).toEqual([
      { c0: 1593604800n, v11: 42 },
      { c0: 1593604800n, v11: 7.7 },
      { c0: 1593604801n, v11: 42.125 },
      { c0: 1593604801n, v11: 7.7 },
    ])
  })
})

describe('Parquet, Arrow and JSON Lines twins scanned by the CLI', () => {
  afterAll(removeTempDirs)

  it('give the same language mix, personal information and duplicates under --deep', async () => {
    const known = knownRows()
    const dir = makeTempDir()
    await writeFile(join(dir, 'rows.parquet'), knownParquet(known.rows))
    await writeFile(join(dir, 'rows.jsonl'), toJsonl(known.rows))
    await writeFile(join(dir, 'rows.arrow'), tableToIPC(knownArrowTable(known.rows, 500), 'stream'))
    await writeFile(join(dir, 'rows.feather'), tableToIPC(knownArrowTable(known.rows, 500), 'file'))
    const out = join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', dir, '--out', out, '--deep', '--no-cache'], { timeoutMs: 120_000 })
    expect(result.stderr).not.toMatch(/Error/)
    expect(result.status).toBe(0)
    const manifest = JSON.parse(await readFile(out, 'utf8')) as { files: FileEntry[] }
    const facts = manifest.files.map((f) => ({
      path: f.path,
      records: f.records,
      content: { records: f.content?.records, duplicates: f.content?.duplicates, empty: f.content?.empty, languages: f.content?.languages },
      pii: { records: f.pii?.records, counts: f.pii?.counts },
    }))
    const expected = {
      records: 5000,
      content: { records: 5000, duplicates: 200, empty: 0, languages: { zh: 4000, en: 1000 } },
      pii: { records: 5000, counts: { 'cn-mobile': 100 } },
    }
    expect(facts).toEqual(['rows.arrow', 'rows.feather', 'rows.jsonl', 'rows.parquet'].map((p) => ({ path: p, ...expected })))
    expect(manifest.files.map((f) => f.format)).toEqual(['arrow-stream', 'arrow', 'jsonl', 'parquet'])
  })
})

function knownArrowTable(rows: readonly KnownRow[], batchSize: number): Table {
  const whole = new Table({
    id: vectorFromArray(rows.map((r) => r.id), new Int32()),
    text: vectorFromArray(rows.map((r) => r.text), new Utf8()),
    tag: vectorFromArray(rows.map((r) => r.tag), new Dictionary(new Utf8(), new Int32())),
    score: vectorFromArray(rows.map((r) => r.score), new Float64()),
  })
  const batches = []
  for (let start = 0; start < whole.numRows; start += batchSize) batches.push(...whole.slice(start, start + batchSize).batches)
  return new Table(batches)
}
