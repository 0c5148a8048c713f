import { createGunzip, gzipSync } from 'node:zlib'
import { parse as parseCsv } from 'csv-parse/sync'
import { Decompress } from 'fzstd'
import { imageSize } from 'image-size'
import { parseBuffer } from 'music-metadata'
import { describe, expect, it } from 'vitest'
import { describeCsvError } from '../../src/audit/sheets/parse-csv-sheet.js'
import { describeXlsxError } from '../../src/audit/sheets/parse-xlsx-sheet.js'
import { describeImageError } from '../../src/formats/image.js'
import { describeJsonError } from '../../src/formats/json-error.js'
import { describeMediaError } from '../../src/formats/media.js'
import { describeDecodingError } from '../../src/formats/decompress.js'
import { withoutEngineReason } from '../../src/scan/scan-file.js'
import { describeSystemError, holdsEngineMessage, STRUCTURE_UNDECODED, withoutEngineMessage } from '../../src/util/library-error.js'

/** The error `run` throws (or rejects with); fails the test when it throws nothing. */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

// Every library message below is produced by the library itself, on input made to fail; the
// expected wording is tdgov's, written out by hand.

describe('engine messages (a library tripping over malformed data)', () => {
  // Read from hyparquet 1.33.0 on concatenated_gzip_members.parquet with three footer bytes changed.
  const leaked = "expected a thrift FileMetaData: Cannot destructure property 'type' of 'schema' as it is undefined."

  it('recognises the messages V8 and Node raise, and not a reader’s own words', async () => {
    const engine = [
      String(((await errorOf(() => (undefined as unknown as { a: number }).a)) as Error).message),
      String(((await errorOf(() => (null as unknown as () => void)())) as Error).message),
      String(((await errorOf(() => new DataView(5 as unknown as ArrayBuffer))) as Error).message),
      String(((await errorOf(() => Buffer.concat([5 as unknown as Uint8Array]))) as Error).message),
      leaked,
    ]
    for (const message of engine) expect(holdsEngineMessage(message), message).toBe(true)
    for (const own of ['expected the PAR1 magic in the last 4 bytes', 'footer length 44499 exceeds the 1686 bytes between the magics', 'unterminated string at character 4']) {
      expect(holdsEngineMessage(own), own).toBe(false)
    }
  })

  it('keeps what the reader said before the engine’s message and drops the rest', () => {
    expect(withoutEngineMessage(leaked)).toBe('expected a thrift FileMetaData: its structure could not be decoded')
    expect(withoutEngineMessage("Cannot read properties of undefined (reading 'map')")).toBe(STRUCTURE_UNDECODED)
    expect(withoutEngineMessage('expected the PAR1 magic in the last 4 bytes')).toBe('expected the PAR1 magic in the last 4 bytes')
  })

  it('rewrites only the reason of a finding draft, and leaves a clean draft as it is', () => {
    const draft = { code: 'PARQUET_INVALID_FOOTER' as const, offset: 9, args: { reason: leaked } }
    expect(withoutEngineReason(draft)).toEqual({ code: 'PARQUET_INVALID_FOOTER', offset: 9, args: { reason: 'expected a thrift FileMetaData: its structure could not be decoded' } })
    const clean = { code: 'PARQUET_TRUNCATED' as const, args: { reason: 'expected the PAR1 magic in the last 4 bytes' } }
    expect(withoutEngineReason(clean)).toBe(clean)
  })
})

describe('system errors', () => {
  it('keeps the code and the call, never the message with its absolute path', async () => {
    const { readFile } = await import('node:fs/promises')
    const error = await errorOf(() => readFile('/nonexistent/dir/secret-name.txt'))
    expect(describeSystemError(error, 'fallback')).toBe('ENOENT (open)')
    expect(describeSystemError(new Error('something odd'), 'the write failed')).toBe('the write failed')
    expect(describeSystemError('not an error', 'the write failed')).toBe('the write failed')
  })
})

describe('JSON.parse messages', () => {
  const describeParse = async (text: string): Promise<string> => describeJsonError(await errorOf(() => JSON.parse(text)))

  it.each([
    ['', 'unexpected end of data'],
    ['{"a":', 'unexpected end of data'],
    ['"abc', 'unterminated string at character 5'],
    ['"a\tb"', 'control character inside a string; expected it escaped (\\n, \\t, \\u0000) at character 3'],
    ['"\\q"', 'invalid escape sequence in a string at character 3'],
    ['"\\u12g4"', 'invalid \\u escape in a string; expected four hexadecimal digits at character 6'],
    ['{a:1}', "expected a double-quoted property name or '}' at character 2"],
    ['{"a":1,}', 'expected a double-quoted property name at character 8'],
    ['{"a" 1}', "expected ':' after a property name at character 6"],
    ['{"a":1 "b":2}', "expected ',' or '}' after a property value at character 8"],
    ['[1 2]', "expected ',' or ']' after an array element at character 4"],
    ['{} x', 'more data after the end of the JSON value at character 4'],
    ['-', "no digits after '-' at character 2"],
    ['1e', 'no digits in the exponent of a number at character 3'],
    ['1.', 'no digits after the decimal point of a number at character 3'],
    ['01', 'unexpected number at character 2'],
    ['{"email": bob@example.org}', 'unexpected character'],
  ])('%j → %s', async (text, expected) => {
    expect(await describeParse(text)).toBe(expected)
  })

  it('never repeats the input, and has a wording of its own for a message it does not know', async () => {
    expect(await describeParse('{"email": bob@example.org}')).not.toContain('bob')
    expect(describeJsonError(new SyntaxError('Some future wording "quoting input"'))).toBe('malformed JSON syntax')
  })
})

describe('image-size messages', () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex')
  it.each([
    ['a PNG signature and nothing else', png, 'PNG signature is not followed by an IHDR chunk; expected IHDR first'],
    ['an ICNS header with no icon', Buffer.concat([Buffer.from('icns'), Buffer.from([0, 0, 0, 8])]), 'ICNS header is malformed; expected the fields that give its size'],
    ['plain text', Buffer.from('just some words, not an image'), 'no known image signature; expected PNG, JPEG, GIF, WebP, BMP, TIFF, HEIF, ICO or similar'],
  ])('%s', async (_name, bytes, expected) => {
    expect(describeImageError(await errorOf(() => imageSize(bytes)), bytes.length)).toBe(expected)
  })

  it('does not repeat a message it does not know', () => {
    expect(describeImageError(new TypeError('Invalid Something new: 0x0c'), 40)).toBe(STRUCTURE_UNDECODED)
  })
})

describe('music-metadata messages', () => {
  const be32 = (n: number): Buffer => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])
  const parse = (bytes: Buffer): Promise<unknown> => errorOf(() => parseBuffer(bytes, undefined, { duration: true, skipCovers: true }))

  it('does not copy header bytes (here a chunk id with control characters) into the reason', async () => {
    const aiff = Buffer.concat([Buffer.from('FORM'), be32(100), Buffer.from('AIFF'), Buffer.from([0x0c, 0x01, 0x02, 0x0a]), be32(8), Buffer.alloc(8)])
    const error = (await parse(aiff)) as Error
    expect(error.message).toContain('\n') // what music-metadata says
    expect(describeMediaError(error)).toBe('a header field holds bytes that are not valid for it; expected a well-formed container header')
  })

  it('names the container whose headers are inconsistent', async () => {
    const mp4 = Buffer.concat([be32(24), Buffer.from('ftypisom'), be32(0x200), Buffer.from('isomiso2'), be32(1000), Buffer.from('moov'), Buffer.alloc(8)])
    expect(describeMediaError(await parse(mp4))).toBe("the MP4 container's headers are inconsistent; expected a well-formed file")
    const flac = Buffer.concat([Buffer.from('fLaC'), Buffer.from([0x80, 0, 0, 5]), Buffer.alloc(5)])
    expect(describeMediaError(await parse(flac))).toBe("the FLAC container's headers are inconsistent; expected a well-formed file")
  })

  it('says what was expected of content it cannot place, and what a truncated header is', async () => {
    expect(describeMediaError(await parse(Buffer.from('hello there, this is not audio at all')))).toBe(
      'unrecognised content; expected an audio or video container such as MP3, WAV, FLAC, Ogg, MP4 or Matroska',
    )
    // strtok3's EndOfStreamError, as music-metadata lets it through
    expect(describeMediaError(Object.assign(new Error('End-Of-Stream'), { name: 'EndOfStreamError' }))).toBe(
      'the data ends inside a header; expected the rest of the container (truncated file?)',
    )
    expect(describeMediaError(new TypeError("Cannot read properties of undefined (reading 'length')"))).toBe(STRUCTURE_UNDECODED)
  })
})

describe('decompression messages', () => {
  const data = Buffer.from('hello world '.repeat(5000))
  const gz = gzipSync(data)
  const gunzipError = (bytes: Buffer): Promise<Error> =>
    new Promise((resolve, reject) => {
      const gunzip = createGunzip()
      gunzip.on('data', () => {})
      gunzip.on('error', resolve)
      gunzip.on('end', () => reject(new Error('expected gunzip to fail')))
      gunzip.end(bytes)
    })
  const flipped = (at: number): Buffer => {
    const copy = Buffer.from(gz)
    copy[at < 0 ? copy.length + at : at]! ^= 0xff
    return copy
  }

  it.each([
    ['truncated', () => gz.subarray(0, gz.length >> 1), 'the compressed data ends early; expected the rest of the stream (truncated file?)'],
    ['CRC-32 changed', () => flipped(-6), 'the CRC-32 in the gzip trailer does not match the decompressed data'],
    ['length changed', () => flipped(-2), 'the length in the gzip trailer does not match the decompressed data'],
    ['trailing bytes', () => Buffer.concat([gz, Buffer.from('junkjunk')]), 'bytes after a gzip member are not another gzip member; expected the end of the file'],
    ['method not deflate', () => Buffer.concat([gz.subarray(0, 2), Buffer.from([9]), gz.subarray(3)]), 'the gzip header names a compression method other than deflate'],
    ['deflate blocks garbled', () => Buffer.concat([gz.subarray(0, 10), Buffer.from([0xfe]), gz.subarray(11)]), 'the deflate data is corrupt; expected a valid deflate stream'],
  ])('gzip, %s', async (_name, bytes, expected) => {
    expect(describeDecodingError('gzip', await gunzipError(bytes()))).toBe(expected)
  })

  it('zstd: a bad magic number, and data that ends inside a frame', async () => {
    // A zstd frame: magic, frame header (single segment, content size 5), one raw block "hello".
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x29, 0x00, 0x00, ...Buffer.from('hello')])
    const decode = (bytes: Buffer) => () => {
      const zstd = new Decompress(() => {})
      zstd.push(new Uint8Array(bytes), false)
      zstd.push(new Uint8Array(0), true)
    }
    expect(decode(frame)).not.toThrow()
    const badMagic = Buffer.from(frame)
    badMagic[0] ^= 1
    expect(describeDecodingError('zstd', await errorOf(decode(badMagic)))).toBe(
      'a zstd frame header is invalid; expected the zstd magic number and a valid frame descriptor',
    )
    expect(describeDecodingError('zstd', await errorOf(decode(frame.subarray(0, 10))))).toBe(
      'the compressed data ends early; expected the rest of the frame (truncated file?)',
    )
    expect(describeDecodingError('zstd', new Error('FSE accuracy too high'))).toBe('the zstd data is corrupt; expected valid compressed blocks')
  })
})

describe('review-sheet libraries (csv-parse, fflate)', () => {
  it('maps csv-parse error codes, not its messages', async () => {
    const error = (await errorOf(() => parseCsv('a,b\n"1,2\n', { relax_column_count: true, relax_quotes: true }))) as { code: string; message: string }
    expect(error.code).toBe('CSV_QUOTE_NOT_CLOSED')
    expect(describeCsvError(error.code)).toBe('a quoted cell is never closed; expected a closing double quote')
    const closing = (await errorOf(() => parseCsv('a,b\n"1"x,2\n', { relax_column_count: true }))) as { code: string }
    expect(describeCsvError(closing.code)).toBe('a closing double quote is followed by other characters; expected a delimiter or the end of the line')
    expect(describeCsvError('CSV_SOMETHING_NEW')).toBe('the rows could not be split into cells')
  })

  it('says a workbook is not a zip archive, or that a part of it is damaged, without fflate’s words', async () => {
    const { unzipSync } = await import('fflate')
    const { renderXlsx } = await import('../../src/audit/sheets/render-xlsx.js')
    const open = (bytes: Uint8Array) => () => unzipSync(bytes)
    const notZip = await errorOf(open(Buffer.from('item,label\n1,2\n')))
    expect(String((notZip as Error).message)).toBe('invalid zip data') // fflate's own words
    expect(describeXlsxError(notZip)).toBe('not a zip archive, or a damaged one; an xlsx workbook is a zip archive')
    const good = renderXlsx([], { kind: 'annotation', language: 'en', createdAt: new Date(0), labels: [], reviewers: [], guide: null })
    expect(describeXlsxError(await errorOf(open(good.subarray(0, good.length >> 1))))).toBe('not a zip archive, or a damaged one; an xlsx workbook is a zip archive')
    const garbled = Buffer.from(good)
    // the first entry's deflated data starts after its 30-byte header and 19-byte name
    for (let i = 49; i < 120; i++) garbled[i] = 0xff
    expect(describeXlsxError(await errorOf(open(garbled)))).toBe('a part of the workbook is damaged; its compressed data does not decode')
    expect(describeXlsxError(new TypeError("Cannot read properties of undefined (reading 'sheets')"))).toBe(STRUCTURE_UNDECODED)
  })
})
