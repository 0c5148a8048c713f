import fs from 'node:fs'
import { once } from 'node:events'

/**
 * Writes generated data in large buffers with back-pressure: `write` waits for the stream to
 * drain when its buffer is full, and any stream error surfaces on the next call.
 */
export interface BatchWriter {
  write(batch: Uint8Array): Promise<void>
  end(): Promise<void>
}

export function openBatchWriter(file: string): BatchWriter {
  const out = fs.createWriteStream(file, { highWaterMark: 4 << 20 })
  const state: { error: Error | null } = { error: null }
  out.on('error', (err) => {
    state.error = err
  })
  return {
    async write(batch) {
      if (!out.write(batch) && state.error === null) await once(out, 'drain')
      if (state.error) throw state.error
    },
    async end() {
      out.end()
      await once(out, 'finish')
      if (state.error) throw state.error
    },
  }
}
