import { isDigit, isWordChar, scanWhile } from './chars.js'
import { isCnMobileNumber, validateE164 } from './phone-numbers.js'
import { endsAlone, found, type ScanState } from './scan-state.js'
import type { PiiType } from './types.js'

/** E.164 allows at most 15 digits after the "+". */
const MAX_DIGITS = 15
/** Shortest numbers worth a look-up (small territories have 7-digit international numbers). */
const MIN_DIGITS = 7
/** Prefixes tried per "+": a number plus a trailing group or two, not "+1 1 1 1 1 1 1 1 1 1". */
const MAX_LOOKUPS = 3
const CN_LANDLINE_NATIONAL = /^(?:10|2\d|[3-9]\d\d)[2-9]\d{6,7}$/

/**
 * An international number at the "+" at `at`: digit groups joined by a space, a dash or
 * parentheses ("+1 (415) 555-2671", "(+86)138…"), validated against libphonenumber's per-country
 * patterns. When the whole run is not valid, shorter prefixes ending at a group boundary are
 * tried, so a number followed by an unrelated one is still found. +86 mobiles are cn-mobile and
 * +86 landlines cn-landline, so a mainland number is counted once, under its own type.
 */
export function detectE164(state: ScanState, at: number): number {
  const { text } = state
  // "a+1234567" is arithmetic or an e-mail's "+tag", not a phone number
  if (at > 0 && isWordChar(text.charCodeAt(at - 1))) return at + 1
  const groupEnds: number[] = []
  const digitCounts: number[] = []
  let digits = ''
  let i = at + 1
  for (;;) {
    const runEnd = scanWhile(text, i, isDigit)
    if (runEnd === i || digits.length + runEnd - i > MAX_DIGITS) break
    digits += text.slice(i, runEnd)
    groupEnds.push(runEnd)
    digitCounts.push(digits.length)
    i = runEnd + separatorLength(text, runEnd)
    if (i === runEnd) break
  }
  const shortest = Math.max(0, groupEnds.length - MAX_LOOKUPS)
  for (let k = groupEnds.length - 1; k >= shortest && digitCounts[k]! >= MIN_DIGITS; k--) {
    const end = groupEnds[k]!
    if (!endsAlone(text, end)) continue
    const type = phoneType(digits.slice(0, digitCounts[k]))
    if (type !== undefined) return found(state, type, at, end)
  }
  // digits after a rejected "+" are not retried as national numbers: the "+" says they are not
  return groupEnds[0] ?? at + 1
}

/** Length of the separator at `i` if a digit group follows it: " ", "-", "(", ")", ") ", " (", ")-". */
function separatorLength(text: string, i: number): number {
  let j = i
  if (text[j] === ')') j++
  if (text[j] === ' ' || text[j] === '-') j++
  if (text[j] === '(') j++
  return j > i && isDigit(text.charCodeAt(j)) ? j - i : 0
}

function phoneType(digits: string): PiiType | undefined {
  // the bare-number rule, without the look-up: +86 138… is counted exactly like 138…
  if (digits.startsWith('86') && isCnMobileNumber(digits.slice(2))) return 'cn-mobile'
  const valid = validateE164(digits)
  if (valid === undefined) return undefined
  if (valid.countryCallingCode !== '86') return 'phone-e164'
  return CN_LANDLINE_NATIONAL.test(valid.nationalNumber) ? 'cn-landline' : 'phone-e164'
}
