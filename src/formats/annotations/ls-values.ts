import { idText, isJsonObject } from './json-values.js'

/**
 * Label Studio values → label strings, and annotator normalisation, shared by the full JSON,
 * JSON-MIN and CSV layouts.
 */

/** Keys of a result value whose elements are label values: `choices` and every `*labels` tag. */
function isLabelListKey(key: string): boolean {
  return key === 'choices' || key.endsWith('labels')
}

/**
 * Every label value of one Label Studio value, in the value's key order, duplicates kept:
 * elements of `choices` and of every `*labels` list (labels, rectanglelabels, polygonlabels,
 * keypointlabels, ellipselabels, brushlabels, …); each `taxonomy` path joined with '/';
 * TextArea `text` lists; `rating` and `number`. A `text` that is a plain string is the span a
 * NER region covers, not a label, and is skipped.
 *
 * Also takes the "prettified" values of JSON-MIN and CSV exports: a plain string or number (a
 * single choice or text), a list (several regions), or an object as above without its `type`.
 */
export function labelValuesOf(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)]
  if (Array.isArray(value)) return value.flatMap(labelValuesOf)
  if (!isJsonObject(value)) return []
  const labels: string[] = []
  for (const [key, field] of Object.entries(value)) {
    if (isLabelListKey(key) && Array.isArray(field)) labels.push(...field.flatMap(scalarLabel))
    else if (key === 'taxonomy' && Array.isArray(field)) labels.push(...field.map(taxonomyPath).filter((p) => p !== ''))
    else if (key === 'text' && Array.isArray(field)) labels.push(...field.flatMap(scalarLabel))
    else if ((key === 'rating' || key === 'number') && typeof field === 'number' && Number.isFinite(field)) labels.push(String(field))
  }
  return labels
}

/**
 * Whether a value carries labels in a shape only Label Studio results have: an object with
 * `choices`, a `*labels` list or `taxonomy`, or a non-empty list of such objects. Task data
 * (free text, URLs, lists of names) does not look like this, which is what lets JSON-MIN and CSV
 * exports with sorted columns be read without the labelling config.
 */
export function isLabelShaped(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isLabelShaped)
  if (!isJsonObject(value)) return false
  return Object.entries(value).some(([key, field]) => (isLabelListKey(key) || key === 'taxonomy') && Array.isArray(field))
}

function scalarLabel(element: unknown): string[] {
  if (typeof element === 'string') return [element]
  if (typeof element === 'number' && Number.isFinite(element)) return [String(element)]
  return []
}

function taxonomyPath(path: unknown): string {
  if (Array.isArray(path)) return path.flatMap(scalarLabel).join('/')
  return scalarLabel(path).join('/')
}

/**
 * Label Studio writes the annotator as an int user id in some exports and as a user object
 * `{id, email, …}` in others (pitfall 8); JSON-MIN and CSV write an int or an e-mail. Objects
 * become their e-mail when present, else their id; ints become their decimal string.
 */
export function annotatorOf(completedBy: unknown): string | null {
  if (isJsonObject(completedBy)) {
    const email = completedBy.email
    if (typeof email === 'string' && email.trim() !== '') return email
    return idText(completedBy.id) ?? null
  }
  return idText(completedBy) ?? null
}
