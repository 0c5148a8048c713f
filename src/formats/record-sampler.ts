import { SeededRandom } from '../util/prng.js'

export interface SampledRecord {
  /** 1-based record index */
  index: number
  /** 1-based line where the record starts */
  line: number
  text: string
}

/**
 * A uniform sample of k records from a stream of unknown length (reservoir sampling, Li's
 * Algorithm L: the number of records to skip is drawn geometrically, so the per-record cost is one
 * comparison). The caller asks `wants(index)` when a record starts and hands over its text only
 * when the answer is yes, so unsampled records are never decoded. With `k = Infinity` every record
 * is kept in turn and passed straight on (deep scans), so memory stays bounded there too.
 */
export class RecordSampler {
  private readonly reservoir: SampledRecord[] = []
  /** created on the first record past k: most files are smaller than their sample */
  private randomSource: SeededRandom | null = null
  private w = 1
  private nextPick = -1
  private pendingSlot = -1

  constructor(
    private readonly k: number,
    private readonly seed: string,
    private readonly onRecord?: (record: SampledRecord) => void,
  ) {}

  private get random(): SeededRandom {
    if (!this.randomSource) {
      this.randomSource = new SeededRandom(this.seed)
      this.nextPick = this.k
      this.advance()
    }
    return this.randomSource
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
    if (this.isExhaustive || index <= this.k) {
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
    this.reservoir[this.pendingSlot] = record
  }

  /** The sample in record order. */
  sample(): SampledRecord[] {
    return this.reservoir.filter((r) => r !== undefined).sort((a, b) => a.index - b.index)
  }

  private advance(): void {
    this.w *= Math.exp(Math.log(this.random.nextOpen()) / this.k)
    const skip = Math.floor(Math.log(this.random.nextOpen()) / Math.log(1 - this.w))
    this.nextPick = this.nextPick + skip + 1
  }
}
