import { describe, expect, it } from 'vitest'
import { normalQuantile } from '../../src/util/normal-quantile.js'

describe('normalQuantile', () => {
  // Reference values: Φ⁻¹ computed with mpmath at 40 digits (√2·erfinv(2p − 1)).
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489008],
    [0.9, 1.2815515655446004],
    [0.75, 0.6744897501960817],
    [0.3, -0.5244005127080408],
    [0.025, -1.959963984540054],
    [0.999, 3.0902323061678136],
    [0.9999, 3.7190164854556804],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-14 * Math.max(1, Math.abs(z)))
  })

  it('is 0 at the median and antisymmetric', () => {
    expect(normalQuantile(0.5)).toBe(0)
    for (const p of [0.01, 0.2, 0.4, 1e-6]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9)
  })

  it('handles the far tail', () => {
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470962993612, 10)
  })

  it('rejects probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError)
  })
})
