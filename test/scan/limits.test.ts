import { describe, expect, it } from 'vitest'
import { createJsonAnalyzer } from '../../src/formats/json.js'
import { createJsonlAnalyzer } from '../../src/formats/jsonl.js'
import { DEFAULT_LIMITS, type ReadLimits } from '../../src/formats/limits.js'
import { createTextAnalyzer } from '../../src/formats/text.js'
import type { ContentAnalysis, ContentAnalyzer } from '../../src/formats/types.js'
import { jsonNestsDeeperThan } from '../../src/util/json-depth.js'
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
