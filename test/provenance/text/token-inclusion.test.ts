import { describe, expect, it } from 'vitest'
import { TOKEN_INCLUSION_BYTES, tokenInclusion, uniformFromPath } from '../../../src/provenance/text/token-inclusion.js'

describe('tokenInclusion', () => {
  it('has probability min(1, bytes / 16384)', () => {
    expect(tokenInclusion('a.jsonl', 4096).probability).toBe(0.25)
    expect(tokenInclusion('a.jsonl', TOKEN_INCLUSION_BYTES).probability).toBe(1)
    expect(tokenInclusion('a.jsonl', 10 * TOKEN_INCLUSION_BYTES)).toEqual({ probability: 1, included: true })
    expect(tokenInclusion('a.jsonl', 0)).toEqual({ probability: 0, included: false })
  })

  it('depends on the path only: the same answer every time', () => {
    const first = Array.from({ length: 200 }, (_, i) => tokenInclusion(`data/part-${i}.jsonl`, 2048).included)
    const again = Array.from({ length: 200 }, (_, i) => tokenInclusion(`data/part-${i}.jsonl`, 2048).included)
    expect(again).toEqual(first)
    // regression: the draw is the first 53 bits of SHA-256("tokens\0" + path)
    expect(uniformFromPath('data/part-0.jsonl')).toBe(0.14624088458756757)
  })

  it('includes files in proportion to their size', () => {
    const files = 20_000
    let included = 0
    for (let i = 0; i < files; i++) if (tokenInclusion(`shard-${i}/train.jsonl`, 4096).included) included++
    // Binomial(20000, 0.25): sd ≈ 61, so ±4 sd
    expect(Math.abs(included - files / 4)).toBeLessThan(250)
  })

  it('draws uniforms in [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const u = uniformFromPath(`f${i}`)
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThan(1)
    }
  })
})
