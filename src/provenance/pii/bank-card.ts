import { isLuhnValid } from './checksums.js'

interface Issuer {
  /** inclusive ranges of leading digits; both ends have the same number of digits */
  prefixes: ReadonlyArray<readonly [low: number, high: number]>
  lengths: readonly number[]
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/**
 * Card networks and the number lengths they issue. A Luhn-valid run of digits is only reported
 * when it also fits a network, which rules out most long order numbers and timestamps (ms epoch
 * times start with 1, which no network uses).
 */
const ISSUERS: readonly Issuer[] = [
  { prefixes: [[62, 62], [81, 81]], lengths: range(16, 19) }, // UnionPay
  { prefixes: [[4, 4]], lengths: [13, 16, 19] }, // Visa
  { prefixes: [[51, 55], [2221, 2720]], lengths: [16] }, // Mastercard
  { prefixes: [[34, 34], [37, 37]], lengths: [15] }, // American Express
  { prefixes: [[3528, 3589]], lengths: range(16, 19) }, // JCB
  { prefixes: [[6011, 6011], [65, 65]], lengths: range(16, 19) }, // Discover
  { prefixes: [[30, 30], [36, 36], [38, 38]], lengths: range(14, 19) }, // Diners Club
]

/** Per number length, the prefix ranges issued at that length, with their width in digits. */
const PREFIXES_BY_LENGTH: ReadonlyMap<number, ReadonlyArray<readonly [low: number, high: number, width: number]>> = (() => {
  const byLength = new Map<number, Array<readonly [number, number, number]>>()
  for (const issuer of ISSUERS) {
    for (const length of issuer.lengths) {
      const ranges = byLength.get(length) ?? []
      for (const [low, high] of issuer.prefixes) ranges.push([low, high, String(low).length])
      byLength.set(length, ranges)
    }
  }
  return byLength
})()

/** Whether the digit string's length and leading digits are those of a card network (no allocation: it runs on every candidate). */
export function hasCardIssuerPrefix(digits: string): boolean {
  const ranges = PREFIXES_BY_LENGTH.get(digits.length)
  if (ranges === undefined) return false
  for (const [low, high, width] of ranges) {
    let lead = 0
    for (let i = 0; i < width; i++) lead = lead * 10 + (digits.charCodeAt(i) - 48)
    if (lead >= low && lead <= high) return true
  }
  return false
}

/** 13–19 digits of a plausible payment card: a known network prefix and length, Luhn valid. */
export function isValidBankCard(digits: string): boolean {
  return /^\d{13,19}$/.test(digits) && hasCardIssuerPrefix(digits) && isLuhnValid(digits)
}
