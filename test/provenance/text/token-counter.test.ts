import { describe, expect, it } from 'vitest'
import { loadTokenCounter } from '../../../src/provenance/text/token-counter.js'

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
