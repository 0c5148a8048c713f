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
