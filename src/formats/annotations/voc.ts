import path from 'node:path'
import { cutPreview, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { readXmlEventBatches, xmlStructureError, type XmlEvent } from './xml-events.js'
import { hasStartTag, xmlRootName } from './xml-sniff.js'

/**
 * Pascal VOC XML (labelImg, CVAT/datumaro "PASCAL VOC" export): one `<annotation>` file per image,
 * read as one item. item_id = `<filename>` (else the file stem); labels = `<object><name>` in
 * document order (the `<part><name>` of person layouts are body parts, not labels); annotator is
 * always null: VOC records no annotator, and its `<owner>` block is the Flickr owner of the photo,
 * not the person who drew the boxes. `<path>` (often an absolute home-directory path) and
 * `<folder>` are never read into any output.
 */
export const vocAdapter: AnnotationAdapter = {
  format: 'voc',
  sniff(file, head) {
    if (path.extname(file).toLowerCase() !== '.xml') return false
    return xmlRootName(head) === 'annotation' && (hasStartTag(head, 'object') || hasStartTag(head, 'filename'))
  },
  read(file) {
    return readVocFile(file)
  },
}

async function* readVocFile(file: string): AsyncGenerator<AnnotationItem> {
  const reader = new VocReader(file)
  for await (const batch of readXmlEventBatches(file)) {
    for (const event of batch) {
      const item = reader.take(event)
      if (item) yield item
    }
  }
}

/** What one VOC file says about its image, gathered while its elements stream past. */
class VocReader {
  private filename: string | null = null
  private width: string | null = null
  private height: string | null = null
  private readonly labels: string[] = []
  /** start line of the `<object>` being read, and whether its `<name>` was seen */
  private openObject: { line: number; named: boolean } | null = null
  private sawRoot = false

  constructor(private readonly file: string) {}

  /** Takes the next event; returns the item when the root element closes. */
  take(event: XmlEvent): AnnotationItem | null {
    if (!this.sawRoot) {
      this.sawRoot = true
      if (event.name !== 'annotation') {
        throw xmlStructureError(this.file, event.line, `expected a Pascal VOC <annotation> root element, found <${event.name}>`)
      }
    }
    if (event.kind === 'open') {
      if (event.path === 'annotation/object') this.openObject = { line: event.line, named: false }
      return null
    }
    switch (event.path) {
      case 'annotation/filename':
        this.filename = event.text.trim()
        break
      case 'annotation/size/width':
        this.width = event.text.trim()
        break
      case 'annotation/size/height':
        this.height = event.text.trim()
        break
      case 'annotation/object/name':
        // The first <name> of an object is its label (a second one would be malformed, not a label).
        if (this.openObject && !this.openObject.named) {
          this.openObject.named = true
          this.labels.push(event.text.trim())
        }
        break
      case 'annotation/object':
        if (this.openObject && !this.openObject.named) {
          throw xmlStructureError(this.file, this.openObject.line, '<object> has no <name> (expected <object><name>label</name>…</object>)')
        }
        this.openObject = null
        break
      case 'annotation':
        return this.item()
    }
    return null
  }

  private item(): AnnotationItem {
    const filename = safeFileName(this.filename) ?? path.parse(this.file).name
    const size = this.width && this.height ? ` ${this.width}x${this.height}` : ''
    const k = this.labels.length
    return {
      item_id: filename,
      annotator: null,
      labels: this.labels,
      source_file: this.file,
      location: k === 0 ? 'annotation' : k === 1 ? 'object 1' : `objects 1-${k}`,
      preview: cutPreview(`${filename}${size}`),
    }
  }
}

/**
 * `<filename>` is normally a bare name, but some tools write the full path there too; keep only
 * the last component so no directory (which may name a person) reaches the sheet.
 */
function safeFileName(filename: string | null): string | null {
  if (!filename) return null
  const last = filename.split(/[\\/]/).pop()
  return last ? last : null
}
