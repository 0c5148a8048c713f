/** Inter-annotator agreement: Cohen's κ (weighted), Fleiss' κ, Krippendorff's α (also over label sets), percent agreement. */
export { AgreementError } from './agreement-error.js'
export { cohenKappa, cohenKappaFromTable, type CohenKappaOptions, type KappaWeights } from './cohen-kappa.js'
export { fleissKappa } from './fleiss-kappa.js'
export { krippendorffAlpha, type MeasurementLevel, type RatedUnit, type RatingValue } from './krippendorff-alpha.js'
export { percentAgreement } from './percent-agreement.js'
export { jaccardDistance, masiDistance } from './set-distance.js'
export { setAlpha, type SetDistance, type SetRatedUnit } from './set-alpha.js'
