/** Case B: the Parquet row count (from the footer) + hash, with `sha256sum` for context. */
import path from 'node:path'
import { measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { findEntryIn, forget, refSummary, summary, tdgovScan, warmFile } from './context.js'
import type { Ctx } from './context.js'

export function caseB(ctx: Ctx): CaseResult {
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
    checks.push(check('manifest records == Parquet rows', ctx.gen.marker.parquet?.rows ?? ctx.sizes.parquetRows, entry?.records ?? null))
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
