import type { Manifest } from '../records/manifest-schema.js'
import { compareStrings } from '../util/order.js'
import type { LicenceChange, LicenceTerms } from './manifest-diff.js'

type Source = Manifest['sources'][number]

const TERMS: readonly LicenceChange['differs'][number][] = ['declared', 'detected', 'use']

/** Per source: declared licence, detected ids and use class; sources added and removed. NEW's order, then removed ones. */
export function diffLicences(before: readonly Source[], after: readonly Source[]): LicenceChange[] {
  const old = new Map(before.map((s) => [s.id, termsOf(s)]))
  const current = new Map(after.map((s) => [s.id, termsOf(s)]))
  const changes: LicenceChange[] = []
  for (const [source, terms] of current) {
    const previous = old.get(source)
    if (!previous) {
      changes.push({ source, change: 'added', before: null, after: terms, differs: [...TERMS] })
      continue
    }
    const differs = TERMS.filter((term) => !sameTerm(previous[term], terms[term]))
    if (differs.length > 0) changes.push({ source, change: 'changed', before: previous, after: terms, differs })
  }
  for (const [source, terms] of old) {
    if (!current.has(source)) changes.push({ source, change: 'removed', before: terms, after: null, differs: [...TERMS] })
  }
  return changes
}

function termsOf(source: Source): LicenceTerms {
  const detected = [...new Set(source.licence.detected.map((d) => d.id))].sort(compareStrings)
  return { declared: source.licence.declared, detected, use: source.licence.use }
}

function sameTerm(a: LicenceTerms[keyof LicenceTerms], b: LicenceTerms[keyof LicenceTerms]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((id, i) => id === b[i])
  return a === b
}
