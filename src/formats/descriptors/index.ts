import type { FormatDescriptor } from '../format-descriptor.js'
import { arrow, arrowStream } from './arrow.js'
import { csv, tsv } from './csv.js'
import { document } from './document.js'
import { json } from './json.js'
import { jsonl } from './jsonl.js'
import { parquet } from './parquet.js'
import { annexPointer, dvcPointer, lfsPointer } from './pointers.js'
import { text } from './text.js'
import { xml } from './xml.js'

/**
 * Every format tdgov reads beyond its hash. Media (images, audio, video) are recognised by
 * file-type's signatures and read by the media readers; `tooling`, `empty` and `binary` are only hashed.
 */
export const FORMATS: readonly FormatDescriptor[] = [jsonl, json, csv, tsv, text, xml, document, parquet, arrow, arrowStream, lfsPointer, annexPointer, dvcPointer]

const BY_NAME = new Map(FORMATS.map((f) => [f.name, f]))

export function formatNamed(name: string): FormatDescriptor | undefined {
  return BY_NAME.get(name)
}

/** Format names by extension (lower case, no dot). */
export const FORMAT_BY_EXTENSION: ReadonlyMap<string, string> = new Map(FORMATS.flatMap((f) => f.extensions.map((ext) => [ext, f.name] as const)))

/** The formats recognised by their first bytes. */
export const MAGIC_FORMATS: readonly FormatDescriptor[] = FORMATS.filter((f) => f.magic)
