import { describe, expect, it } from 'vitest'
import { LanguageCounts } from '../../../src/provenance/text/index.js'

describe('LanguageCounts', () => {
  it('adds and merges counts and writes them in class order, leaving out classes with none', () => {
    const counts = new LanguageCounts()
    counts.add('other')
    counts.add('zh', 2)
    counts.merge({ en: 3, zh: 1 })
    expect(JSON.stringify(counts)).toBe('{"zh":3,"en":3,"other":1}')
    expect(new LanguageCounts().toJSON()).toEqual({})
  })
})
