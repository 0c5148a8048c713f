/**
 * Case K, million: a tree of 1,000,000 small JSONL files (1,000 folders × 1,000 files, 1–5 lines
 * each, case C's generator), generated into BENCH_DIR/million on first use (about a minute and
 * 280 MB; kept with --keep). `tdgov scan` (cache on, as a user runs it) must finish with peak RSS
 * within the 300 MB, and its manifest must equal the merge of 4 shards byte for byte.
 * The reference is case C's, `find … | xargs sha256sum`, on the same tree.
 */
import fs from 'node:fs'
import path from 'node:path'
import { generateTree } from '../gen-tree.js'
import { fmtMb, fmtSeconds, measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, refSummary, tdgovScan, warmTree } from './context.js'
import type { Ctx } from './context.js'

const DIRS = 1000
const FILES_PER_DIR = 1000
const SHARDS = 4
const PEAK_RSS_LIMIT_KB = 300 * 1024

export function caseMillion(ctx: Ctx): CaseResult[] {
  const { l } = ctx
  const dirs = ctx.scale === 'smoke' ? 10 : DIRS
  const perDir = ctx.scale === 'smoke' ? 100 : FILES_PER_DIR
  const tree = path.join(l.benchDir, 'million', 'tree')
  const complete = path.join(l.benchDir, 'million', `complete-${dirs}x${perDir}`)
  if (!fs.existsSync(complete)) {
    console.log(`\n[K] generating ${(dirs * perDir).toLocaleString('en-US')} small files in ${tree} …`)
    fs.rmSync(path.dirname(tree), { recursive: true, force: true })
    const r = generateTree(tree, dirs, perDir, 20261203)
    fs.writeFileSync(complete, JSON.stringify(r) + '\n')
  }
  console.log(`\n[K] ${(dirs * perDir).toLocaleString('en-US')} small files: tdgov scan (peak RSS), and the merge of ${SHARDS} shards`)
  warmTree(tree)
  const out = path.join(l.benchDir, 'million', 'out')
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(out, { recursive: true })
  const ref = measure('find | xargs sha256sum', ['bash', '-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'], tree, 1)
  const manifest = path.join(out, 'manifest.json')
  // the cache is on, as a user runs it, and removed before each run: a cold scan that writes it
  const scan = measure('tdgov scan (cold, cache on)', tdgovScan(ctx, tree, ['--out', manifest]), l.benchDir, ctx.runs, () => {
    fs.rmSync(path.join(tree, '.tdgov'), { recursive: true, force: true })
    forget(manifest)()
  })
  const partials: string[] = []
  let shardsOk = scan.ok
  for (let k = 1; k <= SHARDS && shardsOk; k++) {
    const partial = path.join(out, `shard-${k}.ndjson`)
    shardsOk = measure(`tdgov scan --shard ${k}/${SHARDS}`, tdgovScan(ctx, tree, ['--shard', `${k}/${SHARDS}`, '--out', partial]), l.benchDir, 1, forget(partial)).ok
    partials.push(partial)
  }
  const merged = path.join(out, 'merged.json')
  const merge = shardsOk ? measure(`tdgov merge (${SHARDS})`, [process.execPath, ctx.cli, 'merge', ...partials, '--out', merged], l.benchDir, 1, forget(merged)) : null
  const checks: Check[] = []
  if (merge?.ok) {
    checks.push(check(`merge of ${SHARDS} shards == manifest, byte for byte`, 'identical', fs.readFileSync(merged).equals(fs.readFileSync(manifest)) ? 'identical' : 'different'))
  }
  fs.rmSync(path.join(tree, '.tdgov'), { recursive: true, force: true })
  fs.rmSync(out, { recursive: true, force: true })
  const rss = scan.maxRssKb
  if (scan.ok) console.log(`  scan ${fmtSeconds(scan.medianMs)}, peak RSS ${fmtMb(rss)}; merge peak RSS ${fmtMb(merge?.maxRssKb ?? null)}`)
  return [
    {
      id: 'K',
      name: `${(dirs * perDir).toLocaleString('en-US')} small files`,
      reference: refSummary('find|xargs sha256sum', ref),
      tdgov: { command: scan.argv, medianMs: scan.medianMs, timesMs: scan.timesMs, maxRssKb: rss, ok: scan.ok && (merge?.ok ?? false) },
      ratio: ref.ok && scan.ok ? ref.medianMs / scan.medianMs : null,
      ratioKind: 'speedup',
      targets: [{ name: 'peak RSS ≤ 300 MB', value: rss, limit: '≤ 300 MB', pass: rss !== null && rss <= PEAK_RSS_LIMIT_KB }],
      checks,
      details: { files: dirs * perDir, mergeMs: merge?.medianMs ?? null, mergeMaxRssKb: merge?.maxRssKb ?? null },
    },
  ]
}
