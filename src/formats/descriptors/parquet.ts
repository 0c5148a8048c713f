import type { FormatDescriptor } from '../format-descriptor.js'

const PAR1 = [0x50, 0x41, 0x52, 0x31]

/** Apache Parquet: row count and schema from the footer, a seeded sample of rows for content. */
export const parquet: FormatDescriptor = {
  name: 'parquet',
  extensions: ['parquet'],
  magic: (head) => PAR1.every((byte, i) => head[i] === byte),
  binary: true,
  modality: 'tabular',
  records: true,
  text: false,
  offload: 'never',
  guarded: true,
  readsFromDisk: true,
  // The footer and row groups are read from disk by offset: a compressed Parquet file cannot be.
  reader: async (ctx, detected) => (detected.compression ? null : (await import('../parquet.js')).createParquetAnalyzer(ctx)),
}
