// Wording of the Art. 19 explanation (`tdgov report --format cac`), Simplified Chinese and English.
// The model is language-neutral; only this catalogue and the renderer that reads it have words.

import type { Run } from '../document/blocks.js'

export const CAC_LANGS = ['zh', 'en'] as const
export type CacLang = (typeof CAC_LANGS)[number]

export interface CacLabels {
  title: (dataset: string) => string
  generated: (date: string, version: string) => string
  warnings: string
  warning: Record<'CONFIG_CHANGED' | 'AUDIT_STALE' | 'NO_CONFIG', (args: Record<string, string>) => string>
  sections: Record<'sources' | 'scale' | 'types' | 'rules' | 'quality' | 'pi' | 'measures' | 'mechanism' | 'evidence' | 'filing' | 'clauses', string>
  missing: string
  notMeasured: string
  none: string
  /** an estimate where it appears, with its interval and a reference to its method */
  estimate: (value: string, low: string, high: string, confidence: number, note: Run) => Run[]
  methods: string
  /** an estimation method as the model names it, said in the report's language (unknown ones as they are) */
  method: (method: string) => string
  table: Record<string, string>
  kind: Record<string, string>
  acquisition: Record<string, string>
  type: Record<string, string>
  domestic: (value: boolean | null) => string
  decision: Record<string, string>
  status: Record<string, string>
  missingItem: Record<string, string>
  filing: Record<
    'storage' | 'tokens' | 'byType' | 'composition' | 'foreign' | 'selfCommercial' | 'annotated' | 'annotators' | 'rules' | 'verification' | 'legality',
    string
  >
  provider: string
  baseModels: string
  intendedUse: string
  mechanismMissing: string
  rulesMissing: string
  auditsMissing: string
  trainingHours: string
  annotators: (total: number, internal: number, outsourced: number, trained: number) => string
  duplicates: string
  empty: string
  setAside: string
  piMode: Record<string, string>
  legality: (licenceFindings: number, piFindings: number) => string
  charts: {
    bytesBySource: string
    recordsBySource: string
    bytesByModality: string
    recordsByModality: string
    languages: string
    licenceClasses: string
    piByType: string
    accuracyByAudit: string
    crawledDomains: string
    labels: (audit: string) => string
    accuracyByAnnotator: (audit: string) => string
    confusion: (audit: string) => string
    reviewer: string
    annotator: string
    item: string
    value: string
    /** the header of an interval column: Wilson at the audit's confidence (null: they differ) */
    wilson: (confidence: number | null) => string
    /** the header of an estimate's interval column */
    estimateInterval: (confidence: number) => string
  }
  /** the HTML page's own words */
  page: { contents: string; chartData: string; generatedBy: string }
  /** the crawled domains under the sources table: its heading line by scope, and the note on what is listed */
  crawledDomains: Record<'crawled-sources' | 'data-files', string>
  crawledListed: (shown: string, distinct: string, top: string, analysed: string, records: string) => string
  crawledNoDomain: string
}

const ZH: CacLabels = {
  title: (dataset) => `训练数据说明：${dataset}`,
  generated: (date, version) => `依据《生成式人工智能服务管理暂行办法》第十九条编制。生成日期 ${date}，tdgov ${version}；所有数字取自下文“证据”所列记录。`,
  warnings: '注意',
  warning: {
    CONFIG_CHANGED: (a) => `清单生成后 ${a.config ?? 'tdgov.yaml'} 已被修改：数字可能与当前声明不符，请重新运行 tdgov scan。`,
    AUDIT_STALE: (a) => `抽样审核 ${a.audit ?? ''} 所抽取的文件已变更或不存在：其结果不计入人工核验比例。`,
    NO_CONFIG: () => '没有 tdgov.yaml：来源、标注规则、标注人员与算法机制均未声明。',
  },
  sections: {
    sources: '一、数据来源',
    scale: '二、数据规模',
    types: '三、数据类型',
    rules: '四、标注规则',
    quality: '五、标注质量',
    pi: '六、个人信息与知识产权',
    measures: '七、数据质量措施',
    mechanism: '八、算法机制',
    evidence: '九、证据',
    filing: '备案表数据',
    clauses: '条款对照',
  },
  missing: '缺失',
  notMeasured: '未测量',
  none: '无',
  estimate: (value, low, high, confidence, note) => [`约 ${value}（估计值 `, note, `，${Math.round(confidence * 100)}% 区间 ${low}–${high}）`],
  methods: '估计方法',
  method: (m) => {
    if (m === 'poisson-pps-ratio') return 'poisson-pps-ratio：按文件大小成比例的泊松 πps 抽样抽取文件，大文件内再抽样记录，按内容字节做比率估计得出总数'
    const split = /^(records|bytes) of each file with text split by the language shares of its analysed records/.exec(m)
    if (split)
      return `各文件的${split[1] === 'bytes' ? '字节数' : '记录数'}按其已分析记录的语言占比拆分（按文件分层；Agresti–Coull 方差并做有限总体校正；正态区间${split[1] === 'bytes' ? '；区间只含抽样误差，不含按记录数分配字节带来的误差' : ''}）`
    const hash = /^content-hash sample: (\d+) of (\d+) records sampled by content hash$/.exec(m)
    if (hash) return `按内容哈希抽样：${hash[2]} 条记录中抽取 ${hash[1]} 条比较`
    return m
  },
  table: {
    source: '来源',
    domain: '域名',
    top10pct: '前 10%',
    kind: '类型',
    origin: '境内/境外',
    licence: '许可',
    licenceUse: '许可类别',
    basis: '个人信息依据',
    files: '文件',
    bytes: '字节',
    records: '记录',
    share: '字节占比',
    item: '项目',
    value: '数值',
    from: '出处',
    modality: '模态',
    format: '格式',
    language: '语言',
    id: '编号',
    version: '版本',
    labels: '标签集',
    document: '规则文件',
    audit: '审核',
    plan: '方案',
    sample: '样本量',
    accuracy: '准确率',
    interval: '区间',
    decision: '结论',
    ratio: '核验比例',
    type: '类型',
    count: '数量',
    clause: '条款',
    status: '结论',
    evidence: '依据',
  },
  kind: { 'open-source': '开源', 'self-collected': '自采', crawled: '网络爬取', commercial: '商业采购', 'user-input': '用户输入', synthetic: '合成', other: '其他' },
  acquisition: { openSource: '开源', selfCollected: '自采', crawled: '网络爬取', commercial: '商业', userInput: '用户输入', synthetic: '合成', other: '其他', undeclared: '未声明来源' },
  type: { zhText: '中文文本', enText: '英文文本', code: '代码', image: '图片', audio: '音频', video: '视频', other: '其他' },
  domestic: (v) => (v === null ? '未声明' : v ? '境内' : '境外'),
  decision: { accept: '接收', reject: '拒收', incomplete: '未完成' },
  status: { met: '符合', 'not-met': '不符合', 'not-applicable': '不适用', 'not-assessed': '未评估' },
  missingItem: {
    'labelling-rules': '标注规则',
    'annotator-roster': '标注人员名单',
    'scored-annotation-audit': '已评分的标注抽样审核',
    'safety-labelling-rules': '安全标注规则',
    'declared-sources': '声明的数据来源',
  },
  filing: {
    storage: '训练语料存储规模',
    tokens: '训练语料词元数',
    byType: '各类型语料规模（中文文本、英文文本、代码、图片、音频、视频、其他）',
    composition: '来源构成（开源 / 自采 / 商业 / 用户输入）',
    foreign: '其中境外开源语料规模（按类型）',
    selfCommercial: '自采与商业语料规模（按类型）',
    annotated: '标注数据量（文本、图片）',
    annotators: '标注人员（人数、内部 / 外包、培训情况）',
    rules: '标注规则',
    verification: '标注准确性：人工核验比例',
    legality: '语料合法性（来源、知识产权、个人信息）',
  },
  provider: '服务提供者',
  baseModels: '基础模型',
  intendedUse: '用途',
  mechanismMissing: '缺失：tdgov.yaml 未声明算法机制（mechanism）。',
  rulesMissing: '缺失：tdgov.yaml 未声明标注规则（labelling_rules）。',
  auditsMissing: '缺失：没有已评分的标注抽样审核。',
  trainingHours: '培训时长未声明',
  annotators: (t, i, o, tr) => `${t} 人（内部 ${i} / 外包 ${o}；培训并考核通过 ${tr} 人）`,
  duplicates: '重复记录比例',
  empty: '空记录',
  setAside: '已按策略豁免',
  piMode: { off: '未检测', sample: '抽样记录', full: '全部记录' },
  legality: (l, p) => `许可相关发现 ${l} 项，个人信息相关发现 ${p} 项（见条款对照）`,
  charts: {
    bytesBySource: '各来源字节数',
    recordsBySource: '各来源记录数',
    bytesByModality: '各模态字节数',
    recordsByModality: '各模态记录数',
    languages: '语言分布（已分析记录）',
    licenceClasses: '许可类别（字节数）',
    piByType: '个人信息（按类型，检出值数）',
    accuracyByAudit: '各批次标注准确率',
    crawledDomains: '前 10 个可注册域名（字节数）',
    labels: (a) => `标签分布：${a}`,
    accuracyByAnnotator: (a) => `各标注人员准确率：${a}`,
    confusion: (a) => `混淆矩阵：${a}`,
    reviewer: '审核结论',
    annotator: '标注结果',
    item: '项目',
    value: '数值',
    wilson: (c) => (c === null ? 'Wilson 区间' : `${Math.round(c * 100)}% Wilson 区间`),
    estimateInterval: (c) => `估计值的 ${Math.round(c * 100)}% 区间`,
  },
  page: { contents: '目录', chartData: '图表数据', generatedBy: '由 tdgov 生成' },
  crawledDomains: { 'crawled-sources': '网络爬取内容的域名（按字节，取自记录的网址字段）', 'data-files': '记录网址字段的域名（按字节；未声明网络爬取来源，统计全部数据文件）' },
  crawledListed: (shown, distinct, top, analysed, records) => `共 ${distinct} 个可注册域名，前 10% 为 ${top} 个，下表列出字节最多的 ${shown} 个；依据 ${records} 条记录中已分析的 ${analysed} 条。`,
  crawledNoDomain: '网址无可注册域名的记录（IP 地址、localhost、无 ICANN 后缀、无法解析）',
}

const EN: CacLabels = {
  title: (dataset) => `Training data explanation: ${dataset}`,
  generated: (date, version) =>
    `Prepared under Art. 19 of the Interim Measures for the Management of Generative AI Services. Date ${date}, tdgov ${version}; every figure comes from the records listed under Evidence.`,
  warnings: 'Attention',
  warning: {
    CONFIG_CHANGED: (a) => `${a.config ?? 'tdgov.yaml'} changed after the manifest was made: the figures may not match the current declarations; run tdgov scan again.`,
    AUDIT_STALE: (a) => `Audit ${a.audit ?? ''} sampled files that have since changed or gone: its result is left out of the human verification ratio.`,
    NO_CONFIG: () => 'No tdgov.yaml: sources, labelling rules, annotators and the mechanism are not declared.',
  },
  sections: {
    sources: '1. Sources',
    scale: '2. Scale',
    types: '3. Types',
    rules: '4. Labelling rules',
    quality: '5. Labelling quality',
    pi: '6. Personal information and intellectual property',
    measures: '7. Data quality measures',
    mechanism: '8. Algorithmic mechanism',
    evidence: '9. Evidence',
    filing: 'Filing-form figures',
    clauses: 'Clause matrix',
  },
  missing: 'missing',
  notMeasured: 'not measured',
  none: 'none',
  estimate: (value, low, high, confidence, note) => [`≈ ${value} (estimate `, note, `, ${Math.round(confidence * 100)}% interval ${low}–${high})`],
  methods: 'Estimation methods',
  method: (m) =>
    m === 'poisson-pps-ratio' ? 'poisson-pps-ratio: files drawn by Poisson πps sampling (probability proportional to size), records sampled within large files, the total by ratio estimation on content bytes' : m,
  table: {
    source: 'Source',
    domain: 'Domain',
    top10pct: 'Top 10%',
    kind: 'Kind',
    origin: 'Domestic/foreign',
    licence: 'Licence',
    licenceUse: 'Licence class',
    basis: 'Personal-information basis',
    files: 'Files',
    bytes: 'Bytes',
    records: 'Records',
    share: 'Share of bytes',
    item: 'Item',
    value: 'Value',
    from: 'From',
    modality: 'Modality',
    format: 'Format',
    language: 'Language',
    id: 'Id',
    version: 'Version',
    labels: 'Label set',
    document: 'Rules document',
    audit: 'Audit',
    plan: 'Plan',
    sample: 'Sample',
    accuracy: 'Accuracy',
    interval: 'Interval',
    decision: 'Decision',
    ratio: 'Verification ratio',
    type: 'Type',
    count: 'Count',
    clause: 'Clause',
    status: 'Status',
    evidence: 'Evidence',
  },
  kind: { 'open-source': 'open source', 'self-collected': 'self-collected', crawled: 'crawled', commercial: 'commercial', 'user-input': 'user input', synthetic: 'synthetic', other: 'other' },
  acquisition: { openSource: 'open source', selfCollected: 'self-collected', crawled: 'crawled', commercial: 'commercial', userInput: 'user input', synthetic: 'synthetic', other: 'other', undeclared: 'no declared source' },
  type: { zhText: 'Chinese text', enText: 'English text', code: 'code', image: 'image', audio: 'audio', video: 'video', other: 'other' },
  domestic: (v) => (v === null ? 'not declared' : v ? 'domestic' : 'foreign'),
  decision: { accept: 'accept', reject: 'reject', incomplete: 'incomplete' },
  status: { met: 'met', 'not-met': 'not met', 'not-applicable': 'not applicable', 'not-assessed': 'not assessed' },
  missingItem: {
    'labelling-rules': 'labelling rules',
    'annotator-roster': 'annotator roster',
    'scored-annotation-audit': 'a scored annotation audit',
    'safety-labelling-rules': 'safety labelling rules',
    'declared-sources': 'declared sources',
  },
  filing: {
    storage: 'Training-corpus storage size',
    tokens: 'Training-corpus tokens',
    byType: 'Size per type (Chinese text, English text, code, image, audio, video, other)',
    composition: 'Source composition (open source / self-collected / commercial / user input)',
    foreign: 'Of which foreign open source, per type',
    selfCommercial: 'Self-collected and commercial, per type',
    annotated: 'Annotated items (text, image)',
    annotators: 'Annotators (number, internal / outsourced, training)',
    rules: 'Labelling rules',
    verification: 'Labelling accuracy: human verification ratio',
    legality: 'Corpus legality (sources, intellectual property, personal information)',
  },
  provider: 'Provider',
  baseModels: 'Base models',
  intendedUse: 'Intended use',
  mechanismMissing: 'Missing: tdgov.yaml declares no algorithmic mechanism (mechanism).',
  rulesMissing: 'Missing: tdgov.yaml declares no labelling rules (labelling_rules).',
  auditsMissing: 'Missing: no scored annotation audit.',
  trainingHours: 'training duration not declared',
  annotators: (t, i, o, tr) => `${t} (internal ${i} / outsourced ${o}; trained and assessed ${tr})`,
  duplicates: 'Duplicate records',
  empty: 'Empty records',
  setAside: 'set aside by policy',
  piMode: { off: 'not searched', sample: 'sampled records', full: 'every record' },
  legality: (l, p) => `${l} licence finding(s), ${p} personal-information finding(s) (see the clause matrix)`,
  charts: {
    bytesBySource: 'Bytes by source',
    recordsBySource: 'Records by source',
    bytesByModality: 'Bytes by modality',
    recordsByModality: 'Records by modality',
    languages: 'Language mix (analysed records)',
    licenceClasses: 'Licence classes (bytes)',
    piByType: 'Personal information by type (values found)',
    accuracyByAudit: 'Labelling accuracy per batch',
    crawledDomains: 'Top 10 registrable domains (bytes)',
    labels: (a) => `Label distribution: ${a}`,
    accuracyByAnnotator: (a) => `Accuracy per annotator: ${a}`,
    confusion: (a) => `Confusion matrix: ${a}`,
    reviewer: 'reviewer',
    annotator: 'annotator',
    item: 'Item',
    value: 'Value',
    wilson: (c) => (c === null ? 'Wilson interval' : `${Math.round(c * 100)}% Wilson interval`),
    estimateInterval: (c) => `${Math.round(c * 100)}% interval of the estimate`,
  },
  page: { contents: 'Contents', chartData: 'Chart data', generatedBy: 'Made by tdgov' },
  crawledDomains: { 'crawled-sources': 'Crawled domains (by bytes, from the records’ URL fields)', 'data-files': 'Domains of the records’ URL fields (by bytes; no source is declared crawled, so every data file)' },
  crawledListed: (shown, distinct, top, analysed, records) => `${distinct} registrable domains, the top 10% being ${top}; the ${shown} with the most bytes are listed; from ${analysed} analysed of ${records} records.`,
  crawledNoDomain: 'Records whose URL has no registrable domain (IP address, localhost, no ICANN suffix, unparsable)',
}

export const CAC_LABELS: Record<CacLang, CacLabels> = { zh: ZH, en: EN }
