import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { JSON_PARSE_FLOOR } from '../../bench/cases/deep.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(() => removeTempDirs())

const floor = (file: string) => spawnSync(process.execPath, ['-e', JSON_PARSE_FLOOR, file], { encoding: 'utf8' })

describe("case J's floor (node -e, JSON.parse per line)", () => {
  it('parses every line, across 1 MiB chunks and multi-byte characters, with or without a final newline', () => {
    const dir = makeTempDir()
    const lines: string[] = []
    // ~3 MB: lines of Chinese text (3 bytes a character) land on every chunk boundary somewhere
    for (let i = 0; i < 12_000; i++) lines.push(JSON.stringify({ id: i, text: `第${i}行 ${'数据治理'.repeat(20)} "q" \\ ${i % 7}` }))
    const withNewline = path.join(dir, 'a.jsonl')
    fs.writeFileSync(withNewline, lines.join('\n') + '\n')
    const without = path.join(dir, 'b.jsonl')
    fs.writeFileSync(without, lines.join('\n'))
    for (const file of [withNewline, without]) {
      const r = floor(file)
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout.trim()).toBe(String(lines.length))
    }
  })

  it('fails on a line that is not JSON', () => {
    const file = path.join(makeTempDir(), 'bad.jsonl')
    fs.writeFileSync(file, '{"a":1}\n{"a":\n')
    expect(floor(file).status).not.toBe(0)
  })
})
