import { describe, expect, it } from 'vitest'
import { EXACT_LIMIT, LengthStats, type LengthStatsJson } from '../../../src/provenance/text/length-stats.js'
import { SeededRandom } from '../../../src/util/prng.js'

function statsOf(values: readonly number[]): LengthStats {
  const stats = new LengthStats()
  for (const v of values) stats.add(v)
  return stats
}

/** The nearest-rank percentile: the ⌈p·n/100⌉-th smallest value. */
function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]
}

/** Lengths spread over six orders of magnitude, like real record texts. */
function lengths(count: number, seed: string): number[] {
  const random = new SeededRandom(seed)
  return Array.from({ length: count }, () => Math.floor(Math.exp(random.next() * 14)))
}

describe('LengthStats', () => {
  it('has no summary when empty', () => {
    expect(new LengthStats().summary()).toBeNull()
    expect(new LengthStats().toJSON()).toEqual({ count: 0, sum: 0, min: 0, max: 0, values: [], buckets: null })
  })

  it('gives exact nearest-rank percentiles for small inputs', () => {
    expect(statsOf([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]).summary()).toEqual({ count: 10, min: 1, p50: 5, p90: 9, p99: 10, max: 10, mean: 5.5 })
    expect(statsOf([42]).summary()).toEqual({ count: 1, min: 42, p50: 42, p90: 42, p99: 42, max: 42, mean: 42 })
    expect(statsOf([0, 0, 3]).summary()).toEqual({ count: 3, min: 0, p50: 0, p90: 3, p99: 3, max: 3, mean: 1 })
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(statsOf(hundred).summary()).toMatchObject({ p50: 50, p90: 90, p99: 99, max: 100 })
  })

  it('stays exact up to EXACT_LIMIT values', () => {
    const values = lengths(EXACT_LIMIT, 'exact')
    const sorted = [...values].sort((a, b) => a - b)
    const summary = statsOf(values).summary()
    expect(summary).toMatchObject({ p50: nearestRank(sorted, 50), p90: nearestRank(sorted, 90), p99: nearestRank(sorted, 99) })
    expect(statsOf(values).toJSON().values).toEqual(sorted)
  })

  it('is within 1 % past EXACT_LIMIT, with exact count, min, max and mean', () => {
    const values = lengths(200_000, 'many')
    const sorted = [...values].sort((a, b) => a - b)
    const stats = statsOf(values)
    const summary = stats.summary()!
    for (const p of [50, 90, 99] as const) {
      const exact = nearestRank(sorted, p)
      expect(Math.abs(summary[`p${p}`] - exact)).toBeLessThanOrEqual(0.01 * exact)
    }
    expect(summary.count).toBe(200_000)
    expect(summary.min).toBe(sorted[0])
    expect(summary.max).toBe(sorted[sorted.length - 1])
    expect(summary.mean).toBe(values.reduce((a, b) => a + b, 0) / values.length)
    const json = stats.toJSON()
    expect(json.values).toBeNull()
    expect(json.buckets!.length).toBeLessThan(4_000)
  })

  it('bounds the error of every bucket by 1 % and is exact below 100', () => {
    // 10,000 copies of v between 0 and 10v: the median comes from v's bucket, unclamped.
    const probe = (v: number): number => {
      const stats = new LengthStats()
      stats.merge(exactPart([0, 10 * v]))
      stats.merge(exactPart(new Array<number>(EXACT_LIMIT).fill(v)))
      return stats.summary()!.p50
    }
    for (let v = 1; v < 100; v++) expect(probe(v)).toBe(v)
    const random = new SeededRandom('buckets')
    for (let i = 0; i < 500; i++) {
      const v = Math.floor(Math.exp(random.next() * 30))
      expect(Math.abs(probe(v) - v), `length ${v}`).toBeLessThanOrEqual(0.01 * v)
    }
  })

  it('merges to the same state as adding everything, in any order and split', () => {
    const values = lengths(30_000, 'merge')
    const whole = statsOf(values).toJSON()
    for (const cuts of [[5_000, 9_000], [15_000, 20_000], [100, 29_000], [9_999, 10_001]]) {
      const parts = [values.slice(0, cuts[0]), values.slice(cuts[0], cuts[1]), values.slice(cuts[1])]
      const merged = new LengthStats()
      for (const part of parts.reverse()) merged.merge(statsOf(part).toJSON())
      expect(merged.toJSON()).toEqual(whole)
    }
    const small = values.slice(0, 3_000)
    const merged = statsOf(small.slice(1_000))
    merged.merge(statsOf(small.slice(0, 1_000)).toJSON())
    expect(merged.toJSON()).toEqual(statsOf(small).toJSON())
    expect(merged.summary()).toEqual(statsOf(small).summary())
  })

  it('is independent of the order lengths arrive in', () => {
    const values = lengths(12_000, 'order')
    expect(statsOf([...values].reverse()).toJSON()).toEqual(statsOf(values).toJSON())
  })

  it('round-trips through JSON', () => {
    for (const values of [lengths(50, 'json small'), lengths(20_000, 'json large')]) {
      const stats = statsOf(values)
      const copy = LengthStats.fromJSON(JSON.parse(JSON.stringify(stats.toJSON())) as LengthStatsJson)
      expect(copy.toJSON()).toEqual(stats.toJSON())
      expect(copy.summary()).toEqual(stats.summary())
    }
  })

  it('rejects lengths that are not non-negative integers', () => {
    const stats = new LengthStats()
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) expect(() => stats.add(bad)).toThrow(RangeError)
  })
})

function exactPart(values: number[]): LengthStatsJson {
  return { count: values.length, sum: values.reduce((a, b) => a + b, 0), min: Math.min(...values), max: Math.max(...values), values, buckets: null }
}
