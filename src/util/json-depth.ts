/**
 * The default deepest nesting of arrays and objects tdgov parses. JSON.parse itself is iterative
 * in V8, but JSON.stringify and every walk over a parsed value recurse once per level, and V8's
 * default stack overflows some thousands of levels down; real records nest a few dozen deep.
 */
export const DEFAULT_MAX_JSON_DEPTH = 512

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d

/**
 * Whether the JSON text nests arrays and objects deeper than `max`: brackets are counted outside
 * strings, so it takes one pass over the text and never parses it. Broken JSON is judged by its
 * brackets as far as they go (the parser reports the rest).
 */
export function jsonNestsDeeperThan(text: string | Uint8Array, max: number, start = 0, end = text.length): boolean {
  // Nesting deeper than `max` needs more than `max` opening brackets: counting them (a native
  // search each) clears almost every record without walking it byte by byte, which cost the scan
  // of 100k small files several per cent.
  if (end - start <= max || openingsAtMost(text, max, start, end)) return false
  let depth = 0
  let inString = false
  let escape = false
  const isString = typeof text === 'string'
  for (let i = start; i < end; i++) {
    const b = isString ? text.charCodeAt(i) : text[i]!
    if (inString) {
      if (escape) escape = false
      else if (b === BACKSLASH) escape = true
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) return true
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--
  }
  return false
}

/** Whether the text has at most `max` opening brackets, in strings or not. */
function openingsAtMost(text: string | Uint8Array, max: number, start: number, end: number): boolean {
  let count = 0
  if (typeof text === 'string') {
    for (const open of ['{', '[']) {
      for (let i = text.indexOf(open, start); i !== -1 && i < end; i = text.indexOf(open, i + 1)) if (++count > max) return false
    }
    return true
  }
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength)
  for (const open of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let i = bytes.indexOf(open, start); i !== -1 && i < end; i = bytes.indexOf(open, i + 1)) if (++count > max) return false
  }
  return true
}
