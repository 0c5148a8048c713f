import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const sourceMatchesNothing = defineRule({
  code: 'SOURCE_MATCHES_NOTHING',
  stage: 'scan',
  clause: 'Art. 19',
  title: { en: 'Source that matches no file', zh: '来源未匹配到任何文件' },
  description: {
    en: "A declared source's `paths` globs match no scanned file: a typo in a glob, or data that was removed.",
    zh: '已声明来源的 `paths` 未匹配到任何已扫描文件：通配符可能有误，或数据已被移除。',
  },
  fix: { en: "Correct the source's `paths`, or remove the source from tdgov.yaml.", zh: '修正该来源的 `paths`，或从 tdgov.yaml 中删除该来源。' },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    const files = new Map(records.manifest.header.sources.map((s) => [s.id, s.files]))
    return records.config.sources.flatMap((source, i) =>
      (files.get(source.id) ?? 0) > 0
        ? []
        : [{ code: 'SOURCE_MATCHES_NOTHING' as const, args: { source: source.id, paths: source.paths }, location: configAt(records, ['sources', i, 'paths']) }],
    )
  },
})
