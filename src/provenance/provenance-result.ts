import { toFinding } from '../findings/finding.js'
import type { Tally } from '../scan/tally.js'
import type { LicenceClass } from './licences/licence-class.js'
import type { PiiTallyJson } from './pii/index.js'
import type { LanguageCountsJson } from './text/index.js'
import type { ManifestFinding } from '../records/manifest-schema.js'

export interface SourceSummary {
  id: string
  name: string
  kind: string
  domestic: boolean | null
  files: number
  bytes: number
  records: number
  licence: {
    declared: string | null
    contract: string | null
    detected: { id: string; from: string[] }[]
    /** most restrictive of declared and detected; unknown counts as restrictive */
    use: LicenceClass['use']
    attribution: boolean
    shareAlike: boolean
  }
  personalInformation: { basis: string | null; records: number; densityPer10k: number } & PiiTallyJson
  languages: LanguageCountsJson
  modalities: Record<string, number>
}

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
    findings: [toFinding('.', { code: 'CONFIG_MISSING' })],
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
