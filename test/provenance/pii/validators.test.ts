import { describe, expect, it } from 'vitest'
import { hasCardIssuerPrefix, isValidBankCard } from '../../../src/provenance/pii/bank-card.js'
import { luhnCheckDigit, residentIdCheckChar, usccCheckChar } from '../../../src/provenance/pii/checksums.js'
import { isValidBirthDate, isValidResidentId } from '../../../src/provenance/pii/resident-id.js'
import { isValidUscc } from '../../../src/provenance/pii/uscc.js'

const withCheck = (first17: string): string => first17 + residentIdCheckChar(first17)
const withLuhn = (payload: string): string => payload + luhnCheckDigit(payload)

describe('isValidResidentId', () => {
  it('accepts the standard’s example, with an upper- or lower-case X', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true)
    expect(isValidResidentId('11010519491231002x')).toBe(true)
  })

  it('rejects a wrong check character', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false)
  })

  it('rejects unknown province codes even with a correct check character', () => {
    for (const province of ['00', '10', '16', '24', '38', '47', '55', '66', '72', '80', '84', '92', '99']) {
      expect(isValidResidentId(withCheck(`${province}010519491231002`)), province).toBe(false)
    }
    for (const province of ['11', '15', '23', '37', '46', '54', '65', '71', '83', '91']) {
      expect(isValidResidentId(withCheck(`${province}010519491231002`)), province).toBe(true)
    }
  })

  it('rejects impossible and out-of-range birth dates even with a correct check character', () => {
    for (const date of ['19990229', '20000230', '19851301', '19700100', '19700132', '18991231']) {
      expect(isValidResidentId(withCheck(`110105${date}002`)), date).toBe(false)
    }
    expect(isValidResidentId(withCheck('11010520000229002'))).toBe(true) // 2000 is a leap year
    expect(isValidResidentId(withCheck('11010519000101002'))).toBe(true)
  })

  it('rejects birth dates after today', () => {
    const id = withCheck('11010520240615002')
    expect(isValidResidentId(id, 20240615)).toBe(true)
    expect(isValidResidentId(id, 20240614)).toBe(false)
  })

  it('rejects wrong lengths and letters other than a final X', () => {
    expect(isValidResidentId('11010519491231002')).toBe(false)
    expect(isValidResidentId('11010519491231002X1')).toBe(false)
    expect(isValidResidentId('1101051949123100AX')).toBe(false)
  })
})

describe('isValidBirthDate', () => {
  it('knows month lengths and the Gregorian leap-year rule', () => {
    expect(isValidBirthDate('19960229', 20250101)).toBe(true)
    expect(isValidBirthDate('19000229', 20250101)).toBe(false)
    expect(isValidBirthDate('19990431', 20250101)).toBe(false)
    expect(isValidBirthDate('19991231', 20250101)).toBe(true)
  })
})

describe('isValidBankCard', () => {
  it('accepts Luhn-valid numbers with a network prefix and length', () => {
    for (const number of ['4111111111111111', '5500000000000004', withLuhn('222100000000000'), '378282246310005', '3530111333300000', '6011111111111117', '30569309025904', '6200000000000005', '6205500000000000004', withLuhn('622202020011223'), withLuhn('812345678901234')]) {
      expect(isValidBankCard(number), number).toBe(true)
    }
  })

  it('rejects Luhn-valid numbers no network issues', () => {
    // a 13-digit millisecond timestamp, prefixes 1, 7, 9, and lengths a network does not use
    for (const number of [withLuhn('170000000000'), withLuhn('700000000000000'), withLuhn('900000000000000'), withLuhn('3782822463100'), withLuhn('550000000000000000'), withLuhn('4111111111111')]) {
      expect(isValidBankCard(number), number).toBe(false)
    }
  })

  it('rejects a wrong Luhn digit and non-digits', () => {
    expect(isValidBankCard('4111111111111112')).toBe(false)
    expect(isValidBankCard('4111-1111-1111-1111')).toBe(false)
  })

  it('checks the Mastercard 2-series and JCB ranges at their edges', () => {
    expect(hasCardIssuerPrefix('2221000000000000')).toBe(true)
    expect(hasCardIssuerPrefix('2720000000000000')).toBe(true)
    expect(hasCardIssuerPrefix('2220000000000000')).toBe(false)
    expect(hasCardIssuerPrefix('2721000000000000')).toBe(false)
    expect(hasCardIssuerPrefix('3528000000000000')).toBe(true)
    expect(hasCardIssuerPrefix('3527000000000000')).toBe(false)
    expect(hasCardIssuerPrefix('3590000000000000')).toBe(false)
  })
})

describe('isValidUscc', () => {
  it('accepts the GB 32100 example and real codes', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true)
    expect(isValidUscc('91110000100010433L')).toBe(true)
    expect(isValidUscc('91440300708461136T')).toBe(true)
  })

  it('rejects a wrong check character, lower case and letters outside the alphabet', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false)
    expect(isValidUscc('91110000100010433l')).toBe(false)
    expect(isValidUscc('91350100I000100Y43')).toBe(false)
  })

  it('rejects an unknown registration authority or a region that is not a province', () => {
    // check characters recomputed, so that only the named rule fails
    const withUsccCheck = (first17: string): string => first17 + usccCheckChar(first17)!
    expect(isValidUscc(withUsccCheck('91350100M000100Y4'))).toBe(true)
    expect(isValidUscc(withUsccCheck('B1350100M000100Y4'))).toBe(false)
    expect(isValidUscc(withUsccCheck('01350100M000100Y4'))).toBe(false)
    expect(isValidUscc(withUsccCheck('90350100M000100Y4'))).toBe(false)
    expect(isValidUscc(withUsccCheck('91990100M000100Y4'))).toBe(false)
    expect(isValidUscc(withUsccCheck('9135A100M000100Y4'))).toBe(false)
    expect(isValidUscc(withUsccCheck('91100000M000100Y4'))).toBe(true) // national bodies: region 10xxxx
  })
})
