export { PII_TYPES, SENSITIVE_PII, type PiiType } from './types.js'
export { countOf, densityPer10k, describeCounts, PiiTally, type PiiTallyJson } from './tally.js'
export { scanForPii } from './detect.js'
export { maskPii } from './mask.js'
