import { normalQuantile } from '../../util/normal-quantile.js'
import { betaQuantile } from './incomplete-beta.js'

/**
 * Confidence intervals for a binomial proportion x/n: Wilson score (no continuity correction) and
 * Clopper–Pearson ("exact"). Both match R `binom::binom.confint` (methods "wilson" and "exact") as
 * stored in statsmodels' tests. The Wald interval is deliberately absent: it leaves [0, 1] and
 * under-covers at the small error counts an audit sees.
 *
 * Argument errors are RangeErrors, not UserErrors: callers derive x and n from a sheet and must not
 * ask for an interval of nothing (n = 0).
 */

/** A closed interval [lower, upper] within [0, 1]. */
export type Interval = readonly [lower: number, upper: number]

function checkCounts(x: number, n: number, confidence: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`proportion interval: n must be a positive integer, got ${n}`)
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) throw new RangeError(`proportion interval: x must be an integer in [0, ${n}], got ${x}`)
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`proportion interval: confidence must be in (0, 1), got ${confidence}`)
}

/** Centre and half-width of the Wilson score interval for quantile z. */
function wilsonParts(x: number, n: number, z: number): { centre: number; half: number } {
  const p = x / n
  const z2n = (z * z) / n
  const denominator = 1 + z2n
  return {
    centre: (p + z2n / 2) / denominator,
    half: (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator,
  }
}

const clip = (value: number): number => Math.min(1, Math.max(0, value))

/**
 * Two-sided Wilson score interval at `confidence` (default 0.95), z = Φ⁻¹((1 + C)/2), clipped to
 * [0, 1]. At x = 0 the lower end is exactly 0 and at x = n the upper end exactly 1 (the formula only
 * reaches them up to rounding).
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Interval {
  checkCounts(x, n, confidence)
  const { centre, half } = wilsonParts(x, n, normalQuantile((1 + confidence) / 2))
  return [x === 0 ? 0 : clip(centre - half), x === n ? 1 : clip(centre + half)]
}

/** One-sided Wilson lower bound: the proportion is ≥ this with confidence C (z = Φ⁻¹(C)). */
export function wilsonLowerBound(x: number, n: number, confidence = 0.95): number {
  checkCounts(x, n, confidence)
  if (x === 0) return 0
  const { centre, half } = wilsonParts(x, n, normalQuantile(confidence))
  return clip(centre - half)
}

/** One-sided Wilson upper bound: the proportion is ≤ this with confidence C (z = Φ⁻¹(C)). */
export function wilsonUpperBound(x: number, n: number, confidence = 0.95): number {
  checkCounts(x, n, confidence)
  if (x === n) return 1
  const { centre, half } = wilsonParts(x, n, normalQuantile(confidence))
  return clip(centre + half)
}

/**
 * Two-sided Clopper–Pearson interval at `confidence` (default 0.95): lower = B⁻¹(α/2; x, n−x+1),
 * upper = B⁻¹(1−α/2; x+1, n−x), α = 1 − C, with B⁻¹ the inverse regularized incomplete beta
 * (continued fraction + bisection). Lower is exactly 0 at x = 0 and upper exactly 1 at x = n.
 */
export function clopperPearsonInterval(x: number, n: number, confidence = 0.95): Interval {
  checkCounts(x, n, confidence)
  const alpha = 1 - confidence
  return [lowerBeta(x, n, alpha / 2), upperBeta(x, n, 1 - alpha / 2)]
}

/** One-sided Clopper–Pearson lower bound: B⁻¹(1 − C; x, n−x+1), 0 at x = 0. */
export function clopperPearsonLowerBound(x: number, n: number, confidence = 0.95): number {
  checkCounts(x, n, confidence)
  return lowerBeta(x, n, 1 - confidence)
}

/** One-sided Clopper–Pearson upper bound: B⁻¹(C; x+1, n−x), 1 at x = n. */
export function clopperPearsonUpperBound(x: number, n: number, confidence = 0.95): number {
  checkCounts(x, n, confidence)
  return upperBeta(x, n, confidence)
}

const lowerBeta = (x: number, n: number, tail: number): number => (x === 0 ? 0 : betaQuantile(tail, x, n - x + 1))
const upperBeta = (x: number, n: number, tail: number): number => (x === n ? 1 : betaQuantile(tail, x + 1, n - x))
