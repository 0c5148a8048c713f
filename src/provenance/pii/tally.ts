import { maskPii } from './mask.js'
import { isPiiType, PII_TYPES, type PiiType } from './types.js'

export type PiiTallyJson = { counts: Partial<Record<PiiType, number>>; examples: Partial<Record<PiiType, string[]>> }

/** Masked examples kept per type: enough to show what was found, few enough for a manifest. */
export const MAX_EXAMPLES = 3

/**
 * Per file / per source counts and up to 3 masked examples per type (distinct, first seen).
 * Mergeable, serialisable.
 */
export class PiiTally {
  private readonly counts = new Map<PiiType, number>()
  private readonly examples = new Map<PiiType, string[]>()

  /** Counts one value; masks immediately (only while examples are still wanted), never stores `raw`. */
  add(type: PiiType, raw: string): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1)
    const kept = this.examplesOf(type)
    if (kept.length < MAX_EXAMPLES) {
      const masked = maskPii(type, raw)
      if (!kept.includes(masked)) kept.push(masked)
    }
  }

  /** Adds another tally's counts; its examples fill the free slots after this tally's own. */
  merge(other: PiiTallyJson): void {
    for (const [type, count] of Object.entries(other.counts)) {
      if (!isPiiType(type)) throw new Error(`pii tally: unknown type "${type}"`)
      if (!Number.isSafeInteger(count) || count < 0) throw new Error(`pii tally: count of ${type} must be a non-negative integer, got ${String(count)}`)
      if (count > 0) this.counts.set(type, (this.counts.get(type) ?? 0) + count)
    }
    for (const [type, examples] of Object.entries(other.examples)) {
      if (!isPiiType(type)) throw new Error(`pii tally: unknown type "${type}"`)
      const kept = this.examplesOf(type)
      for (const example of examples ?? []) {
        if (kept.length >= MAX_EXAMPLES) break
        if (!kept.includes(example)) kept.push(example)
      }
    }
  }

  get total(): number {
    let sum = 0
    for (const count of this.counts.values()) sum += count
    return sum
  }

  /** Only types counted, keys in PII_TYPES order, so equal tallies serialise to equal bytes. */
  toJSON(): PiiTallyJson {
    const counts: Partial<Record<PiiType, number>> = {}
    const examples: Partial<Record<PiiType, string[]>> = {}
    for (const type of PII_TYPES) {
      const count = this.counts.get(type)
      if (count === undefined || count === 0) continue
      counts[type] = count
      const kept = this.examples.get(type)
      if (kept !== undefined && kept.length > 0) examples[type] = [...kept]
    }
    return { counts, examples }
  }

  static fromJSON(json: PiiTallyJson): PiiTally {
    const tally = new PiiTally()
    tally.merge(json)
    return tally
  }

  private examplesOf(type: PiiType): string[] {
    let kept = this.examples.get(type)
    if (kept === undefined) {
      kept = []
      this.examples.set(type, kept)
    }
    return kept
  }
}

/** How many personal values a tally's counts add up to (absent counts are none). */
export function countOf(counts: PiiTallyJson['counts'] | undefined): number {
  let total = 0
  for (const n of Object.values(counts ?? {})) total += n ?? 0
  return total
}

/** Personal values per 10,000 records searched, to two decimals (0 when nothing was searched). */
export function densityPer10k(counts: PiiTallyJson['counts'] | undefined, records: number): number {
  return records === 0 ? 0 : Math.round((countOf(counts) / records) * 1e6) / 100
}

/** "cn-resident-id ×2, bank-card ×1": the types found (those `include` keeps), in PII_TYPES order, for messages. */
export function describeCounts(counts: PiiTallyJson['counts'], include: (type: PiiType) => boolean = () => true): string {
  return PII_TYPES.filter((t) => include(t) && (counts[t] ?? 0) > 0)
    .map((t) => `${t} ×${counts[t]}`)
    .join(', ')
}
