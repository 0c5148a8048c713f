import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import { CLI, cliEnv, REPO_ROOT } from '../helpers/exec.js'
import { startSlurm, type Slurm } from '../helpers/slurm.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** The README's sharding examples, each the fenced block after its `<!-- shard-example: NAME -->`. */
function example(name: string): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
  const match = new RegExp(`<!-- shard-example: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`).exec(readme)
  if (match === null) throw new Error(`README.md has no shard example "${name}"`)
  return match[1]!
}

/**
 * A folder as the engines see it: `data/` (text, repeated lines across files, a nested folder)
 * and `tdgov` on the PATH. `npx tdgov` in the CI examples is the installed tdgov, so it runs the
 * same shim.
 */
function sandbox(): { root: string; env: NodeJS.ProcessEnv } {
  const root = makeTempDir()
  const files: Record<string, string> = { 'data/README.md': '# a dataset\n' }
  for (let f = 0; f < 60; f++) {
    files[`data/${f % 3 === 0 ? 'zh' : 'en'}/part-${f}.jsonl`] = Array.from({ length: 20 }, (_, l) => JSON.stringify({ text: l % 5 === 0 ? `shared ${l}` : `file ${f} line ${l}` })).join('\n') + '\n'
  }
  writeTree(root, files)
  const bin = path.join(root, '.bin')
  mkdirSync(bin)
  writeFileSync(path.join(bin, 'tdgov'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\n[ "$1" = tdgov ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  chmodSync(path.join(bin, 'tdgov'), 0o755)
  chmodSync(path.join(bin, 'npx'), 0o755)
  return { root, env: { ...cliEnv(), PATH: `${bin}:${process.env.PATH ?? ''}` } }
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const run = spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`${command}: exit ${run.status}\n${run.stdout}\n${run.stderr}`)
}

describe('the README sharding examples merge into the unsharded manifest', () => {
  const { root, env } = sandbox()
  let whole = ''
  const merged = (): string => readFileSync(path.join(root, 'data', '.tdgov', 'manifest.json'), 'utf8')
  const fresh = (): void => {
    for (const p of ['shards', 'data/.tdgov']) rmSync(path.join(root, p), { recursive: true, force: true })
    for (let k = 1; k <= 4; k++) rmSync(path.join(root, `shard-${k}.ndjson`), { force: true })
  }
  beforeAll(() => {
    sh('tdgov scan data --no-cache --out whole.json', root, env)
    whole = readFileSync(path.join(root, 'whole.json'), 'utf8')
  }, 60_000)

  let slurm: Slurm = { skip: 'not started yet' }
  const scratch = makeTempDir('tdgov-slurm-')
  beforeAll(() => {
    slurm = startSlurm(scratch)
  }, 60_000)
  afterAll(() => {
    if ('stop' in slurm) slurm.stop()
  })

  it('Slurm: sbatch --array runs one task per shard, and the merge equals the unsharded scan', (context) => {
    if ('skip' in slurm) {
      context.skip(slurm.skip)
      return
    }
    fresh()
    writeFileSync(path.join(root, 'scan-shards.sh'), example('slurm-script'), { mode: 0o755 })
    sh(example('slurm-submit').trim(), root, { ...env, ...slurm.env, PATH: env.PATH })
    for (let k = 1; k <= 4; k++) expect(readFileSync(path.join(root, 'shards', `shard-${k}.ndjson`), 'utf8')).toContain(`"shard":{"index":${k},"count":4}`)
    expect(merged()).toBe(whole)
  }, 180_000)

  it('Kubernetes: each pod of the Indexed Job, by JOB_COMPLETION_INDEX, then the merge Job', () => {
    fresh()
    const [scan, merge] = parseAllDocuments(example('kubernetes')).map((doc) => doc.toJS() as { kind: string; spec: { completionMode?: string; completions?: number; template: { spec: { containers: { command: string[] }[] } } } })
    expect(scan!.kind).toBe('Job')
    expect(scan!.spec.completionMode).toBe('Indexed')
    const completions = scan!.spec.completions!
    const [shell, flag, command] = scan!.spec.template.spec.containers[0]!.command
    expect([shell, flag]).toEqual(['sh', '-c'])
    expect(command).toContain(`--shard env/${completions}`)
    for (let index = 0; index < completions; index++) sh(command!, root, { ...env, JOB_COMPLETION_INDEX: String(index) })
    sh(merge!.spec.template.spec.containers[0]!.command[2]!, root, env)
    expect(merged()).toBe(whole)
  }, 120_000)

  it('GitHub Actions: the matrix jobs, then the merge job', () => {
    fresh()
    interface Step {
      run?: string
    }
    const workflow = parseYaml(example('github')) as { jobs: { scan: { strategy: { matrix: { shard: number[] } }; steps: Step[] }; merge: { needs: string; steps: Step[] } } }
    const shards = workflow.jobs.scan.strategy.matrix.shard
    expect(shards).toEqual([1, 2, 3, 4])
    expect(workflow.jobs.merge.needs).toBe('scan')
    const runs = (steps: Step[]): string[] => steps.flatMap((step) => (step.run === undefined ? [] : [step.run]))
    for (const shard of shards) for (const run of runs(workflow.jobs.scan.steps)) sh(run.replaceAll('${{ matrix.shard }}', String(shard)), root, env)
    for (const run of runs(workflow.jobs.merge.steps)) sh(run, root, env)
    expect(merged()).toBe(whole)
  }, 120_000)

  it('GitLab CI: the parallel jobs, by CI_NODE_INDEX, then the merge job', () => {
    fresh()
    const pipeline = parseYaml(example('gitlab')) as { scan: { parallel: number; script: string[] }; merge: { needs: string[]; script: string[] } }
    expect(pipeline.merge.needs).toEqual(['scan'])
    for (let index = 1; index <= pipeline.scan.parallel; index++) {
      for (const line of pipeline.scan.script) sh(line, root, { ...env, CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(pipeline.scan.parallel) })
    }
    for (const line of pipeline.merge.script) sh(line, root, env)
    expect(merged()).toBe(whole)
  }, 120_000)
})
