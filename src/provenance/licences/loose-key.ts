/** Words that licence names add or drop freely: "The MIT License", "Apache License, Version 2.0". */
const IGNORED_WORDS = new Set(['the', 'license', 'licenses', 'version', 'international', 'unported', 'generic'])

/**
 * A key under which spellings of one licence name meet: case, punctuation, spacing, "licence" vs
 * "license", a `v` before a version, trailing `.0`s and a few filler words make no difference.
 * "CC BY-NC 4.0", "cc-by-nc-4.0" and "CC-BY-NC-4.0" all give `ccbync4`; "Apache License, Version
 * 2.0" and "Apache-2.0" give `apache2`.
 */
export function looseKey(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/licen[cs]e/g, 'license')
    .split(/[^\p{L}\p{N}.+]+/u)
  let key = ''
  for (const raw of words) {
    const word = raw
      .replace(/^\.+|\.+$/g, '')
      .replace(/^v(?=\d)/, '')
      // "2.0" and "2" name the same version; "2.1" stays.
      .replace(/^(\d+(?:\.\d+)*?)(?:\.0)+(\+?)$/, '$1$2')
    if (word === '' || IGNORED_WORDS.has(word)) continue
    key += word
  }
  return key
}
