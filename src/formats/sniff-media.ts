export type MediaModality = 'image' | 'audio' | 'video' | 'other'

export interface SniffedMedia {
  /** file-type's extension: png, jpg, wav, mp4, m4a, webm, pdf, zip, … */
  format: string
  modality: MediaModality
}

type FileTypeFromBuffer = typeof import('file-type').fileTypeFromBuffer

let fileTypeModule: Promise<FileTypeFromBuffer> | undefined

// Loaded on first use so scans of text-only datasets never pay for file-type's start-up.
function loadFileType(): Promise<FileTypeFromBuffer> {
  fileTypeModule ??= import('file-type').then((module) => module.fileTypeFromBuffer)
  return fileTypeModule
}

/**
 * Containers that are audio/video but whose MIME type file-type files under application/.
 * Ogg (ogx) and ASF with no recognised stream keep 'other': their content could be either.
 */
const APPLICATION_MEDIA: Readonly<Record<string, MediaModality>> = {
  'application/mxf': 'video',
  'application/vnd.rn-realmedia': 'video',
}

function modalityOf(mime: string): MediaModality {
  if (mime.startsWith('image/')) return 'image'
  if (mime.startsWith('audio/')) return 'audio'
  if (mime.startsWith('video/')) return 'video'
  return APPLICATION_MEDIA[mime] ?? 'other'
}

const TIFF_SIGNATURES = [[0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]]

/**
 * file-type seeks to a TIFF's first IFD to tell TIFF from Sony ARW or Adobe DNG, and gives up
 * when that IFD lies beyond the head, as it does in large files written by libtiff.
 */
function isTiffHeader(head: Uint8Array): boolean {
  return TIFF_SIGNATURES.some((signature) => signature.every((byte, i) => head[i] === byte))
}

/**
 * Identifies a binary file from its first bytes (up to 1 MiB). Container formats are reported as
 * file-type resolves them: MP4-family files by their ftyp brand (M4A brand → m4a, audio; other
 * brands → mp4/mov, video, even when audio-only), Ogg by its first stream (opus/oga/ogg audio,
 * ogv video, ogx other), Matroska and WebM always as video. Null when the signature is not recognised.
 */
export async function sniffMedia(head: Uint8Array): Promise<SniffedMedia | null> {
  const fileTypeFromBuffer = await loadFileType()
  try {
    const detected = await fileTypeFromBuffer(head)
    if (detected) return { format: detected.ext, modality: modalityOf(detected.mime) }
    return isTiffHeader(head) ? { format: 'tif', modality: 'image' } : null
  } catch {
    // file-type throws on some malformed containers; for sniffing that means "not recognised".
    return null
  }
}
