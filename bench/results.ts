/** The shapes of bench-results.json's cases, shared by run.ts and the case modules. */

export interface Check {
  name: string
  expected: string | number
  actual: string | number | null
  ok: boolean
}

export interface Target {
  name: string
  value: number | null
  limit: string
  pass: boolean
}

export interface CaseResult {
  id: string
  name: string
  reference: { label: string; command: string[]; medianMs: number; timesMs: number[]; maxRssKb: number | null } | null
  tdgov: { command: string[]; medianMs: number; timesMs: number[]; maxRssKb: number | null; ok: boolean }
  /**
   * A–C, I: reference / tdgov (higher is better); D: warm / cold (lower is better); E, J (--jobs 1): MB/s;
   * F: items/s; J (--jobs 2): tdgov's throughput / the reference's throughput
   */
  ratio: number | null
  ratioKind: 'speedup' | 'warm/cold' | 'MB/s' | 'items/s' | 'throughput' | 'none'
  /** F: the population (annotation lines) the command went through */
  items?: number
  targets: Target[]
  checks: Check[]
  /** H: the measured facts beside the truth (per type, per case, per file) */
  details?: unknown
}

/** A count or hash check: printed as ✓ or MISMATCH. */
export function check(name: string, expected: string | number, actual: string | number | null): Check {
  const ok = actual !== null && actual === expected
  if (!ok) {
    console.error(`  !!! MISMATCH: ${name}: expected ${expected}, got ${actual ?? '(not found in manifest)'}`)
  } else {
    console.log(`  ✓ ${name}: ${actual}`)
  }
  return { name, expected, actual, ok }
}
