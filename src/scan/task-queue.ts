import type { FileTask } from './process-file.js'

/**
 * Files per batch handed to a worker: small enough to keep both workers busy to the end, large
 * enough that messaging is noise. Waiters are woken once a batch's worth is waiting.
 */
export const BATCH = 64

/**
 * Files waiting to be scanned, filled by the walk while workers already take batches from it, so
 * listing a large tree and reading it overlap.
 */
export class TaskQueue {
  private readonly items: FileTask[] = []
  private head = 0
  private closed = false
  private waiters: (() => void)[] = []

  static of(tasks: FileTask[]): TaskQueue {
    const queue = new TaskQueue()
    for (const task of tasks) queue.push(task)
    queue.close()
    return queue
  }

  push(task: FileTask): void {
    this.items.push(task)
    if (this.items.length - this.head >= BATCH) this.wakeAll()
  }

  /** No more tasks will come. */
  close(): void {
    this.closed = true
    this.wakeAll()
  }

  /** Up to `max` tasks, once `max` are waiting or the queue is closed; null when it is drained. */
  async take(max: number): Promise<FileTask[] | null> {
    for (;;) {
      const waiting = this.items.length - this.head
      if (waiting >= max || (this.closed && waiting > 0)) {
        const batch = this.items.slice(this.head, this.head + max)
        this.head += batch.length
        return batch
      }
      if (this.closed) return null
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  /** Whether more than `n` tasks arrive in all: waits until they have, or the queue is closed. */
  async exceeds(n: number): Promise<boolean> {
    while (!this.closed && this.items.length <= n) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.items.length > n
  }

  private wakeAll(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }
}
