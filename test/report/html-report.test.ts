/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate runs in the browser: its callbacks see the DOM
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoProject } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

// Debian's chromium (`.ci/run` installs it); TDGOV_CHROMIUM names another build.
const CHROMIUM = process.env.TDGOV_CHROMIUM ?? '/usr/bin/chromium'
const HOSTILE_SOURCE = '<img src=x onerror=alert(1)>'
const HOSTILE_LABEL = '</script><script>alert(1)</script>'

interface PageRun {
  errors: string[]
  requests: string[]
  dialogs: string[]
  images: number
  scripts: number
  svgs: { title: string | null; hasTable: boolean }[]
  text: string
  lang: string
  pdfPages: number
}

/** Open the page as a reader would, recording console errors, requests and dialogs; screenshot and print it. */
async function openInChromium(file: string, screenshot: string): Promise<PageRun> {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } })
    const run: PageRun = { errors: [], requests: [], dialogs: [], images: 0, scripts: 0, svgs: [], text: '', lang: '', pdfPages: 0 }
    page.on('console', (m) => {
      if (m.type() === 'error') run.errors.push(m.text())
    })
    page.on('pageerror', (e) => run.errors.push(String(e)))
    page.on('request', (r) => run.requests.push(r.url()))
    page.on('dialog', (d) => {
      run.dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(`file://${file}`, { waitUntil: 'load' })
    await page.screenshot({ path: screenshot, fullPage: true })
    Object.assign(
      run,
      await page.evaluate(() => ({
        images: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        svgs: [...document.querySelectorAll('figure.chart')].map((f) => ({ title: f.querySelector('svg > title')?.textContent ?? null, hasTable: f.querySelector('details table tbody tr') !== null })),
        text: document.body.innerText,
        lang: document.documentElement.lang,
      })),
    )
    await page.emulateMedia({ media: 'print' })
    const pdf = Buffer.from(await page.pdf({ format: 'A4' })).toString('latin1')
    run.pdfPages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length
    return run
  } finally {
    await browser.close()
  }
}

describe.skipIf(!existsSync(CHROMIUM))(`tdgov report --format html in headless Chromium (skipped: no browser at ${CHROMIUM}; .ci/run installs Debian's chromium)`, () => {
  let demo: string
  let hostile: string
  beforeAll(async () => {
    demo = await demoProject()
    hostile = await demoProject(
      (dir) => {
        const config = path.join(dir, 'tdgov.yaml')
        writeFileSync(
          config,
          readFileSync(config, 'utf8')
            .replace('name: Open Science QA', `name: "${HOSTILE_SOURCE}"`)
            .replace('labels: [positive, negative, neutral]', `labels: [positive, negative, '${HOSTILE_LABEL}']`),
        )
        // the label is also what the annotators chose, so it reaches the label-distribution chart
        const exportFile = path.join(dir, 'annotations', 'label-studio-export.json')
        writeFileSync(exportFile, readFileSync(exportFile, 'utf8').replaceAll('"neutral"', JSON.stringify(HOSTILE_LABEL)))
      },
      { score: false },
    )
  }, 180_000)
  afterAll(removeTempDirs)

  for (const lang of ['zh', 'en'] as const) {
    it(`opens with no console error and no request beyond the file itself, with charts that have titles and data tables (--lang ${lang})`, async () => {
      const out = path.join(makeTempDir(), `report-${lang}.html`)
      const run = await runCli(['report', demo, '--format', 'html', '--lang', lang, '--date', '2026-12-03', '--out', out])
      expect(run.status, run.stderr).toBe(0)
      const shot = path.join(makeTempDir(), `report-${lang}.png`)
      const page = await openInChromium(out, shot)
      expect(page.errors).toEqual([])
      expect(page.requests).toEqual([`file://${out}`])
      expect(page.lang).toBe(lang === 'zh' ? 'zh-CN' : 'en')
      // the screenshot is a PNG of the whole page
      expect(readFileSync(shot).subarray(1, 4).toString('latin1')).toBe('PNG')
      expect(statSync(shot).size).toBeGreaterThan(50_000)
      // bytes and records by source and modality, language mix, licence classes, personal information,
      // accuracy per batch and per annotator, label distribution and the confusion matrix
      expect(page.svgs.length).toBeGreaterThanOrEqual(10)
      for (const svg of page.svgs) {
        expect(svg.title, 'every chart has a title').toBeTruthy()
        expect(svg.hasTable, `${svg.title}: a text equivalent`).toBe(true)
      }
      for (const heading of lang === 'zh' ? ['数据来源', '数据规模', '数据类型', '标注规则', '算法机制'] : ['Sources', 'Scale', 'Types', 'Labelling rules', 'Algorithmic mechanism']) expect(page.text).toContain(heading)
      // printable: the print stylesheet starts each section on a page of its own
      expect(page.pdfPages).toBeGreaterThanOrEqual(9)
    }, 60_000)
  }

  it('shows a hostile source name and label as text and runs nothing', async () => {
    const out = path.join(makeTempDir(), 'hostile.html')
    const run = await runCli(['report', hostile, '--format', 'html', '--lang', 'en', '--date', '2026-12-03', '--out', out])
    expect(run.status, run.stderr).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html).not.toContain(HOSTILE_SOURCE)
    expect(html).not.toContain(HOSTILE_LABEL)
    const page = await openInChromium(out, path.join(makeTempDir(), 'hostile.png'))
    expect(page.dialogs).toEqual([])
    expect(page.errors).toEqual([])
    expect(page.images).toBe(0)
    expect(page.scripts).toBe(0)
    expect(page.text).toContain(HOSTILE_SOURCE)
    expect(page.text).toContain(HOSTILE_LABEL)
    // the label reached a chart: the label distribution draws it (clipped) and its data table holds it whole
    expect(page.svgs.some((s) => s.title?.startsWith('Label distribution'))).toBe(true)
  }, 60_000)
})
