import { Worker } from 'node:worker_threads'
import { InternalError } from '../util/errors.js'
import { yieldNowAndThen } from '../util/yield-now-and-then.js'
import { processFile, type FileTask, type FileTaskResult } from './process-file.js'
import { reportBytesRead, type ScanFileOptions } from './scan-file.js'
import type { WorkerReply, WorkerRequest } from './worker.js'
import { workersAvailable } from './workers-available.js'

/** Small enough to keep both workers busy to the end, large enough that messaging is noise. */
const BATCH = 64

export interface TaskListener {
  /** a batch of files is done */
  onResults(results: FileTaskResult[]): void
  /** bytes read so far in files still being scanned, for progress display */
  onBytes(bytes: number): void
}

/**
 * Runs the tasks on `jobs` worker threads (in this thread when jobs is 1 or there is little to
 * do), reporting each batch of results as it completes.
 */
export async function runTasks(tasks: FileTask[], options: ScanFileOptions, jobs: number, listener: TaskListener): Promise<void> {
  const { onResults } = listener
  if (jobs <= 1 || tasks.length <= BATCH || !workersAvailable()) {
    reportBytesRead(listener.onBytes)
    for (let i = 0; i < tasks.length; i += BATCH) {
      const results: FileTaskResult[] = []
      for (const task of tasks.slice(i, i + BATCH)) {
        results.push(await processFile(task, options))
        await yieldNowAndThen()
      }
      onResults(results)
    }
    return
  }
  const batches: FileTask[][] = []
  for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH))
  const workerCount = Math.min(jobs, batches.length)
  await Promise.all(Array.from({ length: workerCount }, () => drain(batches, options, listener)))
}

async function drain(batches: FileTask[][], options: ScanFileOptions, listener: TaskListener): Promise<void> {
  const worker = new Worker(new URL('./worker.js', import.meta.url))
  const onProgress = (message: WorkerReply): void => {
    if ('bytesRead' in message) listener.onBytes(message.bytesRead)
  }
  worker.on('message', onProgress)
  try {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const reply = await request(worker, { tasks: batch, options })
      if ('crash' in reply) throw new InternalError(`scan worker failed: ${reply.crash}`)
      listener.onResults(reply.results)
    }
  } finally {
    await worker.terminate()
  }
}

function request(worker: Worker, message: WorkerRequest): Promise<Exclude<WorkerReply, { bytesRead: number }>> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage)
      reject(error)
    }
    const onMessage = (reply: WorkerReply): void => {
      if ('bytesRead' in reply) return
      worker.off('message', onMessage)
      worker.off('error', onError)
      resolve(reply)
    }
    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(message)
  })
}
