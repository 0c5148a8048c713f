/**
 * Which fields of a record hold the text a model is trained on. Language, lengths, duplicates and
 * tokens are measured on those fields only: an id, a session id, a hash, a timestamp or a URL is
 * not content, and counting them makes every record distinct (a Prodigy export with 117 texts in
 * 3,372 records would show no duplicates) and skews language and length figures. Personal
 * information is still searched in every field.
 *
 * A content field is a top-level key, `key.sub` inside an object (Label Studio's `data.text`), or
 * `key[].sub` for a list of objects (chat `messages[].content`, ShareGPT `conversations[].value`). The choice is made once per file, from tdgov.yaml's
 * `content_fields` for the file's source, else from the first record: the known names below that
 * the record has, else its longest string fields that do not look like identifiers.
 */
export interface ContentFieldChoice {
  fields: readonly string[]
  /** 'declared': from tdgov.yaml; 'known': known field names; 'longest': the record's longest strings; 'whole': a plain string record */
  how: 'declared' | 'known' | 'longest' | 'whole'
}

/**
 * Known content field names, in the order their texts are joined (a prompt before its response).
 * List-of-object fields name the key of the text in each element.
 */
const KNOWN_FIELDS: readonly string[] = [
  'system',
  'instruction',
  'prompt',
  'question',
  'query',
  'context',
  'input',
  'title',
  'abstract',
  'text',
  'content',
  'sentence',
  'passage',
  'document',
  'article',
  'body',
  'summary',
  'code',
  'messages[].content',
  'conversations[].value',
  'conversation[].content',
  'dialogue[].content',
  'turns[].content',
  'response',
  'completion',
  'output',
  'answer',
  'chosen',
  'rejected',
]

/** Names that say "identifier or metadata": never chosen as the longest text. */
const NOT_CONTENT_NAME = /(^|_|-)(id|ids|uuid|guid|key|hash|sha\d*|md5|checksum|digest|url|uri|href|link|path|file(name)?|time|timestamp|date|created|updated|ts|session|token|lang|language|label|labels|source|license|licence|split|meta)($|_|-)|Id$|At$/i
/** Values that look like identifiers, digests, timestamps or URLs rather than text. */
const NOT_CONTENT_VALUE = /^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?|[a-z][a-z0-9+.-]*:\/\/\S+|[\w.-]+)$/i
/** The longest strings are content only when they are this long; shorter ones are labels and codes. */
const MIN_LONGEST_CHARS = 16
/** Short strings are text when they hold a space between words or CJK characters ("解释准确"). */
const TEXT_LIKE = /\S\s+\S|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/
/** At most this many fields are chosen by length. */
const MAX_LONGEST_FIELDS = 3

/** The content fields of a file whose first parsed record is `record`. */
export function chooseContentFields(record: unknown, declared?: readonly string[]): ContentFieldChoice {
  if (declared && declared.length > 0) return { fields: declared, how: 'declared' }
  if (!isObject(record)) return { fields: [], how: 'whole' }
  const known = KNOWN_FIELDS.filter((field) => contentStrings(record, [field]).length > 0 && !isReviewDecision(record, field))
  if (known.length > 0) return { fields: known, how: 'known' }
  // one level down: { "data": { "text": … } }
  const nested: string[] = []
  for (const key in record) {
    const inner = record[key]
    if (!isObject(inner) || NOT_CONTENT_NAME.test(key)) continue
    for (const field of KNOWN_FIELDS) if (!field.includes('[') && contentStrings(inner, [field]).length > 0) nested.push(`${key}.${field}`)
  }
  if (nested.length > 0) return { fields: nested, how: 'known' }
  const candidates: { name: string; length: number; order: number }[] = []
  let order = 0
  for (const name in record) {
    const value = record[name]
    order++
    if (typeof value !== 'string' || NOT_CONTENT_NAME.test(name)) continue
    const trimmed = value.trim()
    if (NOT_CONTENT_VALUE.test(trimmed) || !(trimmed.length >= MIN_LONGEST_CHARS || TEXT_LIKE.test(trimmed))) continue
    candidates.push({ name, length: trimmed.length, order })
  }
  // Text only in nested values (a list of tags, a struct of names): every string of the fields
  // that are not identifiers or metadata, `*`.
  if (candidates.length === 0 && !Object.values(record).some((v) => typeof v === 'string') && Object.keys(record).some((k) => !NOT_CONTENT_NAME.test(k) && hasString(record[k]))) {
    return { fields: [ALL_STRINGS], how: 'longest' }
  }
  const longest = candidates
    .sort((a, b) => b.length - a.length || a.order - b.order)
    .slice(0, MAX_LONGEST_FIELDS)
    .sort((a, b) => a.order - b.order)
    .map((c) => c.name)
  return { fields: longest, how: 'longest' }
}

/**
 * The non-empty content strings of a record, in field order (and element order within a list
 * field). A string record is its own content. Non-string values are not text.
 */
export function contentStrings(record: unknown, fields: readonly string[]): string[] {
  if (typeof record === 'string') return record === '' ? [] : [record]
  if (!isObject(record)) return []
  const out: string[] = []
  for (const field of fields) {
    if (field === ALL_STRINGS) {
      for (const key in record) if (!NOT_CONTENT_NAME.test(key)) collectStrings(record[key], out)
      continue
    }
    const list = field.indexOf('[].')
    if (list === -1) {
      const dot = field.indexOf('.')
      const inner = dot === -1 ? undefined : record[field.slice(0, dot)]
      // a declared name may itself contain a dot; a nested path is read only when the outer key is an object
      if (dot !== -1 && isObject(inner) && !(field in record)) pushString(out, inner[field.slice(dot + 1)])
      else pushString(out, record[field])
      continue
    }
    const elements = record[field.slice(0, list)]
    if (!Array.isArray(elements)) continue
    const key = field.slice(list + 3)
    for (const element of elements) if (isObject(element)) pushString(out, element[key])
  }
  return out
}

/** Prodigy's `answer` is the reviewer's decision (accept, reject, ignore), not an answer text. */
function isReviewDecision(record: Record<string, unknown>, field: string): boolean {
  return field === 'answer' && (record.answer === 'accept' || record.answer === 'reject' || record.answer === 'ignore')
}

function pushString(out: string[], value: unknown): void {
  if (typeof value === 'string' && value !== '') out.push(value)
  else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string' && v !== '') out.push(v)
}

/** The field that stands for every string in the record's non-identifier fields. */
export const ALL_STRINGS = '*'

function hasString(value: unknown): boolean {
  const found: string[] = []
  collectStrings(value, found, 1)
  return found.length > 0
}

/** Non-empty string leaves, depth first (an explicit stack: hostile files nest deeply), at most `limit`. */
function collectStrings(value: unknown, out: string[], limit = Infinity): void {
  const stack: unknown[] = [value]
  const start = out.length
  while (stack.length > 0 && out.length - start < limit) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (node !== '') out.push(node)
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i])
    } else if (isObject(node)) {
      const values = Object.values(node)
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i])
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
