import spdxCorrect from 'spdx-correct'
import spdxParse from 'spdx-expression-parse'
import { licenceNames, parseLicenceExpression, renderLicenceExpression, type LicenceExpression } from './licence-expression.js'
import { NAMED_CLASSES, SPELLINGS } from './licence-table.js'
import { licenceHintsFromUrl, looksLikeUrl } from './licence-url.js'
import { looseKey } from './loose-key.js'
import { currentSpdxId, isSpdxId, spdxIdByLooseKey, spdxIdByUrl, spdxIdIgnoringCase } from './spdx-index.js'

export interface NormalisedLicence {
  /** An SPDX id or expression (`spdx: true`), else a lower-case token (`openrail`, `llama3`, `openai-terms`), a `LicenseRef-…` as given, or `unknown`. */
  id: string
  spdx: boolean
}

const UNKNOWN = 'unknown'

/** Longer than this, a "licence" field is prose (or data), not a name; it is not worth guessing at. */
const MAX_NAME_LENGTH = 1000

/**
 * A free licence string as found in cards, records, DPI summaries and configs → a canonical id.
 * Tries, in order: the string as one licence (SPDX id in any case, a known spelling, an SPDX name,
 * a licence URL); as an expression (`MIT OR Apache-2.0`, `Apache 2.0 and CC BY 4.0`); the part in
 * parentheses ("Attribution 4.0 International (CC BY 4.0)"); and spdx-correct's guess, accepted only
 * when it adds no version the string does not state. Never throws.
 */
export function normaliseLicence(raw: string): NormalisedLicence {
  const text = raw
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, '')
    .trim()
  if (text === '' || text.length > MAX_NAME_LENGTH) return { id: UNKNOWN, spdx: false }
  const resolved = resolveOne(text) ?? resolveExpression(text) ?? resolveParenthesised(text)
  if (resolved) return resolved
  // An SPDX expression that did not parse is not guessed at: spdx-correct would keep one operand.
  if (/\b(AND|OR|WITH)\b/.test(text)) return { id: UNKNOWN, spdx: false }
  return resolveByCorrection(text) ?? { id: UNKNOWN, spdx: false }
}

let spellings: ReadonlyMap<string, string> | undefined

/** Loose key → canonical id, for SPELLINGS and the canonical ids of named licences. */
function spellingIndex(): ReadonlyMap<string, string> {
  if (spellings) return spellings
  const map = new Map<string, string>()
  const add = (spelling: string, id: string): void => {
    const key = looseKey(spelling)
    if (key !== '' && !map.has(key)) map.set(key, id)
  }
  // Canonical tokens first, so that a token always normalises to itself.
  for (const [id] of NAMED_CLASSES) add(id, id)
  for (const [id] of SPELLINGS) add(id, id)
  for (const [id, names] of SPELLINGS) for (const name of names) add(name, id)
  spellings = map
  return map
}

function named(id: string): NormalisedLicence {
  return isSpdxId(id) ? { id: currentSpdxId(id), spdx: true } : { id, spdx: false }
}

/** `text` as a single licence, or null. */
function resolveOne(text: string): NormalisedLicence | null {
  if (isSpdxId(text)) return named(text)
  const ignoringCase = spdxIdIgnoringCase(text)
  if (ignoringCase !== undefined) return named(ignoringCase)

  const ref = /^(?:DocumentRef-[\w.-]+:)?LicenseRef-([\w.-]+)$/.exec(text)
  if (ref) {
    // A LicenseRef that spells a licence without an SPDX id (LicenseRef-openrail) takes that id;
    // any other stays as written, since it may name modified terms.
    const known = spellingIndex().get(looseKey(ref[1]))
    return known !== undefined && !isSpdxId(known) ? named(known) : { id: text, spdx: false }
  }

  const key = looseKey(text)
  const spelled = spellingIndex().get(key) ?? spdxIdByLooseKey(key)
  if (spelled !== undefined) return named(spelled)

  if (looksLikeUrl(text)) {
    const listed = spdxIdByUrl(text)
    if (listed !== undefined) return named(listed)
    for (const hint of licenceHintsFromUrl(text)) {
      const resolved = looksLikeUrl(hint) ? null : resolveOne(hint)
      if (resolved) return resolved
    }
    return null
  }

  // `Apache-2.0+`: the SPDX "or later" operator on a licence without -or-later ids.
  if (text.endsWith('+') && !text.endsWith('++')) {
    const base = resolveOne(text.slice(0, -1))
    if (base?.spdx) {
      const gnu = /^((?:A|L)?GPL|GFDL)-(\d\.\d)-only$/.exec(base.id)
      return gnu ? { id: `${gnu[1]}-${gnu[2]}-or-later`, spdx: true } : { id: `${base.id}+`, spdx: true }
    }
  }
  return null
}

function resolveExpression(text: string): NormalisedLicence | null {
  // Upper-case operators or parentheses: the writer meant SPDX syntax, so unknown operands are kept
  // (as `unknown`). Lower-case "and"/"or" may be prose ("research and education only"), so every
  // operand must then be a licence we know.
  const strict = /\b(AND|OR|WITH)\b|[()]/.test(text)
  if (!strict && !/\s(and|or|with)\s/i.test(text)) return null
  const parsed = parseLicenceExpression(text, strict)
  if (parsed === null || (parsed.kind === 'licence' && parsed.exception === undefined)) return null

  let allSpdx = true
  let anyKnown = false
  const rewrite = (node: LicenceExpression): LicenceExpression => {
    if (node.kind !== 'licence') return { kind: node.kind, parts: node.parts.map(rewrite) }
    const resolved = resolveOne(node.name) ?? resolveByCorrection(node.name) ?? { id: UNKNOWN, spdx: false }
    allSpdx &&= resolved.spdx
    if (resolved.id !== UNKNOWN) anyKnown = true
    return node.exception === undefined ? { kind: 'licence', name: resolved.id } : { kind: 'licence', name: resolved.id, exception: node.exception }
  }
  const rewritten = rewrite(parsed)
  if (!anyKnown) return null
  if (!strict && licenceNames(rewritten).includes(UNKNOWN)) return null
  const id = renderLicenceExpression(rewritten)
  return { id, spdx: allSpdx && parsesAsSpdx(id) }
}

function parsesAsSpdx(expression: string): boolean {
  try {
    spdxParse(expression)
    return true
  } catch {
    return false
  }
}

function resolveParenthesised(text: string): NormalisedLicence | null {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text)
  if (!m) return null
  return resolveOne(m[2]) ?? (m[1] === '' ? null : resolveOne(m[1]))
}

/** spdx-correct's guess, unless it invents a version ("BSD License" → BSD-2-Clause is a guess). */
function resolveByCorrection(text: string): NormalisedLicence | null {
  let corrected: string | null
  try {
    corrected = spdxCorrect(text, { upgrade: false })
  } catch {
    return null
  }
  if (corrected === null || !isSpdxId(corrected)) return null
  const stated = new Set(versions(text))
  if (!versions(corrected).every((v) => stated.has(v))) return null
  return named(corrected)
}

/** Version numbers in a string, without trailing `.0`s ("GPLv3" and "GPL-3.0" both state 3). */
function versions(text: string): string[] {
  return (text.match(/\d+(?:\.\d+)*/g) ?? []).map((v) => v.replace(/(?:\.0)+$/, ''))
}
