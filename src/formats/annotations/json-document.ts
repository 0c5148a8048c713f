import { readFile } from 'node:fs/promises'
import { describeJsonError } from '../json-error.js'
import { UserError } from '../../util/errors.js'
import { inputError } from './json-lines.js'

/**
 * A whole-file JSON export (Label Studio JSON / JSON-MIN, COCO), parsed in one piece. These
 * formats are a single array or object whose parts refer to each other (COCO annotations point
 * at images by id), so they are read whole rather than streamed: memory grows with the file.
 * V8 cannot hold a string over ~512 MiB; such a file is a UserError, not a crash.
 */
export async function readJsonDocument(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined
    if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_FS_FILE_TOO_LARGE') {
      throw new UserError(`${file}: too large to read as one JSON document; split the export into smaller files`)
    }
    throw inputError(file, error)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${describeJsonError(error)})`)
  }
}

/** Whether a sniffing head starts (after a byte-order mark and whitespace) with `char`. */
export function headStartsWith(head: string, char: '[' | '{'): boolean {
  return head.replace(/^\uFEFF/, '').trimStart().startsWith(char)
}
