import { cpSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { REPO_ROOT, runCli } from './exec.js'
import { makeTempDir } from './tmp.js'

/**
 * A copy of the demo with its records made as a user makes them: scan, then the README's audit of
 * the labels (sample and score). `prepare` may change the copy's files before the records are made.
 */
export async function demoProject(prepare?: (demo: string) => void, options: { score?: boolean } = {}): Promise<string> {
  const demo = path.join(makeTempDir(), 'demo')
  cpSync(path.join(REPO_ROOT, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  prepare?.(demo)
  const config = path.join(demo, 'tdgov.yaml')
  const steps = [
    ['scan', demo, '--no-cache'],
    ['audit', 'sample', path.join(demo, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config],
    ...(options.score === false ? [] : [['audit', 'score', path.join(demo, 'governance', 'sentiment-review.csv'), '--config', config]]),
  ]
  for (const args of steps) {
    const run = await runCli(args)
    expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBeLessThan(2)
  }
  return demo
}

/** The raw personal values planted in the demo's support tickets (ids, card and phone numbers, emails), as report.test.ts finds them. */
export function plantedPersonalValues(text: string): string[] {
  return [...text.matchAll(/\d{11,19}[\dXx]?|[\w.+-]+@[\w-]+\.[\w.]+/g)].map((m) => m[0])
}
