import { isValidBankCard } from './bank-card.js'
import { isAsciiLetter, isDigit } from './chars.js'
import { CARD_CONTEXT, CREDIT_CODE_CONTEXT, contextNear, IDENTITY_CONTEXT, PHONE_CONTEXT } from './context-words.js'
import { isValidResidentId } from './resident-id.js'
import { found, type ScanState } from './scan-state.js'
import type { PiiType } from './types.js'
import { isValidUscc } from './uscc.js'

const PLUS = 43
const DASH = 45
const DOT = 46
const AT_SIGN = 64
const UNDERSCORE = 95

/*
 * What "inside a longer token" means. A value is a maximal run of ASCII digits (a resident id's
 * final X or x included). It is INSIDE A LONGER TOKEN when, on either side, it is glued to
 *   - an ASCII letter or "_":              tel18600001111ext, order_13812345678_x, 110101199003071233abc
 *   - a hyphen that is glued to a letter or "_": order-13812345678, 13812345678-b
 *   - after it, "." and a letter:          13812345678.pdf, 13812345678.example.com
 * Such a run is an identifier, a file name or a slug far more often than a phone number, so it
 * counts only with supporting context: the key or column name of the text (ScanState.keyContext),
 * or context words (context-words.ts) within 32 characters before it or 16 after it, the token's
 * own letters included ("tel" in tel18600001111ext, "ID" in ID:110101199003071233abc). This holds
 * for the resident id too: it counts anywhere on its own, but glued into a token only after words
 * such as "ID" or "身份证".
 *
 * Never a value, whatever the context: digits glued to more digits (a different, longer
 * number), a decimal or dotted number (0.13812345678, 13812345678.5, 1.2.13812345678), the local
 * part or a label of an e-mail address (13812345678@qq.com counts as the address) and digits
 * after "+" (the E.164 detector's). Only plain runs are looked at here: a grouped number
 * (138-1234-5678) or a landline glued to a token needs its separators to stand alone.
 *
 * Runs that are not inside a longer token (standing alone between spaces, CJK text or
 * punctuation) are the number detectors' in detect-numbers.ts, and count without context in text.
 */
export function detectEmbeddedRun(state: ScanState, start: number, end: number): number | undefined {
  const { text } = state
  const length = end - start
  if (length !== 11 && (length < 13 || length > 19)) return undefined
  if (start > 0 && isDigit(text.charCodeAt(start - 1))) return undefined
  if (isDigit(text.charCodeAt(end))) return undefined
  // 17 digits and an X or x: a resident id's shape (17 digits alone may be a card)
  const x = text.charCodeAt(end)
  const valueEnd = length === 17 && (x === 88 || x === 120) ? end + 1 : end
  // cheapest first: most runs stand alone (the number detectors' business) or are never values
  if (isNeverValueAround(text, start, valueEnd) || !isGluedIntoToken(text, start, valueEnd)) return undefined
  const type = typeOf(text, start, valueEnd)
  if (type === undefined) return undefined
  const needed = contextFor(type)
  if ((state.keyContext & needed) !== 0 || (contextNear(text, start, valueEnd) & needed) !== 0) return found(state, type, start, valueEnd)
  return undefined
}

/** First digits of the card networks bank-card.ts knows (2-series Mastercard, Amex/JCB/Diners, Visa, Mastercard, UnionPay/Discover, UnionPay 81). */
const CARD_FIRST_DIGITS = '234568'

/** The type text[start, end) has, if any: an 11-digit mobile, a resident id, an all-digit credit code, a card. */
function typeOf(text: string, start: number, end: number): PiiType | undefined {
  const length = end - start
  if (length === 18 && !isDigit(text.charCodeAt(end - 1))) return isValidResidentId(text.slice(start, end)) ? 'cn-resident-id' : undefined
  if (length === 11) {
    const second = text.charCodeAt(start + 1)
    return text.charCodeAt(start) === 49 && second >= 51 && second <= 57 ? 'cn-mobile' : undefined
  }
  const digits = text.slice(start, end)
  if (length === 18) {
    // as for whole tokens (classifyEighteenChars): a valid id is never also a code or a card
    if (isValidResidentId(digits)) return 'cn-resident-id'
    if (isValidUscc(digits)) return 'cn-uscc'
  }
  return CARD_FIRST_DIGITS.includes(digits[0]!) && isValidBankCard(digits) ? 'bank-card' : undefined
}

function contextFor(type: PiiType): number {
  switch (type) {
    case 'cn-mobile':
      return PHONE_CONTEXT
    case 'cn-resident-id':
      return IDENTITY_CONTEXT
    case 'cn-uscc':
      return CREDIT_CODE_CONTEXT
    default:
      return CARD_CONTEXT
  }
}

/** Decimals, dotted numbers, e-mail addresses and "+" numbers (see above). */
function isNeverValueAround(text: string, start: number, end: number): boolean {
  const prev = start > 0 ? text.charCodeAt(start - 1) : -1
  if (prev === PLUS || prev === AT_SIGN) return true
  if (prev === DOT && start >= 2 && isDigit(text.charCodeAt(start - 2))) return true
  const next = end < text.length ? text.charCodeAt(end) : -1
  if (next === AT_SIGN) return true
  return next === DOT && isDigit(text.charCodeAt(end + 1))
}

function isGluedIntoToken(text: string, start: number, end: number): boolean {
  const prev = start > 0 ? text.charCodeAt(start - 1) : -1
  if (isLetterOrUnderscore(prev)) return true
  if (prev === DASH && start >= 2 && isLetterOrUnderscore(text.charCodeAt(start - 2))) return true
  const next = end < text.length ? text.charCodeAt(end) : -1
  // after an id's X the token may go on with digits too ("11010519491231002X1")
  if (isLetterOrUnderscore(next) || isDigit(next)) return true
  if (next === DASH && isLetterOrUnderscore(text.charCodeAt(end + 1))) return true
  return next === DOT && isAsciiLetter(text.charCodeAt(end + 1))
}

function isLetterOrUnderscore(c: number): boolean {
  return isAsciiLetter(c) || c === UNDERSCORE
}
