import { Worker } from 'node:worker_threads'
import { loadTokenCounter } from '../provenance/text/index.js'
import { InternalError } from '../util/errors.js'
import type { TokenizeReply, TokenizeRequest } from './tokenizer-worker.js'
import { workersAvailable } from './workers-available.js'

/** Counts BPE tokens for the token estimate's samples. */
export interface TokenService {
  count(texts: string[]): Promise<number[]>
  close(): Promise<void>
}

/**
 * The BPE encoder takes about 0.45 s to load. On its own thread it loads while the scan reads, and
 * tokenising the samples never holds up the thread that hashes: for one large file, that thread
 * is the one the whole scan waits for.
 */
export function startTokenService(): TokenService {
  if (!workersAvailable()) return inThreadService()
  const worker = new Worker(new URL('./tokenizer-worker.js', import.meta.url))
  // No reason to keep the process alive for it: the scan closes it, or exits.
  worker.unref()
  const pending = new Map<number, { resolve: (counts: number[]) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let failure: Error | null = null
  worker.on('message', (reply: TokenizeReply) => {
    const waiter = pending.get(reply.id)
    pending.delete(reply.id)
    if ('crash' in reply) waiter?.reject(new InternalError(`tokenizer failed: ${reply.crash}`))
    else waiter?.resolve(reply.counts)
  })
  worker.on('error', (error) => {
    failure = error
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  })
  return {
    count(texts) {
      if (failure) return Promise.reject(failure)
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        worker.postMessage({ id, texts } satisfies TokenizeRequest)
      })
    },
    async close() {
      await worker.terminate()
    },
  }
}

function inThreadService(): TokenService {
  const counter = loadTokenCounter()
  return {
    async count(texts) {
      const count = await counter
      return texts.map(count)
    },
    async close() {},
  }
}
