import { defineRule } from '../rule.js'
import { fileAt } from './locations.js'
import { sourceLicences } from './source-licences.js'

export const licenceMismatch = defineRule({
  code: 'LICENCE_MISMATCH',
  stage: 'scan',
  clause: 'Art. 7(2)',
  title: { en: 'Declared licence differs from the one stated in the data', zh: '声明的许可证与数据中载明的不一致' },
  description: {
    en: "A LICENSE file, dataset card, Croissant file or per-record licence field over a source's files states a licence that its declared expression does not name.",
    zh: '来源文件所在目录的 LICENSE、数据集卡片、Croissant 文件或记录中的许可字段载明的许可证，不在该来源声明的许可表达式中。',
  },
  fix: {
    en: 'Check which licence applies; correct `license:` in tdgov.yaml (e.g. an AND/OR expression) or the stated licence.',
    zh: '核实实际适用的许可证，修正 tdgov.yaml 中的 `license:`（如使用 AND/OR 表达式）或数据中载明的许可。',
  },
  check: (records) =>
    sourceLicences(records).flatMap(({ source, summary, declaredIds }) =>
      source.license === undefined
        ? []
        : (summary?.licence.detected ?? [])
            .filter((d) => !declaredIds.includes(d.id))
            .map((d) => ({
              code: 'LICENCE_MISMATCH' as const,
              args: { source: source.id, kind: source.kind, declared: source.license!, detected: d.id },
              location: fileAt(d.from[0]!),
            })),
    ),
})
