import type { FormatDescriptor } from '../format-descriptor.js'

/** XML other than the annotation exports the adapters read: hashed and typed, no records. */
export const xml: FormatDescriptor = {
  name: 'xml',
  extensions: ['xml'],
  modality: 'text',
  records: false,
  text: true,
  offload: 'never',
  reader: async () => null,
}
