import { detectByMagicOrExtension, detected, isTextByName, isTooling, looksLikeText, sniffTextFormat, textFormatByName, TEXT_FORMATS } from './detect.js'
import { decodeHead, isGb18030, utf16Of, type TextEncoding } from './encoding.js'
import { detectPointer } from './pointer.js'
import { sniffMedia } from './sniff-media.js'
import type { Compression, DetectedFormat } from './types.js'

/**
 * A file's format from its first bytes (decompressed, when it is compressed) and its name:
 * tooling (`.gitattributes`, `.dvc/…`) and pointers to content kept elsewhere (Git LFS, git-annex,
 * DVC) first, then UTF-16 by its byte-order mark (before any signature: FF FE is also an MPEG
 * frame sync), then record containers by magic bytes, record and text formats by extension,
 * images, audio and video by their signatures, and finally text or binary by the bytes themselves.
 * Text that is not UTF-8 but GB18030 (GBK) is recognised where text is expected.
 */
export async function detectFormat(head: Buffer, relPath: string, compression: Compression | null): Promise<DetectedFormat> {
  const format = await formatOf(head, relPath, compression)
  // A name that says text over content with NUL bytes: never a silent change of format. UTF-16
  // has NULs by nature and is reported as such (ENCODING_NOT_UTF8).
  const claimed = textFormatByName(relPath)
  const offset = head.indexOf(0)
  if (claimed !== null && offset !== -1 && !format.encoding && format.format !== 'tooling') format.binaryAt = { claimed, offset }
  return format
}

async function formatOf(head: Buffer, relPath: string, compression: Compression | null): Promise<DetectedFormat> {
  if (isTooling(relPath)) return detected('tooling', compression, 'other')
  const pointer = compression ? null : detectPointer(head, relPath)
  if (pointer) return detected(pointer, null, 'other')
  const utf16 = utf16Of(head, isTextByName(relPath))
  if (utf16) return decodedText(head, relPath, compression, utf16)
  const known = detectByMagicOrExtension(head, relPath)
  if (known) return TEXT_FORMATS.has(known) && isGb18030(head) ? decodedText(head, relPath, compression, 'gb18030') : detected(known, compression)
  if (!compression) {
    const media = await sniffMedia(head)
    if (media) return detected(media.format, null, media.modality)
  }
  if (head.length > 0 && looksLikeText(head)) {
    return isGb18030(head) ? decodedText(head, relPath, compression, 'gb18030') : detected(sniffTextFormat(head), compression)
  }
  return detected(head.length === 0 && !compression ? 'empty' : 'binary', compression, 'other')
}

/** Text in another encoding is detected as its UTF-8 rendering would be. */
function decodedText(head: Buffer, relPath: string, compression: Compression | null, encoding: TextEncoding): DetectedFormat {
  const utf8 = decodeHead(head, encoding)
  return detected(detectByMagicOrExtension(utf8, relPath) ?? sniffTextFormat(utf8), compression, undefined, encoding)
}
