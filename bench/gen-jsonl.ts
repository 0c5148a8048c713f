/**
 * Streams a large synthetic JSONL corpus to disk (libraries.md §4 shape): id, text of 4–11
 * sentences (~20 % Chinese-heavy), lang, source, url, labels[], score, tokens,
 * meta{annotator, created_at, license}. Never holds more than one ~1 MiB batch in memory.
 */
import { openBatchWriter } from './batch-writer.js'
import { Rng } from './prng.js'
import { isoDate, paragraph, SentencePool, withPii } from './textgen.js'

const SOURCES = ['common-crawl', 'wikipedia', 'news-archive', 'forum-dump', 'books-pd', 'qa-site', 'gov-open-data']
const SITES = ['example.com', 'news.example.org', 'wiki.example.net', 'forum.example.cn', 'docs.example.io']
const LABELS = ['news', 'education', 'science', 'finance', 'health', 'sports', 'tech', 'law', 'culture', 'travel']
const LICENSES = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODC-By-1.0', 'MIT', 'CC-BY-NC-4.0', 'proprietary', 'unknown']

export interface JsonlRecord {
  id: string
  text: string
  lang: string
  source: string
  url: string
  labels: string[]
  score: number
  tokens: number
  meta: { annotator: string; created_at: string; license: string }
}

export function jsonlRecord(
  rng: Rng,
  pool: SentencePool,
  index: number,
  idPrefix: string,
  minSentences: number,
  maxSentences: number,
): JsonlRecord {
  const chineseHeavy = rng.chance(0.2)
  let text = withPii(rng, paragraph(rng, pool, rng.int(minSentences, maxSentences), chineseHeavy))
  // a few records carry characters that JSON must escape (quotes, newlines, tabs, backslashes)
  if (rng.chance(0.03)) text = `"${text}"\n\t— quoted \\ source`
  const id = `${idPrefix}${index.toString().padStart(8, '0')}`
  const nLabels = rng.int(0, 3)
  const labels: string[] = []
  for (let i = 0; i < nLabels; i++) labels.push(rng.pick(LABELS))
  return {
    id,
    text,
    lang: chineseHeavy ? 'zh' : rng.chance(0.03) ? 'mixed' : 'en',
    source: rng.pick(SOURCES),
    url: `https://${rng.pick(SITES)}/${rng.pick(LABELS)}/${rng.u32().toString(36)}/${id}`,
    labels,
    score: Math.round(rng.float() * 10000) / 10000,
    tokens: Math.max(1, Math.round(text.length / (chineseHeavy ? 1.4 : 4.2))),
    meta: { annotator: `ann-${String(rng.int(1, 40)).padStart(3, '0')}`, created_at: isoDate(rng), license: rng.pick(LICENSES) },
  }
}

/**
 * Same bytes as `JSON.stringify(r) + '\n'` for the records built here (only `text` and `url`
 * can need escaping), but about twice as fast, which matters for 1 GB.
 */
export function jsonlLine(r: JsonlRecord): string {
  const labels = r.labels.length === 0 ? '[]' : `["${r.labels.join('","')}"]`
  const m = r.meta
  return (
    `{"id":"${r.id}","text":${JSON.stringify(r.text)},"lang":"${r.lang}","source":"${r.source}",` +
    `"url":${JSON.stringify(r.url)},"labels":${labels},"score":${r.score},"tokens":${r.tokens},` +
    `"meta":{"annotator":"${m.annotator}","created_at":"${m.created_at}","license":"${m.license}"}}\n`
  )
}

export interface JsonlResult {
  bytes: number
  lines: number
  seconds: number
}

const BATCH_BYTES = 1 << 20 // ~1 MiB per write
const MAX_LINE_BYTES = 256 << 10 // generated lines are ~1–4 KB; this is only a safety margin

/** Write records until the file holds at least `targetBytes` bytes; every line ends with '\n'. */
export async function generateJsonl(file: string, targetBytes: number, seed: number): Promise<JsonlResult> {
  const t0 = process.hrtime.bigint()
  const rng = new Rng(seed)
  const pool = new SentencePool(rng)
  const encoder = new TextEncoder()
  const out = openBatchWriter(file)
  let bytes = 0
  let lines = 0
  while (bytes < targetBytes) {
    // encode lines straight into a fresh buffer (the stream keeps a reference to each one)
    const buf = Buffer.allocUnsafe(BATCH_BYTES + MAX_LINE_BYTES)
    let used = 0
    while (used < BATCH_BYTES) {
      const line = jsonlLine(jsonlRecord(rng, pool, lines, 'synth-', 4, 11))
      if (line.length * 3 > MAX_LINE_BYTES) throw new Error(`generated line ${lines} is unexpectedly long`)
      used += encoder.encodeInto(line, buf.subarray(used)).written
      lines++
    }
    bytes += used
    await out.write(buf.subarray(0, used))
  }
  await out.end()
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { bytes, lines, seconds }
}
