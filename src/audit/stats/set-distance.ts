/**
 * Distances between two annotations that are sets of labels (order and repeats do not matter),
 * for Krippendorff's α on set-valued data. Both take the labels as arrays and read them as sets.
 */

function overlap(a: readonly string[], b: readonly string[]): { left: number; right: number; common: number; union: number } {
  const left = new Set(a)
  const right = new Set(b)
  let common = 0
  for (const label of left) if (right.has(label)) common++
  return { left: left.size, right: right.size, common, union: left.size + right.size - common }
}

/** Jaccard distance, 1 − |A ∩ B| / |A ∪ B| (NLTK's `jaccard_distance`); 0 for two empty sets. */
export function jaccardDistance(a: readonly string[], b: readonly string[]): number {
  const { common, union } = overlap(a, b)
  return union === 0 ? 0 : (union - common) / union
}

/**
 * MASI, "measuring agreement on set-valued items" (Passonneau 2006): 1 − J·M, with J the Jaccard
 * similarity and M the monotonicity: 1 for equal sets, 0.67 when one contains the other, 0.33 when
 * they overlap otherwise, 0 when disjoint. The weights are NLTK's (`masi_distance`), which rounds
 * the paper's 2/3 and 1/3: the values users check against come from NLTK. 0 for two empty sets.
 */
export function masiDistance(a: readonly string[], b: readonly string[]): number {
  const { left, right, common, union } = overlap(a, b)
  if (union === 0) return 0
  const monotonicity = left === right && left === common ? 1 : common === Math.min(left, right) ? 0.67 : common > 0 ? 0.33 : 0
  return 1 - (common / union) * monotonicity
}
