/** Up to this many values are kept as they are, so small datasets get exact percentiles. */
export const EXACT_LIMIT = 10_000

/**
 * Past EXACT_LIMIT, values go to logarithmic buckets (the DDSketch layout: Masson, Rim & Lee,
 * VLDB 2019). Bucket i holds (γ^(i−1), γ^i] with γ = (1+α)/(1−α), and 2γ^i/(γ+1) is within α of
 * everything in it. Lengths are integers, so α = 0.5 % leaves room for rounding the answer: below
 * 100 a bucket is narrower than 1 and rounding gives the exact value back; from 100 up rounding adds
 * at most 0.5, which is ≤ 0.5 %. Either way the error stays within 1 %. Lengths up to 2^53 need
 * about 3,700 buckets, so memory is bounded whatever the input.
 */
const ALPHA = 0.005
const GAMMA = (1 + ALPHA) / (1 - ALPHA)
const LOG_GAMMA = Math.log(GAMMA)
/** The bucket of length 0, which has no logarithm. */
const ZERO_BUCKET = -1

export interface LengthStatsJson {
  count: number
  /** sum of all lengths: exact, since lengths are integers well below 2^53 in total */
  sum: number
  min: number
  max: number
  /** every length, ascending, while count ≤ EXACT_LIMIT; otherwise null */
  values: number[] | null
  /** [bucket index, count] pairs by ascending index once count > EXACT_LIMIT; otherwise null */
  buckets: Array<[number, number]> | null
}

export interface LengthSummary {
  count: number
  min: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/**
 * Record text length statistics in characters (code points), in bounded memory: exact up to
 * EXACT_LIMIT values, then a fixed log-bucket histogram with ≤ 1 % relative error on percentiles.
 * Count, sum, min, max and mean stay exact. Deterministic: the same lengths give the same JSON in any
 * order and any split into merged parts.
 *
 * Percentiles use the nearest-rank rule: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest.
 */
export class LengthStats {
  private count = 0
  private sum = 0
  private min = Infinity
  private max = -Infinity
  private values: number[] | null = []
  private buckets: Map<number, number> | null = null

  add(chars: number): void {
    if (!Number.isSafeInteger(chars) || chars < 0) {
      throw new RangeError(`length stats: a length must be a non-negative integer, got ${chars}`)
    }
    this.count++
    this.sum += chars
    if (chars < this.min) this.min = chars
    if (chars > this.max) this.max = chars
    if (this.values && this.values.length < EXACT_LIMIT) {
      this.values.push(chars)
      return
    }
    increment(this.histogram(), bucketOf(chars), 1)
  }

  merge(other: LengthStatsJson): void {
    if (other.count === 0) return
    this.count += other.count
    this.sum += other.sum
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
    if (this.values && other.values && this.values.length + other.values.length <= EXACT_LIMIT) {
      this.values.push(...other.values)
      return
    }
    const histogram = this.histogram()
    for (const chars of other.values ?? []) increment(histogram, bucketOf(chars), 1)
    for (const [bucket, n] of other.buckets ?? []) increment(histogram, bucket, n)
  }

  toJSON(): LengthStatsJson {
    return {
      count: this.count,
      sum: this.sum,
      min: this.count === 0 ? 0 : this.min,
      max: this.count === 0 ? 0 : this.max,
      values: this.values ? [...this.values].sort(ascending) : null,
      buckets: this.buckets ? [...this.buckets.entries()].sort((a, b) => a[0] - b[0]) : null,
    }
  }

  static fromJSON(json: LengthStatsJson): LengthStats {
    const stats = new LengthStats()
    stats.merge(json)
    return stats
  }

  summary(): LengthSummary | null {
    if (this.count === 0) return null
    const sorted = this.values ? [...this.values].sort(ascending) : null
    const percentile = (p: number): number => {
      const rank = Math.max(1, Math.ceil((p * this.count) / 100))
      return sorted ? sorted[rank - 1] : this.fromHistogram(rank)
    }
    return {
      count: this.count,
      min: this.min,
      p50: percentile(50),
      p90: percentile(90),
      p99: percentile(99),
      max: this.max,
      mean: this.sum / this.count,
    }
  }

  /** Switches to buckets (once) and returns them. */
  private histogram(): Map<number, number> {
    if (!this.buckets) {
      this.buckets = new Map()
      for (const chars of this.values ?? []) increment(this.buckets, bucketOf(chars), 1)
      this.values = null
    }
    return this.buckets
  }

  /** The value of the rank-th smallest length (1-based), from the buckets. */
  private fromHistogram(rank: number): number {
    const buckets = [...(this.buckets ?? [])].sort((a, b) => a[0] - b[0])
    let seen = 0
    for (const [bucket, n] of buckets) {
      seen += n
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, valueOf(bucket)))
    }
    return this.max
  }
}

function increment(histogram: Map<number, number>, bucket: number, n: number): void {
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + n)
}

function bucketOf(chars: number): number {
  return chars === 0 ? ZERO_BUCKET : Math.ceil(Math.log(chars) / LOG_GAMMA)
}

function valueOf(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : Math.round((2 * GAMMA ** bucket) / (GAMMA + 1))
}

function ascending(a: number, b: number): number {
  return a - b
}
