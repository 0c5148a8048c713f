import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeInChunks } from '../helpers/analyze.js'
import { createParquetAnalyzer } from '../../src/formats/parquet.js'
import type { AnalyzerContext, ContentAnalysis } from '../../src/formats/types.js'

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
    expect(analysis).toEqual({
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
