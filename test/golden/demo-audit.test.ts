import { cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

/** The lines the README shows after `$ tdgov audit score …`, up to the blank line ending the block. */
function readmeBlock(command: string): string[] {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n')
  const start = lines.findIndex((line) => line.startsWith(`$ tdgov ${command}`))
  expect(start, `README.md shows no "$ tdgov ${command}"`).toBeGreaterThan(-1)
  const end = lines.findIndex((line, i) => i > start && (line === '' || line.startsWith('```')))
  return lines.slice(start + 1, end)
}

describe('the demo audit (plan → sample → score → verify) as the README shows it', () => {
  afterAll(removeTempDirs)

  it('draws the sample the committed review sheet was filled in for, and scores it to the README output', async () => {
    // A copy, so that the audit record is not written into the repository's fixtures.
    const demo = path.join(makeTempDir(), 'demo')
    cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
    const config = path.join(demo, 'tdgov.yaml')

    const plan = await runCli(['audit', 'plan', '--lot', '66', '--aql', '6.5'])
    expect(plan.stdout.trimEnd().split('\n')).toEqual(readmeBlock('audit plan'))

    const sample = await runCli(['audit', 'sample', path.join(demo, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config])
    expect(sample.status, sample.stderr).toBe(0)
    expect(sample.stdout).toContain('audit annotation-282278bae6af: 13 of 66 annotations sampled (seed "demo-2024-05")')

    const score = await runCli(['audit', 'score', path.join(demo, 'governance', 'sentiment-review.csv'), '--config', config])
    expect(score.status, score.stderr).toBe(0)
    const shown = score.stdout.trimEnd().split('\n').map((line) => line.replaceAll(demo, 'fixtures/demo'))
    expect(shown).toEqual(readmeBlock('audit score'))

    const verify = await runCli(['audit', 'verify', path.join(demo, '.tdgov', 'audits', 'annotation-282278bae6af.json')])
    expect(verify.status, verify.stderr).toBe(0)
    expect(verify.stdout.trimEnd().split('\n').map((line) => line.replaceAll(demo, 'fixtures/demo'))).toEqual(readmeBlock('audit verify'))
  })
})
