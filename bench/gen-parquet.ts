/**
 * Writes a large Parquet file with hyparquet-writer, one 100k-row group at a time (ParquetWriter +
 * fileWriter stream each row group to disk, so memory stays bounded by one group).
 * Columns: id string, text (~200 chars, 20 % with Chinese, ~10 % with an e-mail), lang, source,
 * score double, tokens int32, label int64.
 *
 * Run as a child process by generate.ts (isolated memory, peak RSS measured):
 *   node dist/bench/gen-parquet.js OUT_FILE ROWS SEED
 * It prints one JSON line: { rows, bytes, seconds, peakRssKb }.
 */
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import { ParquetWriter, fileWriter } from 'hyparquet-writer'
import type { SchemaElement } from 'hyparquet-writer'
import { Rng } from './prng.js'
import { email, SentencePool } from './textgen.js'

export const ROW_GROUP = 100_000

const ZH_LANGS = ['zh', 'zh', 'zh', 'mixed']
const SOURCES = ['common-crawl', 'wikipedia', 'news-archive', 'forum-dump', 'books-pd', 'qa-site']

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 7 },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'lang', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'source', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'score', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'tokens', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'label', type: 'INT64', repetition_type: 'REQUIRED' },
]

function rowText(rng: Rng, pool: SentencePool): { text: string; lang: string } {
  const zh = rng.chance(0.2)
  const target = rng.int(150, 250)
  let text = ''
  while (text.length < target) {
    const s = zh && rng.chance(0.7) ? pool.zh(rng) : pool.en(rng)
    text = text ? `${text} ${s}` : s
  }
  if (text.length > target + 20) text = text.slice(0, target)
  if (rng.chance(0.1)) text += ` ${email(rng)}`
  return { text, lang: zh ? rng.pick(ZH_LANGS) : 'en' }
}

export interface ParquetResult {
  rows: number
  bytes: number
  seconds: number
  peakRssKb: number
}

export async function generateParquet(file: string, rows: number, seed: number): Promise<ParquetResult> {
  const t0 = process.hrtime.bigint()
  const rng = new Rng(seed)
  const pool = new SentencePool(rng)
  const writer = new ParquetWriter({ writer: fileWriter(file), schema: SCHEMA, codec: 'SNAPPY', createdBy: 'tdgov-bench' })
  for (let start = 0; start < rows; start += ROW_GROUP) {
    const n = Math.min(ROW_GROUP, rows - start)
    const id: string[] = new Array<string>(n)
    const text: string[] = new Array<string>(n)
    const lang: string[] = new Array<string>(n)
    const source: string[] = new Array<string>(n)
    const score = new Float64Array(n)
    const tokens = new Int32Array(n)
    const label = new BigInt64Array(n)
    for (let i = 0; i < n; i++) {
      const t = rowText(rng, pool)
      id[i] = `pq-${(start + i).toString().padStart(8, '0')}`
      text[i] = t.text
      lang[i] = t.lang
      source[i] = rng.pick(SOURCES)
      score[i] = rng.float()
      tokens[i] = Math.max(1, Math.round(t.text.length / (t.lang === 'en' ? 4.2 : 1.6)))
      label[i] = BigInt(rng.int(0, 9))
    }
    await writer.write({
      columnData: [
        { name: 'id', data: id },
        { name: 'text', data: text },
        { name: 'lang', data: lang },
        { name: 'source', data: source },
        { name: 'score', data: score },
        { name: 'tokens', data: tokens },
        { name: 'label', data: label },
      ],
      rowGroupSize: ROW_GROUP,
    })
  }
  await writer.finish()
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { rows, bytes: fs.statSync(file).size, seconds, peakRssKb: process.resourceUsage().maxRSS }
}

// child-process entry point
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [out, rowsArg, seedArg] = process.argv.slice(2)
  if (!out || !rowsArg || !seedArg) {
    console.error('usage: node gen-parquet.js OUT_FILE ROWS SEED')
    process.exit(2)
  }
  generateParquet(out, Number(rowsArg), Number(seedArg)).then(
    (r) => {
      console.log(JSON.stringify(r))
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
      process.exit(1)
    },
  )
}
