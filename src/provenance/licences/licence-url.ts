/**
 * Licence ids that a licence URL names, as candidates for the normaliser to resolve, most specific
 * first. The SPDX list's own URLs are matched elsewhere (spdx-index); these are the URL shapes that
 * cards and Croissant files use in practice.
 */
export function licenceHintsFromUrl(url: string): string[] {
  const u = url.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '')

  // creativecommons.org/licenses/by-nc-sa/4.0/ (optionally a jurisdiction port: /3.0/de/)
  let m = /^creativecommons\.org\/licenses\/([a-z-]+)\/(\d\.\d)(?:\/([a-z]{2,3})(?=\/|$))?/.exec(u)
  if (m) {
    const id = `CC-${m[1].toUpperCase()}-${m[2]}`
    // A port missing from the SPDX list falls back to the unported licence, which has the same class.
    return m[3] ? [`${id}-${m[3].toUpperCase()}`, id] : [id]
  }
  m = /^creativecommons\.org\/publicdomain\/(zero|mark)\/1\.0/.exec(u)
  if (m) return [m[1] === 'zero' ? 'CC0-1.0' : 'CC-PDM-1.0']

  m = /^opendatacommons\.org\/licenses\/(by|odbl|pddl)\b/.exec(u)
  if (m) return [{ by: 'ODC-By-1.0', odbl: 'ODbL-1.0', pddl: 'PDDL-1.0' }[m[1] as 'by' | 'odbl' | 'pddl']]

  // gnu.org/licenses/gpl-3.0.html, gnu.org/licenses/old-licenses/lgpl-2.1.en.html: the page is the
  // licence text, which says nothing of "or later", hence -only.
  m = /^gnu\.org\/licenses\/(?:old-licenses\/)?(agpl|lgpl|gpl|fdl)-(\d\.\d)/.exec(u)
  if (m) return [`${m[1] === 'fdl' ? 'GFDL' : m[1].toUpperCase()}-${m[2]}-only`]

  m = /^apache\.org\/licenses\/license-(\d\.\d)/.exec(u)
  if (m) return [`Apache-${m[1]}`]

  // Sites whose path ends in a licence id: choosealicense.com/licenses/cc-by-sa-4.0/,
  // opensource.org/licenses/MIT, spdx.org/licenses/CC-BY-4.0.html.
  m = /^(?:choosealicense\.com\/licenses|opensource\.org\/licenses?|spdx\.org\/licenses)\/([^/?#]+)/.exec(url.trim().replace(/^[a-z]+:\/\/(www\.)?/i, ''))
  if (m) return [m[1].replace(/\.(html?|json|txt|php)$/i, '')]

  if (/^mit-license\.org\b/.test(u)) return ['MIT']
  return []
}

export function looksLikeUrl(text: string): boolean {
  return /^(https?:\/\/|www\.)\S+$/i.test(text.trim())
}
