import { LANGUAGE_CLASSES, type LanguageClass } from './language.js'

export type LanguageCountsJson = Partial<Record<LanguageClass, number>>

/** Records per language class, added up per file, source or dataset; serialised in class order. */
export class LanguageCounts {
  private readonly counts = new Map<LanguageClass, number>()

  add(language: LanguageClass, records = 1): void {
    this.counts.set(language, (this.counts.get(language) ?? 0) + records)
  }

  merge(other: LanguageCountsJson): void {
    for (const c of LANGUAGE_CLASSES) if (other[c]) this.add(c, other[c])
  }

  toJSON(): LanguageCountsJson {
    return Object.fromEntries(LANGUAGE_CLASSES.filter((c) => this.counts.has(c)).map((c) => [c, this.counts.get(c)!]))
  }
}
