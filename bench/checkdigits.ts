/**
 * The check-digit rules of the identifiers case H plants, written here from the standards and
 * kept independent of src/provenance/pii: the bench's truth must not come from the code it
 * measures. Each function says which standard it follows; test/bench/labelled.test.ts checks them
 * against published examples worked by hand.
 */

// ---------------------------------------------------------------------------------------------
// GB 11643-1999 citizen identity number (18 characters)

/** W_i = 2^(17−i) mod 11 for the 17 payload digits, i = 1 … 17 counted from the left. */
const ID_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11)
/** ISO 7064 MOD 11-2 as GB 11643 writes it: check = (12 − (Σ a_i·W_i mod 11)) mod 11, 10 → X. */
export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`gb11643CheckChar: expected 17 digits, got "${first17}"`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number)
  const check = (12 - (sum % 11)) % 11
  return check === 10 ? 'X' : String(check)
}

/** GB/T 2260 province-level codes: the first two digits of a mainland resident id. */
export const PROVINCES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysIn(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
}

/** Whether yyyymmdd is a real calendar day from 1900-01-01 to 2020-12-31 (no clock: a fixed end). */
export function isRealBirthDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  return y >= 1900 && y <= 2020 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

/** A resident id as GB 11643 defines it: province, real birth date, check character (upper-case X). */
export function isResidentIdTruth(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  if (!PROVINCES.includes(id.slice(0, 2))) return false
  if (!isRealBirthDate(id.slice(6, 14))) return false
  return gb11643CheckChar(id.slice(0, 17)) === id[17]
}

// ---------------------------------------------------------------------------------------------
// Luhn (ISO/IEC 7812-1) and the card networks

/** Σ over the digits from the right, every second one doubled (minus 9 when over 9), mod 10 = 0. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The digit that makes payload + digit Luhn-valid. */
export function luhnDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + String(d))) return String(d)
  throw new Error(`luhnDigit: expected digits, got "${payload}"`)
}

/** Networks whose numbers case H plants: issuer prefix and the lengths issued (ISO/IEC 7812 IINs). */
export const CARD_NETWORKS: readonly { name: string; prefixes: readonly string[]; lengths: readonly number[] }[] = [
  { name: 'unionpay', prefixes: ['62'], lengths: [16, 17, 18, 19] },
  { name: 'visa', prefixes: ['4'], lengths: [16, 19] },
  { name: 'mastercard', prefixes: ['51', '52', '53', '54', '55'], lengths: [16] },
]

/** A payment card as the bench defines it: 16–19 digits of a planted network's prefix and length, Luhn valid. */
export function isBankCardTruth(digits: string): boolean {
  if (!/^\d{16,19}$/.test(digits) || !luhnValid(digits)) return false
  return CARD_NETWORKS.some((n) => n.lengths.includes(digits.length) && n.prefixes.some((p) => digits.startsWith(p)))
}

/** Any Luhn-valid 13–19-digit run with the leading digit of a card network (2–6): a lookalike in a table. */
export function looksLikeCard(digits: string): boolean {
  return /^[2-6]\d{12,18}$/.test(digits) && luhnValid(digits)
}

// ---------------------------------------------------------------------------------------------
// Mainland mobile numbers

/** 11 digits, 1 then 3–9 (MIIT numbering plan: 13x–19x). */
export function isMobileTruth(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits)
}

// ---------------------------------------------------------------------------------------------
// GB 32100-2015 unified social credit code (18 characters)

/** Code characters: digits and capitals without I, O, S, V, Z; value = index. */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** W_i = 3^(i−1) mod 31. */
const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1
  for (let k = 0; k < i; k++) w = (w * 3) % 31
  return w
})

/** C18 = 31 − (Σ C_i·W_i mod 31), with 31 written as 0. Undefined when a character is outside the set. */
export function gb32100CheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i] as string)
    if (v < 0) return undefined
    sum += v * (USCC_WEIGHTS[i] as number)
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]
}

/** GB 11714-1997 organisation code check: C9 = 11 − (Σ C_i·W_i mod 11), W = 3 7 9 10 5 8 4 2; 10 → X, 11 → 0. */
export function gb11714CheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new Error(`gb11714CheckChar: expected 8 digits or capitals, got "${first8}"`)
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i] as string, 36) * (weights[i] as number)
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

/**
 * Registration authority → its organisation categories (GB 32100-2015 Table 1, with the later A
 * and N authorities): 1 staffing offices, 2 foreign affairs, 3 justice, 4 culture, 5 civil
 * affairs, 6 tourism, 7 religion, 8 trade unions, 9 market regulation, A military staffing,
 * N agriculture, Y others.
 */
export const USCC_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', '2': '19', '3': '123459', '4': '19', '5': '1239', '6': '129', '7': '129', '8': '19', '9': '123', A: '19', N: '1239', Y: '1',
}
/** The authorities case H plants (a subset of USCC_CATEGORIES). */
export const USCC_AUTHORITIES: Readonly<Record<string, string>> = { '1': '1239', '5': '1239', '9': '123', Y: '1' }

/**
 * A credit code under GB 32100: an authority and one of its categories, a 6-digit region code
 * opening with a province, any 9 code characters, and the check character.
 */
export function isUsccTruth(code: string): boolean {
  if (code.length !== 18) return false
  const categories = USCC_CATEGORIES[code[0] as string]
  if (categories === undefined || !categories.includes(code[1] as string)) return false
  if (!/^\d{6}$/.test(code.slice(2, 8)) || !PROVINCES.includes(code.slice(2, 4))) return false
  return gb32100CheckChar(code.slice(0, 17)) === code[17]
}

// ---------------------------------------------------------------------------------------------
// e-mail addresses (the common dot-atom form of RFC 5322, with a letters-only top-level domain)

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

export function isEmailTruth(address: string): boolean {
  const at = address.indexOf('@')
  if (at <= 0 || at !== address.lastIndexOf('@')) return false
  const local = address.slice(0, at)
  const labels = address.slice(at + 1).split('.')
  if (local.length > 64 || !LOCAL_ATOM.test(local) || labels.length < 2) return false
  return labels.every((l) => l.length <= 63 && DOMAIN_LABEL.test(l)) && /^[A-Za-z]{2,}$/.test(labels[labels.length - 1] as string)
}

// ---------------------------------------------------------------------------------------------

export type PlantedType = 'cn-resident-id' | 'bank-card' | 'cn-mobile' | 'email' | 'cn-uscc'
export const PLANTED_TYPES: readonly PlantedType[] = ['cn-resident-id', 'bank-card', 'cn-mobile', 'email', 'cn-uscc']

/** Every planted type whose rule `value` (separators removed) satisfies. */
export function validTypesOf(value: string): PlantedType[] {
  const out: PlantedType[] = []
  const compact = value.replace(/[ -]/g, '')
  if (isResidentIdTruth(compact)) out.push('cn-resident-id')
  if (isBankCardTruth(compact)) out.push('bank-card')
  if (isMobileTruth(compact.replace(/^(?:\+86|0086)/, ''))) out.push('cn-mobile')
  if (isEmailTruth(value)) out.push('email')
  if (isUsccTruth(compact)) out.push('cn-uscc')
  return out
}

/**
 * The form two record texts must share to count as duplicates: NFKC, lower case, every run of
 * white space as one space, trimmed.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}
