/** Case A: hash + count of the 1 GB JSONL against `sha256sum && wc -l`. */
import path from 'node:path'
import { measure } from '../measure.js'
import { check } from '../results.js'
import type { CaseResult, Check } from '../results.js'
import { findEntryIn, forget, refSummary, summary, tdgovScan, warmFile } from './context.js'
import type { Ctx } from './context.js'

const TARGET_A_RATIO = 2
const TARGET_A_RSS_KB = 200 * 1024

export function caseA(ctx: Ctx): CaseResult {
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
