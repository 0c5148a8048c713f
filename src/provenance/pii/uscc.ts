import { usccCheckChar } from './checksums.js'
import { isProvinceCode } from './resident-id.js'

/**
 * Registration authorities of GB 32100-2015 (1 staffing offices, 2 foreign affairs, 3 justice,
 * 4 culture, 5 civil affairs, 6 tourism, 7 religion, 8 trade unions, 9 market regulation,
 * A military staffing, N agriculture, Y others).
 */
const AUTHORITIES = '123456789ANY'

/**
 * The organisation categories each authority issues (GB 32100-2015, Appendix A): a code whose
 * category its authority does not use is not a credit code (an invalid identity number such as
 * 230…, registration authority 2 with category 3, passed the MOD 31 check by chance).
 */
const CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
}

/**
 * A unified social credit code: 18 characters of the GB 32100 alphabet, a known registration
 * authority, an organisation category digit, a 6-digit administrative region code (a province,
 * or 10xxxx for national bodies) and the MOD 31 check character. Upper case only, as issued.
 */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18 || !AUTHORITIES.includes(code[0]!)) return false
  if (!/^[1-9]\d{6}$/.test(code.slice(1, 8)) || !CATEGORIES[code[0]!]!.includes(code[1]!)) return false
  const province = code.slice(2, 4)
  if (province !== '10' && !isProvinceCode(province)) return false
  return usccCheckChar(code.slice(0, 17)) === code[17]
}
