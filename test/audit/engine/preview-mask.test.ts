import { describe, expect, it } from 'vitest'
import { looksPersonal, maskPreview } from '../../../src/provenance/pii/mask-preview.js'
import { SeededRandom } from '../../../src/util/prng.js'
import { SAMPLE_GENERATORS } from '../../helpers/pii-samples.js'

/** Full-width digits, as an IME types them. */
const fullWidth = (text: string): string => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))

describe('maskPreview', () => {
  it('masks the four values the validated detectors let through', () => {
    // the detectors find this identity number and the mobile number below glued to letters: their typed masks stay
    expect(maskPreview('ID:110101199003071233abc')).toBe('ID:11**************33abc')
    expect(maskPreview('user_440305198512314561_file')).toBe('user_******************_file')
    // normalised first, the full-width number is a mobile number and gets its typed mask
    expect(maskPreview('１３８１２３４５６７８')).toBe('138****5678')
    expect(maskPreview('tel18600001111ext')).toBe('tel186****1111ext')
  })

  it('keeps the typed masks of validated values and masks e-mail-like and key-like tokens', () => {
    expect(maskPreview('call 13812345678 or li@example.com')).toBe('call 138****5678 or l***@example.com')
    expect(maskPreview('mail li@localhost.internal-x and a@b.c')).toBe('mail ***@*** and ***@***')
    expect(maskPreview('key sk-abcdefghijklmnop1234 here')).toBe('key sk-************ here')
    expect(maskPreview('AKIAIOSFODNN7EXAMPL2 end')).toBe('AKIA************ end')
    expect(maskPreview('token 0123456789abcdef0123456789abcdef!')).toBe('token ************!')
    expect(maskPreview('secret dGhpcyBpcyBhIHNlY3JldCBrZXkgMTIzNA== ok')).toBe('secret ************ ok')
    expect(maskPreview('phone 138 1234 567 end')).toBe('phone *** **** *** end')
  })

  it('leaves ordinary text alone: short numbers, times, long words', () => {
    for (const text of ['A cat sits on 3 mats at 10:30, room 12B. 价格 45 元。', 'order 123456 shipped', 'Pneumonoultramicroscopicsilicovolcanoconiosis is a word']) {
      expect(maskPreview(text)).toBe(text)
    }
  })

  it('leaves no generated personal value in clear, standing alone, glued to words or typed full-width', () => {
    const rng = new SeededRandom('preview-mask')
    for (const { type, valid, invalid } of SAMPLE_GENERATORS) {
      for (let n = 0; n < 40; n++) {
        // invalid values too: a check digit off by one is still someone's number to a reader
        const value = n % 2 === 0 ? valid(rng) : invalid(rng)
        for (const text of [`Contact: ${value} today.`, `ref_${value}_x`, `id${value}abc`, `备注${fullWidth(value)}。`]) {
          const masked = maskPreview(text)
          expect(masked, `${type}: ${text}`).not.toMatch(/\d(?:[ .-]?\d){6}/)
          if (type === 'email' && n % 2 === 0) expect(masked, text).not.toContain(value)
        }
      }
    }
  })
})

describe('looksPersonal', () => {
  it('says which field names are themselves personal values or secrets', () => {
    expect(['110101199003071233', 'user_440305198512314561', 'li@example.com', '１３８１２３４５６７８'].map(looksPersonal)).toEqual([true, true, true, true])
    expect(['text', 'user_id', 'phone', 'created_at', 'field_2024', 'label'].map(looksPersonal)).toEqual([false, false, false, false, false, false])
  })
})
