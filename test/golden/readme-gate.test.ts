import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')

/** The fenced YAML block that follows `heading` in the README, parsed. */
function yamlAfter(heading: string): unknown {
  const at = README.indexOf(heading)
  expect(at, `README.md has no "${heading}"`).toBeGreaterThan(-1)
  const start = README.indexOf('```yaml\n', at) + '```yaml\n'.length
  return parse(README.slice(start, README.indexOf('```', start)))
}

/** `npx tdgov …` lines of a CI job, as argument lists (the dataset folder is `data` there). */
function tdgovCommands(lines: string[]): string[][] {
  return lines.filter((l) => l.startsWith('npx tdgov ')).map((l) => l.slice('npx tdgov '.length).split(/\s+/))
}

describe('the README gate section', () => {
  let project: string
  beforeAll(async () => {
    // The demo as `npm run demo` leaves it: scanned, its labels audited and scored.
    project = path.join(makeTempDir(), 'data')
    cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), project, { recursive: true })
    rmSync(path.join(project, '.tdgov'), { recursive: true, force: true })
    expect((await runCli(['scan', project])).status).toBe(0)
    const config = path.join(project, 'tdgov.yaml')
    const sample = ['audit', 'sample', path.join(project, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config]
    expect((await runCli(sample)).status).toBe(0)
    expect((await runCli(['audit', 'score', path.join(project, 'governance', 'sentiment-review.csv'), '--config', config])).status).toBe(0)
  })
  afterAll(removeTempDirs)

  it('shows the demo gate output that `tdgov check fixtures/demo` prints', async () => {
    const lines = README.split('\n')
    const start = lines.findIndex((l) => l === '$ tdgov check fixtures/demo')
    expect(start).toBeGreaterThan(-1)
    const end = lines.findIndex((l, i) => i > start && l.startsWith('```'))
    const result = await runCli(['check', project])
    expect(result.status).toBe(0)
    const shown = lines.slice(start + 1, end).join('\n').replaceAll('fixtures/demo/', '')
    expect(result.stdout.trimEnd().replaceAll(`${project}/`, '')).toBe(shown)
  })

  it('has a GitHub Actions workflow whose tdgov steps run and pass on the demo', async () => {
    const workflow = yamlAfter('A GitHub Actions workflow') as { jobs: { tdgov: { steps: { run?: string; uses?: string; with?: Record<string, string> }[] } } }
    const steps = workflow.jobs.tdgov.steps
    expect(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif') && s.with?.sarif_file === 'tdgov.sarif')).toBe(true)
    const commands = tdgovCommands(steps.flatMap((s) => (s.run ? [s.run] : [])))
    expect(commands.map((c) => c[0])).toEqual(['scan', 'check', 'check'])
    const summary = path.join(makeTempDir(), 'summary.md')
    for (const args of commands) {
      const result = await runCli(args, { cwd: path.dirname(project), env: { GITHUB_STEP_SUMMARY: summary } })
      expect(result.status, `tdgov ${args.join(' ')}: ${result.stderr}`).toBe(0)
    }
    expect(existsSync(path.join(path.dirname(project), 'tdgov.sarif'))).toBe(true)
    expect(readFileSync(summary, 'utf8')).toMatch(/tdgov/)
  })

  it('has a GitLab CI job whose tdgov commands run and write the Code Quality artefact it names', async () => {
    const job = (yamlAfter('A GitLab CI job') as { tdgov: { script: string[]; artifacts: { reports: { codequality: string } } } }).tdgov
    const commands = tdgovCommands(job.script)
    expect(commands.map((c) => c[0])).toEqual(['scan', 'check', 'check'])
    for (const args of commands) {
      const result = await runCli(args, { cwd: path.dirname(project) })
      expect(result.status, `tdgov ${args.join(' ')}: ${result.stderr}`).toBe(0)
    }
    const report = JSON.parse(readFileSync(path.join(path.dirname(project), job.artifacts.reports.codequality), 'utf8')) as { check_name: string }[]
    expect(report.map((r) => r.check_name)).toContain('SOURCES_TOO_FEW')
  })
})
