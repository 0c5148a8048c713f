import { afterAll, describe, expect, it } from 'vitest'
import { licenceDenied } from '../../../src/check/rules/licence-denied.js'
import { licenceMismatch } from '../../../src/check/rules/licence-mismatch.js'
import { licenceNotForCommercialUse } from '../../../src/check/rules/licence-not-for-commercial-use.js'
import { licenceUnknown } from '../../../src/check/rules/licence-unknown.js'
import { configAt, DATASET, fileAt, records, removeTempDirs, run, sourceSummary, yaml } from './records.js'

afterAll(removeTempDirs)

/** `- { id: ID, name: ID, kind: open-source, license: LICENCE, paths: ["ID/**"] }` */
function source(id: string, licence?: string): string {
  return `  - { id: ${id}, name: ${id}, kind: open-source,${licence === undefined ? '' : ` license: "${licence}",`} paths: ["${id}/**"] }`
}

describe('LICENCE_UNKNOWN', () => {
  const config = yaml(DATASET, 'sources:', source('a', 'LicenseRef-house-terms'), source('b', 'MIT')) // sources on lines 3 and 4

  it('fires for a declared and a detected licence that tdgov cannot classify', () => {
    const header = {
      sources: [
        sourceSummary('a', { kind: 'open-source', declared: 'LicenseRef-house-terms' }),
        sourceSummary('b', { kind: 'open-source', declared: 'MIT', detected: [{ id: 'other', from: ['b/README.md'] }, { id: 'MIT', from: ['b/LICENSE'] }] }),
      ],
    }
    expect(run(licenceUnknown, records({ config, manifest: { header } }))).toEqual([
      ['LICENCE_UNKNOWN', { source: 'a', kind: 'open-source', licence: 'LicenseRef-house-terms' }, configAt('sources[0]', 3, 5)],
      ['LICENCE_UNKNOWN', { source: 'b', kind: 'open-source', licence: 'other' }, configAt('sources[1]', 4, 5)],
    ])
  })

  it('does not fire when every declared and detected licence is in the table', () => {
    const known = yaml(DATASET, 'sources:', source('a', 'Apache-2.0'), source('b', 'MIT'))
    const header = { sources: [sourceSummary('a', { detected: [{ id: 'Apache-2.0', from: ['a/LICENSE'] }] }), sourceSummary('b', { detected: [{ id: 'CC-BY-4.0', from: ['b/README.md'] }] })] }
    expect(run(licenceUnknown, records({ config: known, manifest: { header } }))).toEqual([])
  })
})

describe('LICENCE_MISMATCH', () => {
  it('fires for a stated licence the declared expression does not name, at the first file stating it', () => {
    const config = yaml(DATASET, 'sources:', source('a', 'MIT'), source('b'))
    const header = {
      sources: [
        sourceSummary('a', { kind: 'open-source', declared: 'MIT', detected: [{ id: 'Apache-2.0', from: ['a/LICENSE', 'a/README.md'] }, { id: 'MIT', from: ['a/README.md'] }] }),
        // nothing declared: no expression to contradict
        sourceSummary('b', { kind: 'open-source', detected: [{ id: 'GPL-3.0-only', from: ['b/COPYING'] }] }),
      ],
    }
    expect(run(licenceMismatch, records({ config, manifest: { header } }))).toEqual([
      ['LICENCE_MISMATCH', { source: 'a', kind: 'open-source', declared: 'MIT', detected: 'Apache-2.0' }, fileAt('a/LICENSE')],
    ])
  })

  it('does not fire when the declared expression names every stated licence', () => {
    const config = yaml(DATASET, 'sources:', source('a', 'MIT OR Apache-2.0'))
    const header = { sources: [sourceSummary('a', { detected: [{ id: 'Apache-2.0', from: ['a/LICENSE'] }, { id: 'MIT', from: ['a/README.md'] }] })] }
    expect(run(licenceMismatch, records({ config, manifest: { header } }))).toEqual([])
  })
})

describe('LICENCE_NOT_FOR_COMMERCIAL_USE', () => {
  const sources = ['sources:', source('nc', 'CC-BY-NC-4.0'), source('acad', 'MIT'), source('ok', 'CC-BY-4.0')] // lines 3, 4, 5
  const header = {
    sources: [
      sourceSummary('nc', { declared: 'CC-BY-NC-4.0' }),
      sourceSummary('acad', { declared: 'MIT', detected: [{ id: 'academic-research-only', from: ['acad/README.md'] }] }),
      sourceSummary('ok', { declared: 'CC-BY-4.0', detected: [{ id: 'CC-BY-4.0', from: ['ok/LICENSE'] }] }),
    ],
  }

  it('fires for a declared non-commercial and a detected academic-only licence in a commercial dataset', () => {
    expect(run(licenceNotForCommercialUse, records({ config: yaml(DATASET, ...sources), manifest: { header } }))).toEqual([
      ['LICENCE_NOT_FOR_COMMERCIAL_USE', { source: 'nc', kind: 'open-source', use: 'non-commercial', licence: 'CC-BY-NC-4.0' }, configAt('sources[0]', 3, 5)],
      ['LICENCE_NOT_FOR_COMMERCIAL_USE', { source: 'acad', kind: 'open-source', use: 'academic-only', licence: 'academic-research-only' }, configAt('sources[1]', 4, 5)],
    ])
  })

  it('does not fire when the dataset is for research', () => {
    const config = yaml('dataset: { name: test set, intended_use: research }', ...sources)
    expect(run(licenceNotForCommercialUse, records({ config, manifest: { header } }))).toEqual([])
  })
})

describe('LICENCE_DENIED', () => {
  const sources = ['sources:', source('a', 'MIT AND GPL-3.0-only'), source('b', 'Apache-2.0')] // lines 3 and 4
  const header = {
    sources: [sourceSummary('a'), sourceSummary('b', { detected: [{ id: 'BSD-3-Clause', from: ['b/LICENSE'] }, { id: 'Apache-2.0', from: ['b/README.md'] }] })],
  }

  it('fires for an id on the deny list (even if also allowed) and a detected id outside the allow list', () => {
    const config = yaml(DATASET, ...sources, 'policy:', '  licences:', '    deny: [GPL-3.0-only]', '    allow: [MIT, Apache-2.0, GPL-3.0-only]')
    expect(run(licenceDenied, records({ config, manifest: { header } }))).toEqual([
      ['LICENCE_DENIED', { source: 'a', licence: 'GPL-3.0-only', list: 'deny' }, configAt('sources[0]', 3, 5)],
      ['LICENCE_DENIED', { source: 'b', licence: 'BSD-3-Clause', list: 'allow' }, configAt('sources[1]', 4, 5)],
    ])
  })

  it('does not fire without policy.licences, or when every id is allowed', () => {
    expect(run(licenceDenied, records({ config: yaml(DATASET, ...sources), manifest: { header } }))).toEqual([])
    const config = yaml(DATASET, ...sources, 'policy:', '  licences:', '    deny: [AGPL-3.0-only]', '    allow: [MIT, Apache-2.0, GPL-3.0-only, BSD-3-Clause]')
    expect(run(licenceDenied, records({ config, manifest: { header } }))).toEqual([])
  })
})
