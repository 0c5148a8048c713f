/**
 * The one shape every annotation export is read into. An item is one labelled unit as its
 * annotator left it: a Label Studio annotation of a task, a COCO / VOC / CVAT / YOLO image, a
 * doccano or Prodigy line, a CoNLL sentence, a row of a generic CSV/JSONL export.
 */import type { TaskModality } from './ls-modality.js'

export interface AnnotationItem {
  /** the export's own identifier of the labelled unit (task id, image id or name, sentence key) */
  item_id: string
  /** who labelled it; null when the export does not say */
  annotator: string | null
  /** every label value, one per region / span / choice, in export order (duplicates kept) */
  labels: string[]
  /** the file the item was read from, as given on the command line */
  source_file: string
  /** where in that file: "line 12", "task 4, annotation 7", "image 40", "lines 3-9" */
  location: string
  /**
   * a human-readable view of what was labelled (text, or the media file name); adapters cut it to
   * PREVIEW_CHARS with `cutPreview`, and the sheet shows at most that many, personal values masked
   */
  preview: string
  /** data items (content audits): the length of the record's content, when the preview holds only its start */
  contentLength?: number
  /** Label Studio: what the task shows (ls-modality.ts); the other formats' modality is the format's */
  modality?: TaskModality
}

export const ANNOTATION_FORMATS = ['label-studio', 'coco', 'yolo', 'voc', 'cvat', 'doccano', 'prodigy', 'conll', 'csv', 'jsonl'] as const
export type AnnotationFormat = (typeof ANNOTATION_FORMATS)[number]

/** Column names of generic CSV/JSONL exports (and the label/annotator fields of Label Studio JSON-MIN/CSV). */
export interface ColumnNames {
  item: string
  annotator: string
  label: string
}

export const DEFAULT_COLUMNS: ColumnNames = { item: 'item', annotator: 'annotator', label: 'label' }

export interface AdapterOptions {
  columns: ColumnNames
  /** YOLO class names file; when absent, classes.txt next to or above the label files */
  classes?: string
  /**
   * How this file is named in fallback item ids (`example.jsonl:12`) when the export has no ids
   * of its own: its name, with as many parent folders as tell it apart from the other inputs
   * (see `fileKeys`). Defaults to the file name.
   */
  fileKey?: string
  /** told now and then that reading advances (a scan's analysis thread counts it against its time budget) */
  onProgress?: () => void
}

/**
 * A short, stable name for each file: the file name, extended by parent folders only where two
 * inputs share it, so ids do not depend on the working directory or how a folder was named on
 * the command line, and same-named files in different folders do not collide.
 */
export function fileKeys(files: readonly string[]): Map<string, string> {
  const parts = files.map((file) => file.split(/[\\/]+/).filter((p) => p !== '' && p !== '.'))
  const depth = files.map(() => 1)
  const keyOf = (i: number): string => parts[i]!.slice(-depth[i]!).join('/')
  for (let changed = true; changed; ) {
    changed = false
    const byKey = new Map<string, number[]>()
    files.forEach((_, i) => byKey.set(keyOf(i), [...(byKey.get(keyOf(i)) ?? []), i]))
    for (const same of byKey.values()) {
      if (same.length < 2) continue
      for (const i of same) {
        if (depth[i]! < parts[i]!.length) {
          depth[i]!++
          changed = true
        }
      }
    }
  }
  return new Map(files.map((file, i) => [file, keyOf(i)]))
}

/**
 * One export format. `sniff` sees the file path and its first 64 KiB as text and says whether the
 * file is in this format; `read` streams the items of one file. Bad content throws a UserError
 * naming the file, the line (or element) and what was expected.
 */
export interface AnnotationAdapter {
  format: AnnotationFormat
  sniff(file: string, head: string): boolean
  read(file: string, options: AdapterOptions): AsyncIterable<AnnotationItem>
}

/** Previews are cut to this many characters (code points), with "…" marking the cut. */
export const PREVIEW_CHARS = 200

/** Whitespace a preview changes: a run, anything but a plain space, or at either end. */
const UNTIDY_WHITESPACE = /\s\s|[^\S ]|^\s|\s$/

export function cutPreview(text: string, limit: number = PREVIEW_CHARS): string {
  // Every item of an export gets a preview; most are short and tidy already, and a regex test
  // allocates nothing where a replace would copy the string (4× faster over a 10M-line export).
  if (text.length <= limit && !UNTIDY_WHITESPACE.test(text)) return text
  // A preview needs only the start of a record: look at no more than four times the limit (a
  // start that is mostly whitespace gives a shorter preview, which is fine).
  const flat = (text.length > limit * 4 ? text.slice(0, limit * 4) : text).replace(/\s+/g, ' ').trim()
  if (flat.length <= limit) return flat
  const chars = Array.from(flat)
  return chars.length <= limit ? flat : `${chars.slice(0, limit - 1).join('')}…`
}

/**
 * A content-safety reviewer judges the whole record, so data-item audits show its content fields
 * up to this many characters (annotation previews stay at PREVIEW_CHARS: the label is what is judged).
 */
export const CONTENT_PREVIEW_CHARS = 2000

/** A record's content for a content-safety sheet: at most CONTENT_PREVIEW_CHARS, and saying so when cut. */
export function contentPreview(text: string, fullLength: number): string {
  const shown = cutPreview(text, CONTENT_PREVIEW_CHARS)
  if (!shown.endsWith('…') && fullLength <= text.length) return shown
  return `${shown} [cut: the record has ${fullLength.toLocaleString('en-US')} characters]`
}
