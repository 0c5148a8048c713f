import { parentPort } from 'node:worker_threads'
import { loadTokenCounter } from '../provenance/text/index.js'

export interface TokenizeRequest {
  id: number
  texts: string[]
}
export type TokenizeReply = { id: number; counts: number[] } | { id: number; crash: string }

// Runs inside a worker thread. The encoder starts loading at once (≈0.45 s), while the scan reads.
const counter = loadTokenCounter()

parentPort?.on('message', async (request: TokenizeRequest) => {
  try {
    const count = await counter
    parentPort!.postMessage({ id: request.id, counts: request.texts.map(count) } satisfies TokenizeReply)
  } catch (error) {
    parentPort!.postMessage({ id: request.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies TokenizeReply)
  }
})
