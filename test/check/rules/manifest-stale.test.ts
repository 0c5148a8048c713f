import { afterAll, describe, expect, it } from 'vitest'
import { manifestStale } from '../../../src/check/rules/manifest-stale.js'
import { build, DATASET, records, removeTempDirs, run, yaml } from './records.js'

afterAll(removeTempDirs)

const CONFIG = yaml(DATASET)
const DATASET_AT = { kind: 'dataset' }
const NO_CHANGES = { added: [], removed: [], changed: [] }

describe('MANIFEST_STALE: tdgov.yaml', () => {
  it('fires when tdgov.yaml is not the one the manifest was checked against (first 12 hex digits of each)', () => {
    const { records: r, configSha256 } = build({ config: CONFIG, manifest: { header: { config: { file: 'tdgov.yaml', sha256: 'a'.repeat(64) } } } })
    expect(run(manifestStale, r)).toEqual([['MANIFEST_STALE', { config: true, recorded: 'aaaaaaaaaaaa', current: configSha256!.slice(0, 12) }, DATASET_AT]])
  })

  it('fires when the manifest was written without a tdgov.yaml and one exists now, and the other way round', () => {
    const { records: added, configSha256 } = build({ config: CONFIG, manifest: { header: { config: null } } })
    expect(run(manifestStale, added)).toEqual([['MANIFEST_STALE', { config: true, recorded: 'none', current: configSha256!.slice(0, 12) }, DATASET_AT]])
    const removed = records({ config: null, manifest: { header: { config: { file: 'tdgov.yaml', sha256: 'b'.repeat(64) } } } })
    expect(run(manifestStale, removed)).toEqual([['MANIFEST_STALE', { config: true, recorded: 'bbbbbbbbbbbb', current: 'none' }, DATASET_AT]])
  })

  it('does not fire when the manifest names the tdgov.yaml as it is', () => {
    expect(run(manifestStale, records({ config: CONFIG, manifest: {}, changes: NO_CHANGES }))).toEqual([])
    expect(run(manifestStale, records({ config: null, manifest: { header: { config: null } } }))).toEqual([])
  })
})

describe('MANIFEST_STALE: the tree', () => {
  it('fires with the counts of added, removed and changed files and the first three as examples', () => {
    const changes = { added: ['new/1.jsonl', 'new/2.jsonl'], removed: ['gone.jsonl'], changed: ['edited.jsonl'] }
    expect(run(manifestStale, records({ config: CONFIG, manifest: {}, changes }))).toEqual([
      ['MANIFEST_STALE', { added: 2, removed: 1, changed: 1, examples: ['+new/1.jsonl', '+new/2.jsonl', '-gone.jsonl'] }, DATASET_AT],
    ])
  })

  it('fires for a changed file alone', () => {
    expect(run(manifestStale, records({ config: CONFIG, manifest: {}, changes: { added: [], removed: [], changed: ['a.jsonl'] } }))).toEqual([
      ['MANIFEST_STALE', { added: 0, removed: 0, changed: 1, examples: ['~a.jsonl'] }, DATASET_AT],
    ])
  })

  it('reports a stale tdgov.yaml and a changed tree as two findings, the config first', () => {
    const { records: r } = build({ config: CONFIG, manifest: { header: { config: null } }, changes: { added: [], removed: ['x'], changed: [] } })
    expect(run(manifestStale, r).map(([code, args]) => [code, Object.keys(args)])).toEqual([
      ['MANIFEST_STALE', ['config', 'recorded', 'current']],
      ['MANIFEST_STALE', ['added', 'removed', 'changed', 'examples']],
    ])
  })

  it('does not fire when nothing changed, the tree was not compared, or there is no manifest', () => {
    expect(run(manifestStale, records({ config: CONFIG, manifest: {}, changes: NO_CHANGES }))).toEqual([])
    expect(run(manifestStale, records({ config: CONFIG, manifest: {}, changes: null }))).toEqual([])
    expect(run(manifestStale, records({ config: CONFIG, manifest: null, changes: { added: ['x'], removed: [], changed: [] } }))).toEqual([])
  })
})
