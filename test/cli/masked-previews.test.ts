import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const CONFIG = `dataset: {name: t, intended_use: commercial}
sources:
  - {id: web, name: Web pages, kind: crawled, license: CC-BY-4.0, crawl: {robots_respected: true, opt_out_respected: true}, paths: ["web/**"]}
`
/** Personal values the validated detectors let through: each is raw text a reviewer must not see. */
const MISSED = ['ID:110101199003071233abc', 'user_440305198512314561_file', '１３８１２３４５６７８', 'tel18600001111ext']
/** The digits of each, as they would leak (full-width ones normalised as well as not). */
const LEAKS = ['110101199003071233', '440305198512314561', '13812345678', '１３８１２３４５６７８', '18600001111']

function ok(result: ExecResult): ExecResult {
  expect(result.status, result.stderr + result.stdout).toBe(0)
  return result
}

function allCacheText(root: string): string {
  const dir = path.join(root, '.tdgov', 'cache')
  return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n')
}

describe('values the detectors miss, in previews and field names (built CLI)', () => {
  it('masks them in the review sheet of a content audit', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'tdgov.yaml': CONFIG,
      'web/a.jsonl': MISSED.map((value, i) => JSON.stringify({ id: i, text: `record ${i}: ${value} end` })).join('\n') + '\n',
    })
    ok(await runCli(['audit', 'sample', '--source', 'web', '--ratio', '1', '--seed', 's', '--sheet', 'sheet.csv', '--id', 'leaks'], { cwd: root }))
    const sheet = readFileSync(path.join(root, 'sheet.csv'), 'utf8')
    for (const leak of LEAKS) expect(sheet).not.toContain(leak)
    expect(sheet).toContain('record 1: user_******************_file end')
    expect(sheet).toContain('record 2: 138****5678 end')
    expect(sheet).toContain('record 3: tel186****1111ext end')
  })

  it('masks a JSON key that is an identity number in the manifest, the cache, stdout and stderr', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"110101199003071233": 1, "text": "hello there"}\n{"110101199003071233": 2, "text": "more"}\n', 'b.csv': 'id,13812345678\n1,2\n' })
    const scan = ok(await runCli(['scan', root, '--tokens', 'off']))
    const json = ok(await runCli(['scan', root, '--tokens', 'off', '--json']))
    const check = await runCli(['check', root])
    const texts = [readFileSync(path.join(root, '.tdgov', 'manifest.json'), 'utf8'), allCacheText(root), scan.stdout, scan.stderr, json.stdout, json.stderr, check.stdout, check.stderr]
    for (const text of texts) for (const leak of ['110101199003071233', '13812345678']) expect(text).not.toContain(leak)
    const manifest = JSON.parse(json.stdout) as { files: { path: string; schema?: { fields: { name: string }[] } }[] }
    expect(manifest.files.map((f) => [f.path, f.schema?.fields.map((field) => field.name)])).toEqual([
      ['a.jsonl', ['11**************33', 'text']],
      ['b.csv', ['id', '138****5678']],
    ])
  })
})
