import { describe, expect, it } from 'vitest'
import { BATCH, TaskQueue } from '../../src/scan/task-queue.js'

const task = (i: number): { relPath: string; absPath: string } => ({ relPath: `f${i}`, absPath: `/d/f${i}` })

describe('TaskQueue', () => {
  it('hands out full batches while open, then the remainder, then null once closed and drained', async () => {
    const queue = new TaskQueue()
    for (let i = 0; i < BATCH + 5; i++) queue.push(task(i))
    expect((await queue.take(BATCH))!.map((t) => t.relPath)).toEqual(Array.from({ length: BATCH }, (_, i) => `f${i}`))
    const pending = queue.take(BATCH)
    queue.close()
    expect((await pending)!.length).toBe(5)
    expect(await queue.take(BATCH)).toBeNull()
  })

  it('wakes a waiting taker when a batch fills up, before the queue is closed', async () => {
    const queue = new TaskQueue()
    const taken = queue.take(BATCH)
    for (let i = 0; i < BATCH; i++) queue.push(task(i))
    expect((await taken)!.length).toBe(BATCH)
  })

  it('tells whether more than n tasks arrive, waiting only as long as it must', async () => {
    const small = TaskQueue.of([task(1), task(2)])
    expect(await small.exceeds(BATCH)).toBe(false)
    const large = new TaskQueue()
    const answer = large.exceeds(3)
    for (let i = 0; i < BATCH; i++) large.push(task(i))
    expect(await answer).toBe(true)
  })
})
