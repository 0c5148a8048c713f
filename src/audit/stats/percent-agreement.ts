import { AgreementError } from './agreement-error.js'
import type { RatedUnit } from './krippendorff-alpha.js'

/**
 * Percent (observed) agreement: over the units with at least 2 values, the mean share of agreeing
 * coder pairs within the unit, Σ_k r_k(r_k − 1) / (m(m − 1)) for a unit of m values of which r_k
 * equal k (Gwet's p_a; prodigy-iaa `percent_agreement`). A unit rated 2, 2, 3, 2 counts 0.5, not 0:
 * this is what reproduces the published 0.8182 for the Krippendorff (2011) data, where "all values
 * agree" would give 8/11 = 0.7273. With two coders per unit both readings coincide. Values compare
 * as strings (1 and "1" agree). Throws AgreementError when no unit has 2 values.
 */
export function percentAgreement(units: readonly RatedUnit[]): number {
  let sum = 0
  let pairable = 0
  for (const unit of units) {
    if (unit.length < 2) continue
    const counts = new Map<string, number>()
    for (const value of unit) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1)
    let agreeing = 0
    for (const count of counts.values()) agreeing += count * (count - 1)
    sum += agreeing / (unit.length * (unit.length - 1))
    pairable++
  }
  if (pairable === 0) throw new AgreementError('There has to be at least one unit with values assigned by at least two coders.')
  return sum / pairable
}
