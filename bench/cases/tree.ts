/**
 * Case C: 100k small files against `find | xargs sha256sum`, and against a floor: a bare Node
 * program (bench/tree-floor.ts) that walks, stats, reads and sha256-hashes every file in one thread.
 */
import path from 'node:path'
import { findEntry } from '../manifest.js'
import { measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, manifestEntries, refSummary, sha256File, summary, tdgovScan, warmTree } from './context.js'
import type { Ctx } from './context.js'

const TARGET_C_RATIO = 1

export function caseC(ctx: Ctx): CaseResult[] {
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
    const expectedFiles = ctx.gen.marker.tree?.files ?? ctx.sizes.treeDirs * ctx.sizes.treeFilesPerDir
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
    // full scale: dirs 0, 37, 99 × files 0, 511, 999
    const { treeDirs, treeFilesPerDir } = ctx.sizes
    for (const d of [0, Math.floor(treeDirs * 0.37), treeDirs - 1]) {
      for (const f of [0, Math.floor(treeFilesPerDir * 0.511), treeFilesPerDir - 1]) {
        const rel = `d${String(d).padStart(3, '0')}/f${String(f).padStart(4, '0')}.jsonl`
        const e = entries ? findEntry(entries, rel) : null
        seen++
        if (!e || e.sha256 !== sha256File(path.join(l.treeDir, rel))) bad++
      }
    }
    checks.push(check(`sha256 spot check (${seen} files) mismatches`, 0, entries ? bad : null))
  }
  const ratio = ref.ok && td.ok ? ref.medianMs / td.medianMs : null
  // the floor: the unavoidable work, with tdgov's runs still warm in the page cache
  const floorArgv = [process.execPath, path.join(ctx.distBenchDir, 'tree-floor.js'), l.treeDir]
  const floor = measure('floor: walk + stat + read + sha256 (node)', floorArgv, l.treeDir, ctx.runs)
  const floorChecks: Check[] = []
  if (!floor.ok) floorChecks.push(check('floor: exit status', 0, floor.last.status))
  if (floor.ok) {
    const floorFiles = Number(/^(\d+) files/.exec(floor.last.stdout)?.[1] ?? NaN)
    floorChecks.push(check('floor: files hashed', ctx.gen.marker.tree?.files ?? ctx.sizes.treeDirs * ctx.sizes.treeFilesPerDir, Number.isFinite(floorFiles) ? floorFiles : null))
    const parts = [`floor / find|xargs sha256sum: ${(floor.medianMs / ref.medianMs).toFixed(2)}× the time`]
    if (td.ok) parts.push(`tdgov / floor: ${(td.medianMs / floor.medianMs).toFixed(2)}× the time`)
    console.log(`  ${parts.join('; ')}`)
  }
  const floorRatio = floor.ok && td.ok ? floor.medianMs / td.medianMs : null
  const floorRow: CaseResult = {
    id: 'C',
    name: '100k small files vs floor',
    reference: refSummary('node walk+stat+read+sha256', floor),
    tdgov: summary(td),
    ratio: floorRatio,
    ratioKind: 'speedup',
    targets: [],
    checks: floorChecks,
  }
  return [{
    id: 'C',
    name: '100k small files',
    reference: refSummary('find|xargs sha256sum', ref),
    tdgov: summary(td),
    ratio,
    ratioKind: 'speedup',
    targets: [{ name: 'speedup ≥ 1×', value: ratio, limit: `≥ ${TARGET_C_RATIO}×`, pass: ratio !== null && ratio >= TARGET_C_RATIO }],
    checks,
  }, floorRow]
}
