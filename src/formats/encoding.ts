import { isUtf8 } from 'node:buffer'
import type { ContentAnalyzer } from './types.js'

/** Text encodings other than UTF-8 that the scan decodes: names as WHATWG TextDecoder knows them. */
export type TextEncoding = 'utf-16le' | 'utf-16be' | 'gb18030'

/** How much of the head the byte statistics look at: enough to be sure, little enough to be quick. */
const SAMPLE_BYTES = 64 * 1024

/**
 * UTF-16 by its byte-order mark, or, for a file whose name says it is text, by the NUL bytes that
 * ASCII characters leave on one side of every code unit. The decoded head must look like text too,
 * so an MPEG frame that happens to open with FF FE is not taken for a BOM.
 */
export function utf16Of(head: Uint8Array, textByName: boolean): 'utf-16le' | 'utf-16be' | null {
  let encoding: 'utf-16le' | 'utf-16be' | null = null
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le'
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be'
  else if (textByName) encoding = alternatingNuls(head)
  if (encoding === null) return null
  // FF FE 00 00 opens UTF-32 LE, which is not decoded.
  if (encoding === 'utf-16le' && head[2] === 0 && head[3] === 0) return null
  const text = decodeStrictly(head, encoding)
  return text !== null && looksLikeDecodedText(text) ? encoding : null
}

/**
 * NULs on one side of (nearly) every ASCII character and on the other side of almost no code unit.
 * The units with a NUL must hold printable ASCII, tab or a line break, and there must be at least
 * a few of them: a short binary record with a few NULs is not text.
 */
function alternatingNuls(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.min(head.length, SAMPLE_BYTES) >> 1
  // The common case, text with no NUL at all, is settled by one vectorised search.
  if (units < 16 || head.subarray(0, 2 * units).indexOf(0) === -1) return null
  for (const [encoding, high, low] of [['utf-16le', 1, 0], ['utf-16be', 0, 1]] as const) {
    let ascii = 0
    let otherNuls = 0
    let strange = 0
    for (let i = 0; i < units; i++) {
      if (head[2 * i + low] === 0) otherNuls++
      if (head[2 * i + high] !== 0) continue
      if (isAsciiText(head[2 * i + low]!)) ascii++
      else strange++
    }
    // ASCII leaves a NUL in every unit, Chinese in almost none (U+8A00 言 has one on the other side).
    // "Clearly": at least 30 % of the units ASCII, at most 5 % with a NUL on the other side.
    if (ascii >= 8 && ascii >= units * 0.3 && otherNuls <= units * 0.05 && strange <= ascii * 0.05) return encoding
  }
  return null
}

function isAsciiText(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

/**
 * GB18030 (which contains GBK and GB2312): text with no NUL that is not UTF-8 but decodes without
 * a single error as GB18030, and whose characters beyond ASCII are mostly Chinese (ideographs,
 * CJK and full-width punctuation). The second test keeps a UTF-8 file with one stray byte (a lone
 * 0x80 decodes as € in GB18030) from passing for GBK. A character cut by the end of the head is
 * not held against either encoding.
 */
export function isGb18030(head: Uint8Array): boolean {
  if (head.length === 0 || head.indexOf(0) !== -1) return false
  if (isUtf8Head(head)) return false
  const text = decodeStrictly(head, 'gb18030')
  return text !== null && looksLikeDecodedText(text) && mostlyChinese(text)
}

/** At least half of the characters beyond ASCII are CJK (U+2E80–U+9FFF, U+F900–U+FAFF, U+FE30–U+FE4F, U+FF00–U+FFEF, or beyond the BMP). */
function mostlyChinese(text: string): boolean {
  let beyondAscii = 0
  let cjk = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80 || (c >= 0xdc00 && c <= 0xdfff)) continue
    beyondAscii++
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0xd800 && c <= 0xdbff)) cjk++
  }
  return cjk > 0 && cjk * 2 >= beyondAscii
}

/** UTF-8, allowing one multi-byte character cut off by the end of the head. */
function isUtf8Head(head: Uint8Array): boolean {
  if (isUtf8(head)) return true
  for (let back = 1; back <= 3 && back <= head.length; back++) {
    const b = head[head.length - back]!
    if ((b & 0xc0) === 0x80) continue
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    return need > back && isUtf8(head.subarray(0, head.length - back))
  }
  return false
}

/** The head decoded, or null at the first malformed sequence; an incomplete last character is left out. */
function decodeStrictly(head: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true })
  } catch {
    return null
  }
}

/** Text has few control characters besides tab, line feed, form feed and carriage return. */
function looksLikeDecodedText(text: string): boolean {
  let controls = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return false
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++
  }
  return controls <= text.length * 0.01
}

/** The head decoded to UTF-8, without its byte-order mark, for format detection. */
export function decodeHead(head: Uint8Array, encoding: TextEncoding): Buffer {
  return Buffer.from(new TextDecoder(encoding).decode(head, { stream: true }).replace(/^\uFEFF/, ''), 'utf8')
}

/**
 * Wraps a format's analyzer so that it receives UTF-8: the content is decoded as it streams in
 * (a character split between two chunks is carried over), and the byte-order mark is dropped.
 * Bytes that do not decode become U+FFFD, as in any text editor.
 */
export function transcoding(analyzer: ContentAnalyzer, encoding: TextEncoding): ContentAnalyzer {
  const decoder = new TextDecoder(encoding)
  let started = false
  const forward = (text: string): void => {
    if (text === '') return
    if (!started) {
      started = true
      // TextDecoder drops a UTF-16 BOM; GB18030's own (84 31 95 33) decodes to U+FEFF.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      if (text === '') return
    }
    analyzer.push(Buffer.from(text, 'utf8'))
  }
  return {
    push(chunk) {
      forward(decoder.decode(chunk, { stream: true }))
    },
    finish() {
      forward(decoder.decode())
      return analyzer.finish()
    },
  }
}
