import { createReadStream } from 'node:fs'
import { JsonByte, isJsonWhitespace } from '../json-bytes.js'
import { describeJsonError } from '../json-error.js'
import { UserError } from '../../util/errors.js'
import { inputError } from './json-lines.js'

export interface ArrayElement {
  /** 0-based position in the array */
  index: number
  value: unknown
  /** byte offset where the element starts, for messages */
  offset: number
}

/** At most `maxBytes` per element (a review sheet's task); `tooLarge` words the refusal. */
export interface ElementLimit {
  maxBytes: number
  tooLarge: (index: number, offset: number) => UserError
}

/**
 * The elements of a file holding one JSON array, parsed one at a time as the bytes stream in:
 * a Label Studio export of a million tasks needs memory for one task, not for the file (which
 * could not even be held as one string past ~512 MiB). Only the array's own structure is
 * scanned here (depth, strings and escapes); each element is handed to JSON.parse, so what is
 * accepted inside an element is exactly JSON.
 */
export async function* readJsonArrayElements(file: string, limit?: ElementLimit): AsyncGenerator<ArrayElement> {
  type State = 'before' | 'between' | 'element' | 'after'
  let state: State = 'before'
  let afterComma = false
  let depth = 0
  let inString = false
  let escaped = false
  let pieces: Buffer[] = []
  let elementStart = 0
  let elementOffset = 0
  let index = 0
  let consumed = 0
  let held = 0
  const fail = (at: number, expected: string): UserError => new UserError(`${file}: byte ${at}: expected ${expected}`)
  const parse = (bytes: Buffer): ArrayElement => {
    try {
      return { index, value: JSON.parse(bytes.toString('utf8')) as unknown, offset: elementOffset }
    } catch (error) {
      throw new UserError(`${file}: element #${index + 1} (byte ${elementOffset}): not valid JSON (${describeJsonError(error)})`)
    }
  }
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  try {
    for await (const raw of stream) {
      const chunk = raw as Buffer
      let i = 0
      // A UTF-8 byte-order mark may precede the array.
      if (consumed === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3
      for (; i < chunk.length; i++) {
        const b = chunk[i]!
        if (state === 'element') {
          if (inString) {
            if (escaped) escaped = false
            else if (b === JsonByte.Backslash) escaped = true
            else if (b === JsonByte.Quote) inString = false
            continue
          }
          if (b === JsonByte.Quote) inString = true
          else if (b === JsonByte.OpenBrace || b === JsonByte.OpenBracket) depth++
          else if ((b === JsonByte.CloseBrace || b === JsonByte.CloseBracket) && depth > 0) depth--
          else if (depth === 0 && (b === JsonByte.Comma || b === JsonByte.CloseBracket)) {
            pieces.push(chunk.subarray(elementStart, i))
            if (limit !== undefined && held + i - elementStart > limit.maxBytes) throw limit.tooLarge(index, elementOffset)
            held = 0
            const element = parse(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces))
            pieces = []
            index++
            yield element
            state = b === JsonByte.Comma ? 'between' : 'after'
            afterComma = b === JsonByte.Comma
          }
          continue
        }
        if (isJsonWhitespace(b)) continue
        if (state === 'before') {
          if (b !== JsonByte.OpenBracket) throw fail(consumed + i, 'a JSON array ("[")')
          state = 'between'
        } else if (state === 'between') {
          if (b === JsonByte.CloseBracket && !afterComma) state = 'after'
          else if (b === JsonByte.Comma || b === JsonByte.CloseBracket) throw fail(consumed + i, 'an array element')
          else {
            state = 'element'
            elementStart = i
            elementOffset = consumed + i
            depth = 0
            i-- // read this byte again as the element's first
          }
        } else {
          throw fail(consumed + i, 'nothing after the closing "]"')
        }
      }
      if (state === 'element') {
        // Copy: the stream may reuse its buffer for the next chunk.
        pieces.push(Buffer.from(chunk.subarray(elementStart)))
        held += chunk.length - elementStart
        // Checked once a chunk: an element is held to its limit and one chunk more, not to its end.
        if (limit !== undefined && held > limit.maxBytes) throw limit.tooLarge(index, elementOffset)
        elementStart = 0
      }
      consumed += chunk.length
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    throw inputError(file, error)
  } finally {
    stream.destroy()
  }
  if ((state as State) !== 'after') throw fail(consumed, (state as State) === 'before' ? 'a JSON array ("[")' : 'the array to be closed ("]"); the file may be truncated')
}
