import type { FileTask } from './process-file.js'

/**
 * Files per batch handed to a worker: small enough to keep both workers busy to the end, large
 * enough that messaging is noise. Waiters are woken once a batch's worth is waiting.
 */
export const BATCH = 64

/**
 * Files waiting past which the walk stops listing directories until workers catch up: a tree of a
 * million files is then never a million waiting tasks in memory.
 */
export const HIGH_WATER = 8192

/**
 * Files waiting to be scanned, filled by the walk while workers already take batches from it, so
 * listing a large tree and reading it overlap.
 */
export class TaskQueue {
  private readonly items: FileTask[] = []
  private head = 0
  private closed = false
  private waiters: (() => void)[] = []
  private roomWaiters: (() => void)[] = []
  /** tasks pushed in all (exceeds() counts them; taken ones are dropped from `items`) */
  private pushed = 0

  static of(tasks: FileTask[]): TaskQueue {
    const queue = new TaskQueue()
    for (const task of tasks) queue.push(task)
    queue.close()
    return queue
  }

  push(task: FileTask): void {
    this.items.push(task)
    this.pushed++
    if (this.items.length - this.head >= BATCH) this.wakeAll()
  }

  /** Resolves once no more than HIGH_WATER tasks are waiting (at once when so). */
  async room(): Promise<void> {
    while (this.items.length - this.head > HIGH_WATER) await new Promise<void>((resolve) => this.roomWaiters.push(resolve))
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
        // Taken tasks are let go of, a batch at a time once they are half the array.
        if (this.head > BATCH && this.head * 2 > this.items.length) {
          this.items.splice(0, this.head)
          this.head = 0
        }
        if (this.items.length - this.head <= HIGH_WATER) this.wakeRoom()
        return batch
      }
      if (this.closed) return null
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  /** Whether more than `n` tasks arrive in all: waits until they have, or the queue is closed. */
  async exceeds(n: number): Promise<boolean> {
    while (!this.closed && this.pushed <= n) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.pushed > n
  }

  private wakeRoom(): void {
    const waiters = this.roomWaiters
    this.roomWaiters = []
    for (const wake of waiters) wake()
  }

  private wakeAll(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }
}
