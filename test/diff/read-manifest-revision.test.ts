import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readManifestAt } from '../../src/records/read-manifest-revision.js'
import { UserError } from '../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'
import { buildManifest, fileEntry } from './build-manifest.js'

afterAll(removeTempDirs)

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'tdgov test',
  GIT_AUTHOR_EMAIL: 'test@tdgov.invalid',
  GIT_COMMITTER_NAME: 'tdgov test',
  GIT_COMMITTER_EMAIL: 'test@tdgov.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'ignore' })
}

/** Runs `fn` with the working directory at `dir`: git revisions are read where tdgov runs. */
function inDir<T>(dir: string, fn: () => T): T {
  const previous = process.cwd()
  process.chdir(dir)
  try {
    return fn()
  } finally {
    process.chdir(previous)
  }
}

function userError(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected a UserError')
}

describe('readManifestAt', () => {
  let repo: string
  const first = buildManifest([fileEntry('a.jsonl')])
  const second = buildManifest([fileEntry('a.jsonl'), fileEntry('b.jsonl')])

  beforeAll(() => {
    repo = makeTempDir('tdgov-diff-git-')
    mkdirSync(path.join(repo, '.tdgov'))
    git(repo, 'init', '-q')
    writeFileSync(path.join(repo, '.tdgov', 'manifest.json'), JSON.stringify(first))
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'first')
    writeFileSync(path.join(repo, '.tdgov', 'manifest.json'), JSON.stringify(second))
    git(repo, 'commit', '-q', '-am', 'second')
  })

  it('reads a manifest file by its path', () => {
    const file = path.join(repo, '.tdgov', 'manifest.json')
    const { manifest, name } = readManifestAt(file)
    expect(name).toBe(file)
    expect(manifest.files).toHaveLength(2)
  })

  it('reads REV:PATH from git in the working directory', () => {
    const { manifest, name } = inDir(repo, () => readManifestAt('HEAD~1:.tdgov/manifest.json'))
    expect(name).toBe('HEAD~1:.tdgov/manifest.json')
    expect(manifest.fingerprint).toBe(first.fingerprint)
    expect(inDir(repo, () => readManifestAt('HEAD:.tdgov/manifest.json')).manifest.files).toHaveLength(2)
  })

  it('reads an existing file as a file even when its name has a colon', () => {
    const file = path.join(repo, 'old:manifest.json')
    writeFileSync(file, JSON.stringify(first))
    expect(inDir(repo, () => readManifestAt('old:manifest.json')).manifest.fingerprint).toBe(first.fingerprint)
  })

  it('names the spec and git’s first stderr line when git show fails', () => {
    const message = inDir(repo, () => userError(() => readManifestAt('HEAD~1:missing.json')))
    expect(message).toMatch(/^HEAD~1:missing\.json: not a file, and git show failed: fatal: path 'missing\.json' does not exist in 'HEAD~1'$/)
    const outside = makeTempDir('tdgov-diff-nogit-')
    const noRepo = inDir(outside, () => userError(() => readManifestAt('HEAD:.tdgov/manifest.json')))
    expect(noRepo).toMatch(/^HEAD:\.tdgov\/manifest\.json: not a file, and git show failed: fatal: not a git repository/)
    expect(noRepo).not.toContain('\n')
  })

  it('refuses a spec that git would read as an option', () => {
    const target = path.join(makeTempDir('tdgov-diff-dash-'), 'written')
    const message = userError(() => readManifestAt(`--output=${target}:x`))
    expect(message).toContain('not a git revision')
    expect(existsSync(target)).toBe(false)
  })

  it('reports a missing file without a colon as the manifest reader does, and bad content in one line', () => {
    expect(userError(() => readManifestAt(path.join(repo, 'nope.json')))).toMatch(/cannot read the manifest \(ENOENT\); run `tdgov scan` first$/)
    writeFileSync(path.join(repo, 'notes.txt'), 'not json')
    git(repo, 'add', 'notes.txt')
    git(repo, 'commit', '-q', '-m', 'notes')
    expect(inDir(repo, () => userError(() => readManifestAt('HEAD:notes.txt')))).toBe('HEAD:notes.txt: not valid JSON; expected a manifest written by tdgov')
  })
})
