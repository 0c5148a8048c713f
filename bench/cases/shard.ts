/**
 * Case I, shard: on the bench tree (case C's small files), the unsharded `tdgov scan --no-cache`
 * as the reference, then for N in 1, 2, 3, 7: `tdgov scan --shard K/N --out …` for K = 1..N and
 * `tdgov merge … --out …`. Each merge must equal the unsharded manifest byte for byte (a MISMATCH
 * otherwise, which fails the bench). The shards run one after the other here, so their sum is the
 * work a sharded scan adds up to, not the wall time of N machines.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fmtSeconds, measure } from '../measure.js'
import type { Measurement } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, refSummary, tdgovScan, warmTree } from './context.js'
import type { Ctx } from './context.js'

export const SHARD_COUNTS = [1, 2, 3, 7] as const

/** The first line where two manifests differ, for the MISMATCH message. */
function firstDifference(a: Buffer, b: Buffer): string {
  const la = a.toString('utf8').split('\n')
  const lb = b.toString('utf8').split('\n')
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: unsharded ${JSON.stringify((la[i] ?? '(end)').slice(0, 120))}, merged ${JSON.stringify((lb[i] ?? '(end)').slice(0, 120))}`
  }
  return 'no line differs (line endings?)'
}

export function caseShard(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  console.log('\n[I] tdgov scan --shard K/N + tdgov merge on the tree, against the unsharded scan')
  warmTree(l.treeDir)
  const dir = path.join(l.benchDir, 'shard')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const wholeFile = path.join(dir, 'unsharded.json')
  const whole = measure('tdgov scan tree/ (unsharded)', tdgovScan(ctx, l.treeDir, ['--no-cache', '--out', wholeFile]), l.benchDir, ctx.runs, forget(wholeFile))
  const wholeBytes = whole.ok ? fs.readFileSync(wholeFile) : null
  const results: CaseResult[] = []
  for (const n of SHARD_COUNTS) {
    console.log(`\n[I] ${n} ${n === 1 ? 'shard' : 'shards'}`)
    const shards: Measurement[] = []
    const partials: string[] = []
    for (let k = 1; k <= n; k++) {
      const out = path.join(dir, `n${n}-shard-${k}.ndjson`)
      const m = measure(`tdgov scan tree/ --shard ${k}/${n}`, tdgovScan(ctx, l.treeDir, ['--no-cache', '--shard', `${k}/${n}`, '--out', out]), l.benchDir, ctx.runs, forget(out))
      shards.push(m)
      partials.push(out)
      if (!m.ok) break
    }
    const shardsOk = shards.length === n && shards.every((m) => m.ok)
    const merged = path.join(dir, `n${n}-merged.json`)
    const mergeArgv = [process.execPath, ctx.cli, 'merge', ...partials, '--out', merged]
    const merge: Measurement | null = shardsOk ? measure(`tdgov merge (${n})`, mergeArgv, l.benchDir, ctx.runs, forget(merged)) : null
    const ok = shardsOk && merge !== null && merge.ok
    const checks: Check[] = []
    if (ok && wholeBytes) {
      let same: string | null
      try {
        const mergedBytes = fs.readFileSync(merged)
        same = mergedBytes.equals(wholeBytes) ? 'identical' : 'different'
        if (same !== 'identical') console.error(`  !!! the merge of ${n} shards is not the unsharded manifest: ${firstDifference(wholeBytes, mergedBytes)}`)
      } catch {
        same = null
      }
      checks.push(check(`merge of ${n} shards == unsharded manifest, byte for byte`, 'identical', same))
    }
    const shardSumMs = shardsOk ? shards.reduce((a, m) => a + m.medianMs, 0) : NaN
    const mergeMs = merge?.ok ? merge.medianMs : NaN
    const totalMs = shardSumMs + mergeMs
    // per run: the run's shard scans plus its merge (every measurement has ctx.runs times when all succeeded)
    const timesMs = ok ? Array.from({ length: ctx.runs }, (_, i) => shards.reduce((a, m) => a + (m.timesMs[i] ?? NaN), 0) + (merge.timesMs[i] ?? NaN)) : []
    const rss = [...shards, ...(merge ? [merge] : [])].map((m) => m.maxRssKb).filter((v): v is number => v !== null)
    const ratio = ok && whole.ok ? whole.medianMs / totalMs : null
    if (ok) {
      console.log(
        `  ${n} shard scans: ${fmtSeconds(shardSumMs)} (sum of medians; largest ${fmtSeconds(Math.max(...shards.map((m) => m.medianMs)))}), ` +
          `merge ${fmtSeconds(mergeMs)}, unsharded ${fmtSeconds(whole.medianMs)}` +
          (ratio !== null ? `; (shards + merge) / unsharded: ${(1 / ratio).toFixed(2)}×` : ''),
      )
    }
    results.push({
      id: 'I',
      name: `shard N=${n}: scans + merge`,
      reference: refSummary('unsharded scan', whole),
      tdgov: {
        command: shards[0]?.argv ?? [],
        medianMs: totalMs,
        timesMs,
        maxRssKb: rss.length ? Math.max(...rss) : null,
        // the unsharded scan is tdgov too: without it there is nothing to compare
        ok: ok && whole.ok,
      },
      ratio,
      ratioKind: 'speedup',
      targets: [],
      checks,
      details: {
        shards: n,
        shardMedianMs: shards.map((m) => m.medianMs),
        shardSumMs,
        mergeMs,
        shardCommands: shards.map((m) => m.argv),
        mergeCommand: mergeArgv,
        unshardedMs: whole.medianMs,
      },
    })
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return results
}
