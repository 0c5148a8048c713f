import { describe, expect, it } from 'vitest'
import { PiiTally, type PiiTallyJson } from '../../../src/provenance/pii/tally.js'
import { PII_TYPES, SENSITIVE_PII } from '../../../src/provenance/pii/types.js'

describe('PiiTally', () => {
  it('counts values and keeps up to 3 distinct masked examples, first seen', () => {
    const tally = new PiiTally()
    for (const raw of ['13812345678', '13812345678', '+86 138 1234 5678', '13912345678', '13712340000', '13612349999']) tally.add('cn-mobile', raw)
    expect(tally.total).toBe(6)
    expect(tally.toJSON()).toEqual({ counts: { 'cn-mobile': 6 }, examples: { 'cn-mobile': ['138****5678', '139****5678', '137****0000'] } })
  })

  it('never stores a raw value', () => {
    const tally = new PiiTally()
    tally.add('email', 'secret.person@example.com')
    tally.add('cn-resident-id', '11010519491231002X')
    const json = JSON.stringify(tally)
    expect(json).not.toContain('secret.person')
    expect(json).not.toContain('19491231')
  })

  it('serialises counts and examples in PII_TYPES order, whatever the order of adding', () => {
    const a = new PiiTally()
    a.add('cloud-access-key', 'AKIAIOSFODNN7EXAMPLE')
    a.add('email', 'a@example.com')
    a.add('ipv4', '10.0.0.1')
    const b = new PiiTally()
    b.add('ipv4', '10.0.0.1')
    b.add('email', 'a@example.com')
    b.add('cloud-access-key', 'AKIAIOSFODNN7EXAMPLE')
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(Object.keys(a.toJSON().counts)).toEqual(['email', 'ipv4', 'cloud-access-key'])
    expect(Object.keys(a.toJSON().examples)).toEqual(['email', 'ipv4', 'cloud-access-key'])
  })

  it('serialises an empty tally as empty objects', () => {
    expect(new PiiTally().toJSON()).toEqual({ counts: {}, examples: {} })
    expect(new PiiTally().total).toBe(0)
  })

  it('merges counts and fills free example slots from the other tally, deduplicated', () => {
    const tally = new PiiTally()
    tally.add('email', 'alice@example.com')
    tally.add('email', 'bob@example.org')
    tally.merge({
      counts: { email: 5, ipv4: 2 },
      examples: { email: ['b***@example.org', 'c***@example.net', 'd***@example.io'], ipv4: ['10.*.*.*'] },
    })
    expect(tally.toJSON()).toEqual({
      counts: { email: 7, ipv4: 2 },
      examples: { email: ['a***@example.com', 'b***@example.org', 'c***@example.net'], ipv4: ['10.*.*.*'] },
    })
    expect(tally.total).toBe(9)
  })

  it('round-trips through JSON, and merging is independent of grouping', () => {
    const parts: PiiTallyJson[] = [
      { counts: { 'cn-mobile': 2 }, examples: { 'cn-mobile': ['138****5678'] } },
      { counts: { 'cn-mobile': 1, passport: 1 }, examples: { 'cn-mobile': ['139****0000'], passport: ['E******78'] } },
      { counts: { 'bank-card': 3 }, examples: { 'bank-card': ['6222 **** **** 1234'] } },
    ]
    const leftToRight = new PiiTally()
    for (const part of parts) leftToRight.merge(part)
    const nested = PiiTally.fromJSON(parts[0]!)
    const rest = PiiTally.fromJSON(parts[1]!)
    rest.merge(parts[2]!)
    nested.merge(rest.toJSON())
    expect(JSON.stringify(nested)).toBe(JSON.stringify(leftToRight))
    expect(PiiTally.fromJSON(JSON.parse(JSON.stringify(leftToRight)) as PiiTallyJson).toJSON()).toEqual(leftToRight.toJSON())
  })

  it('returns copies, so callers cannot change the tally through its JSON', () => {
    const tally = new PiiTally()
    tally.add('ipv4', '10.0.0.1')
    tally.toJSON().examples.ipv4!.push('x')
    expect(tally.toJSON().examples.ipv4).toEqual(['10.*.*.*'])
  })

  it('lists examples only for types that were counted', () => {
    const tally = PiiTally.fromJSON({ counts: { email: 0 }, examples: { email: ['a***@example.com'] } })
    expect(tally.toJSON()).toEqual({ counts: {}, examples: {} })
  })

  it('rejects unknown types and bad counts in merged JSON', () => {
    const tally = new PiiTally()
    expect(() => tally.merge({ counts: { 'us-ssn': 1 } as PiiTallyJson['counts'], examples: {} })).toThrow('pii tally: unknown type "us-ssn"')
    expect(() => tally.merge({ counts: { email: -1 }, examples: {} })).toThrow('pii tally: count of email must be a non-negative integer, got -1')
    expect(() => tally.merge({ counts: { email: 1.5 }, examples: {} })).toThrow('pii tally: count of email must be a non-negative integer, got 1.5')
  })
})

describe('SENSITIVE_PII', () => {
  it('holds identity documents, financial accounts and credentials', () => {
    expect([...SENSITIVE_PII].sort()).toEqual(['bank-card', 'cloud-access-key', 'cn-resident-id', 'passport', 'private-key'])
    for (const type of SENSITIVE_PII) expect(PII_TYPES).toContain(type)
  })
})
