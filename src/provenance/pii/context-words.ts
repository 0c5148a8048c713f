import { isAsciiLetter } from './chars.js'
import type { PiiType } from './types.js'

/*
 * Context words, the way Presidio's context enhancement works: a number whose digits pass a
 * check (Luhn, the mobile ranges, a MOD 31 character) is only a weak sign of a phone number, a
 * card or a credit code; a column or key name, or words near the value, that name the type make
 * it one. Each context is a bit set of the types it supports.
 */

/** Supports cn-mobile, cn-landline and phone-e164. */
export const PHONE_CONTEXT = 1
/** Supports bank-card. */
export const CARD_CONTEXT = 2
/** Supports cn-uscc. */
export const CREDIT_CODE_CONTEXT = 4
/** Supports cn-resident-id glued into a longer token (a standalone or numeric id needs none). */
export const IDENTITY_CONTEXT = 8

/**
 * The context a type needs where context is asked for (numeric values, digit runs inside longer
 * tokens); 0 for types that count without any. Strong types (e-mail, keys, tokens, IP addresses,
 * passports, which have their own keywords) never need it; a resident id needs it only when glued
 * into a longer token (see detectEmbeddedRun).
 */
export function contextNeeded(type: PiiType): number {
  switch (type) {
    case 'cn-mobile':
    case 'cn-landline':
    case 'phone-e164':
      return PHONE_CONTEXT
    case 'bank-card':
      return CARD_CONTEXT
    case 'cn-uscc':
      return CREDIT_CODE_CONTEXT
    default:
      return 0
  }
}

/**
 * English words, matched whole and case-insensitively after names are split at non-letters and
 * camelCase humps ("cardNo", "card_no", "CARD-NO" are all `card` `no`), plus the run-together
 * spellings common in column names ("phonenumber", "cardno") and the pinyin of the Chinese words.
 */
const WORDS: ReadonlyMap<string, number> = new Map([
  ...['phone', 'phones', 'telephone', 'tel', 'mobile', 'mobiles', 'cell', 'cellphone', 'mobilephone', 'contact', 'contacts', 'fax', 'msisdn', 'phoneno', 'phonenumber', 'telno', 'mobileno', 'shouji', 'dianhua'].map((w) => [w, PHONE_CONTEXT] as const),
  ...['card', 'cards', 'cardno', 'cardnum', 'cardnumber', 'bank', 'bankcard', 'account', 'accounts', 'acct', 'acctno', 'accountno', 'iban', 'debit', 'creditcard', 'unionpay', 'visa', 'mastercard'].map((w) => [w, CARD_CONTEXT] as const),
  ...['uscc', 'usci', 'creditcode', 'taxid', 'taxno', 'taxpayer'].map((w) => [w, CREDIT_CODE_CONTEXT] as const),
  ...['id', 'ids', 'idcard', 'idno', 'idnumber', 'identity', 'identification', 'citizen', 'sfz', 'sfzh', 'shenfenzheng'].map((w) => [w, IDENTITY_CONTEXT] as const),
])

/**
 * Two-word phrases, whose meaning replaces their second word's: "credit code", "unified social
 * credit (code)", "tax id / no / number" (a credit code, not an identity), "id card" (an identity
 * card, not a bank card).
 */
const PAIRS: ReadonlyMap<string, number> = new Map([
  ['id card', IDENTITY_CONTEXT],
  ['credit code', CREDIT_CODE_CONTEXT],
  ['social credit', CREDIT_CODE_CONTEXT],
  ['tax id', CREDIT_CODE_CONTEXT],
  ['tax no', CREDIT_CODE_CONTEXT],
  ['tax number', CREDIT_CODE_CONTEXT],
  ['tax code', CREDIT_CODE_CONTEXT],
])

/** Chinese words, matched as substrings (Chinese has no spaces between words). */
const CHINESE: ReadonlyArray<readonly [string, number]> = [
  ...['手机', '电话', '联系方式', '座机', '传真', '固话'].map((w) => [w, PHONE_CONTEXT] as const),
  ...['卡号', '银行卡', '银行', '账号', '帐号', '账户', '帐户', '信用卡', '借记卡'].map((w) => [w, CARD_CONTEXT] as const),
  ...['信用代码', '税号', '纳税人识别号', '营业执照'].map((w) => [w, CREDIT_CODE_CONTEXT] as const),
  ...['身份证', '证件号', '公民身份', '身份号'].map((w) => [w, IDENTITY_CONTEXT] as const),
]


/**
 * The context bits the words of text[from, to) give. A word cut by either end of the range is
 * ignored ("mytel" cut to "tel" is not the word "tel").
 */
export function contextOfText(text: string, from = 0, to = text.length): number {
  let bits = 0
  let previous = ''
  let i = from
  while (i < to) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      // a non-letter ends a word; only a space, "_" or "-" between two words keeps them a phrase
      if (!isPhraseJoiner(text.charCodeAt(i))) previous = ''
      i++
      continue
    }
    const start = i
    while (i < to && isAsciiLetter(text.charCodeAt(i))) {
      // a camelCase hump ends a word: "cardNo", and "IDCard" before its "C"
      if (i > start && isUpper(text.charCodeAt(i)) && (isLower(text.charCodeAt(i - 1)) || (i + 1 < to && isLower(text.charCodeAt(i + 1))))) break
      i++
    }
    const cut = (start === from && from > 0 && isAsciiLetter(text.charCodeAt(from - 1))) || (i === to && to < text.length && isAsciiLetter(text.charCodeAt(to)))
    if (cut) {
      previous = ''
      continue
    }
    const word = text.slice(start, i).toLowerCase()
    const phrase = previous === '' ? undefined : PAIRS.get(`${previous} ${word}`)
    bits |= phrase ?? WORDS.get(word) ?? 0
    previous = word
  }
  if (hasNonAscii(text, from, to)) {
    const range = from === 0 && to === text.length ? text : text.slice(from, to)
    for (const [word, bit] of CHINESE) if (range.includes(word)) bits |= bit
  }
  return bits
}

/** Whether text[from, to) has a character outside ASCII, so the Chinese words are worth a look. */
function hasNonAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return true
  return false
}

function isPhraseJoiner(c: number): boolean {
  return c === 32 || c === 95 || c === 45
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122
}

/** How much text before and after a digit run counts as "near": a label such as "联系电话：" or "Card No.: " fits. */
const BEFORE = 32
const AFTER = 16

/** The context bits of the words near text[start, end): up to 32 characters before it and 16 after. */
export function contextNear(text: string, start: number, end: number): number {
  return contextOfText(text, Math.max(0, start - BEFORE), start) | contextOfText(text, end, Math.min(text.length, end + AFTER))
}

/** Context of key and column names, which repeat in every record: computed once per name. */
const NAME_CACHE = new Map<string, number>()
const NAME_CACHE_LIMIT = 10_000
/** Longer names are not cached (a key that is a whole sentence is not a column name). */
const MAX_CACHED_NAME = 64

/** The context bits a key or column name gives the values under it. */
export function contextOfName(name: string): number {
  const cached = NAME_CACHE.get(name)
  if (cached !== undefined) return cached
  const bits = contextOfText(name)
  if (name.length <= MAX_CACHED_NAME) {
    if (NAME_CACHE.size >= NAME_CACHE_LIMIT) NAME_CACHE.clear()
    NAME_CACHE.set(name, bits)
  }
  return bits
}
