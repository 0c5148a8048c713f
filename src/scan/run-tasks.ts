import { Worker } from 'node:worker_threads'
import { InternalError } from '../util/errors.js'
import { yieldNowAndThen } from '../util/yield-now-and-then.js'
import { processFile, type FileTask, type FileTaskResult } from './process-file.js'
import type { ScanFileOptions } from './scan-file.js'
import type { WorkerReply, WorkerRequest } from './worker.js'
import { workersAvailable } from './workers-available.js'

/** Small enough to keep both workers busy to the end, large enough that messaging is noise. */
const BATCH = 64

/**
 * Runs the tasks on `jobs` worker threads (in this thread when jobs is 1 or there is little to
 * do), reporting each batch of results as it completes.
 */
export async function runTasks(
  tasks: FileTask[],
  options: ScanFileOptions,
  jobs: number,
  onResults: (results: FileTaskResult[]) => void,
): Promise<void> {
  if (jobs <= 1 || tasks.length <= BATCH || !workersAvailable()) {
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
  await Promise.all(Array.from({ length: workerCount }, () => drain(batches, options, onResults)))
}

async function drain(
  batches: FileTask[][],
  options: ScanFileOptions,
  onResults: (results: FileTaskResult[]) => void,
): Promise<void> {
  const worker = new Worker(new URL('./worker.js', import.meta.url))
  try {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const reply = await request(worker, { tasks: batch, options })
      if ('crash' in reply) throw new InternalError(`scan worker failed: ${reply.crash}`)
      onResults(reply.results)
    }
  } finally {
    await worker.terminate()
  }
}

function request(worker: Worker, message: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage)
      reject(error)
    }
    const onMessage = (reply: WorkerReply): void => {
      worker.off('error', onError)
      resolve(reply)
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(message)
  })
}
