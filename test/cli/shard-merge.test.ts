import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/**
 * The demo (sources, licences, a rules document, Parquet, media) plus 300 JSONL files of about
 * 20 KB each, so the token estimate draws a sample (about 6 MB of text against a 2 MiB budget);
 * lines repeated across files, for the dataset-wide duplicate figures; personal values; a link
 * out of the tree and a broken one, for the walk's findings.
 */
function tree(): string {
  const root = path.join(makeTempDir(), 'data')
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  const files: Record<string, string> = {}
  for (let f = 0; f < 300; f++) {
    const lines: string[] = []
    for (let l = 0; l < 90; l++) {
      const shared = l % 10 === 0 ? `shared line ${l}` : `file ${f} line ${l}`
      lines.push(JSON.stringify({ id: `${f}-${l}`, text: `${shared}: ${'lorem ipsum dolor sit amet '.repeat(7)}${f % 13 === 0 && l === 3 ? ' call 13812345678' : ''}` }))
    }
    files[`text/en/bulk/part-${String(f).padStart(3, '0')}.jsonl`] = lines.join('\n') + '\n'
  }
  writeTree(root, files)
  symlinkSync('/etc/hostname', path.join(root, 'outside-link'))
  symlinkSync('nowhere', path.join(root, 'broken-link'))
  return root
}

describe('tdgov scan --shard K/N and tdgov merge', () => {
  let root = ''
  let whole = ''
  beforeAll(async () => {
    root = tree()
    const scanned = await runCli(['scan', root, '--no-cache', '--out', path.join(root, '..', 'whole.json')])
    expect(scanned.status, scanned.stderr).toBe(0)
    whole = readFileSync(path.join(root, '..', 'whole.json'), 'utf8')
    // the token estimate drew a sample: the merge must redo the whole tree's draw
    expect(whole).toMatch(/"method": "[^"]*sample/)
  }, 120_000)

  it.each([1, 2, 3, 7])('the merge of %i shards is the unsharded manifest, byte for byte', async (count) => {
    const dir = makeTempDir()
    const partials: string[] = []
    for (let k = 1; k <= count; k++) {
      const out = path.join(dir, `shard-${k}.ndjson`)
      const result = await runCli(['scan', root, '--shard', `${k}/${count}`, '--out', out])
      expect(result.status, result.stderr).toBe(0)
      expect(result.stdout).toContain(`shard ${k} of ${count}: `)
      partials.push(out)
    }
    const merged = path.join(dir, 'merged.json')
    // in any order
    const result = await runCli(['merge', ...partials.reverse(), '--out', merged])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain(`merged ${count} shard`)
    expect(readFileSync(merged, 'utf8')).toBe(whole)
  }, 240_000)

  it('writes the same manifest, and merges the same shards, when its records are spilled to disk as they come', async () => {
    // A budget of a few records: every scan and merge takes the path a million-file tree takes.
    const env = { TDGOV_RECORD_MEMORY_CHARS: '4000' }
    const dir = makeTempDir()
    const spilled = path.join(dir, 'spilled.json')
    const scanned = await runCli(['scan', root, '--no-cache', '--out', spilled], { env })
    expect(scanned.status, scanned.stderr).toBe(0)
    expect(readFileSync(spilled, 'utf8')).toBe(whole)
    const partials: string[] = []
    for (let k = 1; k <= 3; k++) {
      const out = path.join(dir, `shard-${k}.ndjson`)
      const result = await runCli(['scan', root, '--shard', `${k}/3`, '--out', out], { env })
      expect(result.status, result.stderr).toBe(0)
      partials.push(out)
    }
    const merged = path.join(dir, 'merged.json')
    const result = await runCli(['merge', ...partials, '--out', merged], { env })
    expect(result.status, result.stderr).toBe(0)
    expect(readFileSync(merged, 'utf8')).toBe(whole)
  }, 240_000)

  it('refuses a missing, repeated or foreign shard, other options, another tdgov, a manifest, a changed tdgov.yaml', async () => {
    const dir = makeTempDir()
    const scanShard = async (shard: string, out: string, ...flags: string[]): Promise<string> => {
      const file = path.join(dir, out)
      const result = await runCli(['scan', root, '--shard', shard, '--out', file, ...flags])
      expect(result.status, result.stderr).toBe(0)
      return file
    }
    const [a, b, c] = [await scanShard('1/3', 'a'), await scanShard('2/3', 'b'), await scanShard('3/3', 'c')]
    const other = await scanShard('2/2', 'other-count')
    const piiOff = await scanShard('3/3', 'pii-off', '--pii', 'off')
    const merge = (...files: string[]) => runCli(['merge', ...files, '--out', path.join(dir, 'out.json')])
    const refused = async (files: string[], line: string | RegExp): Promise<void> => {
      const result = await merge(...files)
      expect(result.status, result.stdout).toBe(2)
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(line)
    }
    await refused([a, b], `tdgov: shard 3 of 3 missing; expected the partial of every shard (given: 1, 2)\n`)
    await refused([a, b, b, c], `tdgov: ${b}: shard 2 of 3 again (also ${b}); expected each shard once\n`)
    await refused([a, other, c], `tdgov: ${other}: shard 2 of 2, but ${a} is a shard of 3; expected the shards of one scan\n`)
    await refused([a, b, piiOff], `tdgov: ${piiOff}: scanned with other options or another tdgov.yaml than ${a}; expected the shards of one scan (the same flags and tdgov.yaml)\n`)
    const edited = path.join(dir, 'edited')
    const [header, ...rest] = readFileSync(c, 'utf8').split('\n')
    writeFileSync(edited, [JSON.stringify({ ...(JSON.parse(header!) as object), tool: '0.0.1' }), ...rest].join('\n'))
    await refused([a, b, edited], /^tdgov: .*edited: scanned by tdgov 0\.0\.1; this is tdgov \S+, and merge needs the version that scanned\n$/)
    const cut = path.join(dir, 'cut')
    writeFileSync(cut, readFileSync(c, 'utf8').split('\n').slice(0, -3).join('\n') + '\n')
    await refused([a, b, cut], /cut: holds \d+ files, its header says \d+; the partial is cut or edited\n$/)
    await refused([a, b, path.join(root, '..', 'whole.json')], /whole\.json: a JSON document such as a manifest, not a partial; merge takes the partials that tdgov scan --shard K\/N writes\n$/)
    await refused([a, b, path.join(dir, 'absent')], /absent: cannot read the partial manifest \(ENOENT\)\n$/)

    const config = path.join(root, 'tdgov.yaml')
    const original = readFileSync(config, 'utf8')
    writeFileSync(config, original + '\n# edited after the shards were scanned\n')
    try {
      await refused([a, b, c], /tdgov\.yaml: not the tdgov\.yaml the shards were scanned against \(sha256 [0-9a-f]{64} then\); scan the shards again\n$/)
    } finally {
      writeFileSync(config, original)
    }
    expect((await merge(a, b, c)).status).toBe(0)
  }, 240_000)
})
