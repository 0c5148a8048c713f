/**
 * What a licence lets a trainer do with data, in the Data Provenance Initiative's three dimensions
 * (Longpre et al. 2023, `constants/license_classes.json`): the use it allows, whether it requires
 * attribution, and whether derived data must carry the same terms.
 */
export type LicenceUse = 'commercial' | 'non-commercial' | 'academic-only' | 'unspecified'

export interface LicenceClass {
  use: LicenceUse
  attribution: boolean
  shareAlike: boolean
}

/**
 * Higher is more restrictive. `unspecified` sits between commercial and non-commercial: nobody said
 * the data may not be sold, but nobody said it may, so it must not pass as commercial.
 */
const USE_RANK: Readonly<Record<LicenceUse, number>> = {
  commercial: 0,
  unspecified: 1,
  'non-commercial': 2,
  'academic-only': 3,
}

export const UNSPECIFIED: Readonly<LicenceClass> = Object.freeze({ use: 'unspecified', attribution: false, shareAlike: false })

/** The terms that bind data under every one of several licences at once (AND, or a dataset mixing sources). */
export function mostRestrictive(classes: readonly LicenceClass[]): LicenceClass {
  if (classes.length === 0) return { ...UNSPECIFIED }
  let use = classes[0].use
  let attribution = false
  let shareAlike = false
  for (const c of classes) {
    if (USE_RANK[c.use] > USE_RANK[use]) use = c.use
    attribution ||= c.attribution
    shareAlike ||= c.shareAlike
  }
  return { use, attribution, shareAlike }
}

/**
 * The option a licensee would pick from a choice (OR): the widest use, then the fewest obligations.
 * The options are not blended: picking MIT out of `MIT OR GPL-3.0-only` leaves no share-alike duty.
 * Returns the index of the option chosen.
 */
export function leastRestrictiveIndex(classes: readonly LicenceClass[]): number {
  let best = 0
  for (let i = 1; i < classes.length; i++) {
    if (compareRestriction(classes[i], classes[best]) < 0) best = i
  }
  return best
}

/** Negative when `a` restricts less than `b`. */
function compareRestriction(a: LicenceClass, b: LicenceClass): number {
  return USE_RANK[a.use] - USE_RANK[b.use] || Number(a.shareAlike) - Number(b.shareAlike) || Number(a.attribution) - Number(b.attribution)
}
