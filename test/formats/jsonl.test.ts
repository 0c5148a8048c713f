import { describe, expect, it } from 'vitest'
import { toFinding, type FindingDraft } from '../../src/findings/finding.js'
import { createJsonlAnalyzer } from '../../src/formats/jsonl.js'
import type { AnalyzerContext, ContentAnalysis } from '../../src/formats/types.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'

function analyzeJsonl(content: string | Uint8Array, chunkSize?: number, ctx: Partial<AnalyzerContext> = {}): Promise<ContentAnalysis> {
  return analyzeInChunks(() => createJsonlAnalyzer(analyzerContext(ctx)), content, chunkSize)
}

function findingsOf(analysis: ContentAnalysis, code: string): FindingDraft[] {
  return analysis.findings.filter((f) => f.code === code)
}

/** `n` valid records, one per line, each ending in a newline. */
function records(n: number, make: (i: number) => object = (i) => ({ id: i, text: `record ${i}` })): string[] {
  return Array.from({ length: n }, (_, i) => JSON.stringify(make(i + 1)))
}

describe('JSONL record counting', () => {
  it('counts one record per newline-terminated line, like wc -l', async () => {
    const lines = records(37)
    const content = lines.map((l) => l + '\n').join('')
    const newlines = content.split('').filter((c) => c === '\n').length
    const analysis = await analyzeJsonl(content)
    expect(analysis.records).toBe(newlines)
    expect(analysis.findings).toEqual([])
  })

  it('counts a final line that has no newline as a record', async () => {
    const lines = records(5)
    const analysis = await analyzeJsonl(lines.join('\n'))
    expect(analysis.records).toBe(5)
    expect(analysis.findings).toEqual([])
  })

  it('counts an empty file as zero records and reports nothing', async () => {
    const analysis = await analyzeJsonl('')
    expect(analysis.records).toBe(0)
    expect(analysis.findings).toEqual([])
    expect(analysis.schema).toBeUndefined()
  })

  it('does not count blank or whitespace-only lines and reports each as JSONL_BLANK_LINE with its line', async () => {
    const content = ['{"a":1}', '', '{"a":2}', '   \t', '{"a":3}', '\r', ''].join('\n')
    // lines: 1 rec, 2 blank, 3 rec, 4 blank (spaces/tab), 5 rec, 6 blank (CR only), then the final newline
    const analysis = await analyzeJsonl(content)
    expect(analysis.records).toBe(3)
    const blanks = findingsOf(analysis, 'JSONL_BLANK_LINE').map((f) => f.line)
    expect(blanks).toEqual([2, 4, 6])
  })

  it('accepts a UTF-8 byte-order mark before the first record, as the CSV and JSON readers do', async () => {
    const analysis = await analyzeJsonl('\uFEFF' + records(3).join('\n') + '\n')
    expect(analysis.records).toBe(3)
    expect(analysis.findings).toEqual([])
  })

  it('treats CRLF line endings as newlines, not as part of the record', async () => {
    const content = records(4).map((l) => l + '\r\n').join('')
    const analysis = await analyzeJsonl(content)
    expect(analysis.records).toBe(4)
    expect(analysis.findings).toEqual([])
  })
})

describe('JSONL malformed lines', () => {
  it('catches framing errors on every line of a 5,000-record file, not only in the 1,000-record sample', async () => {
    const lines = records(5000)
    // Lines that cannot be a JSON object: found by the framing check on every line, wherever they are.
    const broken = new Map<number, string>([
      [2, 'not json at all'],
      [1337, '{"id": 1337, "text": "unterminated"'],
      [2500, '"a bare string"'],
      [3999, 'id,text'],
      [4998, '{"id": 4998'],
    ])
    for (const [line, text] of broken) lines[line - 1] = text
    const analysis = await analyzeJsonl(lines.join('\n') + '\n', undefined, { sampleSize: 1000 })
    expect(analysis.records).toBe(5000)
    expect(analysis.schema?.sampledRecords).toBeLessThanOrEqual(1000)
    const invalid = findingsOf(analysis, 'JSONL_INVALID_LINE').map((f) => f.line ?? 0)
    const notObject = findingsOf(analysis, 'JSONL_NOT_OBJECT').map((f) => f.line)
    expect(invalid.sort((a, b) => a - b)).toEqual([2, 1337, 3999, 4998])
    expect(notObject).toEqual([2500])
  })

  it('reports a sampled line that is framed like an object but is not valid JSON as JSONL_INVALID_LINE with its line', async () => {
    const lines = records(20)
    lines[6] = '{"id": 7, "text": tru}'
    lines[13] = '{"id": 14, "text": "a",}'
    const analysis = await analyzeJsonl(lines.join('\n') + '\n')
    expect(analysis.records).toBe(20)
    const invalid = findingsOf(analysis, 'JSONL_INVALID_LINE')
    expect(invalid.map((f) => f.line ?? 0).sort((a, b) => a - b)).toEqual([7, 14])
    for (const finding of invalid) expect(String(finding.args?.reason ?? '')).not.toBe('')
  })

  it('reports a JSON array or scalar line as JSONL_NOT_OBJECT', async () => {
    const analysis = await analyzeJsonl('{"a":1}\n[1,2]\n42\n')
    expect(analysis.records).toBe(3)
    const notObject = findingsOf(analysis, 'JSONL_NOT_OBJECT').map((f) => [f.line, f.args?.type])
    expect(notObject.sort()).toEqual([
      [2, 'array'],
      [3, 'integer'],
    ])
  })

  it('says what was expected and at which character when a comma is missing', async () => {
    const broken = '{"a": "x" "b": "y"}'
    const column = broken.indexOf('"b"') + 1
    const analysis = await analyzeJsonl(`{"a": "ok"}\n${broken}\n`)
    const [finding] = findingsOf(analysis, 'JSONL_INVALID_LINE')
    expect(finding?.line).toBe(2)
    const reason = String(finding?.args?.reason)
    expect(reason).toContain(`at character ${column}`)
    expect(reason).toMatch(/','/)
  })

  it('never copies the content of a broken line into the finding message', async () => {
    const secret = 'alice.smith@example.com'
    const brokenLines = [
      `{"email": ${secret}}`,
      `{"email": "${secret}",}`,
      `{"email": "${secret}" "x"}`,
      `{"email": "${secret}"`,
      `{${secret}: 1}`,
      `{"a": 1} ${secret}`,
      `${secret}`,
      `{"a": "\\q${secret}"}`,
    ]
    const content = brokenLines.map((line, i) => `{"ok": ${i}}\n${line}\n`).join('')
    const analysis = await analyzeJsonl(content)
    const invalid = findingsOf(analysis, 'JSONL_INVALID_LINE')
    expect(invalid.map((f) => f.line)).toHaveLength(brokenLines.length)
    for (const draft of analysis.findings) {
      const rendered = toFinding('data.jsonl', draft)
      expect(JSON.stringify(rendered)).not.toContain('alice')
      expect(JSON.stringify(rendered)).not.toContain('example.com')
    }
  })
})

describe('JSONL UTF-8 validation', () => {
  it('reports invalid UTF-8 as UTF8_INVALID with the line and the byte offset of the bad byte', async () => {
    const line1 = Buffer.from('{"text":"中文 ok"}\n', 'utf8')
    const line2 = Buffer.concat([Buffer.from('{"text":"bad '), Buffer.from([0x80]), Buffer.from(' byte"}\n')])
    const line3 = Buffer.from('{"text":"fine"}\n')
    const content = Buffer.concat([line1, line2, line3])
    const analysis = await analyzeJsonl(content)
    const utf8 = findingsOf(analysis, 'UTF8_INVALID')
    expect(utf8).toHaveLength(1)
    expect(utf8[0]!.line).toBe(2)
    expect(utf8[0]!.offset).toBe(content.indexOf(0x80))
    expect(analysis.records).toBe(3)
  })

  it.each([
    ['0xFF (never valid in UTF-8)', [0xff]],
    ['0xC0 (overlong lead byte)', [0xc0, 0xaf]],
    ['0xF8 (five-byte lead, not UTF-8)', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ])('points UTF8_INVALID at the first byte when the bad byte is %s', async (_name, bad) => {
    const prefix = Buffer.from('{"ok":1}\n{"text":"x')
    const content = Buffer.concat([prefix, Buffer.from(bad), Buffer.from('"}\n')])
    const analysis = await analyzeJsonl(content)
    const utf8 = findingsOf(analysis, 'UTF8_INVALID')
    expect(utf8.map((f) => [f.line, f.offset])).toEqual([[2, prefix.length]])
  })

  it('points UTF8_INVALID inside the line, not past its end, when a line ends in a bad byte', async () => {
    const line1 = Buffer.from('{"a":1}\n')
    const line2 = Buffer.concat([Buffer.from('{"a":2}'), Buffer.from([0xff])])
    const content = Buffer.concat([line1, line2, Buffer.from('\n')])
    const analysis = await analyzeJsonl(content)
    const utf8 = findingsOf(analysis, 'UTF8_INVALID')
    expect(utf8.map((f) => [f.line, f.offset])).toEqual([[2, line1.length + line2.length - 1]])
  })

  it('reports a bad byte in a final line without newline with that line number', async () => {
    const head = Buffer.from('{"a":1}\n{"a":2}\n{"a":"')
    const content = Buffer.concat([head, Buffer.from([0x80]), Buffer.from('"}')])
    const analysis = await analyzeJsonl(content)
    expect(findingsOf(analysis, 'UTF8_INVALID').map((f) => [f.line, f.offset])).toEqual([[3, head.length]])
  })
})

describe('JSONL chunk-size independence', () => {
  /** Blank lines, broken lines, CRLF, a cut multi-byte character, Chinese text, a final line without newline. */
  function awkwardContent(): Buffer {
    const parts: Buffer[] = []
    for (let i = 1; i <= 400; i++) {
      if (i % 50 === 0) parts.push(Buffer.from('\n'))
      if (i % 97 === 0) parts.push(Buffer.from('{"id": broken}\n'))
      if (i % 131 === 0) parts.push(Buffer.from('no framing\r\n'))
      if (i === 222) parts.push(Buffer.concat([Buffer.from('{"t":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}\n')]))
      const record = { id: i, text: `第${i}条记录 — record ${i}`, score: i % 3 === 0 ? null : i / 7, tags: i % 5 ? ['a'] : undefined }
      parts.push(Buffer.from(JSON.stringify(record) + (i % 11 === 0 ? '\r\n' : '\n'), 'utf8'))
    }
    parts.push(Buffer.from('{"id": "last, no newline"}'))
    return Buffer.concat(parts)
  }

  const byPosition = (a: FindingDraft, b: FindingDraft): number =>
    (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code) || (a.offset ?? 0) - (b.offset ?? 0)

  it('finds the same records, schema and findings whether the bytes arrive in 1-byte, 7-byte or 64 KiB chunks', async () => {
    const content = awkwardContent()
    const reference = await analyzeJsonl(content, 64 * 1024)
    const nonBlankLines = content.toString('latin1').split('\n').filter((line) => line.trim() !== '').length
    expect(reference.records).toBe(nonBlankLines)
    expect(reference.findings.length).toBeGreaterThan(0)
    for (const size of [1, 7]) {
      const other = await analyzeJsonl(content, size)
      expect({ ...other, findings: [...other.findings].sort(byPosition) }).toEqual({
        ...reference,
        findings: [...reference.findings].sort(byPosition),
      })
    }
  })

  it('lists the findings in the same order whatever the chunk size (the manifest must not depend on read boundaries)', async () => {
    const content = awkwardContent()
    const reference = await analyzeJsonl(content, 64 * 1024)
    expect(await analyzeJsonl(content, 1)).toEqual(reference)
    expect(await analyzeJsonl(content, 7)).toEqual(reference)
  })

  it('gives the same sampled analysis for a file larger than the sample in 7-byte and 64 KiB chunks', async () => {
    const content = records(3000, (i) => ({ i, v: i % 4 === 0 ? null : `v${i}` })).join('\n') + '\n'
    const reference = await analyzeJsonl(content, 64 * 1024, { sampleSize: 100 })
    expect(reference.schema?.sampledRecords).toBe(100)
    expect(await analyzeJsonl(content, 7, { sampleSize: 100 })).toEqual(reference)
  })
})

describe('JSONL schema', () => {
  it('reports every key in first-seen order with its JSON kinds and null-or-missing counts', async () => {
    const rows = [
      { a: 1, b: 'x' },
      { a: 2.5, b: null },
      { a: 3, c: true },
      { a: null, b: [1], c: { x: 1 } },
    ]
    const analysis = await analyzeJsonl(rows.map((r) => JSON.stringify(r)).join('\n') + '\n', undefined, { deep: true })
    // Expected by hand from the rows above: integers mixed with a fraction make a number column;
    // a missing key counts as a null in that record.
    expect(analysis.schema).toEqual({
      fields: [
        { name: 'a', type: 'number', nulls: 1 },
        { name: 'b', type: 'string|array', nulls: 2 },
        { name: 'c', type: 'boolean|object', nulls: 2 },
      ],
    })
  })

  it('with --deep reads every record: exact null counts and no sampledRecords', async () => {
    const n = 2500
    const content = records(n, (i) => ({ i, maybe: i % 7 === 0 ? null : i })).join('\n') + '\n'
    const expectedNulls = Array.from({ length: n }, (_, k) => k + 1).filter((i) => i % 7 === 0).length
    const analysis = await analyzeJsonl(content, undefined, { deep: true, sampleSize: 1000 })
    expect(analysis.records).toBe(n)
    expect(analysis.schema?.sampledRecords).toBeUndefined()
    expect(analysis.schema?.fields).toEqual([
      { name: 'i', type: 'integer', nulls: 0 },
      { name: 'maybe', type: 'integer', nulls: expectedNulls },
    ])
  })

  it('without --deep parses a sample of exactly sampleSize records and says so in sampledRecords', async () => {
    const n = 2500
    const content = records(n, (i) => ({ i, maybe: i % 7 === 0 ? null : i })).join('\n') + '\n'
    const analysis = await analyzeJsonl(content, undefined, { deep: false, sampleSize: 1000 })
    expect(analysis.records).toBe(n)
    expect(analysis.schema?.sampledRecords).toBe(1000)
    const maybe = analysis.schema?.fields.find((f) => f.name === 'maybe')
    // a sample of 1,000 out of 2,500 with one null in 7: about 143, certainly not 0 and not all
    expect(maybe?.nulls).toBeGreaterThan(50)
    expect(maybe?.nulls).toBeLessThan(300)
  })

  it('omits sampledRecords when the whole file fits in the sample', async () => {
    const content = records(10).join('\n') + '\n'
    const analysis = await analyzeJsonl(content, undefined, { deep: false, sampleSize: 1000 })
    expect(analysis.schema).toBeDefined()
    expect(analysis.schema?.sampledRecords).toBeUndefined()
  })

  it('samples the same records on every run for the same path, and different ones for another path', async () => {
    const content = records(5000, (i) => ({ i, [`k${i % 50}`]: 1 })).join('\n') + '\n'
    const a1 = await analyzeJsonl(content, undefined, { sampleSize: 20, relPath: 'a.jsonl' })
    const a2 = await analyzeJsonl(content, undefined, { sampleSize: 20, relPath: 'a.jsonl' })
    const b = await analyzeJsonl(content, undefined, { sampleSize: 20, relPath: 'b.jsonl' })
    expect(a2).toEqual(a1)
    expect(b.schema).not.toEqual(a1.schema)
  })
})
