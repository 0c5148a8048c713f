import { SeededRandom } from '../util/prng.js'

/*
 * The row sample of a columnar file (Parquet, Arrow IPC), whose row count is known before any row
 * is read. Rows are read in units (a Parquet row group or part of one, an Arrow record batch); a
 * unit costs about the same to decode whether one of its rows is wanted or all of them, so the
 * design is chosen by what the units it touches cost:
 *   1. a uniform sample of k of the N rows (every k-subset equally likely), when the units holding
 *      those rows cost at most the budget together: nearly always for small files;
 *   2. otherwise a two-stage (cluster) sample: units in a seeded random order, taken while their
 *      cost fits the budget (at least one), and the k rows spread over the units taken in proportion
 *      to their sizes, uniformly within each. Every row's chance of being analysed is then about
 *      the same (exactly when units are of equal size and cost), but rows come in clusters, so
 *      facts that vary along the file (a sorted or concatenated dataset) are less precise than a
 *      uniform sample of the same size would give.
 * Both are seeded by the file's path, so a rescan of the same file analyses the same rows.
 */

export interface SampleUnit {
  /** 0-based position of the unit's first row in the file */
  start: number
  rows: number
  /** estimated cost of reading the unit (bytes decoded), in the budget's units */
  cost: number
}

export interface PlannedUnit {
  start: number
  rows: number
  /** 0-based offsets within the unit of the rows to analyse, ascending */
  picks: number[]
}

export interface RowSamplePlan {
  /** the units to read, in file order */
  units: PlannedUnit[]
  design: 'every row' | 'uniform' | 'clusters'
  /** units in the file, and units read (the clusters of the two-stage design) */
  unitsInFile: number
}

/**
 * The units to read and the rows to analyse in each: every row when `n <= k`; else as described
 * above. `units` must be contiguous and in file order.
 */
export function planRowSample(units: readonly SampleUnit[], k: number, budget: number, seed: string): RowSamplePlan {
  const n = units.reduce((sum, unit) => sum + unit.rows, 0)
  const unitsInFile = units.length
  if (n <= k) {
    return { units: units.filter((u) => u.rows > 0).map((u) => ({ start: u.start, rows: u.rows, picks: range(u.rows) })), design: 'every row', unitsInFile }
  }
  const random = new SeededRandom(seed)
  const picks = uniformIndices(n, k, random)
  const touched = assignToUnits(units, picks)
  const touchedCost = touched.reduce((sum, planned) => sum + planned.cost, 0)
  if (touchedCost <= budget) {
    return { units: touched.map(({ start, rows, picks }) => ({ start, rows, picks })), design: 'uniform', unitsInFile }
  }
  const chosen: SampleUnit[] = []
  let spent = 0
  for (const i of randomOrder(units.length, random)) {
    const unit = units[i]!
    if (unit.rows === 0) continue
    if (chosen.length > 0 && (spent + unit.cost > budget || chosen.length >= k)) break
    chosen.push(unit)
    spent += unit.cost
  }
  chosen.sort((a, b) => a.start - b.start)
  const counts = allocate(chosen.map((u) => u.rows), k)
  return {
    units: chosen.map((unit, i) => ({ start: unit.start, rows: unit.rows, picks: uniformIndices(unit.rows, counts[i]!, random) })),
    design: 'clusters',
    unitsInFile,
  }
}

/** The rows of a file read whole (--deep, --pii full): a uniform k of n to analyse, or all of them. */
export function uniformPicks(n: number, k: number, seed: string): number[] {
  return n <= k ? range(n) : uniformIndices(n, k, new SeededRandom(seed))
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i)
}

/** A uniform integer in [0, n), with 53 bits of resolution (files may hold more than 2^32 rows). */
export function randomBelow(random: SeededRandom, n: number): number {
  const u = random.next() + random.next() / 4294967296
  return Math.min(n - 1, Math.floor(u * n))
}

/** k distinct integers drawn uniformly from [0, n), ascending (Floyd's algorithm: O(k) draws). */
export function uniformIndices(n: number, k: number, random: SeededRandom): number[] {
  if (k >= n) return range(n)
  const chosen = new Set<number>()
  for (let j = n - k; j < n; j++) {
    const t = randomBelow(random, j + 1)
    chosen.add(chosen.has(t) ? j : t)
  }
  return [...chosen].sort((a, b) => a - b)
}

/** 0..n-1 in a uniformly random order, drawn lazily (a Fisher–Yates shuffle that stores only the swaps). */
export function* randomOrder(n: number, random: SeededRandom): Generator<number> {
  const swapped = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const j = i + randomBelow(random, n - i)
    const at = swapped.get(j) ?? j
    swapped.set(j, swapped.get(i) ?? i)
    swapped.delete(i)
    yield at
  }
}

/** k split over the sizes in proportion (largest remainders), none above its size. */
export function allocate(sizes: readonly number[], k: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0)
  if (total <= k) return [...sizes]
  const exact = sizes.map((size) => (size * k) / total)
  const counts = exact.map(Math.floor)
  let left = k - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    if (counts[i]! < sizes[i]!) {
      counts[i]!++
      left--
    }
  }
  return counts
}

/** The units holding the picked rows (0-based, ascending), each with its picks as offsets. */
function assignToUnits(units: readonly SampleUnit[], picks: readonly number[]): (PlannedUnit & { cost: number })[] {
  const planned: (PlannedUnit & { cost: number })[] = []
  let u = 0
  for (const row of picks) {
    while (u < units.length && row >= units[u]!.start + units[u]!.rows) u++
    const unit = units[u]
    if (!unit) break
    const last = planned[planned.length - 1]
    if (last?.start === unit.start) last.picks.push(row - unit.start)
    else planned.push({ start: unit.start, rows: unit.rows, cost: unit.cost, picks: [row - unit.start] })
  }
  return planned
}
