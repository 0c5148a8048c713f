import type { ArgReader, Catalogue } from './messages.js'

/** Simplified Chinese wording of every finding: the manifest's `message` under `--lang zh`. */
export const ZH: Catalogue = {
  FILE_UNREADABLE: (a) =>
    `无法读取文件：${a('reason')}`,
  DIRECTORY_UNREADABLE: () =>
    `无法列出目录内容；其中的文件未列入清单`,
  SYMLINK_INSIDE_ROOT: (a) =>
    `符号链接指向 ${a('target')}，该目标已按其自身路径记录；未跟随该链接`,
  SYMLINK_LOOP: (a) =>
    `符号链接指回其自身所在的上级目录（${a('target')}），形成循环；未跟随该链接`,
  SYMLINK_OUTSIDE_ROOT: () =>
    `符号链接指向扫描目录之外；未跟随该链接`,
  SYMLINK_BROKEN: () =>
    `符号链接的目标不存在；未跟随该链接`,
  SPECIAL_FILE_SKIPPED: (a) =>
    `不是普通文件（${a('kind')}）；已跳过`,
  PATH_ESCAPED: (a) =>
    a.raw('reason') === 'not-utf8'
      ? `文件名不是 UTF-8；记录时每个此类字节写作 \\xNN，每个反斜杠写作 \\\\（见 README“Names”一节）`
      : `文件名本身含有 \\\\ 或 \\xNN；记录时每个反斜杠写作两个，以免被当作转义（见 README“Names”一节）`,
  FILE_CHANGED_DURING_SCAN: (a) =>
    `文件在读取过程中发生变化（预期 ${a('expected')} 字节，实际读取 ${a('actual')} 字节）；请重新扫描`,
  UTF8_INVALID: () =>
    `存在无效的 UTF-8 字节序列；文本应为 UTF-8 编码`,
  JSONL_INVALID_LINE: (a) =>
    `该行不是有效的 JSON：${a('reason')}`,
  JSONL_NOT_OBJECT: (a) =>
    `该行为 JSON ${a('type')}；应每行一个 JSON 对象`,
  JSONL_BLANK_LINE: () =>
    `空行；应每行一条 JSON 记录`,
  JSON_INVALID: (a) =>
    `不是有效的 JSON：${a('reason')}`,
  JSON_UNEXPECTED_SHAPE: (a) =>
    `顶层为 JSON ${a('type')}；应为记录数组或由数组构成的对象`,
  CSV_FIELD_COUNT: (a) =>
    `该行有 ${a('actual')} 个字段；按表头应为 ${a('expected')} 个`,
  CSV_UNTERMINATED_QUOTE: () =>
    `带引号的字段未闭合；缺少结束双引号`,
  CSV_NO_HEADER: () =>
    `文件没有表头行`,
  CSV_HEADER_RENAMED: (a) =>
    a('name') === ''
      ? `表头第 ${a('column')} 列没有名称；记为“${a('renamed')}”`
      : `第 ${a('column')} 列的表头名称“${a('name')}”与前面的列重复；记为“${a('renamed')}”`,
  ENCODING_NOT_UTF8: (a) =>
    `文本采用 ${a('encoding')} 编码而非 UTF-8；扫描时已解码，但按 UTF-8 读取它的训练流程会得到乱码`,
  CONTENT_LOOKS_BINARY: (a) =>
    a.raw('readAs') === 'text'
      ? `文件名表明为 ${a('claimed')}，但内容含有二进制字节（第 ${a('offset')} 字节为 NUL）；仍按 ${a('recordedAs')} 读取，无法解析的行另行报告`
      : `文件名表明为 ${a('claimed')}，但内容看似二进制（第 ${a('offset')} 字节为 NUL）；记为 ${a('recordedAs')}，未统计记录`,
  CONTENT_NOT_PRESENT: (a) =>
    `${POINTER_KIND_ZH[a('kind')] ?? a('kind')}，所指向的内容不在此处${a.raw('size') === undefined ? '' : `（${a('size')} 字节）`}；请运行 \`${a('command')}\` 获取后重新扫描`,
  PARQUET_TRUNCATED: (a) =>
    `Parquet 文件不完整（已被截断）：${a('reason')}`,
  PARQUET_INVALID_FOOTER: (a) =>
    `无法读取 Parquet 文件尾（footer）：${a('reason')}`,
  ARROW_TRUNCATED: (a) =>
    `Arrow IPC 数据在某条消息中途结束：${a('reason')}`,
  ARROW_INVALID_MESSAGE: (a) =>
    `无法读取 Arrow IPC 消息头：${a('reason')}`,
  COLUMN_UNREADABLE: (a) =>
    `列 ${a('column')} 无法解码，其值未计入内容统计：${a('reason')}`,
  COMPRESSED_CORRUPT: (a) =>
    `${a('codec')} 压缩流已损坏或被截断：${a('reason')}`,
  RECORD_TOO_LONG: (a) =>
    `记录长度超过 ${a('limit')} 字节（--max-record-bytes）；已计数，但未解析`,
  NESTING_TOO_DEEP: (a) =>
    `记录中数组和对象的嵌套超过 ${a('limit')} 层（--max-depth）；已计数，但未解析`,
  DECOMPRESSION_LIMIT: (a) =>
    `${a('codec')} 内容仅读取到解压后第 ${a('bytes')} 字节：${a('reason')}；此后的记录未计数`,
  FIELDS_CAPPED: (a) =>
    `记录中不同字段的数量超过 ${a('limit')} 个（--max-fields）；结构中只列出前 ${a('limit')} 个`,
  ANALYSIS_STOPPED: (a) =>
    a('limit') === 'time'
      ? `分析停滞 ${a('seconds')} 秒（--max-analysis-seconds）后被终止：哈希和大小覆盖整个文件，但其记录的内容未经分析`
      : `分析所需堆内存超过 ${a('mib')} MiB（--max-analysis-memory），已被终止：哈希和大小覆盖整个文件，但其记录的内容未经分析`,
  RECORD_FIELDS_CUT: (a) =>
    `记录的字段超过 ${a('limit')} 个，或各层字段合计超过其十倍（--max-fields）；只读取此前的字段`,
  SAMPLE_REDUCED: (a) =>
    `抽样记录过长：样本已缩减为 ${a('records')} 条记录，最多保留 ${a('limit')} 个字符`,
  IMAGE_UNREADABLE: (a) =>
    `无法读取图像文件头：${a('reason')}`,
  MEDIA_UNREADABLE: (a) =>
    `无法读取音视频文件头：${a('reason')}`,
  ANNOTATION_EXPORT_INVALID: (a) =>
    `该文件看似 ${a('format')} 标注导出文件，但无法按该格式读取（${a('reason')}）；已改按其基础格式记录`,
  FINDINGS_CAPPED: (a) =>
    `${a('code')} 共有 ${a('total')} 条发现项，仅列出前 ${a('kept')} 条`,
  LICENCE_TEXT_UNIDENTIFIED: () =>
    `许可证文件与任何 SPDX 许可证文本都不够接近，无法识别；请在 tdgov.yaml 中声明其许可条款（LicenseRef-…）`,
  PII_SENSITIVE: (a) =>
    `含有敏感个人信息（${a('types')}）；须取得个人的单独同意或具备其他合法性基础，否则应予删除`,
  CONFIG_MISSING: () =>
    `未找到 tdgov.yaml：数据来源、许可证及个人信息处理的合法性基础均未检查；运行 \`tdgov init\` 可生成草稿`,
  UNDECLARED_FILE: () =>
    `文件不匹配 tdgov.yaml 中任何来源的 paths；每个文件都应归属于一个已声明的数据来源`,
  SOURCE_MATCHES_NOTHING: (a) =>
    `来源 "${a('source')}" 未匹配任何文件（paths：${a('paths')}）`,
  SOURCE_LICENCE_MISSING: (a) =>
    `类型为 ${a('kind')} 的来源 "${a('source')}" 既未声明许可证，也未声明合同；应写明获取该数据所依据的许可证或授权`,
  SOURCE_CONTRACT_MISSING: (a) =>
    `商业采购来源 "${a('source')}" 未声明合同；应写明采购该数据所依据的协议`,
  SOURCE_CRAWL_UNDOCUMENTED: (a) =>
    `爬取来源 "${a('source')}" 未说明是否遵守了 robots.txt 及拒绝采集（opt-out）声明（crawl.robots_respected、crawl.opt_out_respected）`,
  SOURCE_GENERATOR_MISSING: (a) =>
    `合成数据来源 "${a('source')}" 未注明生成该数据的模型（synthetic.generator）`,
  BASE_MODEL_NOT_FILED: (a) =>
    `基础模型 "${a('model')}" 没有备案号；TC260-003 第 6 章要求使用已完成备案的基础模型`,
  LICENCE_UNKNOWN: (a) =>
    `来源 "${a('source')}"：无法对许可证 ${a('licence')} 进行归类；按限制性许可处理`,
  LICENCE_MISMATCH: (a) =>
    `来源 "${a('source')}" 声明的许可证为 ${a('declared')}，但此处载明的是 ${a('detected')}`,
  LICENCE_NOT_FOR_COMMERCIAL_USE: (a) =>
    `来源 "${a('source')}" 的许可用途为 ${a('use')}（${a('licence')}），而数据集的预期用途为商业用途`,
  PII_WITHOUT_BASIS: (a) =>
    `${a.raw('source') === undefined ? '不属于任何已声明来源的文件' : `来源 "${a('source')}" `}中含有个人信息（${a('types')}），其个人信息处理的合法性基础${a.raw('basis') === undefined ? '未声明' : `为 ${a('basis')}`}；应取得个人同意或具备其他合法性基础`,
  RULES_NOT_DECLARED: (a) =>
    `抽检 ${a('audit')} 未关联标注规则，其标签未对照已声明的标签集检查（请在 tdgov.yaml 中声明规则，并以 --rules ID 抽样）`,
  RULES_DOCUMENT_MISSING: (a) =>
    `标注规则 "${a('rules')}" 指定的文档 ${a('document')} ${RULES_DOCUMENT_REASON_ZH[a('reason')] ?? RULES_DOCUMENT_REASON_ZH.missing}；应提供标注时所依据的、位于项目内的标注规则文档`,
  LABEL_UNDECLARED: (a) =>
    `标签 "${a('label')}"（${a('count') === '1' ? '仅出现 1 次' : `出现 ${a('count')} 次`}）不在标注规则 "${a('rules')}" 的标签集中`,
  ANNOTATOR_NOT_IN_ROSTER: (a) =>
    `人员 "${a('annotator')}"（角色 ${a('role')}，${a('count')} 条）不在 tdgov.yaml 的标注人员名单（annotators）中`,
  ANNOTATOR_UNTRAINED: (a) =>
    `人员 "${a('annotator')}"（角色 ${a('role')}，${a('count')} 条）${untrained(a)}`,
  REVIEWER_MISSING: (a) =>
    `${a('count')} 条已审核的行未注明审核人员；应在审核人员列中填写审核人员的 ID`,
  REVIEWER_IS_ANNOTATOR: (a) =>
    a.raw('reviewer') !== undefined
      ? `审核人员 "${a('reviewer')}"（${a('count')} 行）在人员名单中的角色仅为标注人员；TC260-003 要求由未参与标注的人员审核`
      : `第 ${a('row')} 行：条目 ${a('item')} 由其标注人员 "${a('annotator')}" 本人审核；TC260-003 要求审核人员与标注人员不是同一人`,
  SOURCES_TOO_FEW: (a) =>
    `${a('modality')}${a.raw('language') === undefined ? '' : ` × ${a('language')}`}：共 ${a('count')} 个来源（${a('sources')}）；为保证多样性，应至少有 ${a('min')} 个（TC260-003 第 5.1 条）`,
  AUDIT_RECORD_INCONSISTENT: (a) =>
    `抽检 ${a('audit')}：${a('field')} 为 ${a('found')}，但${a.raw('check') === 'redraw' ? '按导出文件与种子重新抽样得到' : '按记录自身的抽样方案与种子应为'} ${a('expected')}${a.count('more') > 0 ? `（另有 ${a('more')} 处差异）` : ''}；该记录并非 tdgov 所抽取的样本`,
  AUDIT_UNITS_REPEATED: (a) =>
    `导出文件中有 ${a('units')} 个单元（条目、标注人员）出现不止一次（多出 ${a('copies')} 份${a.count('differing') > 0 ? `，其中 ${a('differing')} 个单元各份标签不一致` : '，各份标签一致'}）；总体中每个单元保留${a.raw('policy') === 'last' ? '最后' : '第一'}份（--repeats ${a('policy')}）；首个：条目 "${a('item')}"${a.raw('annotator') === undefined ? '' : `（标注人员 "${a('annotator')}"）`}，位于 ${a('places')}`,
  RULES_DOCUMENT_CHANGED: (a) =>
    `标注规则 "${a('rules')}"：${a('document')} 已不是抽检 ${a('audit')} 抽样时所依据的文档（当时 sha256 为 ${a('recorded')}，现为 ${a('current')}）；请按现行规则重新抽检，或恢复原规则文档`,
  LICENCE_DENIED: (a) =>
    `来源 "${a('source')}" 的许可证为 ${a('licence')}，${a.raw('list') === 'deny' ? '该许可证为策略所禁止（policy.licences.deny）' : '不在策略允许的范围内（policy.licences.allow）'}`,
  PII_DENSITY_HIGH: (a) =>
    `来源 "${a('source')}" 在所检索的记录中每 10,000 条含 ${a('density')} 项个人信息；策略允许的上限为 ${a('max')}（policy.pii_density_max）`,
  DUPLICATE_RATE_HIGH: (a) =>
    `${a.raw('low') === undefined ? `在分析的 ${a('records')} 条记录中，有 ${a.pct('rate')} 与其他记录重复` : a.raw('exact') === true ? `在 ${a('records')} 条有文本的记录中，有 ${a.pct('rate')} 与其他记录重复` : `在 ${a('records')} 条有文本的记录中，估计有 ${a.pct('rate')}（95% 区间 ${a.pct('low')}–${a.pct('high')}）与其他记录重复`}；策略允许的上限为 ${a.pct('max')}（policy.duplicate_rate_max）`,
  AUDIT_MISSING: (a) =>
    `标注文件的当前内容未被任何已评分的抽检覆盖${a.count('audits') > 0 ? `（抽检 ${a('audits')} 抽取的是该文件的其他版本）` : ''}；请运行 \`tdgov audit sample\` 和 \`tdgov audit score\``,
  AUDIT_REJECTED: (a) =>
    `抽检 ${a('audit')} 未通过：已审核的 ${a('reviewed')} 条中有 ${a('defects')} 条${a.raw('kind') === 'content' ? '不合格' : '标注错误'}（${a.raw('kind') === 'content' ? '合格率' : '准确率'} ${a.pct('accuracy')}）`,
  AUDIT_INCOMPLETE: (a) =>
    a.raw('reviewed') === undefined
      ? `抽检 ${a('audit')} 尚未评分；请填写其审核表后运行 \`tdgov audit score\``
      : `抽检 ${a('audit')}：抽取的 ${a('sampled')} 行中有 ${a('unreviewed')} 行尚无审核结论`,
  AUDIT_STALE: (a) =>
    `抽检 ${a('audit')} 于 ${a('scored')} 评分，距今已 ${a('age')} 天；策略只接受 ${a('max')} 天以内的抽检（policy.audit_max_age_days）`,
  ACCURACY_BELOW_TARGET: (a) =>
    `抽检 ${a('audit')}：准确率 ${a.pct('accuracy')} 低于目标值 ${a.pct('target')}（policy.target_accuracy）`,
  SOURCE_SAFETY_MISSING: (a) =>
    `来源 "${a('source')}" 没有已通过的内容安全抽检（TC260-003 第 5.1 条：随机抽取 4,000 条，合格率不低于 96%）；请运行 \`tdgov audit sample --source ${a('source')}\``,
  SOURCE_SAFETY_FAILED: (a) =>
    `来源 "${a('source')}"：内容安全抽检 ${a('audit')} ${a.raw('harmful') === undefined ? '未通过' : `发现有害内容占 ${a.pct('harmful')}，超过 TC260-003 允许的 ${a.pct('max')}`}`,
  MANIFEST_STALE: (a) =>
    a.raw('config') === true
      ? `清单是依据另一份 tdgov.yaml 检查的（当时 sha256 为 ${a('recorded')}，现为 ${a('current')}）；请运行 \`tdgov scan\``
      : `清单已过期：自扫描以来新增 ${a('added')} 个、删除 ${a('removed')} 个、变更 ${a('changed')} 个文件（${a('examples')}）；请运行 \`tdgov scan\``,
  SUPPRESSION_EXPIRED: (a) =>
    `对 ${a('rule')} 的豁免（理由："${a('reason')}"）已于 ${a('until')} 到期；其发现项重新计入`,
}

/** Why a roster entry does not count as trained, from the reason code the rule gives. */
function untrained(a: ArgReader): string {
  switch (a.raw('reason')) {
    case 'no-date':
      return '在名单中没有培训日期'
    case 'bad-date':
      return `的培训日期不是有效的日历日期（${a('trained')}）`
    case 'lapsed':
      return `最近一次培训于 ${a('trained')}，距今已 ${a('age')} 天（培训有效期为 ${a('valid')} 天）`
    case 'failed':
      return '培训后考核未通过'
    default:
      return '培训后没有考核通过的记录'
  }
}

/** CONTENT_NOT_PRESENT 的 `kind`：工具在内容位置留下的指针。 */
const POINTER_KIND_ZH: Record<string, string> = {
  'git-lfs': 'Git LFS 指针文件',
  'git-annex': 'git-annex 文件',
  dvc: 'DVC 指针文件',
}

/** Why a labelling-rules document was not read (records/rules-document.ts). */
const RULES_DOCUMENT_REASON_ZH: Record<string, string> = {
  missing: '不存在',
  outside: '位于 tdgov.yaml 所在目录之外，未读取',
  'not-a-file': '不是普通文件，未读取',
  'too-large': '大于 64 MiB，未读取',
}
