/**
 * Case H's data: generated text and tables with known, planted facts, and `truth.json` saying
 * exactly what was planted. Seeded (xoshiro128**), no clock: the same seed and sizes write the
 * same bytes. Everything goes under one folder (BENCH_DIR/labelled):
 *
 *   pii/{zh,en}.jsonl, pii/{zh,en}.txt   sentences with one planted value each (or none)
 *   numeric/tdgov.yaml, numeric/tables/  integer tables that hold no personal information
 *   dup/<case>/part-N.jsonl              known exact-duplicate rates, in one file and across 3
 *   lang/mix.jsonl                       zh / en / code / other records in known numbers
 *   enc/{utf8,utf16le-bom,gbk}.csv       one table in three encodings
 *   parquet/twin.{parquet,jsonl}         one table as Parquet and as JSONL
 *   truth.json                           what was planted (see LabelledTruth)
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ParquetWriter, fileWriter } from 'hyparquet-writer'
import type { SchemaElement } from 'hyparquet-writer'
import { isBankCardTruth, isMobileTruth, isResidentIdTruth, isUsccTruth, looksLikeCard, luhnDigit, normaliseText, PLANTED_TYPES } from './checkdigits.js'
import type { PlantedType } from './checkdigits.js'
import { encodeGbk } from './gbk.js'
import { benignSentence, plantValue, sentenceWith } from './labelled-values.js'
import type { PlantedValue } from './labelled-values.js'
import { Rng } from './prng.js'
import { chineseSentence, englishSentence, SentencePool } from './textgen.js'

/** Bump when the output changes, so a reused folder is generated again. */
export const LABELLED_GEN_VERSION = 1

export type LabelledScale = 'small' | 'full'
export const LABELLED_SCALES: readonly LabelledScale[] = ['small', 'full']

export interface LabelledSizes {
  piiSentences: number
  numericRows: number
  /** records per duplicate case (all its files together) */
  dupRecords: number
  langRecords: number
  encRows: number
  parquetRows: number
}

export const LABELLED_SIZES: Record<LabelledScale, LabelledSizes> = {
  full: { piiSentences: 6_000, numericRows: 50_000, dupRecords: 200_000, langRecords: 20_000, encRows: 2_000, parquetRows: 20_000 },
  small: { piiSentences: 600, numericRows: 2_000, dupRecords: 3_000, langRecords: 2_000, encRows: 200, parquetRows: 1_000 },
}

/** Planted exact-duplicate rates; each in one file and across DUP_FILES_MULTI files. */
export const DUP_RATES: readonly number[] = [0, 0.3, 0.99]
export const DUP_FILES_MULTI = 3

/** The language classes tdgov reports (src/records/vocabulary.ts), and their planted shares. */
export const LANGUAGE_SHARES: Readonly<Record<'en' | 'zh' | 'code' | 'other', number>> = { en: 0.5, zh: 0.3, code: 0.15, other: 0.05 }
export type LanguageClassName = keyof typeof LANGUAGE_SHARES

export type PiiCounts = Partial<Record<PlantedType, number>>

export interface PiiSentenceTruth {
  file: string
  /** 1-based line of the file */
  line: number
  lang: 'zh' | 'en'
  planted: PlantedValue | null
}

export interface PiiTruth {
  dir: string
  files: { path: string; format: 'jsonl' | 'text'; records: number }[]
  sentences: PiiSentenceTruth[]
  valid: Record<PlantedType, number>
  invalid: Record<PlantedType, number>
  benign: number
}

export interface NumericTruth {
  dir: string
  config: string
  source: string
  files: { path: string; format: 'csv' | 'jsonl'; records: number; fields: string[] }[]
  /** cells that happen to satisfy a rule; still not personal information */
  lookalikes: { mobileLike: number; cardLike: number; residentIdLike: number; usccLike: number }
  /** the facts a scan must report: no personal information at all, so no PII_WITHOUT_BASIS */
  expected: { pii: 0; piiWithoutBasis: false }
}

export interface DupCaseTruth {
  id: string
  dir: string
  plantedRate: number
  files: { path: string; records: number; duplicates: number }[]
  records: number
  distinct: number
  /** records − distinct normalised texts */
  duplicates: number
  withinFiles: number
  acrossFiles: number
  rate: number
}

export interface LanguageTruth {
  dir: string
  files: { path: string; records: number }[]
  records: number
  classes: Record<LanguageClassName, number>
}

export interface TableTruth {
  path: string
  format: 'csv' | 'jsonl' | 'parquet'
  encoding: 'utf-8' | 'utf-16le' | 'gbk'
  bom: boolean
  records: number
  fields: string[]
  /** planted (valid) personal values over all records */
  pii: PiiCounts
  distinct: number
  duplicates: number
  languages?: Partial<Record<LanguageClassName, number>>
}

export interface LabelledTruth {
  tool: 'tdgov-bench/labelled'
  version: number
  seed: number
  scale: LabelledScale | 'custom'
  sizes: LabelledSizes
  normalisation: string
  pii: PiiTruth
  numeric: NumericTruth
  duplicates: DupCaseTruth[]
  languages: LanguageTruth
  encodings: { dir: string; files: TableTruth[] }
  parquet: { dir: string; files: TableTruth[] }
  /** sha256 of every generated file but truth.json, by path */
  sha256: Record<string, string>
}

export interface LabelledResult {
  truth: LabelledTruth
  bytes: number
  files: number
  seconds: number
}

// ---------------------------------------------------------------------------------------------

function zeroCounts(): Record<PlantedType, number> {
  return Object.fromEntries(PLANTED_TYPES.map((t) => [t, 0])) as Record<PlantedType, number>
}

function write(root: string, rel: string, data: string | Uint8Array): void {
  const file = path.join(root, rel)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, data)
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const t = items[i] as T
    items[i] = items[j] as T
    items[j] = t
  }
  return items
}

/** Exact counts per class for `n` items, largest remainder first; the order of `shares` breaks ties. */
function apportion<K extends string>(n: number, shares: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(shares) as K[]
  const out = {} as Record<K, number>
  let left = n
  for (const k of keys) {
    out[k] = Math.floor(n * shares[k])
    left -= out[k]
  }
  const byRemainder = [...keys].sort((a, b) => n * shares[b] - out[b] - (n * shares[a] - out[a]))
  for (let i = 0; i < left; i++) out[byRemainder[i % keys.length] as K]++
  return out
}

// ---------------------------------------------------------------------------------------------
// personal information in sentences

function generatePii(root: string, rng: Rng, n: number): PiiTruth {
  const dir = 'pii'
  const names = { 'zh-jsonl': `${dir}/zh.jsonl`, 'en-jsonl': `${dir}/en.jsonl`, 'zh-text': `${dir}/zh.txt`, 'en-text': `${dir}/en.txt` } as const
  const lines: Record<keyof typeof names, string[]> = { 'zh-jsonl': [], 'en-jsonl': [], 'zh-text': [], 'en-text': [] }
  const sentences: PiiSentenceTruth[] = []
  const valid = zeroCounts()
  const invalid = zeroCounts()
  let benign = 0
  for (let i = 0; i < n; i++) {
    const lang = rng.chance(0.5) ? 'zh' : 'en'
    const format = rng.chance(0.5) ? 'jsonl' : 'text'
    let planted: PlantedValue | null = null
    let text: string
    if (rng.chance(0.2)) {
      text = benignSentence(rng, lang)
      benign++
    } else {
      const type = PLANTED_TYPES[i % PLANTED_TYPES.length] as PlantedType
      const isValid = rng.chance(0.6)
      const context = rng.chance(0.5)
      const v = plantValue(rng, type, isValid)
      planted = { type, written: v.value, valid: isValid, variant: v.variant, context }
      text = sentenceWith(rng, lang, type, v.value, context)
      if (isValid) valid[type]++
      else invalid[type]++
    }
    const key = `${lang}-${format}` as keyof typeof names
    const bucket = lines[key]
    bucket.push(format === 'jsonl' ? JSON.stringify({ id: i, text }) : text)
    sentences.push({ file: names[key], line: bucket.length, lang, planted })
  }
  const files: PiiTruth['files'] = []
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    write(root, names[key], lines[key].map((l) => `${l}\n`).join(''))
    files.push({ path: names[key], format: key.endsWith('jsonl') ? 'jsonl' : 'text', records: lines[key].length })
  }
  return { dir, files, sentences, valid, invalid, benign }
}

// ---------------------------------------------------------------------------------------------
// numeric tables

const HEX = '0123456789abcdef'

function hex(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += HEX[rng.int(0, 15)]
  return s
}

function digitRun(rng: Rng, n: number): string {
  let s = String(rng.int(1, 9))
  for (let i = 1; i < n; i++) s += String(rng.int(0, 9))
  return s
}

/** A 6–19-digit number: a quarter shaped like a mobile, a fifth Luhn-completed behind a card prefix. */
function tableNumber(rng: Rng): string {
  const r = rng.float()
  if (r < 0.25) return `1${rng.int(3, 9)}${digitRun(rng, 9).slice(0, 9)}`
  if (r < 0.45) {
    const length = rng.int(16, 19)
    const prefix = rng.pick(['62', '4', '51', '55'])
    const payload = prefix + digitRun(rng, length - 1 - prefix.length)
    return payload + luhnDigit(payload)
  }
  return digitRun(rng, rng.int(6, 19))
}

const NUMERIC_FIELDS = ['row', 'n', 'order_id', 'sha1', 'md5', 'ts_ms', 'ts_iso', 'price']

function generateNumeric(root: string, rng: Rng, rows: number): NumericTruth {
  const dir = 'numeric'
  const lookalikes = { mobileLike: 0, cardLike: 0, residentIdLike: 0, usccLike: 0 }
  const tally = (v: string): void => {
    if (isMobileTruth(v)) lookalikes.mobileLike++
    if (isBankCardTruth(v) || looksLikeCard(v)) lookalikes.cardLike++
    if (isResidentIdTruth(v)) lookalikes.residentIdLike++
    if (isUsccTruth(v)) lookalikes.usccLike++
  }
  const csv: string[] = [NUMERIC_FIELDS.join(',')]
  const jsonl: string[] = []
  for (const format of ['csv', 'jsonl'] as const) {
    for (let i = 1; i <= rows; i++) {
      const n = tableNumber(rng)
      const y = rng.int(2020, 2025)
      const orderId = `${y}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${digitRun(rng, 10)}`
      const tsMs = 1_600_000_000_000 + Math.floor(rng.float() * 150_000_000_000)
      const iso = new Date(tsMs).toISOString()
      const price = (rng.int(1, 9_999_999) / 100).toFixed(2)
      tally(n)
      tally(orderId)
      tally(String(tsMs))
      const sha1 = hex(rng, 40)
      const md5 = hex(rng, 32)
      if (format === 'csv') csv.push([i, n, orderId, sha1, md5, tsMs, iso, price].join(','))
      else jsonl.push(`{"row":${i},"n":${n},"order_id":"${orderId}","sha1":"${sha1}","md5":"${md5}","ts_ms":${tsMs},"ts_iso":"${iso}","price":${price}}`)
    }
  }
  const files: NumericTruth['files'] = [
    { path: `${dir}/tables/numbers.csv`, format: 'csv', records: rows, fields: NUMERIC_FIELDS },
    { path: `${dir}/tables/numbers.jsonl`, format: 'jsonl', records: rows, fields: NUMERIC_FIELDS },
  ]
  write(root, files[0]!.path, csv.map((l) => `${l}\n`).join(''))
  write(root, files[1]!.path, jsonl.map((l) => `${l}\n`).join(''))
  const source = 'machine-tables'
  const config =
    '# case H: machine-generated numeric tables; they hold no personal information\n' +
    'version: 1\n' +
    'dataset:\n  name: bench numeric tables\n  intended_use: research\n' +
    'sources:\n' +
    `  - id: ${source}\n` +
    '    name: Order ids, random integers, hashes, timestamps and prices written by a program\n' +
    '    kind: self-collected\n    domestic: true\n    license: CC0-1.0\n    personal_information: none\n' +
    '    paths: ["tables/**"]\n'
  write(root, `${dir}/tdgov.yaml`, config)
  return { dir, config: `${dir}/tdgov.yaml`, source, files, lookalikes, expected: { pii: 0, piiWithoutBasis: false } }
}

// ---------------------------------------------------------------------------------------------
// duplicates

const FULL_WIDTH_OFFSET = 0xff01 - 0x21

/** A copy that normalises to the same text: case, white space, full-width forms. */
function variantOf(rng: Rng, text: string): string {
  const kind = rng.int(0, 4)
  const out =
    kind === 0 ? text.toUpperCase()
    : kind === 1 ? text.replace(/ /g, '  ')
    : kind === 2 ? `  ${text}\t`
    : kind === 3 ? text.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET))
    : text.replace(' ', '\n')
  return normaliseText(out) === normaliseText(text) ? out : text
}

function generateDupCase(root: string, rng: Rng, pool: SentencePool, id: string, rate: number, records: number, nFiles: number): DupCaseTruth {
  const dir = `dup/${id}`
  const distinctPlanned = Math.max(1, Math.round(records * (1 - rate)))
  // every key once, then the repeats drawn uniformly; shuffled so repeats land anywhere in any file
  const keys: number[] = []
  for (let k = 0; k < distinctPlanned; k++) keys.push(k)
  for (let i = distinctPlanned; i < records; i++) keys.push(rng.int(0, distinctPlanned - 1))
  shuffle(rng, keys)
  const texts: string[] = new Array<string>(distinctPlanned)
  for (let k = 0; k < distinctPlanned; k++) {
    const zh = rng.chance(0.2)
    const s = rng.int(1, 3)
    const parts: string[] = []
    for (let j = 0; j < s; j++) parts.push(zh ? pool.zh(rng) : pool.en(rng))
    // the tag makes every key's text distinct, however the sentences fall
    texts[k] = `${parts.join(zh ? '' : ' ')} [${id}-${k.toString(36)}]`
  }
  const seen = new Set<string>()
  const files: DupCaseTruth['files'] = []
  let withinFiles = 0
  let acrossFiles = 0
  const per = Math.ceil(records / nFiles)
  for (let f = 0; f < nFiles; f++) {
    const inFile = new Set<string>()
    const lines: string[] = []
    let within = 0
    for (let i = f * per; i < Math.min(records, (f + 1) * per); i++) {
      const base = texts[keys[i] as number] as string
      const text = rng.chance(0.3) ? variantOf(rng, base) : base
      const norm = normaliseText(text)
      if (inFile.has(norm)) within++
      else if (seen.has(norm)) acrossFiles++
      inFile.add(norm)
      seen.add(norm)
      lines.push(`{"id":${i},"text":${JSON.stringify(text)}}\n`)
    }
    withinFiles += within
    const rel = `${dir}/part-${f}.jsonl`
    write(root, rel, lines.join(''))
    files.push({ path: rel, records: lines.length, duplicates: within })
  }
  const duplicates = records - seen.size
  if (duplicates !== withinFiles + acrossFiles) throw new Error(`dup ${id}: ${duplicates} duplicates but ${withinFiles} + ${acrossFiles} within + across`)
  return { id, dir, plantedRate: rate, files, records, distinct: seen.size, duplicates, withinFiles, acrossFiles, rate: duplicates / records }
}

// ---------------------------------------------------------------------------------------------
// languages

const IDENT = ['user', 'data', 'item', 'count', 'total', 'value', 'node', 'page', 'token', 'batch', 'order', 'score', 'row', 'path']
const TABLES = ['orders', 'users', 'events', 'documents', 'labels', 'samples']

function codeSnippet(rng: Rng): string {
  const a = rng.pick(IDENT)
  const b = rng.pick(IDENT)
  const n = rng.int(2, 500)
  switch (rng.int(0, 5)) {
    case 0:
      return `def ${a}_${b}(items, limit=${n}):\n    result = []\n    for item in items:\n        if item.${b} > limit:\n            result.append(item)\n    return result\n`
    case 1:
      return `const ${a}${b[0]!.toUpperCase()}${b.slice(1)} = async (${a}Id, opts = {}) => {\n  const res = await fetch(\`/api/${a}/\${${a}Id}?limit=${n}\`);\n  if (!res.ok) { throw new Error("HTTP " + res.status); }\n  return (await res.json()).${b};\n};\n`
    case 2:
      return `SELECT ${a}_id, COUNT(*) AS n, MAX(${b}) FROM ${rng.pick(TABLES)}\nWHERE ${b} >= ${n} AND ${a}_id IS NOT NULL\nGROUP BY ${a}_id ORDER BY n DESC LIMIT ${rng.int(5, 50)};\n`
    case 3:
      return `int ${a}_${b}(const char *s, size_t n) {\n    int total = 0;\n    for (size_t i = 0; i < n; i++) { total += s[i] == '${a[0]}'; }\n    return total > ${n} ? -1 : total;\n}\n`
    case 4:
      return `#!/bin/sh\nset -eu\nmkdir -p "$OUT/${a}"\nfor f in ./${b}/*.log; do\n  grep -c ERROR "$f" >> "$OUT/${a}/counts.txt" || true\ndone\n`
    default:
      return `fn ${a}_${b}(v: &[u32]) -> Option<u32> {\n    let s: u32 = v.iter().filter(|x| **x > ${n}).sum();\n    if s == 0 { None } else { Some(s) }\n}\n`
  }
}

const RU = 'данные модель обучение текст город школа история работа время человек вопрос ответ статья страница результат исследование качество источник система метод'.split(' ')
const EL = 'δεδομένα μοντέλο εκπαίδευση κείμενο πόλη σχολείο ιστορία εργασία χρόνος άνθρωπος ερώτηση απάντηση άρθρο σελίδα αποτέλεσμα έρευνα ποιότητα πηγή'.split(' ')

function otherSentence(rng: Rng): string {
  const words = rng.chance(0.5) ? RU : EL
  const n = rng.int(8, 16)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(rng.pick(words))
  const s = out.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + '.'
}

function languageText(rng: Rng, cls: LanguageClassName): string {
  if (cls === 'code') return codeSnippet(rng)
  const parts: string[] = []
  for (let k = rng.int(2, 4); k > 0; k--) parts.push(cls === 'zh' ? chineseSentence(rng) : cls === 'en' ? englishSentence(rng) : otherSentence(rng))
  return parts.join(cls === 'zh' ? '' : ' ')
}

function generateLanguages(root: string, rng: Rng, n: number): LanguageTruth {
  const dir = 'lang'
  const classes = apportion(n, LANGUAGE_SHARES)
  const order: LanguageClassName[] = []
  for (const cls of Object.keys(classes) as LanguageClassName[]) for (let i = 0; i < classes[cls]; i++) order.push(cls)
  shuffle(rng, order)
  const lines = order.map((cls, i) => `${JSON.stringify({ id: i, text: languageText(rng, cls) })}\n`)
  const rel = `${dir}/mix.jsonl`
  write(root, rel, lines.join(''))
  return { dir, files: [{ path: rel, records: n }], records: n, classes }
}

// ---------------------------------------------------------------------------------------------
// encodings (only characters of the GBK table in bench/gbk.ts)

const SURNAMES = [...'张王李刘陈杨赵黄周吴']
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华']
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '重庆', '天津', '苏州']
const REMARKS = ['客户已联系', '订单完成', '退款待处理', '发货地址变更', '产品质量良好', '需要回访', '客户投诉', '咨询产品', '满意']
export const ENC_FIELDS = ['姓名', '城市', '备注', '金额']

interface TableRows {
  rows: string[][]
  pii: PiiCounts
  distinct: number
}

function encodingRows(rng: Rng, n: number): TableRows {
  const rows: string[][] = []
  const pii: PiiCounts = {}
  const count = (row: string[]): void => {
    const remark = row[2] as string
    if (/\d{11}/.test(remark)) pii['cn-mobile'] = (pii['cn-mobile'] ?? 0) + 1
    if (remark.includes('@')) pii.email = (pii.email ?? 0) + 1
  }
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng.chance(0.1)) {
      const copy = [...(rows[rng.int(0, rows.length - 1)] as string[])]
      rows.push(copy)
      count(copy)
      continue
    }
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.5) ? rng.pick(GIVEN) : '')
    let remark = rng.pick(REMARKS) + (rng.chance(0.5) ? `，${rng.pick(REMARKS)}` : '') + '。'
    const r = rng.float()
    if (r < 0.2) remark += `电话：1${rng.int(3, 9)}${digitRun(rng, 9)}`
    else if (r < 0.3) remark += `邮箱：${rng.pick(['li', 'wang', 'chen', 'zhou'])}${rng.int(1, 999)}@example.cn`
    const row = [name, rng.pick(CITIES), remark, (rng.int(100, 999_999) / 100).toFixed(2)]
    rows.push(row)
    count(row)
  }
  // Duplicates are of the content, the text columns (name, city, remark): the amount is a number
  // column, which a scan does not take for content, so rows differing only there are copies.
  const distinct = new Set(rows.map((r) => normaliseText(r.slice(0, 3).join('\n')))).size
  return { rows, pii, distinct }
}

function generateEncodings(root: string, rng: Rng, n: number): { dir: string; files: TableTruth[] } {
  const dir = 'enc'
  const t = encodingRows(rng, n)
  const csvText = (eol: string): string => [ENC_FIELDS, ...t.rows].map((r) => r.join(',') + eol).join('')
  const base = { format: 'csv' as const, records: n, fields: ENC_FIELDS, pii: t.pii, distinct: t.distinct, duplicates: n - t.distinct }
  const files: TableTruth[] = [
    { ...base, path: `${dir}/utf8.csv`, encoding: 'utf-8', bom: false },
    { ...base, path: `${dir}/utf16le-bom.csv`, encoding: 'utf-16le', bom: true },
    { ...base, path: `${dir}/gbk.csv`, encoding: 'gbk', bom: false },
  ]
  write(root, files[0]!.path, csvText('\n'))
  write(root, files[1]!.path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText('\r\n'), 'utf16le')]))
  write(root, files[2]!.path, encodeGbk(csvText('\r\n')))
  return { dir, files }
}

// ---------------------------------------------------------------------------------------------
// Parquet and its JSONL twin

const TWIN_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 3 },
  { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'lang', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
]
export const TWIN_FIELDS = ['id', 'text', 'lang']

async function generateParquetTwin(root: string, rng: Rng, n: number): Promise<{ dir: string; files: TableTruth[] }> {
  const dir = 'parquet'
  const text: string[] = []
  const lang: string[] = []
  /** the type planted in each row, if any */
  const planted: (PlantedType | null)[] = []
  const pii: PiiCounts = {}
  const languages: Partial<Record<LanguageClassName, number>> = {}
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng.chance(0.1)) {
      const j = rng.int(0, i - 1)
      text.push(text[j] as string)
      lang.push(lang[j] as string)
      planted.push(planted[j] ?? null)
    } else {
      const zh = rng.chance(0.4)
      const parts: string[] = []
      for (let k = rng.int(1, 3); k > 0; k--) parts.push(zh ? chineseSentence(rng) : englishSentence(rng))
      let t = parts.join(zh ? '' : ' ')
      const r = rng.float()
      const number = `1${rng.int(3, 9)}${digitRun(rng, 9)}`
      const address = `${rng.pick(['li', 'wang', 'anna', 'john'])}.${rng.pick(['chen', 'smith', 'zhou'])}${rng.int(1, 99)}@example.com`
      if (r < 0.15) t += zh ? `联系电话：${number}。` : ` Call ${number} for details.`
      else if (r < 0.25) t += zh ? `邮箱：${address}。` : ` Contact: ${address}.`
      text.push(t)
      lang.push(zh ? 'zh' : 'en')
      planted.push(r < 0.15 ? 'cn-mobile' : r < 0.25 ? 'email' : null)
    }
    const type = planted[i]
    if (type) pii[type] = (pii[type] ?? 0) + 1
    const cls = lang[i] as LanguageClassName
    languages[cls] = (languages[cls] ?? 0) + 1
  }
  const distinct = new Set(text.map((t, i) => normaliseText(`${t}\n${lang[i]}`))).size
  const base = { records: n, fields: TWIN_FIELDS, pii, distinct, duplicates: n - distinct, encoding: 'utf-8' as const, bom: false, languages }
  const files: TableTruth[] = [
    { ...base, path: `${dir}/twin.parquet`, format: 'parquet' },
    { ...base, path: `${dir}/twin.jsonl`, format: 'jsonl' },
  ]
  fs.mkdirSync(path.join(root, dir), { recursive: true })
  const writer = new ParquetWriter({ writer: fileWriter(path.join(root, files[0]!.path)), schema: TWIN_SCHEMA, codec: 'SNAPPY', createdBy: 'tdgov-bench' })
  const ids = new BigInt64Array(n)
  for (let i = 0; i < n; i++) ids[i] = BigInt(i)
  await writer.write({
    columnData: [
      { name: 'id', data: ids },
      { name: 'text', data: text },
      { name: 'lang', data: lang },
    ],
    rowGroupSize: 10_000,
  })
  await writer.finish()
  write(root, files[1]!.path, text.map((t, i) => `${JSON.stringify({ id: i, text: t, lang: lang[i] })}\n`).join(''))
  return { dir, files }
}

// ---------------------------------------------------------------------------------------------

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) out.push(...listFiles(root, p))
    else out.push(p)
  }
  return out
}

/**
 * Writes case H's data into `root` (emptied first) and its truth into `root/truth.json`. `sizes`
 * may be a scale name or explicit sizes (tests use tiny ones).
 */
export async function generateLabelled(root: string, scale: LabelledScale | LabelledSizes, seed: number): Promise<LabelledResult> {
  const t0 = process.hrtime.bigint()
  const sizes = typeof scale === 'string' ? LABELLED_SIZES[scale] : scale
  fs.rmSync(root, { recursive: true, force: true })
  fs.mkdirSync(root, { recursive: true })
  // one stream per part, so changing one part's size leaves the others' bytes alone
  const rng = (part: number): Rng => new Rng(seed * 16 + part)
  const pii = generatePii(root, rng(1), sizes.piiSentences)
  const numeric = generateNumeric(root, rng(2), sizes.numericRows)
  const poolRng = rng(3)
  const pool = new SentencePool(poolRng, 16_384)
  const duplicates: DupCaseTruth[] = []
  for (const rate of DUP_RATES) {
    for (const nFiles of [1, DUP_FILES_MULTI]) {
      const id = `r${String(Math.round(rate * 100)).padStart(2, '0')}-${nFiles === 1 ? 'single' : `multi${nFiles}`}`
      duplicates.push(generateDupCase(root, rng(10 + duplicates.length), pool, id, rate, sizes.dupRecords, nFiles))
    }
  }
  const languages = generateLanguages(root, rng(4), sizes.langRecords)
  const encodings = generateEncodings(root, rng(5), sizes.encRows)
  const parquet = await generateParquetTwin(root, rng(6), sizes.parquetRows)
  const sha256: Record<string, string> = {}
  let bytes = 0
  const files = listFiles(root)
  for (const rel of files) {
    const data = fs.readFileSync(path.join(root, rel))
    bytes += data.length
    sha256[rel] = crypto.createHash('sha256').update(data).digest('hex')
  }
  const truth: LabelledTruth = {
    tool: 'tdgov-bench/labelled',
    version: LABELLED_GEN_VERSION,
    seed,
    scale: typeof scale === 'string' ? scale : 'custom',
    sizes,
    normalisation: 'NFKC, lower case, every run of white space (\\s+) as one space, trimmed',
    pii,
    numeric,
    duplicates,
    languages,
    encodings,
    parquet,
    sha256,
  }
  const truthText = JSON.stringify(truth) + '\n'
  write(root, 'truth.json', truthText)
  return { truth, bytes: bytes + Buffer.byteLength(truthText), files: files.length + 1, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }
}
