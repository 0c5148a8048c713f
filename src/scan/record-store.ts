import { closeSync, readSync, writeSync } from 'node:fs'
import { decodeEntry, encodeEntry } from '../records/entry-line.js'
import type { TokenSample } from '../records/manifest-schema.js'
import { openSpillFile } from '../util/spill-file.js'
import { InternalError } from '../util/errors.js'
import { compareStrings } from '../util/order.js'
import type { CacheKey } from './cache.js'
import type { FileRecord } from './file-record.js'

/** A file's record, with the size and mtime the cache keeps it under (null: not to be cached). */
export interface StoredFile {
  record: FileRecord
  key: CacheKey | null
}

/**
 * Characters of encoded records held in memory before they are sorted and spilled as a run: about
 * 16 MB of one-byte strings, some 40,000 small files' records. A scan of a million files then
 * holds a few dozen MB of records, not the gigabytes of every record it made.
 */
export const RECORD_MEMORY_CHARS = 16 << 20

/**
 * The budget a store gets by default: RECORD_MEMORY_CHARS, or TDGOV_RECORD_MEMORY_CHARS when set
 * (tests set it small, so that a few files take the path a million do).
 */
function defaultMemoryChars(): number {
  const given = Number(process.env.TDGOV_RECORD_MEMORY_CHARS)
  return Number.isInteger(given) && given > 0 ? given : RECORD_MEMORY_CHARS
}
/** Bytes read from each spilled run at a time while merging. */
const RUN_CHUNK = 1 << 16

interface Held extends StoredFile {
  path: string
}

/** What a record costs in memory, roughly, in characters: its two JSON texts and the rest. */
function heldChars(record: FileRecord): number {
  return record.json.length + record.factsJson.length + 160
}

function encodeStored({ record, key }: StoredFile): string {
  return `${JSON.stringify(record.path)}\t${key ? `${key.size}\t${key.mtimeMs}` : '-\t-'}\t${encodeEntry(record)}`
}

/**
 * Every file's record as a scan makes them, kept in bounded memory and read back in path order
 * as often as the manifest needs: records are held as they come until they fill a budget; then
 * they are sorted and appended, one line each (the path, the cache key and the scan cache's line
 * codec), to a file that is deleted as soon as it is opened, and reading merges those runs with
 * what is still held. A small scan never touches the disk.
 */
export class RecordStore {
  private held: Held[] = []
  private heldChars = 0
  private readonly runs: { offset: number; bytes: number }[] = []
  private fd: number | null = null
  private spilledBytes = 0
  private sorted = true
  private readonly tokenSamples = new Map<string, TokenSample>()
  private count = 0

  constructor(private readonly memoryChars: number = defaultMemoryChars()) {}

  get size(): number {
    return this.count
  }

  add(record: FileRecord, key: CacheKey | null): void {
    if (this.held.length > 0 && this.sorted && compareStrings(this.held[this.held.length - 1]!.path, record.path) > 0) this.sorted = false
    this.held.push({ path: record.path, record, key })
    this.heldChars += heldChars(record)
    this.count++
    if (this.heldChars >= this.memoryChars) this.spill()
  }

  /** The token sample drawn for a file after its record was stored: read back with the record. */
  setTokenSample(filePath: string, sample: TokenSample): void {
    this.tokenSamples.set(filePath, sample)
  }

  /** Every record in path order (each call reads them again; a path stored twice comes twice). */
  *files(): Generator<StoredFile> {
    this.sortHeld()
    const cursors: Cursor[] = this.runs.map((run) => new RunCursor(this.fd!, run.offset, run.bytes))
    cursors.push(new HeldCursor(this.held))
    const heap = new CursorHeap()
    for (const cursor of cursors) if (cursor.advance()) heap.push(cursor)
    while (heap.size > 0) {
      const cursor = heap.top()
      yield cursor.held ?? this.decode(cursor.line!)
      if (cursor.advance()) heap.replaceTop(cursor)
      else heap.pop()
    }
  }

  /** Ends the store: its spill file is closed (and, being unlinked, gone). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    this.held = []
    this.runs.length = 0
  }

  private decode(line: string): StoredFile {
    const tab1 = line.indexOf('\t')
    const tab2 = line.indexOf('\t', tab1 + 1)
    const tab3 = line.indexOf('\t', tab2 + 1)
    const filePath = JSON.parse(line.slice(0, tab1)) as string
    const size = line.slice(tab1 + 1, tab2)
    const record = decodeEntry(filePath, line.slice(tab3 + 1))
    const sample = this.tokenSamples.get(filePath)
    if (sample) record.tokenSample = sample
    return { record, key: size === '-' ? null : { size: Number(size), mtimeMs: Number(line.slice(tab2 + 1, tab3)) } }
  }

  private sortHeld(): void {
    if (!this.sorted) this.held.sort((a, b) => compareStrings(a.path, b.path))
    this.sorted = true
  }

  private spill(): void {
    this.sortHeld()
    this.fd ??= openSpillFile('records')
    const bytes = Buffer.from(this.held.map((h) => `${encodeStored(h)}\n`).join(''), 'utf8')
    let written = 0
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.spilledBytes + written)
    this.runs.push({ offset: this.spilledBytes, bytes: bytes.length })
    this.spilledBytes += bytes.length
    this.held = []
    this.heldChars = 0
  }
}

interface Cursor {
  /** the current record, when it is held in memory */
  held: StoredFile | null
  /** the current line, when it was read back from the spill file */
  line: string | null
  /** the current line's path */
  path: string
  advance(): boolean
}

class HeldCursor implements Cursor {
  held: StoredFile | null = null
  line: string | null = null
  path = ''
  private at = -1

  constructor(private readonly records: readonly Held[]) {}

  advance(): boolean {
    this.at++
    const next = this.records[this.at]
    if (!next) return false
    this.held = next
    this.path = next.path
    return true
  }
}

/** The lines of one sorted run, read from the spill file a chunk at a time. */
class RunCursor implements Cursor {
  held: StoredFile | null = null
  line: string | null = null
  path = ''
  private buffer = Buffer.alloc(0)
  private start = 0
  private read = 0

  constructor(
    private readonly fd: number,
    private readonly offset: number,
    private readonly bytes: number,
  ) {}

  advance(): boolean {
    let end = this.buffer.indexOf(10, this.start)
    while (end === -1) {
      if (this.read >= this.bytes) {
        if (this.start < this.buffer.length) throw new InternalError('a spilled run of records ends inside a line')
        return false
      }
      const size = Math.min(RUN_CHUNK, this.bytes - this.read)
      const chunk = Buffer.alloc(this.buffer.length - this.start + size)
      this.buffer.copy(chunk, 0, this.start)
      const got = readSync(this.fd, chunk, this.buffer.length - this.start, size, this.offset + this.read)
      if (got !== size) throw new InternalError(`the records' spill file was cut short (read ${got} of ${size} bytes)`)
      this.read += size
      end = chunk.indexOf(10, this.buffer.length - this.start)
      this.buffer = chunk
      this.start = 0
    }
    this.line = this.buffer.toString('utf8', this.start, end)
    this.start = end + 1
    this.path = JSON.parse(this.line.slice(0, this.line.indexOf('\t'))) as string
    return true
  }
}

/** The cursors by their current path, smallest first. */
class CursorHeap {
  private readonly items: Cursor[] = []

  get size(): number {
    return this.items.length
  }

  top(): Cursor {
    return this.items[0]!
  }

  push(cursor: Cursor): void {
    this.items.push(cursor)
    this.up(this.items.length - 1)
  }

  pop(): void {
    const last = this.items.pop()!
    if (this.items.length > 0) {
      this.items[0] = last
      this.down(0)
    }
  }

  replaceTop(cursor: Cursor): void {
    this.items[0] = cursor
    this.down(0)
  }

  private less(i: number, j: number): boolean {
    return compareStrings(this.items[i]!.path, this.items[j]!.path) < 0
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      if (l < this.items.length && this.less(l, smallest)) smallest = l
      if (r < this.items.length && this.less(r, smallest)) smallest = r
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!
    this.items[i] = this.items[j]!
    this.items[j] = t
  }
}
