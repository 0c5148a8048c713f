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
  if (end - start <= max || countAtMost(text, [OPEN_BRACE, OPEN_BRACKET], max, start, end)) return false
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

/**
 * Whether the text holds at most `max` of the given characters (ASCII, in strings or not), found
 * with native searches: the cheap bound that clears almost every record before a byte-by-byte walk.
 */
function countAtMost(text: string | Uint8Array, chars: readonly number[], max: number, start: number, end: number): boolean {
  let count = 0
  const find: (char: number, from: number) => number =
    typeof text === 'string'
      ? (char, from) => text.indexOf(String.fromCharCode(char), from)
      : ((bytes: Buffer) => (char: number, from: number) => bytes.indexOf(char, from))(Buffer.isBuffer(text) ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength))
  for (const char of chars) {
    for (let i = find(char, start); i !== -1 && i < end; i = find(char, i + 1)) if (++count > max) return false
  }
  return true
}

const COMMA = 0x2c
const COLON = 0x3a

/** Members (key–value pairs at every depth) a record may hold per field the schema keeps. */
export const MEMBERS_PER_FIELD = 10

/**
 * Where to cut a JSON object with more members than the readers walk: more than `maxTop` at its
 * top level, or more than `maxTotal` at every depth (a million keys parse to an object of some
 * hundred megabytes, and every walk over it allocates as much again). Returns the end of the
 * prefix to keep, just before the comma after the last top-level member that fits, so that the
 * prefix and a closing brace are the object cut short; null when the text is within the limits or
 * is not an object; `wide` says the top level had too many (so a schema of the record's fields
 * leaves some out). One pass over the text; broken JSON is judged as far as it goes.
 */
export function jsonObjectCut(text: string | Uint8Array, maxTop: number, maxTotal: number, start = 0, end = text.length): { end: number; wide: boolean } | null {
  // Either limit needs more members, so more colons, than the smaller of the two: counting colons
  // natively clears almost every record without walking it byte by byte (as for the depth check).
  const fewest = Math.min(maxTop, maxTotal)
  if (end - start <= fewest || countAtMost(text, [COLON], fewest, start, end)) return null
  const isString = typeof text === 'string'
  let i = start
  while (i < end && (isString ? text.charCodeAt(i) : text[i]!) <= 0x20) i++
  if (i === end || (isString ? text.charCodeAt(i) : text[i]!) !== OPEN_BRACE) return null
  // the prefix ends after the opening brace until a member has fitted
  let cut = i + 1
  let depth = 0
  let inString = false
  let escape = false
  let top = 0
  let total = 0
  for (; i < end; i++) {
    const b = isString ? text.charCodeAt(i) : text[i]!
    if (inString) {
      if (escape) escape = false
      else if (b === BACKSLASH) escape = true
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === COLON) {
      if (depth === 1 && ++top > maxTop) return { end: cut, wide: true }
      if (++total > maxTotal) return { end: cut, wide: false }
    } else if (b === COMMA) {
      if (depth === 1) cut = i
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      if (--depth === 0) return null
    }
  }
  return null
}

/**
 * Whether some object in the JSON text has more than `max` members of its own: one pass, a count
 * per open container. For documents parsed whole, where one such object would be walked whole.
 */
export function jsonHasObjectWiderThan(text: Uint8Array, max: number): boolean {
  const counts: number[] = []
  let inString = false
  let escape = false
  for (let i = 0; i < text.length; i++) {
    const b = text[i]!
    if (inString) {
      if (escape) escape = false
      else if (b === BACKSLASH) escape = true
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === COLON) {
      const top = counts.length - 1
      if (top >= 0 && ++counts[top]! > max) return true
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) counts.push(0)
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) counts.pop()
  }
  return false
}
