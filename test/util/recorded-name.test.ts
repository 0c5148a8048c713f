import { describe, expect, it } from 'vitest'
import { fsPathOf, nameBytes, recordedName } from '../../src/util/recorded-name.js'

describe('recorded names', () => {
  it('records a UTF-8 name as it is, control characters and line separators included', () => {
    for (const name of ['plain.jsonl', 'cr\rname', 'nl\nname', 'ls\u2028ps\u2029', '中文.txt', 'a\\b.txt', 'back\\']) {
      expect(recordedName(Buffer.from(name))).toEqual({ name, escaped: false })
    }
  })

  it('escapes bytes that are not UTF-8 as \\xNN and doubles backslashes in such a name', () => {
    // GBK 中 (d6 d0), a lone continuation byte, a truncated 3-byte sequence, an overlong "/" (c0 af), a surrogate (ed a0 80)
    const cases: [number[], string][] = [
      [[0x62, 0xff, 0x2e, 0x6a], 'b\\xff.j'],
      [[0xd6, 0xd0], '\\xd6\\xd0'],
      [[0x61, 0x80], 'a\\x80'],
      [[0xe4, 0xb8], '\\xe4\\xb8'],
      [[0xc0, 0xaf], '\\xc0\\xaf'],
      [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
      [[0x5c, 0xff, 0xe4, 0xb8, 0xad], '\\\\\\xff中'],
    ]
    for (const [bytes, expected] of cases) {
      expect(recordedName(Buffer.from(bytes))).toEqual({ name: expected, escaped: true, reason: 'not-utf8' })
      expect([...nameBytes(expected)]).toEqual(bytes)
    }
  })

  it('escapes a UTF-8 name that holds an escape itself, so no two names record alike', () => {
    expect(recordedName(Buffer.from('a\\xffb'))).toEqual({ name: 'a\\\\xffb', escaped: true, reason: 'backslash' })
    expect(recordedName(Buffer.from('a\\\\b'))).toEqual({ name: 'a\\\\\\\\b', escaped: true, reason: 'backslash' })
    // the literal name `a\xffb` and the bytes a, 0xff, b
    expect(recordedName(Buffer.from('a\\xffb')).name).not.toBe(recordedName(Buffer.from([0x61, 0xff, 0x62])).name)
    expect(nameBytes('a\\\\xffb').toString('utf8')).toBe('a\\xffb')
  })

  it('opens a recorded path by its exact bytes only when some part of it was escaped', () => {
    expect(fsPathOf('/data', 'a/b.jsonl')).toBe('/data/a/b.jsonl')
    expect(fsPathOf('/data', 'a\\b/c')).toBe('/data/a\\b/c')
    const bytes = fsPathOf('/data', 'd\\xfe/in.jsonl')
    expect(Buffer.isBuffer(bytes) && [...bytes]).toEqual([...Buffer.from('/data/d'), 0xfe, ...Buffer.from('/in.jsonl')])
  })
})
