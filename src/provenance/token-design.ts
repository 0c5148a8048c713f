import { TOKEN_INCLUSION_BYTES } from './text/index.js'
import { TOKEN_TEXT_BUDGET } from './record-facts.js'

/**
 * Text a scan tokenises for its token estimate, whatever the dataset's size: at 9 MB/s of BPE this
 * is about a quarter of a second.
 */
export const TOKEN_BUDGET_BYTES = 2 * 1024 * 1024

/**
 * The size scale C of the token sample's design: a file of X content bytes is drawn with
 * probability min(1, X / C) and, when drawn, tokenised on up to TOKEN_TEXT_BUDGET bytes of its
 * records. C is the smallest scale (at least TOKEN_INCLUSION_BYTES) whose expected cost,
 * Σ min(1, X/C)·min(X, B), fits the budget. It depends only on the set of file sizes, so the sample
 * is the same whatever order files are scanned in; and it grows as files are added, so a scale
 * computed over part of the dataset draws a superset of the files the final scale draws.
 */
export function tokenScale(sizes: readonly number[], budget = TOKEN_BUDGET_BYTES): number {
  const cost = (c: number): number => {
    let total = 0
    for (const x of sizes) total += Math.min(1, x / c) * Math.min(x, TOKEN_TEXT_BUDGET)
    return total
  }
  let low = TOKEN_INCLUSION_BYTES
  if (cost(low) <= budget) return low
  let high = low * 2
  while (cost(high) > budget) high *= 2
  // Whole bytes are precise enough, and keep the scale an exact, printable number.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (cost(mid) > budget) low = mid
    else high = mid
  }
  return high
}
