import { readFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { SaxesParser } from 'saxes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoProject } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

/** Every part that says it is XML parses as well-formed XML (saxes is a conforming, non-validating parser). */
function parseXml(name: string, text: string): string[] {
  const parser = new SaxesParser({ xmlns: true })
  const texts: string[] = []
  parser.on('error', (e) => {
    throw new Error(`${name}: ${e.message}`)
  })
  parser.on('text', (t) => texts.push(t))
  parser.write(text).close()
  return texts
}

describe('tdgov report --format cac --as docx', () => {
  let demo: string
  beforeAll(async () => {
    demo = await demoProject()
  }, 120_000)
  afterAll(removeTempDirs)

  for (const lang of ['zh', 'en'] as const) {
    it(`writes an Office Open XML package whose parts parse and whose text names every Art. 19 element (--lang ${lang})`, async () => {
      const out = path.join(makeTempDir(), `explanation-${lang}.docx`)
      const run = await runCli(['report', demo, '--format', 'cac', '--as', 'docx', '--lang', lang, '--date', '2026-12-03', '--out', out])
      expect(run.status, run.stderr).toBe(0)
      const bytes = readFileSync(out)
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004')
      const parts = unzipSync(bytes)
      // the package's parts: content types first (as Word writes them), the relationships, the body
      expect(Object.keys(parts)[0]).toBe('[Content_Types].xml')
      for (const part of ['_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) expect(parts[part], part).toBeDefined()
      const types = strFromU8(parts['[Content_Types].xml']!)
      expect(types).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')
      // every relationship target exists in the package
      for (const [name, data] of Object.entries(parts)) {
        if (!name.endsWith('.rels')) continue
        const base = path.posix.dirname(path.posix.dirname(name))
        for (const m of strFromU8(data).matchAll(/Target="([^"]+)"(?![^>]*TargetMode="External")/g)) {
          const target = m[1]!.startsWith('/') ? m[1]!.slice(1) : path.posix.normalize(path.posix.join(base === '.' ? '' : base, m[1]!))
          expect(parts[target], `${name} → ${target}`).toBeDefined()
        }
      }
      let body = ''
      for (const [name, data] of Object.entries(parts)) {
        if (!/\.(xml|rels)$/.test(name)) continue
        const texts = parseXml(name, strFromU8(data))
        if (name === 'word/document.xml') body = texts.join('')
      }
      for (const heading of lang === 'zh' ? ['数据来源', '数据规模', '数据类型', '标注规则', '算法机制', '备案表数据', '条款对照'] : ['Sources', 'Scale', 'Types', 'Labelling rules', 'Algorithmic mechanism', 'Filing-form figures', 'Clause matrix']) expect(body).toContain(heading)
      // the package properties carry the report date, not the time it was made
      const core = strFromU8(parts['docProps/core.xml']!)
      expect(core).toMatch(/<dcterms:created[^>]*>2026-12-03T00:00:00Z<\/dcterms:created>/)
      expect(core).toMatch(/<dcterms:modified[^>]*>2026-12-03T00:00:00Z<\/dcterms:modified>/)
    })
  }

  it('gives the same bytes at another time and in another time zone', async () => {
    const dir = makeTempDir()
    const write = async (name: string, tz: string): Promise<Buffer> => {
      const out = path.join(dir, name)
      const run = await runCli(['report', demo, '--format', 'cac', '--as', 'docx', '--out', out], { env: { SOURCE_DATE_EPOCH: '1764720000', TZ: tz } })
      expect(run.status, run.stderr).toBe(0)
      return readFileSync(out)
    }
    const first = await write('a.docx', 'UTC')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const second = await write('b.docx', 'Asia/Shanghai')
    expect(second.equals(first)).toBe(true)
  })

  it('refuses to write the binary file to a terminal, and --as outside cac', async () => {
    const run = await runCli(['report', demo, '--format', 'json', '--as', 'docx'])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('tdgov: --as applies to --format cac (got --format json)\n')
  })
})
