import { sortedObject } from '../util/order.js'
import { DEFAULT_MAX_JSON_DEPTH, jsonNestsDeeperThan, jsonObjectCut, MEMBERS_PER_FIELD } from '../util/json-depth.js'
import { scanForPii, scanValueForPii, PiiTally, type PiiTallyJson } from './pii/index.js'
import { classifyLanguage, duplicateHash, LanguageCounts, LengthStats, loadTokenCounter, type LanguageCountsJson } from './text/index.js'
import { ALL_STRINGS, chooseContentFields, contentStrings, type ContentFieldChoice } from './text/content-fields.js'
import { DuplicateSampler, RawJsonKeys, sampleKeyOfStrings, sampleKeyOfUtf8, type DuplicateSampleJson } from './text/duplicate-sample.js'
import { urlOf, UrlTally, type UrlFacts } from './url-domains.js'

export type PiiMode = 'off' | 'sample' | 'full'
export type TokenMode = 'off' | 'estimate' | 'exact'

export interface RecordFactsOptions {
  relPath: string
  pii: PiiMode
  tokens: TokenMode
  /** the file's size, from which the duplicate sample guesses how many records to expect */
  bytes?: number
  /** every record reaches addRecord (--deep): the duplicate sample is then drawn from them */
  deep?: boolean
  /** tdgov.yaml's content_fields for the file's source */
  contentFields?: readonly string[]
  /** told of every analysed record (data-item audits read records through the scan's readers) */
  onRecord?: (record: AnalysedRecord) => void
  /** records nested deeper than this are not parsed (the reader reports them); DEFAULT_MAX_JSON_DEPTH when absent */
  maxDepth?: number
  /** records with more fields are parsed only as far as their first ones (see jsonObjectCut); unbounded when absent */
  maxFields?: number
}

/** A record as a reader parsed it. */
export interface AnalysedRecord {
  /** 1-based record number in the file */
  index: number
  /** 1-based line where it starts, for line-based formats */
  line?: number
  value: unknown
  /** the record's content text (its content fields joined) */
  text: string
}

/** Text a file offers for tokenising: a uniform subsample of its analysed records, at most TOKEN_TEXT_BUDGET characters. */
export interface TokenCandidate {
  /** raw bytes of the record in the file (the ratio estimator's x) */
  bytes: number
  text: string
}

/** What the analysed records of one file say about its content (the manifest entry's `content`). */
export interface ContentFacts {
  /** records analysed: the seeded sample, or every record with --deep */
  records: number
  /** analysed records with no text at all */
  empty: number
  /** analysed records whose normalised text repeats an earlier analysed record of this file */
  duplicates: number
  languages: LanguageCountsJson
  /** the content fields measured (absent for plain-text records, which are their own content) */
  fields?: string[]
  length?: { min: number; p50: number; p90: number; p99: number; max: number; mean: number }
  /** values of per-record licence fields, with how many analysed records carry each */
  licences?: Record<string, number>
  /** the analysed records' bytes by the registrable domain of their URL field */
  urls?: UrlFacts
}

export interface RecordFactsResult {
  content: ContentFacts | null
  pii: ({ records: number } & PiiTallyJson) | null
  /** 52-bit keys of the distinct normalised texts, for duplicates across files */
  duplicateKeys: number[]
  /** the content-hash sample for the dataset-wide duplicate estimate; null when not every record could be offered */
  duplicateSample: DuplicateSampleJson | null
  tokenCandidates: TokenCandidate[]
  /** the tokens of every analysed record's text, under --tokens exact */
  exactTokens: number | null
  /** bytes of (decompressed) content the analyzer was given: the token estimate's size measure */
  contentBytes: number
}

let threadCounter: ((text: string) => number) | null = null

/** Loads this thread's BPE counter before analyzers that count every token are created. */
export async function prepareTokenCounter(): Promise<void> {
  threadCounter ??= await loadTokenCounter()
}

/** Characters of text a file offers for the token estimate (measured: ~7 ms of BPE at 9 MB/s). */
export const TOKEN_TEXT_BUDGET = 64 * 1024
const LICENCE_FIELD = /^(licen[cs]es?|licen[cs]e_?(name|id|type))$/i
/** Records the content fields may be chosen from, when the first ones hold no text. */
const CHOICE_TRIES = 100
/** Distinct per-record licence values kept per file; more is a data problem, not a licence list. */
const MAX_LICENCE_VALUES = 20

/**
 * Accumulates, for the records a format analyzer parses (a seeded sample, or all with --deep):
 * emptiness, duplicates, language, length, licence fields, the bytes of records with a URL field
 * by registrable domain, personal information and the text offered to the token estimate. Under `--pii full`, every record's raw text is also searched for
 * personal information, parsed or not.
 */
export class RecordFacts {
  private analysed = 0
  private empty = 0
  private duplicates = 0
  private readonly seen = new Set<number>()
  private readonly languages = new LanguageCounts()
  private readonly lengths = new LengthStats()
  private readonly licences = new Map<string, number>()
  private readonly urls = new UrlTally()
  private readonly pii: PiiTally | null
  private piiRecords = 0
  private readonly seed: number
  /** token candidates kept as the records with the smallest keys, within the text budget */
  private candidates: { key: number; candidate: TokenCandidate }[] = []
  private candidateChars = 0
  private exactTokens = 0
  private choice: ContentFieldChoice | null = null
  private rawKeys: RawJsonKeys | null = null
  private choiceTries = 0
  private readonly dupSample: DuplicateSampler
  /** whether every record of the file is offered to the duplicate sample */
  private everyRecord: boolean
  /** whether addRecord sees every record and so draws the duplicate sample itself */
  private sampleFromRecords: boolean

  /** `countTokens`: the BPE counter, needed under --tokens exact only (the caller loads it once per thread) */
  constructor(
    private readonly options: RecordFactsOptions,
    private readonly countTokens: ((text: string) => number) | null = null,
  ) {
    this.pii = options.pii === 'off' ? null : new PiiTally()
    this.seed = hash32(`tokens\0${options.relPath}`)
    this.everyRecord = options.deep === true
    this.sampleFromRecords = this.everyRecord
    this.dupSample = new DuplicateSampler(options.deep ? Infinity : undefined)
  }

  /** The facts a scan asks for of a file's records. */
  static forScan(ctx: RecordFactsOptions & { deep: boolean; limits?: { maxDepth: number; maxFields: number } }): RecordFacts {
    return new RecordFacts(
      { ...(ctx.limits && { maxDepth: ctx.limits.maxDepth, maxFields: ctx.limits.maxFields }), relPath: ctx.relPath, pii: ctx.pii, tokens: ctx.tokens, deep: ctx.deep, ...(ctx.bytes !== undefined && { bytes: ctx.bytes }), ...(ctx.contentFields && { contentFields: ctx.contentFields }), ...(ctx.onRecord && { onRecord: ctx.onRecord }) },
      ctx.tokens === 'exact' ? threadCounter : null,
    )
  }

  /** The reader passes every record of the file to addRecord (a document parsed whole). */
  everyRecordArrives(): void {
    this.everyRecord = true
    this.sampleFromRecords = true
  }

  /** The content fields, chosen from the first record that asks. */
  private fieldsFor(value: unknown): ContentFieldChoice {
    // A first record with no text in it (an empty comment) does not decide: the next ones may.
    if (!this.choice || (this.choice.fields.length === 0 && this.choice.how !== 'whole' && this.choiceTries < CHOICE_TRIES)) {
      this.choiceTries++
      this.choice = chooseContentFields(value, this.options.contentFields)
      this.rawKeys = this.choice.fields.length > 0 && !this.choice.fields.includes(ALL_STRINGS) ? new RawJsonKeys(this.choice.fields) : null
    }
    return this.choice
  }

  private textOf(value: unknown): string[] {
    if (typeof value === 'string') return value === '' ? [] : [value]
    return contentStrings(value, this.fieldsFor(value).fields)
  }

  /**
   * A JSON object's raw text, offered for the duplicate sample whether or not it is analysed
   * (every record of a JSON Lines file, outside --deep). `parse` is called only when the sampling
   * key cannot be read from the bytes or the record is kept.
   */
  offerJson(buf: Buffer, start: number, end: number): void {
    if (this.options.deep) return
    if (!this.everyRecord && this.options.bytes) this.dupSample.expect(this.options.bytes / (end - start + 1))
    this.everyRecord = true
    let key = this.rawKeys ? this.rawKeys.sampleKey(buf, start, end) : null
    if (key === 'empty') return
    let strings: string[] | null = null
    if (key === null) {
      strings = this.textOf(this.parsed(buf, start, end))
      key = sampleKeyOfStrings(strings)
      if (key === null) return
    }
    if (!this.dupSample.offer(key)) return
    strings ??= this.textOf(this.parsed(buf, start, end))
    this.dupSample.keep(key, duplicateHash(strings.join('\n')))
  }

  private parsed(buf: Buffer, start: number, end: number): unknown {
    return parseOrUndefined(buf, start, end, this.options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH, this.options.maxFields ?? Infinity)
  }

  /** A plain-text line, offered for the duplicate sample (every line, outside --deep). */
  offerText(buf: Buffer, start: number, end: number): void {
    if (this.options.deep) return
    if (!this.everyRecord && this.options.bytes) this.dupSample.expect(this.options.bytes / (end - start + 1))
    this.everyRecord = true
    const key = sampleKeyOfUtf8(buf, start, end)
    if (key !== null && this.dupSample.offer(key)) this.dupSample.keep(key, duplicateHash(buf.toString('utf8', start, end)))
  }

  /** A parsed record offered for the duplicate sample only (CSV rows outside --deep). */
  offerValue(value: unknown): void {
    if (this.options.deep) return
    this.everyRecord = true
    const strings = this.textOf(value)
    const key = sampleKeyOfStrings(strings)
    if (key !== null) this.dupSample.add(key, () => duplicateHash(strings.join('\n')))
  }

  /** Under --pii full, the raw text of every record goes through here (and addRecord skips PII). */
  get wantsEveryRecord(): boolean {
    return this.options.pii === 'full'
  }

  /** Personal information in a record's raw text (--pii full). */
  addRaw(raw: string): void {
    if (!this.pii) return
    this.piiRecords++
    scanForPii(raw, this.pii)
  }

  /** Personal information in every record, parsed (--pii full): field names give numbers their context. */
  addRawValue(value: unknown): void {
    if (!this.pii) return
    this.piiRecords++
    scanValueForPii(value, this.pii)
  }

  /**
   * A parsed record: `raw` is its text in the file, `index` its 1-based record number. Personal
   * information is searched in every field; language, length, duplicates and tokens are measured
   * on the content fields.
   */
  addRecord(value: unknown, raw: string, index: number, line?: number): void {
    this.analysed++
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
    if (this.pii && this.options.pii === 'sample') {
      this.piiRecords++
      if (typeof value === 'string') scanForPii(value, this.pii)
      else scanValueForPii(value, this.pii)
    }
    // The record's bytes are measured only when it has a URL (or a token candidate needs them).
    let bytes = -1
    if (isObject) {
      this.countLicenceFields(value as Record<string, unknown>)
      const url = urlOf(value as Record<string, unknown>)
      if (url !== null) this.urls.add(url, (bytes = Buffer.byteLength(raw)))
    }
    const strings = this.textOf(value)
    const text = strings.length === 1 ? strings[0]! : strings.join('\n')
    this.options.onRecord?.({ index, ...(line !== undefined && { line }), value, text })
    // A test, not trim(): no copy of a long record just to see that it has a visible character.
    if (!/\S/.test(text)) {
      this.empty++
      return
    }
    const key = duplicateHash(text)
    if (this.sampleFromRecords) {
      const sampleKey = sampleKeyOfStrings(strings)
      if (sampleKey !== null) this.dupSample.add(sampleKey, () => key)
    }
    if (this.seen.has(key)) this.duplicates++
    else this.seen.add(key)
    const language = classifyLanguage(text)
    if (language) this.languages.add(language)
    this.lengths.add(text.length)
    if (this.options.tokens === 'exact' && this.countTokens) this.exactTokens += this.countTokens(text)
    else if (this.options.tokens === 'estimate') this.offerCandidate(index, bytes === -1 ? Buffer.byteLength(raw) : bytes, text)
  }

  private countLicenceFields(object: Record<string, unknown>): void {
    for (const key in object) {
      if (!LICENCE_FIELD.test(key)) continue
      const value = object[key]
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== 'string' || v.trim() === '') continue
        const name = v.trim()
        if (this.licences.has(name) || this.licences.size < MAX_LICENCE_VALUES) this.licences.set(name, (this.licences.get(name) ?? 0) + 1)
      }
    }
  }

  /**
   * Keeps the records with the smallest keys (a hash of file and record number, so a uniform
   * subsample that does not depend on the order records arrive in) while their text fits the
   * budget.
   */
  private offerCandidate(index: number, bytes: number, text: string): void {
    const key = hash32(String(index), this.seed)
    if (this.candidateChars >= TOKEN_TEXT_BUDGET && key > this.candidates[this.candidates.length - 1]!.key) return
    const at = this.candidates.findIndex((c) => c.key > key)
    this.candidates.splice(at === -1 ? this.candidates.length : at, 0, { key, candidate: { bytes, text } })
    this.candidateChars += text.length
    // Drop the largest keys while the rest still fills the budget.
    while (this.candidates.length > 1 && this.candidateChars - this.candidates[this.candidates.length - 1]!.candidate.text.length >= TOKEN_TEXT_BUDGET) {
      this.candidateChars -= this.candidates.pop()!.candidate.text.length
    }
  }

  result(): RecordFactsResult {
    const length = this.lengths.summary()
    const urls = this.urls.result()
    const content: ContentFacts | null =
      this.analysed === 0
        ? null
        : {
            records: this.analysed,
            empty: this.empty,
            duplicates: this.duplicates,
            languages: this.languages.toJSON(),
            ...(this.choice && this.choice.how !== 'whole' && { fields: [...this.choice.fields] }),
            ...(length && { length: { min: length.min, p50: length.p50, p90: length.p90, p99: length.p99, max: length.max, mean: round2(length.mean) } }),
            ...(this.licences.size > 0 && { licences: sortedObject(this.licences) }),
            ...(urls && { urls }),
          }
    return {
      content,
      pii: this.pii && this.piiRecords > 0 ? { records: this.piiRecords, ...this.pii.toJSON() } : null,
      duplicateKeys: [...this.seen],
      duplicateSample: this.everyRecord ? this.dupSample.toJSON() : null,
      tokenCandidates: this.candidates.map((c) => c.candidate),
      exactTokens: this.options.tokens === 'exact' && this.countTokens ? this.exactTokens : null,
      contentBytes: 0,
    }
  }
}

/** A JSON record's value; undefined when it does not parse (the reader reports that itself). */
function parseOrUndefined(buf: Buffer, start: number, end: number, maxDepth: number, maxFields: number): unknown {
  // Too deep to walk without overflowing the stack: the reader reports it as NESTING_TOO_DEEP.
  if (jsonNestsDeeperThan(buf, maxDepth, start, end)) return undefined
  // Too wide to walk in bounded memory: cut as the reader cuts it (RECORD_FIELDS_CUT).
  const cut = jsonObjectCut(buf, maxFields, maxFields * MEMBERS_PER_FIELD, start, end)
  try {
    return JSON.parse(cut === null ? buf.toString('utf8', start, end) : `${buf.toString('utf8', start, cut.end)}}`)
  } catch {
    return undefined
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

/** FNV-1a, 32 bits: a cheap, stable key for ordering records; not for anything adversarial. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  // final avalanche (murmur3 fmix32): FNV alone leaves keys of consecutive numbers correlated
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return h >>> 0
}
