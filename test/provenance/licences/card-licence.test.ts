import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cardLicence, classifyLicence, licencesFromCard, licencesFromCroissant, normaliseLicence } from '../../../src/provenance/licences/index.js'

const SHARED = path.resolve(import.meta.dirname, '../../../../shared')
const METADATA = path.join(SHARED, 'corpus', 'metadata')

const card = (frontMatter: string, body = '# Dataset Card\n'): string => `---\n${frontMatter}\n---\n${body}`

describe('licencesFromCard', () => {
  it('reads a single licence, normalised and classified as the Hub means it', () => {
    const licences = licencesFromCard(card('pretty_name: Demo\nlicense: cc-by-nc-4.0\nlanguage: [en]'))
    expect(licences).toEqual(['cc-by-nc-4.0'])
    expect(normaliseLicence(licences![0])).toEqual({ id: 'CC-BY-NC-4.0', spdx: true })
    expect(classifyLicence(licences![0])).toEqual({ use: 'non-commercial', attribution: true, shareAlike: false, known: true })
  })

  it('reads a list, in order, raw', () => {
    expect(licencesFromCard(card('license:\n- cc-by-sa-3.0\n- gfdl'))).toEqual(['cc-by-sa-3.0', 'gfdl'])
    expect(licencesFromCard(card('license: [MIT, " Apache 2.0 "]'))).toEqual(['MIT', 'Apache 2.0'])
  })

  it('reads the legacy `licenses` key of pre-2022 cards', () => {
    expect(licencesFromCard(card('licenses:\n- cc-by-4.0'))).toEqual(['cc-by-4.0'])
  })

  it('gives license_name and license_link alongside `other`', () => {
    expect(cardLicence(card('license: other\nlicense_name: acme-data-1.0\nlicense_link: LICENSE.md'))).toEqual({
      licences: ['other'],
      name: 'acme-data-1.0',
      link: 'LICENSE.md',
    })
  })

  it('accepts CRLF, a byte-order mark and blank lines before the front matter', () => {
    expect(licencesFromCard('\uFEFF\r\n---\r\nlicense: mit\r\n---\r\n# Card\r\n')).toEqual(['mit'])
  })

  it('returns an empty list for a licence key without a usable value', () => {
    expect(licencesFromCard(card('license:'))).toEqual([])
    expect(licencesFromCard(card('license: []'))).toEqual([])
    expect(licencesFromCard(card('license: {license}'))).toEqual([])
  })

  it('returns null without front matter or without a licence key', () => {
    expect(licencesFromCard('# Just a README\n\nlicense: mit\n')).toBeNull()
    expect(licencesFromCard('')).toBeNull()
    expect(licencesFromCard(card('pretty_name: Demo'))).toBeNull()
    expect(licencesFromCard('---\nlicense: mit\n')).toBeNull()
  })

  it('returns null for malformed YAML or front matter that is not a mapping, without throwing', () => {
    expect(licencesFromCard(card('license: [mit\nlanguage: en'))).toBeNull()
    expect(licencesFromCard(card('- mit\n- apache-2.0'))).toBeNull()
    expect(licencesFromCard(card('license: "unterminated'))).toBeNull()
    expect(licencesFromCard(card('a: &x [*x]'))).toBeNull()
  })

  it('lets a later duplicate key win, as PyYAML does', () => {
    expect(licencesFromCard(card('license: mit\nlicense: apache-2.0'))).toEqual(['apache-2.0'])
  })
})

describe('licencesFromCroissant', () => {
  const base = { '@context': { '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' }, '@type': 'sc:Dataset', conformsTo: 'http://mlcommons.org/croissant/1.1' }

  it('reads a string, a URL, a list and licence objects', () => {
    expect(licencesFromCroissant({ ...base, license: 'cc-by-4.0' })).toEqual(['cc-by-4.0'])
    expect(licencesFromCroissant({ ...base, license: 'https://creativecommons.org/licenses/by/4.0/' })).toEqual(['https://creativecommons.org/licenses/by/4.0/'])
    expect(licencesFromCroissant({ ...base, license: ['mit', { '@type': 'sc:CreativeWork', name: 'CC BY 4.0', url: 'https://example.org/terms' }] })).toEqual(['mit', 'CC BY 4.0'])
    expect(licencesFromCroissant({ ...base, license: { name: 'Custom terms', url: 'https://creativecommons.org/licenses/by-sa/4.0/' } })).toEqual(['https://creativecommons.org/licenses/by-sa/4.0/'])
    expect(licencesFromCroissant({ ...base, license: { name: 'Acme terms', url: 'https://acme.example/terms' } })).toEqual(['https://acme.example/terms'])
  })

  it('recognises Croissant by conformsTo or by its @context alone', () => {
    expect(licencesFromCroissant({ '@context': { cr: 'http://mlcommons.org/croissant/' }, license: 'mit' })).toEqual(['mit'])
    expect(licencesFromCroissant({ conformsTo: ['http://mlcommons.org/croissant/1.0'], license: 'mit' })).toEqual(['mit'])
  })

  it('returns null for other JSON-LD, non-objects and a missing licence', () => {
    expect(licencesFromCroissant({ '@context': 'https://schema.org/', '@type': 'Dataset', license: 'mit' })).toBeNull()
    expect(licencesFromCroissant({ ...base })).toBeNull()
    expect(licencesFromCroissant(null)).toBeNull()
    expect(licencesFromCroissant('license: mit')).toBeNull()
    expect(licencesFromCroissant([base])).toBeNull()
  })
})

describe.skipIf(!existsSync(METADATA))('cards and Croissant files in ../shared/corpus/metadata (needs ../shared)', () => {
  // Facts from corpus/MANIFEST.md ("facts a test can assert").
  const cards: Record<string, { licences: string[]; ids: string[] }> = {
    squad: { licences: ['cc-by-4.0'], ids: ['CC-BY-4.0'] },
    conll2003: { licences: ['other'], ids: ['other'] },
    wikitext: { licences: ['cc-by-sa-3.0', 'gfdl'], ids: ['CC-BY-SA-3.0', 'gfdl'] },
    emotion: { licences: ['unknown'], ids: ['unknown'] },
    sample_datasetcard_simple: { licences: ['bsd-3-clause'], ids: ['BSD-3-Clause'] },
  }
  const croissants: Record<string, { licences: string[]; id: string }> = {
    '1.0/dices-350': { licences: ['cc-by-sa-4.0'], id: 'CC-BY-SA-4.0' },
    '1.0/simple-parquet': { licences: ['https://creativecommons.org/licenses/by/4.0/'], id: 'CC-BY-4.0' },
    '1.1/huggingface-squad_v2': { licences: ['https://choosealicense.com/licenses/cc-by-sa-4.0/'], id: 'CC-BY-SA-4.0' },
  }

  it('covers every card in the corpus', () => {
    expect(readdirSync(path.join(METADATA, 'hf-dataset-cards')).sort()).toEqual(Object.keys(cards).sort())
  })

  it.each(Object.entries(cards))('hf-dataset-cards/%s/README.md', (name, expected) => {
    const licences = licencesFromCard(readFileSync(path.join(METADATA, 'hf-dataset-cards', name, 'README.md'), 'utf8'))
    expect(licences).toEqual(expected.licences)
    expect(licences!.map((l) => normaliseLicence(l).id)).toEqual(expected.ids)
  })

  it("does not crash on the Hub's card template, whose front matter PyYAML refuses", () => {
    const template = readFileSync(path.join(METADATA, 'hf-licenses', 'hub-docs_datasetcard-template.md'), 'utf8')
    const licences = licencesFromCard(template)
    // Placeholders (`license: {license}`) are not licences; either outcome is fine, a throw is not.
    expect(licences === null || licences.length === 0).toBe(true)
  })

  it.each(Object.entries(croissants))('croissant/%s/metadata.json', (name, expected) => {
    const doc: unknown = JSON.parse(readFileSync(path.join(METADATA, 'croissant', name, 'metadata.json'), 'utf8'))
    const licences = licencesFromCroissant(doc)
    expect(licences).toEqual(expected.licences)
    expect(normaliseLicence(licences![0])).toEqual({ id: expected.id, spdx: true })
  })

  it('finds no Croissant licence in the SPDX documents next to them', () => {
    const spdxDir = path.join(METADATA, 'spdx', 'examples')
    for (const file of readdirSync(spdxDir)) {
      expect(licencesFromCroissant(JSON.parse(readFileSync(path.join(spdxDir, file), 'utf8'))), file).toBeNull()
    }
  })
})
