/**
 * Realistic-looking synthetic text for the benchmark corpora: English sentences, Chinese
 * sentences, and the personal-information patterns a governance scan looks for (e-mail, US phone,
 * +86 mobile). Everything is driven by a seeded {@link Rng}, so output is deterministic.
 */
import type { Rng } from './prng.js'

const EN_WORDS: readonly string[] = (
  'the of and to in is for on that with as by this are from at be it an was or which data model ' +
  'training dataset language text research results system study users information public new ' +
  'analysis report based using about between can more has have will their other also all one ' +
  'two three first time year years people work government policy market company development ' +
  'process quality service support network learning method performance approach value source ' +
  'content history energy health children school city water local national international ' +
  'economic social environmental technical large small high low early recent important common ' +
  'different several many most each such however although because while during after before ' +
  'within without through across under over against among around include includes including ' +
  'provide provides provided describe describes described show shows shown found find using used ' +
  'measure measured compare compared increase increased reduce reduced improve improved evaluate ' +
  'annotation annotators label labels sample samples record records license licence crawl corpus ' +
  'benchmark evaluation accuracy precision recall token tokens sentence sentences document web ' +
  'page pages article articles forum question answer translation summary instruction response ' +
  'river mountain village harbor railway museum library festival weather season autumn winter ' +
  'spring summer morning evening coffee garden kitchen bicycle engine software hardware protocol'
).split(' ')

const ZH_PHRASES: readonly string[] = (
  '数据 模型 训练 语料 标注 质量 来源 合规 个人信息 授权 许可 算法 生成式 人工智能 服务 用户 ' +
  '平台 安全 评估 审核 记录 样本 文本 图像 音频 视频 分析 研究 报告 系统 方法 结果 指标 ' +
  '我们 他们 这个 那些 今天 明天 城市 农村 学校 医院 公司 政府 市场 经济 社会 文化 历史 ' +
  '技术 发展 创新 教育 科学 环境 能源 交通 天气 春天 夏天 秋天 冬天 早上 晚上 朋友 家庭 ' +
  '已经 正在 可以 需要 应该 通过 根据 关于 对于 以及 并且 但是 因为 所以 如果 虽然 然后 ' +
  '提高 降低 增加 减少 改进 完成 开始 发布 更新 使用 提供 包括 进行 支持 管理 处理 检查'
).split(' ')

const FIRST = ['li', 'wang', 'zhang', 'liu', 'chen', 'anna', 'john', 'maria', 'david', 'sofia', 'kenji', 'omar']
const LAST = ['smith', 'lee', 'garcia', 'nguyen', 'mueller', 'rossi', 'tanaka', 'huang', 'zhou', 'brown']
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'qq.example.cn', 'uni.example.edu']

export function englishSentence(rng: Rng): string {
  const n = rng.int(7, 18)
  const first = rng.pick(EN_WORDS)
  let s = first.charAt(0).toUpperCase() + first.slice(1)
  for (let i = 1; i < n; i++) {
    s += (rng.chance(0.06) ? ', ' : ' ') + rng.pick(EN_WORDS)
  }
  return s + (rng.chance(0.08) ? '?' : '.')
}

export function chineseSentence(rng: Rng): string {
  const n = rng.int(6, 16)
  let s = ''
  for (let i = 0; i < n; i++) {
    s += rng.pick(ZH_PHRASES)
    if (i > 0 && i < n - 1 && rng.chance(0.1)) s += '，'
  }
  return s + (rng.chance(0.1) ? '？' : '。')
}

export function email(rng: Rng): string {
  return `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.int(1, 99)}@${rng.pick(DOMAINS)}`
}

export function usPhone(rng: Rng): string {
  return `(${rng.int(201, 989)}) ${rng.int(200, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`
}

export function cnMobile(rng: Rng): string {
  const prefix = rng.pick(['130', '135', '138', '139', '150', '158', '177', '186', '188', '199'])
  return `+86 ${prefix} ${String(rng.int(0, 9999)).padStart(4, '0')} ${String(rng.int(0, 9999)).padStart(4, '0')}`
}

function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8')
}

/**
 * Pre-generated sentences, so that a record costs a handful of picks instead of ~100 word picks
 * (the 1 GB JSONL is generated ~2× faster). With 2 × 65,536 distinct sentences and 4–11 per
 * record, records are still practically never duplicated.
 */
export class SentencePool {
  private readonly enPool: string[] = []
  private readonly zhPool: string[] = []

  constructor(rng: Rng, size = 65_536) {
    // store flat copies: the sentences are built by concatenation (V8 ropes), and joining ropes
    // again and again re-walks them
    for (let i = 0; i < size; i++) this.enPool.push(flat(englishSentence(rng)))
    for (let i = 0; i < size; i++) this.zhPool.push(flat(chineseSentence(rng)))
  }

  en(rng: Rng): string {
    return rng.pick(this.enPool)
  }

  zh(rng: Rng): string {
    return rng.pick(this.zhPool)
  }
}

/** A paragraph of `sentences` sentences; Chinese-heavy paragraphs are ~85 % Chinese sentences. */
export function paragraph(rng: Rng, pool: SentencePool, sentences: number, chineseHeavy: boolean): string {
  const parts: string[] = []
  for (let i = 0; i < sentences; i++) {
    const zh = chineseHeavy ? rng.chance(0.85) : rng.chance(0.02)
    parts.push(zh ? pool.zh(rng) : pool.en(rng))
  }
  return parts.join(chineseHeavy ? '' : ' ')
}

/** Insert the personal-information patterns at the reference rates (15 % / 10 % / 5 %). */
export function withPii(rng: Rng, text: string): string {
  let t = text
  if (rng.chance(0.15)) t += ` Contact: ${email(rng)}.`
  if (rng.chance(0.1)) t += ` Call ${usPhone(rng)} for details.`
  if (rng.chance(0.05)) t += ` 联系电话：${cnMobile(rng)}。`
  return t
}

/** A date-time string in 2023–2025 derived from the PRNG only (never the clock). */
export function isoDate(rng: Rng): string {
  const y = rng.int(2023, 2025)
  const m = rng.int(1, 12)
  const d = rng.int(1, 28)
  const hh = rng.int(0, 23)
  const mm = rng.int(0, 59)
  const ss = rng.int(0, 59)
  const p2 = (v: number): string => String(v).padStart(2, '0')
  return `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mm)}:${p2(ss)}Z`
}
