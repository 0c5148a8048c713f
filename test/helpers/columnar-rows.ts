/**
 * Rows with known content facts, for the Parquet and Arrow readers and their JSON Lines twins.
 * Everything expected follows from how the rows are built, not from the code under test:
 *   - `text` is Chinese, except every fifth base row, which is English (the language classifier
 *     takes a text with at least as many Han characters as Latin letters for zh);
 *   - every 48th base row carries a valid mainland mobile number ("联系电话138…", 1[3-9] + 9 digits),
 *     and no other row has a digit run that could be one;
 *   - the last `duplicates` rows repeat the text and tag of earlier, phone-free base rows exactly.
 */
export interface KnownRow {
  id: number
  text: string
  tag: string
  score: number
}

export interface KnownRows {
  rows: KnownRow[]
  languages: { zh: number; en: number }
  /** rows holding one cn-mobile number each */
  phones: number
  /** rows whose text repeats an earlier row's */
  duplicates: number
}

const ZH = ['今天天气很好，我们一起去公园散步。', '这家餐厅的菜很好吃，价格也不贵。', '他每天早上起床以后去跑步。', '图书馆里有很多关于历史的书。']
const EN = ['The weather is nice today, so we walk in the park.', 'This restaurant serves good food at fair prices.']

/** Chinese ordinals, so that row texts differ without digits (digit runs could look like numbers). */
function ordinal(n: number): string {
  const digits = '零一二三四五六七八九'
  return [...String(n)].map((d) => digits[Number(d)]).join('')
}

function latinOrdinal(n: number): string {
  const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
  return [...String(n)].map((d) => names[Number(d)]).join('-')
}

export function knownRows(total = 5000, duplicates = 200): KnownRows {
  const base = total - duplicates
  const rows: KnownRow[] = []
  const english = (i: number): boolean => i % 5 === 4
  const phone = (i: number): boolean => i % 48 === 0
  let zh = 0
  let en = 0
  let phones = 0
  for (let i = 0; i < base; i++) {
    let text = english(i) ? `Row ${latinOrdinal(i + 1)}: ${EN[i % EN.length]}` : `第${ordinal(i + 1)}条：${ZH[i % ZH.length]}`
    if (phone(i)) {
      text += `联系电话${13800000000 + i}`
      phones++
    }
    if (english(i)) en++
    else zh++
    rows.push({ id: i + 1, text, tag: i % 2 === 0 ? '新闻' : '论坛', score: i / 8 })
  }
  for (let d = 0; d < duplicates; d++) {
    // odd base rows: never a phone row (those are multiples of 48)
    const j = 2 * d + 1
    if (j >= base || phone(j)) throw new Error('knownRows: not enough phone-free rows to copy')
    const source = rows[j]!
    if (english(j)) en++
    else zh++
    rows.push({ id: base + d + 1, text: source.text, tag: source.tag, score: 0.5 })
  }
  return { rows, languages: { zh, en }, phones, duplicates }
}

/** The rows as JSON Lines, keys in column order. */
export function toJsonl(rows: readonly KnownRow[]): string {
  return rows.map((r) => JSON.stringify({ id: r.id, text: r.text, tag: r.tag, score: r.score })).join('\n') + '\n'
}
