/**
 * Writes a tree of many small JSONL files: `dirs` directories × `filesPerDir` files, each 1–5
 * lines and roughly 100–400 bytes. Deterministic for a given seed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Rng } from './prng.js'
import { englishSentence, chineseSentence } from './textgen.js'

export interface TreeResult {
  files: number
  bytes: number
  lines: number
  seconds: number
}

function smallRecord(rng: Rng, id: string, budget: number): string {
  const zh = rng.chance(0.2)
  const base = { id, text: '', lang: zh ? 'zh' : 'en', label: rng.int(0, 9) }
  const overhead = Buffer.byteLength(JSON.stringify(base)) + 1
  let text = ''
  // grow the text until the line reaches its byte budget (at least one sentence)
  do {
    const s = zh ? chineseSentence(rng) : englishSentence(rng)
    text = text ? `${text} ${s}` : s
  } while (overhead + Buffer.byteLength(text) < budget)
  // trim back to about the budget (Chinese characters are 3 bytes in UTF-8)
  const over = overhead + Buffer.byteLength(text) - budget
  if (over > 0) text = text.slice(0, Math.max(8, text.length - Math.ceil(over / (zh ? 3 : 1))))
  base.text = text
  return JSON.stringify(base) + '\n'
}

export function generateTree(root: string, dirs: number, filesPerDir: number, seed: number): TreeResult {
  const t0 = process.hrtime.bigint()
  const rng = new Rng(seed)
  let files = 0
  let bytes = 0
  let lines = 0
  for (let d = 0; d < dirs; d++) {
    const dir = path.join(root, `d${String(d).padStart(3, '0')}`)
    fs.mkdirSync(dir, { recursive: true })
    for (let f = 0; f < filesPerDir; f++) {
      const nLines = rng.int(1, 5)
      const target = rng.int(100, 400)
      const perLine = Math.max(40, Math.floor(target / nLines))
      let content = ''
      for (let l = 0; l < nLines; l++) {
        content += smallRecord(rng, `t${d}-${f}-${l}`, perLine)
      }
      fs.writeFileSync(path.join(dir, `f${String(f).padStart(4, '0')}.jsonl`), content)
      files++
      lines += nLines
      bytes += Buffer.byteLength(content)
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { files, bytes, lines, seconds }
}
