import { parseDocument } from 'yaml'

/**
 * Front matter as huggingface_hub finds it (repocard.py REGEX_YAML_BLOCK): `---` on the first
 * non-blank line, up to the next line that is `---`.
 */
const FRONT_MATTER = /^\s*---(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/

export interface CardLicence {
  /** `license` (or the legacy `licenses`) values as written */
  licences: string[]
  /** `license_name`: the id of a licence not on the Hub list (with `license: other`) */
  name?: string
  /** `license_link`: `LICENSE`, `LICENSE.md` or a URL */
  link?: string
}

/**
 * `license:` from a Hugging Face dataset card's YAML front matter (a string or a list), the raw
 * values; null when the card has no front matter, no licence key, or YAML that does not parse to a
 * mapping. Never throws.
 */
export function licencesFromCard(markdown: string): string[] | null {
  return cardLicence(markdown)?.licences ?? null
}

/** licencesFromCard plus `license_name` and `license_link`, which explain `license: other`. */
export function cardLicence(markdown: string): CardLicence | null {
  const meta = frontMatter(markdown)
  if (meta === null) return null
  // Cards written before 2022 (datasets' own templates) used `licenses:`.
  const value = Object.hasOwn(meta, 'license') ? meta.license : Object.hasOwn(meta, 'licenses') ? meta.licenses : undefined
  if (value === undefined) return null
  const result: CardLicence = { licences: strings(value) }
  const name = strings(meta.license_name)[0]
  const link = strings(meta.license_link)[0]
  if (name !== undefined) result.name = name
  if (link !== undefined) result.link = link
  return result
}

function frontMatter(markdown: string): Record<string, unknown> | null {
  const m = FRONT_MATTER.exec(markdown.replace(/^\uFEFF/, ''))
  if (!m) return null
  try {
    // PyYAML (what the Hub and huggingface_hub use) lets a later duplicate key win; so do we.
    // logLevel 'error': the yaml package would otherwise print warnings (collection keys) itself.
    const doc = parseDocument(m[1], { uniqueKeys: false, logLevel: 'error' })
    if (doc.errors.length > 0) return null
    const data: unknown = doc.toJS({ maxAliasCount: 100 })
    return isRecord(data) ? data : null
  } catch {
    return null
  }
}

/** Non-empty strings from a scalar or a list; a number becomes its string (`license: 2.0` is a mistake, not nothing). */
function strings(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value]
  const out: string[] = []
  for (const item of items) {
    if (typeof item === 'string' && item.trim() !== '') out.push(item.trim())
    else if (typeof item === 'number' && Number.isFinite(item)) out.push(String(item))
  }
  return out
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
