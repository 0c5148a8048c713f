import { isRecord } from './card-licence.js'
import { normaliseLicence } from './normalise-licence.js'

/** JSON-LD spellings of schema.org `license` in Croissant files (compacted or not). */
const LICENCE_KEYS = ['license', 'sc:license', 'schema:license', 'https://schema.org/license', 'http://schema.org/license']

/**
 * `license` of a Croissant JSON-LD document, the raw values (a string or URL each); null when the
 * document is not Croissant (neither `conformsTo` nor `@context` mentions croissant) or states no
 * licence. A licence object (`{ "@type": "sc:CreativeWork", name, url }`) gives one value: the
 * first of url, @id and name that names a licence we know, else the first present.
 */
export function licencesFromCroissant(doc: unknown): string[] | null {
  if (!isRecord(doc) || !isCroissant(doc)) return null
  const key = LICENCE_KEYS.find((k) => Object.hasOwn(doc, k))
  if (key === undefined) return null
  const values = Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [doc[key]]
  const out: string[] = []
  for (const value of values) {
    const raw = licenceValue(value)
    if (raw !== undefined) out.push(raw)
  }
  return out
}

function isCroissant(doc: Record<string, unknown>): boolean {
  // Croissant 1.0/1.1 set conformsTo to http://mlcommons.org/croissant/1.x; older drafts only
  // declare the `cr` prefix (http://mlcommons.org/croissant/) in @context.
  return mentionsCroissant(doc.conformsTo) || mentionsCroissant(doc['dct:conformsTo']) || mentionsCroissant(doc['@context'])
}

function mentionsCroissant(value: unknown): boolean {
  if (value === undefined || value === null) return false
  return /croissant/i.test(typeof value === 'string' ? value : JSON.stringify(value))
}

function licenceValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (!isRecord(value)) return undefined
  const options = [value.url, value['@id'], value.name, value['sc:url'], value['sc:name']].filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  )
  return options.find((v) => normaliseLicence(v).id !== 'unknown')?.trim() ?? options[0]?.trim()
}
