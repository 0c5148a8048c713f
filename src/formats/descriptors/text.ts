import type { FormatDescriptor } from '../format-descriptor.js'
import { lazyModule } from '../../util/lazy-module.js'

const textReader = lazyModule(() => import('../text.js'))

/** Plain text: records are lines. */
export const text: FormatDescriptor = {
  name: 'text',
  extensions: ['txt', 'text', 'md', 'markdown', 'rst', 'yaml', 'yml'],
  modality: 'text',
  records: true,
  text: true,
  offload: 'every-record',
  reader: async (ctx) => (await textReader()).createTextAnalyzer(ctx),
}
