import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { manifestSchema } from '../../src/records/manifest-schema.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { writePointerTree } from '../helpers/pointer-tree.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/**
 * Every fixture folder on disk that tests scan (fixtures/demo for the golden manifest and the
 * README, test/fixtures/encodings, and ../shared/corpus when it is there), and the pointer tree the
 * end-to-end tests build: each manifest must validate against manifestSchema, and no number in it
 * may be negative.
 */
const FOLDERS: [string, () => string][] = [
  ['fixtures/demo', () => path.join(REPO_ROOT, 'fixtures', 'demo')],
  ['test/fixtures/encodings', () => path.join(REPO_ROOT, 'test', 'fixtures', 'encodings')],
  [
    'the Git LFS, git-annex and DVC pointer tree',
    () => {
      const root = makeTempDir()
      writePointerTree(root)
      return root
    },
  ],
]

/** JSON paths of the negative numbers in a value. */
function negatives(value: unknown, at = '$'): string[] {
  if (typeof value === 'number') return value < 0 ? [`${at} = ${value}`] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => negatives(v, `${at}[${i}]`))
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => negatives(v, `${at}.${k}`))
  return []
}

// Real files written by other projects; never copied into this repository.
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')
const hasCorpus = existsSync(path.join(CORPUS, 'MANIFEST.md'))

describe('the manifests of the fixture folders', () => {
  it.each(FOLDERS)('%s: validates against manifestSchema, with no negative count', async (_name, folder) => {
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', folder(), '--no-cache', '--out', out])
    expect(result.status, result.stderr).toBe(0)
    const manifest: unknown = JSON.parse(readFileSync(out, 'utf8'))
    const parsed = manifestSchema.safeParse(manifest)
    expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true)
    expect(negatives(manifest)).toEqual([])
  })

  it.skipIf(!hasCorpus)('../shared/corpus: validates against manifestSchema, with no negative count (skipped: ../shared/corpus absent)', async () => {
    // --no-cache and --out: nothing may be written into the corpus.
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', CORPUS, '--no-cache', '--out', out])
    expect(result.status, result.stderr).toBe(0)
    const manifest: unknown = JSON.parse(readFileSync(out, 'utf8'))
    const parsed = manifestSchema.safeParse(manifest)
    expect(parsed.success, JSON.stringify(parsed.error?.issues, null, 2)).toBe(true)
    expect(negatives(manifest)).toEqual([])
  })
})
