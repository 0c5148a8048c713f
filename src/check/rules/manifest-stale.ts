import type { RuleFinding } from '../../findings/finding.js'
import { defineRule } from '../rule.js'

const EXAMPLES = 3

export const manifestStale = defineRule({
  code: 'MANIFEST_STALE',
  stage: 'check',
  clause: 'Art. 19',
  title: { en: 'Manifest out of date', zh: '清单已过期' },
  description: {
    en: 'Files were added, removed or changed since the manifest was written (size and mtime first, then sha256 where they differ from the scan cache), or tdgov.yaml is not the one the manifest was checked against. Figures from a stale manifest do not describe the data.',
    zh: '清单写入后有文件新增、删除或修改（先比较大小与修改时间，与扫描缓存不符时再比较 sha256），或 tdgov.yaml 已不是清单检查时所用的版本。过期清单中的数据不能反映实际数据。',
  },
  fix: { en: 'Run `tdgov scan` and commit the new manifest.', zh: '运行 `tdgov scan` 并提交新的清单。' },
  check: (records) => {
    if (records.manifest === null) return []
    const out: RuleFinding[] = []
    const recorded = records.manifest.header.config?.sha256 ?? null
    const current = records.configSha256
    if (recorded !== current) {
      out.push({ code: 'MANIFEST_STALE' as const, args: { config: true, recorded: recorded?.slice(0, 12) ?? 'none', current: current?.slice(0, 12) ?? 'none' }, location: { kind: 'dataset' as const } })
    }
    const tree = records.tree
    if (tree && tree.added.length + tree.removed.length + tree.changed.length > 0) {
      const examples = [...tree.added.map((p) => `+${p}`), ...tree.removed.map((p) => `-${p}`), ...tree.changed.map((p) => `~${p}`)].slice(0, EXAMPLES)
      out.push({ code: 'MANIFEST_STALE' as const, args: { added: tree.added.length, removed: tree.removed.length, changed: tree.changed.length, examples }, location: { kind: 'dataset' as const } })
    }
    return out
  },
})
