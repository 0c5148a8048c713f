/**
 * Writes fixtures/demo/, the small bilingual (zh/en) dataset that `tdgov scan fixtures/demo` runs on
 * in the README. Everything is generated from the hand-written content in scripts/demo/ and from a
 * fixed-seed PRNG, so a rerun reproduces identical bytes (no clock, no Math.random).
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/make-demo.js [OUT_DIR]
 *
 * OUT_DIR defaults to fixtures/demo, relative to the current directory (run it from the repo root).
 * The files are checked in; rerun this script after editing the content and commit the result.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { createRequire } from 'node:module'
import { luhnCheckDigit, residentIdCheckChar } from '../src/provenance/pii/checksums.js'
import { OPEN_QA, OPEN_QA_CARD } from './demo/open-qa.js'
import { SUPPORT_TICKETS } from './demo/support-tickets.js'
import { dialogueRecords } from './demo/dialogues.js'
import { filledReviewSheet } from './demo/review-sheet.js'
import { EN_INSTRUCTIONS, ZH_INSTRUCTIONS, type InstructionRow } from './demo/instructions.js'
import {
  QA_PAIRS,
  RATING_COLUMNS,
  RATINGS,
  SENTIMENT_TEXTS,
  TOPIC_LABELS,
  TOPIC_SENTENCES,
  type Sentiment,
  type TopicLabel,
} from './demo/tables.js'
import { encodePng, encodeWav } from './png.js'

const SEED = 20240506

/** mulberry32: a tiny, well-distributed 32-bit PRNG; the same seed gives the same sequence everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, width = 4): string => String(n).padStart(width, '0')

// ---------------------------------------------------------------------------------------------
// text

const jsonl = (records: readonly unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n'

function instructionRecords(rows: readonly InstructionRow[], lang: 'zh' | 'en'): object[] {
  return rows.map(([instruction, input, output, source], i) => ({
    id: `${lang}-${pad(i + 1)}`,
    instruction,
    input,
    output,
    source,
    lang,
  }))
}

/**
 * gzip with level 9. zlib writes MTIME = 0 and no file name, so the bytes depend only on the input;
 * the OS byte is pinned to 3 (Unix) because zlib sets it from the platform it was built for.
 */
function gzip(data: string): Buffer {
  const out = gzipSync(Buffer.from(data, 'utf8'), { level: 9 })
  out[9] = 3
  return out
}

// ---------------------------------------------------------------------------------------------
// personal information (fake, but valid where tdgov validates)

/** Fills a ticket's placeholders with fake values that pass tdgov's checks; each call draws new digits. */
function fakePersonalInfo(random: () => number): Record<string, () => string> {
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('')
  return {
    mobile: () => `1${['38', '39', '58', '86'][Math.floor(random() * 4)]}${digits(8)}`,
    landline: () => `010-6${digits(7)}`,
    email: () => `user${digits(4)}@example.com`,
    residentId: () => {
      // Dongcheng District, Beijing; a birth date in 1990; sequence digits drawn.
      const first17 = `110101199003${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${digits(3)}`
      return first17 + residentIdCheckChar(first17)
    },
    bankCard: () => {
      const payload = `622202${digits(12)}`
      const card = payload + luhnCheckDigit(payload)
      return card.replace(/(\d{4})(?=\d)/g, '$1 ')
    },
  }
}

function supportTickets(): object[] {
  const random = mulberry32(SEED + 7)
  const fake = fakePersonalInfo(random)
  const fill = (text: string): string => text.replace(/\{(\w+)\}/g, (_, name: string) => fake[name]!())
  return SUPPORT_TICKETS.map((t, i) => ({
    id: `ticket-${pad(i + 1)}`,
    channel: t.channel,
    messages: [
      { role: 'user', content: fill(t.user) },
      { role: 'assistant', content: t.agent },
    ],
    training_consent: 'terms-v3-7',
  }))
}

/** The licence text exactly as the SPDX licence list publishes it. */
function spdxLicenceText(id: string): string {
  const list = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>
  return list[id]!.licenseText.trimEnd() + '\n'
}

// ---------------------------------------------------------------------------------------------
// tables

/** RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function qaCsv(): string {
  const lines = [['id', 'question', 'answer', 'lang']]
  QA_PAIRS.forEach(([question, answer, lang], i) => lines.push([`qa-${pad(i + 1)}`, question, answer, lang]))
  return '\ufeff' + lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('')
}

function ratingsTsv(): string {
  const lines: string[] = [RATING_COLUMNS.join('\t')]
  RATINGS.forEach((row, i) => {
    const cells = [`r-${pad(i + 1)}`, ...row.map(String)]
    if (cells.some((c) => /[\t\r\n]/.test(c))) throw new Error(`rating ${i + 1} has a tab or newline`)
    lines.push(cells.join('\t'))
  })
  return lines.join('\n') + '\n'
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g
const LATIN_WORD = /[A-Za-z0-9]+/g

/** A rough BPE-like token count: ~1.4 CJK characters per token, ~1.3 tokens per Latin word. */
function tokenEstimate(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0
  const words = text.match(LATIN_WORD)?.length ?? 0
  const punct = text.match(/[^\s\p{L}\p{N}]/gu)?.length ?? 0
  return Math.ceil(cjk / 1.4 + words * 1.3 + punct * 0.5)
}

interface TopicRow {
  id: string
  text: string
  label: TopicLabel
  score: number | null
  tokens: number
}

function topicRows(count: number): TopicRow[] {
  const rand = mulberry32(SEED ^ 0x70a1c)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const seen = new Set<string>()
  const rows: TopicRow[] = []
  for (let i = 0; i < count; i++) {
    const label = TOPIC_LABELS[i % TOPIC_LABELS.length]!
    const { zh, en } = TOPIC_SENTENCES[label]
    let text: string
    do {
      const r = rand()
      if (r < 0.45) {
        const a = pick(zh)
        let b = pick(zh)
        while (b === a) b = pick(zh)
        text = a + b
      } else if (r < 0.9) {
        const a = pick(en)
        let b = pick(en)
        while (b === a) b = pick(en)
        text = `${a} ${b}`
      } else {
        text = `${pick(zh)} ${pick(en)}`
      }
    } while (seen.has(text))
    seen.add(text)
    const score = rand() < 0.04 ? null : Math.round((0.35 + 0.64 * rand()) * 1000) / 1000
    rows.push({ id: `topic-${pad(i + 1, 5)}`, text, label, score, tokens: tokenEstimate(text) })
  }
  return rows
}

function topicParquet(rows: readonly TopicRow[]): Buffer {
  const features = {
    id: { dtype: 'string', _type: 'Value' },
    text: { dtype: 'string', _type: 'Value' },
    label: { dtype: 'string', _type: 'Value' },
    score: { dtype: 'float64', _type: 'Value' },
    tokens: { dtype: 'int32', _type: 'Value' },
  }
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: rows.map((r) => r.id), type: 'STRING', nullable: false },
      { name: 'text', data: rows.map((r) => r.text), type: 'STRING', nullable: false },
      { name: 'label', data: rows.map((r) => r.label), type: 'STRING', nullable: false },
      { name: 'score', data: rows.map((r) => r.score), type: 'DOUBLE' },
      { name: 'tokens', data: Int32Array.from(rows, (r) => r.tokens), type: 'INT32', nullable: false },
    ],
    // what Hugging Face `datasets` writes, so the split reads back with typed features
    kvMetadata: [{ key: 'huggingface', value: JSON.stringify({ info: { features } }) }],
  })
  return Buffer.from(buffer)
}

// ---------------------------------------------------------------------------------------------
// images

type Rgba = readonly [number, number, number, number]

class Canvas {
  readonly pixels: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgba,
  ) {
    this.pixels = new Uint8Array(width * height * 4)
    this.fillRect(0, 0, width, height, background)
  }

  set(x: number, y: number, [r, g, b, a]: Rgba): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return
    const o = (y * this.width + x) * 4
    this.pixels[o] = r
    this.pixels[o + 1] = g
    this.pixels[o + 2] = b
    this.pixels[o + 3] = a
  }

  fillRect(x0: number, y0: number, w: number, h: number, color: Rgba): void {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, color)
  }

  fillCircle(cx: number, cy: number, radius: number, color: Rgba): void {
    for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
      for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius * radius) this.set(x, y, color)
      }
    }
  }

  /** A line of the given thickness, drawn as overlapping squares along the segment. */
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, color: Rgba): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 2
    const half = Math.floor(thickness / 2)
    for (let s = 0; s <= steps; s++) {
      const x = Math.round(x0 + ((x1 - x0) * s) / steps)
      const y = Math.round(y0 + ((y1 - y0) * s) / steps)
      this.fillRect(x - half, y - half, thickness, thickness, color)
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.pixels)
  }
}

const WHITE: Rgba = [255, 255, 255, 255]
const GRID: Rgba = [226, 230, 236, 255]
const AXIS: Rgba = [64, 70, 80, 255]
const PALETTE: readonly Rgba[] = [
  [66, 133, 244, 255],
  [219, 68, 55, 255],
  [244, 180, 0, 255],
  [15, 157, 88, 255],
  [171, 71, 188, 255],
]

/** 128×96 bar chart: records per source in five bars over a light grid. */
function barChart(): Buffer {
  const c = new Canvas(128, 96, WHITE)
  for (let y = 16; y <= 80; y += 16) c.fillRect(14, y, 106, 1, GRID)
  const heights = [58, 41, 30, 47, 22]
  heights.forEach((h, i) => c.fillRect(20 + i * 20, 80 - h, 14, h, PALETTE[i]!))
  c.fillRect(14, 8, 1, 73, AXIS)
  c.fillRect(14, 80, 108, 1, AXIS)
  for (let i = 0; i < 5; i++) c.fillRect(26 + i * 20, 81, 2, 3, AXIS)
  return c.png()
}

/** 64×48 line chart with a shaded area: a validation-loss style curve. */
function lineChart(): Buffer {
  const c = new Canvas(64, 48, WHITE)
  const points: [number, number][] = []
  for (let x = 6; x <= 60; x += 6) points.push([x, Math.round(40 - 30 * Math.exp(-(x - 6) / 14))])
  for (const [x, y] of points) for (let yy = y; yy < 42; yy++) c.fillRect(x - 2, yy, 6, 1, [210, 227, 252, 255])
  c.fillRect(4, 4, 1, 39, AXIS)
  c.fillRect(4, 42, 58, 1, AXIS)
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!
    const [x1, y1] = points[i]!
    c.line(x0, y0, x1, y1, 2, PALETTE[0]!)
  }
  for (const [x, y] of points) c.fillCircle(x, y, 1.6, PALETTE[1]!)
  return c.png()
}

/** 32×32 icon on a transparent background: an orange ring around a speech bubble dot. */
function icon(): Buffer {
  const c = new Canvas(32, 32, [0, 0, 0, 0])
  c.fillCircle(16, 16, 15, [245, 124, 0, 255])
  c.fillCircle(16, 16, 11, [255, 243, 224, 255])
  c.fillCircle(16, 16, 5, [245, 124, 0, 255])
  return c.png()
}

/** 48×64 synthetic scene: a sky gradient, a sun and a rolling green hill. */
function scene(): Buffer {
  const c = new Canvas(48, 64, WHITE)
  for (let y = 0; y < 64; y++) {
    const t = y / 63
    c.fillRect(0, y, 48, 1, [Math.round(40 + 150 * t), Math.round(90 + 130 * t), Math.round(180 + 70 * t), 255])
  }
  c.fillCircle(34, 16, 7, [255, 214, 90, 255])
  for (let x = 0; x < 48; x++) {
    const top = Math.round(44 + 5 * Math.sin(x / 7))
    for (let y = top; y < 64; y++) {
      const shade = Math.round(30 * ((y - top) / (64 - top)))
      c.set(x, y, [60 - shade, 150 - shade, 70 - shade, 255])
    }
  }
  return c.png()
}

// ---------------------------------------------------------------------------------------------
// audio

/** 1.5 s, 16 kHz mono: a two-tone chime (E6 then C6) with soft attack and exponential decay. */
function chime(): Buffer {
  const rate = 16_000
  const samples = new Int16Array(Math.round(rate * 1.5))
  const notes = [
    { freq: 1318.51, start: 0.0 },
    { freq: 1046.5, start: 0.45 },
  ]
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate
    let v = 0
    for (const { freq, start } of notes) {
      const u = t - start
      if (u < 0) continue
      const envelope = Math.min(1, u / 0.005) * Math.exp(-u / 0.32)
      v += envelope * (Math.sin(2 * Math.PI * freq * u) + 0.25 * Math.sin(4 * Math.PI * freq * u))
    }
    const fadeOut = Math.min(1, (samples.length - i) / (rate * 0.02))
    samples[i] = Math.round(Math.max(-1, Math.min(1, 0.42 * v * fadeOut)) * 32767)
  }
  return encodeWav(samples, rate)
}

// ---------------------------------------------------------------------------------------------
// annotations

const LABELS: readonly Sentiment[] = ['positive', 'negative', 'neutral']
const BASE_TIME = Date.UTC(2024, 4, 13, 1, 30, 0) // 2024-05-13T01:30:00Z, fixed

function isoMicros(ms: number, micros: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`
}

/** Label Studio JSON export: 30 sentiment tasks, each labelled by two of three annotators (every fifth by all three). */
function labelStudioExport(): object[] {
  const rand = mulberry32(SEED ^ 0x15b)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  const resultId = (): string => Array.from({ length: 10 }, () => alphabet[Math.floor(rand() * 64)]).join('')
  let annotationId = 1000
  let clock = BASE_TIME
  return SENTIMENT_TEXTS.map(([text, gold], i) => {
    const taskId = 101 + i
    const annotators = i % 5 === 4 ? [1, 2, 3] : [(i % 3) + 1, ((i + 1) % 3) + 1]
    const taskCreated = isoMicros(BASE_TIME - 86_400_000 + i * 1000, 100_000 + i * 977)
    const annotations = annotators.map((annotator) => {
      annotationId += 1
      // a few annotations depart from the consensus label; annotator 3 (newest on the roster) most often
      const errorRate = annotator === 3 ? 0.12 : 0.05
      const label = rand() < errorRate ? LABELS[(LABELS.indexOf(gold) + 1 + Math.floor(rand() * 2)) % 3]! : gold
      const leadTime = Math.round((4 + rand() * 36) * 1000) / 1000
      clock += Math.round(leadTime * 1000) + Math.floor(rand() * 90_000)
      const micros = Math.floor(rand() * 1_000_000)
      const created = isoMicros(clock, micros)
      return {
        id: annotationId,
        completed_by: annotator,
        result: [
          {
            value: { choices: [label] },
            id: resultId(),
            from_name: 'sentiment',
            to_name: 'text',
            type: 'choices',
            origin: 'manual',
          },
        ],
        was_cancelled: false,
        ground_truth: false,
        created_at: created,
        updated_at: isoMicros(clock, Math.min(999_999, micros + 17)),
        lead_time: leadTime,
        prediction: {},
        result_count: 0,
        task: taskId,
        project: 3,
        parent_prediction: null,
        parent_annotation: null,
        last_created_by: null,
      }
    })
    return {
      id: taskId,
      annotations,
      file_upload: 'b7e1c2d4-sentiment-batch-01.json',
      drafts: [],
      predictions: [],
      data: { text },
      meta: {},
      created_at: taskCreated,
      updated_at: annotations[annotations.length - 1]!.updated_at,
      inner_id: i + 1,
      total_annotations: annotations.length,
      cancelled_annotations: 0,
      total_predictions: 0,
      comment_count: 0,
      unresolved_comment_count: 0,
      last_comment_updated_at: null,
      project: 3,
      updated_by: annotators[annotators.length - 1],
      comment_authors: [],
    }
  })
}

// ---------------------------------------------------------------------------------------------
// dataset card

interface Counts {
  zh: number
  en: number
  dialogues: number
  topics: number
  qa: number
  ratings: number
  tasks: number
  annotations: number
  tickets: number
  openQa: number
}

function datasetCard(n: Counts): string {
  return `---
license: cc-by-4.0
language:
  - zh
  - en
multilinguality: multilingual
pretty_name: Bilingual Assistant Demo Set
size_categories:
  - n<1K
task_categories:
  - text-generation
  - question-answering
  - text-classification
annotations_creators:
  - expert-generated
language_creators:
  - expert-generated
source_datasets:
  - original
tags:
  - instruction-tuning
  - chat
  - bilingual
configs:
  - config_name: instructions_zh
    default: true
    data_files:
      - split: train
        path: text/zh/instructions.jsonl
  - config_name: instructions_en
    data_files:
      - split: train
        path: text/en/instructions.jsonl
  - config_name: dialogues
    data_files:
      - split: train
        path: text/en/dialogues.jsonl.gz
  - config_name: topics
    data_files:
      - split: train
        path: tables/train-00000-of-00001.parquet
  - config_name: qa_pairs
    data_files:
      - split: train
        path: tables/qa-pairs.csv
  - config_name: ratings
    data_files:
      - split: train
        path: tables/ratings.tsv
---

# Bilingual Assistant Demo Set

A small Chinese–English dataset for supervised fine-tuning of a general-purpose assistant:
instruction–response pairs, multi-turn chats, short question–answer pairs, a topic-labelled text
split, response ratings, and a sentiment-labelling project with its annotations. It is the demo
dataset of tdgov and is meant to be scanned, audited and reported on, not to train a production
model.

## Contents

| path | format | records | description |
|---|---|---|---|
| \`text/zh/instructions.jsonl\` | JSON Lines | ${n.zh} | Chinese instructions: general knowledge, writing, maths, code, translation |
| \`text/en/instructions.jsonl\` | JSON Lines | ${n.en} | English instructions of the same kinds |
| \`text/zh/support-tickets.jsonl\` | JSON Lines | ${n.tickets} | customer-support conversations shared under the service terms' training opt-in |
| \`text/en/open-qa/train.jsonl\` | JSON Lines | ${n.openQa} | science question–answer pairs from an open dataset (CC BY-NC 4.0, see its card) |
| \`text/en/dialogues.jsonl.gz\` | JSON Lines, gzip | ${n.dialogues} | multi-turn chats (\`messages\` with \`system\` / \`user\` / \`assistant\` roles) |
| \`tables/train-00000-of-00001.parquet\` | Parquet | ${n.topics} | short zh / en / mixed texts with a topic label, quality score and token count |
| \`tables/qa-pairs.csv\` | CSV (UTF-8 with BOM) | ${n.qa} | short factual question–answer pairs |
| \`tables/ratings.tsv\` | TSV | ${n.ratings} | 1–5 ratings of responses in the instruction files |
| \`annotations/label-studio-export.json\` | Label Studio JSON | ${n.tasks} tasks, ${n.annotations} annotations | sentiment labels (positive / negative / neutral) |
| \`images/*.png\` | PNG | 4 | synthetic charts, an icon and a scene, rendered programmatically |
| \`audio/prompt-0001.wav\` | WAV, 16 kHz mono | 1 | a 1.5 s two-tone chime used as an audio prompt |

Instruction records have the fields \`id\`, \`instruction\`, \`input\` (may be empty), \`output\`,
\`source\` (\`human-written\` or \`human-translated\`) and \`lang\`.

## Sources and collection

- The instructions, dialogues and tables were written for this dataset by the data team;
  translations were made by hand. Nothing was crawled or bought, and no model-generated text is
  included.
- \`text/zh/support-tickets.jsonl\` holds customer-support conversations whose users opted in to
  training under the service terms (v3, section 7). They contain the contact details and, in two
  messages, an identity number and a bank card number that users typed: **all fake**, generated
  with valid check digits so that tdgov's personal-information detectors find them.
- \`text/en/open-qa/\` stands in for an open dataset obtained from abroad under CC BY-NC 4.0; its
  own card states the licence, which applies to that folder instead of this dataset's.
- The topic split pairs hand-written sentences by script (with a fixed seed). Its \`score\` is a
  heuristic quality score in [0, 1], missing for a few rows; \`tokens\` is a token-count estimate.
- The images and the audio clip are synthetic: drawn and synthesised by a script, not photographed
  or recorded.
- Apart from the support tickets' fake values, the dataset contains no personal information: no
  names of real private individuals, contact details, identity numbers or account numbers.
  Textbook-style names (for example "小明") are generic.

## Labelling rules (summary)

- **Sentiment** (Label Studio project, rule set \`sentiment-v1\`): \`positive\` when the text
  expresses overall approval or satisfaction; \`negative\` for overall disapproval, complaint or
  dissatisfaction; \`neutral\` for factual statements and texts without a clear overall attitude.
  Mixed texts take the attitude that dominates; when none does, \`neutral\`.
- Every item is labelled independently by two annotators, every fifth item by three; a reviewer
  who did not label the item resolves disagreements.
- **Topics** (Parquet split): one of \`science\`, \`technology\`, \`culture\`, \`sports\`, \`finance\`.
- **Ratings**: helpfulness, harmlessness and fluency on 1–5 scales; a rater never rates their own
  writing.

## Intended use

Demonstrating and testing training-data governance: provenance records, licence detection,
labelling-quality audits and regulator reports. The data is too small to fine-tune a useful model.

## Licence

Creative Commons Attribution 4.0 International (CC BY 4.0); the full legal code is in
[\`LICENSE\`](LICENSE). \`text/en/open-qa/\` keeps its own licence, CC BY-NC 4.0 (see its card). Please credit "Bilingual Assistant Demo Set, the tdgov authors".

## 中文摘要

本数据集是一个小型中英双语助手微调数据集，包括指令-回答对（中文 ${n.zh} 条、英文 ${n.en} 条）、
${n.dialogues} 段多轮对话、${n.qa} 组问答、${n.topics} 条带主题标签的文本、${n.ratings} 条回答评分，
以及一个情感标注项目（${n.tasks} 个任务、${n.annotations} 条标注）。全部文本由数据团队自行撰写或人工翻译，
未使用网络爬取、商业采购或模型生成的内容；图片和音频为程序合成。客服工单来自同意将对话用于训练的用户，
其中的联系方式、身份证号和银行卡号均为虚构（校验位有效，用于演示个人信息检测）；\`text/en/open-qa/\` 代表一个
以 CC BY-NC 4.0 许可从境外获取的开放数据集。

标注规则：情感分为正面（positive）、负面（negative）、中性（neutral）三类；每条数据由两名标注员独立标注，
每五条中有一条由三名标注员标注，分歧由未参与该条标注的审核员裁定。

本数据集用于演示和测试训练数据治理（来源记录、许可证识别、标注质量抽检和备案报告），
采用 CC BY 4.0 许可协议，完整法律文本见 \`LICENSE\` 文件。

Generated by \`scripts/make-demo.ts\` in the tdgov repository; rerun it to reproduce these files byte for byte.
`
}

// ---------------------------------------------------------------------------------------------

function listFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(path))
    else out.push(path)
  }
  return out
}

/** The demo's declared provenance: what `tdgov init` drafts, filled in by its owners. */
const DEMO_CONFIG = `# tdgov.yaml: the declared provenance of the demo dataset (see README.md).
version: 1

dataset:
  name: Bilingual Assistant Demo Set
  version: "1.0.0"
  description: small Chinese–English assistant fine-tuning set, used to demonstrate tdgov
  intended_use: commercial # commercial | research | internal

provider:
  name: Example AI Co., Ltd. (demo)

base_models:
  - name: Example-7B-Chat
    version: "1.0"
    license: Apache-2.0
    filing_number: DEMO-FILING-0001

sources:
  - id: team-written
    name: Instructions, dialogues, tables and labels written by the data team
    kind: self-collected
    domestic: true
    acquired: { from: 2024-03-01, to: 2024-04-30 }
    license: CC-BY-4.0
    personal_information: none
    paths: ["text/zh/instructions.jsonl", "text/en/instructions.jsonl", "text/en/dialogues.jsonl.gz", "tables/**", "annotations/**", "README.md", "LICENSE"]

  - id: support-tickets
    name: Customer-support conversations users agreed to share for training
    kind: user-input
    domestic: true
    acquired: { from: 2024-01-01, to: 2024-03-31 }
    contract: service terms v3 section 7 (training opt-in)
    personal_information: consent
    paths: ["text/zh/support-tickets.jsonl"]

  - id: open-science-qa
    name: Open Science QA
    kind: open-source
    origin: { url: "https://example.org/open-science-qa", organisation: Example University }
    domestic: false
    acquired: { from: 2024-02-15, to: 2024-02-15 }
    license: CC-BY-NC-4.0
    personal_information: none
    paths: ["text/en/open-qa/**"]

  - id: synthetic-media
    name: Charts, icon, scene and chime rendered by scripts/make-demo.ts
    kind: synthetic
    domestic: true
    synthetic: { generator: tdgov make-demo procedural renderer, version: "1" }
    license: CC-BY-4.0
    personal_information: none
    paths: ["images/**", "audio/**"]

labelling_rules:
  - id: sentiment
    version: "2.1"
    kind: functional
    labels: [positive, negative, neutral]
    document: governance/labelling-rules-sentiment.md

# The people in the exports (Label Studio user ids) and the reviewers of audit sheets.
annotators:
  - { id: "1", role: annotator, affiliation: internal, trained_on: 2024-04-22, assessment: passed }
  - { id: "2", role: annotator, affiliation: internal, trained_on: 2024-04-22, assessment: passed }
  - { id: "3", role: annotator, affiliation: outsourced, trained_on: 2024-05-06, assessment: pending }
  - { id: rev-chen, role: reviewer, affiliation: internal, trained_on: 2024-04-22, assessment: passed }
  - { id: rev-lopez, role: reviewer, affiliation: internal, trained_on: 2024-04-22, assessment: passed }

# Labelling rules and review sheets are governance records, not training data.
excludes: ["governance/**"]

policy:
  min_sources_per_cell: 2
  # The demo's labels date from 2024; a long validity keeps its output the same from year to year.
  training_valid_days: 36500
`

/** The labelling rules the demo's sentiment annotations were made under (hashed into audits). */
const SENTIMENT_RULES = `# Sentiment labelling rules, v2.1 / 情感标注规则 v2.1

Label the overall sentiment of the customer's text, not of the topic it is about.
判断用户文本整体表达的情感，而不是其话题本身的情感。

| label | use when | 适用 |
|---|---|---|
| positive | the writer is pleased, grateful or recommends | 满意、感谢、推荐 |
| negative | the writer complains, is disappointed or warns others | 投诉、失望、提醒他人 |
| neutral | a question, a plain statement, or mixed feelings that cancel out | 提问、陈述、褒贬相抵 |

Sarcasm counts as what the writer means. When unsure, choose neutral and leave a comment.
反讽按作者本意标注；拿不准时标为 neutral 并留言。

Quality: every batch is sample-audited with \`tdgov audit\` (ISO 2859-1, AQL 6.5); reviewers are never
the annotator of the item they review.
质检：每批按 ISO 2859-1（AQL 6.5）抽样复核；复核人不得复核自己标注的条目。
`

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'fixtures/demo')
  const files = new Map<string, Buffer>()
  const put = (rel: string, data: string | Buffer): void => {
    files.set(rel, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
  }

  const zh = instructionRecords(ZH_INSTRUCTIONS, 'zh')
  const en = instructionRecords(EN_INSTRUCTIONS, 'en')
  const dialogues = dialogueRecords()
  const topics = topicRows(200)
  const tasks = labelStudioExport()
  const annotations = tasks.reduce((sum, t) => sum + (t as { annotations: unknown[] }).annotations.length, 0)

  put(
    'README.md',
    datasetCard({
      zh: zh.length,
      en: en.length,
      dialogues: dialogues.length,
      topics: topics.length,
      qa: QA_PAIRS.length,
      ratings: RATINGS.length,
      tasks: tasks.length,
      annotations,
      tickets: SUPPORT_TICKETS.length,
      openQa: OPEN_QA.length,
    }),
  )
  put('LICENSE', spdxLicenceText('CC-BY-4.0'))
  put('tdgov.yaml', DEMO_CONFIG)
  put('text/zh/support-tickets.jsonl', jsonl(supportTickets()))
  put('text/en/open-qa/README.md', OPEN_QA_CARD)
  put('text/en/open-qa/train.jsonl', jsonl(OPEN_QA.map(([question, answer], i) => ({ id: `osqa-${pad(i + 1)}`, question, answer }))))
  put('text/zh/instructions.jsonl', jsonl(zh))
  put('text/en/instructions.jsonl', jsonl(en))
  put('text/en/dialogues.jsonl.gz', gzip(jsonl(dialogues)))
  put('tables/train-00000-of-00001.parquet', topicParquet(topics))
  put('tables/qa-pairs.csv', qaCsv())
  put('tables/ratings.tsv', ratingsTsv())
  put('images/chart-0001.png', barChart())
  put('images/chart-0002.png', lineChart())
  put('images/icon-0001.png', icon())
  put('images/scene-0001.png', scene())
  put('audio/prompt-0001.wav', chime())
  put('annotations/label-studio-export.json', JSON.stringify(tasks, null, 2) + '\n')
  put('governance/labelling-rules-sentiment.md', SENTIMENT_RULES)
  const goldByTask = new Map(SENTIMENT_TEXTS.map(([, gold], i) => [String(101 + i), gold]))
  put('governance/sentiment-review.csv', await filledReviewSheet(files, goldByTask))

  let total = 0
  for (const [rel, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = join(outDir, ...rel.split('/'))
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, data)
    total += data.length
    const digest = createHash('sha256').update(data).digest('hex')
    console.log(`${digest.slice(0, 12)}  ${String(data.length).padStart(7)}  ${rel}`)
  }
  console.log(`${files.size} files, ${total} bytes -> ${outDir}`)

  const stray = listFiles(outDir)
    .map((p) => relative(outDir, p).split(sep).join('/'))
    .filter((rel) => !files.has(rel) && !rel.startsWith('.tdgov/'))
  if (stray.length > 0) console.warn(`not written by this script (left alone): ${stray.join(', ')}`)
}

await main()
