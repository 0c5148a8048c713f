import { describe, expect, it } from 'vitest'
import { CARD_CONTEXT, contextOfName, contextOfText, CREDIT_CODE_CONTEXT, IDENTITY_CONTEXT, PHONE_CONTEXT } from '../../../src/provenance/pii/context-words.js'
import { findPii, type TextContext } from '../../../src/provenance/pii/detect.js'
import type { PiiType } from '../../../src/provenance/pii/types.js'

/*
 * Values used here, checked by hand:
 * - 110101199003071233: Beijing Dongcheng (110101), born 1990-03-07, sequence 123; Σ digit × weight
 *   (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) = 174, 174 mod 11 = 9, "10X98765432"[9] = "3".
 * - 11010519491231002X: the GB 11643-1999 standard's own example.
 * - 911101080000000007: authority 9, category 1, region 110108 (Beijing Haidian), organisation code
 *   000000000; Σ value × weight (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28) = 9 + 3 + 9 + 27 + 26
 *   + 8 × 17 = 210, 210 mod 31 = 24, check (31 − 24) mod 31 = 7. All digits, so a numeric value can hold it.
 * - 4111111111111111: the Visa test card (Luhn sum 30).
 * - 13812345678, 18600001111: 1[3-9] + 9 digits, the mainland mobile shape (no check digit).
 */
const ID = '110101199003071233'
const USCC_DIGITS = '911101080000000007'
const CARD = '4111111111111111'

function find(text: string, context?: TextContext): Array<[PiiType, string]> {
  const hits: Array<[PiiType, string]> = []
  findPii(text, { add: (type, raw) => hits.push([type, raw]) }, context)
  return hits
}

describe('context words', () => {
  it('reads key and column names in English, camelCase, snake_case and Chinese', () => {
    for (const name of ['phone', 'Phone', 'PHONE_NUMBER', 'phoneNumber', 'user_phone', 'tel', 'Tel.', 'mobile1', 'cellPhone', 'contact', 'fax', '手机', '手机号', '电话', '联系方式', '联系电话', '联系人电话']) {
      expect(contextOfName(name), name).toBe(PHONE_CONTEXT)
    }
    for (const name of ['card', 'card_no', 'cardNo', 'CARD-NO', 'bank', 'bankAccount', 'account', 'acct_no', '卡号', '银行卡', '账号', '银行卡号']) {
      expect(contextOfName(name), name).toBe(CARD_CONTEXT)
    }
    for (const name of ['credit code', 'credit_code', 'creditCode', 'uscc', 'USCC', 'unified social credit code', 'unifiedSocialCreditCode', 'tax_id', '统一社会信用代码', '信用代码', '税号']) {
      expect(contextOfName(name), name).toBe(CREDIT_CODE_CONTEXT)
    }
    for (const name of ['id', 'ID', 'id_card', 'IDCard', 'identity', '身份证', '身份证号码']) {
      expect(contextOfName(name), name).toBe(IDENTITY_CONTEXT)
    }
  })

  it('matches whole words only, and no phrase across other characters', () => {
    for (const name of ['hotel', 'telemetry', 'cellar', 'scorecard', 'embankment', 'order_x', 'credit', 'code', 'credit/code', 'order', 'amount', 'value', '号码', '联系人']) {
      expect(contextOfName(name), name).toBe(0)
    }
    // a phrase means what it says: a credit card is a card, an id card and a tax id are not
    expect(contextOfName('credit_card')).toBe(CARD_CONTEXT)
    expect(contextOfName('id_card_no')).toBe(IDENTITY_CONTEXT)
    expect(contextOfName('taxId')).toBe(CREDIT_CODE_CONTEXT)
  })

  it('ignores a word cut by the edge of the range', () => {
    const text = 'mytel 13812345678'
    expect(contextOfText(text, 2, 5)).toBe(0) // "tel" is the end of "mytel"
    expect(contextOfText('tel mytel', 0, 3)).toBe(PHONE_CONTEXT)
  })
})

describe('numbers in free text', () => {
  it('counts a mobile number standing alone in prose, in Chinese and English', () => {
    expect(find('请拨打13812345678')).toEqual([['cn-mobile', '13812345678']])
    expect(find('call 13812345678 now')).toEqual([['cn-mobile', '13812345678']])
    expect(find(`卡号 ${CARD}`)).toEqual([['bank-card', CARD]])
    expect(find(`the number ${CARD} was`)).toEqual([['bank-card', CARD]])
  })

  it('counts strong types standing alone without any context', () => {
    expect(find(`x ${ID} y`)).toEqual([['cn-resident-id', ID]])
    expect(find('mail a.b@example.com')).toEqual([['email', 'a.b@example.com']])
  })
})

describe('digit runs inside longer tokens', () => {
  it('count with a context word in the token or near it', () => {
    expect(find('tel18600001111ext')).toEqual([['cn-mobile', '18600001111']])
    expect(find('mobile_13812345678')).toEqual([['cn-mobile', '13812345678']])
    expect(find('13812345678_phone')).toEqual([['cn-mobile', '13812345678']])
    expect(find('Tel-13812345678')).toEqual([['cn-mobile', '13812345678']])
    expect(find('联系电话：x13812345678')).toEqual([['cn-mobile', '13812345678']])
    expect(find('电话13812345678x')).toEqual([['cn-mobile', '13812345678']])
    expect(find(`card_no_${CARD}`)).toEqual([['bank-card', CARD]])
    expect(find(`银行卡号：No${CARD}`)).toEqual([['bank-card', CARD]])
    expect(find(`uscc_${USCC_DIGITS}`)).toEqual([['cn-uscc', USCC_DIGITS]])
    expect(find(`统一社会信用代码：X${USCC_DIGITS}`)).toEqual([['cn-uscc', USCC_DIGITS]])
  })

  it('need identity words for a resident id glued into a token', () => {
    expect(find(`ID:${ID}abc`)).toEqual([['cn-resident-id', ID]])
    expect(find(`身份证号11010519491231002Xabc`)).toEqual([['cn-resident-id', '11010519491231002X']])
    expect(find(`id_card=${ID}_v2`)).toEqual([['cn-resident-id', ID]])
    expect(find(`${ID}abc`)).toEqual([])
    expect(find(`sku_${ID}`)).toEqual([])
  })

  it('do not count without context', () => {
    for (const text of [
      'order_13812345678_x',
      'x13812345678',
      '13812345678x',
      'hotel18600001111',
      'user-13812345678',
      '13812345678-b',
      'report-13812345678.pdf',
      '13812345678.jpg',
      `ref_${CARD}`,
      `INV-${CARD}`,
      `code_${USCC_DIGITS}`,
      'a13812345678b13900001111c',
    ]) {
      expect(find(text), text).toEqual([])
    }
  })

  it('count with the key’s context instead of words', () => {
    expect(find('x13812345678', { keyContext: PHONE_CONTEXT })).toEqual([['cn-mobile', '13812345678']])
    expect(find(`ref_${CARD}`, { keyContext: CARD_CONTEXT })).toEqual([['bank-card', CARD]])
    expect(find('x13812345678', { keyContext: CARD_CONTEXT })).toEqual([])
  })

  it('finds every glued run of a token, in order', () => {
    expect(find('tel13812345678x13900001111')).toEqual([
      ['cn-mobile', '13812345678'],
      ['cn-mobile', '13900001111'],
    ])
  })

  it('never reads decimals, longer digit runs, e-mail local parts or "+" numbers as values, whatever the context', () => {
    for (const text of ['tel 0.13812345678', 'tel 13812345678.5', 'tel_138123456789', 'tel_1381234567', 'tel+13812345678x', 'phone 1.2.13812345678', 'tel_2138123456780']) {
      expect(find(text), text).toEqual([])
    }
    expect(find('tel13812345678@qq.com')).toEqual([['email', 'tel13812345678@qq.com']])
  })

  it('keeps landlines after a hyphenated label', () => {
    expect(find('Tel-010-62345678')).toEqual([['cn-landline', '010-62345678']])
  })
})

describe('numeric values', () => {
  const numeric = (keyContext = 0): TextContext => ({ numeric: true, keyContext })

  it('count as phone, card or credit code only with the key’s support', () => {
    expect(find('13812345678', numeric())).toEqual([])
    expect(find('138 1234 5678', numeric())).toEqual([])
    expect(find('+86 138 1234 5678', numeric())).toEqual([])
    expect(find('010-62345678', numeric())).toEqual([])
    expect(find('+1 415 555 2671', numeric())).toEqual([])
    expect(find(CARD, numeric())).toEqual([])
    expect(find(USCC_DIGITS, numeric())).toEqual([])
    expect(find('13812345678', numeric(PHONE_CONTEXT))).toEqual([['cn-mobile', '13812345678']])
    expect(find('+86 138 1234 5678', numeric(PHONE_CONTEXT))).toEqual([['cn-mobile', '+86 138 1234 5678']])
    expect(find('010-62345678', numeric(PHONE_CONTEXT))).toEqual([['cn-landline', '010-62345678']])
    expect(find('+1 415 555 2671', numeric(PHONE_CONTEXT))).toEqual([['phone-e164', '+1 415 555 2671']])
    expect(find('4111 1111 1111 1111', numeric(CARD_CONTEXT))).toEqual([['bank-card', '4111 1111 1111 1111']])
    expect(find(USCC_DIGITS, numeric(CREDIT_CODE_CONTEXT))).toEqual([['cn-uscc', USCC_DIGITS]])
    // each type needs its own context
    expect(find(CARD, numeric(PHONE_CONTEXT))).toEqual([])
    expect(find('13812345678', numeric(CARD_CONTEXT))).toEqual([])
  })

  it('count a resident id under any key', () => {
    expect(find(ID, numeric())).toEqual([['cn-resident-id', ID]])
    expect(find(ID, numeric(CARD_CONTEXT))).toEqual([['cn-resident-id', ID]])
  })
})
