/**
 * Dataset-wide duplicates from a sample designed for them: hash-based (distinct) sampling. Every
 * record gets a cheap *sampling key* computed from its content (the first 24 significant bytes of
 * its first and of its last content string: whitespace dropped, ASCII lower-cased). A record is in
 * the sample when its key, read as a number in [0, 1), falls under the threshold, so all copies
 * of a text are in the sample together or not at all, whichever files they are in. Duplicates are
 * then counted exactly inside the sample (by the full normalised-text key) and the dataset's rate
 * is estimated as sampled duplicates / sampled records, with a variance that treats records
 * sharing a sampling key as one cluster (Poisson sampling of clusters, ratio estimator).
 *
 * The threshold starts at 1 (every record) and halves whenever a file's, or the dataset's, sample
 * outgrows its budget, so memory is bounded whatever the dataset's size (Gibbons' distinct
 * sampling). With --deep the budgets are infinite and the figure is exact.
 *
 * The sampling key is a function of the normalised text for ordinary text. Copies that differ
 * only in non-ASCII letter case or in compatibility forms (full-width letters, ligatures: NFKC)
 * get different sampling keys and can fall apart in the sample, which understates the estimate
 * for them; --deep counts them exactly.
 */

/** Significant bytes of a content string that go into the sampling key. */
const SIG_BYTES = 24
/**
 * Distinct sampled texts a file keeps before it halves its threshold. Distinct texts, not records:
 * copies of a kept text cost a count, and a highly duplicated file keeps many more texts (clusters,
 * which is what the interval's width depends on) in the same memory.
 */
export const FILE_SAMPLE_BUDGET = 4_096
/** Distinct sampled texts the dataset keeps before it halves the threshold. */
export const DATASET_SAMPLE_BUDGET = 250_000

/** What a file contributes: the threshold it ended with and its sampled texts. */
export interface DuplicateSampleJson {
  /** records with a sampling key under this (in [0, 1]) are in `keys` */
  threshold: number
  /** sampling key (32-bit), full key (53-bit) and number of records, per distinct sampled text */
  keys: number[]
  /** records with text that were offered (every record of the file with text) */
  offered: number
}

const TWO_32 = 4294967296

/** The per-file side: keeps the texts whose sampling key is under a threshold within a budget. */
export class DuplicateSampler {
  private threshold = 1
  /** triples: sampling key, full key, records */
  private keys: number[] = []
  /** full key → offset of its triple in `keys` */
  private readonly at = new Map<number, number>()
  private offered = 0

  constructor(private readonly budget: number = FILE_SAMPLE_BUDGET) {}

  /**
   * Starts below 1 when the file is expected to hold many more records than the budget (from
   * its size and its first record's): a large file then parses about a budget of records instead
   * of every record until its threshold has halved down (measured: 0.1 s of the 1 GB bench file).
   */
  expect(records: number): void {
    if (this.offered > 0 || !Number.isFinite(this.budget) || records <= this.budget) return
    this.threshold = 2 ** -Math.floor(Math.log2(records / this.budget))
  }

  /** A record with text and this sampling key: whether it is kept (then `keep` its full key). */
  offer(sampleKey: number): boolean {
    this.offered++
    return sampleKey / TWO_32 < this.threshold
  }

  /** The full key of the record `offer` just kept. */
  keep(sampleKey: number, fullKey: number): void {
    const at = this.at.get(fullKey)
    // The same text under another sampling key (a copy the key splits) gets a triple of its own.
    if (at !== undefined && this.keys[at] === sampleKey) {
      this.keys[at + 2]!++
      return
    }
    if (at === undefined) this.at.set(fullKey, this.keys.length)
    this.keys.push(sampleKey, fullKey, 1)
    if (this.keys.length / 3 > this.budget) this.halve()
  }

  /** offer, then keep with the key `fullKey()` computes: for callers that have the text at hand. */
  add(sampleKey: number, fullKey: () => number): void {
    if (this.offer(sampleKey)) this.keep(sampleKey, fullKey())
  }

  private halve(): void {
    while (this.keys.length / 3 > this.budget) {
      this.threshold /= 2
      this.keys = filterKeys(this.keys, this.threshold)
    }
    this.at.clear()
    for (let i = 0; i < this.keys.length; i += 3) if (!this.at.has(this.keys[i + 1]!)) this.at.set(this.keys[i + 1]!, i)
  }

  toJSON(): DuplicateSampleJson {
    return { threshold: this.threshold, keys: this.keys, offered: this.offered }
  }
}

function filterKeys(keys: readonly number[], threshold: number): number[] {
  const out: number[] = []
  for (let i = 0; i < keys.length; i += 3) if (keys[i]! / TWO_32 < threshold) out.push(keys[i]!, keys[i + 1]!, keys[i + 2]!)
  return out
}

/** The dataset-wide estimate as the manifest records it. */
export interface DuplicateEstimate {
  method: 'content-hash sample'
  /** estimated share of records with text that repeat an earlier one */
  rate: number
  low: number
  high: number
  confidence: number
  /** the final sampling threshold: each distinct text was in the sample with this probability */
  threshold: number
  sampledRecords: number
  sampledDuplicates: number
  /** records with text the sample was drawn from */
  records: number
  /** files whose records could not all be offered (Parquet and Arrow outside --deep): not covered */
  uncoveredFiles: number
}

/**
 * Merges the files' samples (any order) and estimates the rate. `z` is the normal quantile of the
 * confidence. Null when no file offered any record.
 */
export function estimateDuplicates(samples: readonly DuplicateSampleJson[], uncoveredFiles: number, confidence: number, z: number, budget = DATASET_SAMPLE_BUDGET): DuplicateEstimate | null {
  const merged = new DuplicateSamples(budget)
  for (const s of samples) merged.add(s)
  return merged.estimate(uncoveredFiles, confidence, z)
}

/**
 * The files' samples merged as they come, in bounded memory: the triples under the lowest
 * threshold seen so far, one per (sampling key, full key) with the records summed, halving the
 * threshold whenever they outgrow the budget. Every threshold is a power of two (each file's
 * starts at 1 or 2^-k and halves), and the sampled triples under a threshold only grow as files
 * are added, so this ends with the threshold and triples that merging every sample at once and
 * then halving gives.
 */
export class DuplicateSamples {
  private threshold = 1
  private records = 0
  /** triples: sampling key, full key, records */
  private triples: number[] = []
  private readonly at = new Map<string, number>()

  constructor(private readonly budget: number = DATASET_SAMPLE_BUDGET) {}

  add(sample: DuplicateSampleJson): void {
    this.records += sample.offered
    if (sample.threshold < this.threshold) this.lower(sample.threshold)
    const { keys } = sample
    for (let i = 0; i < keys.length; i += 3) {
      if (keys[i]! / TWO_32 >= this.threshold) continue
      const id = `${keys[i]}:${keys[i + 1]}`
      const j = this.at.get(id)
      if (j !== undefined) this.triples[j + 2]! += keys[i + 2]!
      else {
        this.at.set(id, this.triples.length)
        this.triples.push(keys[i]!, keys[i + 1]!, keys[i + 2]!)
      }
    }
    if (this.triples.length / 3 > this.budget) {
      let threshold = this.threshold
      while (filteredCount(this.triples, threshold) > this.budget) threshold /= 2
      this.lower(threshold)
    }
  }

  /** The dataset-wide estimate (`z` is the normal quantile of the confidence); null when no file offered a record. */
  estimate(uncoveredFiles: number, confidence: number, z: number): DuplicateEstimate | null {
    return this.records === 0 ? null : estimateFrom(this.triples, this.threshold, this.records, uncoveredFiles, confidence, z)
  }

  private lower(threshold: number): void {
    this.threshold = threshold
    this.triples = filterKeys(this.triples, threshold)
    this.at.clear()
    for (let i = 0; i < this.triples.length; i += 3) this.at.set(`${this.triples[i]}:${this.triples[i + 1]}`, i)
  }
}

function filteredCount(keys: readonly number[], threshold: number): number {
  let n = 0
  for (let i = 0; i < keys.length; i += 3) if (keys[i]! / TWO_32 < threshold) n++
  return n
}

function estimateFrom(triples: readonly number[], threshold: number, records: number, uncoveredFiles: number, confidence: number, z: number): DuplicateEstimate {
  // Records of a text that appeared earlier in the sample are duplicates (copies that the sampling
  // key split still count); the variance groups records by sampling key (the cluster).
  const order = Array.from({ length: triples.length / 3 }, (_, i) => 3 * i)
  order.sort((a, b) => triples[a + 1]! - triples[b + 1]! || triples[a]! - triples[b]!)
  const perCluster = new Map<number, { n: number; d: number }>()
  let sampled = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!
    const sampleKey = triples[i]!
    const records = triples[i + 2]!
    let cluster = perCluster.get(sampleKey)
    if (!cluster) perCluster.set(sampleKey, (cluster = { n: 0, d: 0 }))
    cluster.n += records
    sampled += records
    const seenBefore = k > 0 && triples[order[k - 1]! + 1] === triples[i + 1]
    cluster.d += seenBefore ? records : records - 1
  }
  const clusters = [...perCluster.values()]
  const duplicates = clusters.reduce((sum, c) => sum + c.d, 0)
  const rate = sampled === 0 ? 0 : duplicates / sampled
  let low = rate
  let high = rate
  if (threshold < 1 && sampled > 0) {
    // Linearised variance of the ratio estimator under Poisson sampling of clusters with
    // inclusion probability `threshold`: (1 − t) Σ (d_g − R n_g)² / (Σ n_g)².
    let sumSq = 0
    for (const c of clusters) sumSq += (c.d - rate * c.n) ** 2
    const se = Math.sqrt(((1 - threshold) * sumSq) / (sampled * sampled))
    low = Math.max(0, rate - z * se)
    high = Math.min(1, rate + z * se)
    // No duplicate seen: the variance is 0 but the rate need not be; rule of three on the clusters.
    if (duplicates === 0) high = Math.max(high, Math.min(1, -Math.log(1 - confidence) / clusters.length))
  }
  return {
    method: 'content-hash sample',
    rate: round6(rate),
    low: round6Down(low),
    high: round6Up(high),
    confidence,
    threshold,
    sampledRecords: sampled,
    sampledDuplicates: duplicates,
    records,
    uncoveredFiles,
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
function round6Down(n: number): number {
  return Math.floor(n * 1e6) / 1e6
}
function round6Up(n: number): number {
  return Math.ceil(n * 1e6) / 1e6
}

// ---------------------------------------------------------------------------------------------
// sampling keys

// The hashing state of one content string: FNV-1a over its significant bytes. Module-level
// variables rather than an object per string: the sampling key is computed for every record of
// every file, and allocation was most of its cost (measured: 1.5 µs → 0.3 µs a record).
let H = 0
let C = 0
/** the significant bytes since the last word was mixed in */
let W = 0

function reset(): void {
  H = 0x811c9dc5
  C = 0
  W = 0
}

/**
 * One significant byte; a character that straddles the SIG_BYTES limit is cut there, on both
 * sides. Bytes are gathered four to a word and each word is mixed in with one multiply: a
 * multiply per byte was what bounded the loop.
 */
function byte(b: number): void {
  if (C >= SIG_BYTES) return
  W = (W << 8) | b
  C++
  if ((C & 3) === 0) {
    H = Math.imul(H ^ W, 0x01000193)
    W = 0
  }
}

/** The hash of the bytes so far, the unfinished word included. */
function digest(): number {
  return Math.imul(H ^ W, 0x01000193)
}

/** A code point that is not whitespace: ASCII lower-cased, then its UTF-8 bytes. */
function codePoint(cp: number): void {
  if (cp < 0x80) byte(cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp)
  else if (cp < 0x800) {
    byte(0xc0 | (cp >> 6))
    byte(0x80 | (cp & 0x3f))
  } else if (cp < 0x10000) {
    byte(0xe0 | (cp >> 12))
    byte(0x80 | ((cp >> 6) & 0x3f))
    byte(0x80 | (cp & 0x3f))
  } else {
    byte(0xf0 | (cp >> 18))
    byte(0x80 | ((cp >> 12) & 0x3f))
    byte(0x80 | ((cp >> 6) & 0x3f))
    byte(0x80 | (cp & 0x3f))
  }
}

/** Sampling key of a record from its content strings (the parsed side). 0 strings: null. */
export function sampleKeyOfStrings(strings: readonly string[]): number | null {
  if (strings.length === 0) return null
  reset()
  hashString(strings[0]!)
  const h1 = digest()
  const c1 = C
  if (strings.length > 1) {
    reset()
    hashString(strings[strings.length - 1]!)
  }
  return combine(h1, c1, digest(), C)
}

function hashString(s: string): void {
  for (let i = 0; i < s.length && C < SIG_BYTES; i++) {
    let cp = s.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)
        i++
      }
    }
    if (isWhitespace(cp)) continue
    codePoint(cp >= 0xff01 && cp <= 0xff5e ? cp - FULL_WIDTH_OFFSET : cp)
  }
}

/** Full-width forms of ASCII (U+FF01–U+FF5E) are ASCII under NFKC: the key folds them too. */
const FULL_WIDTH_OFFSET = 0xfee0

function combine(h1: number, c1: number, h2: number, c2: number): number | null {
  if (c1 === 0 && c2 === 0) return null
  let h = Math.imul(h1 ^ 0x1f, 0x01000193) ^ h2
  // fmix32: spread the FNV state over all 32 bits before it is read as a number in [0, 1)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** JavaScript's `\s` (what duplicate normalisation folds). */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0xa0) return false
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/** Sampling key of a plain-text line from its UTF-8 bytes (the line is the content). */
export function sampleKeyOfUtf8(buf: Uint8Array, start: number, end: number): number | null {
  reset()
  hashUtf8(buf, start, end, -1)
  const h = digest()
  return combine(h, C, h, C)
}

/**
 * Hashes UTF-8 bytes from `start` until `end`, SIG_BYTES significant bytes, or (when `stop` is
 * not -1) the byte `stop` outside an escape; JSON escapes are decoded when `stop` is the quote.
 */
function hashUtf8(buf: Uint8Array, start: number, end: number, stop: number): void {
  // The state in locals, and one table lookup per byte: this loop runs for every record, and
  // module variables or a branch per byte class cost more than the rest of the line's work.
  const table = stop === QUOTE ? JSON_BYTES : TEXT_BYTES
  let h = H
  let w = W
  let c = C
  for (let i = start; i < end && c < SIG_BYTES; ) {
    const b = buf[i]!
    const m = table[b]!
    if (m >= 0) {
      w = (w << 8) | m
      c++
      if ((c & 3) === 0) {
        h = Math.imul(h ^ w, 0x01000193)
        w = 0
      }
      i++
      continue
    }
    if (m === SKIP) {
      i++
      continue
    }
    if (m === STOP) break
    // escapes, full-width forms and non-ASCII whitespace: through the module state, byte by byte
    H = h
    W = w
    C = c
    i = m === ESCAPE ? escape(buf, i, end) : leadByte(buf, i, end)
    h = H
    w = W
    c = C
    if (i < 0) break
  }
  H = h
  W = w
  C = c
}

/** A lead byte of a non-ASCII whitespace character (\s) or of a full-width ASCII form at `i`; returns where to go on. */
function leadByte(buf: Uint8Array, i: number, end: number): number {
  const b = buf[i]!
  if (b === 0xef && i + 2 < end && (buf[i + 1] === 0xbc || buf[i + 1] === 0xbd)) {
    const cp = 0xf000 | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f)
    if (cp >= 0xff01 && cp <= 0xff5e && (buf[i + 2]! & 0xc0) === 0x80) {
      codePoint(cp - FULL_WIDTH_OFFSET)
      return i + 3
    }
  }
  const skip = unicodeSpaceLength(buf, i, end)
  if (skip > 0) return i + skip
  byte(b)
  return i + 1
}

const SKIP = -1
const STOP = -2
const ESCAPE = -3
const LEAD = -4

/** What each byte of UTF-8 text contributes: itself, ASCII lower-cased, skipped (whitespace), or a closer look. */
function byteTable(json: boolean): Int8Array | Int16Array {
  const table = new Int16Array(256)
  for (let b = 0; b < 256; b++) table[b] = b >= 0x41 && b <= 0x5a ? b + 32 : b
  for (const b of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) table[b] = SKIP
  for (const b of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) table[b] = LEAD
  if (json) {
    table[QUOTE] = STOP
    table[BACKSLASH] = ESCAPE
  }
  return table
}

/** Bytes of the non-ASCII whitespace character (\s) encoded at `i`, or 0. */
function unicodeSpaceLength(buf: Uint8Array, i: number, end: number): number {
  const b = buf[i]!
  const c = i + 1 < end ? buf[i + 1]! : 0
  if (b === 0xc2) return c === 0xa0 ? 2 : 0
  const d = i + 2 < end ? buf[i + 2]! : 0
  let cp: number
  if (b === 0xe1 || b === 0xe2 || b === 0xe3 || b === 0xef) cp = ((b & 0x0f) << 12) | ((c & 0x3f) << 6) | (d & 0x3f)
  else return 0
  return (c & 0xc0) === 0x80 && (d & 0xc0) === 0x80 && isWhitespace(cp) ? 3 : 0
}

/** A JSON escape at `i` (the backslash): hashes what it stands for; returns where to go on, or -1 to stop. */
function escape(buf: Uint8Array, i: number, end: number): number {
  const e = buf[i + 1]
  switch (e) {
    case 0x6e: // \n
    case 0x74: // \t
    case 0x72: // \r
    case 0x66: // \f
      return i + 2
    case 0x62: // \b
      codePoint(0x08)
      return i + 2
    case 0x75: {
      let cp = hex4(buf, i + 2, end)
      if (cp < 0) return -1
      let next = i + 6
      if (cp >= 0xd800 && cp <= 0xdbff && buf[next] === BACKSLASH && buf[next + 1] === 0x75) {
        const low = hex4(buf, next + 2, end)
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)
          next += 6
        }
      }
      if (!isWhitespace(cp)) codePoint(cp >= 0xff01 && cp <= 0xff5e ? cp - FULL_WIDTH_OFFSET : cp)
      return next
    }
    default:
      if (e === undefined) return -1
      codePoint(e)
      return i + 2
  }
}

function hex4(buf: Uint8Array, at: number, end: number): number {
  if (at + 4 > end) return -1
  let v = 0
  for (let k = 0; k < 4; k++) {
    const c = buf[at + k]!
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1
    if (d < 0) return -1
    v = (v << 4) | d
  }
  return v
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a

/**
 * Finds content strings in a JSON object's raw text without parsing it: for each content field
 * the first `"name"` key in the line, then its string value. The sampling key is built straight
 * from the value's bytes, decoding escapes. Returns null (ask the parsed side) when a field's value
 * is not a plain string or the record's shape is not what the fields describe.
 */
export class RawJsonKeys {
  /** per plain field: its quoted name, and where it stood in the last record (records of a file usually share a layout) */
  private readonly plain: { needle: Buffer; offset: number }[]
  private readonly lists: { outer: Buffer; inner: Buffer; single: boolean }[]
  /** fields in content order: index into plain (>= 0) or list (-1 - index) */
  private readonly order: number[] = []

  constructor(fields: readonly string[]) {
    this.plain = []
    this.lists = []
    for (const field of fields) {
      // `key.sub` is found like `key[].sub`: the first `"sub"` key after `"key"`
      const dot = field.indexOf('[].') === -1 ? field.indexOf('.') : -1
      if (dot !== -1) {
        this.order.push(-1 - this.lists.length)
        this.lists.push({ outer: Buffer.from(JSON.stringify(field.slice(0, dot))), inner: Buffer.from(JSON.stringify(field.slice(dot + 1))), single: true })
        continue
      }
      const list = field.indexOf('[].')
      if (list === -1) {
        this.order.push(this.plain.length)
        this.plain.push({ needle: Buffer.from(JSON.stringify(field)), offset: -1 })
      } else {
        this.order.push(-1 - this.lists.length)
        this.lists.push({ outer: Buffer.from(JSON.stringify(field.slice(0, list))), inner: Buffer.from(JSON.stringify(field.slice(list + 3))), single: false })
      }
    }
  }

  /** 'empty' when the record has no content text; null when only parsing can tell. */
  sampleKey(buf: Buffer, start: number, end: number): number | 'empty' | null {
    const firstAt = this.findString(buf, start, end, false)
    if (firstAt === null) return null
    if (firstAt === -1) return 'empty'
    reset()
    hashUtf8(buf, firstAt, end, QUOTE)
    const h1 = digest()
    const c1 = C
    let h2 = h1
    // one content field, a plain string: the first string is the last
    if (this.order.length > 1 || this.lists.length > 0) {
      const lastAt = this.findString(buf, start, end, true)
      if (lastAt === null || lastAt === -1) return null
      if (lastAt !== firstAt) {
        reset()
        hashUtf8(buf, lastAt, end, QUOTE)
        h2 = digest()
      }
    }
    return combine(h1, c1, h2, C) ?? 'empty'
  }

  /** Offset just after the opening quote of the first (or last) non-empty content string; -1 none; null unsure. */
  private findString(buf: Buffer, start: number, end: number, fromEnd: boolean): number | null {
    const n = this.order.length
    for (let k = 0; k < n; k++) {
      const which = this.order[fromEnd ? n - 1 - k : k]!
      const at = which >= 0 ? this.plainValue(buf, start, end, this.plain[which]!) : this.listValue(buf, start, end, this.lists[-1 - which]!, fromEnd)
      if (at === null) return null
      if (at >= 0) return at
    }
    return -1
  }

  /** -1: key absent or its string empty; null: a value that is not a string. */
  private plainValue(buf: Buffer, start: number, end: number, field: { needle: Buffer; offset: number }): number | null {
    const needle = field.needle
    // Where the key stood in the previous record, checked byte by byte before a search: a search
    // per record cost more than the rest of the key (measured: 90 ms a GB of JSON Lines). Only a
    // record whose field name also appears earlier in it (a nested "text") can then be keyed by
    // another occurrence than a search would find, and only such copies can fall apart.
    const guess = start + field.offset
    if (field.offset >= 0 && guess + needle.length < end && buf[guess - 1] !== BACKSLASH && startsAt(buf, needle, guess)) {
      const value = valueStart(buf, guess + needle.length, end)
      if (value !== -1) {
        if (buf[value] !== QUOTE) return buf[value] === 0x6e /* null */ ? -1 : null
        return buf[value + 1] === QUOTE ? -1 : value + 1
      }
    }
    for (let from = start; ; ) {
      const key = indexWithin(buf, needle, from, end)
      if (key !== -1) field.offset = key - start
      if (key === -1) return -1
      const value = valueStart(buf, key + needle.length, end)
      // the name as a value ("type": "text"), not as a key: look further
      if (value === -1) {
        from = key + needle.length
        continue
      }
      if (buf[value] !== QUOTE) return buf[value] === 0x6e /* null */ ? -1 : null
      return buf[value + 1] === QUOTE ? -1 : value + 1
    }
  }

  private listValue(buf: Buffer, start: number, end: number, field: { outer: Buffer; inner: Buffer; single: boolean }, fromEndOfList: boolean): number | null {
    const fromEnd = fromEndOfList && !field.single
    const outer = indexWithin(buf, field.outer, start, end)
    if (outer === -1) return -1
    let found = -1
    for (let from = outer + field.outer.length; ; ) {
      const key = indexWithin(buf, field.inner, from, end)
      if (key === -1) break
      const value = valueStart(buf, key + field.inner.length, end)
      from = key + field.inner.length
      if (value === -1 || buf[value] !== QUOTE) continue
      if (buf[value + 1] === QUOTE) continue
      found = value + 1
      if (!fromEnd) break
    }
    return found
  }
}

function startsAt(buf: Buffer, needle: Buffer, at: number): boolean {
  for (let i = 0; i < needle.length; i++) if (buf[at + i] !== needle[i]) return false
  return true
}

function indexWithin(buf: Buffer, needle: Buffer, start: number, end: number): number {
  const at = buf.indexOf(needle, start)
  return at === -1 || at + needle.length > end ? -1 : at
}

/** After a key's closing quote: skip whitespace, expect ':', skip whitespace. -1 when not a key. */
function valueStart(buf: Buffer, at: number, end: number): number {
  let i = at
  while (i < end && isJsonSpace(buf[i]!)) i++
  if (buf[i] !== COLON) return -1
  i++
  while (i < end && isJsonSpace(buf[i]!)) i++
  return i < end ? i : -1
}

function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d
}

const TEXT_BYTES = byteTable(false)
const JSON_BYTES = byteTable(true)
