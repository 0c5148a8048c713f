import { isAsciiAlnum, isDigit, scanWhile } from './chars.js'
import { classifyEighteenChars, isPassportNumber } from './classify-token.js'
import { detectNumber } from './detect-numbers.js'
import { endsAlone, found, startsAlone, type ScanState } from './scan-state.js'

/**
 * Handles the run of ASCII letters and digits around the digit at `at`. Identifiers are whole
 * tokens: a resident id or credit code glued to more letters or digits is something else (a
 * hash, a product key). All-digit tokens go on to the number shapes, which may span separators.
 * Returns where scanning resumes: after the value found, or after the token.
 */
export function detectAtDigit(state: ScanState, at: number): number {
  const { text } = state
  let start = at
  while (start > state.floor && isAsciiAlnum(text.charCodeAt(start - 1))) start--
  const end = scanWhile(text, at, isAsciiAlnum)
  if (start === at && scanWhile(text, at, isDigit) === end) return detectNumber(state, at, end)
  const length = end - start
  if ((length === 18 || length === 8 || length === 9) && startsAlone(text, start) && endsAlone(text, end)) {
    const token = text.slice(start, end)
    if (length === 18) {
      const type = classifyEighteenChars(token)
      if (type !== undefined) return found(state, type, start, end)
    } else if (isPassportNumber(text, start, token)) {
      return found(state, 'passport', start, end)
    }
  }
  return end
}
