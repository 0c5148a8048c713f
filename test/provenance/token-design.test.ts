import { describe, expect, it } from 'vitest'
import { TOKEN_TEXT_BUDGET } from '../../src/provenance/record-facts.js'
import { TOKEN_INCLUSION_BYTES } from '../../src/provenance/text/index.js'
import { TOKEN_BUDGET_BYTES, tokenScale } from '../../src/provenance/token-design.js'

const expectedCost = (sizes: number[], c: number): number => sizes.reduce((sum, x) => sum + Math.min(1, x / c) * Math.min(x, TOKEN_TEXT_BUDGET), 0)

describe('tokenScale', () => {
  it('keeps the smallest scale while the dataset fits the budget', () => {
    expect(tokenScale([1000, 50_000, 1e9])).toBe(TOKEN_INCLUSION_BYTES)
    expect(tokenScale([])).toBe(TOKEN_INCLUSION_BYTES)
  })

  it('grows the scale until the expected tokenising cost fits the budget, and no further', () => {
    const sizes = Array.from({ length: 100_000 }, (_, i) => 500 + (i % 97) * 100)
    const scale = tokenScale(sizes)
    expect(scale).toBeGreaterThan(TOKEN_INCLUSION_BYTES)
    expect(expectedCost(sizes, scale)).toBeLessThanOrEqual(TOKEN_BUDGET_BYTES)
    expect(expectedCost(sizes, scale - 1)).toBeGreaterThan(TOKEN_BUDGET_BYTES)
  })

  it('only grows as files are added, so an early scale draws a superset of the final draw', () => {
    const sizes = Array.from({ length: 20_000 }, (_, i) => 2000 + ((i * 7919) % 60_000))
    let previous = 0
    for (let n = 1000; n <= sizes.length; n += 1000) {
      const scale = tokenScale(sizes.slice(0, n))
      expect(scale).toBeGreaterThanOrEqual(previous)
      previous = scale
    }
  })
})
