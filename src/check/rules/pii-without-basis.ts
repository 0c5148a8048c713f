import { countOf, describeCounts, PiiTally } from '../../provenance/pii/index.js'
import type { RuleFinding } from '../../findings/finding.js'
import { defineRule } from '../rule.js'
import { fileAt } from './locations.js'

export const piiWithoutBasis = defineRule({
  code: 'PII_WITHOUT_BASIS',
  stage: 'scan',
  clause: 'Art. 7(3), PIPL Art. 13',
  title: { en: 'Personal information without a legal basis', zh: '含个人信息但无合法性基础' },
  description: {
    en: 'Personal information was found in a source whose `personal_information` basis is `none` or not declared, or in a file of no declared source. The finding points at the first such file.',
    zh: '在 `personal_information` 为 `none` 或未声明的来源中，或不属于任何来源的文件中，发现了个人信息。发现项指向第一个此类文件。',
  },
  fix: {
    en: 'Remove or anonymise the personal information, or declare the basis it was collected under (consent, separate-consent, written-consent, other-legal-basis).',
    zh: '删除或匿名化个人信息，或声明其收集所依据的合法性基础（consent、separate-consent、written-consent、other-legal-basis）。',
  },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    const unsourced: RuleFinding[] = []
    const bases = new Map(records.config.sources.map((s) => [s.id, s.personal_information ?? null]))
    const first = new Map<string, string>()
    const tallies = new Map<string, PiiTally>()
    for (const file of records.manifest.files) {
      const counts = file.pii?.counts
      if (!counts || countOf(counts) === 0) continue
      if (file.source === null || file.source === undefined) {
        unsourced.push({ code: 'PII_WITHOUT_BASIS', args: { types: describeCounts(counts) }, location: fileAt(file.path) })
        continue
      }
      const basis = bases.get(file.source)
      if (basis !== null && basis !== 'none') continue
      if (!first.has(file.source)) first.set(file.source, file.path)
      const tally = tallies.get(file.source) ?? new PiiTally()
      tally.merge({ counts, examples: {} })
      tallies.set(file.source, tally)
    }
    // Per source (in the order their first file appears), then the files of no source.
    const out: RuleFinding[] = []
    for (const [source, path] of first) {
      const basis = bases.get(source)
      out.push({
        code: 'PII_WITHOUT_BASIS',
        args: { types: describeCounts(tallies.get(source)!.toJSON().counts), source, ...(basis && { basis }) },
        location: fileAt(path),
      })
    }
    return [...out, ...unsourced]
  },
})
