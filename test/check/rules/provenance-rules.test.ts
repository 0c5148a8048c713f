/**
 * The scan rules (declared against observed) as `scan` runs them: the same file entries as the
 * resolveProvenance facts test, assembled by buildManifest with SCAN_RULES over a real tdgov.yaml,
 * so the findings carry the locations and args the manifest records. The last case runs the CLI.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configRecords } from '../../../src/check/config-records.js'
import { SCAN_RULES } from '../../../src/check/rules/index.js'
import { runRules } from '../../../src/check/run-rules.js'
import { resolveProvenance } from '../../../src/provenance/resolve-provenance.js'
import { loadConfig } from '../../../src/records/load-config.js'
import type { FileEntry, Manifest } from '../../../src/records/manifest-schema.js'
import { toFileRecord, type FileRecord } from '../../../src/scan/file-record.js'
import { filesInMemory, renderManifest } from '../../../src/scan/manifest.js'
import { runCli } from '../../helpers/exec.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

function file(path: string, extra: Partial<FileEntry> = {}): FileRecord {
  return toFileRecord({ path, bytes: 10, sha256: '0'.repeat(64), format: 'jsonl', compression: null, modality: 'text', records: 1, findings: [], ...extra })
}

const doc = (path: string, ids: string[]): FileRecord =>
  file(path, { format: 'document', modality: 'other', records: undefined, licence: { from: 'licence-text', stated: ids, ids } })

/** The manifest `scan` would write for these entries under tdgov.yaml `yaml`. */
function scanManifest(yaml: string, files: FileRecord[]): Manifest {
  const root = makeTempDir()
  writeTree(root, { 'tdgov.yaml': yaml })
  const loaded = loadConfig(root)!
  const { document } = renderManifest({
    files: filesInMemory(files),
    findings: [],
    deep: false,
    sampleSize: 1000,
    pii: 'sample',
    tokens: 'off',
    config: loaded,
    tokenDraw: null,
    provenance: (analysed) => resolveProvenance(loaded, analysed),
    rules: (manifest) => runRules(SCAN_RULES, { ...configRecords(root, loaded), manifest }),
    classifyStated: null,
  })
  return JSON.parse(document) as Manifest
}

const findingsOf = (yaml: string, files: FileRecord[]) => scanManifest(yaml, files).findings

/** tdgov.yaml at a YAML path, with the line and column of that key. */
const at = (yamlPath: string, line: number, column: number) => ({ kind: 'config', path: 'tdgov.yaml', yamlPath, line, column })

describe('licence rules', () => {
  const twoSources = (use: string) => `dataset: { name: d, intended_use: ${use} }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - { id: b, name: B, kind: self-collected, paths: ["b/**"] }
`
  const files = () => [doc('LICENSE', ['MIT']), doc('b/LICENSE', ['CC-BY-NC-4.0']), file('a/x.jsonl'), file('b/y.jsonl'), file('b/deeper/z.jsonl')]

  it('applies the nearest licence statement: only the source under a non-commercial folder licence is flagged for commercial use', () => {
    // research use: no commercial-use error
    expect(findingsOf(twoSources('research'), files()).map((f) => f.code)).not.toContain('LICENCE_NOT_FOR_COMMERCIAL_USE')
    const commercial = findingsOf(twoSources('commercial'), files()).filter((f) => f.code === 'LICENCE_NOT_FOR_COMMERCIAL_USE')
    expect(commercial).toEqual([
      {
        code: 'LICENCE_NOT_FOR_COMMERCIAL_USE',
        severity: 'error',
        args: { source: 'b', kind: 'self-collected', use: 'non-commercial', licence: 'CC-BY-NC-4.0' },
        location: at('sources[1]', 4, 5),
        message: `source "b" is non-commercial (CC-BY-NC-4.0) but the dataset's intended use is commercial`,
      },
    ])
  })

  it('treats an unknown licence as restrictive and says so, at the source in tdgov.yaml', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: commercial }
sources:
  - { id: a, name: A, kind: open-source, license: LicenseRef-internal-terms, paths: ["a/**"] }
`,
      [file('a/x.jsonl')],
    )
    expect(findings.filter((f) => f.code === 'LICENCE_UNKNOWN')).toEqual([
      {
        code: 'LICENCE_UNKNOWN',
        severity: 'warning',
        args: { source: 'a', kind: 'open-source', licence: 'LicenseRef-internal-terms' },
        location: at('sources[0]', 3, 5),
        message: 'source "a": licence LicenseRef-internal-terms cannot be classified; treated as restrictive',
      },
    ])
  })

  it('points a licence stated in the data that the source does not declare at the file that states it', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: open-source, license: MIT, paths: ["a/**"] }
`,
      [doc('a/LICENSE', ['Apache-2.0']), file('a/x.jsonl')],
    )
    expect(findings.filter((f) => f.code === 'LICENCE_MISMATCH').map((f) => [f.args, f.location])).toEqual([
      [{ source: 'a', kind: 'open-source', declared: 'MIT', detected: 'Apache-2.0' }, { kind: 'file', path: 'a/LICENSE' }],
    ])
  })
})

describe('source rules', () => {
  it('asks each kind of source for the facts it needs, pointing at the source (or base model) in tdgov.yaml', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: internal }
base_models: [{ name: m }]
sources:
  - { id: os, name: O, kind: open-source, paths: ["o/**"] }
  - { id: co, name: C, kind: commercial, paths: ["c/**"] }
  - { id: cr, name: R, kind: crawled, license: CC-BY-4.0, crawl: { robots_respected: true }, paths: ["r/**"] }
  - { id: sy, name: S, kind: synthetic, paths: ["s/**"] }
`,
      [file('o/1.jsonl'), file('c/1.jsonl'), file('r/1.jsonl'), file('s/1.jsonl')],
    )
    const asked = ['SOURCE_LICENCE_MISSING', 'SOURCE_CONTRACT_MISSING', 'SOURCE_CRAWL_UNDOCUMENTED', 'SOURCE_GENERATOR_MISSING', 'BASE_MODEL_NOT_FILED']
    // in manifest order: by path (all tdgov.yaml), then code
    expect(findings.filter((f) => asked.includes(f.code)).map((f) => [f.code, f.args, f.location])).toEqual([
      ['BASE_MODEL_NOT_FILED', { model: 'm' }, at('base_models[0]', 2, 15)],
      ['SOURCE_CONTRACT_MISSING', { source: 'co', kind: 'commercial' }, at('sources[1]', 5, 5)],
      ['SOURCE_CRAWL_UNDOCUMENTED', { source: 'cr', kind: 'crawled' }, at('sources[2]', 6, 5)],
      ['SOURCE_GENERATOR_MISSING', { source: 'sy', kind: 'synthetic' }, at('sources[3]', 7, 5)],
      ['SOURCE_LICENCE_MISSING', { source: 'os', kind: 'open-source' }, at('sources[0]', 4, 5)],
    ])
    expect(findings.find((f) => f.code === 'SOURCE_LICENCE_MISSING')!.message).toBe(
      'open-source source "os" declares neither a licence nor a contract; expected the licence or authorisation it was obtained under',
    )
  })

  it('needs no source for documentation, and lists undeclared data files at the file', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
`,
      [doc('README.md', []), file('a/x.jsonl'), file('b/y.jsonl')],
    )
    expect(findings.filter((f) => f.code === 'UNDECLARED_FILE')).toEqual([
      {
        code: 'UNDECLARED_FILE',
        severity: 'warning',
        args: {},
        location: { kind: 'file', path: 'b/y.jsonl' },
        message: "file matches no source's paths in tdgov.yaml; expected every file to belong to a declared source",
      },
    ])
  })

  it('reports a source whose globs match nothing at its paths, with the globs as a list', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - id: gone
    name: Gone
    kind: self-collected
    paths: ["old/**", "older/**"]
`,
      [file('a/x.jsonl')],
    )
    expect(findings.filter((f) => f.code === 'SOURCE_MATCHES_NOTHING')).toEqual([
      {
        code: 'SOURCE_MATCHES_NOTHING',
        severity: 'warning',
        args: { source: 'gone', paths: ['old/**', 'older/**'] },
        location: at('sources[1].paths', 7, 12),
        message: 'source "gone" matches no file (paths: old/**, older/**)',
      },
    ])
  })
})

describe('diversity and personal information', () => {
  it('counts sources per text language and media type, tables as text, and reports cells with too few', () => {
    const zh = { records: 10, empty: 0, duplicates: 0, languages: { zh: 10 } }
    const en = { records: 10, empty: 0, duplicates: 0, languages: { en: 9, zh: 1 } }
    const manifest = scanManifest(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - { id: b, name: B, kind: self-collected, paths: ["b/**"] }
`,
      [file('a/t.jsonl', { content: zh }), file('b/t.csv', { format: 'csv', modality: 'tabular', content: en }), file('b/p.png', { format: 'png', modality: 'image' })],
    )
    const tooFew = manifest.findings.filter((f) => f.code === 'SOURCES_TOO_FEW')
    expect(tooFew.map((f) => f.args)).toEqual([
      { modality: 'image', count: 1, sources: ['b'], min: 2 },
      { modality: 'text', language: 'en', count: 1, sources: ['b'], min: 2 },
    ])
    // without policy.min_sources_per_cell, the default is the configuration's, not a key in it
    expect(tooFew.every((f) => f.location.kind === 'config' && f.location.path === 'tdgov.yaml' && f.location.yamlPath === undefined)).toBe(true)
    expect(tooFew.map((f) => f.message)).toEqual([
      'image: 1 source (b); expected at least 2 for diversity (TC260-003 §5.1)',
      'text × en: 1 source (b); expected at least 2 for diversity (TC260-003 §5.1)',
    ])
  })

  it('points at policy.min_sources_per_cell when the policy sets the minimum', () => {
    const findings = findingsOf(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: self-collected, paths: ["a/**"] }
  - { id: b, name: B, kind: self-collected, paths: ["b/**"] }
policy:
  min_sources_per_cell: 3
`,
      [file('a/p.png', { format: 'png', modality: 'image' }), file('b/p.png', { format: 'png', modality: 'image' })],
    )
    expect(findings.filter((f) => f.code === 'SOURCES_TOO_FEW').map((f) => [f.args, f.location])).toEqual([
      [{ modality: 'image', count: 2, sources: ['a', 'b'], min: 3 }, at('policy.min_sources_per_cell', 6, 25)],
    ])
  })

  it('reports personal information without a basis per file, with each file’s own counts, also for files of no source', () => {
    const pii = (email: number) => ({ pii: { records: 10, densityPer10k: email * 1000, counts: { email } } })
    const findings = findingsOf(
      `dataset: { name: d, intended_use: research }
sources:
  - { id: a, name: A, kind: user-input, personal_information: none, paths: ["a/**"] }
  - { id: b, name: B, kind: user-input, paths: ["b/**"] }
  - { id: c, name: C, kind: user-input, personal_information: consent, paths: ["c/**"] }
`,
      [file('a/1.jsonl', pii(2)), file('a/2.jsonl', pii(3)), file('b/1.jsonl', pii(1)), file('c/1.jsonl', pii(4)), file('x/1.jsonl', pii(1))],
    )
    const noBasis = findings.filter((f) => f.code === 'PII_WITHOUT_BASIS')
    expect(noBasis.map((f) => [f.location, f.args])).toEqual([
      [{ kind: 'file', path: 'a/1.jsonl' }, { types: 'email ×2', source: 'a', basis: 'none' }],
      [{ kind: 'file', path: 'a/2.jsonl' }, { types: 'email ×3', source: 'a', basis: 'none' }],
      [{ kind: 'file', path: 'b/1.jsonl' }, { types: expect.stringMatching(/^email\b.*1/), source: 'b' }],
      [{ kind: 'file', path: 'x/1.jsonl' }, { types: expect.stringMatching(/^email\b.*1/) }],
    ])
    expect(noBasis.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error'])
    expect(noBasis[2]!.message).toMatch(/^personal information \(email.*\) in source "b" whose personal-information basis is not declared; expected consent or another legal basis$/)
    expect(noBasis[3]!.message).toMatch(/in a file of no declared source whose personal-information basis is not declared/)
  })
})

describe('through the CLI', () => {
  it('writes the rules’ findings to the manifest with typed locations', async () => {
    const root = makeTempDir()
    writeTree(root, {
      'tdgov.yaml': `dataset: { name: d, intended_use: internal }
sources:
  - id: co
    name: C
    kind: commercial
    paths: ["c/**"]
  - { id: gone, name: G, kind: self-collected, paths: ["old/**"] }
`,
      'c/1.jsonl': '{"text":"hello"}\n',
      'stray/1.jsonl': '{"text":"world"}\n',
    })
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', root, '--no-cache', '--out', out])
    expect(result.status, result.stderr).toBe(0)
    const manifest = JSON.parse(readFileSync(out, 'utf8')) as Manifest
    const byCode = (code: string) => manifest.findings.filter((f) => f.code === code).map((f) => [f.args, f.location])
    expect(byCode('SOURCE_CONTRACT_MISSING')).toEqual([[{ source: 'co', kind: 'commercial' }, at('sources[0]', 3, 5)]])
    expect(byCode('SOURCE_MATCHES_NOTHING')).toEqual([[{ source: 'gone', paths: ['old/**'] }, at('sources[1].paths', 7, 55)]])
    expect(byCode('UNDECLARED_FILE')).toEqual([[{}, { kind: 'file', path: 'stray/1.jsonl' }]])
    // the summary places config findings at their line in tdgov.yaml
    expect(result.stdout).toMatch(/^ {2}warning {2}SOURCE_CONTRACT_MISSING {2}1\n {6}tdgov\.yaml:3 {2}commercial source "co" declares no contract; expected the agreement it was bought under$/m)
  })
})
