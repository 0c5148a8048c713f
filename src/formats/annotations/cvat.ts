import path from 'node:path'
import { cutPreview, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { CvatPeople } from './xml-cvat-meta.js'
import { readXmlEventBatches, xmlStructureError, type XmlEvent, type XmlOpen } from './xml-events.js'
import { hasStartTag, xmlRootName } from './xml-sniff.js'

/** Direct children of `<image>` that are annotations; each carries a `label` attribute. */
const SHAPES = new Set(['box', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton', 'tag'])

/**
 * CVAT XML 1.1, both layouts.
 *
 * "CVAT for images": one item per `<image>`. item_id = the `name` attribute (the image file name
 * reviewers recognise; numeric ids restart in every task of a project export). Project exports
 * repeat names across subsets (Train/img0.jpg, Test/img0.jpg), so when an image has a `subset`
 * attribute the id is `subset/name`. Labels = the `label` attribute of every direct child shape
 * (box, polygon, polyline, points, ellipse, cuboid, mask, skeleton, tag), '' kept for an empty or
 * missing label; skeleton nodes nested inside a skeleton are part of that one shape.
 *
 * "CVAT for video": one item per top-level `<track>`, id `track <id>`, labels [track label].
 *
 * Annotator: CVAT records people per job / task / project, never per shape. The assignee of the
 * job, else of the image's task (by `task_id`, or the only task), else of the project; when no
 * assignee is set, the owner in the same order; else null. See CvatPeople.
 */
export const cvatAdapter: AnnotationAdapter = {
  format: 'cvat',
  sniff(_file, head) {
    return xmlRootName(head) === 'annotations' && (hasStartTag(head, 'version') || hasStartTag(head, 'meta'))
  },
  read(file) {
    return readCvatFile(file)
  },
}

/** The `<image>` or `<track>` being read. */
interface OpenUnit {
  kind: 'image' | 'track'
  start: XmlOpen
  labels: string[]
  /** tracks: the shape kind and the first and last frame seen */
  shape: string | null
  firstFrame: number | null
  lastFrame: number | null
}

async function* readCvatFile(file: string): AsyncGenerator<AnnotationItem> {
  const reader = new CvatReader(file)
  for await (const batch of readXmlEventBatches(file)) {
    for (const event of batch) {
      const item = reader.take(event)
      if (item) yield item
    }
  }
}

/** Follows one CVAT file's events; holds the people from `<meta>` and the one unit being read. */
class CvatReader {
  private readonly people = new CvatPeople()
  private videoSource: string | null = null
  private unit: OpenUnit | null = null
  private sawRoot = false

  constructor(private readonly file: string) {}

  /** Takes the next event; returns an item when an `<image>` or top-level `<track>` closes. */
  take(event: XmlEvent): AnnotationItem | null {
    if (!this.sawRoot) {
      this.sawRoot = true
      if (event.name !== 'annotations') {
        throw xmlStructureError(this.file, event.line, `expected a CVAT <annotations> root element, found <${event.name}>`)
      }
    }
    if (event.path.startsWith('annotations/meta/')) {
      this.people.observe(event)
      // The video file name only: the export may hold the path it was uploaded from.
      if (event.kind === 'close' && event.path === 'annotations/meta/source') this.videoSource = path.basename(event.text.trim())
      return null
    }
    if (event.kind === 'open') {
      this.open(event)
      return null
    }
    const unit = this.unit
    if (!unit || event.path !== unit.start.path) return null
    this.unit = null
    return unit.kind === 'image' ? imageItem(this.file, unit, this.people) : trackItem(this.file, unit, this.people, this.videoSource)
  }

  private open(event: XmlOpen): void {
    if (event.path === 'annotations/image' || event.path === 'annotations/track') {
      const kind = event.name === 'image' ? 'image' : 'track'
      this.unit = { kind, start: event, labels: kind === 'track' ? [event.attributes.label ?? ''] : [], shape: null, firstFrame: null, lastFrame: null }
      return
    }
    const unit = this.unit
    if (!unit || !isDirectChild(event.path, unit.start.path)) return
    if (unit.kind === 'track') noteTrackFrame(unit, event)
    // Unknown child elements with a label attribute are taken as shapes of a newer CVAT.
    else if (SHAPES.has(event.name) || event.attributes.label !== undefined) unit.labels.push(event.attributes.label ?? '')
  }
}

function isDirectChild(childPath: string, parentPath: string): boolean {
  return childPath.startsWith(`${parentPath}/`) && !childPath.includes('/', parentPath.length + 1)
}

function noteTrackFrame(track: OpenUnit, shape: XmlOpen): void {
  track.shape ??= shape.name
  const frame = Number(shape.attributes.frame)
  if (!Number.isInteger(frame)) return
  track.firstFrame = track.firstFrame === null ? frame : Math.min(track.firstFrame, frame)
  track.lastFrame = track.lastFrame === null ? frame : Math.max(track.lastFrame, frame)
}

function imageItem(file: string, image: OpenUnit, people: CvatPeople): AnnotationItem {
  const { start, labels } = image
  const { name, id, subset, width, height } = start.attributes
  const shown = name ?? (id !== undefined ? `image ${id}` : undefined)
  if (shown === undefined) throw xmlStructureError(file, start.line, '<image> has neither a name nor an id attribute (expected <image id="0" name="…">)')
  const size = width && height ? ` ${width}x${height}` : ''
  return {
    item_id: subset ? `${subset}/${shown}` : shown,
    annotator: people.annotatorFor(start.attributes.task_id),
    labels,
    source_file: file,
    location: id !== undefined ? `image id=${id}` : `line ${start.line}`,
    preview: cutPreview(`${shown}${size}`),
  }
}

function trackItem(file: string, track: OpenUnit, people: CvatPeople, videoSource: string | null): AnnotationItem {
  const id = track.start.attributes.id
  const shown = id !== undefined ? `track ${id}` : `track at line ${track.start.line}`
  const frames =
    track.firstFrame === null ? '' : track.firstFrame === track.lastFrame ? `, frame ${track.firstFrame}` : `, frames ${track.firstFrame}-${track.lastFrame}`
  const shape = track.shape ? `: ${track.shape}` : ''
  return {
    item_id: shown,
    annotator: people.annotatorFor(track.start.attributes.task_id),
    labels: track.labels,
    source_file: file,
    location: id !== undefined ? `track id=${id}` : `line ${track.start.line}`,
    preview: cutPreview(`${videoSource ? `${videoSource}, ` : ''}${shown}${shape}${frames}`),
  }
}
