import { describe, expect, it } from 'vitest'
import { folderLicences } from '../../src/provenance/folder-licences.js'
import { classifyLicence, mostRestrictive } from '../../src/provenance/licences/index.js'
import type { FileEntry } from '../../src/records/manifest-schema.js'
import { toFileRecord, withFacts, type FileRecord } from '../../src/scan/file-record.js'

function file(path: string, extra: Partial<FileEntry> = {}): FileRecord {
  return toFileRecord({ path, bytes: 100, sha256: '0'.repeat(64), format: 'jsonl', compression: null, modality: 'text', records: 4, findings: [], ...extra })
}

const doc = (path: string, ids: string[], from: 'licence-text' | 'dataset-card' = 'licence-text'): FileRecord =>
  file(path, { format: 'document', modality: 'other', records: undefined, bytes: 10, licence: { from, stated: ids, ids } })

const classify = (ids: readonly string[]) => mostRestrictive(ids.map((id) => classifyLicence(id)))

function licences(files: FileRecord[], unidentified: string[] = []) {
  const sorted = withFacts([...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
  return folderLicences(sorted, sorted.some((f) => f.facts.licence) ? classify : null, new Set(unidentified))
}

// Classes by hand: CC BY-NC 4.0 forbids commercial use and asks for attribution; MIT allows it
// with attribution; CC BY-SA 4.0 allows it, with attribution and share-alike.
describe('folderLicences', () => {
  it('applies a LICENSE to the data files below its folder, and groups a sibling folder without one', () => {
    const result = licences([doc('data/LICENSE', ['CC-BY-NC-4.0']), file('data/a.jsonl'), file('data/deep/b.jsonl'), file('raw/c.jsonl'), file('raw/more/d.jsonl')])
    expect(result).toEqual([
      { folder: 'data', from: ['data/LICENSE'], ids: ['CC-BY-NC-4.0'], use: 'non-commercial', attribution: true, shareAlike: false, files: 2, bytes: 200, records: 8 },
      { folder: 'raw', from: [], ids: [], use: 'unspecified', attribution: false, shareAlike: false, files: 2, bytes: 200, records: 8 },
    ])
  })

  it('lets the nearest statement win, as a sub-folder licence does in a repository', () => {
    const result = licences([doc('README.md', ['MIT'], 'dataset-card'), doc('nc/LICENSE', ['CC-BY-NC-4.0']), file('top.jsonl'), file('nc/x.jsonl'), file('other/y.jsonl')])
    expect(result.map((l) => [l.folder, l.ids, l.use, l.files])).toEqual([
      ['.', ['MIT'], 'commercial', 2],
      ['nc', ['CC-BY-NC-4.0'], 'non-commercial', 1],
    ])
  })

  it('combines the statements of one folder: every one of them binds', () => {
    const [only] = licences([doc('d/LICENSE', ['MIT']), doc('d/README.md', ['CC-BY-SA-4.0'], 'dataset-card'), file('d/x.jsonl')])
    expect(only).toEqual({ folder: 'd', from: ['d/LICENSE', 'd/README.md'], ids: ['CC-BY-SA-4.0', 'MIT'], use: 'commercial', attribution: true, shareAlike: true, files: 1, bytes: 100, records: 4 })
  })

  it('is one "." entry when nothing states a licence, without loading a classifier', () => {
    expect(licences([file('a/x.jsonl'), file('b/y.jsonl'), file('z.jsonl')])).toEqual([
      { folder: '.', from: [], ids: [], use: 'unspecified', attribution: false, shareAlike: false, files: 3, bytes: 300, records: 12 },
    ])
  })

  it('groups loose files beside a licensed folder under their own folder, and counts no documentation', () => {
    const result = licences([doc('lic/LICENSE', ['MIT']), file('lic/x.jsonl'), file('loose.jsonl'), file('notes.md', { format: 'document', modality: 'other' })])
    expect(result.map((l) => [l.folder, l.use, l.files])).toEqual([
      ['.', 'unspecified', 1],
      ['lic', 'commercial', 1],
    ])
  })

  it('calls an unknown licence unspecified, and leaves out a statement that covers no data file', () => {
    const result = licences([doc('x/README.md', ['other'], 'dataset-card'), file('x/a.jsonl'), doc('docs-only/LICENSE', ['MIT'])])
    expect(result).toEqual([{ folder: 'x', from: ['x/README.md'], ids: ['other'], use: 'unspecified', attribution: false, shareAlike: false, files: 1, bytes: 100, records: 4 }])
  })

  it('stops at a licence text nobody could identify: its folder is unspecified, not the licence above it', () => {
    const text = file('custom/LICENSE', { format: 'document', modality: 'other', records: undefined, bytes: 10 })
    const files = [doc('README.md', ['MIT'], 'dataset-card'), text, file('custom/x.jsonl'), file('y.jsonl')]
    expect(licences(files, ['custom/LICENSE']).map((l) => [l.folder, l.from, l.ids, l.use])).toEqual([
      ['.', ['README.md'], ['MIT'], 'commercial'],
      ['custom', ['custom/LICENSE'], [], 'unspecified'],
    ])
    // Beside a known licence in the same folder it still binds: MIT alone would be commercial.
    const both = [doc('d/README.md', ['MIT'], 'dataset-card'), file('d/LICENSE', { format: 'document', modality: 'other', records: undefined }), file('d/x.jsonl')]
    expect(licences(both, ['d/LICENSE']).map((l) => [l.from, l.ids, l.use, l.attribution])).toEqual([[['d/LICENSE', 'd/README.md'], ['MIT'], 'unspecified', true]])
  })
})
