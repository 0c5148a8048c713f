import spdxList from 'spdx-license-list'
import { describe, expect, it } from 'vitest'
import { classifyLicence, hfLicenceIdFor, HF_LICENCE_IDS, isHfLicenceId, normaliseLicence } from '../../../src/provenance/licences/index.js'
import { DEPRECATED_SPDX, NAMED_CLASSES, SPDX_CLASSES, SPELLINGS } from '../../../src/provenance/licences/licence-table.js'
import { looseKey } from '../../../src/provenance/licences/loose-key.js'

const spdxIds = new Set(Object.keys(spdxList))

describe('normaliseLicence', () => {
  it.each([
    // Hugging Face ids
    ['cc-by-nc-4.0', 'CC-BY-NC-4.0'],
    ['apache-2.0', 'Apache-2.0'],
    ['gpl-3.0', 'GPL-3.0-only'],
    ['agpl-3.0', 'AGPL-3.0-only'],
    ['lgpl-2.1', 'LGPL-2.1-only'],
    ['odc-by', 'ODC-By-1.0'],
    ['odbl', 'ODbL-1.0'],
    ['c-uda', 'C-UDA-1.0'],
    ['cdla-sharing-1.0', 'CDLA-Sharing-1.0'],
    ['lgpl-lr', 'LGPLLR'],
    ['etalab-2.0', 'etalab-2.0'],
    ['openmdw-1.0', 'OpenMDW-1.0'],
    // free text
    ['Apache 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['CC BY-SA 3.0', 'CC-BY-SA-3.0'],
    ['CC BY-NC-SA 4.0 International', 'CC-BY-NC-SA-4.0'],
    ['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0'],
    ['Creative Commons Attribution 4.0 International', 'CC-BY-4.0'],
    ['Attribution 4.0 International (CC BY 4.0)', 'CC-BY-4.0'],
    ['MIT License', 'MIT'],
    ['The MIT License (MIT)', 'MIT'],
    ['  "mit"  ', 'MIT'],
    ['GPLv3', 'GPL-3.0-only'],
    ['GNU General Public License v2.0', 'GPL-2.0-only'],
    ['BSD 3-Clause License', 'BSD-3-Clause'],
    ['CC0', 'CC0-1.0'],
    // deprecated SPDX ids → the current ones
    ['GPL-2.0', 'GPL-2.0-only'],
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['LGPL-3.0+', 'LGPL-3.0-or-later'],
    ['gpl-3.0-or-later', 'GPL-3.0-or-later'],
    // URLs
    ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0'],
    ['https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode', 'CC-BY-NC-SA-4.0'],
    ['http://creativecommons.org/licenses/by-sa/3.0/de/', 'CC-BY-SA-3.0-DE'],
    ['https://creativecommons.org/licenses/by/3.0/cn/', 'CC-BY-3.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0'],
    ['https://choosealicense.com/licenses/cc-by-sa-4.0/', 'CC-BY-SA-4.0'],
    ['https://opensource.org/licenses/MIT', 'MIT'],
    ['https://spdx.org/licenses/CC-BY-NC-4.0.html', 'CC-BY-NC-4.0'],
    ['https://www.apache.org/licenses/LICENSE-2.0', 'Apache-2.0'],
    ['https://www.gnu.org/licenses/old-licenses/gpl-2.0.html', 'GPL-2.0-only'],
    ['https://opendatacommons.org/licenses/odbl/1-0/', 'ODbL-1.0'],
  ])('%j → %s (SPDX)', (raw, id) => {
    expect(normaliseLicence(raw)).toEqual({ id, spdx: true })
  })

  it.each([
    ['openrail', 'openrail'],
    ['OpenRAIL', 'openrail'],
    ['BigScience OpenRAIL-M', 'bigscience-openrail-m'],
    ['llama3.1', 'llama3.1'],
    ['Meta Llama3 Community License', 'llama3'],
    ['Llama 2', 'llama2'],
    ['gfdl', 'gfdl'],
    ['OpenAI', 'openai-terms'],
    ['Academic Research Purposes Only', 'academic-research-only'],
    ['CC BY-NC-SA', 'cc-by-nc-sa'],
    ['Public Domain', 'public-domain'],
    ['LicenseRef-openrail', 'openrail'],
    ['LicenseRef-acme-terms-2.0', 'LicenseRef-acme-terms-2.0'],
    ['other', 'other'],
    ['Custom', 'other'],
  ])('%j → %s (not SPDX)', (raw, id) => {
    expect(normaliseLicence(raw)).toEqual({ id, spdx: false })
  })

  it.each(['', '   ', 'unknown', 'Unspecified', 'No License', 'N/A', 'research and education only', 'Foo OR Bar', 'Apache License', 'BSD-4.2', 'toString', '__proto__'])(
    '%j → unknown',
    (raw) => {
      expect(normaliseLicence(raw)).toEqual({ id: 'unknown', spdx: false })
    },
  )

  it('does not read prose-length fields', () => {
    expect(normaliseLicence(`MIT ${'and more words '.repeat(100)}`).id).toBe('unknown')
  })

  it('does not let spdx-correct invent a version', () => {
    // spdx-correct alone says Apache-2.0, BSD-2-Clause, EPL-1.0: guesses, not readings.
    expect(normaliseLicence('Apache License').id).toBe('unknown')
    expect(normaliseLicence('BSD License').id).toBe('bsd')
    expect(normaliseLicence('Eclipse Public License').id).toBe('unknown')
  })

  describe('expressions', () => {
    it('keeps valid SPDX expressions', () => {
      expect(normaliseLicence('MIT OR Apache-2.0')).toEqual({ id: 'MIT OR Apache-2.0', spdx: true })
      expect(normaliseLicence('GPL-2.0-or-later WITH Classpath-exception-2.0')).toEqual({ id: 'GPL-2.0-or-later WITH Classpath-exception-2.0', spdx: true })
    })

    it('normalises the operands and keeps nesting', () => {
      expect(normaliseLicence('(mit AND cc-by-4.0) OR gpl-3.0+')).toEqual({ id: '(MIT AND CC-BY-4.0) OR GPL-3.0-or-later', spdx: true })
      expect(normaliseLicence('Apache 2.0 OR MIT License')).toEqual({ id: 'Apache-2.0 OR MIT', spdx: true })
    })

    it('accepts lower-case operators only when every operand is a licence', () => {
      expect(normaliseLicence('Apache 2.0 and CC BY 4.0')).toEqual({ id: 'Apache-2.0 AND CC-BY-4.0', spdx: true })
      expect(normaliseLicence('MIT or Apache-2.0')).toEqual({ id: 'MIT OR Apache-2.0', spdx: true })
      expect(normaliseLicence('for research and teaching').id).toBe('unknown')
    })

    it('marks expressions with non-SPDX operands as not SPDX, and keeps unknown operands visible', () => {
      expect(normaliseLicence('CC-BY-SA-3.0 AND gfdl')).toEqual({ id: 'CC-BY-SA-3.0 AND gfdl', spdx: false })
      expect(normaliseLicence('MIT OR Foo')).toEqual({ id: 'MIT OR unknown', spdx: false })
    })

    it('does not guess at an expression that does not parse', () => {
      expect(normaliseLicence('MIT AND (Apache-2.0').id).toBe('unknown')
      expect(normaliseLicence('MIT OR').id).toBe('unknown')
    })
  })

  it('is idempotent on every canonical id it produces', () => {
    const canonical = new Set<string>()
    for (const [id] of [...SPDX_CLASSES, ...NAMED_CLASSES, ...SPELLINGS]) canonical.add(normaliseLicence(id).id)
    for (const hf of HF_LICENCE_IDS) canonical.add(normaliseLicence(hf).id)
    for (const id of canonical) expect(normaliseLicence(id).id, id).toBe(id)
  })

  it('maps every current SPDX id to itself, and deprecated ones to their replacements', () => {
    for (const id of spdxIds) {
      const expected = Object.hasOwn(DEPRECATED_SPDX, id) ? DEPRECATED_SPDX[id] : id
      expect(normaliseLicence(id), id).toEqual({ id: expected, spdx: true })
    }
  })
})

describe('licence table', () => {
  it('names only real SPDX ids as SPDX', () => {
    for (const [id] of SPDX_CLASSES) expect(spdxIds.has(id), id).toBe(true)
    for (const replacement of Object.values(DEPRECATED_SPDX)) expect(spdxIds.has(replacement), replacement).toBe(true)
    for (const [id] of SPELLINGS) {
      if (/[A-Z]/.test(id) || spdxIds.has(id)) expect(spdxIds.has(id), id).toBe(true)
    }
  })

  it('gives non-SPDX canonical ids as lower-case tokens that are not SPDX ids', () => {
    for (const [id] of NAMED_CLASSES) {
      expect(id, id).toMatch(/^[a-z0-9][a-z0-9.+-]*$/)
      expect(spdxIds.has(id), id).toBe(false)
    }
  })

  it('has no spelling that means two licences', () => {
    const meaning = new Map<string, string>()
    for (const [id, spellings] of SPELLINGS) {
      for (const spelling of [id, ...spellings]) {
        const key = looseKey(spelling)
        const other = meaning.get(key)
        if (other !== undefined) expect(other, `${spelling} (${key})`).toBe(id)
        meaning.set(key, id)
      }
    }
  })

  it('classes every spelling target except unknown and other', () => {
    for (const [id] of SPELLINGS) {
      if (id === 'unknown' || id === 'other') continue
      expect(classifyLicence(id).known, id).toBe(true)
    }
  })
})

describe('Hugging Face ids', () => {
  it('knows the Hub list', () => {
    expect(HF_LICENCE_IDS).toHaveLength(83)
    expect(isHfLicenceId('cc-by-nc-4.0')).toBe(true)
    expect(isHfLicenceId('CC-BY-NC-4.0')).toBe(false)
  })

  it('maps canonical ids back to the id a card should carry', () => {
    expect(hfLicenceIdFor('CC-BY-NC-4.0')).toBe('cc-by-nc-4.0')
    expect(hfLicenceIdFor('GPL-3.0-only')).toBe('gpl-3.0')
    expect(hfLicenceIdFor('llama3')).toBe('llama3')
    expect(hfLicenceIdFor('unknown')).toBe('unknown')
    expect(hfLicenceIdFor('GPL-3.0-or-later')).toBe('other')
    expect(hfLicenceIdFor('openai-terms')).toBe('other')
  })
})
