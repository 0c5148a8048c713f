import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

/** The lines the README shows after `$ tdgov <command>`, up to the end of the code block. */
function readmeBlock(command: string): string[] {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n')
  const start = lines.findIndex((line) => line === `$ tdgov ${command}`)
  expect(start, `README.md shows no "$ tdgov ${command}"`).toBeGreaterThan(-1)
  const end = lines.findIndex((line, i) => i > start && line.startsWith('```'))
  return lines.slice(start + 1, end)
}

describe('the scan summaries the README shows', () => {
  afterAll(removeTempDirs)

  /** A fresh copy of the demo at `<tmp>/<as>`, without its .tdgov/ (nothing cached), scanned from <tmp>. */
  async function scanDemoAs(as: string, withoutConfig: boolean): Promise<string[]> {
    const cwd = makeTempDir()
    const copy = path.join(cwd, as)
    mkdirSync(path.dirname(copy), { recursive: true })
    cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
    if (withoutConfig) rmSync(path.join(copy, 'tdgov.yaml'))
    const result = await runCli(['scan', as], { cwd })
    expect(result.status, result.stderr).toBe(0)
    return result.stdout.trimEnd().split('\n')
  }

  it('is what `tdgov scan fixtures/demo` prints', async () => {
    expect(await scanDemoAs('fixtures/demo', false)).toEqual(readmeBlock('scan fixtures/demo'))
  })

  it('is what `tdgov scan data` prints for the demo without its tdgov.yaml', async () => {
    expect(await scanDemoAs('data', true)).toEqual(readmeBlock('scan data'))
  })
})
