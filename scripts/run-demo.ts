/**
 * `npm run demo`: the README's walk through the bundled demo dataset, run as a user would type it —
 * scan, then an annotation audit from plan to score, then the release gate, then the Art. 19 report as an
 * HTML page. Each command is printed before its output;
 * the first one that fails ends the demo with its exit code.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DEMO = 'fixtures/demo'

const STEPS: string[][] = [
  ['scan', DEMO],
  ['audit', 'plan', '--lot', '66', '--aql', '6.5'],
  // --force: the demo draws the same audit each time it runs, over the previous run's record
  ['audit', 'sample', `${DEMO}/annotations/label-studio-export.json`, '--aql', '6.5', '--seed', 'demo-2024-05', '--config', `${DEMO}/tdgov.yaml`, '--force'],
  ['audit', 'score', `${DEMO}/governance/sentiment-review.csv`, '--config', `${DEMO}/tdgov.yaml`],
  ['check', DEMO],
  ['report', DEMO, '--format', 'html', '--lang', 'en', '--out', `${DEMO}/.tdgov/report.html`],
]

for (const args of STEPS) {
  process.stdout.write(`\n$ tdgov ${args.join(' ')}\n`)
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'tdgov.js'), ...args], { cwd: REPO, stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
