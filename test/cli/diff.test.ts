import { execFileSync } from 'node:child_process'
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ManifestDiff } from '../../src/diff/manifest-diff.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const EMAIL = 'alice.liddell@example.org'

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'tdgov test',
  GIT_AUTHOR_EMAIL: 'test@tdgov.invalid',
  GIT_COMMITTER_NAME: 'tdgov test',
  GIT_COMMITTER_EMAIL: 'test@tdgov.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' })
}

function jsonl(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}-${i}`, text: `Training sentence ${i} about ${prefix}.` })).join('\n') + '\n'
}

async function ok(args: string[], cwd?: string): Promise<ExecResult> {
  const result = await runCli(args, { ...(cwd !== undefined && { cwd }), env: GIT_ENV })
  expect(result.status, `tdgov ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`).toBe(0)
  return result
}

/** The dataset before: three files; after: one edited, one removed, one added holding an e-mail address. */
function writeBefore(root: string): void {
  writeTree(root, {
    'web/a.jsonl': jsonl('a', 5),
    'web/b.jsonl': jsonl('b', 3),
    'tables/c.csv': 'id,label\n1,x\n2,y\n',
  })
}

function changeDataset(root: string): void {
  appendFileSync(path.join(root, 'web', 'a.jsonl'), jsonl('a-more', 2))
  rmSync(path.join(root, 'web', 'b.jsonl'))
  writeTree(root, { 'web/contact.jsonl': `${JSON.stringify({ id: 'c-0', text: `Write to ${EMAIL} for access.` })}\n` })
}

describe('tdgov diff OLD NEW (manifest files)', () => {
  let oldFile: string
  let newFile: string

  beforeAll(async () => {
    const root = makeTempDir('tdgov-diff-data-')
    const out = makeTempDir('tdgov-diff-out-')
    oldFile = path.join(out, 'old.json')
    newFile = path.join(out, 'new.json')
    writeBefore(root)
    await ok(['scan', root, '--out', oldFile])
    changeDataset(root)
    await ok(['scan', root, '--out', newFile])
  })

  it('prints the ManifestDiff as one JSON document: files added, removed and changed, new PII types', async () => {
    const result = await ok(['diff', oldFile, newFile, '--json'])
    const diff = JSON.parse(result.stdout) as ManifestDiff
    expect(diff.diff).toBe('tdgov/manifest-diff')
    expect(diff.old.name).toBe(oldFile)
    expect(diff.files.added.map((f) => f.path)).toEqual(['web/contact.jsonl'])
    expect(diff.files.removed.map((f) => f.path)).toEqual(['web/b.jsonl'])
    expect(diff.files.changed.map((f) => f.path)).toEqual(['web/a.jsonl'])
    expect(diff.files.changed[0]).toMatchObject({ before: { records: 5 }, after: { records: 7 } })
    expect(diff.files.counts.unchanged).toBe(1)
    expect(diff.fingerprint.changed).toBe(true)
    expect(diff.totals.overall.delta.records).toBe(-3 + 2 + 1)
    expect(diff.personalInformation.dataset).toEqual([{ type: 'email', count: 1 }])
    expect(['exact', 'estimate', 'unavailable']).toContain(diff.totals.overall.tokens.basis)
  })

  it('never prints the e-mail address, nor even its masked example, in any format', async () => {
    for (const format of ['json', 'text', 'md']) {
      const result = await ok(['diff', oldFile, newFile, '--format', format])
      expect(result.stdout).not.toContain(EMAIL)
      expect(result.stdout).not.toContain('example.org')
      expect(result.stdout).not.toContain('alice')
    }
  })

  it('prints a compact summary by default, and Markdown for a pull request with --format md', async () => {
    const text = (await ok(['diff', oldFile, newFile])).stdout
    expect(text).toContain('files: 1 added, 1 removed, 1 changed, 1 unchanged')
    expect(text).toContain('  + web/contact.jsonl')
    expect(text).toContain('dataset: email 1')
    const md = (await ok(['diff', oldFile, newFile, '--format', 'md'])).stdout
    expect(md.startsWith('## tdgov manifest diff\n')).toBe(true)
    expect(md).toContain('<summary>Files added (1)</summary>')
    expect(md).toContain('| (dataset) | email | 1 |')
  })

  it('exits 0 when nothing changed', async () => {
    const result = await ok(['diff', newFile, newFile])
    expect(result.stdout).toContain('files: 0 added, 0 removed, 0 changed, 3 unchanged')
  })

  it('exits 2 with one line on bad input', async () => {
    for (const args of [
      ['diff', oldFile, path.join(path.dirname(oldFile), 'missing.json')],
      ['diff', oldFile, newFile, '--format', 'html'],
      ['diff', oldFile, newFile, '--lang', 'fr'],
      ['diff', oldFile, newFile, '--json', '--format', 'md'],
    ]) {
      const result = await runCli(args)
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1)
    }
  })
})

describe('tdgov diff with tdgov.yaml: licences, sources and undeclared files', () => {
  it('reports a licence change, a source’s new PII type, a new undeclared file and the findings that appeared', async () => {
    const root = makeTempDir('tdgov-diff-config-')
    const config = (licence: string): string =>
      [
        'version: 1',
        'dataset: { name: Diff test, intended_use: research }',
        'sources:',
        `  - { id: web, name: Web text, kind: self-collected, license: ${licence}, personal_information: consent, paths: ["web/**"] }`,
        '',
      ].join('\n')
    writeTree(root, { 'tdgov.yaml': config('CC-BY-4.0'), 'web/a.jsonl': jsonl('a', 4) })
    const out = makeTempDir('tdgov-diff-out-')
    await ok(['scan', root, '--out', path.join(out, 'old.json')])
    writeFileSync(path.join(root, 'tdgov.yaml'), config('MIT'))
    writeTree(root, { 'web/contact.jsonl': `${JSON.stringify({ text: `mail ${EMAIL}` })}\n`, 'stray/x.jsonl': jsonl('x', 2) })
    await ok(['scan', root, '--out', path.join(out, 'new.json')])

    const result = await ok(['diff', path.join(out, 'old.json'), path.join(out, 'new.json'), '--json'])
    const diff = JSON.parse(result.stdout) as ManifestDiff
    expect(diff.config.changed).toBe(true)
    expect(diff.licences).toEqual([
      {
        source: 'web',
        change: 'changed',
        before: { declared: 'CC-BY-4.0', detected: [], use: 'commercial' },
        after: { declared: 'MIT', detected: [], use: 'commercial' },
        differs: ['declared'],
      },
    ])
    expect(diff.personalInformation.bySource).toEqual([{ source: 'web', types: [{ type: 'email', count: 1 }] }])
    expect(diff.undeclaredFiles.map((f) => [f.path, f.previously])).toEqual([['stray/x.jsonl', 'absent']])
    expect(diff.findings.appeared.byCode).toMatchObject({ UNDECLARED_FILE: 1 })
    expect(diff.totals.bySource.map((g) => [g.key, g.status])).toEqual([
      ['web', 'changed'],
      ['(undeclared)', 'added'],
    ])
    expect(result.stdout).not.toContain(EMAIL)
  })
})

describe('tdgov diff REV:PATH (git)', () => {
  let repo: string

  beforeAll(async () => {
    repo = makeTempDir('tdgov-diff-repo-')
    git(repo, 'init', '-q')
    writeBefore(repo)
    await ok(['scan', '.'], repo)
    git(repo, 'add', '.tdgov/manifest.json')
    git(repo, 'commit', '-q', '-m', 'first manifest')
    changeDataset(repo)
    await ok(['scan', '.'], repo)
  })

  it('reads the committed manifest with git show, run in the working directory', async () => {
    const result = await ok(['diff', 'HEAD:.tdgov/manifest.json', '.tdgov/manifest.json', '--json'], repo)
    const diff = JSON.parse(result.stdout) as ManifestDiff
    expect(diff.old.name).toBe('HEAD:.tdgov/manifest.json')
    expect(diff.files.added.map((f) => f.path)).toEqual(['web/contact.jsonl'])
    expect(diff.files.removed.map((f) => f.path)).toEqual(['web/b.jsonl'])
    expect(diff.files.changed.map((f) => f.path)).toEqual(['web/a.jsonl'])
    expect(diff.personalInformation.dataset).toEqual([{ type: 'email', count: 1 }])
    expect(result.stdout).not.toContain(EMAIL)
  })

  it('renders Markdown for a pull-request comment from a revision', async () => {
    const result = await ok(['diff', 'HEAD:.tdgov/manifest.json', '.tdgov/manifest.json', '--format', 'md', '--lang', 'zh'], repo)
    expect(result.stdout).toContain('HEAD:.tdgov/manifest.json → .tdgov/manifest.json')
    expect(result.stdout).toContain('<summary>Files removed (1)</summary>')
  })

  it('exits 2 naming the spec and git’s message when the revision or path does not exist', async () => {
    const result = await runCli(['diff', 'HEAD~5:.tdgov/manifest.json', '.tdgov/manifest.json'], { cwd: repo, env: GIT_ENV })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^tdgov: HEAD~5:\.tdgov\/manifest\.json: not a file, and git show failed: fatal: .+\n$/)
  })
})
