import { FileTokenSample, type FileTokenSampleJson } from './file-token-sample.js'
import { normalQuantile } from '../../util/normal-quantile.js'

export interface FileTokenInput {
  contentBytes: number
  /** π: the probability the file had of being tokenised (`tokenInclusion`); 1 if all files were */
  probability: number
  /** the tokenised records' sums, or null when the file was not tokenised */
  sample: FileTokenSampleJson | null
  totalRecords: number
}

export interface TokenEstimate {
  estimate: number
  low: number
  high: number
  tokenisedFiles: number
  /** raw bytes of the records that were tokenised */
  tokenisedBytes: number
  method: TokenEstimateMethod
}

/**
 * 'exact': every file was tokenised in full. 'poisson-pps-ratio': files drawn by Poisson πps
 * sampling, records sampled within large files, total by ratio estimation on content bytes.
 */
export type TokenEstimateMethod = 'exact' | 'poisson-pps-ratio'

/**
 * The dataset's total tokens with a confidence interval, from a Poisson πps sample of files
 * (`tokenInclusion`) and, within each tokenised file, a uniform sample of its records
 * (`FileTokenSample`). Null when no file was tokenised.
 *
 * Estimator: the ratio estimator, i.e. the GREG estimator for the model y_i ∝ X_i (tokens
 * proportional to content bytes), under two-stage sampling (Särndal, Swensson & Wretman 1992,
 * Model Assisted Survey Sampling: ratio estimator, Poisson sampling, two-stage variance). Files
 * that were certain to be tokenised (π = 1) need no model: they contribute their own estimates,
 * and the ratio is fitted on the sampled files (π < 1) only. This is the same GREG with a separate
 * ratio for the two groups; it keeps large files, measured directly, from setting the ratio applied
 * to small files, whose ratio may differ. For the sampled group U₂ with sample s₂:
 *
 *   R̂ = Σ_s₂ ŷ_i/π_i / Σ_s₂ X_i/π_i,   T̂ = Σ_certain ŷ_i + R̂·Σ_U₂ X_i
 *   V̂ = Σ_certain v_i + Σ_s₂ (1 − π_i)/π_i² · (ŷ_i − R̂X_i)² + Σ_s₂ v_i/π_i
 *
 * where ŷ_i and v_i are a file's estimate and within-file variance (`FileTokenSample.estimateFile`).
 * The first sum over s₂ is the Poisson-design variance of the residuals (independent draws, so no
 * cross terms); the second is the within-file (second-stage) term. Interval: T̂ ± z·√V̂, with
 * z = Φ⁻¹((1 + confidence)/2), and never below the tokens actually counted.
 *
 * Files with π = 1 but no sample (not tokenised after all) are treated like unsampled files: they
 * get R̂ too, and the interval does not account for them. If no file with π < 1 was drawn, the
 * certain files' ratio stands in for R̂ and its variance is taken as (R̂·Σ_U₂ X)², i.e. a 100 %
 * relative error, which is conservative and rare (the chance is ∏(1 − π_i) over those files).
 */
export function estimateTokens(files: FileTokenInput[], confidence = 0.95): TokenEstimate | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`token estimate: confidence must be in (0, 1), got ${confidence}`)
  let tokenisedFiles = 0
  let tokenisedBytes = 0
  let counted = 0
  let certainTokens = 0
  let certainBytes = 0
  let variance = 0
  let exact = true
  let modelBytes = 0
  const sampled: Array<{ x: number; y: number; v: number; pi: number }> = []
  for (const file of files) {
    const { sample } = file
    if (sample === null || (sample.n === 0 && file.totalRecords > 0)) {
      modelBytes += file.contentBytes
      continue
    }
    if (!(file.probability > 0 && file.probability <= 1)) {
      throw new RangeError(`token estimate: a tokenised file needs a probability in (0, 1], got ${file.probability}`)
    }
    tokenisedFiles++
    tokenisedBytes += sample.sumX
    counted += sample.sumY
    const { tokens, variance: v } = FileTokenSample.estimateFile(sample, file.contentBytes, file.totalRecords)
    if (file.probability === 1) {
      certainTokens += tokens
      certainBytes += file.contentBytes
      variance += v
      if (sample.n < file.totalRecords) exact = false
    } else {
      modelBytes += file.contentBytes
      sampled.push({ x: file.contentBytes, y: tokens, v, pi: file.probability })
    }
  }
  if (tokenisedFiles === 0) return null

  let estimate = certainTokens
  if (modelBytes > 0) {
    exact = false
    if (sampled.length > 0) {
      let weightedTokens = 0
      let weightedBytes = 0
      for (const { x, y, pi } of sampled) {
        weightedTokens += y / pi
        weightedBytes += x / pi
      }
      const ratio = weightedBytes > 0 ? weightedTokens / weightedBytes : 0
      estimate += ratio * modelBytes
      for (const { x, y, v, pi } of sampled) {
        const residual = y - ratio * x
        variance += ((1 - pi) / (pi * pi)) * residual * residual + v / pi
      }
    } else {
      const borrowed = certainBytes > 0 ? (certainTokens / certainBytes) * modelBytes : 0
      estimate += borrowed
      variance += borrowed * borrowed
    }
  }

  const halfWidth = normalQuantile((1 + confidence) / 2) * Math.sqrt(variance)
  // The ratio can put the estimate below what was counted when the sampled files disagree.
  const rounded = Math.max(counted, Math.round(estimate))
  return {
    estimate: rounded,
    low: Math.max(counted, Math.round(estimate - halfWidth)),
    high: Math.max(rounded, Math.round(estimate + halfWidth)),
    tokenisedFiles,
    tokenisedBytes,
    method: exact ? 'exact' : 'poisson-pps-ratio',
  }
}
