/**
 * JSON.parse's messages in tdgov's words. V8's own (`Unexpected token 'a', "abc…" is not valid
 * JSON`) quote the offending text, which could carry personal information into the manifest, and
 * change between engine versions; so each known message maps to a fixed description, the place
 * (V8's 0-based position) is kept as a 1-based character, and anything else is "malformed JSON syntax".
 */
const JSON_MESSAGES: readonly [RegExp, string][] = [
  [/^Unexpected end of JSON input/, 'unexpected end of data'],
  [/^Unterminated string/, 'unterminated string'],
  [/^Bad control character in string literal/, 'control character inside a string; expected it escaped (\\n, \\t, \\u0000)'],
  [/^Bad escaped character/, 'invalid escape sequence in a string'],
  [/^Bad Unicode escape/, 'invalid \\u escape in a string; expected four hexadecimal digits'],
  [/^Expected property name or '\}'/, "expected a double-quoted property name or '}'"],
  [/^Expected double-quoted property name/, 'expected a double-quoted property name'],
  [/^Expected ':' after property name/, "expected ':' after a property name"],
  [/^Expected ',' or '\}' after property value/, "expected ',' or '}' after a property value"],
  [/^Expected ',' or '\]' after array element/, "expected ',' or ']' after an array element"],
  [/^Unexpected non-whitespace character after JSON/, 'more data after the end of the JSON value'],
  [/^No number after minus sign/, "no digits after '-'"],
  [/^Exponent part is missing a number/, 'no digits in the exponent of a number'],
  [/^Unterminated fractional number/, "no digits after the decimal point of a number"],
  [/^Unexpected number/, 'unexpected number'],
  [/^Unexpected string/, 'unexpected string'],
  [/^Unexpected token/, 'unexpected character'],
]

export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const known = JSON_MESSAGES.find(([pattern]) => pattern.test(message))
  const what = known ? known[1] : 'malformed JSON syntax'
  if (what === 'unexpected end of data') return what
  const position = /at position (\d+)/.exec(message)
  return position ? `${what} at character ${Number(position[1]) + 1}` : what
}

/**
 * Where in `text` JSON.parse failed with `error`: a 0-based index into the string. V8 gives the
 * position for most errors; for an unexpected token it names the token but not its place, so the
 * place is found by bisection, as the end of the shortest prefix that fails other than by ending
 * early (about log₂ n parses, each stopping at the error).
 */
export function jsonErrorIndex(text: string, error: unknown): number {
  const known = failurePosition(error)
  if (known !== null) return Math.min(known, text.length)
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (failsInside(text, mid)) hi = mid
    else lo = mid + 1
  }
  return Math.max(0, lo - 1)
}

/** The failure's position as V8 reports it; the end of the text for "unexpected end"; null when not said. */
function failurePosition(error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error)
  if (/^Unexpected end of JSON input/.test(message)) return Number.MAX_SAFE_INTEGER
  const position = /at position (\d+)/.exec(message)
  return position ? Number(position[1]) : null
}

/** Whether the first `length` characters fail to parse at a place inside them, not at their end. */
function failsInside(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length))
    return false
  } catch (error) {
    const position = failurePosition(error)
    return position === null || position < length
  }
}

/** The 1-based line and the byte offset (UTF-8) of `index` in `text`. */
export function placeInText(text: string, index: number): { line: number; offset: number } {
  let line = 1
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < index; nl = text.indexOf('\n', nl + 1)) line++
  return { line, offset: Buffer.byteLength(text.slice(0, index)) }
}
