import { makeFinding } from '../findings/finding.js'
import type { Tally } from '../records/tally.js'
import type { Manifest, ManifestFinding } from '../records/manifest-schema.js'

export type SourceSummary = Manifest['sources'][number]

export interface ProvenanceResult {
  /** the source of each file, by path; empty without a configuration */
  sourceOf: Map<string, string | null>
  findings: ManifestFinding[]
  sources: SourceSummary[]
  byKind: Record<string, Tally>
  byOrigin: Record<'domestic' | 'foreign' | 'unspecified', Tally>
  bySource: Record<string, Tally>
  diversity: { modality: string; language: string | null; sources: string[] }[]
}

export type { Tally }

/**
 * Without a tdgov.yaml there is nothing declared to check: one note says so. Kept apart from the
 * rules so that a scan without a configuration does not load them (licence tables, SPDX parsers).
 */
export function withoutConfig(): ProvenanceResult {
  return {
    sourceOf: new Map(),
    findings: [makeFinding({ code: 'CONFIG_MISSING', location: { kind: 'dataset' } })],
    sources: [],
    byKind: {},
    byOrigin: emptyOrigin(),
    bySource: {},
    diversity: [],
  }
}

export function emptyOrigin(): ProvenanceResult['byOrigin'] {
  const zero = (): Tally => ({ files: 0, bytes: 0, records: 0 })
  return { domestic: zero(), foreign: zero(), unspecified: zero() }
}
