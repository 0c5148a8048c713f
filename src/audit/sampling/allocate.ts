import { compareStrings } from '../../util/order.js'

/**
 * Proportional allocation of `n` sample units over strata of the given sizes, rounded by largest
 * remainder (ties by stratum name, so the result is reproducible). When n is at least the number
 * of strata, every stratum gets at least one unit, so no class or annotator goes unseen; no
 * stratum gets more units than it has.
 */
export function allocateProportionally(n: number, sizes: ReadonlyMap<string, number>): Map<string, number> {
  const names = [...sizes.keys()].sort(compareStrings)
  const total = names.reduce((sum, name) => sum + sizes.get(name)!, 0)
  const out = new Map<string, number>()
  if (n >= total) {
    for (const name of names) out.set(name, sizes.get(name)!)
    return out
  }
  const quota = new Map(names.map((name) => [name, (n * sizes.get(name)!) / total]))
  const floorOne = n >= names.length
  for (const name of names) {
    const base = Math.floor(quota.get(name)!)
    out.set(name, Math.min(sizes.get(name)!, floorOne ? Math.max(1, base) : base))
  }
  let allocated = [...out.values()].reduce((a, b) => a + b, 0)
  // Too few: give one more to the strata furthest below their quota. Too many (the minimum of
  // one pushed some strata above quota): take one back from those furthest above it.
  while (allocated < n) {
    const name = pick(names, (x) => out.get(x)! < sizes.get(x)!, (x) => quota.get(x)! - out.get(x)!)
    out.set(name, out.get(name)! + 1)
    allocated++
  }
  while (allocated > n) {
    const name = pick(names, (x) => out.get(x)! > 1, (x) => out.get(x)! - quota.get(x)!)
    out.set(name, out.get(name)! - 1)
    allocated--
  }
  return out
}

/** The eligible name with the largest score; the first in name order among equals. */
function pick(names: readonly string[], eligible: (name: string) => boolean, score: (name: string) => number): string {
  let best: string | undefined
  for (const name of names) {
    if (!eligible(name)) continue
    if (best === undefined || score(name) > score(best)) best = name
  }
  if (best === undefined) throw new Error('allocation has no eligible stratum')
  return best
}
