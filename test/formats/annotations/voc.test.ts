import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { vocAdapter } from '../../../src/formats/annotations/voc.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

function writeVoc(content: string, name: string): string {
  const dir = makeTempDir()
  writeTree(dir, { [name]: content })
  return path.join(dir, name)
}

async function collect(file: string): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of vocAdapter.read(file, { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

async function readVoc(content: string, name = 'image.xml'): Promise<{ file: string; items: AnnotationItem[] }> {
  const file = writeVoc(content, name)
  return { file, items: await collect(file) }
}

async function readError(content: string): Promise<{ file: string; message: string }> {
  const file = writeVoc(content, 'bad.xml')
  const error: unknown = await collect(file).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return { file, message: (error as UserError).message }
}

function object(name: string, extra = ''): string {
  return `<object><name>${name}</name><pose>Unspecified</pose><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox>${extra}</object>`
}

describe('Pascal VOC adapter', () => {
  it('reads one item per file: filename as id, object names in order, size in the preview', async () => {
    const { file, items } = await readVoc(
      `<?xml version="1.0"?>\n<annotation>\n<folder>imgs</folder>\n<filename>a.jpg</filename>\n<size><width>640</width><height>480</height><depth>3</depth></size>\n${object('dog')}\n${object('cat')}\n${object('dog')}\n</annotation>\n`,
    )
    expect(items).toEqual([{ item_id: 'a.jpg', annotator: null, labels: ['dog', 'cat', 'dog'], source_file: file, location: 'objects 1-3', preview: 'a.jpg 640x480' }])
  })

  it('keeps <part> names out of the labels', async () => {
    const { items } = await readVoc(`<annotation><filename>p.jpg</filename>${object('person', '<part><name>head</name></part><part><name>hand</name></part>')}</annotation>`)
    expect(items[0]!.labels).toEqual(['person'])
    expect(items[0]!.location).toBe('object 1')
  })

  it('never outputs <path>, <folder> or <owner>: the annotator stays null', async () => {
    const { file, items } = await readVoc(
      `<annotation><folder>/home/alice/private</folder><filename>x.png</filename><path>/home/alice/private/x.png</path><owner><flickrid>alice</flickrid><name>Alice Example</name></owner>${object('car')}</annotation>`,
    )
    expect(items[0]!.annotator).toBeNull()
    const { source_file, ...rest } = items[0]!
    expect(source_file).toBe(file)
    const text = JSON.stringify(rest)
    expect(text).not.toContain('alice')
    expect(text).not.toContain('Alice')
    expect(text).not.toContain('/home')
  })

  it('falls back to the file stem without <filename>, and strips directories from a path-like filename', async () => {
    expect((await readVoc(`<annotation>${object('a')}</annotation>`, 'frame_007.xml')).items[0]!.item_id).toBe('frame_007')
    const { items } = await readVoc(`<annotation><filename>C:\\Users\\bob\\pics\\b.jpg</filename>${object('a')}</annotation>`)
    expect(items[0]!.item_id).toBe('b.jpg')
    expect(items[0]!.preview).toBe('b.jpg')
  })

  it('reads an image without objects as an item with no labels', async () => {
    const { items } = await readVoc('<annotation><filename>empty.jpg</filename><size><width>1</width><height>2</height></size></annotation>')
    expect(items).toEqual([expect.objectContaining({ item_id: 'empty.jpg', labels: [], location: 'annotation', preview: 'empty.jpg 1x2' })])
  })

  it('decodes entities and CDATA, and skips a byte-order mark, comments and a DOCTYPE', async () => {
    const { items } = await readVoc(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE annotation>\n<!-- made by hand -->\n<annotation><filename>R&amp;D.jpg</filename><object><name><![CDATA[fish & chips]]></name></object><object><name> spaced </name></object></annotation>',
    )
    expect(items[0]!.item_id).toBe('R&D.jpg')
    expect(items[0]!.labels).toEqual(['fish & chips', 'spaced'])
  })

  it('streams files larger than one read chunk', async () => {
    const objects = Array.from({ length: 3000 }, (_, i) => object(i % 3 === 0 ? 'a' : 'b')).join('\n')
    expect(objects.length).toBeGreaterThan(3 * 64 * 1024)
    const { items } = await readVoc(`<annotation><filename>big.jpg</filename>\n${objects}\n</annotation>`)
    expect(items[0]!.labels).toHaveLength(3000)
    expect(items[0]!.labels.filter((l) => l === 'a')).toHaveLength(1000)
    expect(items[0]!.location).toBe('objects 1-3000')
  })

  it('rejects malformed XML with file, line and column', async () => {
    const { file, message } = await readError('<annotation>\n<filename>a.jpg</filename>\n<object><name>x</name>\n</annotation>\n')
    expect(message).toMatch(new RegExp(`^${escape(file)}:4:\\d+: not well-formed XML \\(.+\\)$`))
  })

  it('rejects an empty file', async () => {
    const { file, message } = await readError('')
    expect(message.startsWith(`${file}:`)).toBe(true)
    expect(message).toContain('not well-formed XML')
  })

  it('rejects another root element, naming what was expected', async () => {
    const { file, message } = await readError('<?xml version="1.0"?>\n<annotations><version>1.1</version></annotations>')
    expect(message).toBe(`${file}:2: expected a Pascal VOC <annotation> root element, found <annotations>`)
  })

  it('rejects an <object> without <name>, at the line of the object', async () => {
    const { file, message } = await readError('<annotation>\n<filename>a.jpg</filename>\n<object>\n<bndbox/>\n</object>\n</annotation>')
    expect(message).toBe(`${file}:3: <object> has no <name> (expected <object><name>label</name>…</object>)`)
  })

  describe('sniff', () => {
    const voc = '<?xml version="1.0"?>\n<annotation>\n  <folder>x</folder>\n  <filename>a.jpg</filename>\n'
    it('claims .xml files whose root is <annotation> with <filename> or <object>', () => {
      expect(vocAdapter.sniff('a/b.xml', voc)).toBe(true)
      expect(vocAdapter.sniff('a/b.XML', '<!-- c --><annotation><object><name>x</name></object>')).toBe(true)
    })
    it('refuses other extensions, other roots, and <annotation> without VOC elements', () => {
      expect(vocAdapter.sniff('a/b.txt', voc)).toBe(false)
      expect(vocAdapter.sniff('a/b.xml', '<annotations><version>1.1</version><meta/></annotations>')).toBe(false)
      expect(vocAdapter.sniff('a/b.xml', '<annotation><text>hello</text></annotation>')).toBe(false)
      expect(vocAdapter.sniff('a/b.xml', '{"annotation": 1}')).toBe(false)
    })
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
