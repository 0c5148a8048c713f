import type { FormatDescriptor } from '../format-descriptor.js'
import { lazyModule } from '../../util/lazy-module.js'

const csvReader = lazyModule(() => import('../csv.js'))

/** Comma-separated values with a header row (RFC 4180). */
export const csv: FormatDescriptor = {
  name: 'csv',
  extensions: ['csv'],
  modality: 'tabular',
  records: true,
  text: true,
  offload: 'always',
  reader: async (ctx) => (await csvReader()).createCsvAnalyzer(ctx, 'csv'),
}

/** Tab-separated values with a header row. */
export const tsv: FormatDescriptor = {
  name: 'tsv',
  extensions: ['tsv', 'tab'],
  modality: 'tabular',
  records: true,
  text: true,
  offload: 'always',
  reader: async (ctx) => (await csvReader()).createCsvAnalyzer(ctx, 'tsv'),
}
