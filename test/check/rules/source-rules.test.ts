import { afterAll, describe, expect, it } from 'vitest'
import { baseModelNotFiled } from '../../../src/check/rules/base-model-not-filed.js'
import { sourceContractMissing } from '../../../src/check/rules/source-contract-missing.js'
import { sourceCrawlUndocumented } from '../../../src/check/rules/source-crawl-undocumented.js'
import { sourceGeneratorMissing } from '../../../src/check/rules/source-generator-missing.js'
import { sourceLicenceMissing } from '../../../src/check/rules/source-licence-missing.js'
import { sourceMatchesNothing } from '../../../src/check/rules/source-matches-nothing.js'
import { sourcesTooFew } from '../../../src/check/rules/sources-too-few.js'
import { undeclaredFile } from '../../../src/check/rules/undeclared-file.js'
import { configAt, DATASET, file, fileAt, records, removeTempDirs, run, sourceSummary, yaml } from './records.js'

afterAll(removeTempDirs)

/** One source of each kind that needs a fact, none of them given. */
const UNDOCUMENTED = yaml(
  DATASET, //                                   1
  'sources:', //                                2
  '  - id: open', //                            3
  '    name: open data', //                     4
  '    kind: open-source', //                   5
  '    paths: ["open/**"]', //                  6
  '  - id: crawl', //                           7
  '    name: crawled pages', //                 8
  '    kind: crawled', //                       9
  '    crawl: { robots_respected: true }', //   10
  '    paths: ["crawl/**"]', //                 11
  '  - id: bought', //                          12
  '    name: bought data', //                   13
  '    kind: commercial', //                    14
  '    paths: ["bought/**"]', //                15
  '  - id: gen', //                             16
  '    name: generated data', //                17
  '    kind: synthetic', //                     18
  '    paths: ["gen/**"]', //                   19
)

/** The same sources with every fact their kinds need (a crawl covered by a contract, not a licence). */
const DOCUMENTED = yaml(
  DATASET,
  'sources:',
  '  - { id: open, name: open data, kind: open-source, license: MIT, paths: ["open/**"] }',
  '  - id: crawl',
  '    name: crawled pages',
  '    kind: crawled',
  '    contract: "crawl agreement 7"',
  '    crawl: { robots_respected: true, opt_out_respected: false }',
  '    paths: ["crawl/**"]',
  '  - { id: bought, name: bought data, kind: commercial, contract: PO-7, paths: ["bought/**"] }',
  '  - { id: gen, name: generated data, kind: synthetic, synthetic: { generator: model-x }, paths: ["gen/**"] }',
  '  - { id: mine, name: own data, kind: self-collected, paths: ["mine/**"] }',
)

describe('SOURCE_LICENCE_MISSING', () => {
  it('fires for the open-source and the crawled source with neither licence nor contract, not for the commercial one', () => {
    expect(run(sourceLicenceMissing, records({ config: UNDOCUMENTED }))).toEqual([
      ['SOURCE_LICENCE_MISSING', { source: 'open', kind: 'open-source' }, configAt('sources[0]', 3, 5)],
      ['SOURCE_LICENCE_MISSING', { source: 'crawl', kind: 'crawled' }, configAt('sources[1]', 7, 5)],
    ])
  })

  it('does not fire when a licence or a contract is declared', () => {
    expect(run(sourceLicenceMissing, records({ config: DOCUMENTED }))).toEqual([])
  })
})

describe('SOURCE_CONTRACT_MISSING', () => {
  it('fires for the commercial source without a contract', () => {
    expect(run(sourceContractMissing, records({ config: UNDOCUMENTED }))).toEqual([
      ['SOURCE_CONTRACT_MISSING', { source: 'bought', kind: 'commercial' }, configAt('sources[2]', 12, 5)],
    ])
  })

  it('does not fire when the commercial source names its contract', () => {
    expect(run(sourceContractMissing, records({ config: DOCUMENTED }))).toEqual([])
  })
})

describe('SOURCE_CRAWL_UNDOCUMENTED', () => {
  it('fires for a crawled source that says nothing about opt-outs', () => {
    expect(run(sourceCrawlUndocumented, records({ config: UNDOCUMENTED }))).toEqual([
      ['SOURCE_CRAWL_UNDOCUMENTED', { source: 'crawl', kind: 'crawled' }, configAt('sources[1]', 7, 5)],
    ])
  })

  it('fires for a crawled source without any crawl facts', () => {
    const config = yaml(DATASET, 'sources:', '  - { id: web, name: web, kind: crawled, license: MIT, paths: ["web/**"] }')
    expect(run(sourceCrawlUndocumented, records({ config }))).toEqual([['SOURCE_CRAWL_UNDOCUMENTED', { source: 'web', kind: 'crawled' }, configAt('sources[0]', 3, 5)]])
  })

  it('does not fire when both robots.txt and opt-outs are answered (false is an answer)', () => {
    expect(run(sourceCrawlUndocumented, records({ config: DOCUMENTED }))).toEqual([])
  })
})

describe('SOURCE_GENERATOR_MISSING', () => {
  it('fires for a synthetic source that names no generator', () => {
    expect(run(sourceGeneratorMissing, records({ config: UNDOCUMENTED }))).toEqual([
      ['SOURCE_GENERATOR_MISSING', { source: 'gen', kind: 'synthetic' }, configAt('sources[3]', 16, 5)],
    ])
  })

  it('does not fire when the generator is named', () => {
    expect(run(sourceGeneratorMissing, records({ config: DOCUMENTED }))).toEqual([])
  })
})

describe('BASE_MODEL_NOT_FILED', () => {
  const config = yaml(
    DATASET, //                    1
    'base_models:', //             2
    '  - name: filed-model', //    3
    '    filing_number: F-0001', //4
    '  - name: unfiled-model', //  5
    '    version: "2"', //         6
  )

  it('fires for the base model without a filing number', () => {
    expect(run(baseModelNotFiled, records({ config }))).toEqual([['BASE_MODEL_NOT_FILED', { model: 'unfiled-model' }, configAt('base_models[1]', 5, 5)]])
  })

  it('does not fire when every base model is filed', () => {
    const filed = yaml(DATASET, 'base_models:', '  - { name: filed-model, filing_number: F-0001 }')
    expect(run(baseModelNotFiled, records({ config: filed }))).toEqual([])
  })
})

describe('UNDECLARED_FILE', () => {
  const config = yaml(DATASET, 'sources:', '  - { id: a, name: a, kind: self-collected, paths: ["a/**"] }')

  it('fires for each data file of no source, not for documentation outside every source', () => {
    const files = [
      file('NOTES.md', null, { format: 'document', modality: 'other' }),
      file('a/1.jsonl', 'a'),
      file('extra/x.jsonl', null),
      file('extra/y.png', null, { format: 'png', modality: 'image' }),
    ]
    expect(run(undeclaredFile, records({ config, manifest: { files } }))).toEqual([
      ['UNDECLARED_FILE', {}, fileAt('extra/x.jsonl')],
      ['UNDECLARED_FILE', {}, fileAt('extra/y.png')],
    ])
  })

  it('does not fire when every data file has a source', () => {
    const files = [file('README.md', null, { format: 'document', modality: 'other' }), file('a/1.jsonl', 'a'), file('a/2.csv', 'a', { format: 'csv', modality: 'tabular' })]
    expect(run(undeclaredFile, records({ config, manifest: { files } }))).toEqual([])
  })

  it('does not fire without a tdgov.yaml (CONFIG_MISSING says so instead)', () => {
    expect(run(undeclaredFile, records({ config: null, manifest: { files: [file('x.jsonl', null)] } }))).toEqual([])
  })
})

describe('SOURCE_MATCHES_NOTHING', () => {
  const config = yaml(
    DATASET, //                                 1
    'sources:', //                              2
    '  - id: a', //                             3
    '    name: a', //                           4
    '    kind: self-collected', //              5
    '    paths: ["a/**"]', //                   6
    '  - id: b', //                             7
    '    name: b', //                           8
    '    kind: self-collected', //              9
    '    paths: ["b/*.jsonl", "b/*.csv"]', //   10
    '  - id: c', //                             11
    '    name: c', //                           12
    '    kind: self-collected', //              13
    '    paths: ["c/**"]', //                   14
  )

  it('fires for a source with no files and one the manifest does not list, at its paths', () => {
    const header = { sources: [sourceSummary('a', { files: 2 }), sourceSummary('b', { files: 0 })] }
    expect(run(sourceMatchesNothing, records({ config, manifest: { header } }))).toEqual([
      ['SOURCE_MATCHES_NOTHING', { source: 'b', paths: ['b/*.jsonl', 'b/*.csv'] }, configAt('sources[1].paths', 10, 12)],
      ['SOURCE_MATCHES_NOTHING', { source: 'c', paths: ['c/**'] }, configAt('sources[2].paths', 14, 12)],
    ])
  })

  it('does not fire when every source has files', () => {
    const header = { sources: ['a', 'b', 'c'].map((id) => sourceSummary(id, { files: 1 })) }
    expect(run(sourceMatchesNothing, records({ config, manifest: { header } }))).toEqual([])
  })
})

describe('SOURCES_TOO_FEW', () => {
  const sources = ['sources:', '  - { id: a, name: a, kind: self-collected, paths: ["a/**"] }', '  - { id: b, name: b, kind: self-collected, paths: ["b/**"] }']
  const diversity = [
    { modality: 'text', language: 'en', sources: ['a', 'b'] },
    { modality: 'text', language: 'zh', sources: ['a'] },
    { modality: 'image', language: null, sources: ['b'] },
  ]

  it('fires for each cell under the default of 2 sources, pointing at tdgov.yaml', () => {
    const top = { kind: 'config', path: 'tdgov.yaml', line: 1, column: 1 }
    expect(run(sourcesTooFew, records({ config: yaml(DATASET, ...sources), manifest: { header: { diversity } } }))).toEqual([
      ['SOURCES_TOO_FEW', { modality: 'text', language: 'zh', count: 1, sources: ['a'], min: 2 }, top],
      ['SOURCES_TOO_FEW', { modality: 'image', count: 1, sources: ['b'], min: 2 }, top],
    ])
  })

  it('counts against policy.min_sources_per_cell, pointing at it', () => {
    const config = yaml(DATASET, ...sources, 'policy:', '  min_sources_per_cell: 3') // the policy value is on line 6
    const at = configAt('policy.min_sources_per_cell', 6, 25)
    expect(run(sourcesTooFew, records({ config, manifest: { header: { diversity } } }))).toEqual([
      ['SOURCES_TOO_FEW', { modality: 'text', language: 'en', count: 2, sources: ['a', 'b'], min: 3 }, at],
      ['SOURCES_TOO_FEW', { modality: 'text', language: 'zh', count: 1, sources: ['a'], min: 3 }, at],
      ['SOURCES_TOO_FEW', { modality: 'image', count: 1, sources: ['b'], min: 3 }, at],
    ])
  })

  it('does not fire when every cell has enough sources', () => {
    const enough = [
      { modality: 'text', language: 'en', sources: ['a', 'b'] },
      { modality: 'image', language: null, sources: ['a', 'b'] },
    ]
    expect(run(sourcesTooFew, records({ config: yaml(DATASET, ...sources), manifest: { header: { diversity: enough } } }))).toEqual([])
  })
})
