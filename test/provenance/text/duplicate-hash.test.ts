import { describe, expect, it } from 'vitest'
import { duplicateHash, duplicateKey, normaliseForDuplicates } from '../../../src/provenance/text/duplicate-hash.js'
import { SeededRandom } from '../../../src/util/prng.js'

describe('duplicateKey', () => {
  it('is 16 lower-case hex characters', () => {
    expect(duplicateKey('anything')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('is equal for texts that differ only in case, whitespace and width forms', () => {
    const key = duplicateKey('Hello World')
    for (const variant of ['hello world', '  HELLO   world\n', 'Hello\tWorld', 'ＨＥＬＬＯ　ＷＯＲＬＤ', 'Hello\u00a0World', 'Hello\r\n World ']) {
      expect(duplicateKey(variant), variant).toBe(key)
    }
    // compatibility forms: the ligature ﬁ and half-width katakana
    expect(duplicateKey('ﬁle')).toBe(duplicateKey('file'))
    expect(duplicateKey('ｶﾀｶﾅ')).toBe(duplicateKey('カタカナ'))
  })

  it('differs for different texts', () => {
    const keys = ['Hello World', 'Hello World!', 'Hello Wor ld', 'HelloWorld', '你好世界', '你好 世界', ''].map(duplicateKey)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps its value across releases (regression)', () => {
    // SHA-256("hello world") = b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9
    expect(duplicateKey('  Hello   World ')).toBe('b94d27b9934d3e08')
    expect(duplicateKey('')).toBe('e3b0c44298fc1c14')
  })

  it('normalises to NFKC, lower case and single spaces', () => {
    expect(normaliseForDuplicates(' Ａb\u3000\u3000C\n')).toBe('ab c')
  })

  it('collapses whitespace exactly as /\\s+/g → " " would', () => {
    const alphabet = ['a', 'B', ' ', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2028', 'é', '中']
    const random = new SeededRandom('whitespace')
    for (let i = 0; i < 2_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random.next() * 12) }, () => alphabet[Math.floor(random.next() * alphabet.length)]).join('')
      expect(normaliseForDuplicates(text), JSON.stringify(text)).toBe(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim())
    }
  })
})

describe('duplicateHash', () => {
  it('is a 53-bit integer, equal exactly when the normalised texts are equal', () => {
    expect(duplicateHash('  Hello   World ')).toBe(duplicateHash('hello world'))
    expect(duplicateHash('ﬁle')).toBe(duplicateHash('file'))
    expect(duplicateHash('hello world')).not.toBe(duplicateHash('hello world!'))
    // the folding inside the hash agrees with normaliseForDuplicates, whatever the whitespace
    const rng = new SeededRandom('dup-hash')
    const pieces = ['a', 'B', ' ', '\t', '\n', '\u3000', '\u00a0', 'ﬁ', 'Ａ', '中', '  ', '\r\n', 'x']
    for (let i = 0; i < 2000; i++) {
      const a = Array.from({ length: 1 + Math.floor(rng.next() * 8) }, () => pieces[Math.floor(rng.next() * pieces.length)]).join('')
      const b = Array.from({ length: 1 + Math.floor(rng.next() * 8) }, () => pieces[Math.floor(rng.next() * pieces.length)]).join('')
      expect(duplicateHash(a) === duplicateHash(b), JSON.stringify([a, b])).toBe(normaliseForDuplicates(a) === normaliseForDuplicates(b))
    }
    // 200k near-identical texts: no collision, every value a safe non-negative integer
    const hashes = Array.from({ length: 200_000 }, (_, i) => duplicateHash(`record number ${i}`))
    expect(hashes.every((h) => Number.isSafeInteger(h) && h >= 0 && h < 2 ** 53)).toBe(true)
    expect(new Set(hashes).size).toBe(200_000)
  })
})
