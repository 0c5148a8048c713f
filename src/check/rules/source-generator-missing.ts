import { defineRule } from '../rule.js'
import { sourcesMissing } from './source-facts.js'

export const sourceGeneratorMissing = defineRule({
  code: 'SOURCE_GENERATOR_MISSING',
  stage: 'scan',
  clause: 'Art. 7, Art. 19',
  title: { en: 'Synthetic source without its generator', zh: '合成数据来源未注明生成模型' },
  description: {
    en: 'A synthetic source does not name the model that generated it, which the Art. 19 explanation of data sources needs.',
    zh: '合成数据来源未注明生成它的模型，而第十九条对数据来源的说明需要这一信息。',
  },
  fix: { en: 'Set `synthetic.generator` (and `synthetic.version`) on the source in tdgov.yaml.', zh: '在 tdgov.yaml 的该来源下填写 `synthetic.generator`（及 `synthetic.version`）。' },
  check: (records) => sourcesMissing(records, 'SOURCE_GENERATOR_MISSING', (s) => s.kind === 'synthetic' && !s.synthetic?.generator),
})
