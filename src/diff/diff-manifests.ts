import type { Manifest } from '../records/manifest-schema.js'
import { diffFiles } from './diff-files.js'
import { diffFindings } from './diff-findings.js'
import { diffLicences } from './diff-licences.js'
import { diffPersonalInformation } from './diff-personal-information.js'
import { diffTotals } from './diff-totals.js'
import { diffUndeclaredFiles } from './diff-undeclared.js'
import { MANIFEST_DIFF, MANIFEST_DIFF_VERSION, type ManifestDiff, type ManifestSide } from './manifest-diff.js'

export interface DiffNames {
  old: string
  new: string
}

/** What changed from `before` to `after`; pure, so every reporter renders the same data. */
export function diffManifests(before: Manifest, after: Manifest, names?: DiffNames): ManifestDiff {
  return {
    diff: MANIFEST_DIFF,
    version: MANIFEST_DIFF_VERSION,
    old: sideOf(before, names?.old ?? null),
    new: sideOf(after, names?.new ?? null),
    fingerprint: { before: before.fingerprint, after: after.fingerprint, changed: before.fingerprint !== after.fingerprint },
    config: { before: before.config, after: after.config, changed: before.config?.sha256 !== after.config?.sha256 },
    files: diffFiles(before.files, after.files),
    totals: diffTotals(before, after),
    licences: diffLicences(before.sources, after.sources),
    personalInformation: diffPersonalInformation(before, after),
    undeclaredFiles: diffUndeclaredFiles(before.files, after.files),
    findings: diffFindings(before, after),
  }
}

function sideOf(manifest: Manifest, name: string | null): ManifestSide {
  return { name, toolVersion: manifest.tool.version, scan: manifest.scan }
}
