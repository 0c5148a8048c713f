/**
 * The check digits of the identifiers tdgov validates. Each takes the payload and returns the
 * expected check character, so generators and validators share one implementation.
 */

/** GB 11643-1999 weights: 2^(17-i) mod 11 for the 17 payload digits of a resident id. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** ISO 7064 MOD 11-2: the check character indexed by (Σ digit × weight) mod 11. */
const RESIDENT_ID_CHECK = '10X98765432'

/** Check character (`0`–`9` or `X`) of an 18-character resident id, from its first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`pii: resident id payload must be 17 digits, got ${first17.length} characters`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * RESIDENT_ID_WEIGHTS[i]!
  return RESIDENT_ID_CHECK[sum % 11]!
}

/** Luhn (ISO/IEC 7812-1) check over a digit string, check digit included. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2 || !/^\d+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/** The Luhn check digit that completes `payload`. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) {
    if (isLuhnValid(payload + d)) return String(d)
  }
  throw new Error(`pii: Luhn payload must be digits (${payload.length} characters given)`)
}

/** GB 32100-2015 code alphabet: digits and capitals without I, O, Z, S, V. Value = index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** 3^i mod 31 for the 17 payload characters of a unified social credit code. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Check character of a unified social credit code from its first 17 characters; undefined if one is outside the alphabet. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!)
    if (value < 0) return undefined
    sum += value * USCC_WEIGHTS[i]!
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}
