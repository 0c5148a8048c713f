import { createReadStream } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { UserError } from '../../util/errors.js'
import { cutPreview, type AdapterOptions, type AnnotationAdapter, type AnnotationItem } from './item.js'
import { YoloClassFiles, type ClassList } from './yolo-classes.js'

/** A YOLO label line: class id then at least four numbers (box; segmentation, pose and OBB add more). */
const LABEL_LINE = /^\d+([ \t]+[-+0-9.eE]+){4,}\s*$/
/** How many leading lines sniffing looks at. */
const SNIFF_LINES = 5

/**
 * A YOLO adapter with its own class-file cache (or the one given). The shared `yoloAdapter` caches
 * for the life of the process (one audit run, or one scan thread); tests that rewrite class files
 * make their own.
 */
export function createYoloAdapter(classFiles = new YoloClassFiles()): AnnotationAdapter {
  return {
    format: 'yolo',
    sniff: sniffYolo,
    read: (file, options) => readYoloFile(file, options, classFiles),
  }
}

/** The class files of the shared adapter, cached for the life of the process (one audit run or scan). */
const sharedClassFiles = new YoloClassFiles()

/**
 * YOLO txt labels (Darknet, Ultralytics): each label file is one image item, item_id = the file stem
 * (the image's name without extension), one label per non-blank line, named through the class file
 * (see YoloClassFiles) or left as the numeric class id when there is none. No annotator.
 */
export const yoloAdapter: AnnotationAdapter = createYoloAdapter(sharedClassFiles)

/**
 * Whether the shared `yoloAdapter` would name the classes of `labelFile` from a class file next to
 * it or up to two folders above (see YoloClassFiles): the scan's sign that a numeric .txt is a YOLO
 * label file. A class file that cannot be used (unreadable, ambiguous) still says YOLO: reading
 * the labels then reports it.
 */
export async function hasYoloClassFile(labelFile: string): Promise<boolean> {
  try {
    return (await sharedClassFiles.forLabelFile(labelFile, undefined)) !== null
  } catch (error) {
    if (error instanceof UserError) return true
    throw error
  }
}

function sniffYolo(file: string, head: string): boolean {
  if (path.extname(file).toLowerCase() !== '.txt' || path.basename(file).toLowerCase() === 'classes.txt') return false
  const lines = completeLines(head)
    .filter((line) => line.trim() !== '')
    .slice(0, SNIFF_LINES)
  return lines.length > 0 && lines.every((line) => LABEL_LINE.test(line))
}

/** The lines of a sniffed head, without the last one when the head may have cut it short. */
function completeLines(head: string): string[] {
  const lines = head.replace(/^\uFEFF/, '').split('\n')
  if (lines.length > 1 && !head.endsWith('\n')) lines.pop()
  return lines
}

async function* readYoloFile(file: string, options: AdapterOptions, classFiles: YoloClassFiles): AsyncGenerator<AnnotationItem> {
  const classes = await classFiles.forLabelFile(file, options.classes)
  const labels: string[] = []
  let first = 0
  let last = 0
  let lineNo = 0
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  try {
    for await (const raw of lines) {
      lineNo++
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw
      if (line.trim() === '') continue
      labels.push(labelOfLine(line, `${file}:${lineNo}`, classes))
      if (first === 0) first = lineNo
      last = lineNo
    }
  } finally {
    lines.close()
  }
  const stem = path.parse(file).name
  yield {
    item_id: stem,
    annotator: null,
    labels,
    source_file: file,
    location: first === 0 ? 'empty file' : first === last ? `line ${first}` : `lines ${first}-${last}`,
    preview: cutPreview(stem),
  }
}

/** The class name of one label line; `where` is "file:line" for errors. */
function labelOfLine(line: string, where: string, classes: ClassList | null): string {
  const fields = line.trim().split(/\s+/)
  if (fields.length < 5) {
    const found = `${fields.length} field${fields.length === 1 ? '' : 's'}`
    throw new UserError(`${where}: expected "class cx cy w h" (a class number and at least 4 coordinates), found ${found}`)
  }
  const [classField, ...coordinates] = fields as [string, ...string[]]
  const bad = coordinates.find((value) => !Number.isFinite(Number(value)))
  if (bad !== undefined) throw new UserError(`${where}: "${bad}" is not a number (expected "class cx cy w h")`)
  if (!/^\d+$/.test(classField)) throw new UserError(`${where}: class "${classField}" is not a class number (expected 0, 1, 2, …)`)
  const index = Number.parseInt(classField, 10)
  if (!classes) return String(index)
  const name = index < classes.names.length ? classes.names[index] : undefined
  if (name === undefined) throw new UserError(`${where}: class ${index} is not in ${classes.source} (${classes.names.length} classes)`)
  return name
}
