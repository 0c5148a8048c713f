import { isUtf8 } from 'node:buffer'
import type { FindingCollector } from '../findings/finding.js'
import { asBuffer } from '../util/as-buffer.js'
import { DEFAULT_LIMITS } from './limits.js'

/**
 * Splits pushed chunks into lines with Buffer.indexOf (readline is several times slower), checks
 * that the bytes are UTF-8 a region at a time, and hands each line to `onLine` as a view into the
 * chunk. Only the unfinished tail of a chunk is copied; a line that spans chunks is joined once,
 * when its newline arrives, so reading it is linear in its length. A line longer than
 * `maxLineBytes` is not held at all: it is counted and handed to `onLongLine` instead.
 */
export abstract class LineReader {
  protected lines = 0
  /** bytes consumed before the current chunk */
  private consumed = 0
  /** the unfinished line's pieces, oldest first */
  private carry: Buffer[] = []
  private carryBytes = 0
  /** the unfinished line is over the limit: its bytes are dropped as they come */
  private overLong = false

  constructor(
    protected readonly findings: FindingCollector,
    private readonly maxLineBytes = DEFAULT_LIMITS.maxRecordBytes,
  ) {}

  /** `start`/`end` exclude the newline; `offset` is the byte offset of `start` in the content. */
  protected abstract onLine(buf: Buffer, start: number, end: number, line: number, offset: number): void

  /** A line longer than the limit, never held in memory: a finding; readers that count records also count it. */
  protected onLongLine(line: number, offset: number): void {
    this.findings.add({ code: 'RECORD_TOO_LONG', line, offset, args: { limit: this.maxLineBytes } })
  }

  push(input: Uint8Array): void {
    const chunk = asBuffer(input)
    let pos = 0
    if (this.carryBytes > 0) {
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        this.hold(chunk, 0)
        this.consumed += chunk.length
        return
      }
      this.endCarried(chunk, nl)
      pos = nl + 1
    }
    const last = chunk.lastIndexOf(10)
    if (last >= pos) {
      this.checkUtf8(chunk, pos, last + 1, this.consumed + pos)
      let nl = chunk.indexOf(10, pos)
      while (nl !== -1 && nl <= last) {
        if (nl - pos > this.maxLineBytes) this.onLongLine(++this.lines, this.consumed + pos)
        else this.onLine(chunk, pos, nl, ++this.lines, this.consumed + pos)
        pos = nl + 1
        nl = pos > last ? -1 : chunk.indexOf(10, pos)
      }
    }
    if (pos < chunk.length) this.hold(chunk, pos)
    this.consumed += chunk.length
  }

  /** Keeps the unfinished tail `chunk[from..]` (a copy: the caller reuses its buffer), or only its length once over the limit. */
  private hold(chunk: Buffer, from: number): void {
    this.carryBytes += chunk.length - from
    if (this.overLong) return
    if (this.carryBytes > this.maxLineBytes) {
      this.overLong = true
      this.carry = []
      return
    }
    this.carry.push(Buffer.from(chunk.subarray(from)))
  }

  /** The carried line ends at `chunk[end]` (its newline, or the end of the content). */
  private endCarried(chunk: Buffer, end: number): void {
    const offset = this.consumed - this.carryBytes
    const length = this.carryBytes + end
    const overLong = this.overLong || length > this.maxLineBytes
    const parts = this.carry
    this.carry = []
    this.carryBytes = 0
    this.overLong = false
    if (overLong) {
      this.onLongLine(++this.lines, offset)
      return
    }
    parts.push(chunk.subarray(0, end))
    const line = Buffer.concat(parts, length)
    this.checkUtf8(line, 0, line.length, offset)
    this.onLine(line, 0, line.length, ++this.lines, offset)
  }

  /** Handles the final line when the content does not end with a newline. */
  protected flush(): void {
    if (this.carryBytes === 0) return
    this.endCarried(Buffer.alloc(0), 0)
  }

  private checkUtf8(buf: Buffer, start: number, end: number, offset: number): void {
    if (isUtf8(buf.subarray(start, end))) return
    // Rare path: find each bad line so the finding can say where.
    let lineNo = this.lines
    let pos = start
    while (pos < end) {
      let nl = buf.indexOf(10, pos)
      if (nl === -1 || nl >= end) nl = end
      lineNo++
      const line = buf.subarray(pos, nl)
      if (!isUtf8(line)) {
        this.findings.add({ code: 'UTF8_INVALID', line: lineNo, offset: offset + (pos - start) + firstInvalid(line) })
      }
      pos = nl + 1
    }
  }
}

/** Index of the first byte where UTF-8 decoding fails. */
function firstInvalid(bytes: Buffer): number {
  let lo = 0
  let hi = bytes.length
  // The longest valid prefix, found by bisection: isUtf8 is vectorised and cheap.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (isUtf8(bytes.subarray(0, mid)) || endsInsideSequence(bytes, mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** A valid prefix cut inside a multi-byte character is reported invalid; tell the two apart. */
function endsInsideSequence(bytes: Buffer, length: number): boolean {
  for (let back = 1; back <= 3 && length - back >= 0; back++) {
    const b = bytes[length - back]!
    if ((b & 0xc0) === 0x80) continue
    // 0xC0, 0xC1 and 0xF5–0xFF never start a character; ASCII needs no continuation.
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    return need > back && isUtf8(bytes.subarray(0, length - back))
  }
  return false
}
