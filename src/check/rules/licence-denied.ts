import { defineRule } from '../rule.js'
import { configAt } from './locations.js'
import { licenceIds, sourceLicences } from './source-licences.js'

export const licenceDenied = defineRule({
  code: 'LICENCE_DENIED',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Licence the policy does not allow', zh: '策略不允许的许可证' },
  description: {
    en: "A source's declared or detected licence names an SPDX id in `policy.licences.deny`, or, when `policy.licences.allow` is set, one outside it.",
    zh: '来源声明或检测到的许可证包含 `policy.licences.deny` 中的 SPDX 标识；或在设置了 `policy.licences.allow` 时，包含其之外的标识。',
  },
  fix: { en: 'Remove the source or obtain other terms; or change the lists in `policy.licences`.', zh: '移除该来源或取得其他授权条款；或调整 `policy.licences` 中的名单。' },
  check: (records) => {
    const lists = records.config?.policy.licences
    if (!lists) return []
    const deny = new Set(lists.deny ?? [])
    const allow = lists.allow ? new Set(lists.allow) : null
    return sourceLicences(records).flatMap(({ source, index, classes }) => {
      const ids = [...new Set(classes.flatMap((c) => (c.detected ? [c.id] : licenceIds(c.id))))]
      return ids.flatMap((id) => {
        const list = deny.has(id) ? 'deny' : allow !== null && !allow.has(id) ? 'allow' : null
        return list === null ? [] : [{ code: 'LICENCE_DENIED' as const, args: { source: source.id, licence: id, list }, location: configAt(records, ['sources', index]) }]
      })
    })
  },
})
