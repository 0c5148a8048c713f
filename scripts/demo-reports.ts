/**
 * `npm run demo:reports [-- OUT]`: the demo's report in every format, as the README links them
 * (`docs/demo/`). The records are made afresh in a temporary copy of `fixtures/demo` (scan, then
 * the README's audit, sampled and scored) and every report is dated DATE, so the files change only
 * when tdgov's output does; `test/golden/demo-reports.test.ts` checks them. With Chromium present
 * (Debian's /usr/bin/chromium, or TDGOV_CHROMIUM) it also takes the README's screenshots.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// dist/scripts/ when built, scripts/ when a test imports the source
const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = existsSync(path.join(HERE, '..', 'package.json')) ? path.resolve(HERE, '..') : path.resolve(HERE, '../..')
export const DEMO_REPORT_DATE = '2026-12-03'

/** File name → the `tdgov report` arguments that write it. */
export const DEMO_REPORTS: Record<string, string[]> = {
  'report.json': ['--format', 'json'],
  'report.md': ['--format', 'md'],
  'explanation.zh.md': ['--format', 'cac', '--lang', 'zh'],
  'explanation.en.md': ['--format', 'cac', '--lang', 'en'],
  'explanation.zh.docx': ['--format', 'cac', '--lang', 'zh', '--as', 'docx'],
  'explanation.en.docx': ['--format', 'cac', '--lang', 'en', '--as', 'docx'],
  'report.zh.html': ['--format', 'html', '--lang', 'zh'],
  'report.en.html': ['--format', 'html', '--lang', 'en'],
  'eu-summary.md': ['--format', 'eu-summary'],
  'hf-card.md': ['--format', 'hf-card'],
  'croissant.json': ['--format', 'croissant'],
  'spdx.json': ['--format', 'spdx'],
}

function tdgov(args: readonly string[]): void {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'tdgov.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  if (run.status !== 0 && !(args[0] === 'scan' && run.status === 1)) {
    process.stderr.write(`tdgov ${args.join(' ')} exited ${run.status}:\n${run.stderr}`)
    process.exit(run.status ?? 1)
  }
}

/** The demo's records in a temporary copy; returns the copy's folder. */
export function demoRecords(): string {
  const demo = path.join(mkdtempSync(path.join(os.tmpdir(), 'tdgov-demo-')), 'demo')
  cpSync(path.join(REPO, 'fixtures', 'demo'), demo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.tdgov`) })
  const config = path.join(demo, 'tdgov.yaml')
  tdgov(['scan', demo, '--no-cache'])
  tdgov(['audit', 'sample', path.join(demo, 'annotations', 'label-studio-export.json'), '--aql', '6.5', '--seed', 'demo-2024-05', '--config', config])
  tdgov(['audit', 'score', path.join(demo, 'governance', 'sentiment-review.csv'), '--config', config])
  return demo
}

export function writeDemoReports(out: string): void {
  mkdirSync(out, { recursive: true })
  const demo = demoRecords()
  try {
    for (const [name, args] of Object.entries(DEMO_REPORTS)) tdgov(['report', demo, ...args, '--date', DEMO_REPORT_DATE, '--out', path.join(out, name), '--force'])
  } finally {
    rmSync(path.dirname(demo), { recursive: true, force: true })
  }
}

async function screenshots(out: string): Promise<void> {
  const executablePath = process.env.TDGOV_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    process.stderr.write(`no Chromium at ${executablePath}: screenshots not taken\n`)
    return
  }
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
  try {
    for (const lang of ['en', 'zh']) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1250 } })
      await page.goto(`file://${path.join(out, `report.${lang}.html`)}`)
      await page.screenshot({ path: path.join(out, `report.${lang}.png`) })
      await page.close()
    }
  } finally {
    await browser.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(REPO, 'docs', 'demo'))
  writeDemoReports(out)
  await screenshots(out)
  process.stdout.write(`demo reports → ${path.relative(process.cwd(), out) || '.'}\n`)
}
