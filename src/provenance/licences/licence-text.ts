/*
 * Licence text → the words that matter for matching, in the spirit of the SPDX matching guidelines
 * (spdx.github.io/spdx-spec, "License matching guidelines and templates"): case, punctuation, quote
 * and dash styles, bullets, markdown, whitespace and line breaks do not count; copyright notices
 * are dropped; British and American spellings are the same word.
 */

/** A copyright notice line: "Copyright (c) 2024 …", "Copyright 2024 …", "Copyright [yyyy] …", "© 2024 …". */
const COPYRIGHT_LINE = /^[\s#>*_`~|-]*(?:copyright\b\s*(?:\(c\)|©|\d|\[|<|\{|:)|\(c\)\s*\d|©)/i
const SPDX_TAG_LINE = /^\W*spdx-license-identifier\s*:/i

/** Spelling variants (SPDX guidelines' equivalent-words list, in part), mapped to one form. */
const EQUIVALENT_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  licence: 'license',
  licences: 'licenses',
  licenced: 'licensed',
  licencing: 'licensing',
  acknowledgement: 'acknowledgment',
  analyse: 'analyze',
  artefact: 'artifact',
  authorisation: 'authorization',
  authorised: 'authorized',
  cancelled: 'canceled',
  catalogue: 'catalog',
  centre: 'center',
  favour: 'favor',
  fulfil: 'fulfill',
  fulfilment: 'fulfillment',
  judgement: 'judgment',
  labelling: 'labeling',
  labour: 'labor',
  modelled: 'modeled',
  modelling: 'modeling',
  offence: 'offense',
  organisation: 'organization',
  organisations: 'organizations',
  practise: 'practice',
  programme: 'program',
  recognise: 'recognize',
  recognised: 'recognized',
  utilisation: 'utilization',
  whilst: 'while',
  wilful: 'willful',
  // URL scaffolding: "http://" and "https://" name the same page.
  http: '',
  https: '',
  www: '',
}))

/** The comparable words of a licence text. */
export function licenceWords(text: string): string[] {
  const kept: string[] = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!COPYRIGHT_LINE.test(line) && !SPDX_TAG_LINE.test(line)) kept.push(line)
  }
  const flat = kept
    .join('\n')
    .normalize('NFKC')
    .toLowerCase()
    // A notice that reflowing pulled into a line of text: from "copyright (c)" to the line's end.
    .replace(/(?:copyright\s*(?:\(c\)|©)|©)[^\n]*/g, ' ')
    .replace(/all rights reserved/g, ' ')
    // Hyphenation variants of single words.
    .replace(/\bnon[\s-]+commercial/g, 'noncommercial')
    .replace(/\bsub[\s-]+licen/g, 'sublicen')
  const words: string[] = []
  for (const word of flat.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const same = EQUIVALENT_WORDS.get(word)
    if (same === undefined) words.push(word)
    else if (same !== '') words.push(same)
  }
  return words
}
