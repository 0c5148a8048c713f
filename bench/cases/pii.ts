import fs from 'node:fs'
import path from 'node:path'
import { measure } from '../measure.js'
import { readManifest } from '../manifest.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { forget, refSummary, summary, tdgovScan, warmFile } from './context.js'
import type { Ctx } from './context.js'

/**
 * E: personal-information search over every record of the 1 GB JSONL (`--pii full`), reported as
 * throughput; sha256sum over the same file is run beside it for scale.
 */
export function caseE(ctx: Ctx): CaseResult {
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
