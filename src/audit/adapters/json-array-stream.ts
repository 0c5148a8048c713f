import { createReadStream } from 'node:fs'
import { describeJsonError } from '../../formats/json-error.js'
import { UserError } from '../../util/errors.js'
import { inputError } from './json-lines.js'

export interface ArrayElement {
  /** 0-based position in the array */
  index: number
  value: unknown
  /** byte offset where the element starts, for messages */
  offset: number
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
}

/**
 * The elements of a file holding one JSON array, parsed one at a time as the bytes stream in:
 * a Label Studio export of a million tasks needs memory for one task, not for the file (which
 * could not even be held as one string past ~512 MiB). Only the array's own structure is
 * scanned here (depth, strings and escapes); each element is handed to JSON.parse, so what is
 * accepted inside an element is exactly JSON.
 */
export async function* readJsonArrayElements(file: string): AsyncGenerator<ArrayElement> {
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
            else if (b === BACKSLASH) escaped = true
            else if (b === QUOTE) inString = false
            continue
          }
          if (b === QUOTE) inString = true
          else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++
          else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && depth > 0) depth--
          else if (depth === 0 && (b === COMMA || b === CLOSE_BRACKET)) {
            pieces.push(chunk.subarray(elementStart, i))
            const element = parse(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces))
            pieces = []
            index++
            yield element
            state = b === COMMA ? 'between' : 'after'
            afterComma = b === COMMA
          }
          continue
        }
        if (isWhitespace(b)) continue
        if (state === 'before') {
          if (b !== OPEN_BRACKET) throw fail(consumed + i, 'a JSON array ("[")')
          state = 'between'
        } else if (state === 'between') {
          if (b === CLOSE_BRACKET && !afterComma) state = 'after'
          else if (b === COMMA || b === CLOSE_BRACKET) throw fail(consumed + i, 'an array element')
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
