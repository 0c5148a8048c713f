import type { FindingCode } from '../findings/codes.js'
import type { Finding } from '../findings/finding.js'
import type { Manifest } from '../records/manifest-schema.js'
import type { PiiType } from '../provenance/pii/index.js'

export const MANIFEST_DIFF = 'tdgov/manifest-diff'
export const MANIFEST_DIFF_VERSION = 1

/** What changed between two manifests of one dataset: `tdgov diff OLD NEW`. */
export interface ManifestDiff {
  diff: typeof MANIFEST_DIFF
  version: typeof MANIFEST_DIFF_VERSION
  old: ManifestSide
  new: ManifestSide
  fingerprint: { before: string; after: string; changed: boolean }
  config: { before: ConfigRef | null; after: ConfigRef | null; changed: boolean }
  files: FileChanges
  totals: TotalsDiff
  licences: LicenceChange[]
  personalInformation: NewPersonalInformation
  undeclaredFiles: NewUndeclaredFile[]
  findings: { appeared: FindingList; gone: FindingList }
}

export interface ManifestSide {
  /** how the caller named it: a path or REV:PATH; null when not given */
  name: string | null
  toolVersion: string
  scan: Manifest['scan']
}

export type ConfigRef = NonNullable<Manifest['config']>

export interface Tally {
  files: number
  bytes: number
  records: number
}

export interface FileChanges {
  counts: { added: number; removed: number; changed: number; unchanged: number }
  /** each list sorted by path */
  added: FileSummary[]
  removed: FileSummary[]
  changed: FileChange[]
}

export interface FileSummary {
  path: string
  format: string
  modality: string
  /** null when no declared source matches, or the scan read no tdgov.yaml */
  source: string | null
  bytes: number
  records: number | null
}

export interface FileVersion {
  sha256: string
  bytes: number
  records: number | null
  format: string
}

export interface FileChange {
  path: string
  before: FileVersion
  after: FileVersion
}

export interface TallyChange {
  before: Tally
  after: Tally
  delta: Tally
}

export interface TotalsDiff {
  overall: TallyChange & { tokens: TokenChange }
  /** keys of `totals.bySource`: NEW's order, then those only OLD has */
  bySource: GroupChange[]
  /** keys of `totals.byModality`, in code-unit order */
  byModality: GroupChange[]
}

export interface GroupChange extends TallyChange {
  key: string
  status: 'added' | 'removed' | 'changed' | 'unchanged'
  /** exact token counts summed over the group's files; null unless both scans counted every token */
  tokens: { before: number; after: number; delta: number } | null
}

export type TokenFigure =
  | { method: 'exact'; encoding: string; total: number }
  | { method: 'estimate'; estimator: string; encoding: string; estimate: number; low: number; high: number; confidence: number }

export interface TokenChange {
  before: TokenFigure | null
  after: TokenFigure | null
  /**
   * exact: both scans counted every token. estimate: at least one side is an estimate; `delta` is
   * the difference of the point values and `low`–`high` holds whenever both intervals hold.
   * unavailable: a side has no token count, or the two were counted with different encodings.
   */
  basis: 'exact' | 'estimate' | 'unavailable'
  delta: number | null
  low: number | null
  high: number | null
}

export type LicenceUse = Manifest['sources'][number]['licence']['use']

export interface LicenceTerms {
  declared: string | null
  /** SPDX ids found in the source's files, sorted */
  detected: string[]
  use: LicenceUse
}

export interface LicenceChange {
  source: string
  change: 'added' | 'removed' | 'changed'
  before: LicenceTerms | null
  after: LicenceTerms | null
  /** which terms differ; every term for an added or removed source */
  differs: ('declared' | 'detected' | 'use')[]
}

/** A type of personal information whose count went from none to some: the count, never an example. */
export interface NewPiiType {
  type: PiiType
  count: number
}

export interface NewPersonalInformation {
  dataset: NewPiiType[]
  /** sources in NEW's order; only those with a new type */
  bySource: { source: string; types: NewPiiType[] }[]
}

export interface NewUndeclaredFile {
  path: string
  format: string
  bytes: number
  records: number | null
  /** absent: a new file; declared: OLD placed it in a source */
  previously: 'absent' | 'declared'
  previousSource: string | null
}

export interface FindingList {
  count: number
  /** code-unit order of codes */
  byCode: Partial<Record<FindingCode, number>>
  /** gone: as OLD recorded them; appeared: as NEW does. Ordered by place, then code. */
  findings: Finding[]
}
