import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../util/errors.js'
import { compareStrings } from '../../util/order.js'
import { fileKeys, type AdapterOptions, type AnnotationFormat, type AnnotationItem } from './item.js'
import { HEAD_BYTES, inputError, readFileHead } from './json-lines.js'
import { ADAPTERS, adapterFor } from './registry.js'

/**
 * Files in a directory that belong to a YOLO dataset's configuration, not to its annotations:
 * the YOLO adapter reads them itself (--classes, or next to the label files).
 */
function isYoloSupportFile(name: string): boolean {
  return name === 'classes.txt' || name === 'data.yaml' || name.endsWith('.names')
}

/**
 * The media an annotation dataset's folders hold beside the labels (YOLO's images/, VOC's
 * JPEGImages/): what was labelled, not an export, so a directory walk passes over them.
 */
const MEDIA_FILE = /\.(jpe?g|png|gif|bmp|tiff?|webp|heic|svg|wav|mp3|flac|ogg|m4a|mp4|mov|avi|mkv|webm)$/i

/**
 * The files the inputs name, in reading order: a file as given; a directory's files, found
 * recursively (following links, each directory once), without dot-files, dot-directories, media
 * files and YOLO support files, sorted by path in code-unit order so that every machine reads them alike.
 * A missing or unreadable input, or a directory with nothing to read, is a UserError.
 */
export async function listAnnotationFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const stats = await stat(input).catch((error: unknown) => {
      throw inputError(input, error)
    })
    if (!stats.isDirectory()) {
      files.push(input)
      continue
    }
    const found: string[] = []
    await walk(input, found, new Set())
    if (found.length === 0) throw new UserError(`${input}: no annotation files in this directory (dot-files, media files and YOLO class lists are skipped)`)
    files.push(...found.sort(compareStrings))
  }
  return files
}

async function walk(dir: string, out: string[], seen: Set<string>): Promise<void> {
  try {
    const real = await realpath(dir)
    if (seen.has(real)) return
    seen.add(real)
    const entries = await readdir(dir, { withFileTypes: true })
    const darknet = await darknetSupportFiles(dir, entries.filter((e) => e.name.endsWith('.data')).map((e) => e.name))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const child = path.join(dir, entry.name)
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(child)).isDirectory())
      if (isDirectory) await walk(child, out, seen)
      else if (!isYoloSupportFile(entry.name) && !darknet.has(entry.name) && !MEDIA_FILE.test(entry.name)) out.push(child)
    }
  } catch (error) {
    throw inputError(dir, error)
  }
}

/**
 * Darknet's layout (what CVAT exports as "YOLO 1.1"): an `obj.data` of `key = value` lines naming
 * the class file (`names`) and the image lists (`train`, `valid`, `test`: one image path per line).
 * The data file and the lists it names are the layout, not labels: the names of those in `dir`
 * (the lists by file name, as their paths are relative to wherever Darknet ran). The labels are
 * the .txt files beside the images, named by the class file found as for any YOLO label.
 */
async function darknetSupportFiles(dir: string, dataFiles: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (const name of dataFiles) {
    let text: string
    try {
      text = await readFile(path.join(dir, name), 'utf8')
    } catch {
      continue
    }
    const keys = new Map<string, string>()
    for (const line of text.split('\n')) {
      const match = /^\s*([A-Za-z_]+)\s*=\s*(.*?)\s*$/.exec(line)
      if (match) keys.set(match[1]!.toLowerCase(), match[2]!)
    }
    if (!keys.has('names') && !keys.has('classes')) continue
    out.add(name)
    for (const key of ['train', 'valid', 'test']) {
      const list = keys.get(key)
      if (list) out.add(path.basename(list.replace(/\\/g, '/')))
    }
  }
  return out
}

/** The format of the first adapter (in ADAPTERS priority) that claims the file, or null. */
export async function sniffFormat(file: string): Promise<AnnotationFormat | null> {
  return sniffHead(file, await readFileHead(file))
}

/**
 * sniffFormat over a head already read: its first HEAD_BYTES are what every adapter's `sniff`
 * sees, so a caller holding a longer head (the scan's first read) decides as sniffFormat would.
 */
export function sniffHead(file: string, head: Uint8Array): AnnotationFormat | null {
  // A 64 KiB cut can split a UTF-8 character; the one replacement character it makes is harmless.
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, HEAD_BYTES)).toString('utf8')
  return ADAPTERS.find((adapter) => adapter.sniff(file, text))?.format ?? null
}

/**
 * The items of every input, file by file in `listAnnotationFiles` order. With 'auto', each file's
 * format is sniffed on its own (a directory may mix formats); a file no adapter claims is a
 * UserError asking for --format.
 */
export async function* readAnnotations(
  inputs: string[],
  format: AnnotationFormat | 'auto',
  options: AdapterOptions,
): AsyncGenerator<AnnotationItem> {
  yield* readAnnotationFiles(await listAnnotationFiles(inputs), format, options)
}

/**
 * readAnnotations over files already listed by `listAnnotationFiles` (callers that need the list
 * too, to hash the inputs). `formats`, when given, is told the format each file was read as, so
 * nobody sniffs it again.
 */
export async function* readAnnotationFiles(
  files: readonly string[],
  format: AnnotationFormat | 'auto',
  options: AdapterOptions,
  formats?: Map<string, AnnotationFormat>,
): AsyncGenerator<AnnotationItem> {
  const keys = fileKeys(files)
  for (const file of files) {
    const fileFormat = format === 'auto' ? await sniffFormat(file) : format
    if (fileFormat === null) {
      const expected = ADAPTERS.map((a) => a.format).join(', ')
      throw new UserError(`${file}: not a recognised annotation export (expected one of ${expected}); pass --format`)
    }
    formats?.set(file, fileFormat)
    yield* adapterFor(fileFormat).read(file, { ...options, fileKey: keys.get(file)! })
  }
}

/**
 * One file read as a format already known, under a key the caller chose: a recorded sample is
 * re-drawn from copies of the exports wherever they are, with the keys its record's paths give.
 */
export function readAnnotationFileAs(file: string, format: AnnotationFormat, options: AdapterOptions & { fileKey: string }): AsyncIterable<AnnotationItem> {
  return adapterFor(format).read(file, options)
}
