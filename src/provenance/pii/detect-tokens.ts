import { isAsciiAlnum, isDigit, scanWhile } from './chars.js'
import { classifyEighteenChars, isPassportNumber } from './classify-token.js'
import { detectEmbeddedRun } from './detect-embedded.js'
import { detectNumber } from './detect-numbers.js'
import { endsAlone, found, startsAlone, type ScanState } from './scan-state.js'

/**
 * Handles the run of ASCII letters and digits around the digit at `at`. Identifiers are whole
 * tokens: a resident id or credit code glued to more letters or digits is something else (a
 * hash, a product key). All-digit tokens go on to the number shapes, which may span separators.
 * A digit run inside a longer token (detect-embedded.ts says exactly when) counts only with
 * supporting context. Returns where scanning resumes: after the value found, or after the token.
 */
export function detectAtDigit(state: ScanState, at: number): number {
  const { text } = state
  let start = at
  while (start > state.floor && isAsciiAlnum(text.charCodeAt(start - 1))) start--
  const end = scanWhile(text, at, isAsciiAlnum)
  if (start === at && scanWhile(text, at, isDigit) === end) {
    const floor = state.floor
    const resume = detectNumber(state, at, end)
    if (state.floor !== floor || resume !== end) return resume
    // not a number standing alone: perhaps one glued into a token by "_", "-x" or ".pdf"
    return detectEmbeddedRun(state, at, end) ?? end
  }
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
  return detectRunsInToken(state, at, end)
}

/**
 * The digit runs of the letter-and-digit token text[.., end) from `at` on, each tried as a value
 * glued into the token. One pass over the token, so a megabyte of "a1a1…" stays linear.
 */
function detectRunsInToken(state: ScanState, at: number, end: number): number {
  const { text } = state
  let i = at
  while (i < end) {
    if (!isDigit(text.charCodeAt(i))) {
      i++
      continue
    }
    const runStart = i
    while (i < end && isDigit(text.charCodeAt(i))) i++
    // the shortest value a run can be is an 11-digit mobile
    if (i - runStart >= 11) detectEmbeddedRun(state, runStart, i)
  }
  return end
}
