import { residentIdCheckChar } from './checksums.js'

/**
 * Province-level codes (GB/T 2260) that open a resident id: the mainland provinces, Taiwan (71),
 * Hong Kong / Macau / Taiwan residence permits (81–83) and foreigners' permanent residence (91).
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
])

export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCE_CODES.has(twoDigits)
}

/** A date as the number yyyymmdd, in local time: ids carry the local birth date. */
function ymdOf(date: Date): number {
  return date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate()
}

// Computed once: a scan that crosses midnight may accept one extra day of birth dates.
const TODAY = ymdOf(new Date())

/** Whether the 8 digits `yyyymmdd` are a real calendar date from 1900-01-01 up to `today`. */
export function isValidBirthDate(yyyymmdd: string, today: number = TODAY): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  return Number(yyyymmdd) <= today
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * An 18-character GB 11643-1999 citizen identity number: a known province code, a real birth
 * date not after `today` (yyyymmdd) and the ISO 7064 MOD 11-2 check character (`x` accepted).
 */
export function isValidResidentId(id: string, today: number = TODAY): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false
  if (!isProvinceCode(id.slice(0, 2))) return false
  if (!isValidBirthDate(id.slice(6, 14), today)) return false
  return residentIdCheckChar(id.slice(0, 17)) === id[17]!.toUpperCase()
}
