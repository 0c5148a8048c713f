import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createDecoder, decompressHead, type DecodeLimit } from '../../src/formats/decompress.js'
import { createCsvAnalyzer } from '../../src/formats/csv.js'
import { createJsonAnalyzer } from '../../src/formats/json.js'
import { createJsonlAnalyzer } from '../../src/formats/jsonl.js'
import { DEFAULT_LIMITS, RATIO_GRACE_BYTES, type ReadLimits } from '../../src/formats/limits.js'
import { createTextAnalyzer } from '../../src/formats/text.js'
import type { ContentAnalysis, ContentAnalyzer } from '../../src/formats/types.js'
import { jsonHasObjectWiderThan, jsonNestsDeeperThan, jsonObjectCut } from '../../src/util/json-depth.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'

/** Hostile inputs are made here, small enough for a unit test; the limits are lowered to match. */
function limits(overrides: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_LIMITS, ...overrides }
}

function summary(analysis: ContentAnalysis): { records: number | undefined; findings: string[] } {
  return { records: analysis.records, findings: analysis.findings.map((f) => `${f.code}${f.line ? `:${f.line}` : ''}${f.offset !== undefined ? `@${f.offset}` : ''}`) }
}

function analyze(create: () => ContentAnalyzer, content: string, chunkSize?: number): Promise<ContentAnalysis> {
  return analyzeInChunks(create, content, chunkSize)
}

describe('line and record length limit', () => {
  const short = JSON.stringify({ text: 'short' })
  const long = JSON.stringify({ text: 'x'.repeat(5000) })
  const content = `${short}\n${long}\n${short}\n${long}`

  it('counts a JSON Lines record over --max-record-bytes, reports its line and offset, and parses the others', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: 1000 }) }))
    // The second line starts after the first and its newline; the fourth has no newline at the end.
    const second = short.length + 1
    const fourth = 2 * (short.length + 1) + long.length + 1
    const expected = { records: 4, findings: [`RECORD_TOO_LONG:2@${second}`, `RECORD_TOO_LONG:4@${fourth}`] }
    // Inside one chunk, across many small chunks, and in chunks smaller than the limit.
    expect(summary(await analyze(jsonl, content))).toEqual(expected)
    expect(summary(await analyze(jsonl, content, 7))).toEqual(expected)
    expect(summary(await analyze(jsonl, content, 999))).toEqual(expected)
    const schema = (await analyze(jsonl, content, 7)).schema
    expect(schema?.fields.map((f) => f.name)).toEqual(['text'])
  })

  it('counts a text line over the limit as a line, with a finding', async () => {
    const text = (): ContentAnalyzer => createTextAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: 100 }) }))
    const lines = `one\n${'y'.repeat(250)}\nthree\n`
    expect(summary(await analyze(text, lines, 16))).toEqual({ records: 3, findings: ['RECORD_TOO_LONG:2@4'] })
  })

  it('keeps a line exactly at the limit', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: long.length }) }))
    expect(summary(await analyze(jsonl, `${long}\n${long}\n`, 64))).toEqual({ records: 2, findings: [] })
  })

  it('reads a 20 MB line in 64 KiB chunks to the end (the line reader was quadratic in a line’s chunks)', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext())
    const huge = `{"text":"${'z'.repeat(20 * 1024 * 1024)}"}`
    expect(summary(await analyze(jsonl, `${huge}\n${short}\n`, 64 * 1024))).toEqual({ records: 2, findings: ['RECORD_TOO_LONG:1@0'] })
  })

  it('joins a line under the limit that spans many chunks exactly', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ deep: true }))
    const record = { text: 'é'.repeat(3000), n: 1 }
    const analysis = await analyze(jsonl, JSON.stringify(record) + '\n', 13)
    expect(summary(analysis)).toEqual({ records: 1, findings: [] })
    expect(analysis.schema?.fields).toEqual([
      { name: 'text', type: 'string', nulls: 0 },
      { name: 'n', type: 'integer', nulls: 0 },
    ])
  })
})

describe('nesting depth limit', () => {
  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

  it('judges depth by brackets outside strings', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false)
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true)
    expect(jsonNestsDeeperThan('{"a":"[[[[[[[[[["}', 3)).toBe(false)
    expect(jsonNestsDeeperThan('{"a":"\\"[[[[[[["}', 3)).toBe(false)
    expect(jsonNestsDeeperThan(Buffer.from('[{"a":[{}]}]'), 3)).toBe(true)
    // long records with few brackets, brackets in strings past the count, and a byte range of a larger buffer
    expect(jsonNestsDeeperThan(`{"a":"${'x'.repeat(5000)}"}`, 3)).toBe(false)
    expect(jsonNestsDeeperThan(`{"a":"${'['.repeat(5000)}"}`, 3)).toBe(false)
    expect(jsonNestsDeeperThan(Buffer.from(`{"a":"${'['.repeat(50)}"}`), 3)).toBe(false)
    const buffer = Buffer.from(`[[[[[[[[]]]]]]]]\n{"a":[1]}\n`)
    expect(jsonNestsDeeperThan(buffer, 3, 0, 16)).toBe(true)
    expect(jsonNestsDeeperThan(buffer, 3, 17, 27)).toBe(false)
    expect(jsonNestsDeeperThan(new Uint8Array(Buffer.from('[[[[[]]]]]')), 3)).toBe(true)
  })

  it('reports a JSON document nested 100,000 deep instead of overflowing the stack', async () => {
    const json = (): ContentAnalyzer => createJsonAnalyzer(analyzerContext())
    // The outer array is the document; its one element opens at byte 1 and passes 512 levels at byte 512.
    expect(summary(await analyze(json, nested(100_000)))).toEqual({ records: 1, findings: ['NESTING_TOO_DEEP@512'] })
  })

  it('counts the records around a too-deep one in an array of records, and parses them', async () => {
    const json = (): ContentAnalyzer => createJsonAnalyzer(analyzerContext({ limits: limits({ maxDepth: 10 }) }))
    const doc = `[{"a":1},{"b":${nested(20)}},{"c":3}]`
    const analysis = await analyze(json, doc, 5)
    // The top array and the record's object are levels 1 and 2; the 11th level is the 9th bracket of the run.
    expect(summary(analysis)).toEqual({ records: 3, findings: [`NESTING_TOO_DEEP@${doc.indexOf('[[') + 8}`] })
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['a', 'c'])
  })

  it('reports a JSON Lines record nested too deep with its line, and parses the others', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext())
    const content = `{"a":1}\n{"b":${nested(100_000)}}\n{"a":2}\n`
    const analysis = await analyze(jsonl, content)
    expect(summary(analysis)).toEqual({ records: 3, findings: ['NESTING_TOO_DEEP:2'] })
    expect(analysis.schema?.fields).toEqual([{ name: 'a', type: 'integer', nulls: 0 }])
  })

  it('does not overflow under --deep --pii full either', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ deep: true, pii: 'full' }))
    const content = `{"b":${nested(100_000)}}\n`
    expect(summary(await analyze(jsonl, content))).toEqual({ records: 1, findings: ['NESTING_TOO_DEEP:1'] })
  })
})

/**
 * A zstd frame of `blocks` RLE blocks of 128 KiB each (RFC 8878 §3.1.1.2): 4 bytes per block that
 * stand for 128 KiB of `byte`. `windowByte` is the frame header's window descriptor.
 */
function zstdBomb(windowByte: number, blocks: number, byte = 0x0a): Buffer {
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowByte])]
  for (let i = 0; i < blocks; i++) {
    const header = (i === blocks - 1 ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3)
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, byte]))
  }
  return Buffer.concat(parts)
}

async function decodeAll(compression: 'gzip' | 'zstd', input: Buffer, readLimits: ReadLimits): Promise<{ bytes: number; failure: string | null; failedAt?: number; limited: DecodeLimit | null }> {
  let bytes = 0
  const decoder = await createDecoder(compression, (chunk) => (bytes += chunk.length), readLimits)
  for (let at = 0; at < input.length; at += 1 << 20) await decoder.write(input.subarray(at, at + (1 << 20)))
  const failure = await decoder.end()
  return { bytes, failure: failure?.reason ?? null, ...(failure && { failedAt: failure.offset }), limited: decoder.limited }
}

describe('where decoding failed', () => {
  const text = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `{"n":${i}}\n`).join(''))

  it('gives a gzip stream that ends early the end of the file', async () => {
    const cut = gzipSync(text).subarray(0, 1000)
    expect(await decodeAll('gzip', cut, DEFAULT_LIMITS)).toMatchObject({ failure: expect.stringContaining('ends early'), failedAt: 1000 })
  })

  it('gives a bad gzip header offset 0', async () => {
    const bad = gzipSync(text)
    bad[2] = 9 // CM: deflate is 8
    expect(await decodeAll('gzip', bad, DEFAULT_LIMITS)).toMatchObject({ failure: expect.stringContaining('compression method'), failedAt: 0 })
  })

  it('gives bytes after a gzip member the start of the 64 KiB piece they are in', async () => {
    // 200,000 incompressible bytes: a member of about 200 kB, so its end lies in the fourth piece (from 196,608)
    const member = gzipSync(randomBytes(200_000))
    expect(member.length).toBeGreaterThan(3 * 65_536)
    expect(member.length).toBeLessThan(4 * 65_536 - 8)
    const result = await decodeAll('gzip', Buffer.concat([member, Buffer.from('not gzip')]), DEFAULT_LIMITS)
    expect(result).toMatchObject({ failure: expect.stringContaining('not another gzip member'), failedAt: 3 * 65_536 })
  })

  it('gives a zstd frame that ends early the end of the file, and bad magic offset 0', async () => {
    const frame = zstdBomb(0x50, 3)
    const cut = frame.subarray(0, frame.length - 2)
    expect(await decodeAll('zstd', cut, DEFAULT_LIMITS)).toMatchObject({ failure: expect.stringContaining('ends early'), failedAt: cut.length })
    const bad = Buffer.from(frame)
    bad[0] = 0
    expect(await decodeAll('zstd', bad, DEFAULT_LIMITS)).toMatchObject({ failure: expect.stringContaining('zstd magic'), failedAt: 0 })
  })
})

describe('decompression limits', () => {
  // Window descriptor 0x50: 2^(10 + 10) = 1 MiB; 0xa8: 2^(10 + 21) = 2 GiB.
  const MIB = 1024 * 1024

  it('stops a zstd bomb at the ratio limit past the grace, with the bytes handed on', async () => {
    // 600 blocks = 75 MiB from 2.4 KB: past the 64 MiB grace, far past 100 times.
    const bomb = zstdBomb(0x50, 600)
    const result = await decodeAll('zstd', bomb, DEFAULT_LIMITS)
    expect(result.failure).toBeNull()
    // The first block past 64 MiB is the one that trips the limit, and it is handed on whole.
    expect(result.bytes).toBe(RATIO_GRACE_BYTES + 128 * 1024)
    expect(result.limited?.bytes).toBe(result.bytes)
    expect(result.limited?.reason).toContain('--max-decompression-ratio')
  })

  it('decodes the same stream to its end when the ratio allows it', async () => {
    const result = await decodeAll('zstd', zstdBomb(0x50, 600), limits({ maxDecompressionRatio: 1e9 }))
    expect(result).toEqual({ bytes: 600 * 128 * 1024, failure: null, limited: null })
  })

  it('cuts the output at exactly --max-decompressed-bytes, for zstd and gzip', async () => {
    const readLimits = limits({ maxDecompressedBytes: 3 * MIB + 5 })
    const zstd = await decodeAll('zstd', zstdBomb(0x50, 40), readLimits)
    expect(zstd.bytes).toBe(3 * MIB + 5)
    expect(zstd.limited?.reason).toContain('--max-decompressed-bytes')
    const gzip = await decodeAll('gzip', gzipSync(Buffer.alloc(5 * MIB, 0x0a)), readLimits)
    expect({ bytes: gzip.bytes, failure: gzip.failure }).toEqual({ bytes: 3 * MIB + 5, failure: null })
    expect(gzip.limited?.bytes).toBe(3 * MIB + 5)
  })

  it('never hands fzstd a frame that asks for a window over 128 MiB', async () => {
    const result = await decodeAll('zstd', zstdBomb(0xa8, 100), DEFAULT_LIMITS)
    expect(result.bytes).toBe(0)
    expect(result.failure).toBeNull()
    expect(result.limited?.reason).toContain(`${2 ** 31}-byte window`)
  })

  it('sniffs only the first 64 KiB of a zstd bomb’s head', async () => {
    const head = await decompressHead('zstd', zstdBomb(0x50, 8000))
    expect(head.length).toBe(64 * 1024)
    expect(head.every((b) => b === 0x0a)).toBe(true)
  })
})

describe('CSV record length limit', () => {
  it('holds an unterminated quote only up to --max-record-bytes, and still counts the lines after it', async () => {
    const csv = (): ContentAnalyzer => createCsvAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: 1000 }) }), 'csv')
    const rest = Array.from({ length: 300 }, (_, i) => `row ${i},more`).join('\n')
    const content = `id,text\n1,fine\n2,"never closed\n${rest}\n`
    const analysis = await analyze(csv, content, 64)
    // Everything after the open quote is one record, the file's second, starting on line 3.
    expect(summary(analysis)).toEqual({ records: 2, findings: ['CSV_UNTERMINATED_QUOTE:3', 'RECORD_TOO_LONG:3'] })
  })

  it('keeps records under the limit as they were', async () => {
    const csv = (): ContentAnalyzer => createCsvAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: 1000 }) }), 'csv')
    const analysis = await analyze(csv, 'id,text\n1,"a, quoted\nfield"\n2,b\n', 5)
    expect(summary(analysis)).toEqual({ records: 2, findings: [] })
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['id', 'text'])
  })
})

describe('distinct fields limit', () => {
  it('keeps the first --max-fields fields of a file and says that more were left out', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ limits: limits({ maxFields: 3 }) }))
    const content = `${JSON.stringify({ a: 1, b: 2 })}\n${JSON.stringify({ c: 3, d: 4, e: 5 })}\n`
    const analysis = await analyze(jsonl, content)
    expect(summary(analysis)).toEqual({ records: 2, findings: ['FIELDS_CAPPED'] })
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['a', 'b', 'c'])
    expect(analysis.findings[0]?.args).toEqual({ limit: 3 })
  })

  it('caps a JSON document with 100,000 distinct keys at the default, reading the record only as far as its first 10,000', async () => {
    const json = (): ContentAnalyzer => createJsonAnalyzer(analyzerContext())
    const record = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))
    const analysis = await analyze(json, JSON.stringify([record]))
    expect(summary(analysis)).toEqual({ records: 1, findings: ['FIELDS_CAPPED', 'RECORD_FIELDS_CUT@1'] })
    expect(analysis.schema?.fields.length).toBe(DEFAULT_LIMITS.maxFields)
    expect(analysis.schema?.fields.at(-1)?.name).toBe('k9999')
  })

  it('reads a JSON Lines record with too many fields as far as its first ones, with its line', async () => {
    const jsonl = (): ContentAnalyzer => createJsonlAnalyzer(analyzerContext({ limits: limits({ maxFields: 3 }) }))
    // line 2: four top-level fields; line 3: two fields, but 31 members in all (more than 10 × 3)
    const nested = { a: Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`n${i}`, i])), b: 'x' }
    const content = `${JSON.stringify({ a: 1 })}
${JSON.stringify({ a: 1, b: 2, c: 3, d: 4 })}
${JSON.stringify(nested)}
`
    const analysis = await analyze(jsonl, content)
    expect(summary(analysis)).toEqual({ records: 3, findings: ['FIELDS_CAPPED', 'RECORD_FIELDS_CUT:2', 'RECORD_FIELDS_CUT:3'] })
    // line 3 is read as {}: its one field `a` holds 30 members, so nothing of it fits
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['a', 'b', 'c'])
  })
})

describe('jsonObjectCut', () => {
  it('cuts before the comma after the last member that fits, at the top level or counted at every depth', () => {
    // {"a":1,"b":2,"c":3}: the comma after "b":2 is at index 12
    expect(jsonObjectCut('{"a":1,"b":2,"c":3}', 2, 100)).toEqual({ end: 12, wide: true })
    expect(jsonObjectCut('{"a":1,"b":2,"c":3}', 3, 100)).toBeNull()
    // {"a":1,"b":{"x":1,"y":2}}: the fourth member is "y", inside b, so b goes; the prefix is {"a":1
    expect(jsonObjectCut('{"a":1,"b":{"x":1,"y":2}}', 10, 3)).toEqual({ end: 6, wide: false })
    // the first member alone is too wide: nothing but the brace is kept
    expect(jsonObjectCut('{"a":{"x":1,"y":2}}', 10, 2)).toEqual({ end: 1, wide: false })
    // colons and commas inside strings are text; arrays and scalars are never cut
    expect(jsonObjectCut('{"a:b,c":"d:e,f"}', 1, 1)).toBeNull()
    expect(jsonObjectCut('[{"a":1},{"b":2}]', 1, 1)).toBeNull()
    // within bytes, from an offset
    const bytes = Buffer.from('xx {"a":1,"b":2} yy')
    expect(jsonObjectCut(bytes, 1, 100, 3, 16)).toEqual({ end: 9, wide: true })
  })

  it('finds an object with too many members of its own anywhere in a document', () => {
    expect(jsonHasObjectWiderThan(Buffer.from('[{"a":1,"b":2},{"c":{"d":1,"e":2,"f":3}}]'), 2)).toBe(true)
    expect(jsonHasObjectWiderThan(Buffer.from('[{"a":1,"b":2},{"c":{"d":1,"e":2}}]'), 2)).toBe(false)
    expect(jsonHasObjectWiderThan(Buffer.from('{"a":"x:y:z"}'), 1)).toBe(false)
  })
})

describe('JSON record length limit', () => {
  it('counts an element of a large document over --max-record-bytes, with its offset, and parses the others', async () => {
    const json = (): ContentAnalyzer => createJsonAnalyzer(analyzerContext({ limits: limits({ maxRecordBytes: 1000 }) }))
    const big = JSON.stringify({ text: 'x'.repeat(5000) })
    // Over 8 MiB, so the document is walked rather than parsed whole.
    const filler = Array.from({ length: 90_000 }, (_, i) => JSON.stringify({ n: i, pad: 'p'.repeat(80) }))
    const doc = `[${[big, ...filler, big].join(',')}]`
    expect(doc.length).toBeGreaterThan(8 * 1024 * 1024)
    const analysis = await analyze(json, doc, 64 * 1024)
    expect(summary(analysis)).toEqual({ records: 90_002, findings: ['RECORD_TOO_LONG@1', `RECORD_TOO_LONG@${doc.length - 1 - big.length}`] })
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['n', 'pad'])
  })
})
