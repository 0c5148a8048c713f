import { createReadStream } from 'node:fs'
import { UserError } from '../../util/errors.js'
import { lineOfFirstInvalidByte } from './decode-utf8.js'
import { rowLimitText } from './sheet-limits.js'

/**
 * A sheet file's bytes in 1 MiB chunks, read as they are needed: a CSV or JSONL sheet is never
 * held whole, so stopping at a row limit stops reading too. A failed read is a UserError.
 */
export async function* sheetChunks(file: string): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  try {
    for await (const chunk of stream) yield chunk as Buffer
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== undefined) throw new UserError(`${file}: cannot read the sheet (${code})`)
    throw error
  } finally {
    stream.destroy()
  }
}

/**
 * The chunks as UTF-8 text, the BOM dropped (TextDecoder does, at the start only). A byte that is
 * not UTF-8 is a UserError with its line, as decodeUtf8 words it for a whole file.
 */
export async function* utf8Text(file: string, chunks: AsyncIterable<Buffer>, hint: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lines = 0
  for await (const chunk of chunks) {
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      throw new UserError(`${file}: line ${lines + lineOfFirstInvalidByte(chunk)}: expected UTF-8 text; ${hint}`)
    }
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++
    if (text !== '') yield text
  }
  let rest: string
  try {
    rest = decoder.decode()
  } catch {
    throw new UserError(`${file}: line ${lines + 1}: expected UTF-8 text; ${hint}`)
  }
  if (rest !== '') yield rest
}

export interface SheetLine {
  /** 1-based */
  line: number
  bytes: Buffer
}

/**
 * The lines of a JSONL sheet as bytes (without the "\n"), numbered from 1, each at most
 * `maxBytes`: a longer line is a UserError as soon as it passes the limit, before more of it is
 * held. They come in batches, one per chunk read, and empty lines ("" or "\r") are left out: a
 * sheet of 60 MiB of newlines is read in a second, not a minute.
 */
export async function* sheetLines(file: string, chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<SheetLine[]> {
  let pieces: Buffer[] = []
  let held = 0
  let line = 1
  const tooLong = (): UserError => new UserError(`${file}: line ${line}: longer than a review sheet row may be (${rowLimitText(maxBytes)})`)
  const isEmpty = (bytes: Buffer): boolean => bytes.length === 0 || (bytes.length === 1 && bytes[0] === 0x0d)
  for await (const chunk of chunks) {
    const batch: SheetLine[] = []
    let start = 0
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, start)) {
      if (held + at - start > maxBytes) throw tooLong()
      if (held === 0 && at - start <= 1) {
        if (!isEmpty(chunk.subarray(start, at))) batch.push({ line, bytes: chunk.subarray(start, at) })
      } else {
        pieces.push(chunk.subarray(start, at))
        const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)
        if (!isEmpty(bytes)) batch.push({ line, bytes })
      }
      pieces = []
      held = 0
      line++
      start = at + 1
    }
    if (start < chunk.length) {
      held += chunk.length - start
      if (held > maxBytes) throw tooLong()
      pieces.push(chunk.subarray(start))
    }
    if (batch.length > 0) yield batch
  }
  if (held > 0) yield [{ line, bytes: Buffer.concat(pieces) }]
}
