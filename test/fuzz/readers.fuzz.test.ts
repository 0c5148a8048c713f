import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS } from '../../src/formats/annotations/item.js'
import { ADAPTERS } from '../../src/formats/annotations/registry.js'
import { DEFAULT_LIMITS } from '../../src/formats/limits.js'
import type { ScanFileOptions } from '../../src/scan/scan-file.js'
import { UserError } from '../../src/util/errors.js'
import { REPO_ROOT } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'
import { mutate, mutationArb } from './mutate.js'

afterAll(removeTempDirs)

// `npm test` runs FUZZ_RUNS inputs with a fixed seed (10,000 by default); `npm run fuzz` runs more,
// with FUZZ_SEED to vary them. A failure prints the seed and the shrunk counterexample.
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261203)
const OPTIONS: ScanFileOptions = { deep: false, sampleSize: 1000, pii: 'sample', tokens: 'estimate', tokenScale: 1 }
const MAX_SEED_BYTES = 256 * 1024
const LOG = process.env.FUZZ_LOG
// Parquet and Arrow files are decoded by libraries a damaged file can keep busy without end
// (hyparquet's readRleBitPackedHybrid spins on a corrupted V2 data page), so the scan analyses them
// on a thread it stops after --max-analysis-seconds (2 s here). That thread runs the build, so the
// inputs go through the built scanFile, which test/global-setup.ts keeps up to date with the sources.
const { scanFile } = (await import(pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'scan', 'scan-file.js')).href)) as typeof import('../../src/scan/scan-file.js')
const FUZZ_OPTIONS: ScanFileOptions = { ...OPTIONS, limits: { ...DEFAULT_LIMITS, maxAnalysisSeconds: 2 } }
const JS_INTERNALS = /Cannot read properties|is not a function|is not iterable|of undefined|of null|Maximum call stack|Invalid array length|Invalid string length|RangeError|TypeError|ReferenceError/

/** Real files to mutate: the committed fixtures and the demo, and the shared corpus when it is there. */
function seedFiles(): { name: string; bytes: Uint8Array }[] {
  const roots = [path.join(REPO_ROOT, 'test', 'fixtures'), path.join(REPO_ROOT, 'fixtures', 'demo')]
  const corpus = path.resolve(REPO_ROOT, '..', 'shared', 'corpus')
  if (process.env.FUZZ_CORPUS === '1' && existsSync(corpus)) roots.push(corpus)
  const out: { name: string; bytes: Uint8Array }[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name)
      // a checkout's own records (.tdgov) are not seeds: the seed list is the same in every clone
      if (entry.isDirectory()) {
        if (entry.name !== '.tdgov') walk(file)
      }
      else if (entry.isFile() && statSync(file).size <= MAX_SEED_BYTES) out.push({ name: entry.name, bytes: readFileSync(file) })
    }
  }
  for (const root of roots) walk(root)
  return out
}

const SEEDS = seedFiles()
const seedArb = fc.nat({ max: SEEDS.length - 1 })

describe(`fuzzing the readers (${RUNS} inputs, seed ${SEED}, ${SEEDS.length} seed files)`, () => {
  const dir = makeTempDir()
  let n = 0

  it('every format reader ends a mutated file in a manifest entry or a finding, never an exception', async () => {
    expect(SEEDS.length).toBeGreaterThan(40)
    const formats = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(seedArb, mutationArb, async (seed, mutation) => {
        const { name, bytes } = SEEDS[seed]!
        // the seed's own name keeps its extension, which picks the reader
        const rel = `${n++ % 64}-${name}`
        const file = path.join(dir, rel)
        writeFileSync(file, mutate(bytes, mutation, SEEDS.map((s) => s.bytes)))
        // FUZZ_LOG names the input being read, so a run that hangs says which one it was on
        if (LOG) writeFileSync(LOG, `${name} ${JSON.stringify(mutation, (_k, v: unknown) => (v instanceof Uint8Array ? `${v.length} bytes` : v))} → ${file}\n`)
        const outcome = await scanFile(file, rel, FUZZ_OPTIONS)
        if (!('entry' in outcome)) return
        formats.set(outcome.entry.format, (formats.get(outcome.entry.format) ?? 0) + 1)
        // a finding says what is wrong with the file, never what went wrong inside JavaScript
        for (const f of outcome.entry.findings) {
          const text = `${f.message ?? ''} ${JSON.stringify(f.args)}`
          if (JS_INTERNALS.test(text)) throw new Error(`${rel}: ${f.code} quotes a JavaScript internal: ${text}`)
        }
      }),
      { seed: SEED, numRuns: Math.round(RUNS * 0.8), endOnFailure: true },
    )
    // the mutations reached most readers, not only the binary fallback
    expect(formats.size).toBeGreaterThanOrEqual(10)
  }, 600_000)

  it('every annotation adapter ends a mutated export in items or one UserError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.nat({ max: ADAPTERS.length - 1 }), mutationArb, async (seed, which, mutation) => {
        const { name, bytes } = SEEDS[seed]!
        const file = path.join(dir, `adapter-${n++ % 64}-${name}`)
        writeFileSync(file, mutate(bytes, mutation, SEEDS.map((s) => s.bytes)))
        try {
          for await (const item of ADAPTERS[which]!.read(file, { columns: DEFAULT_COLUMNS })) void item
        } catch (error) {
          if (!(error instanceof UserError)) throw error
        }
      }),
      { seed: SEED + 1, numRuns: Math.round(RUNS * 0.2), endOnFailure: true },
    )
  }, 600_000)
})

// Inputs a longer run found, kept as they were found.
describe('fuzz regressions: Parquet decoders that never return are stopped', () => {
  const BUDGET: ScanFileOptions = { ...OPTIONS, limits: { ...DEFAULT_LIMITS, maxAnalysisSeconds: 1 } }
  it('basic.parquet with three bits flipped (hyparquet spins on its V2 data page): the footer facts, the hash, ANALYSIS_STOPPED', async () => {
    const bytes = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'formats', 'parquet', 'basic.parquet'))
    const damaged = mutate(bytes, { kind: 'flip', positions: [438814258, 333077318, 398815745], bits: [6, 2, 7, 3, 5, 7, 1, 2] }, [])
    const file = path.join(makeTempDir(), 'basic.parquet')
    writeFileSync(file, damaged)
    const outcome = await scanFile(file, 'basic.parquet', BUDGET)
    if (!('entry' in outcome)) throw new Error(`unreadable: ${outcome.unreadable}`)
    expect(outcome.entry.findings.map((f) => f.code)).toEqual(['ANALYSIS_STOPPED'])
    expect(outcome.entry.findings[0]!.args).toEqual({ limit: 'time', seconds: 1 })
    // the footer still says 3 rows of id and text (test/fixtures/formats/parquet/basic.parquet.facts.json), and the hash is of every byte
    expect(outcome.entry.records).toBe(3)
    expect(outcome.entry.schema?.fields.map((f) => f.name)).toEqual(['id', 'text'])
    expect(outcome.entry.sha256).toBe(createHash('sha256').update(damaged).digest('hex'))
    expect(outcome.entry.content).toBeUndefined()
  }, 20_000)

  const CORPUS_PARQUET = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'parquet', 'delta_byte_array.parquet')
  it.skipIf(!existsSync(CORPUS_PARQUET))(`delta_byte_array.parquet with 27 bytes deleted at offset 24 is stopped, not hung${existsSync(CORPUS_PARQUET) ? '' : ' (skipped: ../shared/corpus absent)'}`, async () => {
    const damaged = mutate(readFileSync(CORPUS_PARQUET), { kind: 'delete', at: 24, length: 27 }, [])
    const file = path.join(makeTempDir(), 'delta_byte_array.parquet')
    writeFileSync(file, damaged)
    const outcome = await scanFile(file, 'delta_byte_array.parquet', BUDGET)
    if (!('entry' in outcome)) throw new Error(`unreadable: ${outcome.unreadable}`)
    expect(outcome.entry.findings.map((f) => f.code)).toContain('ANALYSIS_STOPPED')
    expect(outcome.entry.bytes).toBe(damaged.length)
  }, 20_000)

  const LIST_COLUMNS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'parquet', 'list_columns.parquet')
  it.skipIf(!existsSync(LIST_COLUMNS))(`list_columns.parquet with eight bits flipped (a rejection hyparquet leaves unhandled) ends in COLUMN_UNREADABLE, not a dead thread${existsSync(LIST_COLUMNS) ? '' : ' (skipped: ../shared/corpus absent)'}`, async () => {
    const damaged = mutate(readFileSync(LIST_COLUMNS), { kind: 'flip', positions: [667564473, 646814798, 959270102, 915988115, 410978153, 7, 0, 25], bits: [2, 6, 2, 4, 4, 5, 0, 0] }, [])
    const file = path.join(makeTempDir(), 'list_columns.parquet')
    writeFileSync(file, damaged)
    const outcome = await scanFile(file, 'list_columns.parquet', BUDGET)
    if (!('entry' in outcome)) throw new Error(`unreadable: ${outcome.unreadable}`)
    expect(outcome.entry.findings.map((f) => f.code)).toContain('COLUMN_UNREADABLE')
  }, 20_000)

  const DELTA_LENGTH = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'parquet', 'delta_length_byte_array.parquet')
  it.skipIf(!existsSync(DELTA_LENGTH))(`delta_length_byte_array.parquet with seven bits flipped (a column the footer gives no name) is recorded, the column reported${existsSync(DELTA_LENGTH) ? '' : ' (skipped: ../shared/corpus absent)'}`, async () => {
    const damaged = mutate(readFileSync(DELTA_LENGTH), { kind: 'flip', positions: [971673510, 701800607, 759813480, 921787887, 329340118, 70955320, 492854535], bits: [5, 0, 0, 0, 2, 1, 1, 7] }, [])
    const file = path.join(makeTempDir(), 'delta_length_byte_array.parquet')
    writeFileSync(file, damaged)
    const outcome = await scanFile(file, 'delta_length_byte_array.parquet', BUDGET)
    if (!('entry' in outcome)) throw new Error(`unreadable: ${outcome.unreadable}`)
    expect(outcome.entry.schema?.fields.map((f) => f.name)).toEqual([''])
    expect(outcome.entry.findings.find((f) => f.code === 'COLUMN_UNREADABLE')?.args).toMatchObject({ column: '#1', reason: 'the footer gives this column no name' })
  }, 20_000)
})

const CORPUS_ARROW = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'arrow')
describe.skipIf(!existsSync(CORPUS_ARROW))('fuzz regressions (skipped: ../shared/corpus absent)', () => {
  it('generated_dictionary.stream with five bits flipped (a schema field without a name) is scanned, not thrown', async () => {
    const seed = readdirSync(CORPUS_ARROW, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('generated_dictionary.stream'))
    expect(seed).toBeDefined()
    const bytes = readFileSync(path.join(CORPUS_ARROW, seed!))
    const file = path.join(makeTempDir(), 'generated_dictionary.stream')
    writeFileSync(file, mutate(bytes, { kind: 'flip', positions: [70143214, 227432945, 22688507, 951319336, 274665677], bits: [0, 0, 2, 5, 2, 1, 3, 2] }, []))
    const outcome = await scanFile(file, 'generated_dictionary.stream', OPTIONS)
    expect('entry' in outcome).toBe(true)
  })
})
