/** Character-code predicates for the hand-written scanners: ASCII only, on UTF-16 code units. */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

export function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c)
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
}

/** Letters, digits and `_`: what an identifier in code or a file name is made of. */
export function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95
}

/** Index of the first character at or after `from` that fails `test` (or text.length). */
export function scanWhile(text: string, from: number, test: (c: number) => boolean): number {
  let i = from
  while (i < text.length && test(text.charCodeAt(i))) i++
  return i
}

/** Only the ASCII digits of `s`, e.g. for masking a grouped number. */
export function digitsOf(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s.charCodeAt(i))) out += s[i]
  }
  return out
}
