import { SeededRandom } from '../../util/prng.js'

/** Records of an included file are tokenised until about this much record text has been counted. */
export const TOKEN_SAMPLE_BYTES = 64 * 1024
/** At least this many records, when the file has them: one record gives no variance estimate. */
export const MIN_TOKEN_SAMPLE_RECORDS = 2

/** Sums over the tokenised records of one file: x = raw record bytes, y = tokens of its text. */
export interface FileTokenSampleJson {
  n: number
  sumX: number
  sumY: number
  sumXX: number
  sumYY: number
  sumXY: number
}

export interface FileTokenEstimate {
  tokens: number
  variance: number
}

/**
 * The tokens counted in one file: records are tokenised one by one from a uniform random sample of
 * the file's records (see `tokenisationOrder`), and only the sums needed for a ratio estimate and
 * its variance are kept.
 */
export class FileTokenSample {
  private n = 0
  private sumX = 0
  private sumY = 0
  private sumXX = 0
  private sumYY = 0
  private sumXY = 0

  /**
   * `recordBytes` is the record's share of the file's content bytes (its raw bytes, delimiters
   * included where practical), `tokens` the token count of its text (`recordText`).
   */
  add(recordBytes: number, tokens: number): void {
    if (!(recordBytes >= 0 && tokens >= 0 && Number.isFinite(recordBytes) && Number.isFinite(tokens))) {
      throw new RangeError(`token sample: bytes and tokens must be finite and non-negative, got ${recordBytes} and ${tokens}`)
    }
    this.n++
    this.sumX += recordBytes
    this.sumY += tokens
    this.sumXX += recordBytes * recordBytes
    this.sumYY += tokens * tokens
    this.sumXY += recordBytes * tokens
  }

  /** Whether to tokenise another record (if the sample has one): under budget or under two records. */
  get wantsMore(): boolean {
    return this.n < MIN_TOKEN_SAMPLE_RECORDS || this.sumX < TOKEN_SAMPLE_BYTES
  }

  toJSON(): FileTokenSampleJson {
    return { n: this.n, sumX: this.sumX, sumY: this.sumY, sumXX: this.sumXX, sumYY: this.sumYY, sumXY: this.sumXY }
  }

  /**
   * The file's tokens from its sample: the ratio estimator ŷ = (Σy/Σx)·X with X = contentBytes, and
   * its usual linearised variance with finite-population correction (Cochran, Sampling Techniques,
   * 3rd ed. 1977, ch. 6, the ratio estimate of a total under simple random sampling):
   *
   *   v(ŷ) = N²·(1 − n/N)/n · s², s² = Σ(y − R̂x)²/(n − 1) = (Σy² − 2R̂Σxy + R̂²Σx²)/(n − 1)
   *
   * with N = totalRecords. When every record was tokenised (n ≥ N) the count is exact: Σy,
   * variance 0 (not R̂·X, which would differ by the bytes outside records such as a CSV header).
   * With one record of several there is no s²; it is then taken as ȳ², a per-record relative error
   * of 100 %, which is conservative.
   */
  static estimateFile(sample: FileTokenSampleJson, contentBytes: number, totalRecords: number): FileTokenEstimate {
    const { n, sumX, sumY } = sample
    if (n >= totalRecords) return { tokens: sumY, variance: 0 }
    if (n === 0) throw new RangeError(`token sample: no record tokenised out of ${totalRecords}`)
    const ratio = sumX > 0 ? sumY / sumX : 0
    const tokens = ratio * contentBytes
    // From raw sums, rounding can take a near-zero residual variance just below 0.
    const residual =
      n > 1 ? Math.max(0, (sample.sumYY - 2 * ratio * sample.sumXY + ratio * ratio * sample.sumXX) / (n - 1)) : (sumY / n) ** 2
    const variance = (totalRecords * totalRecords * (1 - n / totalRecords) * residual) / n
    return { tokens, variance }
  }
}

/**
 * The order in which to tokenise a file's sampled records: a shuffle seeded by the path. The
 * sample itself is uniform, but `RecordSampler.sample()` returns it in record order, and taking its
 * first records until the budget runs out would favour the start of the file. Any prefix of a
 * random permutation of a uniform sample is again a uniform sample, which the ratio estimator
 * assumes.
 */
export function tokenisationOrder<T>(records: readonly T[], path: string): T[] {
  const order = [...records]
  const random = new SeededRandom(`tokens-order\0${path}`)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1))
    const swap = order[i]
    order[i] = order[j]
    order[j] = swap
  }
  return order
}
