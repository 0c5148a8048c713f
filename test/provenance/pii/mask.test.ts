import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../../src/util/prng.js'
import { findPii } from '../../../src/provenance/pii/detect.js'
import { maskPii } from '../../../src/provenance/pii/mask.js'
import { PII_TYPES, type PiiType } from '../../../src/provenance/pii/types.js'
import { SAMPLE_GENERATORS } from '../../helpers/pii-samples.js'

describe('maskPii', () => {
  it.each<[PiiType, string, string]>([
    ['email', 'alice.smith@example.com', 'a***@example.com'],
    ['cn-mobile', '13812345678', '138****5678'],
    ['cn-mobile', '+86 138 1234 5678', '138****5678'],
    ['cn-landline', '010-62345678', '010-******78'],
    ['cn-landline', '(0755) 8888999', '0755-*****99'],
    ['cn-landline', '+86 10 6234 5678', '010-******78'],
    ['phone-e164', '+1 (415) 555-2671', '+14*******71'],
    ['cn-resident-id', '11010519491231002x', '11**************2X'],
    ['bank-card', '6222 0202 0011 2233 446', '6222 **** **** *** 3446'],
    ['bank-card', '4111111111111111', '4111 **** **** 1111'],
    ['bank-card', '3782 822463 10005', '37 **** **** *** 05'],
    ['cn-uscc', '91350100M000100Y43', '91**************43'],
    ['ipv4', '192.168.1.1', '192.*.*.*'],
    ['ipv6', '2001:db8::1', '2001:****'],
    ['ipv6', '::1', '::****'],
    ['passport', 'E12345678', 'E******78'],
    ['private-key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----'],
    ['cloud-access-key', 'AKIAIOSFODNN7EXAMPLE', 'AKIA************'],
    ['cloud-access-key', `ghp_${'a1B2c3'.repeat(6)}`, 'ghp_************'],
  ])('%s %s → %s', (type, raw, masked) => {
    expect(maskPii(type, raw)).toBe(masked)
  })

  it('never keeps a resident id’s birth date or region', () => {
    const masked = maskPii('cn-resident-id', '11010519491231002X')
    expect(masked).not.toContain('19491231')
    expect(masked).not.toContain('0105')
  })

  it('keeps at most about a third of the digits of numbers', () => {
    for (const [type, raw] of [['cn-resident-id', '11010519491231002X'], ['cn-uscc', '91350100M000100Y43'], ['passport', 'E12345678'], ['phone-e164', '+14155552671']] as const) {
      const kept = [...maskPii(type, raw)].filter((c) => /[0-9A-Z]/.test(c)).length
      expect(kept / raw.replace(/\W/g, '').length, `${type}`).toBeLessThanOrEqual(0.37)
    }
  })

  it('masks a value without its type’s shape entirely', () => {
    expect(maskPii('cn-mobile', '12345')).toBe('*****')
    expect(maskPii('email', 'no-at-sign')).toBe('**********')
    expect(maskPii('private-key', '-----BEGIN PRIVATE KEY-----')).not.toContain('-----BEGIN PRIVATE KEY-----')
    expect(maskPii('bank-card', '*')).toBe('[bank-card]')
  })

  it('never returns or contains the raw value, for every generated value of every type', () => {
    const rng = new SeededRandom('mask-never-contains-raw')
    let checked = 0
    for (const { type, valid } of SAMPLE_GENERATORS) {
      for (let i = 0; i < 300; i++) {
        const raw = valid(rng)
        findPii(raw, {
          add: (foundType, foundRaw) => {
            const masked = maskPii(foundType, foundRaw)
            expect(masked).not.toBe(foundRaw)
            expect(masked.includes(foundRaw), `${type}: ${masked} ⊇ ${foundRaw}`).toBe(false)
            checked++
          },
        })
      }
    }
    expect(checked).toBe(SAMPLE_GENERATORS.length * 300)
  })

  it('has a masker for every type', () => {
    for (const type of PII_TYPES) expect(typeof maskPii(type, 'abc')).toBe('string')
  })
})
