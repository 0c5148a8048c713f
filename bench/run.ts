/**
 * tdgov benchmark: generates a ~1.6 GB data set in a fresh temp folder and times `tdgov scan`
 * against coreutils references on the same, warm page cache. See bench/README.md.
 *
 *   npm run bench                               # everything (generates, runs A–J, deletes the data)
 *   node dist/bench/run.js --keep               # keep the data folder for the next run
 *   node dist/bench/run.js --data DIR           # reuse (or create) a data folder
 *   node dist/bench/run.js --data DIR --only jsonl|parquet|tree|rescan|pii|audit|check|labelled|shard|deep
 *   node dist/bench/run.js --only labelled --labelled-scale small   # case H on small data
 *   node dist/bench/run.js --scale smoke --runs 1                   # every case but F on a few MB, to check them
 *
 * The cases are in bench/cases/, one module each; this file parses the arguments, holds the
 * registry (case name → data parts, runner) and prints the table.
 *
 * Exit status: 0 when every tdgov run succeeded and every count/hash check matched (performance
 * targets are reported, not enforced); 1 when tdgov failed or a check mismatched; 2 on a usage
 * error or when the CLI is missing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { caseA } from './cases/jsonl.js'
import { caseB } from './cases/parquet.js'
import { caseC } from './cases/tree.js'
import { caseD } from './cases/rescan.js'
import { caseE } from './cases/pii.js'
import { caseF } from './cases/audit.js'
import { caseG } from './cases/check.js'
import { caseH } from './cases/labelled.js'
import { caseShard } from './cases/shard.js'
import { caseDeep } from './cases/deep.js'
import { caseMillion } from './cases/million.js'
import { sh, warnIfBusy } from './cases/context.js'
import type { Ctx } from './cases/context.js'
import { LABELLED_SCALES } from './gen-labelled.js'
import type { LabelledScale } from './gen-labelled.js'
import { ANNOTATION_SIZES, DATA_SCALES, DATA_SIZES, ensureData, layout } from './generate.js'
import type { DataScale, Part } from './generate.js'
import { fmtMb, fmtSeconds, HAVE_GNU_TIME, Interrupted } from './measure.js'
import type { CaseResult } from './results.js'

type CaseId = 'jsonl' | 'parquet' | 'tree' | 'rescan' | 'pii' | 'audit' | 'check' | 'labelled' | 'shard' | 'deep' | 'million'

/** The cases in the order they run, each with the data parts it needs (one module per case in bench/cases/). */
interface CaseEntry {
  parts: Part[]
  /** whether `--scale smoke` can run it (case F's checks are for the full-size exports) */
  smoke: boolean
  run: (ctx: Ctx) => CaseResult[] | Promise<CaseResult[]>
}
const REGISTRY: Record<CaseId, CaseEntry> = {
  jsonl: { parts: ['jsonl'], smoke: true, run: (ctx) => [caseA(ctx)] },
  parquet: { parts: ['parquet'], smoke: true, run: (ctx) => [caseB(ctx)] },
  tree: { parts: ['tree'], smoke: true, run: (ctx) => caseC(ctx) },
  rescan: { parts: ['jsonl', 'parquet', 'tree'], smoke: true, run: (ctx) => caseD(ctx) },
  pii: { parts: ['jsonl'], smoke: true, run: (ctx) => [caseE(ctx)] },
  audit: { parts: ['annotations'], smoke: false, run: (ctx) => caseF(ctx) },
  check: { parts: ['tree'], smoke: true, run: (ctx) => [caseG(ctx)] },
  labelled: { parts: ['labelled'], smoke: true, run: (ctx) => caseH(ctx) },
  shard: { parts: ['tree'], smoke: true, run: (ctx) => caseShard(ctx) },
  deep: { parts: ['jsonl'], smoke: true, run: (ctx) => caseDeep(ctx) },
  million: { parts: [], smoke: true, run: (ctx) => caseMillion(ctx) },
}
const CASES = Object.keys(REGISTRY) as CaseId[]

// ---------------------------------------------------------------------------------------------
// arguments

const USAGE = `usage: node dist/bench/run.js [--keep] [--data DIR] [--only jsonl|parquet|tree|rescan|pii|audit|check|labelled|shard|deep|million]
                             [--jobs N] [--runs N] [--generate-only] [--cli FILE] [--labelled-scale small|full]
                             [--scale full|smoke]
  --keep           keep the generated data folder (default: delete data, keep bench-results.json)
  --data DIR       use DIR as the bench folder; reuse its data when DIR/generated.json says complete
  --only CASE      run one case: jsonl (A), parquet (B), tree (C), rescan (D), pii (E), audit (F), check (G),
                   labelled (H), shard (I), deep (J),
                   million (K: 1M small files, generated on first use)
  --jobs N         pass --jobs N to every tdgov scan (not to tdgov audit sample)
  --runs N         runs per command, median reported (default 3)
  --generate-only  generate the data and stop
  --cli FILE       tdgov entry point (default <repo>/bin/tdgov.js)
  --labelled-scale small|full
                   size of case H's data (default full: 200k records per duplicate case; small with --scale smoke)
  --scale full|smoke
                   size of data/ (default full); smoke generates a few MB (3 MB JSONL, 20k Parquet rows,
                   400 tree files) to check the cases end to end, not to time them; it skips audit (F)`

interface Args {
  keep: boolean
  data: string | null
  only: CaseId | null
  jobs: string | null
  runs: number
  generateOnly: boolean
  cli: string | null
  labelledScale: LabelledScale
  scale: DataScale
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
        'labelled-scale': { type: 'string' },
        scale: { type: 'string', default: 'full' },
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
  const scale = values.scale ?? 'full'
  if (!(DATA_SCALES as readonly string[]).includes(scale)) {
    console.error(`--scale must be one of ${DATA_SCALES.join(', ')}, got "${scale}"`)
    process.exit(2)
  }
  if (scale === 'smoke' && only !== null && !REGISTRY[only as CaseId].smoke) {
    console.error(`--only ${only} has no smoke scale (its data is generated at full size only)`)
    process.exit(2)
  }
  const labelledScale = values['labelled-scale'] ?? (scale === 'smoke' ? 'small' : 'full')
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
    scale: scale as DataScale,
  }
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
            : r.ratioKind === 'throughput'
              ? `${r.ratio.toFixed(2)}× MB/s`
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
      '\nfor shard, the unsharded scan\'s time / (the sum of the shard scans + the merge);' +
      '\nfor --pii full and deep --jobs 1, the file\'s megabytes (10^6 bytes) per second of tdgov time;' +
      '\nfor deep --jobs 2, its MB/s over two files / the MB/s of --jobs 1 over one;' +
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
  const cases: CaseId[] = args.only ? [args.only] : CASES.filter((c) => args.scale === 'full' || REGISTRY[c].smoke)
  const parts = [...new Set(cases.flatMap((c) => REGISTRY[c].parts))]

  console.log(`tdgov bench — folder ${benchDir}`)
  console.log(`  cli ${cli}; ${args.runs} run(s) per command; ${os.cpus().length} CPUs; node ${process.version}`)
  if (args.scale !== 'full') {
    const skipped = CASES.filter((c) => !REGISTRY[c].smoke)
    console.log(`  scale ${args.scale}: a few MB of data, to check the cases, not to time them${skipped.length && !args.only ? ` (skips ${skipped.join(', ')})` : ''}`)
  }
  warnIfBusy('before generation')
  console.log('\nGenerating data …')
  const gen = await ensureData(l, parts, distBenchDir, args.labelledScale, args.scale)
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
  const ctx: Ctx = { l, cli, runs: args.runs, jobs: args.jobs ? ['--jobs', args.jobs] : [], gen, distBenchDir, scale: args.scale, sizes: DATA_SIZES[args.scale] }
  const results: CaseResult[] = []
  for (const c of cases) results.push(...(await REGISTRY[c].run(ctx)))

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
    scale: args.scale,
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
    fs.rmSync(path.join(benchDir, 'shard'), { recursive: true, force: true })
    fs.rmSync(path.join(benchDir, 'deep2'), { recursive: true, force: true })
    const files = ['generated.json', 'generated-annotations.json', 'generated-labelled.json', 'm1.json', 'm2.json', 'm3.json', 'm5.json', 'm6.json', 'm7.json']
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
