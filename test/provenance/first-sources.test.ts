import { describe, expect, it } from 'vitest'
import { FirstSources } from '../../src/provenance/first-sources.js'

describe('FirstSources', () => {
  it('answers as a Map from key to first source does, through growth, for keys across all 53 bits', () => {
    const table = new FirstSources()
    const reference = new Map<number, string | null>()
    let state = 12345
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return state
    }
    const sources = ['web', 'books', null]
    for (let i = 0; i < 60_000; i++) {
      // a key drawn from a pool small enough that many repeat, spread over the high and low bits
      const n = next() % 25_000
      const key = (n % 3 === 0 ? n * 2 ** 21 : n) + (n % 5 === 0 ? 2 ** 52 : 0)
      const source = sources[next() % 3]!
      const expected = reference.has(key) ? reference.get(key) !== source : undefined
      if (!reference.has(key)) reference.set(key, source)
      expect(table.seen(key, source)).toBe(expected)
    }
    expect(table.size).toBe(reference.size)
  })
})
