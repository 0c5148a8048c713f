import type { FindingCollector } from '../findings/finding.js'
import { SeededRandom } from '../util/prng.js'

/**
 * Characters of record text a sample holds until the file ends (1 or 2 bytes each in memory). A
 * thousand records of 1 MB would otherwise hold a gigabyte; past this the sample is halved (see
 * RecordSampler.shrink), so it holds at most this much and never less than one whole record.
 */
export const SAMPLE_TEXT_BUDGET = 16 * 1024 * 1024

export interface SampledRecord {
  /** 1-based record index */
  index: number
  /** 1-based line where the record starts */
  line: number
  /** byte offset in the content where the record starts, where the reader knows it */
  offset?: number
  text: string
}

/**
 * A uniform sample of k records from a stream of unknown length (reservoir sampling, Li's
 * Algorithm L: the number of records to skip is drawn geometrically, so the per-record cost is one
 * comparison). The caller asks `wants(index)` when a record starts and hands over its text only
 * when the answer is yes, so unsampled records are never decoded. With `k = Infinity` every record
 * is kept in turn and passed straight on (deep scans), so memory stays bounded there too.
 *
 * The text held is bounded by `budget`: when the kept records' text passes it, the sample is cut
 * to a uniform half of itself and goes on with half the size (`reducedTo` says how far), so long
 * records cost a smaller sample, never unbounded memory. A file whose sample fits is sampled
 * exactly as without a budget.
 */
export class RecordSampler {
  /** holes are records counted but never held (too long to keep) */
  private readonly reservoir: (SampledRecord | undefined)[] = []
  /** created on the first record past k: most files are smaller than their sample */
  private randomSource: SeededRandom | null = null
  private w = 1
  private nextPick = -1
  private pendingSlot = -1
  private k: number
  /** the 1-based index of the last record `wants` was asked about */
  private lastIndex = 0
  /** characters of text in the reservoir */
  private heldChars = 0
  /** the sample was cut to fit the budget: it is at most `k` records now */
  private reduced = false

  constructor(
    k: number,
    private readonly seed: string,
    private readonly onRecord?: (record: SampledRecord) => void,
    private readonly budget = SAMPLE_TEXT_BUDGET,
  ) {
    this.k = k
  }

  private get random(): SeededRandom {
    if (!this.randomSource) {
      this.randomSource = new SeededRandom(this.seed)
      this.nextPick = this.k
      this.advance()
    }
    return this.randomSource
  }

  /** The sample's size after it was cut to fit the text budget; null when it never was. */
  get reducedTo(): number | null {
    return this.reduced ? this.k : null
  }

  /** SAMPLE_REDUCED, when the sample was cut to fit the text budget. */
  noteReduced(findings: FindingCollector): void {
    if (this.reduced) findings.add({ code: 'SAMPLE_REDUCED', args: { records: this.k, limit: this.budget } })
  }

  /**
   * The sampler a scan asks for: every record straight to `parse` under --deep, otherwise a
   * reservoir of `sampleSize` seeded by the file's path, parsed when the file ends.
   */
  static forScan(ctx: { deep: boolean; sampleSize: number; relPath: string }, parse: (record: SampledRecord) => void): RecordSampler {
    return ctx.deep ? new RecordSampler(Infinity, ctx.relPath, parse) : new RecordSampler(ctx.sampleSize, ctx.relPath)
  }

  get isExhaustive(): boolean {
    return !Number.isFinite(this.k)
  }

  /** Whether the record with this 1-based index is to be kept. */
  wants(index: number): boolean {
    this.lastIndex = index
    if (this.isExhaustive || (!this.reduced && index <= this.k)) {
      this.pendingSlot = index - 1
      return true
    }
    const random = this.random
    if (index !== this.nextPick) return false
    this.pendingSlot = Math.floor(random.next() * this.k)
    this.advance()
    return true
  }

  /** The text of the record `wants` just said yes to. */
  keep(record: SampledRecord): void {
    if (this.onRecord) {
      this.onRecord(record)
      return
    }
    this.heldChars += record.text.length - (this.reservoir[this.pendingSlot]?.text.length ?? 0)
    this.reservoir[this.pendingSlot] = record
    while (this.heldChars > this.budget && this.k > 1) this.shrink()
  }

  /**
   * Cuts the reservoir to a uniform half of itself and goes on as a reservoir of that size. In
   * Algorithm L's terms every record has a uniform key and the reservoir holds the k smallest: the
   * slots' keys are drawn (one of them is the threshold w itself, the others uniform below it; all
   * uniform in (0, 1) while the first k records are still being kept), the half with the smallest
   * keys stays, and its largest key is the new threshold. The result is the sample a reservoir of
   * the smaller size would have drawn.
   */
  private shrink(): void {
    const filling = !this.reduced && this.lastIndex <= this.k
    const slots = filling ? this.lastIndex : this.k
    // while filling, w is still 1 and the random source may not exist yet
    const random = (this.randomSource ??= new SeededRandom(this.seed))
    const top = filling ? -1 : Math.floor(random.next() * slots)
    const keyed = Array.from({ length: slots }, (_, i) => ({ record: this.reservoir[i], key: i === top ? this.w : this.w * random.nextOpen() }))
    keyed.sort((a, b) => a.key - b.key)
    const kept = keyed.slice(0, Math.max(1, Math.floor(slots / 2)))
    this.k = kept.length
    this.reduced = true
    this.w = kept[kept.length - 1]!.key
    this.reservoir.length = 0
    this.heldChars = 0
    for (const { record } of kept) {
      this.reservoir.push(record)
      this.heldChars += record?.text.length ?? 0
    }
    this.nextPick = this.lastIndex
    this.skip()
  }

  /** The sample in record order. */
  sample(): SampledRecord[] {
    return this.reservoir.filter((r): r is SampledRecord => r !== undefined).sort((a, b) => a.index - b.index)
  }

  private advance(): void {
    this.w *= Math.exp(Math.log(this.random.nextOpen()) / this.k)
    this.skip()
  }

  private skip(): void {
    const skip = Math.floor(Math.log(this.random.nextOpen()) / Math.log(1 - this.w))
    this.nextPick = this.nextPick + skip + 1
  }
}
