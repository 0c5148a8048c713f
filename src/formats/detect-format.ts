import { detectByMagicOrExtension, detected, looksLikeText, sniffTextFormat } from './detect.js'
import { sniffMedia } from './sniff-media.js'
import type { Compression, DetectedFormat } from './types.js'

/**
 * A file's format from its first bytes (decompressed, when it is compressed) and its name: record
 * containers by magic bytes, then record and text formats by extension, then images, audio and
 * video by their signatures, then text or binary by the bytes themselves.
 */
export async function detectFormat(head: Buffer, relPath: string, compression: Compression | null): Promise<DetectedFormat> {
  const known = detectByMagicOrExtension(head, relPath)
  if (known) return detected(known, compression)
  if (!compression) {
    const media = await sniffMedia(head)
    if (media) return detected(media.format, null, media.modality)
  }
  if (head.length > 0 && looksLikeText(head)) return detected(sniffTextFormat(head), compression)
  return detected(head.length === 0 && !compression ? 'empty' : 'binary', compression, 'other')
}
