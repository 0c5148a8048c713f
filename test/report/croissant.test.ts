import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import fg from 'fast-glob'
import jsonld from 'jsonld'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/records/audit-record.js'
import type { FileEntry, Manifest } from '../../src/records/manifest-schema.js'
import { locateProject } from '../../src/records/project.js'
import { croissantType, distributionOf } from '../../src/report/formats/croissant-distribution.js'
import { renderCroissant } from '../../src/report/formats/croissant.js'
import { buildReport, type ReportBuild } from '../../src/report/index.js'
import { demoProject, plantedPersonalValues } from '../helpers/demo-project.js'
import { runCli } from '../helpers/exec.js'
import { compactKeys, expandedKeys, expectedIri } from '../helpers/json-ld.js'
import { removeTempDirs } from '../helpers/tmp.js'

type Node = Record<string, unknown>

const NOT_DATA = new Set(['document', 'tooling', 'lfs-pointer', 'annex-link', 'annex-pointer', 'dvc-pointer'])
/** mlcroissant's CroissantVersion values (core/constants.py). */
const CROISSANT_VERSIONS = ['http://mlcommons.org/croissant/0.8', 'http://mlcommons.org/croissant/1.0', 'http://mlcommons.org/croissant/1.1']
const RAI = 'http://mlcommons.org/croissant/RAI/1.0'
/** The data types mlcroissant maps to Python types (core/data_types.py EXPECTED_DATA_TYPES), those tdgov may write. */
const DATA_TYPES = new Set(['sc:Boolean', 'sc:Date', 'sc:DateTime', 'sc:Float', 'sc:Integer', 'sc:Text'])
/** The base mlcroissant resolves a document's relative @ids against; any absolute base will do. */
const BASE = 'file:///dataset/'

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[]
const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`

/** Every node of the document that has an @id, so that references can be resolved. */
function nodesById(doc: Node): Map<string, Node> {
  const out = new Map<string, Node>()
  for (const n of [...list(doc.distribution), ...list(doc.recordSet), ...list(doc.recordSet).flatMap((r) => list(r.field))]) out.set(String(n['@id']), n)
  return out
}

/** Expands offline: the Croissant context is inline, so any URL the processor asks for is an error. */
async function expandOffline(doc: Node): Promise<unknown[]> {
  return jsonld.expand(doc, {
    base: BASE,
    safe: true,
    documentLoader: async (url: string) => {
      throw new Error(`the test is offline; the document asked for ${url}`)
    },
  })
}

describe('tdgov report --format croissant on the demo', () => {
  let demo: string
  let manifest: Manifest
  let build: ReportBuild
  let text: string
  let doc: Node
  let setDoc: Node

  beforeAll(async () => {
    demo = await demoProject()
    const run = await runCli(['report', demo, '--format', 'croissant', '--date', '2026-12-02'])
    expect(run.status, run.stderr).toBe(0)
    text = run.stdout
    doc = JSON.parse(text)
    manifest = JSON.parse(readFileSync(path.join(demo, '.tdgov', 'manifest.json'), 'utf8'))
    build = await buildReport(locateProject({ dir: demo }), { date: '2026-12-02' })
    setDoc = JSON.parse(renderCroissant(build, { fileSetThreshold: 3 }))
  }, 120_000)
  afterAll(removeTempDirs)

  it('is what the CLI writes: renderCroissant on the same records gives the same bytes', () => {
    expect(renderCroissant(build)).toBe(text)
  })

  // interop-formats.md §2.3: what mlcroissant's validator enforces, rule by rule, on both shapes of distribution.
  describe('the rules mlcroissant enforces (interop-formats.md §2.3)', () => {
    it('"JSON-LD must contain a node of type schema.org/Dataset"', async () => {
      for (const d of [doc, setDoc]) {
        const expanded = (await expandOffline(d)) as Node[]
        expect(expanded.some((n) => (n['@type'] as string[] | undefined)?.includes('https://schema.org/Dataset'))).toBe(true)
      }
    })

    it('"conformsTo … at least one value must be a known Croissant version" → the RAI URI in a list together with 1.1', () => {
      expect(doc.conformsTo).toEqual(['http://mlcommons.org/croissant/1.1', RAI])
      // mlcroissant uses the first value that is a known version
      expect((doc.conformsTo as string[]).find((v) => CROISSANT_VERSIONS.includes(v))).toBe('http://mlcommons.org/croissant/1.1')
    })

    it('"license must be str / CreativeWork / list thereof"', () => {
      const licence = doc.license
      expect(typeof licence === 'string' || (Array.isArray(licence) && licence.every((l) => typeof l === 'string'))).toBe(true)
    })

    for (const shape of ['FileObjects', 'FileSets'] as const) {
      const get = (): Node => (shape === 'FileObjects' ? doc : setDoc)

      it(`${shape}: "distribution entries must be cr:FileObject or cr:FileSet"`, () => {
        const types = list(get().distribution).map((d) => d['@type'])
        expect(types.length).toBeGreaterThan(0)
        expect(types.filter((t) => t !== 'cr:FileObject' && t !== 'cr:FileSet')).toEqual([])
      })

      it(`${shape}: "FileObject: mandatory encodingFormat, @id; if not containedIn: mandatory contentUrl and at least one of md5/sha256"`, () => {
        for (const f of list(get().distribution).filter((d) => d['@type'] === 'cr:FileObject')) {
          expect(f.encodingFormat, String(f['@id'])).toEqual(expect.any(String))
          expect(f['@id']).toEqual(expect.any(String))
          if (f.containedIn === undefined) {
            expect(f.contentUrl, String(f['@id'])).toEqual(expect.any(String))
            expect(f.md5 ?? f.sha256, String(f['@id'])).toMatch(/^[0-9a-f]{32,64}$/)
          }
        }
      })

      it(`${shape}: "FileSet: mandatory includes, encodingFormat, @id"`, () => {
        for (const s of list(get().distribution).filter((d) => d['@type'] === 'cr:FileSet')) {
          expect(list(s.includes).length, String(s['@id'])).toBeGreaterThan(0)
          expect(s.encodingFormat, String(s['@id'])).toEqual(expect.any(String))
          expect(s['@id']).toEqual(expect.any(String))
        }
      })

      it(`${shape}: "RecordSet: mandatory @id; data must be a non-empty list of dicts whose keys equal the field ids"`, () => {
        for (const r of list(get().recordSet)) {
          expect(r['@id']).toEqual(expect.any(String))
          if (r.data === undefined) continue
          const fieldIds = list(r.field).map((f) => String(f['@id'])).sort()
          expect(list(r.data).length).toBeGreaterThan(0)
          for (const row of list(r.data)) expect(Object.keys(row).sort()).toEqual(fieldIds)
        }
      })

      it(`${shape}: "Field: mandatory @id; exactly one of source/value"`, () => {
        for (const f of list(get().recordSet).flatMap((r) => list(r.field))) {
          expect(f['@id']).toEqual(expect.any(String))
          expect([f.source, f.value].filter((v) => v !== undefined), String(f['@id'])).toHaveLength(1)
        }
      })

      it(`${shape}: "valid source (fileObject/fileSet/field reference + extract)"`, () => {
        const byId = nodesById(get())
        for (const f of list(get().recordSet).flatMap((r) => list(r.field))) {
          const source = f.source as Node
          const refs = (['fileObject', 'fileSet', 'field'] as const).filter((k) => source[k] !== undefined)
          expect(refs, String(f['@id'])).toHaveLength(1)
          const target = byId.get(String((source[refs[0]!] as Node)['@id']))
          expect(target?.['@type'], String(f['@id'])).toBe({ fileObject: 'cr:FileObject', fileSet: 'cr:FileSet', field: 'cr:Field' }[refs[0]!])
          const extract = source.extract as Node
          expect(Object.keys(extract).filter((k) => ['column', 'jsonPath', 'fileProperty'].includes(k)), String(f['@id'])).toHaveLength(1)
        }
      })

      it(`${shape}: "resolvable dataType (on the field or its source)"`, () => {
        for (const f of list(get().recordSet).flatMap((r) => list(r.field))) expect(DATA_TYPES.has(String(f.dataType)), `${String(f['@id'])}: ${String(f.dataType)}`).toBe(true)
      })

      it(`${shape}: "arrayShape requires isArray"`, () => {
        for (const f of list(get().recordSet).flatMap((r) => list(r.field))) if (f.arrayShape !== undefined) expect(f.isArray, String(f['@id'])).toBe(true)
      })

      it(`${shape}: "Structure graph must be directed; joins/references checked": every reference resolves, every @id is unique`, () => {
        const d = get()
        const all = [...list(d.distribution), ...list(d.recordSet), ...list(d.recordSet).flatMap((r) => list(r.field))].map((n) => String(n['@id']))
        expect(new Set(all).size).toBe(all.length)
        const byId = nodesById(d)
        for (const n of byId.values()) {
          for (const ref of [n.containedIn, n.references, (n.source as Node | undefined)?.fileObject, (n.source as Node | undefined)?.fileSet, (n.source as Node | undefined)?.field]) {
            for (const r of list(ref)) expect(byId.has(String(r['@id'])), `${String(n['@id'])} → ${String(r['@id'])}`).toBe(true)
          }
        }
      })
    }

    it('has what the validator only warns about when missing (datePublished, license, version); citeAs is left out, there being no citation', () => {
      expect(doc.datePublished).toBe('2026-12-02')
      expect(doc.version).toBe('1.0.0')
      // tdgov.yaml: team-written and synthetic-media CC-BY-4.0, open-science-qa CC-BY-NC-4.0
      expect(doc.license).toEqual(['https://spdx.org/licenses/CC-BY-4.0.html', 'https://spdx.org/licenses/CC-BY-NC-4.0.html'])
      expect(doc.citeAs).toBeUndefined()
    })
  })

  it('expands offline without dropping a term: every key of every node comes out as its IRI', async () => {
    for (const d of [doc, setDoc]) {
      const context = d['@context'] as Record<string, never>
      const expanded = await expandOffline(d) // safe mode: a dropped term or a relative IRI throws
      const keys = compactKeys(d as never).filter((k) => expectedIri(k, context) !== null)
      const out = expandedKeys(expanded)
      const iris = new Set(out)
      expect(keys.map((k) => expectedIri(k, context)).filter((iri) => !iris.has(iri!))).toEqual([])
      expect(out.length).toBe(keys.length)
      // the RAI terms land in the RAI namespace
      expect(out).toContain('http://mlcommons.org/croissant/RAI/dataAnnotationAnalysis')
    }
  })

  it('lists each data file of the manifest with the sha256 and size of its bytes on disk', () => {
    const data = manifest.files.filter((f) => !NOT_DATA.has(f.format))
    const objects = new Map(list(doc.distribution).map((d) => [String(d['@id']), d]))
    expect([...objects.keys()].sort()).toEqual(data.map((f) => f.path).sort())
    for (const f of data) {
      const file = path.join(demo, f.path)
      expect(objects.get(f.path), f.path).toMatchObject({ '@type': 'cr:FileObject', contentUrl: f.path, sha256: sha256(file), contentSize: `${statSync(file).size} B` })
    }
    expect(objects.get('tables/qa-pairs.csv')?.encodingFormat).toBe('text/csv')
    expect(objects.get('text/en/instructions.jsonl')?.encodingFormat).toBe('application/jsonlines')
  })

  it('describes the fields of the files with a schema, read from the column of that name', () => {
    const ratings = list(doc.recordSet).find((r) => r['@id'] === 'recordset/tables/ratings.tsv')
    // tables/ratings.tsv: rating_id,record_id,rater,helpfulness,harmlessness,fluency,comment (scores are integers)
    const header = readFileSync(path.join(demo, 'tables', 'ratings.tsv'), 'utf8').split('\n')[0]!.split('\t')
    expect(list(ratings?.field).map((f) => f.name)).toEqual(header)
    expect(list(ratings?.field).find((f) => f.name === 'helpfulness')).toMatchObject({ dataType: 'sc:Integer', source: { fileObject: { '@id': 'tables/ratings.tsv' }, extract: { column: 'helpfulness' } } })
    // the tickets' messages are a list of objects: no Croissant type, so not described, and said so
    const tickets = list(doc.recordSet).find((r) => r['@id'] === 'recordset/text/zh/support-tickets.jsonl')
    expect(list(tickets?.field).map((f) => f.name)).not.toContain('messages')
    expect(tickets?.description).toMatch(/not described: messages \(array\)/)
  })

  it('switches to FileSets above the threshold: one per top-level folder and type, covering exactly the data files', () => {
    const dataCount = manifest.files.filter((f) => !NOT_DATA.has(f.format)).length
    expect(list(JSON.parse(renderCroissant(build, { fileSetThreshold: dataCount })).distribution).every((d) => d['@type'] === 'cr:FileObject')).toBe(true)
    const sets = list(JSON.parse(renderCroissant(build, { fileSetThreshold: dataCount - 1 })).distribution)
    expect(sets.every((d) => d['@type'] === 'cr:FileSet')).toBe(true)

    const byFolder: Record<string, string[]> = {}
    for (const s of list(setDoc.distribution)) {
      const tops = [...new Set(list(s.includes).map((g) => String(g).split('/')[0]))]
      expect(tops, String(s['@id'])).toHaveLength(1)
      ;(byFolder[tops[0]!] ??= []).push(String(s.encodingFormat))
    }
    // the demo's folders and what they hold (fixtures/demo)
    expect(Object.fromEntries(Object.entries(byFolder).map(([k, v]) => [k, v.sort()]))).toEqual({
      annotations: ['application/json'],
      audio: ['audio/wav'],
      images: ['image/png'],
      tables: ['application/x-parquet', 'text/csv', 'text/tab-separated-values'],
      text: ['application/gzip', 'application/jsonlines'],
    })
    // the globs, run on the demo folder by fast-glob, find each data file in exactly one set
    const matched = list(setDoc.distribution).flatMap((s) => fg.sync(list(s.includes).map(String), { cwd: demo, dot: true, ignore: list(s.excludes).map(String) }))
    expect(matched.sort()).toEqual(manifest.files.filter((f) => !NOT_DATA.has(f.format)).map((f) => f.path).sort())
    // the open-qa README is documentation: reached by no glob here, since no data file is Markdown
    expect(readdirSync(path.join(demo, 'text', 'en', 'open-qa'))).toContain('README.md')
  })

  it('fills the RAI properties from the records, and leaves out what is not measured or declared', () => {
    const audit: AuditRecord = JSON.parse(readFileSync(path.join(demo, '.tdgov', 'audits', 'annotation-282278bae6af.json'), 'utf8'))
    const [analysis] = doc['rai:dataAnnotationAnalysis'] as string[]
    const r = audit.result!
    expect(analysis).toContain(`accuracy ${percent(r.accuracy!)}`)
    expect(analysis).toContain(`Wilson score 95% interval ${percent(r.wilson![0])}–${percent(r.wilson![1])}`)
    expect(analysis).toMatch(/an estimate from the sample/)
    expect(analysis).toContain(`sample of ${audit.plan.sample_size} from ${audit.plan.population} items`)
    expect(analysis).toContain(`decision: ${r.decision}`)
    expect(doc['rai:dataAnnotationProtocol']).toContain(sha256(path.join(demo, 'governance', 'labelling-rules-sentiment.md')))
    // tdgov.yaml: acquisitions from 2024-01-01 (support-tickets) to 2024-04-30 (team-written)
    expect(doc['rai:dataCollectionTimeframe']).toEqual(['2024-01-01/2024-04-30'])
    expect(doc['rai:dataCollectionType']).toEqual(['Manual Human Curator', 'Others', 'Secondary Data analysis', 'User-generated content data'])
    expect(doc['rai:dataUseCases']).toEqual(['Intended use: commercial'])
    for (const found of Object.entries(manifest.content.personalInformation.counts)) expect((doc['rai:personalSensitiveInformation'] as string[])[0]).toContain(`${found[0]} × ${found[1]}`)
    for (const absent of ['rai:annotationsPerItem', 'rai:annotatorDemographics', 'rai:dataLimitations', 'rai:dataBiases', 'rai:dataReleaseMaintenancePlan', 'url']) expect(doc[absent], absent).toBeUndefined()
  })

  it('writes no raw personal value of the demo’s support tickets, nor even a masked example', () => {
    const raw = plantedPersonalValues(readFileSync(path.join(demo, 'text', 'zh', 'support-tickets.jsonl'), 'utf8'))
    expect(raw.length).toBeGreaterThan(3)
    const masked = Object.values(manifest.content.personalInformation.examples).flat()
    expect(masked.length).toBeGreaterThan(0)
    for (const out of [text, JSON.stringify(setDoc)]) expect([...raw, ...masked].filter((value) => out.includes(value))).toEqual([])
  })

  it('gives the same bytes for the same SOURCE_DATE_EPOCH, dated by it', async () => {
    const env = { SOURCE_DATE_EPOCH: '1735689600' } // 2025-01-01T00:00:00Z
    const first = await runCli(['report', demo, '--format', 'croissant'], { env })
    const second = await runCli(['report', demo, '--format', 'croissant'], { env })
    expect(first.status, first.stderr).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(JSON.parse(first.stdout).datePublished).toBe('2025-01-01')
  })
})

describe('Croissant distribution and field types', () => {
  const entry = (p: string, format: string, compression: 'gzip' | null = null): FileEntry => ({ path: p, bytes: 1, sha256: '0'.repeat(64), format, compression, modality: 'text', findings: [] })

  it('excludes from a FileSet the files its globs reach that are not in it (documentation, another type)', () => {
    const data = [entry('docs/a.txt', 'text'), entry('docs/b/c.txt', 'text'), entry('docs/d.txt', 'jsonl'), entry('top.csv', 'csv'), entry('logs/x.jsonl.gz', 'jsonl', 'gzip')]
    const all = [...data, entry('docs/README.txt', 'document')]
    const nodes = distributionOf(data, all, 0).map((u) => u.node)
    expect(nodes).toEqual([
      { '@type': 'cr:FileSet', '@id': 'fileset//text/csv', name: 'fileset//text/csv', encodingFormat: 'text/csv', includes: ['*.csv'] },
      { '@type': 'cr:FileSet', '@id': 'fileset/docs/application/jsonlines', name: 'fileset/docs/application/jsonlines', encodingFormat: 'application/jsonlines', includes: ['docs/**/*.txt'], excludes: ['docs/README.txt', 'docs/a.txt', 'docs/b/c.txt'] },
      { '@type': 'cr:FileSet', '@id': 'fileset/docs/text/plain', name: 'fileset/docs/text/plain', encodingFormat: 'text/plain', includes: ['docs/**/*.txt'], excludes: ['docs/README.txt', 'docs/d.txt'] },
      { '@type': 'cr:FileSet', '@id': 'fileset/logs/application/gzip', name: 'fileset/logs/application/gzip', encodingFormat: 'application/gzip', includes: ['logs/**/*.jsonl.gz'] },
    ])
  })

  it('types fields as mlcroissant reads them, and leaves unions, lists and structs untyped', () => {
    const cases: [string, string | null][] = [
      ['string', 'sc:Text'],
      ['STRING', 'sc:Text'],
      ['integer', 'sc:Integer'],
      ['INT32', 'sc:Integer'],
      ['UINT_64', 'sc:Integer'],
      ['number', 'sc:Float'],
      ['DOUBLE', 'sc:Float'],
      ['DECIMAL(25,2)', 'sc:Float'],
      ['boolean', 'sc:Boolean'],
      ['DATE', 'sc:Date'],
      ['TIMESTAMP(MICROS, UTC)', 'sc:DateTime'],
      ['string|integer', null],
      ['array', null],
      ['LIST<INT64>', null],
      ['STRUCT<a: INT32>', null],
      ['null', null],
    ]
    for (const [type, expected] of cases) expect(croissantType(type), type).toBe(expected)
  })
})
