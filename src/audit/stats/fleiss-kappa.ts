import { AgreementError } from './agreement-error.js'

/**
 * Fleiss' κ (Fleiss 1971) for any number of raters, from an items × categories table of counts:
 * table[i][j] = how many raters put item i in category j. Every item needs the same number of
 * ratings (≥ 2); uneven review coverage calls for Krippendorff's α instead, so it throws
 * AgreementError naming the item (by `itemNames[i]` when given, else its 1-based number). Returns
 * null when κ is undefined: every rating in one category. Not Cohen's κ for two raters, and not
 * Conger's κ (R irr `kappam.fleiss(exact = TRUE)`).
 */
export function fleissKappa(table: readonly (readonly number[])[], itemNames?: readonly string[]): number | null {
  const first = table[0]
  if (first === undefined) throw new AgreementError("Fleiss' kappa needs at least one rated item")
  const categories = first.length
  const name = (i: number): string => itemNames?.[i] ?? String(i + 1)
  const categoryTotals = new Array<number>(categories).fill(0)
  let raters = -1
  let agreementSum = 0
  for (const [i, row] of table.entries()) {
    if (row.length !== categories) throw new RangeError(`Fleiss' kappa: item ${name(i)} has ${row.length} categories, expected ${categories}`)
    let ratings = 0
    let squares = 0
    for (const [j, count] of row.entries()) {
      if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`Fleiss' kappa: item ${name(i)} has count ${count}, expected a whole number ≥ 0`)
      ratings += count
      squares += count * count
      categoryTotals[j] = (categoryTotals[j] as number) + count
    }
    if (raters < 0) {
      raters = ratings
      if (raters < 2) throw new AgreementError(`Fleiss' kappa needs at least 2 ratings per item: item ${name(i)} has ${ratings}`)
    } else if (ratings !== raters) {
      throw new AgreementError(`Fleiss' kappa needs the same number of ratings per item: item ${name(i)} has ${ratings}, expected ${raters}`)
    }
    // P_i: the share of agreeing rater pairs on item i.
    agreementSum += (squares - raters) / (raters * (raters - 1))
  }
  const totalRatings = table.length * raters
  if (categoryTotals.filter((count) => count > 0).length < 2) return null
  const meanAgreement = agreementSum / table.length
  const chanceAgreement = categoryTotals.reduce((sum, count) => sum + (count / totalRatings) ** 2, 0)
  return (meanAgreement - chanceAgreement) / (1 - chanceAgreement)
}
