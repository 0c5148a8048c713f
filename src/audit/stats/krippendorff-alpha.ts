import { AgreementError } from './agreement-error.js'
import { isNumericLabel, sortedLabels } from './label-order.js'

/** Stevens' level of measurement, which picks the distance δ² of Krippendorff's α. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio'

/** One value a coder gave a unit. Numbers and the strings that spell them are the same value. */
export type RatingValue = string | number

/**
 * The values that one unit (item) received, one per coder that rated it; a coder who did not rate
 * the unit simply contributes nothing. Which coder gave which value does not matter to α.
 */
export type RatedUnit = readonly RatingValue[]

/** The ordered value domain and the distance between two of its values (by domain index). */
interface Domain {
  readonly size: number
  readonly indexOf: (value: RatingValue) => number
  /** δ²(c, k); `marginals` are the pairable value counts n_c, `prefix[i]` = Σ_{g<i} n_g. */
  readonly distance: (c: number, k: number, marginals: readonly number[], prefix: readonly number[]) => number
}

// The two messages fast-krippendorff raises, kept word for word so users can search for them.
const ONE_VALUE = 'There has to be more than one value in the domain.'
const NO_PAIRABLE_UNIT = 'There has to be at least one unit with values assigned by at least two coders.'

function numeric(value: RatingValue, level: MeasurementLevel, hint: string): number {
  const number = typeof value === 'number' ? value : isNumericLabel(value) ? Number(value) : Number.NaN
  if (!Number.isFinite(number)) throw new AgreementError(`Krippendorff's alpha at the ${level} level needs numbers${hint}; got "${value}"`)
  if (level === 'ratio' && number < 0) throw new AgreementError(`Krippendorff's alpha at the ratio level needs values ≥ 0; got ${number}`)
  return number
}

function distanceFor(level: MeasurementLevel, values: readonly number[]): Domain['distance'] {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1)
    case 'ordinal':
      // Krippendorff's rank distance: the pairable values between c and k inclusive, minus half of
      // each end, squared. Unused values in an explicit order have n_g = 0 and add nothing.
      return (c, k, marginals, prefix) => {
        const lo = Math.min(c, k)
        const hi = Math.max(c, k)
        if (lo === hi) return 0
        const between = (prefix[hi + 1] as number) - (prefix[lo] as number)
        return (between - ((marginals[lo] as number) + (marginals[hi] as number)) / 2) ** 2
      }
    case 'interval':
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2
    case 'ratio':
      return (c, k) => {
        const sum = (values[c] as number) + (values[k] as number)
        return sum === 0 ? 0 : (((values[c] as number) - (values[k] as number)) / sum) ** 2
      }
  }
}

/**
 * The value domain. With `order`, it is `order` itself (values outside it throw): ordinal ranks are
 * positions in it, interval values are positions in it (0, 1, 2, … — equally spaced categories),
 * ratio values must still be numbers. Without `order`: nominal takes the distinct values as labels;
 * the other levels need numbers and rank them ascending.
 */
function buildDomain(all: readonly RatingValue[], level: MeasurementLevel, order: readonly RatingValue[] | undefined): Domain {
  if (order !== undefined) {
    const index = new Map<string, number>()
    for (const [i, entry] of order.entries()) {
      const key = String(entry)
      if (index.has(key)) throw new AgreementError(`the value order lists "${key}" twice`)
      index.set(key, i)
    }
    const values = level === 'ratio' ? order.map((entry) => numeric(entry, level, '')) : order.map((_, i) => i)
    const indexOf = (value: RatingValue): number => {
      const i = index.get(String(value))
      if (i === undefined) throw new AgreementError(`value "${value}" is not in the value order (${order.join(', ')})`)
      return i
    }
    return { size: order.length, indexOf, distance: distanceFor(level, values) }
  }
  if (level === 'nominal') {
    const labels = sortedLabels(all.map(String))
    const index = new Map(labels.map((label, i) => [label, i]))
    return { size: labels.length, indexOf: (value) => index.get(String(value)) as number, distance: distanceFor(level, []) }
  }
  const hint = ' or an explicit --order'
  const values = [...new Set(all.map((value) => numeric(value, level, hint)))].sort((a, b) => a - b)
  const index = new Map(values.map((value, i) => [value, i]))
  return { size: values.length, indexOf: (value) => index.get(numeric(value, level, hint)) as number, distance: distanceFor(level, values) }
}

/**
 * Krippendorff's α (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), coincidence
 * matrix form: units with fewer than 2 values are ignored; α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 * Handles missing ratings and any number of coders, so it suits uneven review coverage.
 *
 * `order` fixes the value domain (required for ordinal or interval data given as words); see
 * buildDomain for how each level reads it. Throws AgreementError with fast-krippendorff's messages
 * when the domain has one value or no unit has two values, and for values the level cannot use.
 * Returns 1 when the expected disagreement is 0 (as NLTK does): all pairable values equal.
 * Cost: O(Σ m_u²) for the units plus O(V²) over the V distinct values.
 */
export function krippendorffAlpha(units: readonly RatedUnit[], level: MeasurementLevel, order?: readonly RatingValue[]): number {
  const domain = buildDomain(units.flat(), level, order)
  const indexed = units.map((unit) => unit.map(domain.indexOf))
  if (domain.size <= 1) throw new AgreementError(ONE_VALUE)

  const pairable = indexed.filter((unit) => unit.length >= 2)
  if (pairable.length === 0) throw new AgreementError(NO_PAIRABLE_UNIT)

  const marginals = new Array<number>(domain.size).fill(0)
  const unitCounts = pairable.map((unit) => {
    const counts = new Map<number, number>()
    for (const value of unit) {
      counts.set(value, (counts.get(value) ?? 0) + 1)
      marginals[value] = (marginals[value] as number) + 1
    }
    return counts
  })
  const prefix = [0]
  for (const count of marginals) prefix.push((prefix[prefix.length - 1] as number) + count)
  const pairableValues = prefix[prefix.length - 1] as number

  // Σ o_ck δ²_ck, one unit at a time: unit u adds m_c·m_k/(m_u − 1) to o_ck for c ≠ k.
  let observed = 0
  for (const [u, counts] of unitCounts.entries()) {
    const entries = [...counts]
    let unitSum = 0
    for (let x = 0; x < entries.length; x++) {
      for (let y = x + 1; y < entries.length; y++) {
        const [c, mc] = entries[x] as [number, number]
        const [k, mk] = entries[y] as [number, number]
        unitSum += 2 * mc * mk * domain.distance(c, k, marginals, prefix)
      }
    }
    observed += unitSum / ((pairable[u] as readonly number[]).length - 1)
  }

  const used = marginals.flatMap((count, value) => (count > 0 ? [value] : []))
  let expected = 0
  for (let x = 0; x < used.length; x++) {
    for (let y = x + 1; y < used.length; y++) {
      const c = used[x] as number
      const k = used[y] as number
      expected += 2 * (marginals[c] as number) * (marginals[k] as number) * domain.distance(c, k, marginals, prefix)
    }
  }
  return expected === 0 ? 1 : 1 - ((pairableValues - 1) * observed) / expected
}
