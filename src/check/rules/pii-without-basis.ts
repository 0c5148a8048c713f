import { countOf, describeCounts } from '../../provenance/pii/index.js'
import type { RuleFinding } from '../../findings/finding.js'
import { defineRule } from '../rule.js'
import { fileAt } from './locations.js'

export const piiWithoutBasis = defineRule({
  code: 'PII_WITHOUT_BASIS',
  stage: 'scan',
  clause: 'Art. 7(3), PIPL Art. 13',
  title: { en: 'Personal information without a legal basis', zh: '含个人信息但无合法性基础' },
  description: {
    en: 'Personal information was found in a source whose `personal_information` basis is `none` or not declared, or in a file of no declared source. Each file that holds it gets a finding of its own, with that file’s counts.',
    zh: '在 `personal_information` 为 `none` 或未声明的来源中，或不属于任何来源的文件中，发现了个人信息。每个含个人信息的文件各有一条发现项，列出该文件自身的计数。',
  },
  fix: {
    en: 'Remove or anonymise the personal information, or declare the basis it was collected under (consent, separate-consent, written-consent, other-legal-basis).',
    zh: '删除或匿名化个人信息，或声明其收集所依据的合法性基础（consent、separate-consent、written-consent、other-legal-basis）。',
  },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    const bases = new Map(records.config.sources.map((s) => [s.id, s.personal_information ?? null]))
    // One finding per file, with the counts that file holds: a source-wide sum pinned on one of its
    // files would name types (and numbers) that file does not have. Files of a source come grouped
    // by source, sources in the order their first such file appears, then the files of no source.
    const bySource = new Map<string, RuleFinding[]>()
    const unsourced: RuleFinding[] = []
    for (const file of records.manifest.files) {
      const counts = file.pii?.counts
      if (!counts || countOf(counts) === 0) continue
      const types = describeCounts(counts)
      if (file.source === null || file.source === undefined) {
        unsourced.push({ code: 'PII_WITHOUT_BASIS', args: { types }, location: fileAt(file.path) })
        continue
      }
      const basis = bases.get(file.source)
      if (basis !== null && basis !== 'none') continue
      const findings = bySource.get(file.source) ?? []
      findings.push({ code: 'PII_WITHOUT_BASIS', args: { types, source: file.source, ...(basis && { basis }) }, location: fileAt(file.path) })
      bySource.set(file.source, findings)
    }
    return [...[...bySource.values()].flat(), ...unsourced]
  },
})
