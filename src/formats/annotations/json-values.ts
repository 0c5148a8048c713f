/** Narrowing helpers for parsed JSON: exports are `unknown` until checked. */

/** A parsed JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>

/** Whether a parsed JSON value is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An identifier as text: strings as they are, finite numbers in their JSON spelling (so the
 * Prodigy hash -389790845 stays "-389790845"). Anything else (null, objects, '') is undefined.
 */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** "an array", "a string", "null": what was found, for "expected X, found Y" messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'object':
      return 'an object'
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    default:
      return 'nothing'
  }
}

/** The first non-empty string among `values`, or ''. */
export function firstString(values: Iterable<unknown>): string {
  for (const value of values) if (typeof value === 'string' && value.trim() !== '') return value
  return ''
}
