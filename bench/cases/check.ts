import fs from 'node:fs'
import path from 'node:path'
import { measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, refSummary, removeTdgovDirs, summary, warmTree } from './context.js'
import type { Ctx } from './context.js'

/** PRODUCT.md: `check` on a 100k-file manifest in under 10% of the scan's time */
const TARGET_G_CHECK_OVER_SCAN = 0.1

/**
 * G: the gate on the 100k-file tree's manifest against the cold scan that wrote it. `check` reads
 * the manifest, compares the tree by size and mtime against the scan cache (no file is read) and
 * runs every rule; the scan hashes and analyses every file.
 */
export function caseG(ctx: Ctx): CaseResult {
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
