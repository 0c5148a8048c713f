import { isValidBankCard } from './bank-card.js'
import { isValidResidentId } from './resident-id.js'
import type { PiiType } from './types.js'
import { isValidUscc } from './uscc.js'

/**
 * What an 18-character token is: a resident id wins over a credit code, and both over a card
 * (a digit run that is a valid id is never also counted as a card). `allows` says which types
 * the place admits (a numeric value under a "card_no" key admits cards, not credit codes); a
 * valid id the place does not admit is nothing, not a code or a card.
 */
export function classifyEighteenChars(token: string, allows: (type: PiiType) => boolean = () => true): 'cn-resident-id' | 'cn-uscc' | 'bank-card' | undefined {
  if (isValidResidentId(token)) return allows('cn-resident-id') ? 'cn-resident-id' : undefined
  if (allows('cn-uscc') && isValidUscc(token)) return 'cn-uscc'
  if (allows('bank-card') && isValidBankCard(token)) return 'bank-card'
  return undefined
}

/*
 * PRC passport numbers. E-series (ordinary e-passports: E + 8 digits, later E + a letter other
 * than I/O + 7 digits) and G-series (older ordinary passports: G + 8 digits) are distinctive
 * enough to count on their own, except when the 8 digits read as a date: E20240101 is more often
 * an event or batch code. Those, and P/S/D + 7 digits (public-affairs, service and diplomatic
 * passports, a shape many other codes share), count only after "passport" or "护照".
 */
const PASSPORT_BARE = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})$/
const PASSPORT_WITH_KEYWORD = /^[PSD]\d{7}$/
const PASSPORT_KEYWORD = /passport|护照/i
/** How far before the number the keyword may start: "Passport No.: " and "护照号码：" fit easily. */
const PASSPORT_KEYWORD_WINDOW = 24

/** Whether `token` (starting at `start` in `text`) is a passport number under the rules above. */
export function isPassportNumber(text: string, start: number, token: string): boolean {
  const bare = PASSPORT_BARE.test(token)
  if (!bare && !PASSPORT_WITH_KEYWORD.test(token)) return false
  if (bare && !looksLikeDate(token.slice(1))) return true
  return PASSPORT_KEYWORD.test(text.slice(Math.max(0, start - PASSPORT_KEYWORD_WINDOW), start))
}

/** yyyymmdd with a year 1900–2099, month 01–12 and day 01–31. */
function looksLikeDate(eightDigits: string): boolean {
  return /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(eightDigits)
}
