import { mostRestrictive } from '../../provenance/licences/index.js'
import { defineRule } from '../rule.js'
import { configAt } from './locations.js'
import { sourceLicences } from './source-licences.js'

export const licenceNotForCommercialUse = defineRule({
  code: 'LICENCE_NOT_FOR_COMMERCIAL_USE',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Non-commercial licence in a commercial dataset', zh: '商业用途数据集中含非商业许可数据' },
  description: {
    en: "The dataset's intended use is commercial, but a source's most restrictive licence (declared or detected) is non-commercial or academic-only.",
    zh: '数据集预期用途为商业用途，但某来源（声明或检测到的）最严格的许可证为非商业或仅限学术用途。',
  },
  fix: {
    en: 'Remove the source, obtain a commercial licence (declare the contract), or change `dataset.intended_use` if the model is not for commercial use.',
    zh: '移除该来源，或取得商业许可（并声明合同）；若模型不用于商业用途，修改 `dataset.intended_use`。',
  },
  check: (records) => {
    if (records.config?.dataset.intended_use !== 'commercial') return []
    return sourceLicences(records).flatMap(({ source, index, classes }) => {
      if (classes.length === 0) return []
      const { use } = mostRestrictive(classes)
      if (use !== 'non-commercial' && use !== 'academic-only') return []
      const culprit = classes.find((c) => c.use === use)!
      return [{ code: 'LICENCE_NOT_FOR_COMMERCIAL_USE' as const, args: { source: source.id, kind: source.kind, use, licence: culprit.id }, location: configAt(records, ['sources', index]) }]
    })
  },
})
