import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cvatAdapter } from '../../../src/formats/annotations/cvat.js'
import { DEFAULT_COLUMNS, type AnnotationItem } from '../../../src/formats/annotations/item.js'
import { UserError } from '../../../src/util/errors.js'
import { makeTempDir, removeTempDirs, writeTree } from '../../helpers/tmp.js'

afterAll(removeTempDirs)

function writeCvat(content: string): string {
  const dir = makeTempDir()
  writeTree(dir, { 'annotations.xml': content })
  return path.join(dir, 'annotations.xml')
}

async function collect(file: string): Promise<AnnotationItem[]> {
  const items: AnnotationItem[] = []
  for await (const item of cvatAdapter.read(file, { columns: DEFAULT_COLUMNS })) items.push(item)
  return items
}

async function readCvat(content: string): Promise<{ file: string; items: AnnotationItem[] }> {
  const file = writeCvat(content)
  return { file, items: await collect(file) }
}

async function readError(content: string): Promise<{ file: string; message: string }> {
  const file = writeCvat(content)
  const error: unknown = await collect(file).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return { file, message: (error as UserError).message }
}

function person(role: 'owner' | 'assignee', username: string | null): string {
  return username === null ? `<${role}></${role}>` : `<${role}><username>${username}</username><email>${username}@example.com</email></${role}>`
}

function taskExport(owner: string | null, assignee: string | null, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>7</id>
      <name>t</name>
      <segments><segment><id>3</id><start>0</start><stop>1</stop><url>http://cvat/api/jobs/3</url></segment></segments>
      ${person('owner', owner)}
      ${person('assignee', assignee)}
      <labels><label><name>car</name></label></labels>
    </task>
    <dumped>2024-01-01 00:00:00+00:00</dumped>
  </meta>
${body}
</annotations>
`
}

describe('CVAT XML adapter', () => {
  it('reads one item per image, with every shape kind and empty labels kept', async () => {
    const { file, items } = await readCvat(
      taskExport(
        'olga',
        null,
        `  <image id="0" name="frames/a.jpg" width="640" height="480">
    <box label="car" xtl="0" ytl="0" xbr="1" ybr="1"><attribute name="colour">red</attribute></box>
    <polygon label="road" points="0,0;1,1;2,0"/>
    <polyline label="" points="0,0;1,1"/>
    <points label="kp" points="1,1"/>
    <ellipse label="wheel" cx="1" cy="1" rx="1" ry="1"/>
    <cuboid label="truck" xtl1="0"/>
    <mask label="sky" rle="1, 2" left="0" top="0" width="1" height="1"/>
    <skeleton label="body"><points label="knee" points="1,1"/><points label="hip" points="2,2"/></skeleton>
    <tag label="daytime"/>
    <box xtl="0" ytl="0" xbr="1" ybr="1"/>
  </image>
  <image id="1" name="frames/b.jpg" width="10" height="20"></image>`,
      ),
    )
    expect(items).toEqual([
      {
        item_id: 'frames/a.jpg',
        annotator: 'olga',
        labels: ['car', 'road', '', 'kp', 'wheel', 'truck', 'sky', 'body', 'daytime', ''],
        source_file: file,
        location: 'image id=0',
        preview: 'frames/a.jpg 640x480',
      },
      { item_id: 'frames/b.jpg', annotator: 'olga', labels: [], source_file: file, location: 'image id=1', preview: 'frames/b.jpg 10x20' },
    ])
  })

  it('prefers the task assignee to the owner, and never outputs an e-mail address', async () => {
    const { items } = await readCvat(taskExport('olga', 'pavel', '<image id="0" name="a.jpg" width="1" height="1"><tag label="x"/></image>'))
    expect(items[0]!.annotator).toBe('pavel')
    expect(JSON.stringify(items)).not.toContain('@example.com')
  })

  it('gives a null annotator when the task names nobody', async () => {
    const { items } = await readCvat(taskExport(null, null, '<image id="0" name="a.jpg"/>'))
    expect(items[0]!.annotator).toBeNull()
    expect(items[0]!.preview).toBe('a.jpg')
  })

  it('makes project-export ids unique as subset/name and finds each image’s task by task_id', async () => {
    const { items } = await readCvat(`<annotations>
  <version>1.1</version>
  <meta>
    <project>
      <id>3</id>
      <tasks>
        <task><id>39</id><subset>Test</subset>${person('owner', 'owner39')}${person('assignee', null)}</task>
        <task><id>37</id><subset>Train</subset>${person('owner', 'owner37')}${person('assignee', 'anna')}</task>
      </tasks>
      ${person('owner', 'boss')}
      ${person('assignee', null)}
    </project>
  </meta>
  <image id="0" name="img0.jpg" subset="Test" task_id="39" width="8" height="8"><box label="a"/></image>
  <image id="0" name="img0.jpg" subset="Train" task_id="37" width="8" height="8"><box label="b"/></image>
  <image id="1" name="img1.jpg" subset="Train" task_id="99" width="8" height="8"><box label="c"/></image>
</annotations>`)
    expect(items.map((item) => [item.item_id, item.annotator, item.labels])).toEqual([
      ['Test/img0.jpg', 'owner39', ['a']],
      ['Train/img0.jpg', 'anna', ['b']],
      // an unknown task_id with several tasks: the project's people
      ['Train/img1.jpg', 'boss', ['c']],
    ])
  })

  it('takes the job assignee in a job export', async () => {
    const { items } = await readCvat(`<annotations><version>1.1</version><meta><job><id>12</id>${person('owner', 'lead')}${person('assignee', 'worker')}</job></meta>
<image id="4" name="x.png" width="2" height="3"><polygon label="p" points="0,0;1,1;1,0"/></image></annotations>`)
    expect(items[0]!.annotator).toBe('worker')
  })

  it('accepts the older layout with the username as the text of <owner>', async () => {
    const { items } = await readCvat('<annotations><version>1.1</version><meta><task><id>1</id><owner>legacy</owner></task></meta><image id="0" name="a.jpg"/></annotations>')
    expect(items[0]!.annotator).toBe('legacy')
  })

  it('reads "CVAT for video" tracks as one item each, nested skeleton element tracks included in their parent', async () => {
    const { file, items } = await readCvat(`<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task><id>5</id><mode>interpolation</mode>${person('owner', 'max')}<assignee></assignee></task>
    <dumped>2020-04-23</dumped>
    <source>/uploads/max/t.mp4</source>
  </meta>
  <track id="0" label="II">
    <box frame="10" outside="0" xtl="3" ytl="4" xbr="10" ybr="5"></box>
    <box frame="13" outside="1" xtl="7" ytl="6" xbr="14" ybr="8"></box>
  </track>
  <track id="1" label="klhg"><points frame="10" points="1,2"><attribute name="hgl">jk</attribute></points></track>
  <track id="3" label="skeleton" source="manual">
    <skeleton frame="10" points="1,1"></skeleton>
    <track id="0" label="1" source="manual"><points frame="10" points="1,1"/></track>
  </track>
</annotations>`)
    expect(items).toEqual([
      { item_id: 'track 0', annotator: 'max', labels: ['II'], source_file: file, location: 'track id=0', preview: 't.mp4, track 0: box, frames 10-13' },
      { item_id: 'track 1', annotator: 'max', labels: ['klhg'], source_file: file, location: 'track id=1', preview: 't.mp4, track 1: points, frame 10' },
      { item_id: 'track 3', annotator: 'max', labels: ['skeleton'], source_file: file, location: 'track id=3', preview: 't.mp4, track 3: skeleton, frame 10' },
    ])
  })

  it('streams many images across read chunks', async () => {
    const images = Array.from({ length: 2000 }, (_, i) => `<image id="${i}" name="f${i}.jpg" width="4" height="4"><box label="l${i % 2}" xtl="0" ytl="0" xbr="1" ybr="1"/></image>`).join('\n')
    const { items } = await readCvat(taskExport('o', null, images))
    expect(items).toHaveLength(2000)
    expect(items[1999]).toMatchObject({ item_id: 'f1999.jpg', labels: ['l1'], location: 'image id=1999' })
  })

  it('rejects malformed XML with the line and column', async () => {
    const { file, message } = await readError('<annotations>\n<version>1.1</version>\n<image id="0" name="a.jpg">\n<box label="a"\n</annotations>')
    expect(message.startsWith(`${file}:`)).toBe(true)
    expect(message).toMatch(/annotations\.xml:\d+:\d+: not well-formed XML \(.+\)$/)
  })

  it('rejects another root element', async () => {
    const { file, message } = await readError('<annotation><filename>a.jpg</filename></annotation>')
    expect(message).toBe(`${file}:1: expected a CVAT <annotations> root element, found <annotation>`)
  })

  it('rejects an <image> with neither name nor id', async () => {
    const { file, message } = await readError('<annotations>\n<version>1.1</version>\n<image width="1" height="1"><box label="a"/></image>\n</annotations>')
    expect(message).toBe(`${file}:3: <image> has neither a name nor an id attribute (expected <image id="0" name="…">)`)
  })

  describe('sniff', () => {
    it('claims an <annotations> root with <version> or <meta>', () => {
      expect(cvatAdapter.sniff('x/annotations.xml', '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n')).toBe(true)
      expect(cvatAdapter.sniff('x/annotations.xml', '<annotations><meta><task/></meta>')).toBe(true)
    })
    it('refuses other roots and a bare <annotations>', () => {
      expect(cvatAdapter.sniff('x/a.xml', '<annotation><filename>a</filename><object/></annotation>')).toBe(false)
      expect(cvatAdapter.sniff('x/a.xml', '<annotations><item/></annotations>')).toBe(false)
      expect(cvatAdapter.sniff('x/a.json', '{"annotations": []}')).toBe(false)
    })
  })
})
