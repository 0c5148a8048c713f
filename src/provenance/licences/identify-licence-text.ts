import { createRequire } from 'node:module'
import { licenceWords } from './licence-text.js'
import { currentSpdxId } from './spdx-index.js'

/**
 * Below this Sørensen–Dice similarity a text is not called a licence. Exact copies score 1; a
 * reflowed copy with its own copyright line scores above 0.99; the closest distinct licences on the
 * SPDX list (CC BY vs CC BY-NC 4.0: 0.975, GPL-3.0 vs AGPL-3.0: 0.91) still lose to the right one,
 * because the best match wins.
 */
export const SIMILARITY_THRESHOLD = 0.9

/** Texts shorter than this many word trigrams say too little to be told apart. */
const MIN_SHINGLES = 10

interface Candidate {
  id: string
  /** distinct word-trigram codes, ascending */
  shingles: Float64Array
}

interface Corpus {
  /** word → id (1, 2, …); 0 stands for a word no SPDX text has */
  vocabulary: Map<string, number>
  /** ascending by shingle count, for the length pre-filter */
  candidates: Candidate[]
  /** characters in the longest SPDX text */
  longestText: number
}

/** Trigram code = ((a·BASE)+b)·BASE+c for word ids a, b, c < BASE: exact in a double (BASE³ < 2^53). */
const BASE = 2 ** 17

let corpus: Corpus | undefined

type SpdxFull = Readonly<Record<string, { readonly licenseText: string }>>

/**
 * Full licence text (LICENSE, COPYING, NOTICE) → the SPDX licence it is, with its similarity
 * rounded to 3 decimals, or null when no SPDX text is at least SIMILARITY_THRESHOLD similar.
 * Similarity: Sørensen–Dice over the sets of word trigrams (2·|A∩B| / (|A|+|B|)) after licenceWords.
 * The first call loads the SPDX texts (spdx-license-list/full) and prepares them once per process.
 */
export function identifyLicenceText(text: string): { spdx: string; similarity: number } | null {
  const { vocabulary, candidates, longestText } = (corpus ??= prepareCorpus())
  // A file four times the longest licence (APL-1.0, 46 kB) is not a licence, however it is spaced;
  // this spares normalising megabytes of data that a scanner may hand over.
  if (text.length > 4 * longestText) return null
  const input = shingleCodes(licenceWords(text), (word) => vocabulary.get(word))
  const n = input.length
  if (n < MIN_SHINGLES) return null

  // Dice can reach the threshold only if 2·min(n, m)/(n + m) does: m within [n·t/(2−t), n·(2−t)/t].
  const t = SIMILARITY_THRESHOLD
  // (The 1e-9 keeps a bound that is a whole number in exact arithmetic from rounding the wrong way.)
  const lo = firstWithSize(candidates, Math.ceil((n * t) / (2 - t) - 1e-9))
  const maxSize = Math.floor((n * (2 - t)) / t + 1e-9)
  let best: Candidate | undefined
  let bestScore = 0
  for (let i = lo; i < candidates.length && candidates[i].shingles.length <= maxSize; i++) {
    const candidate = candidates[i]
    const score = (2 * intersectionSize(input, candidate.shingles)) / (n + candidate.shingles.length)
    if (score > bestScore) {
      bestScore = score
      best = candidate
    }
  }
  if (best === undefined || bestScore < t) return null
  return { spdx: best.id, similarity: Math.round(bestScore * 1000) / 1000 }
}

function prepareCorpus(): Corpus {
  // Lazy and synchronous: 5 MB of JSON that most scans never need.
  const full = createRequire(import.meta.url)('spdx-license-list/full') as SpdxFull
  const vocabulary = new Map<string, number>()
  const idOf = (word: string): number => {
    let id = vocabulary.get(word)
    if (id === undefined) {
      id = vocabulary.size + 1
      if (id >= BASE) throw new Error('[tdgov] SPDX licence texts have too many distinct words for trigram codes')
      vocabulary.set(word, id)
    }
    return id
  }

  // One candidate per distinct trigram set. Ids that share a text (GPL-3.0-only / -or-later /
  // GPL-3.0, OFL-1.1 / -RFN / -no-RFN, the GFDL invariants variants) are one candidate, reported
  // under the preferred id; equal sets would score the same anyway.
  const byContent = new Map<string, Candidate[]>()
  const addText = (id: string, text: string): void => {
    const shingles = shingleCodes(licenceWords(text), idOf)
    const key = contentKey(shingles)
    const same = byContent.get(key)
    const twin = same?.find((c) => equalCodes(c.shingles, shingles))
    if (twin === undefined) {
      if (same === undefined) byContent.set(key, [{ id, shingles }])
      else same.push({ id, shingles })
    } else if (preferredFirst(id, twin.id) < 0) twin.id = id
  }
  let longestText = 0
  for (const [id, entry] of Object.entries(full)) {
    longestText = Math.max(longestText, entry.licenseText.length)
    const reported = reportedId(id, full)
    addText(reported, entry.licenseText)
    // The GNU licences and Apache-2.0 end their terms with "END OF TERMS AND CONDITIONS", followed
    // by how-to-apply notes that SPDX marks optional and many LICENSE files leave out. Without a
    // trimmed variant, Apache-2.0 minus its appendix is closer to Pixar (Apache-2.0 with its own
    // section 6, no appendix) than to Apache-2.0.
    const end = /END OF TERMS AND CONDITIONS/i.exec(entry.licenseText)
    if (end !== null) addText(reported, entry.licenseText.slice(0, end.index + end[0].length))
  }

  const candidates = [...byContent.values()].flat()
  candidates.sort((a, b) => a.shingles.length - b.shingles.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { vocabulary, candidates, longestText }
}

/** A cheap digest of a code set, to find equal sets without comparing every pair. */
function contentKey(codes: Float64Array): string {
  let sum = 0
  for (let i = 0; i < codes.length; i += 7) sum = (sum * 31 + (codes[i] % 1_000_003)) % 2_147_483_647
  return `${codes.length}:${sum}`
}

function equalCodes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * The id a licence text is reported under. The text alone cannot say whether "or any later
 * version" applies (the notice in each file does), so GNU licences are reported as `-only`, the
 * narrower claim; deprecated ids as their replacements.
 */
function reportedId(id: string, full: SpdxFull): string {
  const current = currentSpdxId(id)
  const only = current.replace(/(-only|-or-later|\+)$/, '') + '-only'
  return only !== current && Object.hasOwn(full, only) ? only : current
}

function preferredFirst(a: string, b: string): number {
  return Number(!a.endsWith('-only')) - Number(!b.endsWith('-only')) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

/** Distinct word-trigram codes, ascending. Words outside the vocabulary make trigrams no licence has. */
function shingleCodes(words: readonly string[], idOf: (word: string) => number | undefined): Float64Array {
  const ids = new Int32Array(words.length)
  for (let i = 0; i < words.length; i++) ids[i] = idOf(words[i]) ?? 0
  const count = Math.max(0, ids.length - 2)
  const codes = new Float64Array(count)
  let unmatched = 0
  for (let i = 0; i < count; i++) {
    const a = ids[i]
    const b = ids[i + 1]
    const c = ids[i + 2]
    // Negative codes are unique per position: they count towards the size, never towards a match.
    codes[i] = a === 0 || b === 0 || c === 0 ? -++unmatched : (a * BASE + b) * BASE + c
  }
  codes.sort()
  let distinct = 0
  for (let i = 0; i < count; i++) if (i === 0 || codes[i] !== codes[i - 1]) codes[distinct++] = codes[i]
  return codes.subarray(0, distinct)
}

function intersectionSize(a: Float64Array, b: Float64Array): number {
  let i = 0
  let j = 0
  let shared = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return shared
}

function firstWithSize(candidates: readonly Candidate[], size: number): number {
  let lo = 0
  let hi = candidates.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (candidates[mid].shingles.length < size) lo = mid + 1
    else hi = mid
  }
  return lo
}
