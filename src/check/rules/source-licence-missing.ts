import { defineRule } from '../rule.js'
import { sourcesMissing } from './source-facts.js'

export const sourceLicenceMissing = defineRule({
  code: 'SOURCE_LICENCE_MISSING',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Open or crawled source without a licence', zh: '开源或爬取来源未声明许可' },
  description: {
    en: 'An open-source or crawled source declares neither an SPDX licence nor a contract, so the legal basis on which its data is used cannot be shown.',
    zh: '开源或爬取来源既未声明 SPDX 许可证，也未声明合同，无法证明其数据的使用依据。',
  },
  fix: {
    en: 'Add `license:` (an SPDX expression, or LicenseRef-… for custom terms) or `contract:` to the source in tdgov.yaml.',
    zh: '在 tdgov.yaml 的该来源下填写 `license:`（SPDX 表达式，自定义条款用 LicenseRef-…）或 `contract:`。',
  },
  check: (records) => sourcesMissing(records, 'SOURCE_LICENCE_MISSING', (s) => (s.kind === 'open-source' || s.kind === 'crawled') && !s.license && !s.contract),
})
