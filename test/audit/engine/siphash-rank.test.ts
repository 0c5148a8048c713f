import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareRanked, Ranker, unitKey } from '../../../src/audit/sampling/rank.js'
import { hash64Hex, SipHash24 } from '../../../src/audit/sampling/siphash.js'
import { SeededRandom } from '../../../src/util/prng.js'
import { hex64, referenceRank, sipHashReference } from './engine-helpers.js'

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i)
const message = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => i)

/**
 * Rows of the reference implementation's vectors_sip64 (key 00..0f, message 00..len-1): the table
 * stores each output as 8 little-endian bytes; hash64Hex prints the u64 big-endian.
 */
const VECTORS_SIP64: ReadonlyArray<{ length: number; hex: string; bytes: readonly number[] }> = [
  { length: 0, hex: '726fdb47dd0e0e31', bytes: [0x31, 0x0e, 0x0e, 0xdd, 0x47, 0xdb, 0x6f, 0x72] },
  { length: 1, hex: '74f839c593dc67fd', bytes: [0xfd, 0x67, 0xdc, 0x93, 0xc5, 0x39, 0xf8, 0x74] },
  { length: 7, hex: 'ab0200f58b01d137', bytes: [0x37, 0xd1, 0x01, 0x8b, 0xf5, 0x00, 0x02, 0xab] },
  { length: 8, hex: '93f5f5799a932462', bytes: [0x62, 0x24, 0x93, 0x9a, 0x79, 0xf5, 0xf5, 0x93] },
  { length: 15, hex: 'a129ca6149be45e5', bytes: [0xe5, 0x45, 0xbe, 0x49, 0x61, 0xca, 0x29, 0xa1] },
  { length: 63, hex: '958a324ceb064572', bytes: [0x72, 0x45, 0x06, 0xeb, 0x4c, 0x32, 0x8a, 0x95] },
]

/** The hash as the reference stores it: lo's bytes then hi's, each little-endian. */
function littleEndianBytes(h: { hi: number; lo: number }): number[] {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setUint32(0, h.lo, true)
  new DataView(out.buffer).setUint32(4, h.hi, true)
  return [...out]
}

function randomBytes(rng: SeededRandom, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(rng.next() * 256))
}

describe('SipHash24 against the reference test vectors', () => {
  it('gives 726fdb47dd0e0e31 for the empty message and a129ca6149be45e5 for 15 bytes (key 00..0f)', () => {
    const sip = new SipHash24(KEY)
    expect(hash64Hex(sip.hash(message(0)))).toBe('726fdb47dd0e0e31')
    expect(hash64Hex(sip.hash(message(15)))).toBe('a129ca6149be45e5')
  })

  for (const { length, hex, bytes } of VECTORS_SIP64) {
    it(`matches vectors_sip64 for ${length} bytes: ${hex}`, () => {
      const h = new SipHash24(KEY).hash(message(length))
      expect(hash64Hex(h)).toBe(hex)
      expect(littleEndianBytes(h)).toEqual(bytes)
      // the BigInt reference of these tests agrees, so it can stand in for the table below
      expect(hex64(sipHashReference(KEY, message(length)))).toBe(hex)
    })
  }
})

describe('SipHash24 against an independent BigInt implementation', () => {
  it('agrees on 400 random keys and messages of every length 0–40', () => {
    const rng = new SeededRandom('siphash-random')
    for (let n = 0; n < 400; n++) {
      const key = randomBytes(rng, 16)
      const msg = randomBytes(rng, n % 41)
      expect(hash64Hex(new SipHash24(key).hash(msg)), `key ${Buffer.from(key).toString('hex')} msg ${Buffer.from(msg).toString('hex')}`).toBe(
        hex64(sipHashReference(key, msg)),
      )
    }
  })

  it('agrees on every length 0–300, so the length byte wraps at 256 as the reference does', () => {
    const rng = new SeededRandom('siphash-long')
    const key = randomBytes(rng, 16)
    const sip = new SipHash24(key)
    for (let length = 0; length <= 300; length++) {
      const msg = randomBytes(rng, length)
      expect(hash64Hex(sip.hash(msg)), `length ${length}`).toBe(hex64(sipHashReference(key, msg)))
    }
  })

  it('agrees on bytes with the top bit set in every position of the last block', () => {
    const key = Uint8Array.from({ length: 16 }, () => 0xff)
    for (let length = 0; length <= 16; length++) {
      const msg = Uint8Array.from({ length }, () => 0xff)
      expect(hash64Hex(new SipHash24(key).hash(msg))).toBe(hex64(sipHashReference(key, msg)))
    }
  })

  it('hashes only bytes[0, length) when a length is given', () => {
    const sip = new SipHash24(KEY)
    const buffer = Uint8Array.from({ length: 64 }, (_, i) => i)
    const prefix = hash64Hex(sip.hash(buffer, 15))
    expect(prefix).toBe('a129ca6149be45e5')
    expect(hash64Hex(sip.hash(buffer))).toBe(hex64(sipHashReference(KEY, buffer)))
  })

  it('returns the hasher itself and gives the same result when called again (no state carried over)', () => {
    const sip = new SipHash24(KEY)
    const first = sip.hash(message(15))
    expect(first).toBe(sip)
    sip.hash(message(63))
    expect(hash64Hex(sip.hash(message(15)))).toBe('a129ca6149be45e5')
  })

  it('refuses a key that is not 16 bytes', () => {
    expect(() => new SipHash24(new Uint8Array(15))).toThrow(RangeError)
    expect(() => new SipHash24(new Uint8Array(17))).toThrow(/16 bytes, got 17/)
  })

  it('prints the u64 big-endian with leading zeros', () => {
    expect(hash64Hex({ hi: 0x1, lo: 0xab })).toBe('00000001000000ab')
  })
})

describe('Ranker and unitKey', () => {
  it('joins item id and annotator with 0x1f, a missing annotator as ""', () => {
    expect(unitKey('42', 'alice')).toBe('42\u001falice')
    expect(unitKey('42', null)).toBe('42\u001f')
  })

  it('ranks as RANK_METHOD says: SipHash-2-4 keyed by the first 16 bytes of sha256(seed) over utf8(key)', () => {
    const cases: Array<[string, string, string | null]> = [
      ['seed-1', 'item-1', 'alice'],
      ['seed-1', 'item-1', null],
      ['another seed', '任务-17', '标注员甲'],
      ['seed-1', 'x'.repeat(200), 'a very long annotator name that forces the encode buffer to grow'],
      ['seed-1', '😀 emoji id', 'b'],
    ]
    for (const [seed, itemId, annotator] of cases) {
      const rank = new Ranker(seed).rank(unitKey(itemId, annotator))
      expect(hash64Hex(rank), `${seed} / ${itemId} / ${annotator}`).toBe(hex64(referenceRank(seed, itemId, annotator)))
    }
  })

  it('gives the same rank for a short key after a long one grew its buffer', () => {
    const ranker = new Ranker('seed-1')
    const before = hash64Hex(ranker.rank(unitKey('item-1', 'alice')))
    ranker.rank(unitKey('y'.repeat(5000), 'z'))
    expect(hash64Hex(ranker.rank(unitKey('item-1', 'alice')))).toBe(before)
  })

  it('uses the seed: another seed ranks the same unit differently', () => {
    const key = unitKey('item-1', 'alice')
    expect(hash64Hex(new Ranker('seed-1').rank(key))).not.toBe(hash64Hex(new Ranker('seed-2').rank(key)))
  })

  it('derives the key from sha256 of the seed as UTF-8', () => {
    const seed = 'séed'
    const key = createHash('sha256').update(Buffer.from(seed, 'utf8')).digest().subarray(0, 16)
    const expected = hash64Hex(new SipHash24(new Uint8Array(key)).hash(new TextEncoder().encode(unitKey('1', 'a'))))
    expect(hash64Hex(new Ranker(seed).rank(unitKey('1', 'a')))).toBe(expected)
  })

  it('compareRanked orders by hi, then lo (unsigned), then key', () => {
    expect(compareRanked({ hi: 1, lo: 0xffffffff, key: 'z' }, { hi: 2, lo: 0, key: 'a' })).toBe(-1)
    expect(compareRanked({ hi: 0x80000000, lo: 0, key: 'a' }, { hi: 0x7fffffff, lo: 0, key: 'a' })).toBe(1)
    expect(compareRanked({ hi: 5, lo: 1, key: 'z' }, { hi: 5, lo: 2, key: 'a' })).toBe(-1)
    expect(compareRanked({ hi: 5, lo: 2, key: 'b' }, { hi: 5, lo: 2, key: 'a' })).toBe(1)
    expect(compareRanked({ hi: 5, lo: 2, key: 'a' }, { hi: 5, lo: 2, key: 'a' })).toBe(0)
  })
})
