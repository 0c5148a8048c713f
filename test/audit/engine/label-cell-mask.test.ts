import { describe, expect, it } from 'vitest'
import { labelCell } from '../../../src/audit/label-cell.js'
import { findPii } from '../../../src/provenance/pii/detect.js'
import { maskPii } from '../../../src/provenance/pii/mask.js'
import { maskPersonalValues } from '../../../src/provenance/pii/mask-text.js'
import type { PiiType } from '../../../src/provenance/pii/types.js'
import { SeededRandom } from '../../../src/util/prng.js'
import { SAMPLE_GENERATORS, validCnMobile, validEmail, validResidentId } from '../../helpers/pii-samples.js'

describe('labelCell', () => {
  it('is empty for no labels and the label itself for one', () => {
    expect(labelCell([])).toBe('')
    expect(labelCell(['cat'])).toBe('cat')
  })

  it('joins distinct labels with "; " in first-appearance order', () => {
    expect(labelCell(['dog', 'cat', 'bird'])).toBe('dog; cat; bird')
  })

  it('counts repeats as "×n" at the label’s first appearance', () => {
    expect(labelCell(['chesterfield', 'muratti', 'chesterfield', 'muratti', 'chesterfield', 'muratti', 'chesterfield', 'muratti', 'chesterfield', 'muratti'])).toBe(
      'chesterfield ×5; muratti ×5',
    )
    expect(labelCell(['b', 'a', 'b'])).toBe('b ×2; a')
  })

  it('keeps labels that differ only in case or spacing apart', () => {
    expect(labelCell(['Cat', 'cat', 'cat '])).toBe('Cat; cat; cat ')
  })
})

/** What the scanner reports for `text`: [type, raw] in text order. */
function detected(text: string): Array<[PiiType, string]> {
  const out: Array<[PiiType, string]> = []
  findPii(text, { add: (type, raw) => out.push([type, raw]) })
  return out
}

describe('maskPersonalValues', () => {
  it('returns text without personal values unchanged', () => {
    const text = 'A cat sits on 3 mats at 10:30, room 12B. 价格 45 元。'
    expect(detected(text)).toEqual([])
    expect(maskPersonalValues(text)).toBe(text)
  })

  for (const { type, valid } of SAMPLE_GENERATORS) {
    it(`masks valid ${type} values in running text and keeps the text around them`, () => {
      const rng = new SeededRandom(`mask-${type}`)
      for (let n = 0; n < 25; n++) {
        const value = valid(rng)
        const text = `Contact: ${value} today.`
        const found = detected(text)
        expect(found, text).toHaveLength(1)
        const [foundType, raw] = found[0]!
        expect(foundType).toBe(type)
        const masked = maskPersonalValues(text)
        expect(masked, text).not.toContain(raw)
        expect(masked).toBe(text.replace(raw, maskPii(type, raw)))
        expect(masked.startsWith('Contact: ')).toBe(true)
        expect(masked.endsWith(' today.')).toBe(true)
      }
    })
  }

  for (const { type, invalid } of SAMPLE_GENERATORS) {
    it(`leaves invalid ${type} values as they are`, () => {
      const rng = new SeededRandom(`keep-${type}`)
      for (let n = 0; n < 10; n++) {
        const text = `Ref ${invalid(rng)} end`
        expect(maskPersonalValues(text), text).toBe(text)
      }
    })
  }

  it('masks several values of different types in one text, in place', () => {
    const rng = new SeededRandom('several')
    const email = validEmail(rng)
    const id = validResidentId(rng)
    const mobile = validCnMobile(rng)
    const text = `用户 ${email}，身份证 ${id}，手机 ${mobile}。`
    const masked = maskPersonalValues(text)
    for (const value of [email, id, mobile]) expect(masked).not.toContain(value)
    const expected = detected(text).reduce((t, [type, raw]) => t.replace(raw, maskPii(type, raw)), text)
    expect(masked).toBe(expected)
    expect(masked).toMatch(/^用户 .\*\*\*@.+，身份证 \d\d\*{14}[0-9X]{2}，手机 .+。$/)
  })

  it('masks every occurrence of a value that appears twice', () => {
    const text = 'from li@example.com to li@example.com'
    expect(maskPersonalValues(text)).toBe('from l***@example.com to l***@example.com')
  })

  it('does not leave a detected value in clear when an undetected copy of it comes first', () => {
    // "13812345678x" is a token the scanner rightly skips; the later number on its own is a mobile
    const text = 'order 13812345678x, then call 13812345678 now'
    expect(detected(text)).toEqual([['cn-mobile', '13812345678']])
    const masked = maskPersonalValues(text)
    expect(masked).toContain('call 138****5678 now')
    expect(masked).not.toContain('13812345678')
  })

  it('treats regex characters in values literally', () => {
    const text = 'write to a.b+c@example.com or aXb+c@example.com'
    const masked = maskPersonalValues(text)
    expect(masked).not.toContain('a.b+c@example.com')
    expect(masked).toBe(detected(text).reduce((t, [type, raw]) => t.replace(raw, maskPii(type, raw)), text))
  })
})
