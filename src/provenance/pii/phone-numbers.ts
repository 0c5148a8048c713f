import { createRequire } from 'node:module'

type PhoneLib = typeof import('libphonenumber-js/max')

let lib: PhoneLib | undefined

/**
 * libphonenumber-js with the `max` metadata, loaded on first use. `max` is the variant that
 * checks a number against its country's number patterns: `min` only checks lengths (it accepts
 * +8612345678901) and `mobile` rejects every landline. Loading it costs ~50 ms, so it is required
 * lazily: a run whose text never has "+digits" never pays for it, and neither does any other
 * command that happens to import the scanner.
 */
function phoneLib(): PhoneLib {
  lib ??= createRequire(import.meta.url)('libphonenumber-js/max') as PhoneLib
  return lib
}

export interface ValidPhoneNumber {
  countryCallingCode: string
  nationalNumber: string
}

/** The parts of `+digits` if it is a valid number for its country, else undefined. */
export function validateE164(digits: string): ValidPhoneNumber | undefined {
  const parsed = phoneLib().parsePhoneNumberFromString(`+${digits}`)
  if (parsed === undefined || !parsed.isValid()) return undefined
  return { countryCallingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber }
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9 (the rule the bare-number detector uses). */
export function isCnMobileNumber(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits)
}
