import { open, type FileHandle } from 'node:fs/promises'
import { JsonByte, isJsonWhitespace } from '../json-bytes.js'
import { describeJsonError } from '../json-error.js'
import { UserError } from '../../util/errors.js'
import { inputError } from './json-lines.js'

/** One element of one of the lists asked for. */
export interface MemberElement {
  /** the top-level member the list is the value of ("annotations") */
  member: string
  /** 0-based position in that list */
  index: number
  value: unknown
  /** byte offset and 1-based line where the element starts, for messages */
  offset: number
  line: number
}

/**
 * An element is handed to JSON.parse whole: one COCO image, annotation or category is a few
 * hundred bytes, a crowd annotation's run-length mask some kilobytes. Past this size the element
 * is refused rather than buffered (a hostile "element" could otherwise be the whole file).
 */
export const MAX_ELEMENT_BYTES = 16 * 1024 * 1024

const READ_BYTES = 1 << 20

/** A top-level key longer than this is none of the lists asked for: it is skipped, not kept. */
const MAX_KEY_BYTES = 1024

type State = 'start' | 'key-or-end' | 'key' | 'in-key' | 'colon' | 'value' | 'skip' | 'list' | 'element' | 'after-value' | 'end'

/**
 * The elements of the lists `wanted` names in a file holding one JSON object (a COCO export),
 * parsed one at a time as the bytes stream in, in the order the file has them: a COCO file of 7M
 * annotations (over 1 GB, more than V8 can hold as one string) needs memory for one element, not
 * for the file. Other members ("info", "licenses") are passed over by their structure (strings,
 * escapes, nesting) without being kept or checked as JSON. `onList` is told each wanted member
 * as its list starts (every list before it has ended), so a caller can tell an empty list from a
 * missing one.
 *
 * A wanted member that is not a list, one given twice, an element past MAX_ELEMENT_BYTES, an
 * element JSON.parse rejects and a file that ends early are UserErrors naming the file, its line
 * and byte offset and what was expected.
 */
export async function* readJsonObjectLists(
  file: string,
  wanted: ReadonlySet<string>,
  describe: string,
  onList?: (member: string) => void,
  /** told after each chunk is read: a scan's analysis thread takes it as the sign it is advancing */
  onChunk?: () => void,
): AsyncGenerator<MemberElement> {
  let state: State = 'start'
  let afterComma = false
  let depth = 0
  let inString = false
  let escaped = false
  let keyBytes: number[] = []
  let keyTooLong = false
  let member = ''
  const seen = new Set<string>()
  let pieces: Buffer[] = []
  let piecesBytes = 0
  let elementStart = 0
  let elementOffset = 0
  let elementLine = 1
  let index = 0
  let consumed = 0
  let line = 1
  const fail = (at: number, expected: string): UserError => new UserError(`${file}:${line}: byte ${at}: expected ${expected}`)
  const parse = (bytes: Buffer): MemberElement => {
    try {
      return { member, index, value: JSON.parse(bytes.toString('utf8')) as unknown, offset: elementOffset, line: elementLine }
    } catch (error) {
      throw new UserError(`${file}:${elementLine}: "${member}" element #${index + 1} (byte ${elementOffset}): not valid JSON (${describeJsonError(error)})`)
    }
  }
  const tooLarge = (): UserError =>
    new UserError(`${file}:${elementLine}: "${member}" element #${index + 1} (byte ${elementOffset}): longer than ${MAX_ELEMENT_BYTES / (1024 * 1024)} MiB; expected one ${describe} element per entry`)
  const keyName = (): string | null => {
    if (keyTooLong) return null
    try {
      const name: unknown = JSON.parse(`"${Buffer.from(keyBytes).toString('utf8')}"`)
      return typeof name === 'string' ? name : null
    } catch {
      return null
    }
  }
  // One buffer, read into again and again: a stream's fresh 1 MiB chunks are memory outside the
  // JavaScript heap that waits for a collection, some 70 MB of them over a 1 GB file.
  const buffer = Buffer.allocUnsafe(READ_BYTES)
  let handle: FileHandle | undefined
  try {
    handle = await open(file, 'r')
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null)
      if (bytesRead === 0) break
      onChunk?.()
      const chunk = buffer.subarray(0, bytesRead)
      let i = 0
      // A UTF-8 byte-order mark may precede the object.
      if (consumed === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3
      for (; i < chunk.length; i++) {
        const b = chunk[i]!
        if (b === 0x0a) line++
        if (state === 'element' || state === 'skip') {
          if (inString) {
            if (escaped) escaped = false
            else if (b === JsonByte.Backslash) escaped = true
            else if (b === JsonByte.Quote) inString = false
            continue
          }
          if (b === JsonByte.Quote) inString = true
          else if (b === JsonByte.OpenBrace || b === JsonByte.OpenBracket) depth++
          else if (depth > 0 && (b === JsonByte.CloseBrace || b === JsonByte.CloseBracket)) depth--
          else if (depth === 0 && state === 'element' && (b === JsonByte.Comma || b === JsonByte.CloseBracket)) {
            pieces.push(chunk.subarray(elementStart, i))
            const element = parse(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces))
            pieces = []
            piecesBytes = 0
            index++
            yield element
            state = b === JsonByte.Comma ? 'list' : 'after-value'
            afterComma = b === JsonByte.Comma
          } else if (depth === 0 && state === 'skip' && (b === JsonByte.Comma || b === JsonByte.CloseBrace)) {
            state = 'after-value'
            i-- // the comma or brace ends the member: read it again there
          }
          continue
        }
        if (state === 'in-key') {
          if (escaped) escaped = false
          else if (b === JsonByte.Backslash) escaped = true
          else if (b === JsonByte.Quote) {
            state = 'colon'
            continue
          }
          if (keyBytes.length < MAX_KEY_BYTES) keyBytes.push(b)
          else keyTooLong = true
          continue
        }
        if (isJsonWhitespace(b)) continue
        switch (state) {
          case 'start':
            if (b !== JsonByte.OpenBrace) throw new UserError(`${file}:${line}: byte ${consumed + i}: expected ${describe} object ("{")`)
            state = 'key-or-end'
            break
          case 'key-or-end':
          case 'key':
            if (b === JsonByte.CloseBrace && state === 'key-or-end') state = 'end'
            else if (b === JsonByte.Quote) {
              state = 'in-key'
              keyBytes = []
              keyTooLong = false
              escaped = false
            } else throw fail(consumed + i, 'a double-quoted property name')
            break
          case 'colon':
            if (b !== JsonByte.Colon) throw fail(consumed + i, "':' after a property name")
            member = keyName() ?? ''
            state = 'value'
            break
          case 'value':
            if (wanted.has(member)) {
              if (b !== JsonByte.OpenBracket) throw fail(consumed + i, `"${member}" to be a list ("[")`)
              if (seen.has(member)) throw fail(consumed + i, `one "${member}" list; this is the second`)
              seen.add(member)
              onList?.(member)
              state = 'list'
              afterComma = false
              index = 0
            } else {
              state = 'skip'
              depth = 0
              inString = false
              escaped = false
              i-- // read this byte again as the value's first
            }
            break
          case 'list':
            if (b === JsonByte.CloseBracket && !afterComma) state = 'after-value'
            else if (b === JsonByte.Comma || b === JsonByte.CloseBracket) throw fail(consumed + i, `an element of "${member}"`)
            else {
              state = 'element'
              elementStart = i
              elementOffset = consumed + i
              elementLine = line
              depth = 0
              inString = false
              escaped = false
              i-- // read this byte again as the element's first
            }
            break
          case 'after-value':
            if (b === JsonByte.Comma) state = 'key'
            else if (b === JsonByte.CloseBrace) state = 'end'
            else throw fail(consumed + i, "',' or '}' after a property value")
            break
          case 'end':
            throw fail(consumed + i, 'nothing after the closing "}"')
        }
      }
      if (state === 'element') {
        piecesBytes += chunk.length - elementStart
        if (piecesBytes > MAX_ELEMENT_BYTES) throw tooLarge()
        // Copy: the buffer is read into again for the next chunk.
        pieces.push(Buffer.from(chunk.subarray(elementStart)))
        elementStart = 0
      }
      consumed += chunk.length
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    throw inputError(file, error)
  } finally {
    await handle?.close()
  }
  const ended = state as State
  if (ended === 'end') return
  if (ended === 'start') throw new UserError(`${file}:${line}: byte ${consumed}: expected ${describe} object ("{"); the file is empty`)
  if (ended === 'element' || ended === 'list') {
    const where = ended === 'element' ? `inside element #${index + 1} of "${member}" (from line ${elementLine}, byte ${elementOffset})` : `inside "${member}" after ${index} elements`
    throw new UserError(`${file}:${line}: byte ${consumed}: the file ends ${where}; expected the list to be closed ("]"): the file may be truncated`)
  }
  throw new UserError(`${file}:${line}: byte ${consumed}: the file ends before the object is closed ("}"): the file may be truncated`)
}
