/**
 * tdgov benchmark: generates a ~1.6 GB data set in a fresh temp folder and times `tdgov scan`
 * against coreutils references on the same, warm page cache. See bench/README.md.
 *
 *   npm run bench                               # everything (generates, runs A–F, deletes the data)
 *   node dist/bench/run.js --keep               # keep the data folder for the next run
 *   node dist/bench/run.js --data DIR           # reuse (or create) a data folder
 *   node dist/bench/run.js --data DIR --only jsonl|parquet|tree|rescan|pii|audit|check|labelled
 *   node dist/bench/run.js --only labelled --labelled-scale small   # case H on small data
 *
 * Exit status: 0 when every tdgov run succeeded and every count/hash check matched (performance
 * targets are reported, not enforced); 1 when tdgov failed or a check mismatched; 2 on a usage
 * error or when the CLI is missing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { parseArgs } from 'node:util'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { caseLabelled } from './case-labelled.js'
import { LABELLED_SCALES } from './gen-labelled.js'
import type { LabelledScale } from './gen-labelled.js'
import { ANNOTATION_FILES, ANNOTATION_SIZES, ensureData, layout, PARQUET_ROWS, TREE_DIRS, TREE_FILES_PER_DIR } from './generate.js'
import type { AnnotationSize, GenerationReport, Layout, Part } from './generate.js'
import { fileEntries, findEntry, readManifest } from './manifest.js'
import type { FileEntry } from './manifest.js'
import { fmtMb, fmtSeconds, HAVE_GNU_TIME, Interrupted, measure, runOnce } from './measure.js'
import type { Measurement } from './measure.js'
import { check } from './results.js'
import type { CaseResult, Check } from './results.js'

type CaseId = 'jsonl' | 'parquet' | 'tree' | 'rescan' | 'pii' | 'audit' | 'check' | 'labelled'
const CASES: CaseId[] = ['jsonl', 'parquet', 'tree', 'rescan', 'pii', 'audit', 'check', 'labelled']
const PARTS_FOR: Record<CaseId, Part[]> = {
  jsonl: ['jsonl'],
  pii: ['jsonl'],
  parquet: ['parquet'],
  tree: ['tree'],
  rescan: ['jsonl', 'parquet', 'tree'],
  audit: ['annotations'],
  check: ['tree'],
  labelled: ['labelled'],
}

const TARGET_A_RATIO = 2
const TARGET_A_RSS_KB = 200 * 1024
const TARGET_C_RATIO = 1
const TARGET_D_WARM_OVER_COLD = 0.05
/** PRODUCT.md: `check` on a 100k-file manifest in under 10% of the scan's time */
const TARGET_G_CHECK_OVER_SCAN = 0.1
/** F: one pass over the export, so 10× the lines should take about 10× the time */
const TARGET_F_TIME_RATIO = 12
/** F: the sample is bounded (n = 1250), so memory should not grow with the population */
const TARGET_F_RSS_RATIO = 1.25

/** F: the plan. ISO 2859-1, level II (default), AQL 1.0; both lots are ≥ 500,001 units. */
const AUDIT_AQL = '1.0'
const AUDIT_SEED = 'bench'
/** Table I: lots of 500,001 and over are code letter Q at general level II (R is level III). */
const AUDIT_CODE_LETTER = 'Q'
/** Table II-A: Q (n = 1250) at AQL 1.0 is Ac 21 / Re 22, no arrow. */
const AUDIT_SAMPLE_SIZE = 1250
const AUDIT_ACCEPT = 21
const AUDIT_REJECT = 22
const AUDIT_CONFIG = 'dataset:\n  name: bench\n  intended_use: research\n'

// ---------------------------------------------------------------------------------------------
// arguments

const USAGE = `usage: node dist/bench/run.js [--keep] [--data DIR] [--only jsonl|parquet|tree|rescan|pii|audit|check|labelled]
                             [--jobs N] [--runs N] [--generate-only] [--cli FILE] [--labelled-scale small|full]
  --keep           keep the generated data folder (default: delete data, keep bench-results.json)
  --data DIR       use DIR as the bench folder; reuse its data when DIR/generated.json says complete
  --only CASE      run one case: jsonl (A), parquet (B), tree (C), rescan (D), pii (E), audit (F), check (G),
                   labelled (H)
  --jobs N         pass --jobs N to every tdgov scan (not to tdgov audit sample)
  --runs N         runs per command, median reported (default 3)
  --generate-only  generate the data and stop
  --cli FILE       tdgov entry point (default <repo>/bin/tdgov.js)
  --labelled-scale small|full
                   size of case H's data (default full: 200k records per duplicate case)`

interface Args {
  keep: boolean
  data: string | null
  only: CaseId | null
  jobs: string | null
  runs: number
  generateOnly: boolean
  cli: string | null
  labelledScale: LabelledScale
}

function parse(): Args {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        keep: { type: 'boolean', default: false },
        data: { type: 'string' },
        only: { type: 'string' },
        jobs: { type: 'string' },
        runs: { type: 'string', default: '3' },
        'generate-only': { type: 'boolean', default: false },
        cli: { type: 'string' },
        'labelled-scale': { type: 'string', default: 'full' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err))
    console.error(USAGE)
    process.exit(2)
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const only = values.only ?? null
  if (only !== null && !(CASES as string[]).includes(only)) {
    console.error(`--only must be one of ${CASES.join(', ')}, got "${only}"`)
    process.exit(2)
  }
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs must be a positive integer, got "${values.runs}"`)
    process.exit(2)
  }
  const labelledScale = values['labelled-scale'] ?? 'full'
  if (!(LABELLED_SCALES as readonly string[]).includes(labelledScale)) {
    console.error(`--labelled-scale must be one of ${LABELLED_SCALES.join(', ')}, got "${labelledScale}"`)
    process.exit(2)
  }
  if (values.jobs !== undefined && !/^[1-9][0-9]*$/.test(values.jobs)) {
    console.error(`--jobs must be a positive integer, got "${values.jobs}"`)
    process.exit(2)
  }
  return {
    keep: values.keep ?? false,
    data: values.data ?? null,
    only: only as CaseId | null,
    jobs: values.jobs ?? null,
    runs,
    generateOnly: values['generate-only'] ?? false,
    cli: values.cli ?? null,
    labelledScale: labelledScale as LabelledScale,
  }
}

// ---------------------------------------------------------------------------------------------
// helpers

function sh(script: string, cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script, 'bash', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
}

/** Read a file once so every timed command starts with it in the page cache. */
function warmFile(file: string): void {
  sh('cat "$1" > /dev/null', path.dirname(file), file)
}

function warmTree(dir: string): void {
  sh('find . -type f -print0 | xargs -0 cat > /dev/null', dir)
}

function removeTdgovDirs(l: Layout): void {
  for (const d of [l.dataDir, l.jsonlDir, l.parquetDir, l.treeDir]) {
    fs.rmSync(path.join(d, '.tdgov'), { recursive: true, force: true })
  }
}

function manifestEntries(file: string): Map<string, FileEntry> | null {
  try {
    return fileEntries(readManifest(file))
  } catch (err) {
    console.error(`  !!! MISMATCH: cannot read manifest ${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

function summary(m: Measurement): CaseResult['tdgov'] {
  return { command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb, ok: m.ok }
}

function refSummary(label: string, m: Measurement): NonNullable<CaseResult['reference']> {
  return { label, command: m.argv, medianMs: m.medianMs, timesMs: m.timesMs, maxRssKb: m.maxRssKb }
}

/** Timings are only meaningful on an otherwise idle machine; say so when it is not. */
function warnIfBusy(when: string): void {
  const [load1] = os.loadavg()
  const cpus = os.cpus().length
  if (load1 !== undefined && load1 > cpus * 0.75) {
    console.warn(`  warning: load average ${load1.toFixed(2)} on ${cpus} CPUs ${when}; timings will be noisy`)
  }
}

// ---------------------------------------------------------------------------------------------
// cases

interface Ctx {
  l: Layout
  cli: string
  runs: number
  jobs: string[]
  gen: GenerationReport
}

function tdgovScan(ctx: Ctx, dir: string, extra: string[]): string[] {
  return [process.execPath, ctx.cli, 'scan', dir, ...extra, ...ctx.jobs]
}

function caseA(ctx: Ctx): CaseResult {
  const { l } = ctx
  console.log('\n[A] hash + count of the 1 GB JSONL')
  warmFile(l.jsonlFile)
  const ref = measure('sha256sum && wc -l', ['bash', '-c', 'sha256sum "$1" && wc -l "$1"', 'bash', l.jsonlFile], l.benchDir, ctx.runs)
  const out = path.join(l.benchDir, 'm1.json')
  const td = measure('tdgov scan jsonl/', tdgovScan(ctx, l.jsonlDir, ['--no-cache', '--out', out]), l.benchDir, ctx.runs, forget(out))
  const checks: Check[] = []
  const [shaLine, wcLine] = ref.last.stdout.trim().split('\n')
  const refSha = (shaLine ?? '').split(/\s+/)[0] ?? ''
  const refLines = Number((wcLine ?? '').trim().split(/\s+/)[0])
  if (ctx.gen.marker.jsonl) checks.push(check('wc -l equals the generator line count', ctx.gen.marker.jsonl.lines, refLines))
  if (td.ok) {
    const entry = findEntryIn(out, 'synth-1g.jsonl')
    checks.push(check('manifest records == wc -l', refLines, entry?.records ?? null))
    checks.push(check('manifest sha256 == sha256sum', refSha, entry?.sha256 ?? null))
  }
  const ratio = ref.ok && td.ok ? ref.medianMs / td.medianMs : null
  return {
    id: 'A',
    name: 'hash+count 1 GB JSONL',
    reference: refSummary('sha256sum && wc -l', ref),
    tdgov: summary(td),
    ratio,
    ratioKind: 'speedup',
    targets: [
      { name: 'speedup ≥ 2×', value: ratio, limit: `≥ ${TARGET_A_RATIO}×`, pass: ratio !== null && ratio >= TARGET_A_RATIO },
      {
        name: 'peak RSS ≤ 200 MB',
        value: td.maxRssKb,
        limit: '≤ 200 MB',
        pass: td.maxRssKb !== null && td.maxRssKb <= TARGET_A_RSS_KB,
      },
    ],
    checks,
  }
}

/**
 * E: personal-information search over every record of the 1 GB JSONL (`--pii full`), reported as
 * throughput; sha256sum over the same file is run beside it for scale.
 */
function caseE(ctx: Ctx): CaseResult {
  const { l } = ctx
  console.log('\n[E] --pii full over the 1 GB JSONL')
  warmFile(l.jsonlFile)
  const ref = measure('sha256sum', ['sha256sum', l.jsonlFile], l.benchDir, ctx.runs)
  const out = path.join(l.benchDir, 'm5.json')
  const td = measure('tdgov scan jsonl/ --pii full', tdgovScan(ctx, l.jsonlDir, ['--no-cache', '--pii', 'full', '--out', out]), l.benchDir, ctx.runs, forget(out))
  const bytes = fs.statSync(l.jsonlFile).size
  const checks: Check[] = []
  if (td.ok) {
    const manifest = readManifest(out) as { files?: { path: string; records?: number; pii?: { records: number } }[] } | null
    const entry = manifest?.files?.find((f) => f.path.endsWith('synth-1g.jsonl'))
    checks.push(check('every record searched', entry?.records ?? -1, entry?.pii?.records ?? null))
  }
  return {
    id: 'E',
    name: '--pii full, 1 GB JSONL',
    reference: refSummary('sha256sum', ref),
    tdgov: summary(td),
    ratio: td.ok ? bytes / 1e6 / (td.medianMs / 1000) : null,
    ratioKind: 'MB/s',
    targets: [],
    checks,
  }
}

function caseB(ctx: Ctx): CaseResult {
  const { l } = ctx
  console.log('\n[B] Parquet row count (footer) + hash')
  warmFile(l.parquetFile)
  const ref = measure('sha256sum', ['sha256sum', l.parquetFile], l.benchDir, ctx.runs)
  const out = path.join(l.benchDir, 'm2.json')
  const td = measure('tdgov scan parquet/', tdgovScan(ctx, l.parquetDir, ['--no-cache', '--out', out]), l.benchDir, ctx.runs, forget(out))
  const checks: Check[] = []
  const refSha = ref.last.stdout.trim().split(/\s+/)[0] ?? ''
  if (td.ok) {
    const entry = findEntryIn(out, 'big-2m.parquet')
    checks.push(check('manifest records == Parquet rows', ctx.gen.marker.parquet?.rows ?? PARQUET_ROWS, entry?.records ?? null))
    checks.push(check('manifest sha256 == sha256sum', refSha, entry?.sha256 ?? null))
  }
  return {
    id: 'B',
    name: 'Parquet 2M rows (footer)',
    reference: refSummary('sha256sum', ref),
    tdgov: summary(td),
    ratio: ref.ok && td.ok ? ref.medianMs / td.medianMs : null,
    ratioKind: 'speedup',
    targets: [],
    checks,
  }
}

function caseC(ctx: Ctx): CaseResult {
  const { l } = ctx
  console.log('\n[C] 100k small files')
  warmTree(l.treeDir)
  const ref = measure(
    'find | xargs sha256sum',
    ['bash', '-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'],
    l.treeDir,
    ctx.runs,
  )
  const out = path.join(l.benchDir, 'm3.json')
  const td = measure('tdgov scan tree/', tdgovScan(ctx, l.treeDir, ['--no-cache', '--out', out]), l.benchDir, ctx.runs, forget(out))
  const checks: Check[] = []
  if (td.ok) {
    const entries = manifestEntries(out)
    const expectedFiles = ctx.gen.marker.tree?.files ?? TREE_DIRS * TREE_FILES_PER_DIR
    const jsonl = entries ? [...entries.values()].filter((e) => e.path.endsWith('.jsonl')) : []
    checks.push(check('manifest file entries', expectedFiles, entries ? jsonl.length : null))
    if (ctx.gen.marker.tree) {
      const withRecords = jsonl.filter((e) => e.records !== null)
      const sum = withRecords.reduce((a, e) => a + (e.records ?? 0), 0)
      checks.push(check('sum of records == generated lines', ctx.gen.marker.tree.lines, withRecords.length === jsonl.length ? sum : null))
    }
    // spot-check hashes of a deterministic sample of files
    let bad = 0
    let seen = 0
    for (const d of [0, 37, 99]) {
      for (const f of [0, 511, 999]) {
        const rel = `d${String(d).padStart(3, '0')}/f${String(f).padStart(4, '0')}.jsonl`
        const e = entries ? findEntry(entries, rel) : null
        seen++
        if (!e || e.sha256 !== sha256File(path.join(l.treeDir, rel))) bad++
      }
    }
    checks.push(check(`sha256 spot check (${seen} files) mismatches`, 0, entries ? bad : null))
  }
  const ratio = ref.ok && td.ok ? ref.medianMs / td.medianMs : null
  return {
    id: 'C',
    name: '100k small files',
    reference: refSummary('find|xargs sha256sum', ref),
    tdgov: summary(td),
    ratio,
    ratioKind: 'speedup',
    targets: [{ name: 'speedup ≥ 1×', value: ratio, limit: `≥ ${TARGET_C_RATIO}×`, pass: ratio !== null && ratio >= TARGET_C_RATIO }],
    checks,
  }
}

function rescan(ctx: Ctx, id: string, label: string, dir: string, expectedFiles: number | null): CaseResult {
  const { l } = ctx
  console.log(`\n[${id}] rescan ${label}: cold (cache enabled, .tdgov deleted) vs warm (nothing touched)`)
  const argv = tdgovScan(ctx, dir, [])
  const manifestFile = path.join(dir, '.tdgov', 'manifest.json')
  const cold = measure('cold scan', argv, l.benchDir, ctx.runs, () => removeTdgovDirs(l))
  const checks: Check[] = []
  let coldManifest: Buffer | null = null
  if (cold.ok) {
    try {
      coldManifest = fs.readFileSync(manifestFile)
    } catch {
      checks.push(check(`${path.relative(l.benchDir, manifestFile)} written`, 'yes', null))
    }
  }
  const warm = cold.ok
    ? measure('warm rescan', argv, l.benchDir, ctx.runs)
    : { ...cold, argv, timesMs: [], medianMs: NaN, maxRssKb: null }
  if (warm.ok && coldManifest) {
    let same: string | null
    try {
      same = fs.readFileSync(manifestFile).equals(coldManifest) ? 'identical' : 'different'
    } catch {
      same = null
    }
    checks.push(check('warm manifest bytes vs cold manifest', 'identical', same))
    if (expectedFiles !== null) {
      const entries = manifestEntries(manifestFile)
      checks.push(check('manifest file entries', expectedFiles, entries ? entries.size : null))
    }
  }
  const ratio = cold.ok && warm.ok ? warm.medianMs / cold.medianMs : null
  return {
    id,
    name: `rescan ${label}`,
    reference: { label: 'cold scan', command: argv, medianMs: cold.medianMs, timesMs: cold.timesMs, maxRssKb: cold.maxRssKb },
    tdgov: {
      command: argv,
      medianMs: warm.medianMs,
      timesMs: warm.timesMs,
      maxRssKb: Math.max(cold.maxRssKb ?? 0, warm.maxRssKb ?? 0) || null,
      ok: cold.ok && warm.ok,
    },
    ratio,
    ratioKind: 'warm/cold',
    targets: [
      {
        name: 'warm ≤ 5 % of cold',
        value: ratio,
        limit: '≤ 5 %',
        pass: ratio !== null && ratio <= TARGET_D_WARM_OVER_COLD,
      },
    ],
    checks,
  }
}

function caseD(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  console.log('\n[D] rescan: warming the page cache for the whole data root …')
  warmFile(l.jsonlFile)
  warmFile(l.parquetFile)
  warmTree(l.treeDir)
  const treeFiles = ctx.gen.marker.tree?.files ?? TREE_DIRS * TREE_FILES_PER_DIR
  const results = [
    rescan(ctx, 'D', 'data root', l.dataDir, treeFiles + 2),
    rescan(ctx, 'D', 'jsonl/', l.jsonlDir, 1),
    rescan(ctx, 'D', 'tree/', l.treeDir, treeFiles),
  ]
  removeTdgovDirs(l)
  return results
}

/**
 * G: the gate on the 100k-file tree's manifest against the cold scan that wrote it. `check` reads
 * the manifest, compares the tree by size and mtime against the scan cache (no file is read) and
 * runs every rule; the scan hashes and analyses every file.
 */
function caseG(ctx: Ctx): CaseResult {
  const { l } = ctx
  console.log('\n[G] tdgov check on the 100k-file manifest')
  warmTree(l.treeDir)
  removeTdgovDirs(l)
  // The cold scan writes tree/.tdgov/manifest.json and the cache check trusts; each run starts without either.
  const scanCmd = ['bash', '-c', 'rm -rf "$1/.tdgov" && exec "$2" "$3" scan "$1" "${@:4}"', 'scan', l.treeDir, process.execPath, ctx.cli, ...ctx.jobs]
  const scanned = measure('tdgov scan tree/ (cold)', scanCmd, l.benchDir, ctx.runs)
  const td = measure('tdgov check tree/', [process.execPath, ctx.cli, 'check', l.treeDir, '--fail-on', 'never', '--format', 'json', '--out', path.join(l.benchDir, 'check.json')], l.benchDir, ctx.runs, forget(path.join(l.benchDir, 'check.json')))
  // Measured while the manifest and the cache are still there, before they are removed below.
  const floor = measure('floor: read + JSON.parse manifest, list + stat tree', [process.execPath, path.join(ctx.cli, '..', '..', 'dist', 'bench', 'check-floor.js'), l.treeDir, path.join(l.treeDir, '.tdgov', 'manifest.json')], l.benchDir, ctx.runs)
  if (floor.ok) console.log(`  floor / scan: ${((floor.medianMs / scanned.medianMs) * 100).toFixed(1)} %; tdgov check / floor: ${(td.medianMs / floor.medianMs).toFixed(2)}×`)
  const checks: Check[] = []
  if (td.ok) {
    const report = JSON.parse(fs.readFileSync(path.join(l.benchDir, 'check.json'), 'utf8')) as { findings: { code: string }[] }
    checks.push(check('MANIFEST_STALE findings on an unchanged tree', 0, report.findings.filter((f) => f.code === 'MANIFEST_STALE').length))
  }
  removeTdgovDirs(l)
  const ratio = scanned.ok && td.ok ? td.medianMs / scanned.medianMs : null
  return {
    id: 'G',
    name: 'check, 100k-file manifest',
    reference: refSummary('tdgov scan (cold)', scanned),
    tdgov: summary(td),
    ratio,
    ratioKind: 'warm/cold',
    targets: [{ name: 'check / scan', value: ratio, limit: `≤ ${TARGET_G_CHECK_OVER_SCAN * 100}%`, pass: ratio !== null && ratio <= TARGET_G_CHECK_OVER_SCAN }],
    checks,
  }
}

/** The parts of `.tdgov/audits/<id>.json` that case F checks. */
interface AuditRecordView {
  population?: { units?: number }
  plan?: { code_letter?: string | null; sample_size?: number; accept?: number | null; reject?: number | null }
  sample?: unknown[]
}

function readAuditRecordView(file: string): AuditRecordView | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as AuditRecordView
  } catch (err) {
    console.error(`  !!! MISMATCH: cannot read audit record ${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}

interface AuditRun {
  size: AnnotationSize
  lines: number
  ref: Measurement
  td: Measurement
  checks: Check[]
}

/**
 * F, one export: `wc -l` (one streaming pass over the same bytes, for scale), then `tdgov audit
 * sample` ctx.runs times. Each run's sheet and record are hashed and deleted before the next run,
 * so "the same sample every run" compares freshly written files; the last run's files are kept.
 */
function auditOne(ctx: Ctx, config: string, size: AnnotationSize): AuditRun {
  const { l } = ctx
  const file = l.annotationFile(size)
  const lines = ctx.gen.annotations?.files[size]?.lines ?? ANNOTATION_FILES[size]
  console.log(`\n[F] tdgov audit sample ${path.basename(file)} (${lines.toLocaleString('en-US')} lines)`)
  warmFile(file)
  const ref = measure('wc -l', ['wc', '-l', file], l.benchDir, ctx.runs)
  const id = `bench-${size}`
  const sheet = path.join(l.benchDir, `audit-${size}.csv`)
  const recordFile = path.join(path.dirname(config), '.tdgov', 'audits', `${id}.json`)
  const argv = [
    process.execPath, ctx.cli, 'audit', 'sample', file,
    '--format', 'jsonl', '--aql', AUDIT_AQL, '--seed', AUDIT_SEED,
    '--sheet', sheet, '--id', id, '--force', '--config', config,
  ]
  const sheetHashes: string[] = []
  const recordHashes: string[] = []
  const collect = (remove: boolean): void => {
    if (fs.existsSync(sheet)) sheetHashes.push(sha256File(sheet))
    if (fs.existsSync(recordFile)) recordHashes.push(sha256File(recordFile))
    if (remove) {
      fs.rmSync(sheet, { force: true })
      fs.rmSync(recordFile, { force: true })
    }
  }
  fs.rmSync(sheet, { force: true }) // a stale sheet of an earlier bench must not be compared
  fs.rmSync(recordFile, { force: true })
  const td = measure(`tdgov audit sample ${size}`, argv, l.benchDir, ctx.runs, () => collect(true))
  const checks: Check[] = []
  const refLines = Number(ref.last.stdout.trim().split(/\s+/)[0])
  checks.push(check(`wc -l equals the generated line count (${size})`, lines, ref.ok ? refLines : null))
  if (!td.ok) return { size, lines, ref, td, checks }
  collect(false)
  const record = readAuditRecordView(recordFile)
  checks.push(check(`record population.units (${size})`, lines, record?.population?.units ?? null))
  checks.push(check(`record plan.code_letter (${size})`, AUDIT_CODE_LETTER, record?.plan?.code_letter ?? null))
  checks.push(check(`record plan.sample_size (${size})`, AUDIT_SAMPLE_SIZE, record?.plan?.sample_size ?? null))
  checks.push(check(`record plan Ac/Re (${size})`, `${AUDIT_ACCEPT}/${AUDIT_REJECT}`, record?.plan ? `${record.plan.accept}/${record.plan.reject}` : null))
  checks.push(check(`record sample.length == plan.sample_size (${size})`, record?.plan?.sample_size ?? -1, record?.sample?.length ?? null))
  const sheetRows = fs.existsSync(sheet) ? fs.readFileSync(sheet, 'utf8').split('\n').filter((s) => s.trim() !== '').length - 1 : null
  checks.push(check(`sheet rows (${size})`, AUDIT_SAMPLE_SIZE, sheetRows))
  // the 1M sample must come out the same when drawn again: run it once more if ctx.runs was 1
  if (size === '1m' && sheetHashes.length < 2) {
    fs.rmSync(sheet, { force: true })
    fs.rmSync(recordFile, { force: true })
    console.log(`  tdgov audit sample ${size}: one more run (not timed) to compare the samples …`)
    const again = runOnce(argv, l.benchDir)
    if (again.status === 0) collect(false)
    else console.error(`  ✗ the repeated run failed (exit ${again.status ?? again.signal ?? '?'}): ${again.stderr.trim().split('\n').slice(-5).join(' / ')}`)
  }
  if (sheetHashes.length >= 2) {
    const same = (hashes: string[]): string => (hashes.every((h) => h === hashes[0]) ? 'identical' : `${new Set(hashes).size} different`)
    checks.push(check(`sheet bytes over ${sheetHashes.length} runs (${size})`, 'identical', same(sheetHashes)))
    checks.push(check(`record bytes over ${recordHashes.length} runs (${size})`, 'identical', same(recordHashes)))
  } else if (size === '1m') {
    checks.push(check(`sheet bytes of a repeated run (${size})`, 'identical', null))
  }
  return { size, lines, ref, td, checks }
}

/**
 * F: `tdgov audit sample` over a 1M- and a 10M-line generic JSONL export: time, items/s and peak
 * RSS for both; the targets compare the two (one pass: time grows linearly; memory is bounded by
 * the sample, not the population).
 */
function caseF(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  // the audit record goes to .tdgov/audits next to the config: keep it in a scratch project
  const project = path.join(l.benchDir, 'audit-project')
  fs.rmSync(project, { recursive: true, force: true })
  fs.mkdirSync(project, { recursive: true })
  const config = path.join(project, 'tdgov.yaml')
  fs.writeFileSync(config, AUDIT_CONFIG)
  const runs = ANNOTATION_SIZES.map((size) => auditOne(ctx, config, size))
  const small = runs.find((r) => r.size === '1m')
  const large = runs.find((r) => r.size === '10m')
  const timeRatio = small?.td.ok && large?.td.ok ? large.td.medianMs / small.td.medianMs : null
  const rssRatio =
    small?.td.ok && large?.td.ok && small.td.maxRssKb !== null && large.td.maxRssKb !== null ? large.td.maxRssKb / small.td.maxRssKb : null
  if (timeRatio !== null) console.log(`  10M / 1M time: ${timeRatio.toFixed(2)}×`)
  if (rssRatio !== null) console.log(`  10M / 1M peak RSS: ${rssRatio.toFixed(2)}×`)
  return runs.map(
    (r): CaseResult => ({
      id: 'F',
      name: `audit sample ${r.size.toUpperCase()} lines`,
      reference: refSummary('wc -l', r.ref),
      tdgov: summary(r.td),
      ratio: r.td.ok ? r.lines / (r.td.medianMs / 1000) : null,
      ratioKind: 'items/s',
      items: r.lines,
      targets:
        r.size !== '10m'
          ? []
          : [
              {
                name: 'one pass: 10M time ≤ 12 × 1M time',
                value: timeRatio,
                limit: `10M/1M time ≤ ${TARGET_F_TIME_RATIO}×`,
                pass: timeRatio !== null && timeRatio <= TARGET_F_TIME_RATIO,
              },
              {
                name: 'memory independent of population: peak RSS(10M) ≤ 1.25 × peak RSS(1M)',
                value: rssRatio,
                limit: `10M/1M RSS ≤ ${TARGET_F_RSS_RATIO}×`,
                pass: rssRatio !== null && rssRatio <= TARGET_F_RSS_RATIO,
              },
            ],
      checks: r.checks,
    }),
  )
}

function findEntryIn(manifestFile: string, name: string): FileEntry | null {
  const entries = manifestEntries(manifestFile)
  return entries ? findEntry(entries, name) : null
}

// ---------------------------------------------------------------------------------------------
// report

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length)
}

function printTable(results: CaseResult[]): void {
  const header = ['case', 'reference', 'ref time', 'tdgov time', 'ratio', 'target', 'tdgov peak RSS', 'result']
  const rows: string[][] = results.map((r) => {
    const ratio =
      r.ratio === null
        ? '—'
        : r.ratioKind === 'warm/cold'
          ? `${(r.ratio * 100).toFixed(1)} % warm/cold`
          : r.ratioKind === 'MB/s'
            ? `${r.ratio.toFixed(0)} MB/s`
            : r.ratioKind === 'items/s'
              ? `${(r.ratio / 1e6).toFixed(2)} M items/s`
              : `${r.ratio.toFixed(2)}×`
    // case H has many targets per row: count them here; each is printed with its case above
    const many = r.targets.length > 3
    const target = r.targets.length === 0 ? '(info)' : many ? `${r.targets.length} targets` : r.targets.map((t) => t.limit).join(', ')
    const checksOk = r.checks.every((c) => c.ok)
    let result: string
    if (!r.tdgov.ok) result = 'ERROR (tdgov failed)'
    else if (!checksOk) result = 'MISMATCH'
    else if (r.targets.length === 0) result = 'ok'
    else {
      const failed = r.targets.filter((t) => !t.pass)
      result =
        failed.length === 0 ? 'PASS'
        : many ? `FAIL (${failed.length} of ${r.targets.length} targets)`
        : `FAIL (${failed.map((t) => t.name).join('; ')})`
    }
    const refCell = r.reference ? `${r.reference.label}` : '—'
    const refTime = r.reference ? fmtSeconds(r.reference.medianMs) : '—'
    const tdTime = r.ratioKind === 'warm/cold' ? `${fmtSeconds(r.tdgov.medianMs)} warm` : fmtSeconds(r.tdgov.medianMs)
    return [`${r.id} ${r.name}`, refCell, refTime, tdTime, ratio, target, fmtMb(r.tdgov.maxRssKb), result]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ')
  console.log('\n' + line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of rows) console.log(line(row))
  console.log(
    '\nratio: reference time / tdgov time (higher is better); for rescans, warm time / cold time (lower is better);' +
      '\nfor --pii full, the file\'s megabytes (10^6 bytes) per second of tdgov time;' +
      '\nfor audit sample, annotation lines (items) per second of tdgov time.' +
      '\nTimes are medians of the runs; peak RSS is the maximum over the tdgov runs (/usr/bin/time %M, MiB).',
  )
}

// ---------------------------------------------------------------------------------------------
// main

async function main(): Promise<number> {
  const args = parse()
  const distBenchDir = path.dirname(fileURLToPath(import.meta.url))
  const repoRoot = path.resolve(distBenchDir, '..', '..')
  const cli = path.resolve(args.cli ?? path.join(repoRoot, 'bin', 'tdgov.js'))

  if (!args.generateOnly) {
    if (!fs.existsSync(cli)) {
      console.error(`tdgov CLI not found at ${cli} (build with \`npm run build\`)`)
      return 2
    }
    const help = spawnSync(process.execPath, [cli, 'scan', '--help'], { encoding: 'utf8' })
    if (help.status !== 0) {
      console.error(`\`node ${cli} scan --help\` failed (exit ${help.status ?? help.signal ?? '?'}); is the CLI built?`)
      console.error((help.stderr || help.stdout).trim().split('\n').slice(-15).join('\n'))
      return 2
    }
  }
  if (!HAVE_GNU_TIME) console.warn('warning: /usr/bin/time not found; peak RSS will not be measured')

  const benchDir = args.data ? path.resolve(args.data) : fs.mkdtempSync(path.join(os.tmpdir(), 'tdgov-bench-'))
  fs.mkdirSync(benchDir, { recursive: true })
  // on Ctrl-C or a crash, do not leave 1.6 GB behind in a temp folder nobody asked to keep
  const abortCleanup = (): void => {
    if (!args.keep && !args.data) fs.rmSync(benchDir, { recursive: true, force: true })
  }
  process.on('SIGINT', () => {
    abortCleanup()
    process.exit(130)
  })
  try {
    return await runBench(args, benchDir, cli, distBenchDir)
  } catch (err) {
    abortCleanup()
    if (err instanceof Interrupted) {
      console.error(`\ninterrupted${!args.keep && !args.data ? `; deleted ${benchDir}` : ''}`)
      return 130
    }
    throw err
  }
}

async function runBench(args: Args, benchDir: string, cli: string, distBenchDir: string): Promise<number> {
  const l = layout(benchDir)
  const cases: CaseId[] = args.only ? [args.only] : CASES
  const parts = [...new Set(cases.flatMap((c) => PARTS_FOR[c]))]

  console.log(`tdgov bench — folder ${benchDir}`)
  console.log(`  cli ${cli}; ${args.runs} run(s) per command; ${os.cpus().length} CPUs; node ${process.version}`)
  warnIfBusy('before generation')
  console.log('\nGenerating data …')
  const gen = await ensureData(l, parts, distBenchDir, args.labelledScale)
  console.log(`  generation step: ${gen.wallSeconds.toFixed(1)} s (generated: ${gen.generated.join(', ') || 'nothing, all reused'})`)
  for (const dir of ['data', 'annotations', 'labelled'].filter((d) => fs.existsSync(path.join(benchDir, d)))) {
    const du = sh('du -sh --apparent-size "$1"; du -sh "$1"', benchDir, dir).stdout.trim().split('\n')
    console.log(`  disk: ${du.join(' / ')} (apparent / on disk)`)
  }

  if (args.generateOnly) {
    console.log(`\nData is in ${benchDir}`)
    return 0
  }

  const loadBefore = os.loadavg()
  warnIfBusy('before timing')
  const ctx: Ctx = { l, cli, runs: args.runs, jobs: args.jobs ? ['--jobs', args.jobs] : [], gen }
  const results: CaseResult[] = []
  for (const c of cases) {
    if (c === 'jsonl') results.push(caseA(ctx))
    else if (c === 'parquet') results.push(caseB(ctx))
    else if (c === 'tree') results.push(caseC(ctx))
    else if (c === 'pii') results.push(caseE(ctx))
    else if (c === 'audit') results.push(...caseF(ctx))
    else if (c === 'check') results.push(caseG(ctx))
    else if (c === 'labelled') {
      if (!gen.labelled) throw new Error('case H: the labelled data is missing after generation')
      results.push(
        ...(await caseLabelled({
          outDir: path.join(benchDir, 'labelled-out'),
          root: l.labelledDir,
          truth: gen.labelled.truth,
          cli,
          jobs: ctx.jobs,
          distBenchDir,
        })),
      )
    }
    else results.push(...caseD(ctx))
  }

  printTable(results)

  const tdgovOk = results.every((r) => r.tdgov.ok)
  const checksOk = results.every((r) => r.checks.every((c) => c.ok))
  const cpu = os.cpus()[0]
  const resultsFile = path.join(benchDir, 'bench-results.json')
  const report = {
    tool: 'tdgov-bench',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: cpu?.model ?? null,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadAvgBefore: loadBefore,
      loadAvgAfter: os.loadavg(),
    },
    benchDir,
    cli,
    runs: args.runs,
    jobs: args.jobs,
    generation: { ...gen.marker, annotations: gen.annotations, labelled: gen.labelled?.marker ?? null, generatedThisRun: gen.generated, wallSeconds: gen.wallSeconds },
    cases: results,
    tdgovOk,
    checksOk,
    targetsPass: results.every((r) => r.targets.every((t) => t.pass)),
  }
  fs.writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n')

  if (!args.keep && !args.data) {
    fs.rmSync(l.dataDir, { recursive: true, force: true })
    fs.rmSync(l.annotationsDir, { recursive: true, force: true })
    fs.rmSync(path.join(benchDir, 'audit-project'), { recursive: true, force: true })
    fs.rmSync(l.labelledDir, { recursive: true, force: true })
    fs.rmSync(path.join(benchDir, 'labelled-out'), { recursive: true, force: true })
    const files = ['generated.json', 'generated-annotations.json', 'generated-labelled.json', 'm1.json', 'm2.json', 'm3.json', 'm5.json']
    for (const size of ANNOTATION_SIZES) files.push(`audit-${size}.csv`)
    for (const f of files) fs.rmSync(path.join(benchDir, f), { force: true })
    console.log(`\nDeleted the generated data (use --keep to keep it).`)
  } else {
    console.log(`\nData kept in ${benchDir} (reuse with --data ${benchDir}).`)
  }
  console.log(`Results: ${resultsFile}`)

  if (!tdgovOk) console.error('\ntdgov FAILED in at least one case (see above).')
  if (!checksOk) console.error('\n!!! MISMATCH: at least one count or hash check failed (see above).')
  return tdgovOk && checksOk ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exitCode = 1
  },
)

/**
 * Removes an output before each run: --out replaces only a file its own ledger vouches for, and a
 * run of another build (--cli) leaves one this build's ledger does not know.
 */
function forget(file: string): () => void {
  return () => fs.rmSync(file, { force: true })
}
