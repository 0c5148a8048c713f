import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../../src/util/prng.js'
import { findPii, scanForPii } from '../../../src/provenance/pii/detect.js'
import { isValidResidentId } from '../../../src/provenance/pii/resident-id.js'
import { PiiTally } from '../../../src/provenance/pii/tally.js'
import type { PiiType } from '../../../src/provenance/pii/types.js'
import {
  invalidBankCard,
  invalidCnMobile,
  invalidLandline,
  invalidResidentId,
  pick,
  SAMPLE_GENERATORS,
  validResidentId,
  type Random,
} from '../../helpers/pii-samples.js'

function typesFound(text: string): PiiType[] {
  const types: PiiType[] = []
  findPii(text, { add: (type) => types.push(type) })
  return types
}

const FILLER = [
  'The annotators reviewed the samples in 2023 and again in 2024.',
  'Accuracy rose to 98.7% after 3 rounds; see section 4.2.',
  '我们在上午10:30完成了第二轮标注，共计1200条记录。',
  '数据来源包括公开网页与授权语料。',
  'Version 2.1 of the guidelines (page 17) explains the label set.',
]
/** What may stand right before and after a value in the generated text. */
const BEFORE = [' ', '：', '，', '\n', ' (', '“']
const AFTER = [' ', '。', '，', '\n', ') ', '”']

describe('sample generators', () => {
  it('valid values are found once, as their own type; invalid values are not found at all', () => {
    const rng = new SeededRandom('generators-contract')
    for (const { type, valid, invalid } of SAMPLE_GENERATORS) {
      for (let i = 0; i < 400; i++) {
        const good = valid(rng)
        expect(typesFound(` ${good} `), good).toEqual([type])
        const bad = invalid(rng)
        expect(typesFound(` ${bad} `), bad).toEqual([])
      }
    }
  })

  it('invalid resident ids fail exactly the rule they are named after', () => {
    const rng = new SeededRandom('invalid-id-kinds')
    for (let i = 0; i < 200; i++) {
      expect(isValidResidentId(validResidentId(rng))).toBe(true)
      for (const kind of ['check-digit', 'birth-date', 'province'] as const) expect(isValidResidentId(invalidResidentId(rng, kind)), kind).toBe(false)
    }
  })

  it('covers every kind of near-miss', () => {
    const rng = new SeededRandom('near-miss-kinds')
    for (const kind of ['luhn', 'issuer'] as const) expect(typesFound(` ${invalidBankCard(rng, kind)} `)).toEqual([])
    for (const kind of ['second-digit', 'too-short', 'too-long'] as const) expect(typesFound(` ${invalidCnMobile(rng, kind)} `)).toEqual([])
    for (const kind of ['subscriber-prefix', 'no-separator', 'no-trunk-zero'] as const) expect(typesFound(` ${invalidLandline(rng, kind)} `)).toEqual([])
  })

  it('are deterministic for a seed', () => {
    const draw = (rng: Random): string[] => SAMPLE_GENERATORS.flatMap(({ valid, invalid }) => [valid(rng), invalid(rng)])
    expect(draw(new SeededRandom('same'))).toEqual(draw(new SeededRandom('same')))
    expect(draw(new SeededRandom('same'))).not.toEqual(draw(new SeededRandom('other')))
  })
})

describe('scanForPii on mixed English and Chinese text', () => {
  it('counts exactly the valid values the generators produced', () => {
    const rng = new SeededRandom('mixed-text-counts')
    const expected: Partial<Record<PiiType, number>> = {}
    let text = ''
    for (let i = 0; i < 3000; i++) {
      text += pick(rng, FILLER)
      const { type, valid, invalid } = pick(rng, SAMPLE_GENERATORS)
      const isValid = rng.next() < 0.5
      text += pick(rng, BEFORE) + (isValid ? valid(rng) : invalid(rng)) + pick(rng, AFTER)
      if (isValid) expected[type] = (expected[type] ?? 0) + 1
    }
    const tally = new PiiTally()
    scanForPii(text, tally)
    expect(tally.toJSON().counts).toEqual(expected)
    expect(tally.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0))
  })

  it('gives the same tally whether a corpus is scanned whole or record by record and merged', () => {
    const rng = new SeededRandom('records-vs-whole')
    const records = Array.from({ length: 200 }, () => `${pick(rng, FILLER)} ${pick(rng, SAMPLE_GENERATORS).valid(rng)} ${pick(rng, FILLER)}`)
    const whole = new PiiTally()
    scanForPii(records.join('\n'), whole)
    const merged = new PiiTally()
    for (const record of records) {
      const perRecord = new PiiTally()
      scanForPii(record, perRecord)
      merged.merge(perRecord.toJSON())
    }
    expect(merged.toJSON()).toEqual(whole.toJSON())
  })
})
