import type { TextEncoding } from './encoding.js'
import { FORMAT_BY_EXTENSION, formatNamed, FORMATS, MAGIC_FORMATS } from './descriptors/index.js'
import type { Compression, DetectedFormat, Modality } from './types.js'

/**
 * A dataset's own documentation (licence, card, changelog) is not training data: it is recorded
 * and hashed as a document, and its lines are not counted as records.
 */
const DOCUMENT_NAME = /^(licen[cs]e|copying|notice|readme|changelog|citation|authors)([.-][^/]*)?$/i

export function isDocumentation(relPath: string): boolean {
  return DOCUMENT_NAME.test(relPath.slice(relPath.lastIndexOf('/') + 1))
}

/**
 * Version-control, DVC and Hub tooling kept beside the data (`.gitattributes`, `.dvc/config`,
 * `.huggingface/…`): not training data, so recorded and hashed as `tooling`, with no records and no
 * source of its own.
 */
const TOOLING_NAME = /^(\.git|\.gitattributes|\.gitignore|\.gitmodules|\.gitkeep|\.dvcignore|dvc\.yaml|dvc\.lock)$/
const TOOLING_DIR = /(^|\/)(\.dvc|\.huggingface|\.tdgov)\//

export function isTooling(relPath: string): boolean {
  return TOOLING_DIR.test(relPath) || TOOLING_NAME.test(relPath.slice(relPath.lastIndexOf('/') + 1))
}

/** File names (not paths) of licence texts, and of dataset cards (YAML front matter). */
export const LICENCE_TEXT_NAME = /^(licen[cs]e|copying|notice)([.-][^/]*)?$/i
export const CARD_NAME = /^readme\.(md|markdown)$/i

/** Documentation that states a licence: read by the document analyzer; the rest is only hashed. */
export function statesLicence(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1)
  return LICENCE_TEXT_NAME.test(name) || CARD_NAME.test(name)
}

export function modalityOf(format: string): Modality {
  return formatNamed(format)?.modality ?? 'other'
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false
  return true
}

export function detectCompression(head: Uint8Array): Compression | null {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip'
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd'
  return null
}

/** Container formats that carry records, recognised by their magic bytes (their descriptors say how). */
function detectRecordMagic(head: Uint8Array): string | null {
  return MAGIC_FORMATS.find((format) => format.magic!(head))?.name ?? null
}

/** The extension of a file name, lower case, ignoring a trailing compression extension. */
export function recordExtension(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase()
  const parts = name.split('.')
  if (parts.length < 2) return ''
  let ext = parts.pop()!
  if ((ext === 'gz' || ext === 'gzip' || ext === 'zst' || ext === 'zstd') && parts.length >= 2) ext = parts.pop()!
  return ext
}

/** Text when there is no NUL byte in the head: binary formats nearly always have one early. */
export function looksLikeText(head: Uint8Array): boolean {
  return head.indexOf(0) === -1
}

/**
 * A head with a few stray NUL or other control bytes (at most one in a hundred) is text that was
 * damaged, not a binary file: binary content has about one NUL in every 256 bytes and a control
 * byte in every ten, UTF-16 a NUL in every other byte (it is recognised before this is asked).
 */
export function readableAsText(head: Uint8Array): boolean {
  if (looksLikeText(head)) return true
  let controls = 0
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++
  return controls * 100 <= head.length
}

/** The text format a file's name claims (`document` for a README or card), or null. */
export function textFormatByName(relPath: string): string | null {
  if (isDocumentation(relPath)) return 'document'
  const format = FORMAT_BY_EXTENSION.get(recordExtension(relPath))
  return format !== undefined && TEXT_FORMATS.has(format) ? format : null
}

/**
 * Magic bytes first (record containers), extension second (record and text formats). Returns null
 * when neither decides; the caller then asks the media sniffer and finally falls back to text or
 * binary.
 */
export function detectByMagicOrExtension(head: Uint8Array, relPath: string): string | null {
  const magic = detectRecordMagic(head)
  if (magic) return magic
  if (isDocumentation(relPath) && readableAsText(head)) return 'document'
  const byExtension = FORMAT_BY_EXTENSION.get(recordExtension(relPath))
  if (byExtension === undefined) return null
  // A file named .parquet or .arrow without the magic is not one: leave it to the fallbacks.
  if (formatNamed(byExtension)?.binary) return looksLikeText(head) ? null : byExtension
  // Content that is clearly binary is not a text record format whatever the name says; a few
  // stray binary bytes in text leave it text (the scan reports them: CONTENT_LOOKS_BINARY).
  if (!readableAsText(head)) return null
  // Many datasets ship JSON Lines named .json (Hugging Face among them): one object per line.
  if (byExtension === 'json' && sniffTextFormat(head) === 'jsonl') return 'jsonl'
  return byExtension
}

/** A guess for files without a telling extension: JSON Lines when the first line is a JSON object. */
export function sniffTextFormat(head: Uint8Array): string {
  let i = 0
  if (startsWith(head, [0xef, 0xbb, 0xbf])) i = 3
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++
  if (head[i] === 0x7b) {
    const newline = head.indexOf(0x0a, i)
    let end = newline === -1 ? head.length : newline
    while (end > i && (head[end - 1] === 0x20 || head[end - 1] === 0x0d || head[end - 1] === 0x09)) end--
    if (head[end - 1] === 0x7d && newline !== -1) return 'jsonl'
  }
  return 'text'
}

export function detected(format: string, compression: Compression | null, modality?: Modality, encoding?: TextEncoding): DetectedFormat {
  return { format, compression, modality: modality ?? modalityOf(format), ...(encoding && { encoding }) }
}

/** Formats whose content is text, which may be in an encoding other than UTF-8. */
export const TEXT_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((f) => f.text).map((f) => f.name))

/** Whether the file's name says it holds text: a text or record format's extension, or documentation. */
export function isTextByName(relPath: string): boolean {
  const format = FORMAT_BY_EXTENSION.get(recordExtension(relPath))
  return isDocumentation(relPath) || (format !== undefined && TEXT_FORMATS.has(format))
}
