import { createRequire } from 'node:module'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import { SeededRandom } from '../../src/util/prng.js'
import { runCli, type ExecResult } from '../helpers/exec.js'
import { validBankCard, invalidBankCard, validCnMobile, invalidCnMobile, validResidentId, invalidResidentId, type Random } from '../helpers/pii-samples.js'
import { listFiles, makeTempDir, removeTempDirs, setTreeTimes, writeTree } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const spdx = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>
const entryOf = (manifest: Manifest, relPath: string): FileEntry | undefined => manifest.files.find((f) => f.path === relPath)

async function scanTo(root: string, ...args: string[]): Promise<{ result: ExecResult; manifest: Manifest; text: string }> {
  const out = path.join(makeTempDir(), 'manifest.json')
  const result = await runCli(['scan', root, '--no-cache', '--out', out, ...args])
  expect(result.status, `tdgov scan failed:\n${result.stderr}${result.stdout}`).toBe(0)
  const text = readFileSync(out, 'utf8')
  return { result, manifest: JSON.parse(text) as Manifest, text }
}

const CONFIG = (sources: string, intendedUse = 'commercial', extra = ''): string => `dataset:
  name: test
  intended_use: ${intendedUse}
sources:
${sources}
${extra}`

describe('personal information: counts of valid values, and no raw value anywhere', () => {
  const rng: Random = new SeededRandom('pii-acceptance')
  const kinds = [
    { type: 'cn-resident-id', valid: validResidentId, invalid: invalidResidentId, validCount: 37, invalidCount: 23 },
    { type: 'bank-card', valid: validBankCard, invalid: invalidBankCard, validCount: 29, invalidCount: 31 },
    { type: 'cn-mobile', valid: validCnMobile, invalid: invalidCnMobile, validCount: 41, invalidCount: 19 },
  ] as const
  const raw: string[] = []
  let root: string

  beforeAll(() => {
    root = makeTempDir()
    const values: string[] = []
    for (const kind of kinds) {
      for (let i = 0; i < kind.validCount; i++) values.push(kind.valid(rng))
      for (let i = 0; i < kind.invalidCount; i++) values.push(kind.invalid(rng))
    }
    raw.push(...values)
    // 3,000 records, so the default sample (1,000 per file) sees only part of them.
    const lines: string[] = []
    for (let i = 0; i < 3000; i++) {
      const value = i % 15 === 0 ? values[i / 15] : undefined
      const text = value === undefined ? `record ${i}: nothing personal here, just an ordinary sentence.` : `客户留言：请联系 ${value}，谢谢。`
      lines.push(JSON.stringify({ id: i, text }))
    }
    expect(values.length).toBe(180)
    writeTree(root, {
      'tickets/messages.jsonl': lines.join('\n') + '\n',
      'tdgov.yaml': CONFIG(`  - id: tickets\n    name: Tickets\n    kind: user-input\n    personal_information: none\n    paths: ["tickets/**"]`),
    })
  })

  it('--pii full counts exactly the valid values of each type', async () => {
    const { manifest } = await scanTo(root, '--pii', 'full')
    const pii = entryOf(manifest, 'tickets/messages.jsonl')!.pii!
    expect(pii.records).toBe(3000)
    expect(pii.densityPer10k).toBeCloseTo(((37 + 29 + 41) / 3000) * 10000, 2)
    for (const kind of kinds) expect(pii.counts?.[kind.type], kind.type).toBe(kind.validCount)
    expect(Object.keys(pii.counts ?? {}).sort()).toEqual(kinds.map((k) => k.type).sort())
    const source = manifest.sources.find((s) => s.id === 'tickets')!
    expect(source.personalInformation.counts['bank-card']).toBe(29)
    expect(source.personalInformation.densityPer10k).toBeCloseTo(((37 + 29 + 41) / 3000) * 10000, 1)
  })

  it('flags personal information in a source whose basis is none, and sensitive types', async () => {
    const { manifest } = await scanTo(root, '--pii', 'full')
    const codes = manifest.findings.map((f) => f.code)
    expect(codes).toContain('PII_WITHOUT_BASIS')
    const sensitive = entryOf(manifest, 'tickets/messages.jsonl')!.findings.find((f) => f.code === 'PII_SENSITIVE')
    expect(sensitive?.message).toMatch(/cn-resident-id ×37, bank-card ×29/)
  })

  it('--pii sample searches only the analysed records', async () => {
    const { manifest } = await scanTo(root)
    const pii = entryOf(manifest, 'tickets/messages.jsonl')!.pii!
    expect(pii.records).toBe(1000)
    const found = Object.values(pii.counts ?? {}).reduce((a, b) => a + (b ?? 0), 0)
    expect(found).toBeGreaterThan(0)
    expect(found).toBeLessThan(107)
  })

  it('writes no raw value to the manifest, stdout or stderr, whatever the mode', async () => {
    for (const mode of ['full', 'sample']) {
      const { result, text } = await scanTo(root, '--pii', mode)
      const json = await runCli(['scan', root, '--no-cache', '--out', path.join(makeTempDir(), 'm.json'), '--json', '--pii', mode])
      const everything = [text, result.stdout, result.stderr, json.stdout, json.stderr].join('\n')
      const leaked = raw.filter((value) => everything.includes(value) || everything.includes(value.replace(/\s/g, '')))
      expect(leaked, `raw values in the output (--pii ${mode})`).toEqual([])
    }
  })

  it('keeps no raw value in the scan cache either', async () => {
    // Files modified in the last two seconds are not cached; these must be.
    setTreeTimes(root, new Date(Date.now() - 3600_000))
    const result = await runCli(['scan', root, '--pii', 'full'])
    expect(result.status, result.stderr).toBe(0)
    const cacheDir = path.join(root, '.tdgov')
    const stored = listFiles(cacheDir).map((f) => readFileSync(path.join(cacheDir, f), 'utf8')).join('\n')
    expect(readFileSync(path.join(cacheDir, 'cache', 'entries-v10.ndjson'), 'utf8')).toContain('cn-resident-id')
    expect(raw.filter((value) => stored.includes(value) || stored.includes(value.replace(/\s/g, '')))).toEqual([])
  })

  it('--pii off searches nothing', async () => {
    const { manifest } = await scanTo(root, '--pii', 'off')
    expect(entryOf(manifest, 'tickets/messages.jsonl')!.pii).toBeUndefined()
    expect(manifest.content.personalInformation.records).toBe(0)
  })
})

describe('sources declared in tdgov.yaml', () => {
  it('maps files to the first matching source and reports files outside every glob', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'web/a.jsonl': '{"text":"hello"}\n',
      'web/zh/b.jsonl': '{"text":"你好"}\n',
      'stray/c.jsonl': '{"text":"who declared me?"}\n',
      README: 'notes about the dataset\n',
      'tdgov.yaml': CONFIG(
        `  - id: zh-web\n    name: Chinese pages\n    kind: crawled\n    domestic: true\n    license: CC-BY-4.0\n    crawl: { robots_respected: true, opt_out_respected: true }\n    paths: ["web/zh/**"]\n` +
          `  - id: web\n    name: Pages\n    kind: crawled\n    domestic: false\n    license: CC-BY-4.0\n    crawl: { robots_respected: true, opt_out_respected: true }\n    paths: ["web/**"]`,
      ),
    })
    const { manifest, text } = await scanTo(root)
    expect(entryOf(manifest, 'web/zh/b.jsonl')!.source).toBe('zh-web')
    expect(entryOf(manifest, 'web/a.jsonl')!.source).toBe('web')
    expect(entryOf(manifest, 'stray/c.jsonl')!.source).toBeNull()
    const undeclared = manifest.findings.filter((f) => f.code === 'UNDECLARED_FILE').map((f) => f.location)
    // The README documents the dataset: it is not training data, so it needs no source.
    expect(undeclared).toEqual([{ kind: 'file', path: 'stray/c.jsonl' }])
    expect(manifest.totals.bySource['(undeclared)']).toEqual({ files: 1, bytes: 28, records: 1 })
    expect(manifest.totals.byOrigin.domestic.files).toBe(1)
    expect(manifest.totals.byOrigin.foreign.files).toBe(1)
    expect(manifest.totals.byKind.crawled!.files).toBe(2)
    expect(manifest.config?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(text).toContain('{"path":"web/a.jsonl","source":"web","bytes":')
  })

  it('exits 2 naming the YAML path when an enum value is wrong, and writes nothing', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'a.jsonl': '{"text":"x"}\n',
      'tdgov.yaml': CONFIG(`  - id: a\n    name: A\n    kind: scraped\n    paths: ["*.jsonl"]`),
    })
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', root, '--out', out])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      `tdgov: ${path.join(root, 'tdgov.yaml')}:7:11: sources[0].kind: expected one of open-source, self-collected, crawled, commercial, user-input, synthetic, other\n`,
    )
    expect(result.stdout).toBe('')
    expect(existsSync(out)).toBe(false)
  })

  it('honours .gitignore-style excludes', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'data/a.jsonl': '{"text":"keep"}\n',
      'data/tmp/b.jsonl': '{"text":"scratch"}\n',
      'data/c.bak': 'old\n',
      'tdgov.yaml': CONFIG(`  - id: data\n    name: Data\n    kind: self-collected\n    paths: ["data/**"]`, 'research', 'excludes: ["tmp/", "*.bak"]\n'),
    })
    const { manifest } = await scanTo(root)
    expect(manifest.files.map((f) => f.path)).toEqual(['data/a.jsonl'])
  })

  it('says so once when there is no tdgov.yaml', async () => {
    const root = makeTempDir()
    writeTree(root, { 'a.jsonl': '{"text":"x"}\n' })
    const { manifest } = await scanTo(root)
    expect(manifest.config).toBeNull()
    expect(manifest.findings.map((f) => f.code)).toEqual(['CONFIG_MISSING'])
    expect(entryOf(manifest, 'a.jsonl')!.source).toBeUndefined()
  })
})

describe('licences', () => {
  it('identifies a reflowed LICENSE text, applies a folder card over the root licence, and flags non-commercial data for commercial use', async () => {
    const root = makeTempDir()
    const mit = spdx.MIT!.licenseText.replace('<year> <copyright holders>', '2024 Example Labs').replace(/\s+/g, ' ').replace(/(.{1,60})( |$)/g, '$1\n')
    writeTree(root, {
      LICENSE: mit,
      'code/a.jsonl': '{"text":"def f(): return 1"}\n',
      'qa/README.md': '---\nlicense: cc-by-nc-4.0\n---\n# QA\n',
      'qa/train.jsonl': '{"question":"Why?","answer":"Because."}\n',
      'tdgov.yaml': CONFIG(
        `  - id: code\n    name: Code\n    kind: self-collected\n    license: MIT\n    paths: ["code/**", "LICENSE"]\n` +
          `  - id: qa\n    name: QA\n    kind: open-source\n    license: CC-BY-4.0\n    paths: ["qa/**"]`,
      ),
    })
    const { manifest } = await scanTo(root)
    expect(entryOf(manifest, 'LICENSE')!.licence).toMatchObject({ from: 'licence-text', ids: ['MIT'] })
    expect(entryOf(manifest, 'qa/README.md')!.licence).toEqual({ from: 'dataset-card', stated: ['cc-by-nc-4.0'], ids: ['CC-BY-NC-4.0'] })
    const qa = manifest.sources.find((s) => s.id === 'qa')!
    expect(qa.licence.detected).toEqual([{ id: 'CC-BY-NC-4.0', from: ['qa/README.md'] }])
    expect(qa.licence.use).toBe('non-commercial')
    const code = manifest.sources.find((s) => s.id === 'code')!
    expect(code.licence).toMatchObject({ declared: 'MIT', detected: [{ id: 'MIT', from: ['LICENSE'] }], use: 'commercial' })
    const about = (c: string) => manifest.findings.filter((f) => f.code === c).map((f) => ({ args: f.args, location: f.location }))
    // the card that states another licence than the declared one is where the mismatch is
    expect(about('LICENCE_MISMATCH')).toEqual([
      { args: { source: 'qa', kind: 'open-source', declared: 'CC-BY-4.0', detected: 'CC-BY-NC-4.0' }, location: { kind: 'file', path: 'qa/README.md' } },
    ])
    // the source's declaration in tdgov.yaml is what has to change for commercial use
    expect(about('LICENCE_NOT_FOR_COMMERCIAL_USE')).toEqual([
      {
        args: { source: 'qa', kind: 'open-source', use: 'non-commercial', licence: 'CC-BY-NC-4.0' },
        location: { kind: 'config', path: 'tdgov.yaml', yamlPath: 'sources[1]', line: 10, column: 5 },
      },
    ])
  })
})

describe('tdgov init', () => {
  it('drafts a tdgov.yaml that scan accepts, with detected licences as suggestions, and never overwrites it', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'wiki/LICENSE': spdx['CC-BY-SA-4.0']!.licenseText,
      'wiki/a.jsonl': '{"text":"hello"}\n',
      'forum data/b.jsonl': '{"text":"hi"}\n',
      'forum data/shared/nc/README.md': '---\nlicense: cc-by-nc-4.0\n---\n# NC part\n',
      'notes.txt': 'a loose file\n',
    })
    const first = await runCli(['init', root])
    expect(first.status, first.stderr).toBe(0)
    const draft = readFileSync(path.join(root, 'tdgov.yaml'), 'utf8')
    expect(draft).toMatch(/- id: wiki\n[\s\S]*license: CC-BY-SA-4\.0 # suggested: wiki\/LICENSE is the CC-BY-SA-4\.0 text/)
    expect(draft).toContain('- id: forum-data')
    expect(draft).toContain('paths: ["forum data/**"]')
    expect(draft).toContain('# forum data/shared/nc/ states CC-BY-NC-4.0 (forum data/shared/nc/README.md states license: cc-by-nc-4.0)')
    const { manifest } = await scanTo(root)
    expect(manifest.findings.filter((f) => f.code === 'UNDECLARED_FILE')).toEqual([])
    expect(manifest.sources.map((s) => s.id)).toEqual(['forum-data', 'wiki', 'root-files'])

    writeFileSync(path.join(root, 'tdgov.yaml'), 'edited by hand\n')
    const second = await runCli(['init', root])
    expect(second.status).toBe(2)
    expect(second.stderr).toMatch(/tdgov\.yaml: already exists; tdgov init never overwrites it/)
    expect(readFileSync(path.join(root, 'tdgov.yaml'), 'utf8')).toBe('edited by hand\n')
  })
})

describe('tokens', () => {
  it('gives an estimate whose interval holds the exact count', async () => {
    const root = makeTempDir()
    const words = ['data', 'model', 'governance', 'licence', 'sample', 'audit', '数据', '模型', '治理', 'token']
    const rng = new SeededRandom('tokens')
    const lines = Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify({ id: i, text: Array.from({ length: 5 + Math.floor(rng.next() * 40) }, () => words[Math.floor(rng.next() * words.length)]).join(' ') }),
    )
    writeTree(root, { 'a.jsonl': lines.join('\n') + '\n', 'small.jsonl': lines.slice(0, 20).join('\n') + '\n' })
    const estimate = (await scanTo(root)).manifest.content.tokens!
    const exact = (await scanTo(root, '--tokens', 'exact')).manifest.content.tokens!
    if (!('total' in exact) || 'total' in estimate) throw new Error('expected an exact total and an estimate')
    expect(exact.method).toBe('exact')
    expect(estimate.low).toBeLessThanOrEqual(exact.total)
    expect(estimate.high).toBeGreaterThanOrEqual(exact.total)
    expect(estimate.confidence).toBe(0.95)
    expect((await scanTo(root, '--tokens', 'off')).manifest.content.tokens).toBeNull()
  })
})
