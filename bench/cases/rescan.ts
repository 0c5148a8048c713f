/** Case D: a warm rescan (cache on, nothing touched) against the cold scan, for three directories. */
import fs from 'node:fs'
import path from 'node:path'
import { measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { manifestEntries, removeTdgovDirs, tdgovScan, warmFile, warmTree } from './context.js'
import type { Ctx } from './context.js'

const TARGET_D_WARM_OVER_COLD = 0.05

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

export function caseD(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  console.log('\n[D] rescan: warming the page cache for the whole data root …')
  warmFile(l.jsonlFile)
  warmFile(l.parquetFile)
  warmTree(l.treeDir)
  const treeFiles = ctx.gen.marker.tree?.files ?? ctx.sizes.treeDirs * ctx.sizes.treeFilesPerDir
  const results = [
    rescan(ctx, 'D', 'data root', l.dataDir, treeFiles + 2),
    rescan(ctx, 'D', 'jsonl/', l.jsonlDir, 1),
    rescan(ctx, 'D', 'tree/', l.treeDir, treeFiles),
  ]
  removeTdgovDirs(l)
  return results
}
