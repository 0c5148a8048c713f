import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isTooling } from '../../src/formats/detect.js'
import { detectFormat } from '../../src/formats/detect-format.js'
import { annexKeySize, createPointerAnalyzer, detectPointer } from '../../src/formats/pointer.js'
import { analyzeInChunks, analyzerContext } from '../helpers/analyze.js'
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js'

afterAll(removeTempDirs)

/** A pointer as `git lfs pointer --file` writes it (spec v1): version, oid, size, LF line ends. */
const LFS_POINTER = `version https://git-lfs.github.com/spec/v1
oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
size 12345
`

/** A .dvc file as `dvc add data.csv` writes it (DVC 3). */
const dvcFile = (out: string, size: number): string => `outs:
- md5: a304afb96060aad90176268345e10355
  size: ${size}
  hash: md5
  path: ${out}
`

describe('detectPointer', () => {
  it('recognises a Git LFS pointer whatever the file is called', () => {
    expect(detectPointer(Buffer.from(LFS_POINTER), 'data/train-00000-of-00001.parquet')).toBe('lfs-pointer')
    expect(detectPointer(Buffer.from(LFS_POINTER.replace(/\n/g, '\r\n')), 'model.bin')).toBe('lfs-pointer')
  })

  it('wants the version line first and both an oid and a size', () => {
    expect(detectPointer(Buffer.from(LFS_POINTER.replace('size 12345\n', '')), 'a.parquet')).toBeNull()
    expect(detectPointer(Buffer.from(`# notes\n${LFS_POINTER}`), 'notes.txt')).toBeNull()
    // pointer files are below 1024 bytes by the specification
    expect(detectPointer(Buffer.from(LFS_POINTER + 'x'.repeat(1024)), 'a.txt')).toBeNull()
  })

  it('recognises an unlocked git-annex pointer and a .dvc file listing outs', () => {
    expect(detectPointer(Buffer.from('/annex/objects/SHA256E-s1048576--2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae.csv\n'), 'data.csv')).toBe('annex-pointer')
    expect(detectPointer(Buffer.from(dvcFile('data.csv', 10)), 'data.csv.dvc')).toBe('dvc-pointer')
    expect(detectPointer(Buffer.from('stages:\n  train:\n    cmd: python train.py\n'), 'stage.dvc')).toBeNull()
    expect(detectPointer(Buffer.from(dvcFile('data.csv', 10)), 'data.yaml')).toBeNull()
  })
})

describe('annexKeySize', () => {
  it('reads the -s field of a git-annex key', () => {
    expect(annexKeySize('SHA256E-s1048576--2c26b46b.csv')).toBe(1048576)
    expect(annexKeySize('SHA256E-s6-m1700000000--2c26b46b.txt')).toBe(6)
    expect(annexKeySize('URL--https&c%%example.com%data.csv')).toBeUndefined()
    // an "-s" inside the name part (after --) is not the size
    expect(annexKeySize('WORM--file-s99')).toBeUndefined()
  })
})

describe('tooling files', () => {
  it.each(['.gitattributes', '.gitignore', 'sub/.gitignore', '.dvc/config', '.dvc/tmp/lock', '.dvcignore', '.huggingface/upload.json', 'dvc.lock', '.tdgov/cache/x'])(
    '%s is tooling',
    (p) => expect(isTooling(p)).toBe(true),
  )

  it.each(['data/train.csv', 'gitignore.txt', 'my.dvc/file.csv', 'README.md', 'images.dvc'])('%s is not', (p) => expect(isTooling(p)).toBe(false))

  it('is detected as tooling, with no analysis, before any content check', async () => {
    expect(await detectFormat(Buffer.from('*.parquet filter=lfs diff=lfs merge=lfs -text\n'), '.gitattributes', null)).toEqual({ format: 'tooling', compression: null, modality: 'other' })
    expect(await detectFormat(Buffer.from(LFS_POINTER), 'data/a.parquet', null)).toEqual({ format: 'lfs-pointer', compression: null, modality: 'other' })
  })
})

describe('the pointer analyzer', () => {
  it('reports a Git LFS pointer with its declared size, and no records', async () => {
    const analysis = await analyzeInChunks(() => createPointerAnalyzer(analyzerContext(), 'lfs-pointer'), LFS_POINTER, 7)
    expect(analysis).toEqual({ findings: [{ code: 'CONTENT_NOT_PRESENT', args: { kind: 'git-lfs', command: 'git lfs pull', size: 12345 } }] })
  })

  it('reports a .dvc file whose outs are missing, and not one whose outs are beside it', async () => {
    const dir = makeTempDir()
    mkdirSync(path.join(dir, 'images'))
    writeFileSync(path.join(dir, 'images.dvc'), dvcFile('images', 2048))
    writeFileSync(path.join(dir, 'data.csv.dvc'), dvcFile('data.csv', 10))
    const analyse = (name: string): ReturnType<typeof analyzeInChunks> =>
      analyzeInChunks(() => createPointerAnalyzer(analyzerContext({ absPath: path.join(dir, name), relPath: name }), 'dvc-pointer'), dvcFile(name.replace(/\.dvc$/, ''), name === 'images.dvc' ? 2048 : 10))
    expect(await analyse('images.dvc')).toEqual({ findings: [] })
    expect(await analyse('data.csv.dvc')).toEqual({ findings: [{ code: 'CONTENT_NOT_PRESENT', args: { kind: 'dvc', command: 'dvc pull', size: 10 } }] })
  })
})
