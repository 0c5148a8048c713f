import { defineRule } from '../rule.js'
import { sourcesMissing } from './source-facts.js'

export const sourceContractMissing = defineRule({
  code: 'SOURCE_CONTRACT_MISSING',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Commercial source without a contract', zh: '商业来源未声明合同' },
  description: {
    en: 'A commercial source names no contract or agreement, so the transaction records TC260-003 §5.1 asks for cannot be traced.',
    zh: '商业来源未注明合同或协议，无法追溯 TC260-003 第 5.1 条要求的交易记录。',
  },
  fix: { en: 'Add `contract:` (the agreement reference) to the source in tdgov.yaml.', zh: '在 tdgov.yaml 的该来源下填写 `contract:`（协议编号或名称）。' },
  check: (records) => sourcesMissing(records, 'SOURCE_CONTRACT_MISSING', (s) => s.kind === 'commercial' && !s.contract),
})
