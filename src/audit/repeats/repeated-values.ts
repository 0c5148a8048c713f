import { closeSync, readSync, writeSync } from 'node:fs'
import { endianness } from 'node:os'
import { InternalError } from '../../util/errors.js'
import { openSpillFile } from '../../util/spill-file.js'

/**
 * Values held in memory before they are sorted and spilled to disk: 4 Mi values of 8 bytes, so
 * finding repeats costs at most 32 MiB of memory whatever the population (plus 8 bytes a unit on
 * disk past that, in a file that is deleted as soon as it is opened).
 */
export const REPEAT_MEMORY_VALUES = 1 << 22
const FIRST_CAPACITY = 1 << 16
/** Values read back per spilled run while merging. */
const MERGE_CHUNK = 1 << 16

// A BigUint64Array over the same bytes sorts the pairs as 64-bit numbers when each pair is stored in
// the platform's byte order.
const LO = endianness() === 'LE' ? 0 : 1
const HI = 1 - LO

/**
 * Which 64-bit values (units' ranks, hi and lo halves) were added more than once, exactly, in
 * bounded memory: values fill a buffer, a full buffer is sorted and spilled as a run, and the runs
 * are merged at the end. Equal ranks are only candidates; callers compare the units' keys.
 */
export class RepeatedValues {
  private buffer = new ArrayBuffer(FIRST_CAPACITY * 8)
  private words = new Uint32Array(this.buffer)
  private count = 0
  private readonly runs: { offset: number; length: number }[] = []
  private fd: number | null = null
  private spilledBytes = 0

  constructor(private readonly memoryValues: number = REPEAT_MEMORY_VALUES) {}

  add(hi: number, lo: number): void {
    if (this.count * 2 === this.words.length) this.makeRoom()
    this.words[2 * this.count + LO] = lo
    this.words[2 * this.count + HI] = hi
    this.count++
  }

  /** The values added twice or more. Ends the store: its spill file is closed. */
  repeated(): Set<bigint> {
    try {
      if (this.runs.length === 0) return repeatsInSorted(this.sortedValues())
      this.spill()
      return this.mergeRuns()
    } finally {
      if (this.fd !== null) closeSync(this.fd)
      this.fd = null
    }
  }

  private sortedValues(): BigUint64Array {
    return new BigUint64Array(this.buffer, 0, this.count).sort()
  }

  private makeRoom(): void {
    const capacity = this.words.length / 2
    if (capacity < this.memoryValues) {
      const next = new ArrayBuffer(Math.min(capacity * 2, this.memoryValues) * 8)
      new Uint32Array(next).set(this.words)
      this.buffer = next
      this.words = new Uint32Array(next)
    } else {
      this.spill()
    }
  }

  private spill(): void {
    if (this.count === 0) return
    const sorted = this.sortedValues()
    this.fd ??= openSpillFile('repeats')
    const bytes = new Uint8Array(sorted.buffer, 0, this.count * 8)
    let written = 0
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.spilledBytes + written)
    this.runs.push({ offset: this.spilledBytes, length: this.count })
    this.spilledBytes += bytes.length
    this.count = 0
  }

  /** A k-way merge of the sorted runs: equal values meet side by side. */
  private mergeRuns(): Set<bigint> {
    const fd = this.fd!
    const readers = this.runs.map((run) => new RunReader(fd, run.offset, run.length))
    const repeated = new Set<bigint>()
    let previous: bigint | null = null
    for (;;) {
      let best: RunReader | null = null
      for (const reader of readers) {
        if (reader.head !== null && (best === null || reader.head < best.head!)) best = reader
      }
      if (best === null) return repeated
      const value = best.head!
      if (value === previous) repeated.add(value)
      previous = value
      best.next()
    }
  }
}

function repeatsInSorted(values: BigUint64Array): Set<bigint> {
  const repeated = new Set<bigint>()
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) repeated.add(values[i]!)
  return repeated
}

class RunReader {
  head: bigint | null = null
  private readonly chunk = new BigUint64Array(MERGE_CHUNK)
  private inChunk = 0
  private at = 0
  private read = 0

  constructor(
    private readonly fd: number,
    private readonly offset: number,
    private readonly length: number,
  ) {
    this.next()
  }

  next(): void {
    if (this.at === this.inChunk) {
      const want = Math.min(MERGE_CHUNK, this.length - this.read)
      if (want === 0) {
        this.head = null
        return
      }
      const bytes = new Uint8Array(this.chunk.buffer, 0, want * 8)
      let got = 0
      while (got < bytes.length) {
        const n = readSync(this.fd, bytes, got, bytes.length - got, this.offset + this.read * 8 + got)
        if (n === 0) throw new InternalError('the repeat spill file ended before its runs did')
        got += n
      }
      this.read += want
      this.inChunk = want
      this.at = 0
    }
    this.head = this.chunk[this.at++]!
  }
}
