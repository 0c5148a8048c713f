import { openAsBlob } from 'node:fs'
import type { IAudioMetadata, IOptions } from 'music-metadata'
import type { FindingDraft } from '../findings/finding.js'
import { HeadCollector } from './image.js'
import type { AnalyzerContext, ContentAnalysis, ContentAnalyzer, MediaInfo } from './types.js'
import { describeSystemError, STRUCTURE_UNDECODED } from '../util/library-error.js'

type MusicMetadata = typeof import('music-metadata')

let musicMetadataModule: Promise<MusicMetadata> | undefined

// Loaded on first use: datasets without audio or video never pay for music-metadata.
function loadMusicMetadata(): Promise<MusicMetadata> {
  musicMetadataModule ??= import('music-metadata')
  return musicMetadataModule
}

const PARSE_OPTIONS: IOptions = { duration: true, skipCovers: true }
/** Compressed media can only be parsed from the streamed, decompressed bytes, held in memory. */
const COMPRESSED_LIMIT = 32 * 1024 * 1024

function foundStream(metadata: IAudioMetadata): boolean {
  return metadata.format.container !== undefined || metadata.format.duration !== undefined
}

/**
 * parseFile reads with cheap random access but picks its parser by file extension, so a
 * misnamed file (a WAV saved as .mp3) yields nothing or an error. Only then is the file parsed
 * again with the parser chosen by content, through a Blob, which is several times slower.
 */
async function parseFromDisk(mm: MusicMetadata, absPath: string): Promise<IAudioMetadata> {
  try {
    const metadata = await mm.parseFile(absPath, PARSE_OPTIONS)
    if (foundStream(metadata)) return metadata
  } catch (error) {
    // Raised only after content sniffing, which the retry would repeat.
    if (error instanceof mm.UnsupportedFileTypeError) throw error
  }
  return await mm.parseBlob(await openAsBlob(absPath), PARSE_OPTIONS)
}

function roundDuration(seconds: number | undefined): number | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.round(seconds * 1000) / 1000
}

/** music-metadata reports frame size only for Matroska/WebM video tracks. */
function toMediaInfo(metadata: IAudioMetadata): MediaInfo {
  const media: MediaInfo = {}
  const video = metadata.format.trackInfo.find((track) => track.video?.pixelWidth)?.video
  if (video?.pixelWidth && video.pixelHeight) {
    media.width = video.pixelWidth
    media.height = video.pixelHeight
  }
  const durationSeconds = roundDuration(metadata.format.duration)
  if (durationSeconds !== undefined) media.durationSeconds = durationSeconds
  return media
}

function unreadable(reason: string): ContentAnalysis {
  const finding: FindingDraft = { code: 'MEDIA_UNREADABLE', args: { reason } }
  return { findings: [finding] }
}

/** Container names music-metadata's content errors carry (`fileType`): safe to repeat. */
const CONTAINER_NAME = /^[A-Za-z0-9]{2,12}$/

/**
 * music-metadata's failures in tdgov's words, by the error's class, never its message: those quote
 * header bytes as text (`FourCC contains invalid characters: … "\x0c…"`), absolute paths, and
 * change between versions.
 */
export function describeMediaError(error: unknown): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'CouldNotDetermineFileTypeError') {
    return 'unrecognised content; expected an audio or video container such as MP3, WAV, FLAC, Ogg, MP4 or Matroska'
  }
  if (name === 'EndOfStreamError') return 'the data ends inside a header; expected the rest of the container (truncated file?)'
  if (name === 'FieldDecodingError') return 'a header field holds bytes that are not valid for it; expected a well-formed container header'
  if (name.endsWith('ContentError')) {
    const fileType = (error as { fileType?: unknown }).fileType
    const container = typeof fileType === 'string' && CONTAINER_NAME.test(fileType) ? `${fileType} ` : ''
    return `the ${container}container's headers are inconsistent; expected a well-formed file`
  }
  return describeSystemError(error, STRUCTURE_UNDECODED)
}

async function analyze(ctx: AnalyzerContext, head: HeadCollector | null): Promise<ContentAnalysis> {
  // Beyond the limit a partial parse would report the duration of the part, not of the file.
  if (head?.truncated) return { findings: [] }
  let mm: MusicMetadata | undefined
  try {
    mm = await loadMusicMetadata()
    const metadata = head
      ? await mm.parseBuffer(head.bytes(), undefined, PARSE_OPTIONS)
      : await parseFromDisk(mm, ctx.absPath)
    if (!foundStream(metadata)) {
      return unreadable('no audio or video stream found; expected a readable container header')
    }
    // A WAV always states its duration (fmt and data chunks); one without it was cut inside its header.
    if (metadata.format.container === 'WAVE' && metadata.format.duration === undefined) {
      return unreadable('the data ends inside a header; expected the rest of the container (truncated file?)')
    }
    const media = toMediaInfo(metadata)
    return Object.keys(media).length > 0 ? { media, findings: [] } : { findings: [] }
  } catch (error) {
    // A recognised format music-metadata has no parser for (MIDI, AVI, MPEG-TS, …) is not damage.
    if (mm && error instanceof mm.UnsupportedFileTypeError) return { findings: [] }
    return unreadable(describeMediaError(error))
  }
}

/** Reads duration (and, for Matroska/WebM video, frame size) with music-metadata. */
export function createMediaAnalyzer(ctx: AnalyzerContext): ContentAnalyzer {
  // Uncompressed files are parsed from disk with random access, so the streamed bytes are unused.
  const head = ctx.compression === null ? null : new HeadCollector(COMPRESSED_LIMIT)
  return {
    push: (chunk) => head?.push(chunk),
    finish: () => analyze(ctx, head),
  }
}
