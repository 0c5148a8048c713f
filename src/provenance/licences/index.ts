// Licence detection and classification: free licence strings, SPDX expressions, licence texts,
// Hugging Face cards and Croissant files → canonical ids → DPI-style classes.
export { mostRestrictive, type LicenceClass, type LicenceUse } from './licence-class.js'
export { classifyLicence, type ClassifiedLicence } from './classify-licence.js'
export { licenceNames, parseLicenceExpression, type LicenceExpression } from './licence-expression.js'
export { normaliseLicence, type NormalisedLicence } from './normalise-licence.js'
export { identifyLicenceText, SIMILARITY_THRESHOLD } from './identify-licence-text.js'
export { cardLicence, licencesFromCard, type CardLicence } from './card-licence.js'
export { licencesFromCroissant } from './croissant-licence.js'
export { HF_LICENCE_IDS, hfLicenceIdFor, isHfLicenceId } from './hf-licences.js'
