import { parentPort } from 'node:worker_threads'
import { processFile, type FileTask, type FileTaskResult } from './process-file.js'
import { reportBytesRead, reportTextSeen, type ScanFileOptions } from './scan-file.js'

export interface WorkerRequest {
  tasks: FileTask[]
  options: ScanFileOptions
}

export type WorkerReply = { results: FileTaskResult[] } | { crash: string } | { bytesRead: number } | { textSeen: true }

/** Progress messages go out every this many bytes, and after each batch. */
const PROGRESS_BYTES = 32 * 1024 * 1024
let unreported = 0
reportBytesRead((bytes) => {
  unreported += bytes
  if (unreported >= PROGRESS_BYTES) flushBytesRead()
})

let textSeen = false
reportTextSeen(() => {
  if (textSeen) return
  textSeen = true
  parentPort?.postMessage({ textSeen: true } satisfies WorkerReply)
})

function flushBytesRead(): void {
  if (unreported === 0) return
  parentPort?.postMessage({ bytesRead: unreported } satisfies WorkerReply)
  unreported = 0
}

/** A path sent as bytes arrives as a plain Uint8Array (structured clone drops Buffer's type). */
function asSent(task: FileTask): FileTask {
  return typeof task.absPath === 'string' || Buffer.isBuffer(task.absPath) ? task : { ...task, absPath: Buffer.from(task.absPath) }
}

// Runs inside a worker thread: scans the files it is sent, one batch at a time.
parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    const results: FileTaskResult[] = []
    for (const task of request.tasks) results.push(await processFile(asSent(task), request.options))
    flushBytesRead()
    parentPort!.postMessage({ results } satisfies WorkerReply)
  } catch (error) {
    parentPort!.postMessage({ crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply)
  }
})
