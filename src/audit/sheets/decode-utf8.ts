import { UserError } from '../../util/errors.js'

/**
 * The text of a UTF-8 file, without its BOM (TextDecoder drops it). Other encodings, such as the
 * ANSI code page Excel's plain "CSV (Comma delimited)" uses, are refused with the line of the
 * first bad byte rather than read as mojibake; `hint` says how to fix it.
 */
export function decodeUtf8(file: string, bytes: Uint8Array, hint: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new UserError(`${file}: line ${lineOfFirstInvalidByte(bytes)}: expected UTF-8 text; ${hint}`)
  }
}

export function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let line = 1
  let start = 0
  for (;;) {
    const newline = bytes.indexOf(0x0a, start)
    try {
      decoder.decode(bytes.subarray(start, newline < 0 ? bytes.length : newline))
    } catch {
      return line
    }
    if (newline < 0) return line
    line++
    start = newline + 1
  }
}
