import { describe, expect, it } from 'vitest'
import { RecordFacts, TOKEN_TEXT_BUDGET } from '../../src/provenance/record-facts.js'

const facts = (pii: 'off' | 'sample' | 'full' = 'sample'): RecordFacts => new RecordFacts({ relPath: 'a.jsonl', pii, tokens: 'estimate' })

describe('RecordFacts', () => {
  it('counts empty records, duplicates under normalisation, languages and licence fields', () => {
    const f = facts()
    const records = [
      { text: 'Hello   World', license: 'cc-by-4.0' },
      { text: 'hello world', license: 'cc-by-4.0' },
      { text: '你好，世界。这是一个中文句子。', licence: ['MIT', 'Apache-2.0'] },
      { text: '', id: 7 },
      { text: 'def f(x):\n    return x + 1\n' },
    ]
    records.forEach((r, i) => f.addRecord(r, JSON.stringify(r), i + 1))
    const { content, duplicateKeys } = f.result()
    expect(content).toMatchObject({ records: 5, empty: 1, duplicates: 1, languages: { zh: 1, en: 2, code: 1 } })
    expect(content!.licences).toEqual({ 'Apache-2.0': 1, MIT: 1, 'cc-by-4.0': 2 })
    expect(duplicateKeys.length).toBe(3)
  })

  it('searches the analysed records for personal information in sample mode, and only raw text in full mode', () => {
    const sample = facts('sample')
    sample.addRecord({ text: 'call 13812345678' }, '{"text":"call 13812345678"}', 1)
    expect(sample.result().pii).toMatchObject({ records: 1, counts: { 'cn-mobile': 1 }, examples: { 'cn-mobile': ['138****5678'] } })

    const full = facts('full')
    expect(full.wantsEveryRecord).toBe(true)
    full.addRaw('{"text":"call 13812345678"}')
    full.addRaw('{"text":"nothing"}')
    full.addRecord({ text: 'call 13812345678' }, '{"text":"call 13812345678"}', 1)
    expect(full.result().pii).toMatchObject({ records: 2, counts: { 'cn-mobile': 1 } })

    const off = facts('off')
    off.addRecord({ text: 'call 13812345678' }, '{"text":"call 13812345678"}', 1)
    expect(off.result().pii).toBeNull()
  })

  it('offers a subsample for tokenising that fits the budget and does not depend on record order', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `record ${i} ` + 'word '.repeat(100 + (i % 50)))
    const forward = facts()
    texts.forEach((t, i) => forward.addRecord(t, t, i + 1))
    const backward = facts()
    for (let i = texts.length - 1; i >= 0; i--) backward.addRecord(texts[i]!, texts[i]!, i + 1)
    const a = forward.result().tokenCandidates
    const b = backward.result().tokenCandidates
    const chars = a.reduce((sum, c) => sum + c.text.length, 0)
    expect(chars).toBeGreaterThanOrEqual(TOKEN_TEXT_BUDGET)
    expect(chars - a[a.length - 1]!.text.length).toBeLessThan(TOKEN_TEXT_BUDGET)
    expect(new Set(a.map((c) => c.text))).toEqual(new Set(b.map((c) => c.text)))
    expect(a.length).toBeLessThan(texts.length)
  })
})
