import { describe, expect, it } from 'vitest'
import { allocate, planRowSample, randomOrder, uniformIndices, uniformPicks, type SampleUnit } from '../../src/formats/row-sample.js'
import { SeededRandom } from '../../src/util/prng.js'

function units(sizes: number[], costPerRow = 1): SampleUnit[] {
  let start = 0
  return sizes.map((rows) => {
    const unit = { start, rows, cost: rows * costPerRow }
    start += rows
    return unit
  })
}

describe('uniformIndices', () => {
  it('draws k distinct indices in [0, n), ascending', () => {
    const picks = uniformIndices(1_000_000, 1000, new SeededRandom('a'))
    expect(picks).toHaveLength(1000)
    expect(new Set(picks).size).toBe(1000)
    expect(picks.every((p, i) => p >= 0 && p < 1_000_000 && (i === 0 || p > picks[i - 1]!))).toBe(true)
    expect(uniformIndices(5, 9, new SeededRandom('a'))).toEqual([0, 1, 2, 3, 4])
  })

  it('gives every index the same chance (chi-square over 2,000 draws of 10 of 50)', () => {
    const counts = new Array<number>(50).fill(0)
    for (let s = 0; s < 2000; s++) for (const p of uniformIndices(50, 10, new SeededRandom(`seed ${s}`))) counts[p]!++
    const expected = (2000 * 10) / 50
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
    // 49 degrees of freedom: the 99.9th percentile is 85.35
    expect(chi2).toBeLessThan(85.35)
  })

  it('reaches beyond 2^32 rows', () => {
    const picks = uniformIndices(2 ** 40, 200, new SeededRandom('big'))
    expect(picks.filter((p) => p >= 2 ** 32).length).toBeGreaterThan(150)
  })
})

describe('randomOrder and allocate', () => {
  it('randomOrder is a permutation', () => {
    const order = [...randomOrder(1000, new SeededRandom('p'))]
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
    expect(order).not.toEqual(Array.from({ length: 1000 }, (_, i) => i))
  })

  it('allocate splits k in proportion, capped at each size', () => {
    expect(allocate([100, 100, 200], 100)).toEqual([25, 25, 50])
    expect(allocate([10, 10, 10], 10)).toEqual([4, 3, 3])
    expect(allocate([3, 4], 100)).toEqual([3, 4])
    expect(allocate([1, 1000], 500).reduce((a, b) => a + b, 0)).toBe(500)
  })
})

describe('planRowSample', () => {
  it('takes every row of a file no larger than the sample', () => {
    const plan = planRowSample(units([300, 200]), 1000, 10, 'f')
    expect(plan.design).toBe('every row')
    expect(plan.units.map((u) => u.picks.length)).toEqual([300, 200])
  })

  it('takes a uniform sample when the units holding it fit the budget, the same for the same seed', () => {
    const file = units(Array(100).fill(1000))
    const plan = planRowSample(file, 1000, Infinity, 'f')
    expect(plan.design).toBe('uniform')
    expect(plan.units.reduce((n, u) => n + u.picks.length, 0)).toBe(1000)
    expect(planRowSample(file, 1000, Infinity, 'f')).toEqual(plan)
    expect(planRowSample(file, 1000, Infinity, 'g')).not.toEqual(plan)
    // the same rows as a uniform draw of 1,000 of 100,000 with that seed
    const rows = plan.units.flatMap((u) => u.picks.map((p) => u.start + p))
    expect(rows).toEqual(uniformPicks(100_000, 1000, 'f'))
  })

  it('falls back to clusters within the budget, every row about equally likely', () => {
    // 200 units of 500 rows costing 500 each; a budget of 10,000 buys 20 units
    const file = units(Array(200).fill(500))
    const hits = new Array<number>(200).fill(0)
    let rowsTaken = 0
    const runs = 400
    for (let s = 0; s < runs; s++) {
      const plan = planRowSample(file, 1000, 10_000, `seed ${s}`)
      expect(plan.design).toBe('clusters')
      expect(plan.units).toHaveLength(20)
      expect(plan.units.reduce((cost, u) => cost + u.rows, 0)).toBeLessThanOrEqual(10_000)
      for (const unit of plan.units) {
        hits[unit.start / 500]!++
        expect(unit.picks).toHaveLength(50)
        rowsTaken += unit.picks.length
      }
    }
    expect(rowsTaken).toBe(runs * 1000)
    // each unit is drawn with probability 20/200: expected 40 of 400 runs (sd 6); chi-square over 199 df, 99.9th percentile 267.5
    const expected = (runs * 20) / 200
    const chi2 = hits.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)
    expect(chi2).toBeLessThan(267.5)
  })

  it('spreads the sample over units of different sizes in proportion, and reads at least one unit', () => {
    const file = units([100, 900, 50, 950])
    const plan = planRowSample(file, 200, 0, 'f')
    expect(plan.design).toBe('clusters')
    expect(plan.units).toHaveLength(1)
    expect(plan.units[0]!.picks.length).toBe(Math.min(200, plan.units[0]!.rows))
    const all = planRowSample(file, 200, 1_999, 'f2')
    const taken = all.units.reduce((n, u) => n + u.picks.length, 0)
    expect(taken).toBeLessThanOrEqual(200)
    for (const unit of all.units) expect(unit.picks.every((p) => p >= 0 && p < unit.rows)).toBe(true)
  })
})
