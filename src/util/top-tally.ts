import { compareStrings } from './order.js'

/** A key's sums; the first value ranks the keys (bytes, for the domain tallies). */
export type TallyValues = number[]

export interface TallyRow {
  key: string
  values: TallyValues
}

export interface TopTallyResult {
  /** at most `limit` rows: the largest first value first, ties by key in code-unit order */
  rows: TallyRow[]
  /**
   * what did not fit, summed: `keys` counts the keys folded, so a key folded more than once (the
   * working set overflowed, the key came back and was folded again) counts each time
   */
  other: { keys: number; values: TallyValues } | null
}

/**
 * Sums of a few values per key, in bounded memory: at most `working` keys are held; when more
 * arrive, the smaller half (by the first value, then by key) is folded into `other`. The result
 * keeps the `limit` largest. Totals are always exact (a row's values plus `other` add up to what
 * was added); a key folded early and seen again restarts from what came after, so only when the
 * working set overflowed can a row be smaller than its true sum. Deterministic for a given order
 * of additions.
 */
export class TopTally {
  private readonly cells = new Map<string, TallyValues>()
  private otherKeys = 0
  private otherValues: TallyValues | null = null

  constructor(
    private readonly width: number,
    private readonly working: number,
  ) {}

  get size(): number {
    return this.cells.size
  }

  add(key: string, values: readonly number[]): void {
    const cell = this.cells.get(key)
    if (cell) {
      for (let i = 0; i < this.width; i++) cell[i]! += values[i] ?? 0
      return
    }
    const fresh = new Array<number>(this.width)
    for (let i = 0; i < this.width; i++) fresh[i] = values[i] ?? 0
    this.cells.set(key, fresh)
    if (this.cells.size > this.working) this.prune(Math.floor(this.working / 2))
  }

  /** Keys already folded elsewhere (a file's own `other`): counted and summed into `other`. */
  addOther(keys: number, values: readonly number[]): void {
    this.otherKeys += keys
    const sums = (this.otherValues ??= new Array<number>(this.width).fill(0))
    for (let i = 0; i < this.width; i++) sums[i]! += values[i] ?? 0
  }

  result(limit: number): TopTallyResult {
    const rows = this.sorted()
    const kept = rows.slice(0, limit)
    const other = new TopTally(this.width, Infinity)
    if (this.otherValues) other.addOther(this.otherKeys, this.otherValues)
    for (const row of rows.slice(limit)) other.addOther(1, row.values)
    return { rows: kept, other: other.otherValues ? { keys: other.otherKeys, values: other.otherValues } : null }
  }

  private sorted(): TallyRow[] {
    return [...this.cells].map(([key, values]) => ({ key, values })).sort(byFirstThenKey)
  }

  private prune(keep: number): void {
    const rows = this.sorted()
    for (const row of rows.slice(keep)) {
      this.cells.delete(row.key)
      this.addOther(1, row.values)
    }
  }
}

/** Largest first value first; ties by key in code-unit order. */
export function byFirstThenKey(a: TallyRow, b: TallyRow): number {
  return b.values[0]! - a.values[0]! || compareStrings(a.key, b.key)
}
