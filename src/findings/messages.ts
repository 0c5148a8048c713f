import type { FindingCode } from './codes.js'
import { EN } from './catalogue-en.js'
import type { FindingArgs } from './finding.js'
import { ZH } from './catalogue-zh.js'

export const LANGUAGES = ['en', 'zh'] as const
export type Language = (typeof LANGUAGES)[number]

/** Reads a finding's args for a catalogue entry: lists joined, numbers as written, "?" where absent. */
export interface ArgReader {
  (name: string): string
  /** a share in [0, 1] as a percentage with one decimal */
  pct(name: string): string
  /** the raw value, for entries that choose their wording by it */
  raw(name: string): FindingArgs[string] | undefined
  /** how many items a list argument has (a number argument is its own count) */
  count(name: string): number
}

export type Catalogue = Record<FindingCode, (a: ArgReader) => string>

export const CATALOGUES: Record<Language, Catalogue> = { en: EN, zh: ZH }

/** The one place where a finding code becomes a sentence, in the language asked for. */
export function renderMessage(code: FindingCode, args: FindingArgs, lang: Language): string {
  return CATALOGUES[lang][code](argReader(args, lang))
}

function argReader(args: FindingArgs, lang: Language): ArgReader {
  const separator = lang === 'zh' ? '、' : ', '
  const read = (name: string): string => {
    const value = args[name]
    if (value === undefined) return '?'
    return Array.isArray(value) ? value.join(separator) : String(value)
  }
  return Object.assign(read, {
    pct: (name: string) => {
      const value = args[name]
      return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : read(name)
    },
    raw: (name: string) => args[name],
    count: (name: string) => {
      const value = args[name]
      return Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0
    },
  })
}
