import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

// Real files written by other projects; never copied into this repository.
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus')
const hasCorpus = existsSync(path.join(CORPUS, 'MANIFEST.md'))

interface ManifestLine {
  path: string
  records?: number
  sha256: string
  schema?: { fields: { name: string }[] }
}

/** `rows=N` and the column list for each corpus file, read from MANIFEST.md itself. */
function expectedFacts(folder: string): Map<string, { rows: number; columns: string[] }> {
  const facts = new Map<string, { rows: number; columns: string[] }>()
  const table = readFileSync(path.join(CORPUS, 'MANIFEST.md'), 'utf8')
  for (const line of table.split('\n')) {
    const row = new RegExp(`^\\| \`${folder}/([^\`]+)\` .*?rows=(\\d+).*?columns=\\d+ \\[([^\\]]*)\\]`).exec(line)
    if (!row) continue
    const columns = [...row[3]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!)
    facts.set(row[1]!, { rows: Number(row[2]), columns })
  }
  return facts
}

describe.skipIf(!hasCorpus)('tdgov scan over ../shared/corpus (skipped: ../shared/corpus absent)', () => {
  afterAll(removeTempDirs)

  for (const folder of ['parquet', 'arrow']) {
    it(`reports the row counts and columns MANIFEST.md lists for ${folder}/`, async () => {
      const out = path.join(makeTempDir(), 'manifest.json')
      // --no-cache and --out: nothing may be written into the corpus.
      const result = await runCli(['scan', path.join(CORPUS, folder), '--no-cache', '--out', out, '--json'])
      expect(result.status).toBe(0)
      const manifest = JSON.parse(result.stdout) as { files: ManifestLine[] }
      const expected = expectedFacts(folder)
      expect(expected.size).toBeGreaterThan(0)
      expect(manifest.files.map((f) => f.path).sort()).toEqual([...expected.keys()].sort())
      for (const file of manifest.files) {
        const facts = expected.get(file.path)!
        expect({ path: file.path, records: file.records }).toEqual({ path: file.path, records: facts.rows })
        expect(file.schema?.fields.map((f) => f.name)).toEqual(facts.columns)
      }
    })
  }
})
