/**
 * Streams a generic JSONL annotation export to disk, one labelled item per line:
 *   {"item":"doc-0000123","annotator":"ann-17","label":"positive","text":"<20–60 characters>"}
 * Item ids are unique within a file; ~40 annotators and 8 labels, both with skewed frequencies;
 * the text is cut from a pool of pre-generated sentences (~10 % Chinese). Deterministic for a
 * given seed, and never holds more than one ~1 MiB batch in memory.
 */
import { openBatchWriter } from './batch-writer.js'
import { Rng } from './prng.js'
import { chineseSentence, englishSentence } from './textgen.js'

/** 8 labels, most frequent first (weights are relative). */
const LABELS: readonly (readonly [string, number])[] = [
  ['positive', 34],
  ['negative', 24],
  ['neutral', 18],
  ['mixed', 9],
  ['irrelevant', 7],
  ['spam', 4],
  ['offensive', 3],
  ['unsure', 1],
]

export const ANNOTATORS = 40
const TEXT_POOL = 16_384
const MIN_TEXT = 20
const MAX_TEXT = 60
/** ids are `doc-` + 7 digits: unique for up to 10,000,000 items per file */
const ID_DIGITS = 7

export interface AnnotationsResult {
  bytes: number
  lines: number
  seconds: number
}

/**
 * A lookup table for weighted picks: `size` slots shared out by weight, so a pick is one PRNG
 * call and one array read (the weights are quantised to 1/size, which is plenty here).
 */
function weightedTable(weights: readonly number[], size = 4096): Uint8Array {
  const total = weights.reduce((a, w) => a + w, 0)
  const table = new Uint8Array(size)
  let slot = 0
  let acc = 0
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] as number
    const end = i === weights.length - 1 ? size : Math.round((acc / total) * size)
    for (; slot < end; slot++) table[slot] = i
  }
  return table
}

/** A JSON string literal (with quotes) of 20–60 code points cut from one or more sentences. */
function textLiteral(rng: Rng): string {
  const zh = rng.chance(0.1)
  let s = zh ? chineseSentence(rng) : englishSentence(rng)
  while (Array.from(s).length < MIN_TEXT) s += zh ? chineseSentence(rng) : ` ${englishSentence(rng)}`
  const cut = Array.from(s).slice(0, rng.int(MIN_TEXT, MAX_TEXT)).join('')
  // a cut that ends on a space keeps its length: the space becomes a full stop
  return JSON.stringify(/\s$/.test(cut) ? `${cut.slice(0, -1)}.` : cut)
}

const BATCH_BYTES = 1 << 20 // ~1 MiB per write
const MAX_LINE_BYTES = 1024 // lines are ~80–250 bytes; only a safety margin

/** Write `lines` annotation lines to `file`; every line ends with '\n'. */
export async function generateAnnotations(file: string, lines: number, seed: number): Promise<AnnotationsResult> {
  if (lines > 10 ** ID_DIGITS) throw new Error(`at most ${10 ** ID_DIGITS} lines (item ids have ${ID_DIGITS} digits)`)
  const t0 = process.hrtime.bigint()
  const rng = new Rng(seed)
  const labelTable = weightedTable(LABELS.map(([, w]) => w))
  // Zipf-like annotator activity: ann-1 labels ~8× as much as ann-40
  const annotatorTable = weightedTable(Array.from({ length: ANNOTATORS }, (_, i) => 1 / (i + 1) ** 0.55))
  const labelParts = LABELS.map(([name]) => `","label":"${name}","text":`)
  const annotatorParts = Array.from({ length: ANNOTATORS }, (_, i) => `","annotator":"ann-${i + 1}`)
  const texts: string[] = []
  for (let i = 0; i < TEXT_POOL; i++) texts.push(textLiteral(rng))

  const encoder = new TextEncoder()
  const out = openBatchWriter(file)
  let bytes = 0
  let written = 0
  while (written < lines) {
    // a fresh buffer per batch: the stream keeps a reference to each one until it is written
    const buf = Buffer.allocUnsafe(BATCH_BYTES + MAX_LINE_BYTES)
    let used = 0
    while (used < BATCH_BYTES && written < lines) {
      const annotator = annotatorParts[annotatorTable[Math.floor(rng.float() * annotatorTable.length)] as number] as string
      const label = labelParts[labelTable[Math.floor(rng.float() * labelTable.length)] as number] as string
      const text = texts[Math.floor(rng.float() * TEXT_POOL)] as string
      const line = `{"item":"doc-${String(written).padStart(ID_DIGITS, '0')}${annotator}${label}${text}}\n`
      used += encoder.encodeInto(line, buf.subarray(used)).written
      written++
    }
    bytes += used
    await out.write(buf.subarray(0, used))
  }
  await out.end()
  return { bytes, lines: written, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }
}
