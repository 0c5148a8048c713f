import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoProject } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { listFiles, makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** Every file below `dir` with its sha256: the canary's state. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]))
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
  return lines[0]!
}

describe('writes stay inside the project and off the user’s data', () => {
  let canary: string
  let before: Record<string, string>
  beforeAll(() => {
    canary = makeTempDir('tdgov-canary-')
    writeTree(canary, { 'keep.txt': 'do not touch\n', 'manifest.json': '{"mine":true}\n', 'cache/index-v8.ndjson': 'not tdgov\n' })
    before = snapshot(canary)
  })

  it('refuses a dataset whose .tdgov is a link out of it, and writes nothing there', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n' })
    symlinkSync(canary, path.join(root, '.tdgov'))
    const run = await runCli(['scan', root])
    expect(run.status).toBe(2)
    expect(oneLine(run.stderr)).toBe(`tdgov: ${path.join(root, '.tdgov')}: is a symbolic link; tdgov does not write its records through links (remove it, or point --out elsewhere)`)
    expect(snapshot(canary)).toEqual(before)
  })

  it('neither reads nor writes a cache whose folder is a link out of the dataset', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n' })
    mkdirSync(path.join(root, '.tdgov'))
    symlinkSync(path.join(canary, 'cache'), path.join(root, '.tdgov', 'cache'))
    for (let i = 0; i < 2; i++) {
      const run = await runCli(['scan', root])
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toContain('(1 read, 0 from cache)')
    }
    expect(snapshot(canary)).toEqual(before)
  })

  it('refuses --out onto a data file of the dataset, and onto a file tdgov did not write, unless --force', async () => {
    const root = makeTempDir()
    writeTree(root, { 'data.jsonl': '{"text":"a"}\n' })
    const inside = await runCli(['scan', root, '--out', path.join(root, 'data.jsonl')])
    expect(inside.status).toBe(2)
    expect(oneLine(inside.stderr)).toMatch(/data\.jsonl: inside the dataset .*, where it would be read as data on the next scan; write it elsewhere or under .*\.tdgov, or pass --force$/)
    expect(readFileSync(path.join(root, 'data.jsonl'), 'utf8')).toBe('{"text":"a"}\n')
    const theirs = path.join(makeTempDir(), 'notes.txt')
    writeFileSync(theirs, 'my notes\n')
    for (const args of [['scan', root], ['check', root], ['report', root]]) {
      const run = await runCli([...args, '--out', theirs])
      expect(run.status, args[0]).toBe(2)
      expect(oneLine(run.stderr)).toBe(`tdgov: ${theirs}: exists and is not an output tdgov wrote there (or it has changed since); pass --force to replace it`)
      expect(readFileSync(theirs, 'utf8')).toBe('my notes\n')
    }
    // a file tdgov wrote is replaced without asking; --force replaces the others
    const ours = path.join(makeTempDir(), 'manifest.json')
    expect((await runCli(['scan', root, '--out', ours])).status).toBe(0)
    expect((await runCli(['scan', root, '--out', ours])).status).toBe(0)
    expect((await runCli(['scan', root, '--out', theirs, '--force'])).status).toBe(0)
    expect(readFileSync(theirs, 'utf8')).toContain('"manifest": "tdgov/manifest"')
  })

  it('leaves a dataset scanned with --no-cache and --out elsewhere exactly as it was (no .tdgov, no ledger)', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n' })
    const before = snapshot(root)
    const out = path.join(makeTempDir(), 'manifest.json')
    for (let i = 0; i < 2; i++) expect((await runCli(['scan', root, '--no-cache', '--out', out, '--force'])).status).toBe(0)
    expect(readdirSync(root)).toEqual(['a.jsonl'])
    expect(snapshot(root)).toEqual(before)
  })

  it('knows its outputs from its ledger, not from what a file says: a README that mentions tdgov is kept', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n' })
    expect((await runCli(['scan', root])).status).toBe(0)
    const docs = makeTempDir()
    // the previous check (the word "tdgov" in the first 64 KiB) let a report replace tdgov's own README
    const readme = path.join(docs, 'README.md')
    writeFileSync(readme, '# Our dataset\n\nScanned with tdgov 0.1.0; see the tdgov audit records.\n')
    const refused = await runCli(['report', root, '--format', 'html', '--out', readme])
    expect(refused.status).toBe(2)
    expect(readFileSync(readme, 'utf8')).toContain('# Our dataset')
    // an output tdgov wrote is replaced, until someone edits it
    const report = path.join(docs, 'report.md')
    expect((await runCli(['report', root, '--format', 'md', '--out', report])).status).toBe(0)
    expect((await runCli(['report', root, '--format', 'md', '--out', report])).status).toBe(0)
    writeFileSync(report, readFileSync(report, 'utf8') + '\nReviewed by the compliance team.\n')
    const edited = await runCli(['report', root, '--format', 'md', '--out', report])
    expect(edited.status).toBe(2)
    expect(oneLine(edited.stderr)).toContain('or it has changed since')
    expect(readFileSync(report, 'utf8')).toContain('Reviewed by the compliance team.')
    // another project's ledger does not vouch for it
    const other = makeTempDir()
    writeTree(other, { 'b.jsonl': '{"text":"b"}\n' })
    const fresh = path.join(docs, 'fresh.md')
    expect((await runCli(['report', root, '--format', 'md', '--out', fresh])).status).toBe(0)
    expect((await runCli(['scan', other])).status).toBe(0)
    expect((await runCli(['report', other, '--format', 'md', '--out', fresh])).status).toBe(2)
    // the ledger keeps digests, not the paths (which name users and folders)
    const ledger = readFileSync(path.join(root, '.tdgov', 'outputs.json'), 'utf8')
    expect(ledger).not.toContain(docs)
    expect(JSON.parse(ledger)).toMatchObject({ ledger: 'tdgov/outputs', version: 1 })
    expect((JSON.parse(ledger) as { files: unknown[] }).files).toHaveLength(2)
  })

  it('refuses an --out that is a link, even with --force', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n' })
    const link = path.join(makeTempDir(), 'out.json')
    symlinkSync(path.join(canary, 'manifest.json'), link)
    const run = await runCli(['scan', root, '--out', link, '--force'])
    expect(run.status).toBe(2)
    expect(oneLine(run.stderr)).toBe(`tdgov: ${link}: is a symbolic link; tdgov does not write through links (remove it or choose another --out)`)
    expect(snapshot(canary)).toEqual(before)
  })

  afterAll(() => {
    // the canary is unchanged after every command above
    expect(snapshot(canary)).toEqual(before)
  })
})

describe('labelling-rules documents are read only inside the project, as bounded regular files', () => {
  let demo: string
  beforeAll(async () => {
    demo = await demoProject(undefined, { score: false })
  }, 120_000)

  const cases: { name: string; document: (dir: string) => string; reason: string }[] = [
    { name: 'a file outside the project', document: () => '/etc/hostname', reason: 'outside' },
    { name: 'a device', document: () => '/dev/zero', reason: 'outside' },
    {
      name: 'a link inside the project to a file outside',
      document: (dir) => {
        symlinkSync('/etc/hostname', path.join(dir, 'governance', 'rules-link.md'))
        return 'governance/rules-link.md'
      },
      reason: 'outside',
    },
    {
      name: 'a FIFO inside the project (not opened for reading, so nothing hangs)',
      document: (dir) => {
        execFileSync('mkfifo', [path.join(dir, 'governance', 'rules.fifo')])
        return 'governance/rules.fifo'
      },
      reason: 'not-a-file',
    },
    {
      name: 'a file over 64 MiB (sparse)',
      document: (dir) => {
        const file = path.join(dir, 'governance', 'huge.md')
        writeFileSync(file, '')
        truncateSync(file, 64 * 1024 * 1024 + 1)
        return 'governance/huge.md'
      },
      reason: 'too-large',
    },
  ]
  for (const c of cases) {
    it(`refuses ${c.name} with RULES_DOCUMENT_MISSING (${c.reason}) and no hash`, async () => {
      const dir = path.join(makeTempDir(), 'demo')
      cpSync(demo, dir, { recursive: true })
      const config = path.join(dir, 'tdgov.yaml')
      writeFileSync(config, readFileSync(config, 'utf8').replace('document: governance/labelling-rules-sentiment.md', `document: ${c.document(dir)}`))
      const run = await runCli(['check', dir, '--format', 'json', '--no-tree'], { timeoutMs: 60_000 })
      expect(run.status, run.stderr).toBe(1)
      const gate = JSON.parse(run.stdout) as { findings: { code: string; args: Record<string, unknown> }[] }
      expect(gate.findings.find((f) => f.code === 'RULES_DOCUMENT_MISSING')?.args).toMatchObject({ rules: 'sentiment', reason: c.reason })
      const report = JSON.parse((await runCli(['report', dir, '--date', '2026-12-03'])).stdout) as { labellingRules: { sha256: string | null }[] }
      expect(report.labellingRules[0]!.sha256).toBeNull()
      rmSync(dir, { recursive: true, force: true })
    })
  }
})

describe('a hostile tdgov.yaml is one line and exit 2', () => {
  it('refuses a configuration over 4 MiB before parsing it', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n', 'tdgov.yaml': `dataset: {name: x, intended_use: research}\n# ${'x'.repeat(5 * 1024 * 1024)}\n` })
    const run = await runCli(['scan', root])
    expect(run.status).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/tdgov\.yaml: \d+ bytes; a configuration may hold at most 4194304 bytes \(4 MiB\)$/)
  })

  it('refuses a YAML alias bomb', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`)
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"a"}\n', 'tdgov.yaml': lines.join('\n') + '\n' })
    const run = await runCli(['scan', root])
    expect(run.status).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/tdgov\.yaml: not a configuration tdgov reads: Excessive alias count .* \(at most 100 alias expansions\)$/)
  })
})
