import { Worker } from 'node:worker_threads'
import { InternalError } from '../util/errors.js'
import { yieldNowAndThen } from '../util/yield-now-and-then.js'
import { processFile, type FileTaskResult } from './process-file.js'
import { reportBytesRead, reportTextSeen, type ScanFileOptions } from './scan-file.js'
import type { WorkerReply, WorkerRequest } from './worker.js'
import { BATCH, type TaskQueue } from './task-queue.js'
import { workersAvailable } from './workers-available.js'

export interface TaskListener {
  /** a batch of files is done */
  onResults(results: FileTaskResult[]): void
  /** bytes read so far in files still being scanned, for progress display */
  onBytes(bytes: number): void
  /** a file with text records has been found (the token encoder may start loading) */
  onTextSeen(): void
}

/**
 * Runs the queued tasks on `jobs` worker threads (in this thread when jobs is 1 or there turn out
 * to be no more than a batch of files), reporting each batch of results as it completes.
 */
export async function runTasks(queue: TaskQueue, options: ScanFileOptions, jobs: number, listener: TaskListener): Promise<void> {
  const parallel = jobs > 1 && workersAvailable() && (await queue.exceeds(BATCH))
  if (!parallel) return drainHere(queue, options, listener)
  // This thread only walks and collects: measured, it does better than scanning beside the workers.
  await Promise.all(Array.from({ length: jobs }, () => drain(queue, options, listener)))
}

/** Scans the queued files in this thread. */
async function drainHere(queue: TaskQueue, options: ScanFileOptions, listener: TaskListener): Promise<void> {
  reportBytesRead(listener.onBytes)
  reportTextSeen(listener.onTextSeen)
  for (let batch = await queue.take(BATCH); batch; batch = await queue.take(BATCH)) {
    const results: FileTaskResult[] = []
    for (const task of batch) {
      results.push(await processFile(task, options))
      await yieldNowAndThen()
    }
    listener.onResults(results)
  }
}

async function drain(queue: TaskQueue, options: ScanFileOptions, listener: TaskListener): Promise<void> {
  let batch = await queue.take(BATCH)
  if (!batch) return
  const worker = new Worker(new URL('./worker.js', import.meta.url))
  const onProgress = (message: WorkerReply): void => {
    if ('bytesRead' in message) listener.onBytes(message.bytesRead)
    else if ('textSeen' in message) listener.onTextSeen()
  }
  worker.on('message', onProgress)
  try {
    for (; batch; batch = await queue.take(BATCH)) {
      const reply = await request(worker, { tasks: batch, options })
      if ('crash' in reply) throw new InternalError(`scan worker failed: ${reply.crash}`)
      listener.onResults(reply.results)
    }
  } finally {
    await worker.terminate()
  }
}

function request(worker: Worker, message: WorkerRequest): Promise<Extract<WorkerReply, { results: unknown } | { crash: string }>> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage)
      reject(error)
    }
    const onMessage = (reply: WorkerReply): void => {
      if ('bytesRead' in reply || 'textSeen' in reply) return
      worker.off('message', onMessage)
      worker.off('error', onError)
      resolve(reply)
    }
    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(message)
  })
}
