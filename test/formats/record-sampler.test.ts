import { describe, expect, it } from 'vitest'
import { RecordSampler, type SampledRecord } from '../../src/formats/record-sampler.js'

/** Streams records 1..n through a sampler the way the analyzers do; returns the sampled indices. */
function sampleIndices(n: number, k: number, seed: string): number[] {
  const sampler = new RecordSampler(k, seed)
  for (let index = 1; index <= n; index++) {
    if (sampler.wants(index)) sampler.keep({ index, line: index, text: `record ${index}` })
  }
  const sample = sampler.sample()
  for (const record of sample) expect(record.text).toBe(`record ${record.index}`)
  return sample.map((r) => r.index)
}

describe('RecordSampler', () => {
  it('draws the same sample for the same seed', () => {
    expect(sampleIndices(10_000, 50, 'data/train.jsonl')).toEqual(sampleIndices(10_000, 50, 'data/train.jsonl'))
  })

  it('draws a different sample for a different seed', () => {
    const a = sampleIndices(10_000, 50, 'data/train.jsonl')
    const b = sampleIndices(10_000, 50, 'data/test.jsonl')
    expect(b).not.toEqual(a)
    // two independent 50-of-10,000 samples share about 0.25 records; 10 shared would be absurd
    const shared = a.filter((i) => b.includes(i)).length
    expect(shared).toBeLessThan(10)
  })

  it.each([
    [1000, 1],
    [1000, 10],
    [5000, 1000],
    [100_000, 1000],
  ])('keeps exactly k distinct records in increasing order from n = %i (k = %i)', (n, k) => {
    const indices = sampleIndices(n, k, `seed-${n}-${k}`)
    expect(indices).toHaveLength(k)
    expect(new Set(indices).size).toBe(k)
    for (let i = 1; i < indices.length; i++) expect(indices[i]!).toBeGreaterThan(indices[i - 1]!)
    expect(indices[0]!).toBeGreaterThanOrEqual(1)
    expect(indices[indices.length - 1]!).toBeLessThanOrEqual(n)
  })

  it('keeps every record when there are fewer than k', () => {
    expect(sampleIndices(7, 10, 'small')).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(sampleIndices(10, 10, 'exact')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('keeps nothing from an empty stream', () => {
    expect(sampleIndices(0, 10, 'empty')).toEqual([])
  })

  it('chooses each of n records with probability about k/n over many seeds', () => {
    const n = 60
    const k = 6
    const seeds = 6000
    const hits = new Array<number>(n + 1).fill(0)
    for (let s = 0; s < seeds; s++) for (const index of sampleIndices(n, k, `uniformity-${s}`)) hits[index]!++
    const expected = (seeds * k) / n // 600
    const sigma = Math.sqrt(seeds * (k / n) * (1 - k / n)) // ≈ 23
    for (let index = 1; index <= n; index++) {
      expect(Math.abs(hits[index]! - expected), `record ${index} chosen ${hits[index]} times`).toBeLessThan(5 * sigma)
    }
    // early, middle and late thirds are equally likely (catches a skip distribution that drifts)
    const third = (from: number, to: number): number => hits.slice(from, to + 1).reduce((a, b) => a + b, 0)
    const perThird = (seeds * k) / 3
    for (const total of [third(1, 20), third(21, 40), third(41, 60)]) {
      expect(Math.abs(total - perThird) / perThird).toBeLessThan(0.05)
    }
  })

  it('is uniform over a long stream: each tenth of 20,000 records holds about a tenth of the sample', () => {
    const n = 20_000
    const k = 100
    const seeds = 300
    const perDecile = new Array<number>(10).fill(0)
    for (let s = 0; s < seeds; s++) {
      for (const index of sampleIndices(n, k, `long-${s}`)) perDecile[Math.floor(((index - 1) * 10) / n)]!++
    }
    const expected = (seeds * k) / 10 // 3000
    for (const count of perDecile) expect(Math.abs(count - expected) / expected).toBeLessThan(0.06)
  })

  describe('a text budget', () => {
    /** Records of `width` characters each through a sampler holding at most `budget` characters. */
    function budgeted(n: number, k: number, seed: string, width: number, budget: number): { indices: number[]; reducedTo: number | null; held: number } {
      const sampler = new RecordSampler(k, seed, undefined, budget)
      let held = 0
      for (let index = 1; index <= n; index++) {
        if (sampler.wants(index)) sampler.keep({ index, line: index, text: String(index).padEnd(width, '.') })
        held = Math.max(held, sampler.sample().reduce((sum, r) => sum + r.text.length, 0))
      }
      return { indices: sampler.sample().map((r) => r.index), reducedTo: sampler.reducedTo, held }
    }

    it('leaves a sample that fits exactly as it is', () => {
      expect(budgeted(10_000, 50, 'data/train.jsonl', 10, 500)).toEqual({ indices: sampleIndices(10_000, 50, 'data/train.jsonl'), reducedTo: null, held: 500 })
    })

    it('halves the sample until it fits, and never holds more than the budget', () => {
      // 100-character records, 1,000 characters of budget: 10 fit, so 1000 → … → 7 (the first
      // halving happens while filling, at 11 records: 11 → 5; then no further cut is needed)
      const run = budgeted(5000, 1000, 'long-records', 100, 1000)
      expect(run.reducedTo).toBe(5)
      expect(run.indices).toHaveLength(5)
      expect(run.held).toBeLessThanOrEqual(1000)
      expect(budgeted(5000, 1000, 'long-records', 100, 1000)).toEqual(run)
    })

    it('keeps one record however long it is', () => {
      const run = budgeted(100, 10, 'huge', 5000, 1000)
      expect(run.reducedTo).toBe(1)
      expect(run.indices).toHaveLength(1)
    })

    it('still chooses each record with probability about k/n over many seeds', () => {
      // cut while filling (the 11th record passes the budget) and after (none later: 5 fit)
      const n = 60
      const seeds = 6000
      const hits = new Array<number>(n + 1).fill(0)
      for (let s = 0; s < seeds; s++) for (const index of budgeted(n, 20, `budget-${s}`, 100, 1000).indices) hits[index]!++
      const k = 5
      const expected = (seeds * k) / n // 500
      const sigma = Math.sqrt(seeds * (k / n) * (1 - k / n)) // ≈ 21
      for (let index = 1; index <= n; index++) expect(Math.abs(hits[index]! - expected), `record ${index} chosen ${hits[index]} times`).toBeLessThan(5 * sigma)
    })

    it('keeps the records with the smallest keys when cut after the first k: still uniform', () => {
      // records 101–3,000 are as long as the budget, so each one drawn halves the sample until one
      // record is left: the one with the smallest key of all, uniform whenever and however the cuts came
      const n = 3000
      const seeds = 6000
      const hits = new Array<number>(n + 1).fill(0)
      for (let s = 0; s < seeds; s++) {
        const sampler = new RecordSampler(30, `late-${s}`, undefined, 1000)
        for (let index = 1; index <= n; index++) if (sampler.wants(index)) sampler.keep({ index, line: index, text: 'x'.repeat(index <= 100 ? 10 : 1000) })
        expect(sampler.reducedTo).toBe(1)
        for (const r of sampler.sample()) hits[r.index]!++
      }
      const third = (from: number, to: number): number => hits.slice(from, to + 1).reduce((a, b) => a + b, 0)
      const sigma = Math.sqrt(seeds * (1 / 3) * (2 / 3)) // ≈ 37
      for (const total of [third(1, 1000), third(1001, 2000), third(2001, 3000)]) expect(Math.abs(total - seeds / 3)).toBeLessThan(5 * sigma)
    })
  })

  it('with k = Infinity hands every record straight to the callback and keeps no reservoir', () => {
    const seen: SampledRecord[] = []
    const sampler = new RecordSampler(Infinity, 'deep', (record) => seen.push(record))
    expect(sampler.isExhaustive).toBe(true)
    for (let index = 1; index <= 2500; index++) {
      expect(sampler.wants(index)).toBe(true)
      sampler.keep({ index, line: index, text: String(index) })
    }
    expect(seen.map((r) => r.index)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1))
    expect(sampler.sample()).toEqual([])
  })
})
