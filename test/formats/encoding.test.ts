import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCsvAnalyzer } from '../../src/formats/csv.js'
import { detectFormat } from '../../src/formats/detect-format.js'
import { isGb18030, transcoding, utf16Of } from '../../src/formats/encoding.js'
import { createTextAnalyzer } from '../../src/formats/text.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'
import { REPO_ROOT } from '../helpers/exec.js'

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'encodings')
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name))
const hasIconv = spawnSync('which', ['iconv'], { encoding: 'utf8' }).status === 0

/** 中文 in GBK, as published in the GB2312 code table: D6D0 CEC4. */
const ZHONGWEN_GBK = Buffer.from([0xd6, 0xd0, 0xce, 0xc4])

describe('the fixtures are what they claim to be (checked with iconv, not tdgov)', () => {
  it.skipIf(!hasIconv)('each GBK and UTF-16 file converts with iconv to its UTF-8 twin', () => {
    const pairs: [string, string, string][] = [
      ['table.gbk.csv', 'GBK', 'table.utf8.csv'],
      ['notes.gbk.txt', 'GBK', 'notes.utf8.txt'],
      ['records.gbk.jsonl', 'GBK', 'records.utf8.jsonl'],
      ['header-repeats.gbk.csv', 'GBK', 'header-repeats.utf8.csv'],
      ['table.utf16le.csv', 'UTF-16LE', 'table.utf8.csv'],
      // iconv's UTF-16 reads the BOM and drops it
      ['table.utf16le-bom.csv', 'UTF-16', 'table.utf8.csv'],
      ['table.utf16be-bom.csv', 'UTF-16', 'table.utf8.csv'],
      ['excel-unicode.txt', 'UTF-16', 'excel-unicode.utf8.txt'],
    ]
    for (const [file, from, twin] of pairs) {
      const converted = execFileSync('iconv', ['-f', from, '-t', 'UTF-8', path.join(FIXTURES, file)])
      expect(converted.equals(fixture(twin)), `${file} → ${twin}`).toBe(true)
    }
  })

  it('the hard-coded GBK bytes of 中文 decode as 中文 with the GB18030 decoder', () => {
    expect(new TextDecoder('gb18030', { fatal: true }).decode(ZHONGWEN_GBK)).toBe('中文')
  })
})

describe('utf16Of', () => {
  it('reads the byte-order mark whatever the name', () => {
    expect(utf16Of(fixture('table.utf16le-bom.csv'), false)).toBe('utf-16le')
    expect(utf16Of(fixture('table.utf16be-bom.csv'), false)).toBe('utf-16be')
  })

  it('takes NUL-alternating bytes for UTF-16 only when the name says text', () => {
    expect(utf16Of(fixture('table.utf16le.csv'), true)).toBe('utf-16le')
    expect(utf16Of(fixture('table.utf16le.csv'), false)).toBeNull()
    expect(utf16Of(Buffer.from('id,name\r\n1,alpha\r\n2,beta\r\n', 'utf16le').swap16(), true)).toBe('utf-16be')
  })

  it('does not take a short binary record with a few NULs for UTF-16, whatever its name', () => {
    expect(utf16Of(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0x00, 0x0a]), true)).toBeNull()
    // NULs beside bytes that are not ASCII text: 16-bit integers, not characters
    expect(utf16Of(Buffer.from(Array.from({ length: 64 }, (_, i) => [0x80 + i, 0]).flat()), true)).toBeNull()
  })

  it('does not take binary that opens with FF FE (an MPEG frame sync) for UTF-16', () => {
    // FF FE then control bytes: decoded, mostly C0 controls, which text does not have.
    const frame = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Array.from({ length: 64 }, (_, i) => [i % 16, 0]).flat())])
    expect(utf16Of(frame, false)).toBeNull()
    // FF FE 00 00 is UTF-32 LE's mark, which is not decoded.
    expect(utf16Of(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), false)).toBeNull()
  })

  it('leaves UTF-8 and plain ASCII alone', () => {
    expect(utf16Of(fixture('table.utf8.csv'), true)).toBeNull()
    expect(utf16Of(Buffer.from('a,b\n1,2\n'), true)).toBeNull()
  })
})

describe('isGb18030', () => {
  it('recognises GBK text that is not UTF-8', () => {
    expect(isGb18030(ZHONGWEN_GBK)).toBe(true)
    expect(isGb18030(fixture('table.gbk.csv'))).toBe(true)
  })

  it('does not take UTF-8 with a stray byte for GBK (a lone 0x80 decodes as € in GB18030)', () => {
    expect(isGb18030(Buffer.concat([Buffer.from('a fine line\nthen caf'), Buffer.from([0x80]), Buffer.from('e\nlast line\n')]))).toBe(false)
  })

  it('is not fooled by UTF-8, ASCII or binary', () => {
    expect(isGb18030(fixture('table.utf8.csv'))).toBe(false)
    expect(isGb18030(Buffer.from('plain ascii\n'))).toBe(false)
    expect(isGb18030(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a]))).toBe(false)
    expect(isGb18030(Buffer.from([0xd6, 0xd0, 0x00, 0xce, 0xc4]))).toBe(false)
  })

  it('does not hold a character cut by the end of the head against either encoding', () => {
    const utf8 = Buffer.from('中文中文', 'utf8')
    // UTF-8 cut inside 文 (E6 96 87): still UTF-8, so not GB18030.
    expect(isGb18030(utf8.subarray(0, utf8.length - 1))).toBe(false)
    // GBK cut after the lead byte of 文 (CE): still GB18030.
    expect(isGb18030(Buffer.concat([ZHONGWEN_GBK, ZHONGWEN_GBK.subarray(0, 3)]))).toBe(true)
  })
})

describe('detectFormat on text in other encodings', () => {
  it.each([
    ['table.utf16le-bom.csv', 'csv', 'utf-16le'],
    ['table.utf16be-bom.csv', 'csv', 'utf-16be'],
    ['table.utf16le.csv', 'csv', 'utf-16le'],
    ['table.gbk.csv', 'csv', 'gb18030'],
    ['excel-unicode.txt', 'text', 'utf-16le'],
    ['notes.gbk.txt', 'text', 'gb18030'],
    ['records.gbk.jsonl', 'jsonl', 'gb18030'],
  ])('%s is %s in %s, not audio or binary', async (name, format, encoding) => {
    expect(await detectFormat(fixture(name), name, null)).toEqual({ format, compression: null, modality: format === 'csv' ? 'tabular' : 'text', encoding })
  })

  it('finds the format of a UTF-16 file without a telling name from its decoded text', async () => {
    const jsonl = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}\n{"a": 2}\n', 'utf16le')])
    expect(await detectFormat(jsonl, 'data/export', null)).toMatchObject({ format: 'jsonl', encoding: 'utf-16le' })
  })

  it('records no encoding for UTF-8', async () => {
    expect(await detectFormat(fixture('table.utf8.csv'), 'table.csv', null)).toEqual({ format: 'csv', compression: null, modality: 'tabular' })
  })
})

describe('transcoding', () => {
  const ctx = analyzerContext()

  it.each([1, 3, 7, 64 * 1024])('gives the CSV analyzer what the UTF-8 twin gives it, in chunks of %i bytes', async (chunkSize) => {
    const expected = await analyzeInChunks(() => createCsvAnalyzer(ctx, 'csv'), fixture('table.utf8.csv'))
    for (const [name, encoding] of [
      ['table.gbk.csv', 'gb18030'],
      ['table.utf16le-bom.csv', 'utf-16le'],
      ['table.utf16be-bom.csv', 'utf-16be'],
      ['table.utf16le.csv', 'utf-16le'],
    ] as const) {
      const actual = await analyzeInChunks(() => transcoding(createCsvAnalyzer(ctx, 'csv'), encoding), fixture(name), chunkSize)
      expect(actual, name).toEqual(expected)
    }
    expect(expected.records).toBe(4)
    expect(expected.schema?.fields.map((f) => f.name)).toEqual(['id', '姓名', '城市', '留言'])
  })

  it('hands line readers valid UTF-8, so a GBK file raises no UTF8_INVALID', async () => {
    const raw = await analyzeInChunks(() => createTextAnalyzer(ctx), fixture('notes.gbk.txt'))
    expect(raw.findings.map((f) => f.code)).toContain('UTF8_INVALID')
    const decoded = await analyzeInChunks(() => transcoding(createTextAnalyzer(ctx), 'gb18030'), fixture('notes.gbk.txt'), 5)
    expect(decoded.findings).toEqual([])
    expect(decoded.records).toBe(3)
  })

  it("drops GB18030's own byte-order mark (84 31 95 33)", async () => {
    const withBom = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), Buffer.from('a,b\n1,2\n')])
    const analysis = await analyzeInChunks(() => transcoding(createCsvAnalyzer(ctx, 'csv'), 'gb18030'), withBom, 2)
    expect(analysis.schema?.fields.map((f) => f.name)).toEqual(['a', 'b'])
  })
})
