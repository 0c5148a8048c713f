export { PII_TYPES, SENSITIVE_PII, type PiiType } from './types.js'
export { countOf, PiiTally, type PiiTallyJson } from './tally.js'
export { scanForPii } from './detect.js'
export { maskPii } from './mask.js'
