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

/** NULs in (nearly) all of one byte position of the code units and in none of the other. */
function alternatingNuls(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.min(head.length, SAMPLE_BYTES) >> 1
  if (units < 4) return null
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i < units; i++) {
    if (head[2 * i] === 0) evenNuls++
    if (head[2 * i + 1] === 0) oddNuls++
  }
  // ASCII leaves a NUL in every unit, Chinese in almost none (U+8A00 言 has one on the other side).
  // "Clearly": at least 30 % of the units on one side, 5 % at most on the other.
  if (oddNuls >= units * 0.3 && evenNuls <= units * 0.05) return 'utf-16le'
  if (evenNuls >= units * 0.3 && oddNuls <= units * 0.05) return 'utf-16be'
  return null
}

/**
 * GB18030 (which contains GBK and GB2312): text with no NUL that is not UTF-8 but decodes without
 * a single error as GB18030. A character cut by the end of the head is not held against either.
 */
export function isGb18030(head: Uint8Array): boolean {
  if (head.length === 0 || head.indexOf(0) !== -1) return false
  if (isUtf8Head(head)) return false
  const text = decodeStrictly(head, 'gb18030')
  return text !== null && looksLikeDecodedText(text)
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
