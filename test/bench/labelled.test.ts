import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  gb11643CheckChar, gb11714CheckChar, gb32100CheckChar, isBankCardTruth, isEmailTruth, isMobileTruth, isResidentIdTruth,
  isUsccTruth, luhnDigit, luhnValid, normaliseText, PLANTED_TYPES, validTypesOf,
} from '../../bench/checkdigits.js'
import { encodeGbk, GBK_CODES } from '../../bench/gbk.js'
import { generateLabelled } from '../../bench/gen-labelled.js'
import type { LabelledSizes } from '../../bench/gen-labelled.js'
import { plantValue } from '../../bench/labelled-values.js'
import { Rng } from '../../bench/prng.js'
import { canonicalValue, dupFacts, tableFacts } from '../../bench/cases/labelled.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(() => removeTempDirs())

describe('GB 11643 resident identity number', () => {
  it('gives X for the standard\'s example 11010519491231002X', () => {
    // Σ a_i·W_i over 11010519491231002 with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; (12 − 2) mod 11 = 10 → X
    expect(gb11643CheckChar('11010519491231002')).toBe('X')
    expect(isResidentIdTruth('11010519491231002X')).toBe(true)
  })

  it('rejects a wrong check character, a lower-case x and an impossible date', () => {
    expect(isResidentIdTruth('110105194912310021')).toBe(false)
    expect(isResidentIdTruth('11010519491231002x')).toBe(false)
    // 1949-02-30 with the check character computed for it: only the date is wrong
    const first17 = '11010519490230002'
    expect(isResidentIdTruth(first17 + gb11643CheckChar(first17))).toBe(false)
    // 29 February exists in 2000 (divisible by 400) but not in 1900 (by 100)
    const leap = '11010520000229002'
    expect(isResidentIdTruth(leap + gb11643CheckChar(leap))).toBe(true)
    const notLeap = '11010519000229002'
    expect(isResidentIdTruth(notLeap + gb11643CheckChar(notLeap))).toBe(false)
  })
})

describe('Luhn and payment cards', () => {
  it('accepts the test numbers 4111111111111111 and 79927398713', () => {
    // 4111111111111111: eight undoubled 1s (8) + seven doubled 1s (14) + the doubled 4 (8) = 30
    expect(luhnValid('4111111111111111')).toBe(true)
    // Wikipedia's example: 7992739871 needs check digit 3
    expect(luhnDigit('7992739871')).toBe('3')
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
    expect(luhnValid('4111111111111112')).toBe(false)
  })

  it('counts as a card only a planted network\'s prefix and length', () => {
    expect(isBankCardTruth('4111111111111111')).toBe(true)
    expect(isBankCardTruth('79927398713')).toBe(false) // too short
    const unionPay = '621700000000000000' // 18 digits, 62
    expect(isBankCardTruth(unionPay.slice(0, 17) + luhnDigit(unionPay.slice(0, 17)))).toBe(true)
    const visa17 = '4111111111111111' + '0'
    expect(isBankCardTruth(visa17.slice(0, 16) + luhnDigit(visa17.slice(0, 16)))).toBe(false) // Visa issues 16 or 19
  })
})

describe('GB 32100 unified social credit code', () => {
  it('gives 3 for 91350100M000100Y43 and 4 for its organisation code M000100Y4', () => {
    // GB 11714 over M000100Y (M = 22, Y = 34) with W = 3 7 9 10 5 8 4 2: 66 + 5 + 68 = 139;
    // 139 mod 11 = 7; 11 − 7 = 4
    expect(gb11714CheckChar('M000100Y')).toBe('4')
    // GB 32100 (M = 21, Y = 30 in its alphabet) with W = 3^i mod 31:
    // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + 21·20 + 1·8 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    expect(gb32100CheckChar('91350100M000100Y4')).toBe('3')
    expect(isUsccTruth('91350100M000100Y43')).toBe(true)
  })

  it('rejects a wrong check character, a letter outside the alphabet and an unknown category', () => {
    expect(isUsccTruth('91350100M000100Y44')).toBe(false)
    expect(gb32100CheckChar('91350100O000100Y4')).toBeUndefined()
    // authority 9 (market regulation) has categories 1–3 only
    const first17 = '94350100M000100Y4'
    expect(isUsccTruth(first17 + gb32100CheckChar(first17)!)).toBe(false)
  })
})

describe('mobiles, e-mails and normalisation', () => {
  it('takes 1[3-9] + 9 digits as a mobile', () => {
    expect(isMobileTruth('13812345678')).toBe(true)
    expect(isMobileTruth('19912345678')).toBe(true)
    expect(isMobileTruth('12812345678')).toBe(false)
    expect(isMobileTruth('1381234567')).toBe(false)
  })

  it('tells well-formed addresses from malformed ones', () => {
    expect(isEmailTruth('li.chen+news@mail.example.com.cn')).toBe(true)
    for (const bad of ['a@@example.com', 'a@example', 'a@example.c', 'a..b@example.com', '@example.com', 'a@-example.com', 'a@example..com', 'a@ex_ample.com']) {
      expect(isEmailTruth(bad), bad).toBe(false)
    }
  })

  it('normalises NFKC, case and white space', () => {
    expect(normaliseText('  Ｄａｔａ\u3000SET\t\n 1 ')).toBe('data set 1')
  })

  it('compares reported spans without separators or a +86 prefix', () => {
    expect(canonicalValue('cn-mobile', '+86 138 1234 5678')).toBe('13812345678')
    expect(canonicalValue('bank-card', '4111-1111-1111-1111')).toBe('4111111111111111')
    expect(canonicalValue('email', 'A.B@Example.com')).toBe('a.b@example.com')
  })
})

describe('planted values', () => {
  it('are valid for their own type only, or for none', () => {
    const rng = new Rng(1)
    for (const type of PLANTED_TYPES) {
      for (let i = 0; i < 200; i++) {
        expect(validTypesOf(plantValue(rng, type, true).value)).toEqual([type])
        expect(validTypesOf(plantValue(rng, type, false).value)).toEqual([])
      }
    }
  })
})

describe('GBK table', () => {
  it('decodes entry by entry with ICU\'s GBK decoder', () => {
    const decoder = new TextDecoder('gbk')
    for (const [ch, code] of GBK_CODES) expect(decoder.decode(Buffer.from([code >> 8, code & 0xff])), ch).toBe(ch)
    expect(decoder.decode(encodeGbk('姓名,城市：abc 123'))).toBe('姓名,城市：abc 123')
    expect(() => encodeGbk('猫')).toThrow(/not in the bench's GBK table/)
  })
})

const TINY: LabelledSizes = { piiSentences: 60, numericRows: 40, dupRecords: 90, langRecords: 40, encRows: 30, parquetRows: 50 }

function allFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel)
    if (fs.statSync(file).isFile()) out.set(rel, fs.readFileSync(file))
  }
  return out
}

describe('generateLabelled', () => {
  it('writes the same bytes for the same seed, other bytes for another', async () => {
    const a = makeTempDir()
    const b = makeTempDir()
    const c = makeTempDir()
    await generateLabelled(a, TINY, 5)
    await generateLabelled(b, TINY, 5)
    await generateLabelled(c, TINY, 6)
    const fa = allFiles(a)
    const fb = allFiles(b)
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort())
    expect(fa.size).toBeGreaterThan(20)
    for (const [rel, bytes] of fa) expect(bytes.equals(fb.get(rel)!), rel).toBe(true)
    expect(fa.get('truth.json')!.equals(allFiles(c).get('truth.json')!)).toBe(false)
  })

  it('writes data that agrees with its truth', async () => {
    const dir = makeTempDir()
    const { truth } = await generateLabelled(dir, TINY, 7)
    // duplicates, recounted from the files
    for (const d of truth.duplicates) {
      const texts = d.files.flatMap((f) => fs.readFileSync(path.join(dir, f.path), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text))
      expect(texts.length).toBe(d.records)
      expect(d.records - new Set(texts.map(normaliseText)).size).toBe(d.duplicates)
      expect(d.withinFiles + d.acrossFiles).toBe(d.duplicates)
    }
    expect(truth.duplicates.find((d) => d.id === 'r30-single')!.duplicates).toBe(Math.round(TINY.dupRecords * 0.3))
    // the three CSVs hold one table
    const utf8 = fs.readFileSync(path.join(dir, 'enc/utf8.csv'), 'utf8')
    const utf16 = fs.readFileSync(path.join(dir, 'enc/utf16le-bom.csv'))
    expect([...utf16.subarray(0, 2)]).toEqual([0xff, 0xfe])
    expect(new TextDecoder('utf-16le').decode(utf16.subarray(2)).replace(/\r\n/g, '\n')).toBe(utf8)
    expect(new TextDecoder('gbk').decode(fs.readFileSync(path.join(dir, 'enc/gbk.csv'))).replace(/\r\n/g, '\n')).toBe(utf8)
    expect(utf8.split('\n')[0]).toBe(truth.encodings.files[0]!.fields.join(','))
    // every planted sentence holds its value
    for (const s of truth.pii.sentences.filter((x) => x.planted)) {
      const line = fs.readFileSync(path.join(dir, s.file), 'utf8').split('\n')[s.line - 1]!
      const text = s.file.endsWith('.jsonl') ? (JSON.parse(line) as { text: string }).text : line
      expect(text).toContain(s.planted!.written)
    }
    const classes = truth.languages.classes
    expect(classes.en + classes.zh + classes.code + classes.other).toBe(TINY.langRecords)
    expect(fs.readFileSync(path.join(dir, 'parquet/twin.parquet')).subarray(0, 4).toString()).toBe('PAR1')
  })
})

describe('case H reads manifests tolerantly', () => {
  it('reads the duplicate estimate when present and reports its absence', () => {
    const estimate = { rate: 0.3, low: 0.28, high: 0.32, confidence: 0.95, method: 'capture-recapture', sampledRecords: 3000 }
    const withEstimate = { content: { records: 3000, duplicates: { withinFiles: 10, acrossFiles: 5, acrossSources: 0, rate: 0.005, estimate } } }
    expect(dupFacts(withEstimate)).toEqual({ records: 3000, withinFiles: 10, acrossFiles: 5, rate: 0.005, estimate })
    expect(dupFacts({ content: { duplicates: { rate: 0 } } })).toEqual({ records: null, withinFiles: null, acrossFiles: null, rate: 0, estimate: null })
    expect(dupFacts(null).rate).toBeNull()
  })

  it('finds a file entry\'s encoding wherever it is, and survives a missing entry', () => {
    const manifest = {
      files: [{ path: 'gbk.csv', records: 2, schema: { fields: [{ name: '姓名' }] }, text: { encoding: 'gb18030' }, pii: { counts: { email: 1 } }, content: { duplicates: 0 } }],
    }
    expect(tableFacts(manifest, 'gbk.csv')).toEqual({ records: 2, fields: ['姓名'], encoding: 'gb18030', pii: { email: 1 }, duplicates: 0, languages: {} })
    expect(tableFacts(manifest, 'absent.csv')).toEqual({ records: null, fields: null, encoding: null, pii: {}, duplicates: null, languages: {} })
  })
})
