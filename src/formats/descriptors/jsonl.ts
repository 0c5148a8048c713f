import type { FormatDescriptor } from '../format-descriptor.js'

/** JSON Lines: one JSON object per line (Hugging Face also ships it named .json). */
export const jsonl: FormatDescriptor = {
  name: 'jsonl',
  extensions: ['jsonl', 'ndjson'],
  modality: 'text',
  records: true,
  text: true,
  // Split with indexOf and keyed in-thread faster than the hand-over costs (measured on the 1 GB
  // bench file: 1.6 s in-thread, 2.1 s offloaded), unless every line is parsed.
  offload: 'every-record',
  reader: async (ctx) => (await import('../jsonl.js')).createJsonlAnalyzer(ctx),
}
