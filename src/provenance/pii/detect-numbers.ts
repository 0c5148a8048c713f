import { isValidBankCard } from './bank-card.js'
import { isDigit } from './chars.js'
import { classifyEighteenChars } from './classify-token.js'
import { detectIpv4 } from './detect-ip.js'
import { isValidResidentId } from './resident-id.js'
import { allows, endsAlone, found, matchAt, numberEndsAlone, numberStartsAlone, startsAlone, type ScanState } from './scan-state.js'

const SPACE = 32
const PLUS = 43
const DASH = 45
const DOT = 46

function isOpeningParenthesis(c: number): boolean {
  return c === 40 || c === 0xff08 // ( and the full-width （
}

/**
 * Mainland mobile: 1[3-9] + 9 digits, contiguous or grouped 3-4-4 with one kind of separator,
 * optionally after 0086 or "86 ". (+86 is the E.164 detector's.)
 */
const MOBILE = /(?:0086[ -]?|86[ -])?1[3-9]\d(?:([ -])\d{4}\1\d{4}|\d{8})/y
/** Cards written in groups of four (13–19 digits), and American Express's 4-6-5. */
const CARD_GROUPED = /\d{4}([ -])\d{4}\1\d{4}\1(?:\d{4}(?:\1\d{1,3})?|\d{1,3})/y
const AMEX_GROUPED = /3[47]\d\d([ -])\d{6}\1\d{5}/y
/**
 * Landline: trunk 0 + area code (010, 02x, or 0[3-9]xx), a separator, then a 7–8 digit
 * subscriber number that does not start with 0 or 1. A bare run of digits never counts: without
 * the separator it is indistinguishable from any other number.
 */
const LANDLINE = /0(?:10|2\d|[3-9]\d\d)[ -][2-9]\d{6,7}/y
const LANDLINE_IN_PARENS = /[(（]0(?:10|2\d|[3-9]\d\d)[)）][ -]?[2-9]\d{6,7}/y

/**
 * Handles the all-digit token text[at, end): dotted quads, then an 18-digit identifier, mobile,
 * card and landline shapes, trying each only where its first group fits. Returns where scanning
 * resumes: after the value found, or after the token.
 */
export function detectNumber(state: ScanState, at: number, end: number): number {
  const { text } = state
  const next = text.charCodeAt(end)
  if (next === DOT && isDigit(text.charCodeAt(end + 1))) return detectIpv4(state, at)
  const length = end - at
  // The common case, years and counts in prose: a run this short can only be the first group of
  // a grouped number ("138 1234 5678", "010-62345678", "86 138…") or an area code in parentheses.
  if (length < 11 && !((next === SPACE || next === DASH) && isDigit(text.charCodeAt(end + 1))) && !isOpeningParenthesis(text.charCodeAt(at - 1))) return end
  // digits right after "+" belong to the E.164 detector, which has already rejected them
  if (!startsAlone(text, at) || text.charCodeAt(at - 1) === PLUS) return end
  // "order-13812345678" is an identifier; a landline keeps its own rule ("Tel-010-62345678")
  if (!numberStartsAlone(text, at)) return detectLandline(state, at, length) ?? end
  if (length === 18) {
    const type = numberEndsAlone(text, end) ? classifyEighteenChars(text.slice(at, end), (t) => allows(state, t)) : undefined
    return type === undefined ? end : found(state, type, at, end)
  }
  return detectMobile(state, at) ?? detectCard(state, at, end) ?? detectLandline(state, at, length) ?? end
}

function detectMobile(state: ScanState, at: number): number | undefined {
  const { text } = state
  MOBILE.lastIndex = at
  const match = MOBILE.exec(text)
  if (match === null) return undefined
  const end = MOBILE.lastIndex
  const separator = match[1]
  if (separator !== undefined && !isWholeGroupSequence(text, at, end, separator)) return undefined
  return numberEndsAlone(text, end) ? found(state, 'cn-mobile', at, end) : undefined
}

function detectCard(state: ScanState, at: number, end: number): number | undefined {
  const { text } = state
  const length = end - at
  if (length >= 13 && length <= 19) {
    return numberEndsAlone(text, end) && isValidBankCard(text.slice(at, end)) ? found(state, 'bank-card', at, end) : undefined
  }
  if (length !== 4) return undefined
  for (const re of [CARD_GROUPED, AMEX_GROUPED]) {
    re.lastIndex = at
    const match = re.exec(text)
    if (match === null) continue
    const cardEnd = re.lastIndex
    if (!isWholeGroupSequence(text, at, cardEnd, match[1]!) || !numberEndsAlone(text, cardEnd)) continue
    const digits = match[0].replaceAll(match[1]!, '')
    // a grouped run that is a valid resident id is not a card
    if (isValidBankCard(digits) && !isValidResidentId(digits)) return found(state, 'bank-card', at, cardEnd)
  }
  return undefined
}

function detectLandline(state: ScanState, at: number, length: number): number | undefined {
  const { text } = state
  if (length < 3 || length > 4 || text.charCodeAt(at) !== 48) return undefined
  if (isOpeningParenthesis(text.charCodeAt(at - 1))) {
    const end = matchAt(LANDLINE_IN_PARENS, text, at - 1)
    if (end > 0 && startsAlone(text, at - 1) && endsAlone(text, end)) return found(state, 'cn-landline', at - 1, end)
    // otherwise the parenthesis opens an aside: "(010-62345678, office)"
  }
  const end = matchAt(LANDLINE, text, at)
  // an extension ("-801") may follow: endsAlone lets a dash through
  return end > 0 && endsAlone(text, end) ? found(state, 'cn-landline', at, end) : undefined
}

/**
 * Whether groups text[start, end) joined by `separator` are the whole sequence: neither preceded
 * nor followed by another group joined the same way (a 24-digit reference number written in
 * fours holds no card).
 */
function isWholeGroupSequence(text: string, start: number, end: number, separator: string): boolean {
  if (start >= 2 && text[start - 1] === separator && isDigit(text.charCodeAt(start - 2))) return false
  return !(text[end] === separator && isDigit(text.charCodeAt(end + 1)))
}
