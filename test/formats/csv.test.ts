import { describe, expect, it } from 'vitest'
import type { FindingDraft } from '../../src/findings/finding.js'
import { createCsvAnalyzer, distinctHeader } from '../../src/formats/csv.js'
import type { ContentAnalysis } from '../../src/formats/types.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'

function analyzeCsv(
  content: string | Uint8Array,
  options: { format?: 'csv' | 'tsv'; chunkSize?: number; deep?: boolean; sampleSize?: number } = {},
): Promise<ContentAnalysis> {
  const ctx = analyzerContext({ deep: options.deep ?? false, sampleSize: options.sampleSize ?? 1000 })
  return analyzeInChunks(() => createCsvAnalyzer(ctx, options.format ?? 'csv'), content, options.chunkSize)
}

function codes(analysis: ContentAnalysis): string[] {
  return analysis.findings.map((f) => f.code)
}

function fieldNames(analysis: ContentAnalysis): string[] | undefined {
  return analysis.schema?.fields.map((f) => f.name)
}

const newlineCount = (text: string): number => text.split('\n').length - 1

describe('CSV record counting', () => {
  it('counts a record with quoted newlines as one record, not as lines', async () => {
    const content = 'id,text\n1,"hello\nworld"\n2,"three\nline\nvalue"\n3,plain\n4,"crlf\r\ninside"\n'
    const analysis = await analyzeCsv(content)
    expect(analysis.records).toBe(4)
    // not a line count: the same file has 9 newlines
    expect(newlineCount(content) - 1).not.toBe(4)
    expect(analysis.findings).toEqual([])
  })

  it('counts records in a CRLF file and keeps the CR out of the last column name', async () => {
    const analysis = await analyzeCsv('name,count\r\nalpha,1\r\nbeta,2\r\ngamma,3\r\n')
    expect(analysis.records).toBe(3)
    expect(fieldNames(analysis)).toEqual(['name', 'count'])
    expect(analysis.schema?.fields[1]).toEqual({ name: 'count', type: 'integer', nulls: 0 })
    expect(analysis.findings).toEqual([])
  })

  it('strips a UTF-8 byte-order mark from the first column name', async () => {
    const analysis = await analyzeCsv('\uFEFFname,age\nAda,36\nAlan,41\n')
    expect(analysis.records).toBe(2)
    expect(fieldNames(analysis)).toEqual(['name', 'age'])
  })

  it('counts a final record without a newline', async () => {
    const analysis = await analyzeCsv('a,b\n1,2\n3,4')
    expect(analysis.records).toBe(2)
    expect(analysis.findings).toEqual([])
  })

  it('ignores empty lines between records', async () => {
    const analysis = await analyzeCsv('a,b\n1,2\n\n3,4\n\n')
    expect(analysis.records).toBe(2)
  })

  it('reads a header-only file as zero records with the header columns and no findings', async () => {
    const analysis = await analyzeCsv('id,text,label\n')
    expect(analysis.records).toBe(0)
    expect(fieldNames(analysis)).toEqual(['id', 'text', 'label'])
    expect(analysis.schema?.sampledRecords).toBeUndefined()
    expect(analysis.findings).toEqual([])
  })

  it('reports an empty file as CSV_NO_HEADER with zero records', async () => {
    const analysis = await analyzeCsv('')
    expect(analysis.records).toBe(0)
    expect(codes(analysis)).toEqual(['CSV_NO_HEADER'])
  })
})

describe('CSV dialects', () => {
  it('reads TSV with tabs as the delimiter, even when fields hold commas', async () => {
    const analysis = await analyzeCsv('id\ttext\tlabel\n1\ta, b, c\tx\n2\tno commas\ty\n', { format: 'tsv' })
    expect(analysis.records).toBe(2)
    expect(fieldNames(analysis)).toEqual(['id', 'text', 'label'])
    expect(analysis.findings).toEqual([])
  })

  it("sniffs ';' as the delimiter of a .csv file written with semicolons", async () => {
    const analysis = await analyzeCsv('id;price;label\n1;3,50;a\n2;4,75;b\n3;0,99;c\n')
    expect(analysis.records).toBe(3)
    expect(fieldNames(analysis)).toEqual(['id', 'price', 'label'])
    expect(analysis.findings).toEqual([])
  })

  it('infers column kinds and counts empty cells as nulls', async () => {
    const analysis = await analyzeCsv('i,x,flag,s\n1,1.5,true,a\n2,,false,\n3,2e3,TRUE,c\n', { deep: true })
    expect(analysis.schema).toEqual({
      fields: [
        { name: 'i', type: 'integer', nulls: 0 },
        { name: 'x', type: 'number', nulls: 1 },
        { name: 'flag', type: 'boolean', nulls: 0 },
        { name: 's', type: 'string', nulls: 1 },
      ],
    })
  })
})

describe('CSV malformed input', () => {
  it('reports CSV_FIELD_COUNT at the line where the offending record starts, after quoted newlines', async () => {
    const lines = ['a,b', '1,"multi', 'line",extra', '2,3', '4,"x', 'y', 'z"', '5,6,7', '8']
    const analysis = await analyzeCsv(lines.join('\n') + '\n')
    // records: (1,"multi\nline",extra) at line 2 — 3 fields; (2,3); (4,"x\ny\nz"); (5,6,7) at line 8; (8) at line 9
    expect(analysis.records).toBe(5)
    const fieldCount = analysis.findings.filter((f) => f.code === 'CSV_FIELD_COUNT')
    expect(fieldCount.map((f) => [f.line, f.args?.actual, f.args?.expected])).toEqual([
      [2, 3, 2],
      [8, 3, 2],
      [9, 1, 2],
    ])
  })

  it('reports an unterminated quote as CSV_UNTERMINATED_QUOTE at the line its record starts', async () => {
    const analysis = await analyzeCsv('a,b\n1,2\n3,"never closed\n4,5\n6,7\n')
    const unterminated = analysis.findings.filter((f: FindingDraft) => f.code === 'CSV_UNTERMINATED_QUOTE')
    expect(unterminated.map((f) => f.line)).toEqual([3])
  })
})

describe('CSV stray quotes', () => {
  it('does not silently merge rows when an unquoted field holds a double quote (12" pizza)', async () => {
    const analysis = await analyzeCsv('id,size\n1,12" pizza\n2,14" pizza\n3,plain\n')
    // Three data rows: either all three are counted, or the miscount is reported.
    const reported = analysis.findings.some((f) => f.code === 'CSV_UNTERMINATED_QUOTE' || f.code === 'CSV_FIELD_COUNT')
    expect(analysis.records === 3 || reported, `records ${analysis.records}, findings ${JSON.stringify(analysis.findings)}`).toBe(true)
  })
})

describe('CSV chunk-size independence', () => {
  const files: [string, string, 'csv' | 'tsv'][] = [
    ['quoted newlines, CRLF, a field-count error', 'id,text\r\n1,"a\r\nb"\r\n2,"c, d"\r\n3,x,extra\r\n4,"q ""quoted"""\r\n5,last', 'csv'],
    ['a BOM before the header', '\uFEFFname,n\nα,1\nβ,2\n', 'csv'],
    ["a sniffed ';' delimiter", 'k;v;w\n1;2,5;x\n2;3,5;y\n3;4,5;z\n', 'csv'],
    ['a TSV file', 'k\tv\n1\t"tab\tinside"\n2\tplain\n', 'tsv'],
  ]

  it.each(files)('gives the same analysis for %s in 1-byte, 7-byte and 64 KiB chunks', async (_name, content, format) => {
    const reference = await analyzeCsv(content, { format, chunkSize: 64 * 1024 })
    expect(await analyzeCsv(content, { format, chunkSize: 1 })).toEqual(reference)
    expect(await analyzeCsv(content, { format, chunkSize: 7 })).toEqual(reference)
  })

  it('gives the same sampled analysis for a file larger than the sample in 7-byte and 64 KiB chunks', async () => {
    const rows = ['id,text,score']
    for (let i = 1; i <= 3000; i++) rows.push(`${i},"row ${i}${i % 10 === 0 ? '\nsecond line' : ''}",${i % 4 === 0 ? '' : i / 3}`)
    const content = rows.join('\n') + '\n'
    const reference = await analyzeCsv(content, { chunkSize: 64 * 1024, sampleSize: 100 })
    expect(reference.records).toBe(3000)
    expect(reference.schema?.sampledRecords).toBe(100)
    expect(await analyzeCsv(content, { chunkSize: 7, sampleSize: 100 })).toEqual(reference)
  })
})

describe('CSV header names', () => {
  it('keeps repeated and empty header names as distinct fields, each renaming reported', async () => {
    // 300 rows: before, the two "name" columns merged into one field with nulls -300.
    const rows = ['name,city,name,,note']
    for (let i = 1; i <= 300; i++) rows.push(`a${i},c${i},b${i},${i},`)
    const analysis = await analyzeCsv(rows.join('\n') + '\n', { deep: true })
    expect(analysis.records).toBe(300)
    expect(analysis.schema?.fields).toEqual([
      { name: 'name', type: 'string', nulls: 0 },
      { name: 'city', type: 'string', nulls: 0 },
      { name: 'name_2', type: 'string', nulls: 0 },
      { name: 'column_4', type: 'integer', nulls: 0 },
      { name: 'note', type: 'null', nulls: 300 },
    ])
    expect(analysis.findings).toEqual([
      { code: 'CSV_HEADER_RENAMED', line: 1, args: { column: 3, name: 'name', renamed: 'name_2' } },
      { code: 'CSV_HEADER_RENAMED', line: 1, args: { column: 4, name: '', renamed: 'column_4' } },
    ])
  })

  it('skips names the header already uses', () => {
    expect(distinctHeader(['a', 'a', 'a_2', 'a']).names).toEqual(['a', 'a_3', 'a_2', 'a_4'])
    expect(distinctHeader(['', 'column_1', ' ']).names).toEqual(['column_1_2', 'column_1', 'column_3'])
    expect(distinctHeader(['x', 'y']).renamed).toEqual([])
  })

  it('gives the record facts every column under its recorded name', async () => {
    const analysis = await analyzeCsv('text,text\nfirst,second\n')
    expect(fieldNames(analysis)).toEqual(['text', 'text_2'])
    expect(analysis.records).toBe(1)
  })
})

describe('splitRecord: the cheap cell split every record gets', () => {
  it('splits RFC 4180 records as csv-parse does', async () => {
    const { splitRecord } = await import('../../src/formats/csv.js')
    const { parse } = await import('csv-parse/sync')
    for (const line of ['a,b,c', '1,"x, y",3', '"say ""hi""",2', ',,', '"multi\nline",z', '12" pizza,5']) {
      const expected = (parse(line, { relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? []
      expect(splitRecord(line, 0x2c), line).toEqual(expected)
    }
    expect(splitRecord('a\tb', 0x09)).toEqual(['a', 'b'])
    // csv-parse refuses an unclosed quote; the split keeps the rest of the record as the cell
    expect(splitRecord('tail,"open', 0x2c)).toEqual(['tail', 'open'])
  })
})
