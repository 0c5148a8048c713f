import { cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../src/records/manifest-schema.js'
import { REPO_ROOT, runCli } from '../helpers/exec.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'annotations')

interface Expected {
  modality: string
  records: number
  annotation?: Record<string, unknown>
}

describe('tdgov scan over annotation exports (the built CLI)', () => {
  it('records each export with modality annotation and its adapter counts, the rest as before', async () => {
    // A copy, so that nothing above the folder (the repository) is part of the YOLO context.
    const root = path.join(makeTempDir(), 'exports')
    cpSync(FIXTURES, root, { recursive: true })
    const out = path.join(makeTempDir(), 'manifest.json')
    const result = await runCli(['scan', root, '--out', out, '--no-cache'])
    expect(result.status, result.stderr).toBe(0)
    const manifest = JSON.parse(readFileSync(out, 'utf8')) as Manifest

    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected | string>
    for (const [relPath, want] of Object.entries(expected)) {
      if (typeof want === 'string') continue
      const entry = manifest.files.find((f) => f.path === relPath)
      expect(entry, relPath).toBeDefined()
      expect({ path: relPath, modality: entry!.modality, records: entry!.records, annotation: entry!.annotation }).toEqual({
        path: relPath,
        modality: want.modality,
        records: want.records,
        annotation: want.annotation,
      })
    }

    // Totals by modality: the 10 exports of expected.json and their items (1+3+3+1+3+4+3+1+1+1).
    expect(manifest.totals.byModality.annotation).toMatchObject({ files: 10, records: 21 })
    const invalid = manifest.files.flatMap((f) => f.findings).filter((f) => f.code === 'ANNOTATION_EXPORT_INVALID')
    expect(invalid.map((f) => [f.location.kind === 'file' ? f.location.path : '', f.severity])).toEqual([
      ['coco-bad.json', 'warning'],
      ['yolo/labels/frame_0003.txt', 'warning'],
    ])
    expect(invalid[0]!.message).toBe('looks like a coco annotation export but cannot be read as one (annotation 2: image_id 7 is not in "images"); recorded by its plain format instead')
    expect(readFileSync(out, 'utf8')).not.toContain(root)
  })
})
