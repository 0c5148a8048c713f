import { defineRule } from '../rule.js'
import { configAt } from './locations.js'
import { sourceLicences } from './source-licences.js'

export const licenceUnknown = defineRule({
  code: 'LICENCE_UNKNOWN',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Licence that cannot be classified', zh: '无法分类的许可证' },
  description: {
    en: "A source's declared or detected licence is not in tdgov's licence table, so whether it allows commercial use is unknown; it is treated as restrictive.",
    zh: '来源声明或检测到的许可证不在 tdgov 的许可证表中，无法判断是否允许商业使用，按限制性许可处理。',
  },
  fix: {
    en: 'Declare the licence as an SPDX id tdgov knows, or review the terms and set this rule off for the source with a reason.',
    zh: '改用 tdgov 可识别的 SPDX 许可证标识；或人工审阅条款后，附理由关闭本规则。',
  },
  check: (records) =>
    sourceLicences(records).flatMap(({ source, index, classes }) =>
      classes
        .filter((c) => !c.known)
        .map((c) => ({ code: 'LICENCE_UNKNOWN' as const, args: { source: source.id, kind: source.kind, licence: c.id }, location: configAt(records, ['sources', index]) })),
    ),
})
