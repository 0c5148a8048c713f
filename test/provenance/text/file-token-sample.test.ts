import { describe, expect, it } from 'vitest'
import { FileTokenSample, TOKEN_SAMPLE_BYTES, tokenisationOrder } from '../../../src/provenance/text/file-token-sample.js'

function sampleOf(pairs: ReadonlyArray<readonly [number, number]>): FileTokenSample {
  const sample = new FileTokenSample()
  for (const [x, y] of pairs) sample.add(x, y)
  return sample
}

describe('FileTokenSample', () => {
  it('keeps the sums a ratio estimate needs', () => {
    expect(sampleOf([[100, 30], [200, 50]]).toJSON()).toEqual({ n: 2, sumX: 300, sumY: 80, sumXX: 50_000, sumYY: 3_400, sumXY: 13_000 })
  })

  it('is exact when every record was tokenised', () => {
    const json = sampleOf([[100, 30], [200, 50], [50, 20]]).toJSON()
    // Σy, not R̂·X: the 20 bytes outside records (a header, say) carry no tokens
    expect(FileTokenSample.estimateFile(json, 370, 3)).toEqual({ tokens: 100, variance: 0 })
    expect(FileTokenSample.estimateFile({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }, 2, 0)).toEqual({ tokens: 0, variance: 0 })
  })

  it('uses the ratio estimator with its linearised variance and finite-population correction', () => {
    const pairs = [[100, 30], [200, 50], [50, 20], [400, 90]] as const
    const { tokens, variance } = FileTokenSample.estimateFile(sampleOf(pairs).toJSON(), 10_000, 40)
    const ratio = 190 / 750
    expect(tokens).toBeCloseTo(ratio * 10_000, 9)
    const s2 = pairs.reduce((sum, [x, y]) => sum + (y - ratio * x) ** 2, 0) / 3
    expect(variance).toBeCloseTo((40 * 40 * (1 - 4 / 40) * s2) / 4, 6)
  })

  it('falls back to a 100 % per-record error with a single record of several', () => {
    const { tokens, variance } = FileTokenSample.estimateFile(sampleOf([[100, 25]]).toJSON(), 1_000, 10)
    expect(tokens).toBe(250)
    expect(variance).toBeCloseTo(10 * 10 * (1 - 1 / 10) * 25 * 25, 9)
  })

  it('wants records until two and the byte budget are reached', () => {
    const sample = new FileTokenSample()
    expect(sample.wantsMore).toBe(true)
    sample.add(TOKEN_SAMPLE_BYTES * 2, 1)
    expect(sample.wantsMore).toBe(true)
    sample.add(10, 1)
    expect(sample.wantsMore).toBe(false)
  })

  it('rejects negative or non-finite input', () => {
    expect(() => new FileTokenSample().add(-1, 3)).toThrow(RangeError)
    expect(() => new FileTokenSample().add(1, Number.NaN)).toThrow(RangeError)
    expect(() => FileTokenSample.estimateFile(new FileTokenSample().toJSON(), 100, 5)).toThrow(RangeError)
  })
})

describe('tokenisationOrder', () => {
  it('is a permutation fixed by the path', () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ index: i + 1 }))
    const order = tokenisationOrder(records, 'a/b.jsonl')
    expect([...order].sort((a, b) => a.index - b.index)).toEqual(records)
    expect(order).not.toEqual(records)
    expect(tokenisationOrder(records, 'a/b.jsonl')).toEqual(order)
    expect(tokenisationOrder(records, 'a/c.jsonl')).not.toEqual(order)
  })
})
