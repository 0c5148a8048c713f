import { normalQuantile } from '../../util/normal-quantile.js'
import { UserError } from '../../util/errors.js'

/**
 * The finite population correction used by {@link cochranSampleSize}: Cochran (1977) Sampling
 * Techniques, 3rd ed., ch. 4, from V(p) = (N − n)/(N − 1) · PQ/n. R samplingbook uses the other
 * common form n0 / (1 + n0/N); the two differ by under 0.3 items on every published vector and give
 * the same ceiling on all of them (audit-statistics.md §2.2).
 */
export const COCHRAN_FPC_FORM = 'n = n0 / (1 + (n0 - 1) / N)'

/** Input of {@link cochranSampleSize}. */
export interface CochranInput {
  /** Half-width e of the confidence interval for the proportion, 0 < e < 1 (0.05 = ±5 points). */
  readonly margin: number
  /** Two-sided confidence level C, 0 < C < 1; default 0.95. */
  readonly confidence?: number
  /** Anticipated proportion P, 0 < P < 1; default 0.5, the worst case. */
  readonly proportion?: number
  /** Population size N, a positive integer; omit for an infinite population. */
  readonly population?: number
}

// A computed n0 that lands within this of a whole number is taken to be that number, so binary
// noise (e.g. 96.00000000000001) cannot make the ceiling one item too large.
const WHOLE_NUMBER_TOLERANCE = 1e-9

/**
 * Sample size to estimate a proportion within ±margin at the given confidence (Cochran):
 * n0 = z²·P(1−P)/e² with the exact z = Φ⁻¹((1 + C)/2), then {@link COCHRAN_FPC_FORM} when a
 * population is given. Always rounded up (published examples that truncate under-sample), at
 * least 1 and never more than the population. Invalid input throws UserError naming the option.
 */
export function cochranSampleSize({ margin, confidence = 0.95, proportion = 0.5, population }: CochranInput): number {
  checkOpenUnit('--margin', margin)
  checkOpenUnit('--confidence', confidence)
  checkOpenUnit('anticipated proportion', proportion)
  if (population !== undefined && !(Number.isInteger(population) && population >= 1)) {
    throw new UserError(`--population ${population}: expected a whole number of items, at least 1`)
  }
  const z = normalQuantile((1 + confidence) / 2)
  const n0 = (z * z * proportion * (1 - proportion)) / (margin * margin)
  const n = population === undefined ? n0 : n0 / (1 + (n0 - 1) / population)
  const size = Math.max(1, tolerantCeil(n))
  return population === undefined ? size : Math.min(size, population)
}

function tolerantCeil(x: number): number {
  const nearest = Math.round(x)
  return Math.abs(x - nearest) <= WHOLE_NUMBER_TOLERANCE * Math.max(1, nearest) ? nearest : Math.ceil(x)
}

function checkOpenUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new UserError(`${name} ${value}: expected a number between 0 and 1, both excluded`)
}
