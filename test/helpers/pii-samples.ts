/**
 * Deterministic generators of personal values, each in a valid and an invalid flavour, for tests
 * and fixture files with known counts. Every generator takes a seeded random source
 * (`new SeededRandom(seed)`) and returns the value as it would appear in text.
 *
 * Contract: a `valid…` value, standing alone between spaces or CJK punctuation, is found by the
 * scanner exactly once and as its own type; an `invalid…` value is found as nothing at all
 * (not even as another type), so a corpus built from them has exactly the generated counts.
 */
import { isValidPhoneNumber } from 'libphonenumber-js/max'
import { luhnCheckDigit, residentIdCheckChar, USCC_ALPHABET, usccCheckChar } from '../../src/provenance/pii/checksums.js'
import type { PiiType } from '../../src/provenance/pii/types.js'

/** What the generators need from a random source: SeededRandom fits. */
export interface Random {
  next(): number
}

export function randomInt(rng: Random, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1))
}

export function pick<T>(rng: Random, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)]!
}

function randomDigits(rng: Random, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += String(Math.floor(rng.next() * 10))
  return out
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** Replaces the last character with a different one from `alphabet`. */
function wrongLast(value: string, alphabet: string, rng: Random): string {
  const choices = [...alphabet].filter((c) => c !== value.at(-1))
  return value.slice(0, -1) + pick(rng, choices)
}

// --- resident identity numbers (GB 11643) ---------------------------------------------------

const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91']
/**
 * Provinces whose codes are no card network's prefix: an invalid id from Gansu (62) could still
 * be a Luhn-valid 18-digit UnionPay number, which would break the "found as nothing" contract.
 */
const PROVINCES_NOT_CARD_PREFIXES = PROVINCES.filter((p) => !['35', '36', '62', '65', '81'].includes(p))

/**
 * A region code: province, a city 01–09, a district 01–19. Keeping the city below 10 means the
 * id's characters 3–8 never open with a province code, so no id is also a valid credit code.
 */
function regionCode(rng: Random, provinces: readonly string[]): string {
  return `${pick(rng, provinces)}0${randomInt(rng, 1, 9)}${pad(randomInt(rng, 1, 19), 2)}`
}

function birthDate(rng: Random): string {
  const year = randomInt(rng, 1930, 2010)
  const month = randomInt(rng, 1, 12)
  const day = randomInt(rng, 1, 28)
  return `${year}${pad(month, 2)}${pad(day, 2)}`
}

function withIdCheck(first17: string): string {
  return first17 + residentIdCheckChar(first17)
}

export function validResidentId(rng: Random): string {
  return withIdCheck(regionCode(rng, PROVINCES) + birthDate(rng) + randomDigits(rng, 3))
}

export type InvalidResidentIdKind = 'check-digit' | 'birth-date' | 'province'

/** An id that fails exactly one rule: the check character, the birth date or the province. */
export function invalidResidentId(rng: Random, kind: InvalidResidentIdKind = pick(rng, ['check-digit', 'birth-date', 'province'] as const)): string {
  const sequence = randomDigits(rng, 3)
  switch (kind) {
    case 'check-digit':
      return wrongLast(withIdCheck(regionCode(rng, PROVINCES_NOT_CARD_PREFIXES) + birthDate(rng) + sequence), '0123456789X', rng)
    case 'birth-date': {
      const badDate = pick(rng, ['19990229', '20010230', '19851301', '19700000', '18991231', '20990101'])
      return withIdCheck(regionCode(rng, PROVINCES_NOT_CARD_PREFIXES) + badDate + sequence)
    }
    case 'province':
      return withIdCheck(regionCode(rng, ['00', '19', '29', '72', '90', '99']) + birthDate(rng) + sequence)
  }
}

// --- bank cards (Luhn) -----------------------------------------------------------------------

interface CardNetwork {
  prefix: (rng: Random) => string
  length: number
}

const NETWORKS: readonly CardNetwork[] = [
  { prefix: (rng) => pick(rng, ['6222', '6228', '6217', '6212', '6259']), length: 16 }, // UnionPay
  { prefix: (rng) => pick(rng, ['6222', '6228', '6217']), length: 19 }, // UnionPay debit
  { prefix: () => '4', length: 16 }, // Visa
  { prefix: (rng) => String(randomInt(rng, 51, 55)), length: 16 }, // Mastercard
  { prefix: (rng) => String(randomInt(rng, 2221, 2720)), length: 16 }, // Mastercard 2-series
  { prefix: (rng) => pick(rng, ['34', '37']), length: 15 }, // American Express
  { prefix: (rng) => String(randomInt(rng, 3528, 3589)), length: 16 }, // JCB
  { prefix: () => '6011', length: 16 }, // Discover
]

function formatCard(rng: Random, digits: string): string {
  const style = pick(rng, ['plain', ' ', '-'] as const)
  if (style === 'plain') return digits
  const groups = digits.length === 15 ? [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)] : (digits.match(/.{1,4}/g) ?? [])
  return groups.join(style)
}

function cardDigits(rng: Random, network: CardNetwork): string {
  const payload = network.prefix(rng)
  const body = payload + randomDigits(rng, network.length - payload.length - 1)
  return body + luhnCheckDigit(body)
}

/** 15, 16 or 19 digits: never 18, so never a resident id; plain or grouped by spaces or dashes. */
export function validBankCard(rng: Random): string {
  return formatCard(rng, cardDigits(rng, pick(rng, NETWORKS)))
}

export type InvalidBankCardKind = 'luhn' | 'issuer'

/** A card number with a wrong Luhn digit, or a Luhn-valid number no network issues (prefix 9). */
export function invalidBankCard(rng: Random, kind: InvalidBankCardKind = pick(rng, ['luhn', 'issuer'] as const)): string {
  if (kind === 'luhn') return formatCard(rng, wrongLast(cardDigits(rng, pick(rng, NETWORKS)), '0123456789', rng))
  const body = '9' + randomDigits(rng, 14)
  return formatCard(rng, body + luhnCheckDigit(body))
}

// --- unified social credit codes (GB 32100) --------------------------------------------------

const USCC_LETTERS = USCC_ALPHABET.slice(10)
const AUTHORITY_CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['9', '1'], ['9', '2'], ['9', '3'], ['1', '1'], ['1', '2'], ['5', '1'], ['5', '3'], ['Y', '1'],
]

function usccPayload(rng: Random): string {
  const [authority, category] = pick(rng, AUTHORITY_CATEGORIES)
  // the organisation code opens with a letter, so the code is never all digits (an id, a card)
  let organisation = pick(rng, [...USCC_LETTERS])
  for (let i = 0; i < 8; i++) organisation += pick(rng, [...USCC_ALPHABET])
  return authority + category + regionCode(rng, PROVINCES) + organisation
}

export function validUscc(rng: Random): string {
  const payload = usccPayload(rng)
  return payload + usccCheckChar(payload)!
}

/** A credit code whose check character is wrong. */
export function invalidUscc(rng: Random): string {
  return wrongLast(validUscc(rng), USCC_ALPHABET, rng)
}

// --- mainland mobile and landline numbers ----------------------------------------------------

/** Long-established mobile ranges, all of which libphonenumber also accepts after +86. */
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199']

export function validCnMobile(rng: Random): string {
  const number = pick(rng, MOBILE_PREFIXES) + randomDigits(rng, 8)
  const grouped = (sep: string): string => `${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}`
  return pick(rng, [number, `+86 ${number}`, `+86${number}`, `0086 ${number}`, `86 ${number}`, grouped('-'), grouped(' '), `+86 ${grouped(' ')}`])
}

export type InvalidCnMobileKind = 'second-digit' | 'too-short' | 'too-long'

/** 1[0-2] + 9 digits, or a 1[3-9] number one digit short or long (a longer digit run). */
export function invalidCnMobile(rng: Random, kind: InvalidCnMobileKind = pick(rng, ['second-digit', 'too-short', 'too-long'] as const)): string {
  switch (kind) {
    case 'second-digit':
      return `1${randomInt(rng, 0, 2)}${randomDigits(rng, 9)}`
    case 'too-short':
      return pick(rng, MOBILE_PREFIXES) + randomDigits(rng, 7)
    case 'too-long':
      return pick(rng, MOBILE_PREFIXES) + randomDigits(rng, 9)
  }
}

const AREA_CODES = ['010', '020', '021', '022', '023', '024', '025', '027', '028', '029', '0311', '0371', '0431', '0451', '0531', '0551', '0571', '0591', '0731', '0755', '0769', '0871', '0898']

function subscriber(rng: Random, areaCode: string): string {
  const length = areaCode.length === 3 ? 8 : pick(rng, [7, 8])
  return String(randomInt(rng, 2, 8)) + randomDigits(rng, length - 1)
}

export function validLandline(rng: Random): string {
  const area = pick(rng, AREA_CODES)
  const number = subscriber(rng, area)
  return pick(rng, [`${area}-${number}`, `${area} ${number}`, `(${area})${number}`, `(${area}) ${number}`, `（${area}）${number}`])
}

export type InvalidLandlineKind = 'subscriber-prefix' | 'no-separator' | 'no-trunk-zero'

/** A subscriber number starting with 0 or 1, a bare digit run, or an area code without its 0. */
export function invalidLandline(rng: Random, kind: InvalidLandlineKind = pick(rng, ['subscriber-prefix', 'no-separator', 'no-trunk-zero'] as const)): string {
  const area = pick(rng, AREA_CODES)
  const number = subscriber(rng, area)
  switch (kind) {
    case 'subscriber-prefix':
      return `${area}-${randomInt(rng, 0, 1)}${number.slice(1)}`
    case 'no-separator':
      return area + number
    case 'no-trunk-zero':
      return `${area.slice(1)}-${number}`
  }
}

// --- international numbers (E.164) ----------------------------------------------------------

/** Country code and a national-number shape that is usually valid; rejection sampling does the rest. */
const E164_PLANS: ReadonlyArray<readonly [string, (rng: Random) => string]> = [
  ['1', (rng) => `${randomInt(rng, 201, 989)}${randomInt(rng, 200, 999)}${randomDigits(rng, 4)}`],
  ['44', (rng) => `7${randomInt(rng, 400, 999)}${randomDigits(rng, 6)}`],
  ['49', (rng) => `15${randomInt(rng, 1, 9)}${randomDigits(rng, 8)}`],
  ['33', (rng) => `${pick(rng, ['6', '7'])}${randomDigits(rng, 8)}`],
  ['81', (rng) => `${pick(rng, ['90', '80', '70'])}${randomDigits(rng, 8)}`],
  ['61', (rng) => `4${randomDigits(rng, 8)}`],
  ['91', (rng) => `${randomInt(rng, 7, 9)}${randomDigits(rng, 9)}`],
  ['65', (rng) => `${pick(rng, ['8', '9'])}${randomDigits(rng, 7)}`],
]

/** A number outside mainland China that libphonenumber (max metadata) validates. */
export function validE164(rng: Random): string {
  for (;;) {
    const [country, national] = pick(rng, E164_PLANS)
    const number = national(rng)
    if (!isValidPhoneNumber(`+${country}${number}`)) continue
    return pick(rng, [`+${country} ${number}`, `+${country}${number}`, `+${country}-${number}`])
  }
}

/**
 * A "+" number that is not valid, written without separators so the scanner has a single
 * candidate: a US area code starting with 0 or 1, or a national number too short for its country.
 */
export function invalidE164(rng: Random): string {
  for (;;) {
    const candidate = pick(rng, [`1${randomInt(rng, 0, 1)}${randomDigits(rng, 9)}`, `44${randomDigits(rng, 5)}`, `49${randomDigits(rng, 4)}`, `33${randomDigits(rng, 6)}`])
    if (!isValidPhoneNumber(`+${candidate}`)) return `+${candidate}`
  }
}

// --- e-mail addresses ------------------------------------------------------------------------

const NAMES = ['li', 'wang', 'zhang', 'anna', 'john', 'maria', 'kenji', 'omar', 'sofia', 'chen']
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'qq.com', '163.com', 'uni.example.edu.cn']

export function validEmail(rng: Random): string {
  const local = pick(rng, NAMES) + pick(rng, ['', '.', '_', '-', '+']) + pick(rng, NAMES) + (rng.next() < 0.5 ? String(randomInt(rng, 1, 99)) : '')
  return `${local}@${pick(rng, DOMAINS)}`
}

/** An address that breaks one rule: doubled or trailing dot, no or a numeric / one-letter TLD, a label starting with "-". */
export function invalidEmail(rng: Random): string {
  const a = pick(rng, NAMES)
  const b = pick(rng, NAMES)
  return pick(rng, [`${a}..${b}@example.com`, `${a}.@example.com`, `${a}@localhost`, `${a}@example.42`, `${a}@example.c`, `${a}@-example.com`])
}

// --- IPv4 and passports ----------------------------------------------------------------------

export function validIpv4(rng: Random): string {
  return `${randomInt(rng, 1, 223)}.${randomInt(rng, 0, 255)}.${randomInt(rng, 0, 255)}.${randomInt(rng, 1, 254)}`
}

/** An octet above 255, a leading zero, a fifth part, or a "v" version prefix. */
export function invalidIpv4(rng: Random): string {
  const a = randomInt(rng, 1, 223)
  const b = randomInt(rng, 0, 255)
  return pick(rng, [`${a}.${b}.256.1`, `${a}.0${randomInt(rng, 1, 9)}.${b}.1`, `${a}.${b}.1.2.3`, `v${a}.${b}.1.2`])
}

/** A bare E- or G-series number whose digits do not read as a date. */
export function validPassport(rng: Random): string {
  const firstDigit = String(randomInt(rng, 3, 9))
  return pick(rng, [`E${firstDigit}${randomDigits(rng, 7)}`, `E${pick(rng, [...'ABCDEFGHJKLMNPQRSTUVWXYZ'])}${randomDigits(rng, 7)}`, `G${firstDigit}${randomDigits(rng, 7)}`])
}

/** Seven digits after E, I or O as the series letter, or a P-series number without a keyword. */
export function invalidPassport(rng: Random): string {
  return pick(rng, [`E${randomDigits(rng, 7)}`, `E${pick(rng, ['I', 'O'])}${randomDigits(rng, 7)}`, `P${randomDigits(rng, 7)}`])
}

/** The generators by type, for building corpora with known counts. */
export const SAMPLE_GENERATORS: ReadonlyArray<{ type: PiiType; valid: (rng: Random) => string; invalid: (rng: Random) => string }> = [
  { type: 'email', valid: validEmail, invalid: invalidEmail },
  { type: 'cn-mobile', valid: validCnMobile, invalid: (rng) => invalidCnMobile(rng) },
  { type: 'cn-landline', valid: validLandline, invalid: (rng) => invalidLandline(rng) },
  { type: 'phone-e164', valid: validE164, invalid: invalidE164 },
  { type: 'cn-resident-id', valid: validResidentId, invalid: (rng) => invalidResidentId(rng) },
  { type: 'bank-card', valid: validBankCard, invalid: (rng) => invalidBankCard(rng) },
  { type: 'cn-uscc', valid: validUscc, invalid: invalidUscc },
  { type: 'ipv4', valid: validIpv4, invalid: invalidIpv4 },
  { type: 'passport', valid: validPassport, invalid: invalidPassport },
]
