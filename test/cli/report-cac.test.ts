import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/exec.js'
import { demoProject } from '../helpers/demo-project.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'
import { frontMatter } from '../helpers/front-matter.js'
import { HF_LICENCE_IDS } from '../../src/report/formats/hf-licences.js'


// What Art. 19 names and the eleven figures of the filing form (regulatory.md §5.1), as each language writes them.
const ELEMENTS = {
  zh: ['数据来源', '数据规模', '数据类型', '标注规则', '算法机制', '标注质量', '个人信息与知识产权', '数据质量措施', '证据'],
  en: ['Sources', 'Scale', 'Types', 'Labelling rules', 'Algorithmic mechanism', 'Labelling quality', 'Personal information and intellectual property', 'Data quality measures', 'Evidence'],
}
const FILING = {
  zh: ['训练语料存储规模', '训练语料词元数', '各类型语料规模', '来源构成', '境外开源', '自采与商业', '标注数据量', '标注人员', '| 标注规则 |', '人工核验比例', '语料合法性'],
  en: ['storage size', 'Training-corpus tokens', 'Size per type', 'Source composition', 'foreign open source', 'Self-collected and commercial', 'Annotated items', 'Annotators', '| Labelling rules |', 'human verification ratio', 'Corpus legality'],
}

describe('tdgov report --format cac', () => {
  let demo: string
  beforeAll(async () => {
    demo = await demoProject()
  }, 120_000)
  afterAll(removeTempDirs)

  for (const lang of ['zh', 'en'] as const) {
    it(`names every Art. 19 element and all eleven filing-form figures (--lang ${lang})`, async () => {
      const run = await runCli(['report', demo, '--format', 'cac', '--lang', lang, '--date', '2026-12-02'])
      expect(run.status, run.stderr).toBe(0)
      for (const heading of ELEMENTS[lang]) expect(run.stdout, heading).toMatch(new RegExp(`^## .*${heading}`, 'm'))
      for (const figure of FILING[lang]) expect(run.stdout, figure).toContain(figure)
      expect(FILING[lang]).toHaveLength(11)
      // the demo declares no mechanism: it is said to be missing, not left out
      expect(run.stdout).toContain(lang === 'zh' ? '缺失：tdgov.yaml 未声明算法机制' : 'Missing: tdgov.yaml declares no algorithmic mechanism')
      // estimates carry their interval where they appear
      expect(run.stdout).toMatch(lang === 'zh' ? /约 16,\d{3}（估计值 \[\d\]，95% 区间 16,\d{3}–16,\d{3}）/ : /≈ 16,\d{3} \(estimate \[\d\], 95% interval 16,\d{3}–16,\d{3}\)/)
      // and their methods are listed in the report's language
      const methods = run.stdout.slice(run.stdout.indexOf(lang === 'zh' ? '### 估计方法' : '### Estimation methods'))
      expect(methods).toContain(lang === 'zh' ? '按文件大小成比例的泊松 πps 抽样' : 'files drawn by Poisson πps sampling')
      if (lang === 'zh') expect(methods.slice(0, methods.indexOf('\n## '))).not.toMatch(/of each file|sampled by/)
    })
  }

  it('says the labelling rules are missing and marks Art. 8 not met when tdgov.yaml drops them', async () => {
    const copy = path.join(makeTempDir(), 'demo')
    cpSync(demo, copy, { recursive: true })
    const config = path.join(copy, 'tdgov.yaml')
    const text = readFileSync(config, 'utf8')
    const start = text.indexOf('labelling_rules:')
    const end = text.indexOf('\n# The people in the exports')
    expect(start).toBeGreaterThan(0)
    writeFileSync(config, text.slice(0, start) + text.slice(end + 1))
    expect((await runCli(['scan', copy, '--no-cache'])).status).toBeLessThan(2)
    const run = await runCli(['report', copy, '--format', 'cac', '--lang', 'en', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('Missing: tdgov.yaml declares no labelling rules (labelling_rules).')
    expect(run.stdout).toMatch(/^\| Art\. 8 \| not met \| .*missing: labelling rules/m)
    expect(run.stdout).toMatch(/^\| Labelling rules \| missing \|$/m)
    const model = JSON.parse((await runCli(['report', copy, '--date', '2026-12-02'])).stdout)
    expect(model.clauses.find((c: { clause: string }) => c.clause === 'Art. 8')).toMatchObject({ status: 'not-met', missing: ['labelling-rules'] })
  })

  it('renders a hostile source name and label as text', async () => {
    const copy = path.join(makeTempDir(), 'demo')
    cpSync(demo, copy, { recursive: true })
    const config = path.join(copy, 'tdgov.yaml')
    const hostile = readFileSync(config, 'utf8')
      .replace('name: Open Science QA', 'name: "<img src=x onerror=alert(1)>"')
      .replace('labels: [positive, negative, neutral]', 'labels: [positive, negative, neutral, "</script><script>alert(1)</script>"]')
    writeFileSync(config, hostile)
    expect((await runCli(['scan', copy, '--no-cache'])).status).toBeLessThan(2)
    const run = await runCli(['report', copy, '--format', 'cac', '--lang', 'en', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    // no angle bracket reaches the Markdown unescaped, so no renderer sees a tag
    expect(run.stdout).not.toMatch(/(^|[^\\])[<>]/m)
    expect(run.stdout).toContain('\\<img src=x onerror=alert(1)\\>')
    expect(run.stdout).toContain('\\</script\\>\\<script\\>alert(1)\\</script\\>')
  })

  it('writes the EU training-content summary (sections 1–3) with the size bins of the demo', async () => {
    const run = await runCli(['report', demo, '--format', 'eu-summary', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    for (const heading of ['## 1. General information', '### 1.3 Modalities', '## 2. List of data sources', '### 2.1 Publicly available datasets', '### 2.3 Data crawled', '### 2.5 Synthetic data', '## 3. Data processing aspects', '### 3.2 Removal of illegal content']) {
      expect(run.stdout, heading).toContain(heading)
    }
    // ~16k tokens, 4 images, a 1.5 s chime: the smallest bin of each
    expect(run.stdout).toMatch(/^\| Text \| Less than 1 billion tokens \|/m)
    expect(run.stdout).toMatch(/^\| Image \| Less than 1 million images \| 4 images \|/m)
    expect(run.stdout).toMatch(/^\| Audio \| Less than 10,000 hours \|/m)
    // the demo's one foreign open-source dataset is listed with its link; acquired up to 2024-04-30
    expect(run.stdout).toContain('Open Science QA (https://example.org/open-science-qa)')
    expect(run.stdout).toContain('Latest date of data collection: 04/2024')
    expect(run.stdout).toContain('- Measures: *not declared*')
  })

  it('writes a Hugging Face card whose front matter parses to a mapping of allowed values', async () => {
    const run = await runCli(['report', demo, '--format', 'hf-card', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    const meta = frontMatter(run.stdout) as Record<string, unknown>
    expect(meta).toMatchObject({ pretty_name: 'Bilingual Assistant Demo Set', license: ['cc-by-4.0', 'cc-by-nc-4.0'], size_categories: ['n<1K'] })
    for (const id of meta.license as string[]) expect(HF_LICENCE_IDS.has(id), id).toBe(true)
    expect(meta.language).toEqual(['code', 'en', 'zh'])
    expect(run.stdout).toContain('# Dataset Card for Bilingual Assistant Demo Set')
  })

  it('writes the declared task categories into the card, and refuses one the Hub does not know with the line', async () => {
    const { PIPELINE_TYPES } = await import('@huggingface/tasks')
    const copy = path.join(makeTempDir(), 'demo')
    cpSync(demo, copy, { recursive: true })
    const config = path.join(copy, 'tdgov.yaml')
    const text = readFileSync(config, 'utf8')
    writeFileSync(config, text.replace(/^ {2}intended_use: (\w+)/m, '  intended_use: $1\n  task_categories: [text-generation, question-answering]'))
    const run = await runCli(['report', copy, '--format', 'hf-card', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    const meta = frontMatter(run.stdout) as Record<string, unknown>
    expect(meta.task_categories).toEqual(['text-generation', 'question-answering'])
    for (const id of meta.task_categories as string[]) expect((PIPELINE_TYPES as readonly string[]).includes(id), id).toBe(true)
    writeFileSync(config, text.replace(/^ {2}intended_use: (\w+)/m, '  intended_use: $1\n  task_categories: [text-generation, chatting]'))
    const bad = await runCli(['report', copy, '--format', 'hf-card'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^tdgov: .*tdgov\.yaml:\d+:\d+: dataset\.task_categories\[1\]: "chatting" is not a Hugging Face task id \(expected one of text-classification, /)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('writes the whole model as Markdown (--format md), every part of it a section', async () => {
    const [md, json] = [await runCli(['report', demo, '--format', 'md', '--date', '2026-12-02']), await runCli(['report', demo, '--date', '2026-12-02'])]
    expect(md.status, md.stderr).toBe(0)
    const model = JSON.parse(json.stdout) as Record<string, unknown>
    for (const key of Object.keys(model).filter((k) => !['report', 'version', 'date', 'tool'].includes(k))) expect(md.stdout, key).toMatch(new RegExp(`^## ${key}$`, 'm'))
    expect(md.stdout).toMatch(/- tokens:\n\s+- figure: ≈ 16,\d{3} \(estimate, 95% interval/)
    expect(md.stdout).toContain('## crawled\n\n- null (not declared or not measured)')
  })

  it('gives the same bytes twice for the same date', async () => {
    const args = ['report', demo, '--format', 'cac', '--date', '2026-12-02']
    const [a, b] = [await runCli(args), await runCli(args)]
    expect(a.status).toBe(0)
    expect(b.stdout).toBe(a.stdout)
  })
})
