import { AgreementError } from './agreement-error.js'
import { sortedLabels } from './label-order.js'

/**
 * Disagreement weights for Cohen's κ over category *indices* i, j (not label values): 'none'
 * counts any disagreement as 1, 'linear' as |i − j|, 'quadratic' as (i − j)². Like sklearn (index
 * over `labels`, default the labels present) and R irr (index over the levels present).
 */
export type KappaWeights = 'none' | 'linear' | 'quadratic'

/** Options of {@link cohenKappa}. */
export interface CohenKappaOptions {
  /** Disagreement weights; default 'none'. */
  readonly weights?: KappaWeights
  /**
   * The ordered category list. Indices for weighted κ come from it, categories in it but unused
   * still count, and a label outside it throws AgreementError. Default: the labels present, sorted
   * numerically when all are numbers, else by code point.
   */
  readonly order?: readonly string[]
}

function weight(i: number, j: number, weights: KappaWeights): number {
  if (weights === 'linear') return Math.abs(i - j)
  if (weights === 'quadratic') return (i - j) ** 2
  return i === j ? 0 : 1
}

/**
 * Cohen's κ from a square contingency table (rows rater A, columns rater B, same category order):
 * κ_w = 1 − Σ w_ij o_ij / Σ w_ij e_ij with o = observed and e = chance (product of marginals)
 * proportions; with weights 'none' this is (p_o − p_e)/(1 − p_e). Returns null when κ is undefined:
 * no ratings, or no expected disagreement (a single category in use by both raters).
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): number | null {
  const k = table.length
  const rowTotals = new Array<number>(k).fill(0)
  const columnTotals = new Array<number>(k).fill(0)
  let total = 0
  for (const [i, row] of table.entries()) {
    if (row.length !== k) throw new RangeError(`Cohen's kappa: the table must be square, row ${i + 1} has ${row.length} cells, expected ${k}`)
    for (const [j, count] of row.entries()) {
      if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`Cohen's kappa: cell (${i + 1}, ${j + 1}) is ${count}, expected a count ≥ 0`)
      rowTotals[i] = (rowTotals[i] as number) + count
      columnTotals[j] = (columnTotals[j] as number) + count
      total += count
    }
  }
  if (total === 0) return null
  let observed = 0
  let expected = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weight(i, j, weights)
      if (w === 0) continue
      observed += (w * (table[i]?.[j] as number)) / total
      expected += (w * (rowTotals[i] as number) * (columnTotals[j] as number)) / (total * total)
    }
  }
  return expected === 0 ? null : 1 - observed / expected
}

/**
 * Cohen's κ between two raters' labels for the same items (a[i] and b[i] label item i). Symmetric
 * in a and b. See {@link CohenKappaOptions} for the category order; null when κ is undefined.
 */
export function cohenKappa(a: readonly string[], b: readonly string[], { weights = 'none', order }: CohenKappaOptions = {}): number | null {
  if (a.length !== b.length) throw new RangeError(`Cohen's kappa: the raters labelled ${a.length} and ${b.length} items, expected the same items`)
  const categories = order ?? sortedLabels([...a, ...b])
  const index = new Map<string, number>()
  for (const [i, category] of categories.entries()) {
    if (index.has(category)) throw new AgreementError(`the category order lists "${category}" twice`)
    index.set(category, i)
  }
  const table = categories.map(() => new Array<number>(categories.length).fill(0))
  const indexOf = (label: string): number => {
    const i = index.get(label)
    if (i === undefined) throw new AgreementError(`label "${label}" is not in the category order (${categories.join(', ')})`)
    return i
  }
  for (const [item, label] of a.entries()) {
    const row = table[indexOf(label)] as number[]
    const column = indexOf(b[item] as string)
    row[column] = (row[column] as number) + 1
  }
  return cohenKappaFromTable(table, weights)
}
