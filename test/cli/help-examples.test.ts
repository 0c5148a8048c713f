import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, cliEnv, REPO_ROOT } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const DEMO = path.join(REPO_ROOT, 'fixtures', 'demo')

/** Every command whose --help shows examples, in an order where each finds what the earlier ones wrote. */
const COMMANDS = [
  ['init'],
  ['scan'],
  ['check'],
  ['report'],
  ['diff'],
  ['merge'],
  ['audit', 'plan'],
  ['audit', 'sample'],
  ['audit', 'score'],
  ['audit', 'verify'],
  ['audit', 'agreement'],
  ['explain'],
  ['schema'],
] as const

function tdgov(args: readonly string[], cwd: string): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd, env: cliEnv(), encoding: 'utf8' })
}

/** The lines of a command's help that start with "$ ", as a user would copy them (the "$ " dropped). */
function examplesOf(command: readonly string[]): string[] {
  return tdgov([...command, '--help'], REPO_ROOT)
    .split('\n')
    .filter((line) => line.startsWith('  $ '))
    .map((line) => line.slice(4))
}

/**
 * A folder holding what the examples name: the demo as `data/` (scanned), `export.json` (its
 * Label Studio export), a YOLO `labels/` folder, two annotators' JSONL, the demo audit and its
 * export in `received/`, and a git history of two manifests.
 */
function sandbox(): { root: string; bin: string } {
  const root = makeTempDir()
  cpSync(DEMO, path.join(root, 'data'), { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  cpSync(path.join(DEMO, 'annotations', 'label-studio-export.json'), path.join(root, 'export.json'))
  const labels: Record<string, string> = { 'labels/classes.txt': 'cat\ndog\n' }
  for (let i = 0; i < 30; i++) labels[`labels/img-${i}.txt`] = `${i % 2} 0.5 0.5 0.2 0.2\n`
  const ratings = (who: string, shift: number): string =>
    Array.from({ length: 20 }, (_, i) => JSON.stringify({ item: `q${i}`, annotator: who, label: String(1 + ((i + (i % 4 === 0 ? shift : 0)) % 5)) })).join('\n') + '\n'
  writeTree(root, { ...labels, 'alice.jsonl': ratings('alice', 0), 'bob.jsonl': ratings('bob', 1) })
  // The audit the verify examples name: the demo's own draw, with its record beside the exports too.
  mkdirSync(path.join(root, 'received'))
  cpSync(path.join(root, 'export.json'), path.join(root, 'received', 'export.json'))
  tdgov(['audit', 'sample', 'export.json', '--aql', '6.5', '--seed', 'demo-2024-05', '--id', 'annotation-282278bae6af'], root)
  cpSync(path.join(root, '.tdgov', 'audits', 'annotation-282278bae6af.json'), path.join(root, 'annotation-282278bae6af.json'))
  // Two commits of a manifest at the root, for `diff HEAD~1:...`.
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: root, stdio: 'ignore' })
  git('init', '-q')
  git('config', 'user.email', 'ci@example.org')
  git('config', 'user.name', 'ci')
  tdgov(['scan', 'labels', '--out', '.tdgov/manifest.json'], root)
  git('add', '.tdgov/manifest.json')
  git('commit', '-qm', 'first')
  writeFileSync(path.join(root, 'labels', 'img-30.txt'), '1 0.5 0.5 0.2 0.2\n')
  tdgov(['scan', 'labels', '--out', '.tdgov/manifest.json', '--force'], root)
  git('commit', '-qam', 'second')
  // `tdgov` on the PATH, as an installed copy would be; $EDITOR does nothing.
  const bin = path.join(root, '.bin')
  mkdirSync(bin)
  writeFileSync(path.join(bin, 'tdgov'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  chmodSync(path.join(bin, 'tdgov'), 0o755)
  return { root, bin }
}

describe('every example in the help runs as printed', () => {
  const { root, bin } = sandbox()
  const cases = COMMANDS.flatMap((command) => examplesOf(command).map((line) => ({ command: command.join(' '), line })))

  it('finds examples in every command', () => {
    for (const command of COMMANDS) expect(examplesOf(command).length, command.join(' ')).toBeGreaterThan(0)
  })

  it.each(cases)('$command: $line', ({ command, line }) => {
    if (command === 'init') rmSync(path.join(root, 'data', 'tdgov.yaml'), { force: true })
    const run = spawnSync('sh', ['-c', line], { cwd: root, env: { ...cliEnv(), PATH: `${bin}:${process.env.PATH ?? ''}`, EDITOR: 'true' }, encoding: 'utf8' })
    // 0, or 1 where the example gates (check fails, an unreviewed sheet is not accepted); never a usage error or a crash
    expect([0, 1], `${line}\n${run.stderr}`).toContain(run.status)
    expect(run.stderr).not.toMatch(/^tdgov: |\n\s+at /m)
    // the later examples use the demo's own tdgov.yaml, not the draft
    if (command === 'init') cpSync(path.join(DEMO, 'tdgov.yaml'), path.join(root, 'data', 'tdgov.yaml'))
  })
})
