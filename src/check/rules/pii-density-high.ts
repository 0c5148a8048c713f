import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const piiDensityHigh = defineRule({
  code: 'PII_DENSITY_HIGH',
  stage: 'scan',
  clause: 'Art. 7(3)',
  title: { en: 'Personal information denser than the policy allows', zh: '个人信息密度超过策略阈值' },
  description: {
    en: "A source's personal values per 10,000 records searched exceed `policy.pii_density_max`.",
    zh: '某来源每万条被检索记录中的个人信息数超过 `policy.pii_density_max`。',
  },
  fix: { en: 'Remove or mask the personal information in the source and scan again, or raise the threshold with a reason.', zh: '删除或遮蔽该来源中的个人信息后重新扫描，或附理由调高阈值。' },
  check: (records) => {
    const max = records.config?.policy.pii_density_max
    if (max === undefined || records.manifest === null) return []
    return records.manifest.header.sources
      .filter((s) => s.personalInformation.densityPer10k > max)
      .map((s) => ({
        code: 'PII_DENSITY_HIGH' as const,
        args: { source: s.id, density: s.personalInformation.densityPer10k, max },
        location: configAt(records, ['policy', 'pii_density_max']),
      }))
  },
})
