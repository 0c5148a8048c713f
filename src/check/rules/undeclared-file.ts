import { isData } from '../../records/not-data.js'
import { defineRule } from '../rule.js'
import { fileAt } from './locations.js'

export const undeclaredFile = defineRule({
  code: 'UNDECLARED_FILE',
  stage: 'scan',
  clause: 'Art. 7, Art. 19',
  title: { en: 'File of no declared source', zh: '文件不属于任何已声明来源' },
  description: {
    en: "A data file matches no source's `paths` globs, so its origin, licence and personal-information basis are unknown. LICENSE, README and similar documentation, tooling (`.gitattributes`, `.dvc/…`) and pointer files (Git LFS, git-annex, DVC) outside every source are not flagged.",
    zh: '数据文件不匹配任何来源的 `paths`，其来源、许可与个人信息处理依据均不明。来源之外的 LICENSE、README 等说明文件，工具文件（`.gitattributes`、`.dvc/…`）及指针文件（Git LFS、git-annex、DVC）不计。',
  },
  fix: {
    en: "Add a glob that covers the file to the right source's `paths`, declare a new source, or list the file under `excludes` if it is not training data.",
    zh: '在对应来源的 `paths` 中加入覆盖该文件的通配符，或新增来源；若不是训练数据，将其列入 `excludes`。',
  },
  check: (records) => {
    if (records.config === null || records.manifest === null) return []
    return records.manifest.files
      .filter((f) => f.source === null && isData(f.format))
      .map((f) => ({ code: 'UNDECLARED_FILE' as const, location: fileAt(f.path) }))
  },
})
