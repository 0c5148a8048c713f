import { describe, expect, it } from 'vitest'
import { normalQuantile } from '../../../src/util/normal-quantile.js'
import { COCHRAN_FPC_FORM, cochranSampleSize } from '../../../src/audit/stats/cochran.js'
import { UserError } from '../../../src/util/errors.js'

describe('cochranSampleSize', () => {
  // S1, S2: cran/samplingbook tests/testthat/tests_ch2.r, "election example page 57" (N = Inf).
  it('gives 9604 for e = 0.01, P = 0.5 and 9139 for P = 0.39, infinite population (samplingbook)', () => {
    expect(cochranSampleSize({ margin: 0.01 })).toBe(9604)
    expect(cochranSampleSize({ margin: 0.01, proportion: 0.39 })).toBe(9139)
  })

  // S3: samplingbook tests_ch2.r, "company survey example page 57" (N = 300).
  it('gives 169 for e = 0.05, P = 0.5, N = 300 (samplingbook)', () => {
    expect(cochranSampleSize({ margin: 0.05, population: 300 })).toBe(169)
  })

  // S4: samplingbook tests_ch2.r, N = 10, e = 0.1.
  it('gives 9, 9, 10, 10 for P = 0.2, 0.3, 0.4, 0.5 with e = 0.1, N = 10 (samplingbook)', () => {
    expect([0.2, 0.3, 0.4, 0.5].map((proportion) => cochranSampleSize({ margin: 0.1, proportion, population: 10 }))).toEqual([9, 9, 10, 10])
  })

  // S5: independent recomputation, audit-statistics.md Appendix B (n0 = 384.1459).
  it('gives 385 for e = 0.05, P = 0.5, infinite population (recomputed)', () => {
    expect(cochranSampleSize({ margin: 0.05, confidence: 0.95, proportion: 0.5 })).toBe(385)
  })

  it('uses the (n0 − 1)/N correction, rounds up and never exceeds the population', () => {
    expect(COCHRAN_FPC_FORM).toBe('n = n0 / (1 + (n0 - 1) / N)')
    // n0 = 384.1459; (b) gives 384.1459 / (1 + 383.1459/1000) = 277.7…, (a) would give 277.6…: both 278.
    expect(cochranSampleSize({ margin: 0.05, population: 1000 })).toBe(278)
    expect(cochranSampleSize({ margin: 0.05, population: 1 })).toBe(1)
    // n0 = 3.84: 3.84 / (1 + 2.84/3) = 1.97 → 2 of 3 items.
    expect(cochranSampleSize({ margin: 0.5, population: 3 })).toBe(2)
  })

  it('does not let binary noise push the ceiling one item up', () => {
    // Margins z·0.5/√k make n0 exactly k in real arithmetic; in doubles some come out a hair above k
    // (e.g. 7.000000000000001), which a plain ceiling would turn into k + 1.
    const z = normalQuantile((1 + 0.95) / 2)
    const noisy = Array.from({ length: 99 }, (_, i) => i + 2).filter((k) => {
      const margin = (z * 0.5) / Math.sqrt(k)
      return Math.ceil((z * z * 0.25) / (margin * margin)) !== k
    })
    expect(noisy.length).toBeGreaterThan(0)
    for (const k of noisy) expect(cochranSampleSize({ margin: (z * 0.5) / Math.sqrt(k) })).toBe(k)
  })

  it('grows with the confidence level', () => {
    expect(cochranSampleSize({ margin: 0.05, confidence: 0.99 })).toBe(664)
    expect(cochranSampleSize({ margin: 0.05, confidence: 0.9 })).toBe(271)
  })

  it('rejects bad input with a UserError naming the option', () => {
    expect(() => cochranSampleSize({ margin: 0 })).toThrow('--margin 0: expected a number between 0 and 1, both excluded')
    expect(() => cochranSampleSize({ margin: 1.5 })).toThrow(UserError)
    expect(() => cochranSampleSize({ margin: Number.NaN })).toThrow(UserError)
    expect(() => cochranSampleSize({ margin: 0.05, confidence: 95 })).toThrow('--confidence 95')
    expect(() => cochranSampleSize({ margin: 0.05, proportion: 1 })).toThrow(UserError)
    expect(() => cochranSampleSize({ margin: 0.05, population: 0 })).toThrow('--population 0: expected a whole number of items, at least 1')
    expect(() => cochranSampleSize({ margin: 0.05, population: 10.5 })).toThrow(UserError)
  })
})
