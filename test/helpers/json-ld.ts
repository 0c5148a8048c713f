/**
 * Checks that a JSON-LD expansion kept every term: each key of each node of the compact document
 * (keywords and their aliases aside) must come out as an IRI, and as many property keys must come
 * out as went in. (Not for documents with `@json` values, Croissant's data and examples, whose
 * keys are literals.)
 */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type Context = Record<string, Json>

/** The keys of every object in the compact document, @context left out. */
export function compactKeys(doc: Json): string[] {
  const out: string[] = []
  const walk = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '@context') continue
        out.push(key)
        walk(child)
      }
    }
  }
  walk(doc)
  return out
}

/** The property keys (not keywords) of every object in the expansion. */
export function expandedKeys(expanded: unknown): string[] {
  const out: string[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '@value') continue
        if (!key.startsWith('@')) out.push(key)
        walk(child)
      }
    }
  }
  walk(expanded)
  return out
}

/** A key's IRI under a flat context: its term definition, else prefix:suffix, else @vocab + key; null for a keyword or its alias. */
export function expectedIri(key: string, context: Context): string | null {
  if (key.startsWith('@')) return null
  const definition = context[key]
  const id = typeof definition === 'string' ? definition : definition !== null && typeof definition === 'object' && !Array.isArray(definition) ? definition['@id'] : undefined
  if (typeof id === 'string') return id.startsWith('@') ? null : expandPrefix(id, context)
  // A definition without @id (Croissant's name and description: only a @container) takes @vocab.
  if (key.includes(':')) return expandPrefix(key, context)
  return `${String(context['@vocab'])}${key}`
}

function expandPrefix(value: string, context: Context): string {
  const colon = value.indexOf(':')
  if (colon < 0) return value
  const prefix = context[value.slice(0, colon)]
  return typeof prefix === 'string' && !value.slice(colon + 1).startsWith('//') ? prefix + value.slice(colon + 1) : value
}
