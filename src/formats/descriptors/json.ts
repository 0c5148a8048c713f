import type { FormatDescriptor } from '../format-descriptor.js'
import { lazyModule } from '../../util/lazy-module.js'

const jsonReader = lazyModule(() => import('../json.js'))

/** A JSON document of records: an array, or an object whose values are arrays (splits or columns). */
export const json: FormatDescriptor = {
  name: 'json',
  extensions: ['json'],
  modality: 'text',
  records: true,
  text: true,
  offload: 'always',
  reader: async (ctx) => (await jsonReader()).createJsonAnalyzer(ctx),
}
