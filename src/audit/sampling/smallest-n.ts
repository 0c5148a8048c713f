import { compareRanked, type Rank } from './rank.js'

export interface Ranked<T> extends Rank {
  key: string
  value: T
}

/**
 * Keeps the `capacity` smallest-ranked entries offered, in a max-heap: memory is O(capacity)
 * however many are offered, and the result does not depend on the order they came in.
 */
export class SmallestN<T> {
  private readonly heap: Ranked<T>[] = []

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.heap.length
  }

  /** Whether an entry of this rank would be kept; lets callers skip building rejected entries. */
  admits(rank: Rank, key: string): boolean {
    if (this.heap.length < this.capacity) return true
    if (this.capacity === 0) return false
    // Compared field by field: this runs for every unit of the population, so it allocates nothing.
    const top = this.heap[0]!
    if (rank.hi !== top.hi) return rank.hi < top.hi
    if (rank.lo !== top.lo) return rank.lo < top.lo
    return key < top.key
  }

  offer(entry: Ranked<T>): void {
    const heap = this.heap
    if (heap.length < this.capacity) {
      heap.push(entry)
      this.siftUp(heap.length - 1)
    } else if (this.capacity > 0 && compareRanked(entry, heap[0]!) < 0) {
      heap[0] = entry
      this.siftDown(0)
    }
  }

  /** The kept entries, smallest rank first. */
  sorted(): Ranked<T>[] {
    return [...this.heap].sort(compareRanked)
  }

  private siftUp(at: number): void {
    const heap = this.heap
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (compareRanked(heap[at]!, heap[parent]!) <= 0) return
      ;[heap[at], heap[parent]] = [heap[parent]!, heap[at]!]
      at = parent
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let largest = at
      if (left < heap.length && compareRanked(heap[left]!, heap[largest]!) > 0) largest = left
      if (right < heap.length && compareRanked(heap[right]!, heap[largest]!) > 0) largest = right
      if (largest === at) return
      ;[heap[at], heap[largest]] = [heap[largest]!, heap[at]!]
      at = largest
    }
  }
}
