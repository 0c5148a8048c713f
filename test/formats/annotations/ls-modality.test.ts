import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { labelStudioAdapter } from '../../../src/formats/annotations/label-studio.js'
import { DEFAULT_COLUMNS } from '../../../src/formats/annotations/item.js'
import { taskModality } from '../../../src/formats/annotations/ls-modality.js'
import { REPO_ROOT } from '../../helpers/exec.js'

const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'annotations', 'label-studio')

describe('what a Label Studio task shows', () => {
  it('takes a media file by its extension, whatever the key', () => {
    expect(taskModality([['img_url', 'https://cdn.example.com/a/b/photo.JPG?sig=1']])).toBe('image')
    expect(taskModality([['x', 's3://bucket/clip.wav']])).toBe('audio')
    expect(taskModality([['x', '/data/upload/3/talk.mp4']])).toBe('video')
  })

  it('else the data key as the templates name it, else prose is text', () => {
    expect(taskModality([['image', 'gs://bucket/object-without-extension']])).toBe('image')
    expect(taskModality([['audio', 'https://example.com/stream']])).toBe('audio')
    expect(taskModality([['text', 'ok']])).toBe('text')
    expect(taskModality([['review', 'Setup took five minutes and everything just worked.']])).toBe('text')
    // a one-word value under an unknown key says nothing; no string at all says nothing
    expect(taskModality([['id', 'abc123']])).toBeNull()
    expect(taskModality([['n', 3], ['flag', true]])).toBeNull()
  })

  it('a sentence that mentions a file name is still text', () => {
    expect(taskModality([['review', 'see photo.jpg for the defect']])).toBe('text')
  })

  it.skipIf(!existsSync(CORPUS))('reads the Label Studio converter’s polygon export as an image task (skipped: ../shared/corpus absent)', async () => {
    const items = []
    for await (const item of labelStudioAdapter.read(path.join(CORPUS, 'test_export_json_min', 'data.json'), { columns: DEFAULT_COLUMNS })) items.push(item)
    expect(items.map((i) => i.modality)).toEqual(['image'])
  })
})
