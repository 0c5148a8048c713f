import { describe, expect, it } from 'vitest'
import { PiiTally, scanForPii, scanValueForPii, type PiiType } from '../../../src/provenance/pii/index.js'
import { SeededRandom } from '../../../src/util/prng.js'
import { randomInt, validBankCard } from '../../helpers/pii-samples.js'

// Values checked by hand: see context.test.ts.
const ID = '110101199003071233'
const USCC_DIGITS = '911101080000000007'
const CARD = '4111111111111111'

function found(value: unknown, fieldName?: string): Array<[PiiType, string]> {
  const hits: Array<[PiiType, string]> = []
  scanValueForPii(value, { add: (type, raw) => hits.push([type, raw]) }, fieldName)
  return hits
}

describe('scanValueForPii: numeric values', () => {
  it('counts a JSON number or numeric string as a mobile only under a phone key', () => {
    expect(found({ order_id: 13812345678 })).toEqual([])
    expect(found({ order_id: '13812345678' })).toEqual([])
    expect(found({ note: '13812345678' })).toEqual([])
    expect(found({ phone: 13812345678 })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ 手机号: '13812345678' })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ 联系电话: '138 1234 5678' })).toEqual([['cn-mobile', '138 1234 5678']])
    expect(found({ mobilePhone: '+86-138-1234-5678' })).toEqual([['cn-mobile', '+86-138-1234-5678']])
    expect(found({ tel: ' 13812345678 ' })).toEqual([['cn-mobile', '13812345678']])
  })

  it('counts cards and credit codes only under their own keys', () => {
    expect(found({ amount: 4111111111111111 })).toEqual([])
    expect(found({ cardNo: 4111111111111111 })).toEqual([['bank-card', CARD]])
    expect(found({ card_no: '4111 1111 1111 1111' })).toEqual([['bank-card', '4111 1111 1111 1111']])
    expect(found({ 银行卡号: CARD })).toEqual([['bank-card', CARD]])
    expect(found({ phone: CARD })).toEqual([])
    expect(found({ code: USCC_DIGITS })).toEqual([])
    expect(found({ uscc: USCC_DIGITS })).toEqual([['cn-uscc', USCC_DIGITS]])
    expect(found({ 统一社会信用代码: USCC_DIGITS })).toEqual([['cn-uscc', USCC_DIGITS]])
  })

  it('counts a resident id under any key, as a string or a bigint', () => {
    expect(found({ x: ID })).toEqual([['cn-resident-id', ID]])
    expect(found({ x: BigInt(ID) })).toEqual([['cn-resident-id', ID]])
    expect(found({ card_no: ID })).toEqual([['cn-resident-id', ID]])
    // a JSON number this long has lost its last digits in parsing: 110101199003071230
    expect(found({ x: Number(ID) })).toEqual([])
  })

  it('skips decimals, negative numbers and integers beyond 2^53', () => {
    expect(found({ phone: 13812345678.5 })).toEqual([])
    expect(found({ phone: -13812345678 })).toEqual([])
    expect(found({ card: Number('4111111111111111111') })).toEqual([])
  })
})

describe('scanValueForPii: text values', () => {
  it('scans other strings as free text, with the key as extra context for glued digit runs', () => {
    expect(found({ note: '电话：13812345678' })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ text: 'call 13812345678 now' })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ note: 'x13812345678' })).toEqual([])
    expect(found({ phone: 'x13812345678' })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ email: 'a.b@example.com', other: 'write to c@example.org' })).toEqual([
      ['email', 'a.b@example.com'],
      ['email', 'c@example.org'],
    ])
  })

  it('takes the parent key as context, and gives array items their array’s key', () => {
    expect(found({ contact: { value: '13812345678' } })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ user: { value: '13812345678' } })).toEqual([])
    expect(found({ phones: ['13812345678', 13900001111] })).toEqual([
      ['cn-mobile', '13812345678'],
      ['cn-mobile', '13900001111'],
    ])
    expect(found({ phones: [{ value: '13812345678' }] })).toEqual([['cn-mobile', '13812345678']])
    // only the nearest key and its parent: two levels up is too far
    expect(found({ phone: { a: { b: '13812345678' } } })).toEqual([])
  })

  it('uses fieldName as the key of the value itself', () => {
    expect(found('13812345678', 'phone')).toEqual([['cn-mobile', '13812345678']])
    expect(found('13812345678')).toEqual([])
    expect(found('call 13812345678 now')).toEqual([['cn-mobile', '13812345678']])
    expect(found({ value: '13812345678' }, '手机')).toEqual([['cn-mobile', '13812345678']])
  })

  it('walks Maps and Sets, and scans keys', () => {
    expect(found(new Map<unknown, unknown>([['tel', 13812345678], [1, 'a@example.com']]))).toEqual([
      ['cn-mobile', '13812345678'],
      ['email', 'a@example.com'],
    ])
    expect(found({ phones: new Set(['13812345678']) })).toEqual([['cn-mobile', '13812345678']])
    expect(found({ 'alice@example.com': 3, phones: { '13812345678': true }, '13900001111': 1 })).toEqual([
      ['email', 'alice@example.com'],
      ['cn-mobile', '13812345678'],
    ])
  })

  it('skips buffers, typed arrays and dates, and survives cycles', () => {
    const bytes = Buffer.from('a.b@example.com 13812345678')
    expect(found({ phone: bytes, raw: new Uint8Array(bytes), at: new Date(13812345678) })).toEqual([])
    const cyclic: Record<string, unknown> = { email: 'a@example.com' }
    cyclic.self = cyclic
    cyclic.list = [cyclic]
    expect(found(cyclic)).toEqual([['email', 'a@example.com']])
  })

  it('walks a record nested a million levels deep without recursion', () => {
    let deep: unknown = { email: 'a@example.com' }
    for (let i = 0; i < 1_000_000; i++) deep = i % 2 === 0 ? [deep] : { x: deep }
    expect(found(deep)).toEqual([['email', 'a@example.com']])
  })

  it('scans megabyte values in linear time', () => {
    const started = performance.now()
    const tally = new PiiTally()
    // a near-numeric string that fails at its last character, and 70,000 glued numbers with context
    scanValueForPii({ phone: `${'1 '.repeat(500_000)}x`, note: 'tel13812345678'.repeat(70_000), card_no: '4111-'.repeat(200_000) }, tally)
    expect(tally.toJSON().counts).toEqual({ 'cn-mobile': 70_000 })
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('ignores booleans, null and undefined', () => {
    expect(found({ a: true, b: null, c: undefined, phone: false })).toEqual([])
  })
})

describe('a numeric table', () => {
  /**
   * 200 CSV-like rows (header → cell string, as the scan hands them over) of values that pass
   * checks by accident: mobile-shaped order ids (1[3-9] + 9 digits), Luhn-valid card-shaped
   * references, random integers, 13-digit millisecond timestamps, hex and digit hashes, prices.
   */
  function rows(): Array<Record<string, string>> {
    const rng = new SeededRandom('numeric-table')
    const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(rng, 0, 9))).join('')
    const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[randomInt(rng, 0, 15)]).join('')
    return Array.from({ length: 200 }, (_, i) => ({
      id: String(i + 1),
      order_id: `1${randomInt(rng, 3, 9)}${digits(9)}`,
      ref: validBankCard(rng).replace(/[ -]/g, ''),
      amount: String(randomInt(rng, 0, 2 ** 31)),
      big: digits(randomInt(rng, 11, 19)),
      ts: String(1_600_000_000_000 + randomInt(rng, 0, 100_000_000_000)),
      sha: hex(40),
      digest: `${digits(12)}${hex(8)}`,
      price: `${randomInt(rng, 1, 9999)}.${digits(2)}`,
    }))
  }

  it('holds no phone number, card or credit code', () => {
    const tally = new PiiTally()
    for (const row of rows()) scanValueForPii(row, tally)
    expect(tally.toJSON().counts).toEqual({})
  })

  it('would, read as lines of text (what the raw-line scan counted)', () => {
    const tally = new PiiTally()
    for (const row of rows()) scanForPii(Object.values(row).join(','), tally)
    const counts = tally.toJSON().counts
    // every order id is mobile-shaped and every reference a valid card: 200 each at least
    expect(counts['cn-mobile']).toBeGreaterThanOrEqual(200)
    expect(counts['bank-card']).toBeGreaterThanOrEqual(200)
  })

  it('counts the same values under a phone or card column, or after "电话："', () => {
    const orderIds = rows().map((row) => row.order_id!)
    const refs = rows().map((row) => row.ref!)
    const count = (records: unknown[]): Partial<Record<PiiType, number>> => {
      const tally = new PiiTally()
      for (const record of records) scanValueForPii(record, tally)
      return tally.toJSON().counts
    }
    expect(count(orderIds.map((phone) => ({ phone })))).toEqual({ 'cn-mobile': 200 })
    expect(count(orderIds.map((value) => ({ 手机号: value })))).toEqual({ 'cn-mobile': 200 })
    expect(count(orderIds.map((value) => ({ 手机号: Number(value) })))).toEqual({ 'cn-mobile': 200 })
    expect(count(orderIds.map((value) => ({ note: `电话：${value}` })))).toEqual({ 'cn-mobile': 200 })
    expect(count(refs.map((card_no) => ({ card_no })))).toEqual({ 'bank-card': 200 })
  })
})
