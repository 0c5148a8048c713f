import type { FormatDescriptor } from '../format-descriptor.js'

/**
 * A dataset's own documentation (LICENSE, README, CHANGELOG, …), recognised by its name: hashed,
 * not counted as records; licence texts and cards are read for the licence they state.
 */
export const document: FormatDescriptor = {
  name: 'document',
  extensions: [],
  modality: 'other',
  records: false,
  text: true,
  offload: 'never',
  // A CHANGELOG or CITATION states no licence: nothing to read beyond the hash.
  reader: async (ctx) => ((await import('../detect.js')).statesLicence(ctx.relPath) ? (await import('../document.js')).createDocumentAnalyzer(ctx) : null),
}
