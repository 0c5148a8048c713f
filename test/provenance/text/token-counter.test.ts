import { describe, expect, it } from 'vitest'
import { inBoundedPieces, loadTokenCounter, MAX_TOKEN_RUN } from '../../../src/provenance/text/token-counter.js'

describe('loadTokenCounter', () => {
  it('counts o200k_base tokens (values observed with gpt-tokenizer 4.0.0)', async () => {
    const count = await loadTokenCounter()
    expect(count('hello world')).toBe(2)
    expect(count('The quick brown fox jumps over the lazy dog.')).toBe(10)
    expect(count('我爱北京天安门，天安门上太阳升。')).toBe(14)
    expect(count('')).toBe(0)
  })

  it('counts special-token strings in data as plain text instead of throwing', async () => {
    const count = await loadTokenCounter()
    expect(count('a <|endoftext|> b')).toBe(9)
  })

  it('loads the encoder once per thread', async () => {
    const [first, second] = await Promise.all([loadTokenCounter(), loadTokenCounter()])
    expect(second).toBe(first)
    expect(await loadTokenCounter()).toBe(first)
  })
})

describe('inBoundedPieces', () => {
  it('counts text whose runs are all short exactly as the encoder does', async () => {
    const count = await loadTokenCounter()
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
    const prose = 'The quick brown fox jumps over the lazy dog. 我爱北京天安门，天安门上太阳升。 '.repeat(200)
    expect(prose.length).toBeGreaterThan(10 * MAX_TOKEN_RUN)
    expect(count(prose)).toBe(countTokens(prose))
  })

  it('cuts a run longer than the bound into pieces of the bound and sums their counts', () => {
    const seen: string[] = []
    const count = inBoundedPieces((text) => {
      seen.push(text)
      return text.length
    }, 4)
    expect(count('ab cdefghij  kl')).toBe(15)
    // "ab cdef" ends at the first cut: the run "cdefghij" is 8 long, cut after 4 of its letters.
    expect(seen).toEqual(['ab cdef', 'ghij  kl'])
  })

  it('cuts a run of spaces too, and never between the halves of a surrogate pair', () => {
    const seen: string[] = []
    const count = inBoundedPieces((text) => {
      seen.push(text)
      return 1
    }, 3)
    count('      ')
    expect(seen).toEqual(['   ', '   '])
    seen.length = 0
    // 'a😀😀' is five UTF-16 units: a cut after three would split the first emoji's surrogates.
    count('a😀😀b')
    expect(seen.join('')).toBe('a😀😀b')
    for (const piece of seen) expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
  })

  it('counts a megabyte of letters without a space at the encoder’s own rate, give or take a token per piece', async () => {
    const count = await loadTokenCounter()
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
    const dna = 'ACGT'.repeat(250_000)
    const tokens = count(dna)
    // The unbounded encoder is quadratic here; 4 KB of it is cheap and gives the per-character rate.
    const sample = dna.slice(0, 4096)
    const rate = countTokens(sample) / sample.length
    const pieces = dna.length / MAX_TOKEN_RUN
    expect(Math.abs(tokens - rate * dna.length)).toBeLessThanOrEqual(pieces)
  })
})
