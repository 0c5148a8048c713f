import { describe, expect, it } from 'vitest'
import { classifyLicence, mostRestrictive, type LicenceClass } from '../../../src/provenance/licences/index.js'

const commercial = (attribution: boolean, shareAlike: boolean): LicenceClass => ({ use: 'commercial', attribution, shareAlike })

describe('classifyLicence: SPDX ids', () => {
  it.each([
    ['MIT', 'commercial', true, false],
    ['Apache-2.0', 'commercial', true, false],
    ['BSD-3-Clause', 'commercial', true, false],
    ['ISC', 'commercial', true, false],
    ['Zlib', 'commercial', true, false],
    ['Unlicense', 'commercial', false, false],
    ['CC0-1.0', 'commercial', false, false],
    ['PDDL-1.0', 'commercial', false, false],
    ['0BSD', 'commercial', false, false],
    ['ODC-By-1.0', 'commercial', true, false],
    ['CC-BY-4.0', 'commercial', true, false],
    ['CC-BY-3.0-DE', 'commercial', true, false],
    ['CC-BY-ND-4.0', 'commercial', true, false],
    ['CC-BY-SA-4.0', 'commercial', true, true],
    ['ODbL-1.0', 'commercial', true, true],
    ['GPL-2.0-only', 'commercial', true, true],
    ['GPL-3.0-or-later', 'commercial', true, true],
    ['LGPL-2.1-only', 'commercial', true, true],
    ['AGPL-3.0-only', 'commercial', true, true],
    ['MPL-2.0', 'commercial', true, true],
    ['EPL-2.0', 'commercial', true, true],
    ['GFDL-1.3-only', 'commercial', true, true],
    ['CDLA-Sharing-1.0', 'commercial', true, true],
    ['CC-BY-NC-4.0', 'non-commercial', true, false],
    ['CC-BY-NC-ND-4.0', 'non-commercial', true, false],
    ['CC-BY-NC-SA-4.0', 'non-commercial', true, true],
    ['CC-BY-NC-SA-2.0-UK', 'non-commercial', true, true],
    ['PolyForm-Noncommercial-1.0.0', 'non-commercial', true, false],
  ] as const)('%s → %s, attribution %s, share-alike %s', (id, use, attribution, shareAlike) => {
    expect(classifyLicence(id)).toEqual({ use, attribution, shareAlike, known: true })
  })

  it('classes an OSI-approved licence it has no row for as permissive', () => {
    expect(classifyLicence('OLFL-1.3')).toEqual({ ...commercial(true, false), known: true })
  })

  it('does not class a made-up id that merely looks like a family member', () => {
    expect(classifyLicence('CC-BY-9.9')).toEqual({ use: 'unspecified', attribution: false, shareAlike: false, known: false })
  })
})

describe('classifyLicence: names without SPDX ids', () => {
  it.each([
    ['openrail', 'commercial', true, true],
    ['bigscience-openrail-m', 'commercial', true, true],
    ['llama2', 'commercial', true, false],
    ['llama3', 'commercial', true, false],
    ['gemma', 'commercial', true, true],
    ['c-uda', 'commercial', true, true],
    ['fair-noncommercial-research-license', 'academic-only', true, true],
    ['OpenAI', 'non-commercial', true, true],
    ['Academic Research Purposes Only', 'academic-only', true, true],
    ['cc-by-nc-4.0', 'non-commercial', true, false],
  ] as const)('%s → %s', (name, use, attribution, shareAlike) => {
    expect(classifyLicence(name)).toEqual({ use, attribution, shareAlike, known: true })
  })

  it.each(['other', 'unknown', '', 'LicenseRef-acme-data-terms', 'not a licence at all', 'constructor'])('%j is unknown', (name) => {
    expect(classifyLicence(name)).toEqual({ use: 'unspecified', attribution: false, shareAlike: false, known: false })
  })
})

describe('classifyLicence: expressions', () => {
  it('AND takes the most restrictive part, obligations added up', () => {
    expect(classifyLicence('MIT AND CC-BY-NC-4.0')).toEqual({ use: 'non-commercial', attribution: true, shareAlike: false, known: true })
    expect(classifyLicence('CC0-1.0 AND CC-BY-SA-4.0')).toEqual({ ...commercial(true, true), known: true })
  })

  it('OR takes the option a licensee would choose, without blending the options', () => {
    expect(classifyLicence('MIT OR GPL-3.0-only')).toEqual({ ...commercial(true, false), known: true })
    expect(classifyLicence('CC-BY-NC-4.0 OR CC-BY-SA-4.0')).toEqual({ ...commercial(true, true), known: true })
    expect(classifyLicence('CC0-1.0 OR MIT')).toEqual({ ...commercial(false, false), known: true })
  })

  it('honours SPDX precedence (AND binds tighter than OR) and parentheses', () => {
    expect(classifyLicence('MIT OR CC-BY-NC-4.0 AND GPL-3.0-only').use).toBe('commercial')
    expect(classifyLicence('(MIT OR CC-BY-NC-4.0) AND GPL-3.0-only')).toEqual({ ...commercial(true, true), known: true })
    expect(classifyLicence('(MIT OR Apache-2.0) AND CC-BY-NC-SA-4.0')).toEqual({ use: 'non-commercial', attribution: true, shareAlike: true, known: true })
  })

  it('WITH keeps the licence class: an exception only adds permissions', () => {
    expect(classifyLicence('GPL-2.0-or-later WITH Classpath-exception-2.0')).toEqual({ ...commercial(true, true), known: true })
    expect(classifyLicence('Apache-2.0 WITH LLVM-exception')).toEqual({ ...commercial(true, false), known: true })
  })

  it('treats `+` as the version named', () => {
    expect(classifyLicence('Apache-2.0+')).toEqual({ ...commercial(true, false), known: true })
  })

  it('mixes SPDX ids and HF names', () => {
    expect(classifyLicence('cc-by-sa-3.0 AND gfdl')).toEqual({ ...commercial(true, true), known: true })
    expect(classifyLicence('Apache-2.0 AND llama3')).toEqual({ ...commercial(true, false), known: true })
  })

  it('an unknown part of an AND makes the result unknown; of an OR only if it could be the better choice', () => {
    expect(classifyLicence('MIT AND LicenseRef-acme')).toEqual({ use: 'unspecified', attribution: true, shareAlike: false, known: false })
    expect(classifyLicence('CC-BY-NC-4.0 AND LicenseRef-acme')).toMatchObject({ use: 'non-commercial', known: false })
    expect(classifyLicence('MIT OR LicenseRef-acme')).toEqual({ ...commercial(true, false), known: true })
    expect(classifyLicence('CC-BY-NC-4.0 OR LicenseRef-acme')).toEqual({ use: 'unspecified', attribution: false, shareAlike: false, known: false })
  })

  it('refuses malformed expressions', () => {
    expect(classifyLicence('MIT AND (Apache-2.0').known).toBe(false)
    expect(classifyLicence('MIT OR').known).toBe(false)
  })

  it('returns a fresh object each time', () => {
    const a = classifyLicence('MIT')
    a.use = 'academic-only'
    expect(classifyLicence('MIT').use).toBe('commercial')
  })
})

describe('mostRestrictive', () => {
  it('orders use commercial < unspecified < non-commercial < academic-only', () => {
    const uses = ['commercial', 'unspecified', 'non-commercial', 'academic-only'] as const
    for (let i = 0; i < uses.length; i++) {
      for (let j = 0; j < uses.length; j++) {
        const result = mostRestrictive([
          { use: uses[i], attribution: false, shareAlike: false },
          { use: uses[j], attribution: false, shareAlike: false },
        ])
        expect(result.use).toBe(uses[Math.max(i, j)])
      }
    }
  })

  it('ORs attribution and share-alike', () => {
    expect(mostRestrictive([commercial(true, false), commercial(false, true)])).toEqual(commercial(true, true))
    expect(mostRestrictive([commercial(false, false), commercial(false, false)])).toEqual(commercial(false, false))
  })

  it('returns unspecified for an empty list', () => {
    expect(mostRestrictive([])).toEqual({ use: 'unspecified', attribution: false, shareAlike: false })
  })

  it('does not mutate or return its input', () => {
    const input = [commercial(true, false)]
    const result = mostRestrictive(input)
    result.shareAlike = true
    expect(input[0]).toEqual(commercial(true, false))
  })
})
