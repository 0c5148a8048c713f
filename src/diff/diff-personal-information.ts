import type { Manifest } from '../records/manifest-schema.js'
import { PII_TYPES, type PiiType } from '../provenance/pii/index.js'
import type { NewPersonalInformation, NewPiiType } from './manifest-diff.js'

type PiiCounts = Partial<Record<PiiType, number>>

/**
 * Types of personal information found in NEW and not in OLD, dataset-wide and per source. Only
 * counts are read: the masked examples stay out of the diff, which is pasted into reviews.
 */
export function diffPersonalInformation(before: Manifest, after: Manifest): NewPersonalInformation {
  const oldCounts = new Map(before.sources.map((s) => [s.id, s.personalInformation.counts]))
  const bySource: NewPersonalInformation['bySource'] = []
  for (const source of after.sources) {
    const types = newPiiTypes(oldCounts.get(source.id), source.personalInformation.counts)
    if (types.length > 0) bySource.push({ source: source.id, types })
  }
  return { dataset: newPiiTypes(before.content.personalInformation.counts, after.content.personalInformation.counts), bySource }
}

/** Types whose count went from none (0 or absent) to some, with NEW's count; in the manifest's type order. */
export function newPiiTypes(before: PiiCounts | undefined, after: PiiCounts | undefined): NewPiiType[] {
  const out: NewPiiType[] = []
  for (const type of PII_TYPES) {
    const count = after?.[type] ?? 0
    if (count > 0 && (before?.[type] ?? 0) === 0) out.push({ type, count })
  }
  return out
}
