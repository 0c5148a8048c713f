import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const duplicateRateHigh = defineRule({
  code: 'DUPLICATE_RATE_HIGH',
  stage: 'scan',
  clause: 'Art. 7(4)',
  title: { en: 'Duplicate rate above the policy', zh: '重复率超过策略阈值' },
  description: {
    en: "The share of analysed records that repeat another (normalised text, within and across files) exceeds `policy.duplicate_rate_max`. Without `--deep` it is measured on each file's seeded sample.",
    zh: '被分析记录中与其他记录重复（规范化文本，文件内及跨文件）的比例超过 `policy.duplicate_rate_max`。未使用 `--deep` 时，按每个文件的种子抽样测得。',
  },
  fix: { en: 'De-duplicate the data and scan again (with --deep for an exact rate), or raise the threshold with a reason.', zh: '去重后重新扫描（用 --deep 获得精确比例），或附理由调高阈值。' },
  check: (records) => {
    const max = records.config?.policy.duplicate_rate_max
    if (max === undefined || records.manifest === null) return []
    const { duplicates, records: analysed } = records.manifest.header.content
    if (duplicates.rate <= max) return []
    return [{ code: 'DUPLICATE_RATE_HIGH' as const, args: { rate: duplicates.rate, records: analysed, max }, location: configAt(records, ['policy', 'duplicate_rate_max']) }]
  },
})
