import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import type { Report, ReportFigure } from '../../src/records/report-schema.js'
import { demoProject } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { removeTempDirs } from '../helpers/tmp.js'

// The figures of the model not recomputed in report.test.ts, each from the records by hand: the
// manifest's files, tdgov.yaml as YAML, and the gate's own JSON output.
const NOT_DATA = new Set(['document', 'tooling', 'lfs-pointer', 'annex-link', 'annex-pointer', 'dvc-pointer'])
const TYPE_OF_LANGUAGE: Record<string, string> = { zh: 'zhText', en: 'enText', code: 'code' }
const MEDIA = new Set(['image', 'audio', 'video'])

interface Sums {
  files: Set<string>
  bytes: number
  records: number
}

/** A file's bytes and records in each language: records by the analysed share, bytes by the share of records with text. */
function byLanguage(f: FileEntry): { language: string | null; bytes: number; records: number }[] {
  const languages = Object.entries(f.content?.languages ?? {}).filter(([, n]) => (n ?? 0) > 0) as [string, number][]
  const withText = languages.reduce((s, [, n]) => s + n, 0)
  if (withText === 0) return [{ language: null, bytes: f.bytes, records: f.records ?? 0 }]
  const analysed = Math.max(f.content!.records, withText)
  const population = Math.max(f.records ?? 0, analysed)
  return languages.map(([language, n]) => ({ language, bytes: (f.bytes * n) / withText, records: (population * n) / analysed }))
}

function group(files: readonly FileEntry[], keyOf: (f: FileEntry, language: string | null) => string): Map<string, Sums> {
  const out = new Map<string, Sums>()
  for (const f of files)
    for (const part of byLanguage(f)) {
      const key = keyOf(f, part.language)
      const g = out.get(key) ?? { files: new Set(), bytes: 0, records: 0 }
      g.files.add(f.path)
      g.bytes += part.bytes
      g.records += part.records
      out.set(key, g)
    }
  return out
}

const typeOf = (f: FileEntry, language: string | null): string => (MEDIA.has(f.modality) ? f.modality : language === null ? 'other' : (TYPE_OF_LANGUAGE[language] ?? 'other'))
const value = (f: ReportFigure): number => f.value

describe('the report model, figure by figure, against the records', () => {
  let report: Report
  let manifest: Manifest
  let config: Record<string, unknown> & { sources: { id: string; kind: string; acquired?: { from?: string; to?: string } }[]; annotators: { id: string; role?: string; affiliation?: string; trained_on?: string; assessment?: string }[] }
  let gate: { passed: boolean; counts: Record<string, number>; findings: { code: string; fingerprint: string }[] }
  let data: FileEntry[]

  beforeAll(async () => {
    const demo = await demoProject()
    report = JSON.parse((await runCli(['report', demo, '--date', '2026-12-03'])).stdout)
    manifest = JSON.parse(readFileSync(path.join(demo, '.tdgov', 'manifest.json'), 'utf8'))
    config = parseYaml(readFileSync(path.join(demo, 'tdgov.yaml'), 'utf8'))
    gate = JSON.parse((await runCli(['check', demo, '--format', 'json'])).stdout)
    data = manifest.files.filter((f) => !NOT_DATA.has(f.format))
  }, 120_000)
  afterAll(removeTempDirs)

  it('types: modality × format × language, bytes and records split by each file’s language shares', () => {
    const expected = group(data, (f, language) => JSON.stringify([f.modality, f.format, language]))
    expect(report.types).toHaveLength(expected.size)
    for (const t of report.types) {
      const g = expected.get(JSON.stringify([t.modality, t.format, t.language]))!
      expect(g, `${t.modality} ${t.format} ${t.language}`).toBeDefined()
      expect(t.files).toBe(g.files.size)
      expect(value(t.bytes)).toBe(Math.round(g.bytes))
      expect(value(t.records)).toBe(Math.round(g.records))
      // a split or sampled file's share is an estimate, with an interval around it
      if (t.records.kind === 'estimated') expect(t.records.low <= t.records.value && t.records.value <= t.records.high).toBe(true)
    }
  })

  it('size per type: every filing-form type, with the parts of each declared kind', () => {
    const all = group(data, typeOf)
    for (const [type, figures] of Object.entries(report.scale.byType)) {
      const g = all.get(type)
      expect(figures.files, type).toBe(g?.files.size ?? 0)
      expect(value(figures.bytes), type).toBe(Math.round(g?.bytes ?? 0))
      expect(value(figures.records), type).toBe(Math.round(g?.records ?? 0))
    }
    const kindOf = new Map(config.sources.map((s) => [s.id, s.kind]))
    for (const [part, kind] of [['selfCollected', 'self-collected'], ['commercial', 'commercial']] as const) {
      const own = group(data.filter((f) => kindOf.get(f.source ?? '') === kind), typeOf)
      for (const [type, figures] of Object.entries(report.scale[part].byType)) expect(value(figures.bytes), `${part} ${type}`).toBe(Math.round(own.get(type)?.bytes ?? 0))
    }
  })

  it('languages, licence classes, diversity and personal-information examples as the manifest has them', () => {
    const languages: Record<string, number> = {}
    for (const f of manifest.files) for (const [l, n] of Object.entries(f.content?.languages ?? {})) languages[l] = (languages[l] ?? 0) + (n ?? 0)
    expect(report.languages).toEqual(languages)
    const byUse: Record<string, { files: number; bytes: number; records: number; sources: string[] }> = {}
    for (const s of manifest.sources) {
      const own = data.filter((f) => f.source === s.id)
      const u = (byUse[s.licence.use] ??= { files: 0, bytes: 0, records: 0, sources: [] })
      u.files += own.length
      u.bytes += own.reduce((n, f) => n + f.bytes, 0)
      u.records += own.reduce((n, f) => n + (f.records ?? 0), 0)
      u.sources.push(s.id)
    }
    expect(report.licences.byUse).toEqual(byUse)
    expect(report.quality.diversity).toEqual(manifest.diversity)
    expect(report.personalInformation.examples).toEqual(manifest.content.personalInformation.examples)
  })

  it('dataset, roster and collection dates as tdgov.yaml declares them', () => {
    const dataset = config.dataset as { name: string; version?: string; intended_use: string }
    expect(report.dataset).toMatchObject({ name: dataset.name, version: dataset.version ?? null, intendedUse: dataset.intended_use })
    const people = config.annotators.filter((a) => a.role !== 'reviewer')
    expect(report.annotation.annotators).toMatchObject({
      total: people.length,
      internal: people.filter((a) => a.affiliation === 'internal').length,
      outsourced: people.filter((a) => a.affiliation === 'outsourced').length,
      trained: people.filter((a) => a.trained_on !== undefined && a.assessment === 'passed').length,
    })
    const dates = config.sources.map((s) => String(s.acquired?.to ?? s.acquired?.from ?? '')).filter(Boolean)
    expect(report.latestCollection).toBe(dates.sort().at(-1))
  })

  it('findings as `tdgov check` gives them', () => {
    expect(report.findings.passed).toBe(gate.passed)
    expect(report.findings.counts).toEqual(gate.counts)
    expect(report.findings.items.map((f) => f.fingerprint)).toEqual(gate.findings.map((f) => f.fingerprint))
  })
})
