import picomatch from 'picomatch'
import { defineRule } from '../rule.js'
import { fileAt } from './locations.js'

export const auditMissing = defineRule({
  code: 'AUDIT_MISSING',
  stage: 'check',
  clause: 'Art. 8',
  title: { en: 'Annotation file without a scored audit', zh: '标注文件无已评分的抽检' },
  description: {
    en: "An annotation export — a file matching a labelling rule's `annotations` globs, or one an annotation audit sampled — has no scored audit of its current content (its sha256). Art. 8 asks for sampled verification of labelling accuracy.",
    zh: '标注导出文件（匹配标注规则 `annotations` 通配符的文件，或曾被标注抽检抽样的文件）没有针对其当前内容（sha256）的已评分抽检。第八条要求对标注准确性进行抽样核验。',
  },
  fix: { en: 'Run `tdgov audit sample` over the export, have the sheet reviewed, and `tdgov audit score` it.', zh: '对该导出文件运行 `tdgov audit sample`，完成抽检表审核后运行 `tdgov audit score`。' },
  check: (records) => {
    if (records.manifest === null) return []
    const globs = (records.config?.labelling_rules ?? []).flatMap((r) => r.annotations ?? [])
    const declared = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false
    const audited = new Map<string, { covered: Set<string>; audits: Set<string> }>()
    for (const { record } of records.audits) {
      if (record.kind !== 'annotation') continue
      for (const input of record.inputs) {
        const entry = audited.get(input.path) ?? { covered: new Set(), audits: new Set() }
        if (record.result !== null) entry.covered.add(input.sha256)
        entry.audits.add(record.id)
        audited.set(input.path, entry)
      }
    }
    return records.manifest.files.flatMap((file) => {
      const entry = audited.get(file.path)
      if (entry === undefined && !declared(file.path)) return []
      if (entry?.covered.has(file.sha256)) return []
      return [{ code: 'AUDIT_MISSING' as const, args: { audits: entry ? [...entry.audits].sort() : [] }, location: fileAt(file.path) }]
    })
  },
})
