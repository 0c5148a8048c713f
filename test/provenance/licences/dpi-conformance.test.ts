import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyLicence, HF_LICENCE_IDS, normaliseLicence, type LicenceClass, type LicenceUse } from '../../../src/provenance/licences/index.js'

const SHARED = path.resolve(import.meta.dirname, '../../../../shared')
const CORPUS = path.join(SHARED, 'corpus')
const PROVENANCE = path.join(CORPUS, 'provenance')

interface Expected extends LicenceClass {
  from: 'license_classes.json' | 'read'
  dpi?: [string, string, string]
  note?: string
}

const expectedTable = JSON.parse(readFileSync(path.join(import.meta.dirname, 'dpi-expected.json'), 'utf8')) as Record<string, Expected | string>
const expected = Object.fromEntries(Object.entries(expectedTable).filter((e): e is [string, Expected] => !e[0].startsWith('$'))) as Record<string, Expected>

/** DPI's triple → our class; "?" counts as 1, as DPI's own filters.py reads it. */
function fromDpi([use, attribution, shareAlike]: readonly string[]): LicenceClass {
  const uses: Record<string, LicenceUse> = { All: 'commercial', NC: 'non-commercial', Acad: 'academic-only', Unspecified: 'unspecified' }
  return { use: uses[use], attribution: attribution !== '0', shareAlike: shareAlike !== '0' }
}

const classOf = (name: string): LicenceClass => {
  const { use, attribution, shareAlike } = classifyLicence(name)
  return { use, attribution, shareAlike }
}

/**
 * Where tdgov's class for a license_classes.json name differs from DPI's on purpose. DPI's table is
 * not consistent with itself in these places, or reads weak copyleft as no share-alike.
 */
const DELIBERATE_DIFFERENCES: Record<string, string> = {
  MIT: 'DPI gives "MIT" attribution 0 but "MIT License" attribution 1; the MIT licence requires the notice.',
  'CC BY-NC-SA': 'DPI gives the unversioned name share-alike 0, every versioned CC BY-NC-SA share-alike 1.',
  'CC BY-ND 4.0': 'DPI gives share-alike 1; ND forbids adaptations and asks for no share-alike.',
  'LGPL 2.1': 'weak copyleft: changes to the library must be shared under the LGPL, so share-alike.',
  'LGPL 3.0': 'weak copyleft: changes to the library must be shared under the LGPL, so share-alike.',
  'MPL 2.0': 'weak copyleft: changed files must be shared under the MPL, so share-alike.',
  'EPL 1.0': 'weak copyleft: changes must be shared under the EPL, so share-alike.',
  'No License': 'DPI reads it as all uses; without a licence nothing is granted, so tdgov reports unknown.',
}

describe('the expected-class table (test/provenance/licences/dpi-expected.json)', () => {
  it('matches license_classes.json wherever it says it came from there', () => {
    for (const [name, row] of Object.entries(expected)) {
      if (row.from !== 'license_classes.json') {
        expect(row.note, name).toBeTruthy()
        continue
      }
      expect(row.dpi, name).toBeDefined()
      expect({ use: row.use, attribution: row.attribution, shareAlike: row.shareAlike }, name).toEqual(fromDpi(row.dpi!))
    }
  })
})

describe.skipIf(!existsSync(PROVENANCE))('DPI conformance over ../shared/corpus/provenance (needs ../shared)', () => {
  // The describe body runs even when skipped (to collect the test names), so reads are guarded.
  const licenceClasses = existsSync(PROVENANCE)
    ? (JSON.parse(readFileSync(path.join(PROVENANCE, 'constants', 'license_classes.json'), 'utf8')) as Record<string, string[]>)
    : {}

  const summaryStrings = (): string[] => {
    if (!existsSync(PROVENANCE)) return []
    const found = new Set<string>()
    for (const file of readdirSync(PROVENANCE).filter((f) => f.endsWith('.json'))) {
      const summary = JSON.parse(readFileSync(path.join(PROVENANCE, file), 'utf8')) as Record<string, { Licenses?: { License: string }[] }>
      for (const entry of Object.values(summary)) for (const licence of entry.Licenses ?? []) found.add(licence.License)
    }
    return [...found].sort()
  }

  it('has an expected class for every licence string in the summaries, and none besides', () => {
    expect(Object.keys(expected).sort()).toEqual(summaryStrings())
  })

  it('records DPI triples exactly as license_classes.json has them', () => {
    for (const [name, row] of Object.entries(expected)) {
      if (row.from === 'license_classes.json') expect(licenceClasses[name], name).toEqual(row.dpi)
      else expect(licenceClasses[name], name).toBeUndefined()
    }
  })

  it.each(summaryStrings())('%s normalises and classifies as expected', (name) => {
    const row = expected[name]
    expect(normaliseLicence(name).id).not.toBe('')
    expect(classOf(name)).toEqual({ use: row.use, attribution: row.attribution, shareAlike: row.shareAlike })
  })

  it('agrees with every entry of license_classes.json except the deliberate differences', () => {
    const disagreements: string[] = []
    for (const [name, triple] of Object.entries(licenceClasses)) {
      const ours = classOf(name)
      const theirs = fromDpi(triple)
      const same = ours.use === theirs.use && ours.attribution === theirs.attribution && ours.shareAlike === theirs.shareAlike
      if (same === (name in DELIBERATE_DIFFERENCES)) disagreements.push(`${name}: ours ${JSON.stringify(ours)}, DPI ${JSON.stringify(theirs)}`)
    }
    expect(disagreements).toEqual([])
  })

  it('knows every name in license_classes.json, except those that name no terms', () => {
    const unknown = Object.keys(licenceClasses).filter((name) => !classifyLicence(name).known)
    expect(unknown.sort()).toEqual(['No License', 'Unspecified'])
  })
})

describe.skipIf(!existsSync(CORPUS))('Hugging Face licence list (needs ../shared)', () => {
  const listed = (): string[] => {
    if (!existsSync(CORPUS)) return []
    const doc = readFileSync(path.join(CORPUS, 'metadata', 'hf-licenses', 'repositories-licenses.md'), 'utf8')
    const region = doc.slice(doc.indexOf('<!-- region licenses -->'), doc.indexOf('<!-- endregion -->'))
    return [...region.matchAll(/^\|[^|]*\|\s*`([^`]+)`/gm)].map((m) => m[1])
  }

  it('is the list tdgov carries', () => {
    expect(listed()).toHaveLength(83)
    expect(listed()).toEqual(HF_LICENCE_IDS)
  })

  it.each(listed())('%s normalises to a canonical id and is classified', (id) => {
    const normalised = normaliseLicence(id)
    if (id === 'unknown' || id === 'other') {
      expect(normalised).toEqual({ id, spdx: false })
      expect(classifyLicence(id).known).toBe(false)
      return
    }
    expect(normalised.id).not.toBe('unknown')
    expect(classifyLicence(id).known).toBe(true)
  })
})
