import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readJsonArrayElements, type ArrayElement } from '../../../src/formats/annotations/json-array-stream.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

async function elements(content: string | Buffer): Promise<ArrayElement[]> {
  const file = path.join(makeTempDir(), 'export.json')
  writeFileSync(file, content)
  const out: ArrayElement[] = []
  for await (const element of readJsonArrayElements(file)) out.push(element)
  return out
}

async function failure(content: string): Promise<string> {
  try {
    await elements(content)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message.replace(/^.*export\.json: /, '')
  }
  throw new Error('expected the array to be refused')
}

describe('readJsonArrayElements', () => {
  it('yields each element parsed, with its index and byte offset', async () => {
    const found = await elements('\uFEFF [ {"a": [1, {"b": "]}"}]}, "x,y", 3 ,null,\n[[]] ]\n')
    expect(found.map((e) => e.value)).toEqual([{ a: [1, { b: ']}' }] }, 'x,y', 3, null, [[]]])
    expect(found.map((e) => e.index)).toEqual([0, 1, 2, 3, 4])
    expect(found[0]!.offset).toBe(6) // after the 3-byte BOM, " [ "
  })

  it('handles escaped quotes and backslashes inside strings', async () => {
    const found = await elements(String.raw`[{"t": "say \"hi\" \\"}, "\\", "a\"]"]`)
    expect(found.map((e) => e.value)).toEqual([{ t: 'say "hi" \\' }, '\\', 'a"]'])
  })

  it('reads elements that span many read chunks, with multi-byte text split between them', async () => {
    const tasks = Array.from({ length: 300 }, (_, i) => ({ id: i, data: { text: `任务 ${i} ${'数据标注'.repeat(2000)}` } }))
    const found = await elements(JSON.stringify(tasks))
    expect(found).toHaveLength(300)
    expect(found.map((e) => e.value)).toEqual(tasks)
  })

  it('reads an empty array as no elements', async () => {
    expect(await elements(' [ ] ')).toEqual([])
  })

  it('refuses what is not one well-formed array, naming the byte or the element', async () => {
    expect(await failure('{"a": 1}')).toBe('byte 0: expected a JSON array ("[")')
    expect(await failure('[1, 2')).toBe('byte 5: expected the array to be closed ("]"); the file may be truncated')
    expect(await failure('[1,]')).toBe('byte 3: expected an array element')
    expect(await failure('[1] x')).toBe('byte 4: expected nothing after the closing "]"')
    expect(await failure('[{"a": 1}, {"a": }]')).toMatch(/^element #2 \(byte 11\): not valid JSON/)
    expect(await failure('')).toBe('byte 0: expected a JSON array ("[")')
  })
})
