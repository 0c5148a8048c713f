import type { FormatDescriptor } from '../format-descriptor.js'

/** Plain text: records are lines. */
export const text: FormatDescriptor = {
  name: 'text',
  extensions: ['txt', 'text', 'md', 'markdown', 'rst', 'yaml', 'yml'],
  modality: 'text',
  records: true,
  text: true,
  offload: 'every-record',
  reader: async (ctx) => (await import('../text.js')).createTextAnalyzer(ctx),
}
