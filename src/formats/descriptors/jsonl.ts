import type { FormatDescriptor } from '../format-descriptor.js'

/** JSON Lines: one JSON object per line (Hugging Face also ships it named .json). */
export const jsonl: FormatDescriptor = {
  name: 'jsonl',
  extensions: ['jsonl', 'ndjson'],
  modality: 'text',
  records: true,
  text: true,
  // Every line's content is keyed for the duplicate sample: worth the second thread.
  offload: true,
  reader: async (ctx) => (await import('../jsonl.js')).createJsonlAnalyzer(ctx),
}
