import { open } from 'node:fs/promises'
import { imageSize } from 'image-size'
import type { FindingDraft } from '../findings/finding.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer, MediaInfo } from './types.js'
import { STRUCTURE_UNDECODED } from '../util/library-error.js'

const MiB = 1024 * 1024
/** Enough for JPEG headers that sit behind large EXIF/ICC/XMP segments. */
const HEAD_LIMIT = 2 * MiB
/** Second, larger attempt read from disk when the streamed head did not hold the header. */
const REREAD_LIMIT = 16 * MiB

/** Keeps a copy of the first `limit` bytes of a stream whose chunks are reused by the caller. */
export class HeadCollector {
  private readonly parts: Uint8Array[] = []
  private kept = 0
  /** true once bytes beyond `limit` were seen and dropped */
  truncated = false

  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    const room = this.limit - this.kept
    if (chunk.length > room) this.truncated = true
    if (room <= 0) return
    const part = new Uint8Array(chunk.subarray(0, room)) // copies: Buffer#slice would not
    this.parts.push(part)
    this.kept += part.length
  }

  bytes(): Uint8Array {
    return concatExact(this.parts)
  }
}

/**
 * Concatenates into a fresh ArrayBuffer of exactly the combined length. image-size reads through
 * DataViews on `input.buffer`, so a view into a larger (pooled) buffer would let it read bytes
 * past the end of a truncated header instead of failing.
 */
function concatExact(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

type Measurement = { ok: true; media: MediaInfo } | { ok: false; reason: string }

/** image-size's wording for the common formats, restated to say what was expected. */
const IMAGE_SIZE_ERRORS: Readonly<Record<string, string>> = {
  'Corrupt JPG, exceeded buffer limits':
    'a JPEG segment runs past the end of the data; expected a start-of-frame marker first',
  'Invalid JPG, no size found': 'no JPEG start-of-frame marker; expected a baseline or progressive SOF0-SOF2',
  'Invalid PNG': 'PNG signature is not followed by an IHDR chunk; expected IHDR first',
  'Invalid Tiff. Missing tags': 'first TIFF directory lacks ImageWidth or ImageLength; expected both',
}

/** image-size's failures in tdgov's words (exported for its tests). */
export function describeImageError(error: unknown, bytes: number): string {
  if (error instanceof RangeError) {
    return `header ends after ${bytes} bytes; expected a complete image header`
  }
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith('unsupported file type')) {
    return 'no known image signature; expected PNG, JPEG, GIF, WebP, BMP, TIFF, HEIF, ICO or similar'
  }
  const known = IMAGE_SIZE_ERRORS[message]
  if (known) return known
  if (message === 'Reached end of input') return `header ends after ${bytes} bytes; expected a complete image header`
  if (message === 'Empty file') return 'file is empty; expected an image header'
  const format = /^Invalid (BigTIFF|HEIF|ICNS|ICO|JXL|PAM|PNM|SVG|WebP)\b/.exec(message)?.[1]
  if (format) return `${format} header is malformed; expected the fields that give its size`
  // Any other message is image-size's or the engine's, not tdgov's: it is not repeated.
  return STRUCTURE_UNDECODED
}

/** image-size reports the largest entry of multi-image files (ICO, ICNS, HEIF), i.e. the main image. */
function measure(bytes: Uint8Array): Measurement {
  if (bytes.length === 0) return { ok: false, reason: 'file is empty; expected an image header' }
  try {
    const { width, height } = imageSize(bytes)
    if (!(width > 0 && height > 0)) {
      return { ok: false, reason: `header declares ${width}x${height} pixels; expected positive dimensions` }
    }
    return { ok: true, media: { width, height } }
  } catch (error) {
    return { ok: false, reason: describeImageError(error, bytes.length) }
  }
}

async function readAt(absPath: string, position: number, length: number): Promise<Uint8Array> {
  const handle = await open(absPath, 'r')
  try {
    const buffer = new Uint8Array(length)
    const { bytesRead } = await handle.read(buffer, 0, length, position)
    return bytesRead === length ? buffer : concatExact([buffer.subarray(0, bytesRead)])
  } finally {
    await handle.close()
  }
}

function tiffLayout(head: Uint8Array): { littleEndian: boolean; big: boolean } | null {
  const order = String.fromCharCode(head[0] ?? 0, head[1] ?? 0)
  if (head.length < 16 || (order !== 'II' && order !== 'MM')) return null
  const littleEndian = order === 'II'
  const version = new DataView(head.buffer, head.byteOffset).getUint16(2, littleEndian)
  return version === 42 || version === 43 ? { littleEndian, big: version === 43 } : null
}

/**
 * TIFF writers (libtiff among them) often put the first IFD after the pixel data, far beyond
 * the head. Rather than reading the whole file, read just that IFD and rebuild a tiny TIFF whose
 * header points at it; width and height are inline tag values, so no other offset matters.
 */
async function tiffWithIfdOnly(absPath: string, head: Uint8Array): Promise<Uint8Array | null> {
  const layout = tiffLayout(head)
  if (!layout) return null
  const { littleEndian, big } = layout
  const headerBytes = big ? 16 : 8
  const countBytes = big ? 8 : 2
  const entryBytes = big ? 20 : 12
  const view = new DataView(head.buffer, head.byteOffset, headerBytes)
  const ifdOffset = big ? Number(view.getBigUint64(8, littleEndian)) : view.getUint32(4, littleEndian)

  const countField = await readAt(absPath, ifdOffset, countBytes)
  if (countField.length < countBytes) return null
  const countView = new DataView(countField.buffer, countField.byteOffset, countBytes)
  const entries = big ? Number(countView.getBigUint64(0, littleEndian)) : countView.getUint16(0, littleEndian)
  const ifd = await readAt(absPath, ifdOffset, countBytes + Math.min(entries, 0xffff) * entryBytes)

  const header = new Uint8Array(head.subarray(0, headerBytes))
  const headerView = new DataView(header.buffer)
  if (big) headerView.setBigUint64(8, BigInt(headerBytes), littleEndian)
  else headerView.setUint32(4, headerBytes, littleEndian)
  return concatExact([header, ifd])
}

async function measureFromDisk(ctx: AnalyzerContext, head: Uint8Array): Promise<Measurement | null> {
  try {
    const bytes = (await tiffWithIfdOnly(ctx.absPath, head))
      ?? (await readAt(ctx.absPath, 0, Math.min(REREAD_LIMIT, ctx.bytes)))
    return measure(bytes)
  } catch {
    return null
  }
}

async function analyze(ctx: AnalyzerContext, head: HeadCollector): Promise<ContentAnalysis> {
  const bytes = head.bytes()
  let result = measure(bytes)
  // Re-reading only makes sense when the disk holds the same bytes we were streamed.
  if (!result.ok && head.truncated && ctx.compression === null) {
    result = (await measureFromDisk(ctx, bytes)) ?? result
  }
  if (result.ok) return { media: result.media, findings: [] }
  const finding: FindingDraft = { code: 'IMAGE_UNREADABLE', args: { reason: result.reason } }
  return { findings: [finding] }
}

/** Measures an image's width and height from its header (first 2 MiB, more from disk if needed). */
export function createImageAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  const head = new HeadCollector(HEAD_LIMIT)
  return {
    push: (chunk) => head.push(chunk),
    finish: () => analyze(ctx, head),
  }
}
