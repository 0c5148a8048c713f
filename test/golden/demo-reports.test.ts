import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_REPORTS, demoRecords, writeDemoReports } from '../../scripts/demo-reports.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const DOCS = path.join(REPO_ROOT, 'docs', 'demo')
const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')

describe('the demo reports the README links (docs/demo)', () => {
  let fresh: string
  beforeAll(() => {
    fresh = makeTempDir()
    writeDemoReports(fresh)
  }, 120_000)
  afterAll(removeTempDirs)

  for (const name of Object.keys(DEMO_REPORTS)) {
    it(`${name} is what tdgov writes today, byte for byte (UPDATE_GOLDEN=1 rewrites it; npm run demo:reports also retakes the screenshots)`, () => {
      if (process.env.UPDATE_GOLDEN === '1') copyFileSync(path.join(fresh, name), path.join(DOCS, name))
      expect(existsSync(path.join(DOCS, name)), `docs/demo/${name} is missing`).toBe(true)
      expect(readFileSync(path.join(fresh, name)).equals(readFileSync(path.join(DOCS, name)))).toBe(true)
    })
  }

  it('ends the README demo with the `tdgov report` that `npm run demo` runs, and its output', async () => {
    const lines = README.split('\n')
    const at = lines.findIndex((l) => l.startsWith('$ tdgov report fixtures/demo '))
    expect(at).toBeGreaterThan(-1)
    const args = lines[at]!.slice('$ tdgov '.length).split(' ')
    expect(readFileSync(path.join(REPO_ROOT, 'scripts', 'run-demo.ts'), 'utf8')).toContain(
      `['report', DEMO, ${args.slice(2).map((a) => (a.startsWith('fixtures/demo/') ? `\`\${DEMO}/${a.slice('fixtures/demo/'.length)}\`` : `'${a}'`)).join(', ')}]`,
    )
    const demo = demoRecords()
    try {
      const out = path.join(makeTempDir(), 'report.html')
      const run = await runCli(args.map((a) => (a === 'fixtures/demo' ? demo : a.startsWith('fixtures/demo/') ? out : a)))
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toBe(`${lines[at + 1]!.replace('fixtures/demo/.tdgov/report.html', out)}\n`)
      expect(readFileSync(out, 'utf8')).toContain('<html lang="en">')
    } finally {
      rmSync(path.dirname(demo), { recursive: true, force: true })
    }
  })

  it('links every file of docs/demo from the README, and the screenshot shows', () => {
    for (const name of readdirSync(DOCS)) expect(README, name).toContain(`docs/demo/${name}`)
    expect(README).toMatch(/!\[[^\]]+\]\(docs\/demo\/report\.en\.png\)/)
  })
})
