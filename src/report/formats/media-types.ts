import type { FileEntry } from '../../records/manifest-schema.js'

/**
 * MIME types of the manifest's formats, for Croissant's `encodingFormat` and SPDX's `contentType`.
 * The record formats use the spellings mlcroissant recognises (application/jsonlines,
 * application/x-parquet); Arrow, WAV and FLAC, which it does not know, their IANA types.
 */
const MEDIA_TYPES: Record<string, string> = {
  jsonl: 'application/jsonlines',
  json: 'application/json',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  parquet: 'application/x-parquet',
  arrow: 'application/vnd.apache.arrow.file',
  'arrow-stream': 'application/vnd.apache.arrow.stream',
  text: 'text/plain',
  xml: 'application/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
}

/** The bytes at the path are the compressed stream, so that is their type. */
const COMPRESSED_TYPES: Record<NonNullable<FileEntry['compression']>, string> = {
  gzip: 'application/gzip',
  zstd: 'application/zstd',
}

/** What the file's bytes are; application/octet-stream for a format without a known type. */
export function mediaTypeOf(file: Pick<FileEntry, 'format' | 'compression'>): string {
  if (file.compression) return COMPRESSED_TYPES[file.compression]
  return MEDIA_TYPES[file.format] ?? 'application/octet-stream'
}
