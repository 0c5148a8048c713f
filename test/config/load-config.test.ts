import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/records/load-config.js'

const valid = `
dataset:
  name: demo
  intended_use: commercial
sources:
  - id: wiki
    name: Wikipedia
    kind: open-source
    license: CC-BY-SA-4.0
    acquired: { from: 2024-01-01, to: 2024-03-31 }
    paths: ["wiki/**"]
`

function errorOf(text: string): string {
  try {
    parseConfig(text, 'tdgov.yaml')
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the configuration to be refused')
}

describe('parseConfig', () => {
  it('reads a valid configuration, filling defaults and keeping dates as written', () => {
    const config = parseConfig(valid, 'tdgov.yaml')
    expect(config.version).toBe(1)
    expect(config.sources[0]!.acquired).toEqual({ from: '2024-01-01', to: '2024-03-31' })
    expect(config.excludes).toEqual([])
    expect(config.base_models).toEqual([])
  })

  it('names the file, line, YAML path and the allowed values for a bad enum', () => {
    expect(errorOf(valid.replace('kind: open-source', 'kind: scraped'))).toBe(
      'tdgov.yaml:8:11: sources[0].kind: expected one of open-source, self-collected, crawled, commercial, user-input, synthetic, other',
    )
  })

  it('says what is missing and where its parent is', () => {
    expect(errorOf(valid.replace('    name: Wikipedia\n', ''))).toMatch(/^tdgov\.yaml:6:5: sources\[0\]\.name: missing; expected a string$/)
  })

  it('says what was found where another kind of value was expected', () => {
    expect(errorOf(valid.replace('paths: ["wiki/**"]', 'paths: "wiki/**"'))).toMatch(/^tdgov\.yaml:\d+:\d+: sources\[0\]\.paths: expected a list, found a string$/)
    expect(errorOf(valid.replace('paths: ["wiki/**"]', 'paths:'))).toMatch(/sources\[0\]\.paths: expected a list, found nothing$/)
    expect(errorOf('dataset:\n  name: d\n  intended_use: research\nsources:\n  id: a\n')).toMatch(/^tdgov\.yaml:5:3: sources: expected a list, found a mapping$/)
  })

  it('refuses unknown keys, naming them', () => {
    // the problem is placed at the unknown key itself, with the nearest allowed key as a suggestion
    expect(errorOf(valid.replace('    kind:', '    knd: x\n    kind:'))).toMatch(/^tdgov\.yaml:8:\d+: sources\[0\]\.knd: unknown key "knd"; did you mean "kind"\?$/)
    // far from every allowed key: no guess, the allowed keys are listed instead
    expect(errorOf(valid.replace('    kind:', '    zzzzzz: x\n    kind:'))).toMatch(/^tdgov\.yaml:8:\d+: sources\[0\]\.zzzzzz: unknown key "zzzzzz"; expected one of .*\bkind\b.*$/)
  })

  it('refuses duplicate source ids', () => {
    const twice = valid + `  - id: wiki\n    name: Other\n    kind: other\n    paths: ["x/**"]\n`
    expect(errorOf(twice)).toMatch(/^tdgov\.yaml:12:9: sources\[1\]\.id: "wiki" is already the id of sources\[0\]; expected unique ids$/)
  })

  it('refuses a licence that is not an SPDX expression and suggests one', () => {
    expect(errorOf(valid.replace('CC-BY-SA-4.0', 'Apache 2'))).toMatch(/sources\[0\]\.license: "Apache 2" is not an SPDX licence expression; did you mean "Apache-2.0"\?$/)
  })

  it('reports YAML syntax errors with their position', () => {
    expect(errorOf('dataset:\n  name: [demo\n')).toMatch(/^tdgov\.yaml:\d+:\d+: not valid YAML: /)
  })

  it('treats an empty file as a configuration without the required dataset', () => {
    expect(errorOf('')).toMatch(/^tdgov\.yaml: dataset: missing; expected an object$|^tdgov\.yaml.*dataset/)
  })
})
