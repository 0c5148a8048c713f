import { describe, expect, it } from 'vitest'
import { isLuhnValid, luhnCheckDigit, residentIdCheckChar, USCC_ALPHABET, usccCheckChar } from '../../../src/provenance/pii/checksums.js'

describe('GB 11643 resident id check character (ISO 7064 MOD 11-2)', () => {
  it('matches the examples printed in the standard', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X')
    expect(residentIdCheckChar('44052418800101001')).toBe('4')
  })

  it('changes when any payload digit changes', () => {
    const payload = '11010519491231002'
    for (let i = 0; i < 17; i++) {
      const changed = payload.slice(0, i) + String((Number(payload[i]) + 1) % 10) + payload.slice(i + 1)
      expect(residentIdCheckChar(changed), `digit ${i}`).not.toBe('X')
    }
  })

  it('rejects a payload that is not 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow('pii: resident id payload must be 17 digits, got 16 characters')
  })
})

describe('Luhn', () => {
  it('accepts the networks’ published test numbers', () => {
    for (const number of [
      '4111111111111111', // Visa
      '4012888888881881', // Visa
      '5500000000000004', // Mastercard
      '5105105105105100', // Mastercard
      '378282246310005', // American Express
      '6011111111111117', // Discover
      '3530111333300000', // JCB
      '30569309025904', // Diners Club
      '6200000000000005', // UnionPay, 16 digits
      '6205500000000000004', // UnionPay, 19 digits
    ]) {
      expect(isLuhnValid(number), number).toBe(true)
    }
  })

  it('rejects a wrong check digit, transposed digits, non-digits and one digit', () => {
    expect(isLuhnValid('4111111111111112')).toBe(false)
    expect(isLuhnValid('4111111111111121')).toBe(false)
    expect(isLuhnValid('6222020200112233445')).toBe(false)
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false)
    expect(isLuhnValid('0')).toBe(false)
  })

  it('computes the digit that completes a payload', () => {
    expect(luhnCheckDigit('411111111111111')).toBe('1')
    expect(luhnCheckDigit('622202020011223344')).toBe('6')
    expect(isLuhnValid('6222020200112233446')).toBe(true)
  })
})

describe('GB 32100 unified social credit code check character', () => {
  it('matches the standard’s example and real registered codes', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3') // GB 32100-2015 example
    expect(usccCheckChar('91110000100010433')).toBe('L')
    expect(usccCheckChar('91440300708461136')).toBe('T')
  })

  it('uses the 31-character alphabet without I, O, Z, S and V', () => {
    expect(USCC_ALPHABET).toHaveLength(31)
    expect(USCC_ALPHABET).not.toMatch(/[IOZSV]/)
    expect(usccCheckChar('91350100I000100Y4')).toBeUndefined()
    expect(usccCheckChar('91350100M000100Y')).toBeUndefined()
  })
})
