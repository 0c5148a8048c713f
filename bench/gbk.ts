/**
 * A GBK encoder for the fixed character set case H writes into its GBK CSV: TextEncoder only
 * writes UTF-8, and the bench must not depend on iconv being installed. Each entry is a character
 * and its two GBK bytes (tabulated once with `iconv -f utf-8 -t gbk`; test/bench/labelled.test.ts
 * decodes every entry with ICU's GBK decoder to check the table). ASCII is one byte, as in GBK.
 */
const TABLE: readonly string[] = [
  '姓d0d5 名c3fb 城b3c7 市cad0 备b1b8 注d7a2 金bdf0 额b6ee 张d5c5 王cdf5',
  '李c0ee 刘c1f5 陈b3c2 杨d1ee 赵d5d4 黄bbc6 周d6dc 吴cee2 伟ceb0 芳b7bc',
  '娜c4c8 敏c3f4 静beb2 丽c0f6 强c7bf 磊c0da 军befc 洋d1f3 勇d3c2 艳d1de',
  '杰bddc 娟beea 涛ccce 明c3f7 超b3ac 秀d0e3 英d3a2 华bbaa 北b1b1 京bea9',
  '上c9cf 海baa3 广b9e3 州d6dd 深c9ee 圳dbda 杭babc 南c4cf 成b3c9 都b6bc',
  '武cee4 汉baba 西cef7 安b0b2 重d6d8 庆c7ec 天ccec 津bdf2 苏cbd5 客bfcd',
  '户bba7 已d2d1 联c1aa 系cfb5 电b5e7 话bbb0 邮d3ca 箱cfe4 订b6a9 单b5a5',
  '完cdea 退cdcb 款bfee 待b4fd 处b4a6 理c0ed 发b7a2 货bbf5 地b5d8 址d6b7',
  '变b1e4 更b8fc 满c2fa 意d2e2 投cdb6 诉cbdf 咨d7c9 询d1af 产b2fa 品c6b7',
  '质d6ca 量c1bf 良c1bc 好bac3 需d0e8 要d2aa 回bbd8 访b7c3 ，a3ac 。a1a3',
  '：a3ba ；a3bb （a3a8 ）a3a9',
]

export const GBK_CODES: ReadonlyMap<string, number> = new Map(
  TABLE.join(' ')
    .split(' ')
    .map((entry) => [entry.slice(0, 1), parseInt(entry.slice(1), 16)] as const),
)

/** The characters the encoder knows besides ASCII. */
export const GBK_CHARS: string = [...GBK_CODES.keys()].join('')

/** GBK bytes of `text`; throws on a character outside ASCII and the table. */
export function encodeGbk(text: string): Buffer {
  const out: number[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    if (cp < 0x80) {
      out.push(cp)
      continue
    }
    const code = GBK_CODES.get(ch)
    if (code === undefined) throw new Error(`encodeGbk: "${ch}" (U+${cp.toString(16).toUpperCase()}) is not in the bench's GBK table`)
    out.push(code >> 8, code & 0xff)
  }
  return Buffer.from(out)
}
