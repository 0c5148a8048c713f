import { describe, expect, it } from 'vitest'
import { RepeatedValues } from '../../../src/audit/repeats/repeated-values.js'
import { SeededRandom } from '../../../src/util/prng.js'

/** Random 64-bit values as two halves, with chosen values added again: the expected repeats come from a plain Set. */
function values(count: number, repeatEvery: number, seed: string): { pairs: [number, number][]; expected: Set<bigint> } {
  const random = new SeededRandom(seed)
  const word = (): number => Math.floor(random.next() * 2 ** 32) >>> 0
  const pairs: [number, number][] = []
  for (let i = 0; i < count; i++) {
    pairs.push([word(), word()])
    if (i % repeatEvery === 0) pairs.push(pairs[Math.floor(random.next() * pairs.length)]!)
  }
  const seen = new Set<bigint>()
  const expected = new Set<bigint>()
  for (const [hi, lo] of pairs) {
    const v = (BigInt(hi) << 32n) | BigInt(lo)
    if (seen.has(v)) expected.add(v)
    seen.add(v)
  }
  return { pairs, expected }
}

const byValue = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

describe('RepeatedValues finds the values added more than once', () => {
  it.each([
    ['in memory', 1 << 20],
    ['spilled to disk in runs of 1,000 values', 1000],
    ['spilled in runs of 1 value', 1],
  ])('%s', (_, memoryValues) => {
    const { pairs, expected } = values(20_000, 97, 'repeats')
    const store = new RepeatedValues(memoryValues)
    for (const [hi, lo] of pairs) store.add(hi, lo)
    const found = store.repeated()
    expect(expected.size).toBeGreaterThan(100)
    expect([...found].sort(byValue)).toEqual([...expected].sort(byValue))
  })

  it('orders by the full 64 bits: values equal in one half only are not repeats', () => {
    const store = new RepeatedValues(2)
    for (const [hi, lo] of [[1, 2], [1, 3], [0xffffffff, 2], [1, 2], [0, 0], [0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]] as const) store.add(hi, lo)
    expect([...store.repeated()].sort(byValue)).toEqual([(1n << 32n) | 2n, 0xffffffffffffffffn])
  })

  it('an empty store has no repeats', () => {
    expect(new RepeatedValues().repeated().size).toBe(0)
  })
})
