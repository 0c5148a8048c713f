import { describe, expect, it } from 'vitest'
import type { FileEntry } from '../../src/records/manifest-schema.js'
import { sizeByType } from '../../src/report/type-split.js'

const file = (over: Partial<FileEntry>): FileEntry =>
  ({ path: 'f', bytes: 0, sha256: '0'.repeat(64), format: 'jsonl', compression: null, modality: 'text', findings: [], ...over }) as FileEntry
const options = { z: 2, confidence: 0.95, from: 'derived:test' }

describe('size per type', () => {
  it('estimates a sampled file’s records and bytes per language (hand calculation)', () => {
    // 100 records, 10 analysed: 6 zh, 4 en; 1,000 bytes. Agresti–Coull with z = 2: p̃ = (6 + 2) / (10 + 4),
    // Var = p̃(1 − p̃) / 14 × (1 − 10/100) = 0.0157434…; records 60 ± 2·100·√Var = 34.905…–85.094…;
    // bytes 600 ± 2·1000·√Var = 349.054…–850.945…
    const byType = sizeByType([file({ records: 100, bytes: 1000, content: { records: 10, empty: 0, duplicates: 0, languages: { zh: 6, en: 4 } } as FileEntry['content'] })], options)
    expect(byType.zhText.records).toMatchObject({ kind: 'estimated', value: 60, low: 34, high: 86 })
    expect(byType.zhText.bytes).toMatchObject({ kind: 'estimated', value: 600, low: 349, high: 851 })
    expect(byType.enText.records).toMatchObject({ kind: 'estimated', value: 40 })
    expect(byType.zhText.files).toBe(1)
  })

  it('counts the records per language of a file analysed whole, and still calls its bytes an allocation', () => {
    const byType = sizeByType([file({ records: 10, bytes: 500, content: { records: 10, empty: 0, duplicates: 0, languages: { zh: 6, en: 4 } } as FileEntry['content'] })], options)
    expect(byType.zhText.records).toMatchObject({ kind: 'measured', value: 6 })
    expect(byType.zhText.bytes).toMatchObject({ kind: 'estimated', value: 300, low: 300, high: 300 })
  })

  it('counts media by modality and a file without text as other, all measured', () => {
    const byType = sizeByType([file({ path: 'a.png', modality: 'image', format: 'png', bytes: 70 }), file({ path: 'b.bin', modality: 'other', format: 'binary', bytes: 5 })], options)
    expect(byType.image).toMatchObject({ files: 1, bytes: { kind: 'measured', value: 70 } })
    expect(byType.other).toMatchObject({ files: 1, bytes: { kind: 'measured', value: 5 } })
    expect(byType.video).toMatchObject({ files: 0, bytes: { kind: 'measured', value: 0 } })
  })
})
