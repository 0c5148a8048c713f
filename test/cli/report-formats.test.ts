import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_FORMATS } from '../../src/report/render.js'
import { SeededRandom } from '../../src/util/prng.js'
import { demoProject } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { validBankCard, validCnMobile, validResidentId, type Random } from '../helpers/pii-samples.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

/** Every output `tdgov report` can write: each format, the explanation in each language and each kind of file. */
const OUTPUTS: { name: string; args: string[] }[] = [
  ...REPORT_FORMATS.filter((f) => f !== 'cac' && f !== 'html').map((f) => ({ name: f, args: ['--format', f] })),
  ...(['zh', 'en'] as const).flatMap((lang) => [
    { name: `html-${lang}`, args: ['--format', 'html', '--lang', lang] },
    ...(['md', 'html', 'docx'] as const).map((as) => ({ name: `cac-${as}-${lang}`, args: ['--format', 'cac', '--lang', lang, '--as', as] })),
  ]),
]

/** What a reader of the file sees: the text itself, or for a Word file the text of its XML parts. */
function readable(bytes: Buffer): string {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') return bytes.toString('utf8')
  return Object.entries(unzipSync(bytes))
    .filter(([name]) => name.endsWith('.xml'))
    .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ''))
    .join('\n')
}

describe('every report format', () => {
  const rng: Random = new SeededRandom('report-no-leak')
  const raw: string[] = []
  let demo: string
  beforeAll(async () => {
    // the demo, with planted identity numbers, bank cards and phone numbers in the support tickets
    // (a source with a declared basis), every record searched
    demo = await demoProject((dir) => {
      const lines: string[] = []
      for (let i = 0; i < 12; i++) {
        const value = [validResidentId, validBankCard, validCnMobile][i % 3]!(rng)
        raw.push(value)
        lines.push(JSON.stringify({ id: `planted-${i}`, messages: [{ role: 'user', content: `我的信息是 ${value}，请尽快处理。` }] }))
      }
      appendFileSync(path.join(dir, 'text', 'zh', 'support-tickets.jsonl'), lines.join('\n') + '\n')
    })
    const rescan = await runCli(['scan', demo, '--no-cache', '--pii', 'full'])
    expect(rescan.status, rescan.stderr).toBeLessThan(2)
  }, 180_000)
  afterAll(removeTempDirs)

  it('covers each format the command offers', () => {
    for (const format of REPORT_FORMATS) expect(OUTPUTS.some((o) => o.args[1] === format)).toBe(true)
  })

  it('finds the planted values in the manifest’s counts, so the search below is not vacuous', () => {
    const report = JSON.parse(readFileSync(path.join(demo, '.tdgov', 'manifest.json'), 'utf8'))
    const counts = report.content.personalInformation.counts as Record<string, number>
    expect(counts['cn-resident-id']).toBeGreaterThanOrEqual(4)
    expect(counts['bank-card']).toBeGreaterThanOrEqual(4)
    expect(counts['cn-mobile']).toBeGreaterThanOrEqual(4)
  })

  for (const output of OUTPUTS) {
    it(`${output.name}: the same bytes for the same SOURCE_DATE_EPOCH, and no raw personal value`, async () => {
      const dir = makeTempDir()
      const env = { SOURCE_DATE_EPOCH: '1764720000' } // 2025-12-03
      const write = async (name: string): Promise<Buffer> => {
        const out = path.join(dir, name)
        const run = await runCli(['report', demo, ...output.args, '--out', out], { env })
        expect(run.status, run.stderr).toBe(0)
        return readFileSync(out)
      }
      const first = await write('first')
      const second = await write('second')
      expect(second.equals(first), 'byte-identical').toBe(true)
      const text = readable(first)
      expect(text.length).toBeGreaterThan(500)
      expect(text).toContain('2025-12-03')
      const leaked = raw.filter((value) => text.includes(value) || text.replace(/\s/g, '').includes(value))
      expect(leaked, 'raw personal values').toEqual([])
    })
  }
})
