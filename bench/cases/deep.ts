/**
 * Case J, deep: `tdgov scan --deep` (every record analysed) over case A's 1 GB JSONL with one
 * worker (`--jobs 1`), in MB/s, against a floor in the same run: a bare `node -e` program that
 * reads the file's lines and JSON.parses each, nothing else. Then `--jobs 2` over two such files
 * (hard links to case A's file, under other names in two folders outside data/), with the ratio
 * of the two throughputs.
 */
import fs from 'node:fs'
import path from 'node:path'
import { measure } from '../measure.js'
import type { Measurement } from '../measure.js'
import { readManifest } from '../manifest.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, refSummary, summary, warmFile } from './context.js'
import type { Ctx } from './context.js'

/**
 * The floor: stream the file as UTF-8 in 1 MiB chunks, split on `\n`, JSON.parse every line and
 * print the number of lines parsed.
 */
export const JSON_PARSE_FLOOR = [
  "const fs = require('node:fs')",
  'let n = 0',
  "let tail = ''",
  "const s = fs.createReadStream(process.argv[1], { encoding: 'utf8', highWaterMark: 1 << 20 })",
  "s.on('data', (c) => { const lines = (tail + c).split('\\n'); tail = lines.pop(); for (const l of lines) { if (l !== '') { JSON.parse(l); n++ } } })",
  "s.on('end', () => { if (tail !== '') { JSON.parse(tail); n++ } console.log(n) })",
].join('\n')

interface DeepEntry {
  path: string
  records?: number
}

function jsonlEntries(file: string): DeepEntry[] | null {
  try {
    const m = readManifest(file) as { files?: DeepEntry[] } | null
    return (m?.files ?? []).filter((f) => f.path.endsWith('.jsonl'))
  } catch (err) {
    console.error(`  !!! MISMATCH: cannot read manifest ${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
}

/** A hard link when the file system allows one (no bytes written), a copy otherwise. */
function linkOrCopy(from: string, to: string): 'hard link' | 'copy' {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.linkSync(from, to)
    return 'hard link'
  } catch {
    fs.copyFileSync(from, to)
    return 'copy'
  }
}

const mbps = (bytes: number, m: Measurement): number | null => (m.ok ? bytes / 1e6 / (m.medianMs / 1000) : null)
const fmtRate = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)} MB/s`)

export function caseDeep(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  console.log('\n[J] --deep over the 1 GB JSONL: --jobs 1 against JSON.parse per line, then --jobs 2 over two files')
  const bytes = fs.statSync(l.jsonlFile).size
  const lines = ctx.gen.marker.jsonl?.lines ?? null
  warmFile(l.jsonlFile)

  const floor = measure('floor: node -e JSON.parse per line', [process.execPath, '-e', JSON_PARSE_FLOOR, l.jsonlFile], l.benchDir, ctx.runs)
  const out1 = path.join(l.benchDir, 'm6.json')
  const one = measure(
    'tdgov scan jsonl/ --deep --jobs 1',
    [process.execPath, ctx.cli, 'scan', l.jsonlDir, '--no-cache', '--deep', '--jobs', '1', '--out', out1],
    l.benchDir,
    ctx.runs,
    forget(out1),
  )
  const checks1: Check[] = []
  if (floor.ok && lines !== null) checks1.push(check('floor: lines parsed == generated lines', lines, Number(floor.last.stdout.trim())))
  if (!floor.ok) checks1.push(check('floor: exit status', 0, floor.last.status))
  if (one.ok) {
    const entries = jsonlEntries(out1)
    checks1.push(check('manifest records == generated lines', lines ?? -1, entries?.[0]?.records ?? null))
  }

  // two files of the same bytes, in two folders, outside data/ (case D never scans them)
  const twoDir = path.join(l.benchDir, 'deep2')
  fs.rmSync(twoDir, { recursive: true, force: true })
  const how = [linkOrCopy(l.jsonlFile, path.join(twoDir, 'a', 'synth-1g.jsonl')), linkOrCopy(l.jsonlFile, path.join(twoDir, 'b', 'synth-1g-copy.jsonl'))]
  console.log(`  deep2/a/synth-1g.jsonl, deep2/b/synth-1g-copy.jsonl: ${[...new Set(how)].join(', ')} of ${path.basename(l.jsonlFile)}`)
  for (const f of ['a/synth-1g.jsonl', 'b/synth-1g-copy.jsonl']) warmFile(path.join(twoDir, f))
  const out2 = path.join(l.benchDir, 'm7.json')
  const two = measure(
    'tdgov scan deep2/ --deep --jobs 2',
    [process.execPath, ctx.cli, 'scan', twoDir, '--no-cache', '--deep', '--jobs', '2', '--out', out2],
    l.benchDir,
    ctx.runs,
    forget(out2),
  )
  const checks2: Check[] = []
  if (two.ok) {
    const entries = jsonlEntries(out2)
    checks2.push(check('manifest JSONL entries (two files)', 2, entries ? entries.length : null))
    for (const e of entries ?? []) checks2.push(check(`${e.path}: records == generated lines`, lines ?? -1, e.records ?? null))
  }
  fs.rmSync(twoDir, { recursive: true, force: true })

  const floorRate = mbps(bytes, floor)
  const oneRate = mbps(bytes, one)
  const twoRate = mbps(2 * bytes, two)
  const overFloor = oneRate !== null && floorRate !== null ? oneRate / floorRate : null
  const scaling = oneRate !== null && twoRate !== null ? twoRate / oneRate : null
  console.log(
    `  floor ${fmtRate(floorRate)}; tdgov --deep --jobs 1 ${fmtRate(oneRate)}` +
      (overFloor !== null ? ` (${(overFloor * 100).toFixed(1)} % of the floor)` : '') +
      `; --jobs 2 over two files ${fmtRate(twoRate)}` +
      (scaling !== null ? ` (${scaling.toFixed(2)}× the --jobs 1 throughput)` : ''),
  )
  const details = { bytesPerFile: bytes, floorMBps: floorRate, jobs1MBps: oneRate, jobs2MBps: twoRate, jobs1OverFloor: overFloor, jobs2OverJobs1: scaling, secondFile: how[1] }
  return [
    {
      id: 'J',
      name: 'deep --jobs 1, 1 GB JSONL',
      reference: refSummary('node JSON.parse per line', floor),
      tdgov: summary(one),
      ratio: oneRate,
      ratioKind: 'MB/s',
      targets: [],
      checks: checks1,
      details,
    },
    {
      id: 'J',
      name: 'deep --jobs 2, 2 × 1 GB JSONL',
      reference: refSummary('deep --jobs 1, 1 file', one),
      tdgov: summary(two),
      ratio: scaling,
      ratioKind: 'throughput',
      targets: [],
      checks: checks2,
      details,
    },
  ]
}
