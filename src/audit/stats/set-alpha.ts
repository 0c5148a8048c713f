import { AgreementError } from './agreement-error.js'
import { compareStrings } from '../../util/order.js'

/** One unit's annotations, each a set of labels (as an array; order and repeats do not matter). */
export type SetRatedUnit = readonly (readonly string[])[]

/** A distance between two label sets, 0 for equal sets (masiDistance, jaccardDistance). */
export type SetDistance = (a: readonly string[], b: readonly string[]) => number

// fast-krippendorff's words, as in krippendorff-alpha.ts
const ONE_VALUE = 'There has to be more than one value in the domain.'
const NO_PAIRABLE_UNIT = 'There has to be at least one unit with values assigned by at least two coders.'

/** A set's canonical key: its distinct labels in code-point order (also how repeat reports compare copies). */
export function labelSetKey(labels: readonly string[]): string {
  return JSON.stringify([...new Set(labels)].sort(compareStrings))
}

/**
 * Krippendorff's α over set-valued annotations with a set distance δ (Krippendorff 2011; NLTK's
 * `AnnotationTask.alpha` with `distance=masi_distance`): the values are the distinct label sets,
 * α = 1 − D_o / D_e with D_o = (1/n) Σ_u Σ_{c,k} n_uc n_uk δ(c, k) / (m_u − 1) over units with two or
 * more annotations and D_e = Σ_{c,k} n_c n_k δ(c, k) / (n (n − 1)). δ enters unsquared, as NLTK's
 * distances do. Throws AgreementError when there is one distinct set or no unit with two
 * annotations; 1 when the expected disagreement is 0. Cost: O(Σ m_u²) plus O(V²) over V distinct sets.
 */
export function setAlpha(units: readonly SetRatedUnit[], distance: SetDistance): number {
  const sets = new Map<string, { labels: string[]; total: number }>()
  const pairable: Map<string, number>[] = []
  for (const unit of units) {
    if (unit.length < 2) continue
    const counts = new Map<string, number>()
    for (const labels of unit) {
      const key = labelSetKey(labels)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      const known = sets.get(key)
      if (known) known.total++
      else sets.set(key, { labels: JSON.parse(key) as string[], total: 1 })
    }
    pairable.push(counts)
  }
  if (pairable.length === 0) throw new AgreementError(NO_PAIRABLE_UNIT)
  if (sets.size <= 1) throw new AgreementError(ONE_VALUE)
  const memo = new Map<string, number>()
  const delta = (c: string, k: string): number => {
    const id = c < k ? `${c}\u0000${k}` : `${k}\u0000${c}`
    let d = memo.get(id)
    if (d === undefined) memo.set(id, (d = distance(sets.get(c)!.labels, sets.get(k)!.labels)))
    return d
  }
  let n = 0
  let observed = 0
  for (const counts of pairable) {
    const entries = [...counts]
    const m = entries.reduce((sum, [, count]) => sum + count, 0)
    n += m
    let unit = 0
    for (let x = 0; x < entries.length; x++) {
      for (let y = x + 1; y < entries.length; y++) unit += 2 * entries[x]![1] * entries[y]![1] * delta(entries[x]![0], entries[y]![0])
    }
    observed += unit / (m - 1)
  }
  const all = [...sets]
  let expected = 0
  for (let x = 0; x < all.length; x++) {
    for (let y = x + 1; y < all.length; y++) expected += 2 * all[x]![1].total * all[y]![1].total * delta(all[x]![0], all[y]![0])
  }
  if (expected === 0) return 1
  return 1 - ((n - 1) * observed) / expected
}
