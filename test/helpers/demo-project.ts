import { cpSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { REPO_ROOT, runCli } from './exec.js'
import { makeTempDir } from './tmp.js'

/** The demo's records as a user makes them (as in test/cli/report.test.ts): scan, then the README's audit of the labels. */
export async function demoProject(): Promise<string> {
  const demo = path.join(makeTempDir(), 'demo')
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  const config = path.join(demo, 'tdgov.yaml')
  const steps = [
    ['scan', demo, '--no-cache'],
    ['audit', 'sample', path.join(demo, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config],
    ['audit', 'score', path.join(demo, 'governance', 'sentiment-review.csv'), '--config', config],
  ]
  for (const args of steps) {
    const run = await runCli(args)
    expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0)
  }
  return demo
}

/** The raw personal values planted in the demo's support tickets (ids, card and phone numbers, emails), as report.test.ts finds them. */
export function plantedPersonalValues(text: string): string[] {
  return [...text.matchAll(/\d{11,19}[\dXx]?|[\w.+-]+@[\w-]+\.[\w.]+/g)].map((m) => m[0])
}
