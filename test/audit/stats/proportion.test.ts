import { describe, expect, it } from 'vitest'
import { betaQuantile, logGamma, regularizedIncompleteBeta } from '../../../src/audit/stats/incomplete-beta.js'
import {
  clopperPearsonInterval,
  clopperPearsonLowerBound,
  clopperPearsonUpperBound,
  wilsonInterval,
  wilsonLowerBound,
  wilsonUpperBound,
} from '../../../src/audit/stats/proportion.js'

// P1: R binom::binom.confint(x, n, tol=1e-8), 95 %, as stored in
// statsmodels/statsmodels@1a63aa78:statsmodels/stats/tests/results/results_proportion.py
// (method index 4 = "exact" = Clopper–Pearson, index 10 = "wilson"); audit-statistics.md §2.4.
// The first four rows carry full double precision, the last four 7–8 significant digits.
const P1: ReadonlyArray<{ x: number; n: number; cp: [number, number]; wilson: [number, number]; digits: number }> = [
  { x: 18, n: 20, cp: [0.6830172859809176, 0.9876514728297052], wilson: [0.6989663547715128, 0.972133518786232], digits: 9 },
  { x: 4, n: 20, cp: [0.05733399705003284, 0.436614002996668], wilson: [0.0806576625797981, 0.4160174322518935], digits: 9 },
  { x: 4, n: 200, cp: [0.005475565879556443, 0.05041360908989634], wilson: [0.00780442641634947, 0.05028708690582643], digits: 9 },
  { x: 190, n: 200, cp: [0.9099724622986486, 0.975765834527891], wilson: [0.910421851861224, 0.972617354399236], digits: 9 },
  { x: 1, n: 30, cp: [8.435709e-4, 0.17216946], wilson: [5.90859e-3, 0.16670391], digits: 7 },
  { x: 29, n: 30, cp: [0.8278305, 0.9991564], wilson: [0.8332961, 0.9940914], digits: 7 },
  { x: 0, n: 30, cp: [0, 0.11570331], wilson: [0, 0.11351339], digits: 7 },
  { x: 30, n: 30, cp: [0.8842967, 1], wilson: [0.8864866, 1], digits: 7 },
]

describe('clopperPearsonInterval', () => {
  for (const { x, n, cp, digits } of P1) {
    it(`matches R binom.confint "exact" for ${x}/${n}`, () => {
      const [lower, upper] = clopperPearsonInterval(x, n)
      expect(lower).toBeCloseTo(cp[0], digits)
      expect(upper).toBeCloseTo(cp[1], digits)
    })
  }

  it('is exactly 0 below x = 0 and exactly 1 above x = n', () => {
    expect(clopperPearsonInterval(0, 30)[0]).toBe(0)
    expect(clopperPearsonInterval(30, 30)[1]).toBe(1)
  })

  it('matches the first four rows to 1e-12, well inside the 1e-9 requirement', () => {
    for (const { x, n, cp } of P1.slice(0, 4)) {
      const [lower, upper] = clopperPearsonInterval(x, n)
      expect(Math.abs(lower - cp[0])).toBeLessThan(1e-12)
      expect(Math.abs(upper - cp[1])).toBeLessThan(1e-12)
    }
  })
})

describe('wilsonInterval', () => {
  for (const { x, n, wilson, digits } of P1) {
    it(`matches R binom.confint "wilson" for ${x}/${n}`, () => {
      const [lower, upper] = wilsonInterval(x, n)
      expect(lower).toBeCloseTo(wilson[0], digits)
      expect(upper).toBeCloseTo(wilson[1], digits)
    })
  }

  it('stays inside [0, 1] with exact ends at x = 0 and x = n', () => {
    expect(wilsonInterval(0, 30)[0]).toBe(0)
    expect(wilsonInterval(30, 30)[1]).toBe(1)
  })
})

describe('one-sided bounds', () => {
  // A one-sided bound at C equals the matching end of the two-sided interval at 2C − 1
  // (both use the quantile at C), so the P1 rows pin them too: 0.975 one-sided ≡ 0.95 two-sided.
  it('Wilson bounds at 0.975 equal the two-sided 95 % ends (P1, R binom.confint)', () => {
    expect(wilsonLowerBound(18, 20, 0.975)).toBeCloseTo(0.6989663547715128, 12)
    expect(wilsonUpperBound(4, 200, 0.975)).toBeCloseTo(0.05028708690582643, 12)
  })

  it('Clopper–Pearson bounds at 0.975 equal the two-sided 95 % ends (P1, R binom.confint)', () => {
    expect(clopperPearsonLowerBound(190, 200, 0.975)).toBeCloseTo(0.9099724622986486, 12)
    expect(clopperPearsonUpperBound(4, 20, 0.975)).toBeCloseTo(0.436614002996668, 12)
  })

  it('gives 0 / 1 at the ends and the closed form (α)^(1/n) for x = n', () => {
    expect(clopperPearsonLowerBound(0, 10)).toBe(0)
    expect(clopperPearsonUpperBound(10, 10)).toBe(1)
    expect(wilsonLowerBound(0, 10)).toBe(0)
    expect(wilsonUpperBound(10, 10)).toBe(1)
    // With no errors in n items the exact one-sided bound solves p^n = 1 − C.
    expect(clopperPearsonLowerBound(4000, 4000, 0.95)).toBeCloseTo(0.05 ** (1 / 4000), 12)
    expect(clopperPearsonUpperBound(0, 4000, 0.95)).toBeCloseTo(1 - 0.05 ** (1 / 4000), 12)
  })

  it('is tighter one-sided than two-sided at the same confidence', () => {
    expect(wilsonLowerBound(3840, 4000, 0.95)).toBeGreaterThan(wilsonInterval(3840, 4000, 0.95)[0])
    expect(clopperPearsonLowerBound(3840, 4000, 0.95)).toBeGreaterThan(clopperPearsonInterval(3840, 4000, 0.95)[0])
  })
})

describe('argument checks', () => {
  it('refuses n = 0 and x outside [0, n]', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError)
    expect(() => clopperPearsonInterval(0, 0)).toThrow(RangeError)
    expect(() => clopperPearsonInterval(5, 4)).toThrow(RangeError)
    expect(() => wilsonLowerBound(1.5, 4)).toThrow(RangeError)
    expect(() => clopperPearsonUpperBound(1, 4, 1)).toThrow(RangeError)
  })
})

describe('incomplete beta', () => {
  it('computes ln Γ at known points', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 13)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14)
    expect(logGamma(1)).toBeCloseTo(0, 14)
  })

  it('matches closed forms: I_x(1, b) = 1 − (1−x)^b and I_x(a, 1) = x^a', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 7)).toBeCloseTo(1 - 0.7 ** 7, 14)
    expect(regularizedIncompleteBeta(0.3, 5, 1)).toBeCloseTo(0.3 ** 5, 14)
    expect(regularizedIncompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 14)
  })

  it('inverts itself', () => {
    const x = betaQuantile(0.025, 4, 17)
    expect(regularizedIncompleteBeta(x, 4, 17)).toBeCloseTo(0.025, 14)
  })
})
