// The text-quality and token-estimation API in one import; the modules beside it hold one concern each.
export { recordText } from './record-text.js'
export { classifyLanguage, LANGUAGE_CLASSES, type LanguageClass } from './language.js'
export { duplicateHash, duplicateKey, normaliseForDuplicates } from './duplicate-hash.js'
export { EXACT_LIMIT, LengthStats, type LengthStatsJson, type LengthSummary } from './length-stats.js'
export { loadTokenCounter, TOKENIZER, type TokenCounter } from './token-counter.js'
export { TOKEN_INCLUSION_BYTES, tokenInclusion, uniformFromPath, type TokenInclusion } from './token-inclusion.js'
export {
  FileTokenSample,
  MIN_TOKEN_SAMPLE_RECORDS,
  TOKEN_SAMPLE_BYTES,
  tokenisationOrder,
  type FileTokenEstimate,
  type FileTokenSampleJson,
} from './file-token-sample.js'
export { estimateTokens, type FileTokenInput, type TokenEstimate, type TokenEstimateMethod } from './token-estimate.js'
export { normalQuantile } from '../../util/normal-quantile.js'
export { LanguageCounts, type LanguageCountsJson } from './language-counts.js'
