import { describe, expect, it } from 'vitest'
import { chooseContentFields, contentStrings } from '../../../src/provenance/text/content-fields.js'
import {
  DuplicateSampler,
  estimateDuplicates,
  RawJsonKeys,
  sampleKeyOfStrings,
  sampleKeyOfUtf8,
} from '../../../src/provenance/text/duplicate-sample.js'
import { SeededRandom } from '../../../src/util/prng.js'

const Z95 = 1.959963984540054

describe('content fields', () => {
  it('picks known names in prompt-before-response order, not ids or metadata', () => {
    expect(chooseContentFields({ id: 'a1', output: 'o', session: 'x', instruction: 'i', input: 'n' }).fields).toEqual(['instruction', 'input', 'output'])
    expect(chooseContentFields({ id: 7, text: 'hello', meta: { lang: 'en' } })).toEqual({ fields: ['text'], how: 'known' })
  })

  it('reads chat messages and ShareGPT conversations as lists of objects', () => {
    const chat = { id: 'c', messages: [{ role: 'user', content: 'hi there' }, { role: 'assistant', content: 'hello!' }] }
    const choice = chooseContentFields(chat)
    expect(choice.fields).toEqual(['messages[].content'])
    expect(contentStrings(chat, choice.fields)).toEqual(['hi there', 'hello!'])
    const share = { conversations: [{ from: 'human', value: 'q' }, { from: 'gpt', value: 'a' }] }
    expect(contentStrings(share, chooseContentFields(share).fields)).toEqual(['q', 'a'])
  })

  it('falls back to the longest strings that do not look like identifiers, hashes, dates or URLs', () => {
    const record = {
      uuid: '6f1c1b7e-9a55-4d2c-8d7e-1f2a3b4c5d6e',
      digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      created: '2024-05-01T12:00:00Z',
      homepage: 'https://example.org/a/very/long/path/that/is/not/text',
      body_md: 'A paragraph of real prose that is the content of this record.',
      note: 'short',
    }
    expect(chooseContentFields(record)).toEqual({ fields: ['body_md'], how: 'longest' })
  })

  it("does not take Prodigy's accept/reject decision for an answer text", () => {
    expect(chooseContentFields({ text: 'Transition plan for node-github', _input_hash: -1, answer: 'reject' }).fields).toEqual(['text'])
    expect(chooseContentFields({ question: 'Capital of France?', answer: 'Paris' }).fields).toEqual(['question', 'answer'])
  })

  it('uses the declared fields when tdgov.yaml names them', () => {
    expect(chooseContentFields({ text: 't', summary: 's' }, ['summary'])).toEqual({ fields: ['summary'], how: 'declared' })
  })
})

describe('sampling keys', () => {
  /** The key read from the raw line must equal the key of the parsed record's content strings. */
  function both(line: string, fields: string[]): [number | 'empty' | null, number | null] {
    const buf = Buffer.from(line)
    const raw = new RawJsonKeys(fields).sampleKey(buf, 0, buf.length)
    return [raw, sampleKeyOfStrings(contentStrings(JSON.parse(line), fields))]
  }

  it('reads the same key from raw JSON bytes as from the parsed strings, escapes and all', () => {
    for (const line of [
      '{"id":1,"text":"Hello World"}',
      '{"text":"line one\\nline two\\t\\"quoted\\" \\/ \\\\ back","id":2}',
      '{"id":3,"text":"\\u4e2d\\u6587 and \\ud83d\\ude00 emoji"}',
      '{"id":4,"text":"中文文本，没有转义"}',
      '{"id":5,"type":"text","text":"the name appears as a value first"}',
      '{"id":6, "text" :  "spaces around the colon"}',
      // a three-byte character across the 48-byte limit: "x" then 16 CJK characters
      `{"id":7,"text":"x${'中'.repeat(20)}"}`,
      `{"id":8,"text":"xx\\u4e2d${'文'.repeat(20)}"}`,
    ]) {
      const [raw, parsed] = both(line, ['text'])
      expect(raw, line).toBe(parsed)
      expect(parsed).not.toBeNull()
    }
  })

  it('takes the first and the last content string: a shared system prompt does not make every chat one cluster', () => {
    const a = '{"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"What is 2+2?"}]}'
    const b = '{"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Name a colour."}]}'
    const [rawA, parsedA] = both(a, ['messages[].content'])
    const [rawB] = both(b, ['messages[].content'])
    expect(rawA).toBe(parsedA)
    expect(rawA).not.toBe(rawB)
  })

  it('gives copies that differ only in ASCII case, whitespace and full-width forms the same key', () => {
    expect(sampleKeyOfStrings(['Hello   World\n'])).toBe(sampleKeyOfStrings(['hello world']))
    // ＨＥＬＬＯ，ｗｏｒｌｄ１ is "HELLO,world1" under NFKC
    expect(sampleKeyOfStrings(['\uff28\uff25\uff2c\uff2c\uff2f\uff0c\uff57\uff4f\uff52\uff4c\uff44\uff11'])).toBe(sampleKeyOfStrings(['hello,world1']))
    const wide = Buffer.from('{"text":"\uff28\uff29 \\uff2a"}')
    expect(new RawJsonKeys(['text']).sampleKey(wide, 0, wide.length)).toBe(sampleKeyOfStrings(['hij']))
    const line = Buffer.from('  HELLO world ')
    expect(sampleKeyOfUtf8(line, 0, line.length)).toBe(sampleKeyOfStrings(['hello world']))
  })

  it('says empty for missing, null and empty content, and asks for parsing when a value is not a string', () => {
    const keys = new RawJsonKeys(['text'])
    for (const line of ['{"id":1}', '{"text":null}', '{"text":""}', '{"text":"   "}']) {
      expect(keys.sampleKey(Buffer.from(line), 0, line.length), line).toBe('empty')
    }
    const list = '{"text":["a","b"]}'
    expect(keys.sampleKey(Buffer.from(list), 0, list.length)).toBeNull()
  })
})

describe('duplicate estimate', () => {
  it('is exact when every record is in the sample (threshold 1)', () => {
    // texts A A B across two files: 1 duplicate in 3 records
    const estimate = estimateDuplicates(
      [
        { threshold: 1, keys: [10, 100, 2], offered: 2 },
        { threshold: 1, keys: [20, 200, 1], offered: 1 },
      ],
      0,
      0.95,
      Z95,
    )
    expect(estimate).toMatchObject({ rate: 0.333333, low: 0.333333, high: 0.333334, threshold: 1, sampledRecords: 3, sampledDuplicates: 1, records: 3 })
  })

  it('merges the counts of one text kept by several files', () => {
    // text A twice in each of two files, text B once: 4 + 1 records, 2 distinct, 3 duplicates
    const estimate = estimateDuplicates(
      [
        { threshold: 1, keys: [10, 100, 2], offered: 2 },
        { threshold: 1, keys: [10, 100, 2, 20, 200, 1], offered: 3 },
      ],
      0,
      0.95,
      Z95,
    )
    expect(estimate).toMatchObject({ rate: 0.6, sampledRecords: 5, sampledDuplicates: 3 })
  })

  it('counts copies whose sampling keys differ as duplicates all the same', () => {
    // one text under two sampling keys (a letter-case variant outside ASCII, say): 1 duplicate in 2
    expect(estimateDuplicates([{ threshold: 1, keys: [7, 70, 1, 8, 70, 1], offered: 2 }], 0, 0.95, Z95)).toMatchObject({ rate: 0.5, sampledDuplicates: 1 })
  })

  it('gives the ratio estimator its cluster variance (hand calculation)', () => {
    // threshold 0.5 (keys below 2^31); clusters: key 1 holds one text twice (n 2, d 1), keys 2 and 3 one record each.
    // R = 1/4; residuals 1 − 0.25·2 = 0.5, −0.25, −0.25; Σe² = 0.375; V = (1 − 0.5)·0.375 / 4² = 0.01171875;
    // se = 0.108253; R ± 1.959964·se = 0.0378277 … 0.4621723.
    const estimate = estimateDuplicates([{ threshold: 0.5, keys: [1, 11, 2, 2, 22, 1, 3, 33, 1], offered: 8 }], 0, 0.95, Z95)
    expect(estimate).toMatchObject({ rate: 0.25, low: 0.037827, high: 0.462173, threshold: 0.5, sampledRecords: 4, sampledDuplicates: 1 })
  })

  it('keeps only records under the smallest threshold of all files, so every copy of a kept text is kept', () => {
    const high = 3 * 2 ** 30 // 0.75 of the key range
    const estimate = estimateDuplicates(
      [
        { threshold: 1, keys: [high, 1, 1, 5, 2, 1], offered: 2 },
        { threshold: 0.5, keys: [5, 2, 1], offered: 5 },
      ],
      1,
      0.95,
      Z95,
    )
    expect(estimate).toMatchObject({ threshold: 0.5, sampledRecords: 2, sampledDuplicates: 1, records: 7, uncoveredFiles: 1 })
  })

  it('counts copies of a kept text instead of keeping them, so the budget is in distinct texts', () => {
    const sampler = new DuplicateSampler(2)
    // five records of text 1 and one of text 2 under a budget of 2: nothing to halve
    for (const full of [1, 1, 2, 1, 1, 1]) sampler.add(full === 1 ? 100 : 200, () => full)
    expect(sampler.toJSON()).toEqual({ threshold: 1, keys: [100, 1, 5, 200, 2, 1], offered: 6 })
  })

  it('halves a file threshold when its sample outgrows the budget', () => {
    const sampler = new DuplicateSampler(2)
    // keys as fractions of 2^32: 0.1, 0.3, 0.6 → the third record makes 3 > 2: threshold 0.5 drops 0.6
    for (const [key, full] of [[0.1, 1], [0.3, 2], [0.6, 3]] as const) sampler.add(Math.floor(key * 2 ** 32), () => full)
    expect(sampler.toJSON()).toEqual({ threshold: 0.5, keys: [Math.floor(0.1 * 2 ** 32), 1, 1, Math.floor(0.3 * 2 ** 32), 2, 1], offered: 3 })
  })

  it('has intervals that hold the true rate about 95% of the time (simulated populations)', () => {
    const random = new SeededRandom('coverage')
    /** K distinct texts, each with `copies()` records and a uniform 32-bit sampling key; threshold t. */
    const covered = (K: number, copies: () => number, t: number): boolean => {
      const keys: number[] = []
      let records = 0
      for (let k = 0; k < K; k++) {
        const m = copies()
        records += m
        const sampleKey = Math.floor(random.next() * 2 ** 32)
        if (sampleKey / 2 ** 32 < t) keys.push(sampleKey, k, m)
      }
      const truth = (records - K) / records
      const e = estimateDuplicates([{ threshold: t, keys, offered: records }], 0, 0.95, Z95, Infinity)!
      return e.low <= truth && truth <= e.high
    }
    const cases: [string, number, () => number, number][] = [
      ['about 98%, uneven copies', 2000, () => 1 + Math.floor(-Math.log(random.nextOpen()) * 59), 1 / 8],
      ['about 30%', 20_000, () => (random.next() < 0.3 ? 1 + Math.ceil(random.next() * 2) : 1), 1 / 16],
      ['about 0.5%', 50_000, () => (random.next() < 0.005 ? 2 : 1), 1 / 8],
    ]
    for (const [name, K, copies, t] of cases) {
      let hits = 0
      for (let i = 0; i < 200; i++) if (covered(K, copies, t)) hits++
      expect(hits / 200, name).toBeGreaterThanOrEqual(0.9)
      expect(hits / 200, name).toBeLessThanOrEqual(0.995)
    }
  }, 60_000)

  it('gives an upper bound above 0 when the sample saw no duplicate', () => {
    const estimate = estimateDuplicates([{ threshold: 0.25, keys: [1, 1, 1, 2, 2, 1, 3, 3, 1], offered: 12 }], 0, 0.95, Z95)
    // rule of three over 3 clusters: −ln(0.05) / 3 = 0.998577…
    expect(estimate).toMatchObject({ rate: 0, low: 0, high: 0.998578 })
  })
})
