import type { TokenCandidate } from '../provenance/record-facts.js'
import { FileTokenSample } from '../provenance/text/index.js'
import { drawn } from './process-file.js'
import { tokenScale } from '../provenance/token-design.js'
import type { FileRecord } from './file-record.js'
import type { TokenDraw } from '../provenance/token-draw.js'
import type { ScanFileOptions } from './scan-file.js'
import type { TokenService } from './token-service.js'

export type { TokenDraw }

/**
 * The scale is recomputed (a binary search, each step a pass over the sizes seen) after the first
 * 256 files and then whenever the count has grown by a quarter: O(n log n) in all, where a fixed
 * interval would be quadratic in the number of files. A stale scale is smaller than the true one,
 * so workers offer a few files too many, never too few.
 */
const FIRST_RESCALE = 256
const RESCALE_GROWTH = 1.25

/**
 * Draws the files whose records are tokenised for the token estimate. Workers offer the text of
 * every file drawn under the scale known so far; the scale only grows as files arrive, so offers
 * that the final scale no longer draws are dropped as soon as the scale says so, and at the end the
 * files the final scale draws are tokenised. The sample thus depends on the dataset alone, not on
 * scheduling, and costs about TOKEN_BUDGET_BYTES of tokenising however large the dataset is.
 */
export class TokenSampling {
  private readonly sizes: number[] = []
  private readonly offered = new Map<string, { record: FileRecord; candidates: TokenCandidate[] }>()
  private nextRescale = FIRST_RESCALE

  private service: TokenService | null = null

  constructor(
    /** read by every batch sent to a worker: the scale it carries is updated in place */
    private readonly options: ScanFileOptions,
    private readonly startService: () => TokenService,
  ) {}

  /** Starts the encoder's thread (once): a scan without text never loads it. */
  start(): TokenService {
    this.service ??= this.startService()
    return this.service
  }

  async close(): Promise<void> {
    await this.service?.close()
  }

  /** A file's result, scanned (with its offered text, if any) or from the cache. */
  note(record: FileRecord, candidates: TokenCandidate[]): void {
    const contentBytes = record.tokenBytes
    if (contentBytes === null) return
    this.sizes.push(contentBytes)
    if (candidates.length > 0) this.offered.set(record.path, { record, candidates })
    if (this.sizes.length >= this.nextRescale) this.rescale()
  }

  private rescale(): void {
    this.nextRescale = Math.ceil(this.sizes.length * RESCALE_GROWTH)
    const scale = tokenScale(this.sizes)
    this.options.tokenScale = scale
    for (const [path, { record }] of this.offered) if (!drawn(record, scale)) this.offered.delete(path)
  }

  /**
   * Tokenises the drawn files and records each one's sample on its record (where the cache keeps
   * it); returns the final draw and the drawn records (few: the draw is sized by a token budget). `offer` re-reads a drawn file whose text was never offered: one
   * from the cache of a scan that drew fewer files.
   */
  async finish(records: Iterable<FileRecord>, offer: (record: FileRecord) => Promise<TokenCandidate[]>): Promise<{ draw: TokenDraw; sampled: FileRecord[] }> {
    const scale = tokenScale(this.sizes)
    const drawnPaths = new Set<string>()
    const work: Promise<void>[] = []
    const sampled: FileRecord[] = []
    for (const record of records) {
      if (!drawn(record, scale)) continue
      drawnPaths.add(record.path)
      sampled.push(record)
      const candidates = this.offered.get(record.path)?.candidates
      if (candidates) work.push(this.tokenise(record, candidates))
      else if (!record.tokenSample) work.push(offer(record).then((c) => this.tokenise(record, c)))
    }
    await Promise.all(work)
    return { draw: { scale, drawn: drawnPaths }, sampled }
  }

  private async tokenise(record: FileRecord, candidates: TokenCandidate[]): Promise<void> {
    if (candidates.length === 0) return
    const counts = await this.start().count(candidates.map((c) => c.text))
    const sample = new FileTokenSample()
    candidates.forEach((c, i) => sample.add(c.bytes, counts[i]!))
    record.tokenSample = sample.toJSON()
  }
}
