import { Worker } from 'node:worker_threads'

export interface InputDigest {
  bytes: number
  sha256: string
}

/**
 * Hashing runs on a thread of its own, beside the draw: parsing an export keeps one core busy, so
 * the sha256 of each input costs no wall time on a second core. The worker's code is a string:
 * it needs nothing but node:crypto and node:fs, and so no separate entry in the bundle.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { createReadStream } = require('node:fs')
;(async () => {
  const out = []
  for (const file of workerData) {
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      hash.update(chunk)
      bytes += chunk.length
    }
    out.push({ bytes, sha256: hash.digest('hex') })
  }
  parentPort.postMessage(out)
})().catch((error) => parentPort.postMessage({ error: error && typeof error.code === 'string' ? error.code + (error.syscall ? ' (' + error.syscall + ')' : '') : 'an input could not be read' }))
`

export interface InputHashing {
  /** one digest per file, in order */
  digests: Promise<InputDigest[]>
  /** stops hashing (the draw failed): a 1 GB export should not delay the error message */
  cancel(): void
}

/** Starts hashing `files` at once, on a worker thread. */
export function hashInputs(files: readonly string[]): InputHashing {
  const worker = new Worker(HASH_WORKER, { eval: true, workerData: files })
  const digests = new Promise<InputDigest[]>((resolve, reject) => {
    worker.once('message', (message: InputDigest[] | { error: string }) => {
      void worker.terminate()
      if (Array.isArray(message)) resolve(message)
      else reject(new Error(`hashing the inputs failed: ${message.error}`))
    })
    worker.once('error', reject)
  })
  // Settled later; a rejection must not count as unhandled while the draw runs.
  digests.catch(() => undefined)
  return { digests, cancel: () => void worker.terminate() }
}
