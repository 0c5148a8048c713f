import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMATS } from '../../src/formats/descriptors/index.js'
import { scanFile } from '../../src/scan/scan-file.js'
import { REPO_ROOT } from '../helpers/exec.js'

const ROOT = path.join(REPO_ROOT, 'test', 'fixtures', 'formats')

function fixturesOf(format: string): string[] {
  const dir = path.join(ROOT, format)
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((name) => !name.endsWith('.facts.json') && existsSync(path.join(dir, `${name}.facts.json`)))
}

describe('every format descriptor has a fixture folder, and the scan reads each fixture as its facts say', () => {
  it('has a folder with at least one fixture per descriptor, and no folder for an unknown format', () => {
    for (const format of FORMATS) expect(fixturesOf(format.name), `test/fixtures/formats/${format.name}/`).not.toHaveLength(0)
    const known = new Set(FORMATS.map((f) => f.name))
    for (const entry of readdirSync(ROOT, { withFileTypes: true })) if (entry.isDirectory()) expect(known.has(entry.name), entry.name).toBe(true)
  })

  for (const format of FORMATS) {
    for (const name of fixturesOf(format.name)) {
      it(`${format.name}/${name}`, async () => {
        const file = path.join(ROOT, format.name, name)
        const facts = JSON.parse(readFileSync(`${file}.facts.json`, 'utf8')) as Record<string, unknown>
        const outcome = await scanFile(file, `${format.name}/${name}`, { deep: false, sampleSize: 1000, pii: 'sample', tokens: 'off', tokenScale: 1 })
        if ('unreadable' in outcome) throw new Error(`${name}: unreadable (${outcome.unreadable})`)
        expect(outcome.entry).toMatchObject(facts)
        // a format that holds no records never claims a count
        if (!('records' in facts)) expect(outcome.entry.records).toBeUndefined()
      })
    }
  }
})
