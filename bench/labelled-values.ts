/**
 * Case H's planted values: valid and invalid identity numbers, cards, mobiles, e-mails and credit
 * codes (checked with bench/checkdigits.ts, never with tdgov's detector), and the sentences that
 * carry them, in Chinese and English, with and without context words.
 */
import {
  CARD_NETWORKS, daysIn, gb11643CheckChar, gb11714CheckChar, gb32100CheckChar, isLeapYear, luhnDigit, PROVINCES,
  USCC_AUTHORITIES, USCC_CHARS, validTypesOf,
} from './checkdigits.js'
import type { PlantedType } from './checkdigits.js'
import type { Rng } from './prng.js'
import { chineseSentence, englishSentence } from './textgen.js'

export interface PlantedValue {
  type: PlantedType
  /** exactly as written in the sentence (separators and a +86 prefix included) */
  written: string
  valid: boolean
  /** why an invalid value is invalid, or how a valid one is written */
  variant: string
  /** whether the sentence names what the value is ("手机号：", "card number") */
  context: boolean
}

function digits(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9))
  return s
}

const p2 = (n: number): string => String(n).padStart(2, '0')

/** Another character of `alphabet` than `c`. */
function otherThan(rng: Rng, alphabet: string, c: string): string {
  let d = c
  while (d === c) d = rng.pick([...alphabet])
  return d
}

function residentId(rng: Rng, valid: boolean): { value: string; variant: string } {
  const region = rng.pick(PROVINCES) + p2(rng.int(1, 20)) + p2(rng.int(1, 30))
  const seq = digits(rng, 3)
  const variant = valid ? 'valid' : rng.pick(['wrong-check', 'impossible-date'])
  let date: string
  if (variant === 'impossible-date') {
    const y = rng.int(1950, 2010)
    const kind = rng.pick(['month-13', 'month-00', 'day-00', 'day-32', 'feb-30', 'feb-29', 'apr-31'])
    const nonLeap = isLeapYear(y) ? y + 1 : y
    date = {
      'month-13': `${y}13${p2(rng.int(1, 28))}`,
      'month-00': `${y}00${p2(rng.int(1, 28))}`,
      'day-00': `${y}${p2(rng.int(1, 12))}00`,
      'day-32': `${y}${p2(rng.int(1, 12))}32`,
      'feb-30': `${y}0230`,
      'feb-29': `${nonLeap}0229`,
      'apr-31': `${y}0431`,
    }[kind] as string
  } else {
    const y = rng.int(1940, 2015)
    const m = rng.int(1, 12)
    date = `${y}${p2(m)}${p2(rng.int(1, daysIn(y, m)))}`
  }
  const first17 = region + date + seq
  const check = gb11643CheckChar(first17)
  return { value: first17 + (variant === 'wrong-check' ? otherThan(rng, '0123456789X', check) : check), variant }
}

function group(value: string, sep: string): string {
  return value.match(/.{1,4}/g)!.join(sep)
}

function bankCard(rng: Rng, valid: boolean): { value: string; variant: string } {
  const network = rng.pick(CARD_NETWORKS)
  const length = rng.pick(network.lengths)
  const prefix = rng.pick(network.prefixes)
  const payload = prefix + digits(rng, length - 1 - prefix.length)
  const check = luhnDigit(payload)
  const number = payload + (valid ? check : String((Number(check) + rng.int(1, 9)) % 10))
  const grouped = (length === 16 || length === 19) && rng.chance(0.5)
  const sep = rng.chance(0.7) ? ' ' : '-'
  const form = grouped ? `grouped-${sep === ' ' ? 'space' : 'dash'}` : 'plain'
  return { value: grouped ? group(number, sep) : number, variant: `${valid ? 'valid' : 'wrong-luhn'}-${network.name}-${length}-${form}` }
}

function mobile(rng: Rng, valid: boolean): { value: string; variant: string } {
  const number = `1${valid ? rng.int(3, 9) : rng.int(0, 2)}${digits(rng, 9)}`
  const form = rng.pick(['plain', 'plain', 'plain', 'space', 'dash', 'plus86'])
  const written =
    form === 'space' ? `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`
    : form === 'dash' ? `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`
    : form === 'plus86' ? `+86 ${number}`
    : number
  return { value: written, variant: `${valid ? 'valid' : 'bad-prefix'}-${form}` }
}

const FIRST = ['li', 'wang', 'zhang', 'liu', 'chen', 'anna', 'john', 'maria', 'david', 'sofia', 'kenji', 'omar', 'xiaoming', 'yuki']
const LAST = ['smith', 'lee', 'garcia', 'nguyen', 'mueller', 'rossi', 'tanaka', 'huang', 'zhou', 'brown', 'wu', 'lin']
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.cn', 'mail.example.com.cn', 'uni.example.edu']

function localPart(rng: Rng): string {
  const f = rng.pick(FIRST)
  const l = rng.pick(LAST)
  return rng.pick([`${f}.${l}`, `${f}_${l}${rng.int(1, 99)}`, `${f}${rng.int(1970, 2005)}`, `${f}.${l}+news`, `${f[0]}${l}`])
}

function email(rng: Rng, valid: boolean): { value: string; variant: string } {
  const local = localPart(rng)
  const domain = rng.pick(DOMAINS)
  if (valid) return { value: `${local}@${domain}`, variant: 'valid' }
  const [name, tld] = [domain.slice(0, domain.lastIndexOf('.')), domain.slice(domain.lastIndexOf('.') + 1)]
  const variant = rng.pick(['double-at', 'no-tld', 'short-tld', 'double-dot-local', 'underscore-domain', 'no-local', 'dash-label', 'empty-label'])
  const value = {
    'double-at': `${local}@@${domain}`,
    'no-tld': `${local}@${name.split('.')[0]}`,
    'short-tld': `${local}@${name}.${tld[0]}`,
    'double-dot-local': `${local.replace(/[._+]/, '')}..x@${domain}`,
    'underscore-domain': `${local}@${name.replace(/^(.)/, '$1_')}.${tld}`,
    'no-local': `@${domain}`,
    'dash-label': `${local}@-${domain}`,
    'empty-label': `${local}@${name}..${tld}`,
  }[variant] as string
  return { value, variant }
}

function uscc(rng: Rng, valid: boolean): { value: string; variant: string } {
  const authority = rng.pick(Object.keys(USCC_AUTHORITIES))
  const category = rng.pick([...(USCC_AUTHORITIES[authority] as string)])
  const region = rng.pick(PROVINCES) + p2(rng.int(1, 20)) + p2(rng.int(0, 30))
  let body = 'MA'
  if (rng.chance(0.5)) {
    for (let i = 0; i < 6; i++) body += rng.pick([...USCC_CHARS])
  } else {
    body = digits(rng, 8)
  }
  const variant = valid ? 'valid' : rng.pick(['wrong-check', 'bad-char'])
  if (variant === 'bad-char') {
    const at = rng.int(0, 7)
    body = body.slice(0, at) + rng.pick(['I', 'O', 'S', 'V', 'Z']) + body.slice(at + 1)
  }
  const first17 = authority + category + region + body + gb11714CheckChar(body)
  const check = gb32100CheckChar(first17)
  const last = check === undefined ? rng.pick([...USCC_CHARS]) : variant === 'wrong-check' ? otherThan(rng, USCC_CHARS, check) : check
  return { value: first17 + last, variant }
}

const MAKERS: Record<PlantedType, (rng: Rng, valid: boolean) => { value: string; variant: string }> = {
  'cn-resident-id': residentId,
  'bank-card': bankCard,
  'cn-mobile': mobile,
  email,
  'cn-uscc': uscc,
}

/**
 * A value of `type`, valid or not. Drawn again until the bench's own rules agree: a valid value
 * satisfies its type's rule and no other's (a UnionPay number that is also a valid resident id is
 * redrawn), an invalid one satisfies none.
 */
export function plantValue(rng: Rng, type: PlantedType, valid: boolean): { value: string; variant: string } {
  for (;;) {
    const v = MAKERS[type](rng, valid)
    const types = validTypesOf(v.value)
    if (valid ? types.length === 1 && types[0] === type : types.length === 0) return v
  }
}

// ---------------------------------------------------------------------------------------------
// sentences

const ZH_CONTEXT: Record<PlantedType, readonly string[]> = {
  'cn-mobile': ['如有疑问请拨打手机号：{v}，工作日均可联系。', '联系人手机 {v}，请勿在夜间致电。', '客户留下的联系电话是{v}，已登记。'],
  'cn-resident-id': ['申请人身份证号：{v}，材料已提交审核。', '请核对公民身份号码 {v} 是否与证件一致。', '身份证号码{v}已完成实名认证。'],
  'bank-card': ['退款将原路退回银行卡号：{v}，请注意查收。', '工资卡卡号 {v} 已绑定到账户。', '请确认收款银行账号{v}无误。'],
  email: ['请将简历发送至邮箱：{v}，我们会尽快回复。', '联系邮箱 {v}，欢迎来信。', '电子邮件地址为{v}。'],
  'cn-uscc': ['企业统一社会信用代码：{v}，请核验。', '营业执照上的信用代码 {v} 已登记。', '该公司的统一社会信用代码为{v}。'],
}

const EN_CONTEXT: Record<PlantedType, readonly string[]> = {
  'cn-mobile': ['Please call my mobile {v} after six.', 'Phone: {v} (weekdays only).', 'You can reach the driver by phone on {v} or by text.'],
  'cn-resident-id': ['Resident ID number: {v}, verified at the desk.', 'Her national ID card number is {v}.', 'ID No. {v} was checked against the form.'],
  'bank-card': ['Refunds go back to card number {v} within a week.', 'Card: {v}, expires next year.', 'The payment was charged to bank card {v}.'],
  email: ['Send your CV to the e-mail {v} before Friday.', 'E-mail: {v}', 'Contact us by email at {v}.'],
  'cn-uscc': ['Unified social credit code: {v}.', 'The supplier registered under credit code {v}.', 'USCC {v} appears on the business licence.'],
}

function stripEnd(s: string): string {
  return s.replace(/[.?。？]$/, '')
}

/** A sentence holding `value`: a context template, or prose around it that names nothing. */
export function sentenceWith(rng: Rng, lang: 'zh' | 'en', type: PlantedType, value: string, context: boolean): string {
  if (context) return rng.pick(lang === 'zh' ? ZH_CONTEXT[type] : EN_CONTEXT[type]).replace('{v}', value)
  if (lang === 'zh') {
    const a = stripEnd(chineseSentence(rng))
    const b = chineseSentence(rng)
    return rng.pick([`${a} ${value} ${b}`, `${a}${value}${b}`, `${a}（${value}）${b}`])
  }
  const a = stripEnd(englishSentence(rng))
  const b = englishSentence(rng)
  return rng.pick([`${a} ${value} ${b}`, `${a} (${value}). ${b}`])
}

/** Prose with ordinary numbers only: years, dates, times, percentages, prices, versions, rooms. */
export function benignSentence(rng: Rng, lang: 'zh' | 'en'): string {
  const y = rng.int(1990, 2025)
  const m = rng.int(1, 12)
  const d = rng.int(1, 28)
  if (lang === 'zh') {
    return rng.pick([
      `${y}年的增长率为${rng.int(1, 99)}%，${stripEnd(chineseSentence(rng))}。`,
      `会议定于${y}年${m}月${d}日下午${rng.int(1, 5)}点在${rng.int(101, 1999)}会议室举行。`,
      `该型号售价${rng.int(99, 9999)}.${p2(rng.int(0, 99))}元，库存${rng.int(1, 500)}件。`,
      `${stripEnd(chineseSentence(rng))}，共计${rng.int(1000, 999999)}条记录，版本${rng.int(1, 9)}.${rng.int(0, 20)}。`,
    ])
  }
  return rng.pick([
    `In ${y} the growth rate was ${rng.int(1, 99)}% and ${stripEnd(englishSentence(rng)).toLowerCase()}.`,
    `The meeting is on ${y}-${p2(m)}-${p2(d)} at ${rng.int(8, 18)}:${p2(rng.int(0, 59))} in room ${rng.int(101, 1999)}.`,
    `The model costs $${rng.int(9, 9999)}.${p2(rng.int(0, 99))} and ships in ${rng.int(2, 30)} days.`,
    `Version ${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 99)} processed ${rng.int(1000, 9999999)} records.`,
  ])
}
