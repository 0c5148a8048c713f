import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const duplicateRateHigh = defineRule({
  code: 'DUPLICATE_RATE_HIGH',
  stage: 'scan',
  clause: 'Art. 7(4)',
  title: { en: 'Duplicate rate above the policy', zh: '重复率超过策略阈值' },
  description: {
    en: "The share of records that repeat another (normalised text of their content fields, within and across files) exceeds `policy.duplicate_rate_max`. The scan estimates it dataset-wide from a content-hash sample of every record (all copies of a sampled text are seen together), with a 95% interval; with `--deep` it is counted exactly. The finding gives the estimate and its interval.",
    zh: '与其他记录重复（按内容字段的规范化文本，文件内及跨文件）的记录比例超过 `policy.duplicate_rate_max`。扫描按内容哈希对全部记录抽样（同一文本的所有副本一同入样），在全数据集范围估计该比例并给出 95% 区间；使用 `--deep` 时精确计数。发现项给出估计值及其区间。',
  },
  fix: { en: 'De-duplicate the data and scan again (with --deep for an exact rate), or raise the threshold with a reason.', zh: '去重后重新扫描（用 --deep 获得精确比例），或附理由调高阈值。' },
  check: (records) => {
    const max = records.config?.policy.duplicate_rate_max
    if (max === undefined || records.manifest === null) return []
    const { duplicates, records: analysed } = records.manifest.header.content
    // The dataset-wide estimate when the scan drew one; manifests without it give the analysed records' rate.
    const estimate = duplicates.estimate
    const rate = estimate?.rate ?? duplicates.rate
    if (rate <= max) return []
    const args: Record<string, number | boolean> = estimate
      ? { rate, records: estimate.records, max, low: estimate.low, high: estimate.high, exact: estimate.threshold === 1 }
      : { rate, records: analysed, max }
    return [{ code: 'DUPLICATE_RATE_HIGH' as const, args, location: configAt(records, ['policy', 'duplicate_rate_max']) }]
  },
})
