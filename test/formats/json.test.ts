import { describe, expect, it } from 'vitest'
import { createJsonAnalyzer } from '../../src/formats/json.js'
import type { AnalyzerContext, ContentAnalysis } from '../../src/formats/types.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'

/** The size up to which json.ts parses a document whole (8 MiB); larger ones are streamed. */
const WHOLE_PARSE_LIMIT = 8 * 1024 * 1024

function analyzeJson(content: string | Uint8Array, chunkSize?: number, ctx: Partial<AnalyzerContext> = {}): Promise<ContentAnalysis> {
  return analyzeInChunks(() => createJsonAnalyzer(analyzerContext(ctx)), content, chunkSize)
}

function codes(analysis: ContentAnalysis): string[] {
  return analysis.findings.map((f) => f.code)
}

/** Records with text that contains everything a byte walker could trip on. */
function record(i: number): Record<string, unknown> {
  return {
    id: i,
    text: `record ${i}: "quoted" [brackets] {braces}, commas: colons \\ backslash 中文`,
    nested: { list: [i, [i + 1, { deep: [] }]], empty: {} },
    score: i % 5 === 0 ? null : i / 4,
  }
}

function records(n: number, start = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, k) => record(start + k + 1))
}

describe('JSON documents parsed whole', () => {
  it('counts the records of a top-level array and reads their schema', async () => {
    const analysis = await analyzeJson(JSON.stringify([{ a: 1, b: 'x' }, { a: 2 }, { a: 3.5, b: null }]))
    expect(analysis.records).toBe(3)
    expect(analysis.schema).toEqual({
      fields: [
        { name: 'a', type: 'number', nulls: 0 },
        { name: 'b', type: 'string', nulls: 2 },
      ],
    })
    expect(analysis.findings).toEqual([])
  })

  it('counts the records of every split in an object of arrays of records', async () => {
    const document = { train: records(7), validation: records(2, 7), test: records(3, 9) }
    const analysis = await analyzeJson(JSON.stringify(document, null, 2))
    expect(analysis.records).toBe(7 + 2 + 3)
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['id', 'text', 'nested', 'score'])
    expect(analysis.findings).toEqual([])
  })

  it('reads a columnar object (one array per field) as one record per index', async () => {
    const document = { text: ['a', 'b', 'c', 'd'], label: [1, 0, null, 1], weight: [0.5, 1, 2, 0.25] }
    const analysis = await analyzeJson(JSON.stringify(document))
    expect(analysis.records).toBe(4)
    expect(analysis.schema).toEqual({
      fields: [
        { name: 'text', type: 'string', nulls: 0 },
        { name: 'label', type: 'integer', nulls: 1 },
        { name: 'weight', type: 'number', nulls: 0 },
      ],
    })
  })

  it('accepts a byte-order mark before the document', async () => {
    const analysis = await analyzeJson('\uFEFF' + JSON.stringify(records(3)))
    expect(analysis.records).toBe(3)
    expect(analysis.findings).toEqual([])
  })

  it.each([
    ['a number', '42', 'integer'],
    ['a string', '"just text"', 'string'],
    ['null', 'null', 'null'],
    ['a boolean', 'true', 'boolean'],
  ])('reports %s at the top level as JSON_UNEXPECTED_SHAPE without records', async (_name, text, type) => {
    const analysis = await analyzeJson(text)
    expect(codes(analysis)).toEqual(['JSON_UNEXPECTED_SHAPE'])
    expect(analysis.findings[0]!.args?.type).toBe(type)
    expect(analysis.records).toBeUndefined()
  })

  it.each([
    ['a trailing comma', '[{"a":1},]'],
    ['a missing bracket', '[{"a":1},{"a":2}'],
    ['garbage after the document', '[{"a":1}] [{"a":2}]'],
    ['a single quote', "[{'a':1}]"],
  ])('reports %s as JSON_INVALID', async (_name, text) => {
    const analysis = await analyzeJson(text)
    expect(codes(analysis)).toContain('JSON_INVALID')
  })

  it.each([
    // V8 names the position: "[1,2" ends where a ',' or ']' was expected, at character 5 (index 4)
    ['a document cut short', '[1,2', { line: 1, offset: 4 }],
    // V8 names only the token: the '}' after "tru" is character 19 of line 2; é takes two bytes
    ['an unexpected token', '[{"é":1},\n{"b":tru}]', { line: 2, offset: 19 }],
    // after a byte-order mark (3 bytes) the ']' is at index 3 of the text
    ['a trailing comma after a BOM', '\uFEFF[1,]', { line: 1, offset: 6 }],
  ])('gives %s its line and byte offset', async (_name, text, place) => {
    const analysis = await analyzeJson(text)
    expect(analysis.findings.map((f) => ({ code: f.code, line: f.line, offset: f.offset }))).toEqual([{ code: 'JSON_INVALID', ...place }])
  })

  it('does not copy the document text into the JSON_INVALID reason', async () => {
    const analysis = await analyzeJson('[{"email": bob.jones@example.org}]')
    expect(codes(analysis)).toEqual(['JSON_INVALID'])
    expect(JSON.stringify(analysis.findings)).not.toContain('bob.jones')
  })
})

describe('JSON documents larger than 8 MiB (streamed)', () => {
  it('gives a sampled record that does not parse the byte offset of its error', async () => {
    // 900 records of 10 kB (all sampled, more than 8 MiB in all), the 500th with a bare word
    const good = JSON.stringify({ text: 'x'.repeat(10_000) })
    const bad = '{"text":tru}'
    const elements = Array.from({ length: 900 }, (_, i) => (i === 499 ? bad : good))
    const doc = `[${elements.join(',')}]`
    expect(doc.length).toBeGreaterThan(WHOLE_PARSE_LIMIT)
    // '[' then 499 good records and their commas, then the bad one up to its '}'
    const at = 1 + 499 * (good.length + 1) + bad.indexOf('}')
    const analysis = await analyzeJson(doc, 1 << 20)
    expect(analysis.findings.filter((f) => f.code === 'JSON_INVALID').map((f) => f.offset)).toEqual([at])
  })

  /** Pads a document builder until the serialized document passes the whole-parse limit. */
  function bigDocument<T>(build: (n: number) => T): { text: string; value: T } {
    let n = 20_000
    for (;;) {
      const value = build(n)
      const text = JSON.stringify(value, null, 1)
      if (Buffer.byteLength(text) > WHOLE_PARSE_LIMIT + 1024) return { text, value }
      n *= 2
    }
  }

  it('counts the records of a big top-level array exactly, like JSON.parse', async () => {
    const { text, value } = bigDocument((n) => records(n))
    const analysis = await analyzeJson(text, 1 << 20)
    expect(analysis.records).toBe(value.length)
    expect(analysis.findings).toEqual([])
    // streamed: the schema comes from the seeded sample
    expect(analysis.schema?.sampledRecords).toBe(1000)
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['id', 'text', 'nested', 'score'])
  })

  it('counts the records of a big object of splits as the whole-parse path would', async () => {
    const { text, value } = bigDocument((n) => ({ train: records(n), test: records(Math.floor(n / 3), n) }))
    const small = { train: records(30), test: records(10, 30) }
    const wholeSmall = await analyzeJson(JSON.stringify(small))
    expect(wholeSmall.records).toBe(40)
    const streamed = await analyzeJson(text, 1 << 20)
    expect(streamed.records).toBe(value.train.length + value.test.length)
    expect(streamed.findings).toEqual([])
  })

  it('counts the records of a big columnar object as the whole-parse path does (one per index, not per cell)', async () => {
    const build = (n: number): { text: string[]; label: number[] } => ({
      text: Array.from({ length: n }, (_, i) => `text number ${i} with some padding to make it longer`),
      label: Array.from({ length: n }, (_, i) => i % 3),
    })
    const small = build(50)
    const wholeSmall = await analyzeJson(JSON.stringify(small))
    expect(wholeSmall.records).toBe(50)
    const { text, value } = bigDocument(build)
    const streamed = await analyzeJson(text, 1 << 20)
    expect(streamed.records).toBe(value.text.length)
  })

  it('gives the same count in 4 KiB chunks as in 1 MiB chunks', async () => {
    const { text } = bigDocument((n) => records(n))
    const big = await analyzeJson(text, 1 << 20)
    const small = await analyzeJson(text, 4093)
    expect(small).toEqual(big)
  })

  it('accepts a byte-order mark before a big document', async () => {
    const { text, value } = bigDocument((n) => records(n))
    const analysis = await analyzeJson('\uFEFF' + text, 1 << 20)
    expect(codes(analysis)).toEqual([])
    expect(analysis.records).toBe(value.length)
  })

  it('reports a big document cut short as JSON_INVALID at the end of the data', async () => {
    const { text } = bigDocument((n) => records(n))
    const cut = Buffer.from(text).subarray(0, Buffer.byteLength(text) - 100)
    const analysis = await analyzeJson(cut, 1 << 20)
    const invalid = analysis.findings.filter((f) => f.code === 'JSON_INVALID')
    expect(invalid).toHaveLength(1)
    expect(invalid[0]!.offset).toBe(cut.length)
  })

  it('reports a mismatched bracket in a big document as JSON_INVALID at its byte offset', async () => {
    const { text } = bigDocument((n) => records(n))
    const bytes = Buffer.from(text)
    // replace the '}' that closes the 5th record with ']'
    let closes = 0
    let at = -1
    let depth = 0
    let inString = false
    for (let i = 0; i < bytes.length && at < 0; i++) {
      const c = bytes[i]!
      if (inString) {
        if (c === 0x5c) i++
        else if (c === 0x22) inString = false
        continue
      }
      if (c === 0x22) inString = true
      else if (c === 0x7b || c === 0x5b) depth++
      else if (c === 0x7d || c === 0x5d) {
        depth--
        if (depth === 1 && ++closes === 5) at = i
      }
    }
    bytes[at] = 0x5d
    const analysis = await analyzeJson(bytes, 1 << 20)
    const invalid = analysis.findings.filter((f) => f.code === 'JSON_INVALID')
    expect(invalid.map((f) => f.offset)).toEqual([at])
  })
})
