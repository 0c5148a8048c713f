import { readFileSync, truncateSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** `(N read, M from cache)` from the scan summary on stdout. */
async function scanCounts(root: string): Promise<string> {
  const run = await runCli(['scan', root])
  expect(run.status, run.stderr).toBe(0)
  return /\(\d+ read, \d+ from cache\)/.exec(run.stdout)?.[0] ?? run.stdout
}

describe('the scan cache index (one flat JSON array of path, size, mtime)', () => {
  it('recognises an unchanged tree from it, and ignores it when torn or malformed', async () => {
    const root = makeTempDir('tdgov-cache-index-')
    writeTree(root, { 'a.jsonl': '{"x":1}\n', 'b.jsonl': '{"x":2}\n', 'sub/c.txt': 'hello\n' })
    // older than the racy window, so the first scan may cache them
    const old = new Date(Date.now() - 3_600_000)
    for (const f of ['a.jsonl', 'b.jsonl', 'sub/c.txt']) utimesSync(path.join(root, f), old, old)
    const index = path.join(root, '.tdgov', 'cache', 'index-v11.ndjson')

    expect(await scanCounts(root)).toBe('(3 read, 0 from cache)')
    expect(readFileSync(index, 'utf8').split('\n')[1]).toBe(
      JSON.stringify(['a.jsonl', 8, statSync(path.join(root, 'a.jsonl')).mtimeMs, 'b.jsonl', 8, statSync(path.join(root, 'b.jsonl')).mtimeMs, 'sub/c.txt', 6, statSync(path.join(root, 'sub/c.txt')).mtimeMs]),
    )
    expect(await scanCounts(root)).toBe('(0 read, 3 from cache)')

    // torn: the last bytes (and the final newline) are missing
    truncateSync(index, statSync(index).size - 5)
    expect(await scanCounts(root)).toBe('(3 read, 0 from cache)')
    expect(await scanCounts(root)).toBe('(0 read, 3 from cache)')

    // malformed: not triples
    const header = readFileSync(index, 'utf8').split('\n')[0]!
    writeFileSync(index, `${header}\n["a.jsonl",8]\n`)
    expect(await scanCounts(root)).toBe('(3 read, 0 from cache)')
  })
})
