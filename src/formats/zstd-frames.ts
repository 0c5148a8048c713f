/**
 * The largest zstd window tdgov decodes: zstd's own command-line decoder refuses more unless
 * given `--memory` (its default limit is 128 MiB, windowLog 27). fzstd allocates the window a
 * frame header asks for, up to 2 GB, and copies it on every block.
 */
export const MAX_ZSTD_WINDOW = 128 * 1024 * 1024

const ZSTD_MAGIC = 0xfd2fb528
const enum Step {
  Magic,
  SkippableSize,
  Descriptor,
  HeaderRest,
  BlockHeader,
}

/**
 * Follows the frame structure of a zstd stream (RFC 8878 §3.1) without decoding it: frame headers
 * are read, block contents and skippable frames are stepped over. It finds where a frame asking
 * for too large a window starts, before any of that frame reaches the decoder.
 */
export class ZstdFrameGuard {
  private step = Step.Magic
  /** bytes of the field being read */
  private field: number[] = []
  private need = 4
  /** bytes still to step over (block content, skippable frame, checksum) */
  private skip = 0
  private descriptor = 0
  private lastBlock = false
  /** the window the last frame header asked for */
  window = 0

  constructor(private readonly maxWindow = MAX_ZSTD_WINDOW) {}

  /**
   * Reads `chunk`; returns the offset in it where a frame with a window over the limit starts,
   * or -1 when every frame header in it is within the limit. Bytes that are not zstd are left to
   * the decoder to reject.
   */
  check(chunk: Uint8Array): number {
    let frameStart = -1
    for (let i = 0; i < chunk.length; ) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i)
        this.skip -= n
        i += n
        continue
      }
      if (this.step === Step.Magic && this.field.length === 0) frameStart = i
      this.field.push(chunk[i++]!)
      if (this.field.length < this.need) continue
      const field = this.field
      this.field = []
      if (this.advance(field)) return frameStart >= 0 ? frameStart : 0
    }
    return -1
  }

  /** Acts on a complete field; true when it is a frame header asking for too large a window. */
  private advance(field: number[]): boolean {
    switch (this.step) {
      case Step.Magic: {
        const magic = le(field)
        if (magic === ZSTD_MAGIC) return this.expect(Step.Descriptor, 1)
        if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) return this.expect(Step.SkippableSize, 4)
        // Not zstd: the decoder says so; stop following.
        this.skip = Infinity
        return false
      }
      case Step.SkippableSize:
        this.skip = le(field)
        return this.expect(Step.Magic, 4)
      case Step.Descriptor: {
        const d = field[0]!
        this.descriptor = d
        const single = (d >> 5) & 1
        const fcsFlag = d >> 6
        const rest = (single ? 0 : 1) + [0, 1, 2, 4][d & 3]! + (fcsFlag === 0 ? single : 1 << fcsFlag)
        return rest === 0 ? this.expect(Step.BlockHeader, 3) : this.expect(Step.HeaderRest, rest)
      }
      case Step.HeaderRest: {
        const d = this.descriptor
        const single = (d >> 5) & 1
        const fcsFlag = d >> 6
        if (single) {
          const fcsBytes = fcsFlag === 0 ? 1 : 1 << fcsFlag
          this.window = le(field.slice(field.length - fcsBytes)) + (fcsFlag === 1 ? 256 : 0)
        } else {
          const base = 2 ** (10 + (field[0]! >> 3))
          this.window = base + (base / 8) * (field[0]! & 7)
        }
        if (this.window > this.maxWindow) return true
        return this.expect(Step.BlockHeader, 3)
      }
      case Step.BlockHeader: {
        const header = le(field)
        this.lastBlock = (header & 1) === 1
        const type = (header >> 1) & 3
        // An RLE block holds one byte however many it stands for.
        this.skip = type === 1 ? 1 : header >>> 3
        if (!this.lastBlock) return this.expect(Step.BlockHeader, 3)
        if ((this.descriptor >> 2) & 1) this.skip += 4
        return this.expect(Step.Magic, 4)
      }
    }
  }

  private expect(step: Step, bytes: number): false {
    this.step = step
    this.need = bytes
    return false
  }
}

/** A little-endian unsigned integer of up to 8 bytes (beyond 2^53 approximately, which is enough for a size check). */
function le(bytes: number[]): number {
  let value = 0
  for (let i = bytes.length - 1; i >= 0; i--) value = value * 256 + bytes[i]!
  return value
}
