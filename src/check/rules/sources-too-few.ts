import { defineRule } from '../rule.js'
import { configAt } from './locations.js'

export const DEFAULT_MIN_SOURCES_PER_CELL = 2

export const sourcesTooFew = defineRule({
  code: 'SOURCES_TOO_FEW',
  stage: 'scan',
  clause: 'Art. 7(4), TC260-003 §5.1',
  title: { en: 'Too few sources per modality × language', zh: '同一模态 × 语言的来源过少' },
  description: {
    en: 'TC260-003 §5.1 asks for several sources for each language and corpus type. This counts the sources per modality × language cell of the manifest against `policy.min_sources_per_cell` (default 2).',
    zh: 'TC260-003 第 5.1 条要求每种语言、每类语料有多个来源。本规则按清单中每个“模态 × 语言”单元统计来源数，与 `policy.min_sources_per_cell`（默认 2）比较。',
  },
  fix: {
    en: 'Add sources for the cell, or lower `policy.min_sources_per_cell`, or set this rule to another severity with a reason.',
    zh: '为该单元补充来源，或调低 `policy.min_sources_per_cell`，或在策略中调整本规则的级别并说明理由。',
  },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    const min = records.config.policy.min_sources_per_cell ?? DEFAULT_MIN_SOURCES_PER_CELL
    const where = configAt(records, records.config.policy.min_sources_per_cell === undefined ? [] : ['policy', 'min_sources_per_cell'])
    return records.manifest.header.diversity
      .filter((cell) => cell.sources.length < min)
      .map((cell) => ({
        code: 'SOURCES_TOO_FEW' as const,
        args: { modality: cell.modality, ...(cell.language !== null && { language: cell.language }), count: cell.sources.length, sources: cell.sources, min },
        location: where,
      }))
  },
})
