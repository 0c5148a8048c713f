import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const baseModelNotFiled = defineRule({
  code: 'BASE_MODEL_NOT_FILED',
  stage: 'scan',
  clause: 'Art. 7(1), TC260-003 §6',
  title: { en: 'Base model without a filing number', zh: '基础模型未填写备案号' },
  description: {
    en: 'A base model has no CAC filing number; TC260-003 §6 expects services to build on base models that have completed filing.',
    zh: '基础模型未填写网信办备案号；TC260-003 第 6 条要求使用已完成备案的基础模型。',
  },
  fix: { en: 'Add `filing_number:` to the base model in tdgov.yaml.', zh: '在 tdgov.yaml 的该基础模型下填写 `filing_number:`。' },
  check: (records) =>
    (records.config?.base_models ?? []).flatMap((model, i) =>
      model.filing_number ? [] : [{ code: 'BASE_MODEL_NOT_FILED' as const, args: { model: model.name }, location: configAt(records, ['base_models', i]) }],
    ),
})
