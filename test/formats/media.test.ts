import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeInChunks } from '../helpers/analyze.js'
import { crc32, encodePng, encodeWav } from '../../scripts/png.js'
import { createImageAnalyzer } from '../../src/formats/image.js'
import { createMediaAnalyzer } from '../../src/formats/media.js'
import { sniffMedia } from '../../src/formats/sniff-media.js'
import type { AnalyzerContext, Compression, ContentAnalysis, ContentAnalyzer } from '../../src/formats/types.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdgov-media-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function writeSample(name: string, bytes: Uint8Array, compression: Compression | null = null): Promise<AnalyzerContext> {
  const absPath = join(dir, name)
  await writeFile(absPath, bytes)
  return { absPath, relPath: name, bytes: bytes.length, compression, deep: false, sampleSize: 100, pii: 'off', tokens: 'off' }
}

/** Feeds `bytes` through one reused Buffer, scribbled over after each push, as the scanner may. */
function feed(analyzer: ContentAnalyzer, bytes: Uint8Array, chunkSize = 5): Promise<ContentAnalysis> {
  return analyzeInChunks(() => analyzer, bytes, chunkSize)
}

function gif(width: number, height: number): Buffer {
  // LZW with min code size 2 (clear = 4, end = 5): a clear code before every pixel keeps the
  // code width at 3 bits, so the stream can be packed without building a dictionary.
  const codes = [...Array.from({ length: width * height }, () => [4, 0]).flat(), 5]
  const packed: number[] = []
  let bits = 0
  let accumulator = 0
  for (const code of codes) {
    accumulator |= code << bits
    bits += 3
    while (bits >= 8) {
      packed.push(accumulator & 0xff)
      accumulator >>= 8
      bits -= 8
    }
  }
  if (bits > 0) packed.push(accumulator)
  const header = Buffer.from('GIF89a', 'latin1')
  const screen = Buffer.from([width, 0, height, 0, 0x80, 0, 0]) // global colour table of 2 entries
  const palette = Buffer.from([0, 0, 0, 0xff, 0xff, 0xff])
  const descriptor = Buffer.from([0x2c, 0, 0, 0, 0, width, 0, height, 0, 0])
  expect(packed.length).toBeLessThan(256) // one data sub-block
  const data = Buffer.from([2, packed.length, ...packed, 0])
  return Buffer.concat([header, screen, palette, descriptor, data, Buffer.from([0x3b])])
}

/** 24-bit bottom-up BMP with BITMAPINFOHEADER; rows padded to 4 bytes. */
function bmp(width: number, height: number): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4
  const out = Buffer.alloc(54 + rowBytes * height)
  out.write('BM', 0, 'latin1')
  out.writeUInt32LE(out.length, 2)
  out.writeUInt32LE(54, 10)
  out.writeUInt32LE(40, 14)
  out.writeInt32LE(width, 18)
  out.writeInt32LE(height, 22)
  out.writeUInt16LE(1, 26) // planes
  out.writeUInt16LE(24, 28) // bits per pixel
  out.writeUInt32LE(rowBytes * height, 34)
  return out
}

/** A baseline JPEG header whose SOF0 sits behind more than 2 MiB of APP1 segments. */
function jpegBehindLargeSegments(width: number, height: number): Buffer {
  const app1 = Buffer.alloc(2 + 65535)
  app1.writeUInt16BE(0xffe1, 0)
  app1.writeUInt16BE(65535, 2)
  app1.write('XMP\0', 4, 'latin1')
  const sof0 = Buffer.from([0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array<Buffer>(34).fill(app1), sof0, Buffer.from([0xff, 0xd9])])
}

/**
 * A TIFF whose only IFD follows the pixel data, as libtiff writes it. 17 MiB of pixels put the
 * IFD beyond both the 2 MiB head and the 16 MiB whole-file re-read.
 */
function tiffWithTrailingIfd(width: number, height: number, littleEndian = true): Buffer {
  const pixels = 17 * 1024 * 1024
  const ifdOffset = 8 + pixels
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, width], // ImageWidth, LONG
    [257, 3, height], // ImageLength, SHORT
    [258, 3, 8], // BitsPerSample
    [273, 4, 8], // StripOffsets
  ]
  const ifd = new DataView(new ArrayBuffer(2 + entries.length * 12 + 4))
  ifd.setUint16(0, entries.length, littleEndian)
  entries.forEach(([tag, type, value], i) => {
    ifd.setUint16(2 + i * 12, tag, littleEndian)
    ifd.setUint16(4 + i * 12, type, littleEndian)
    ifd.setUint32(6 + i * 12, 1, littleEndian)
    if (type === 3) ifd.setUint16(10 + i * 12, value, littleEndian)
    else ifd.setUint32(10 + i * 12, value, littleEndian)
  })
  const header = new DataView(new ArrayBuffer(8))
  header.setUint16(0, littleEndian ? 0x4949 : 0x4d4d)
  header.setUint16(2, 42, littleEndian)
  header.setUint32(4, ifdOffset, littleEndian)
  return Buffer.concat([new Uint8Array(header.buffer), Buffer.alloc(pixels, 0x80), new Uint8Array(ifd.buffer)])
}

function sine(seconds: number, sampleRate: number): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)))
}

const png = encodePng(7, 3, new Uint8Array(7 * 3 * 4).fill(0x7f))
const wav = encodeWav(sine(1.5, 8000), 8000)
/** MIDI header chunk plus an empty track: a real audio format music-metadata has no parser for. */
const midi = Buffer.from([
  ...Buffer.from('MThd', 'latin1'), 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
  ...Buffer.from('MTrk', 'latin1'), 0, 0, 0, 4, 0, 0xff, 0x2f, 0,
])
const garbage = Buffer.from('this is plain text pretending to be a media file\n'.repeat(20), 'latin1')

describe('scripts/png', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926)
  })

  it('rejects RGBA buffers of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 RGBA bytes/)
  })

  it('writes a 44-byte WAV header plus 2 bytes per sample', () => {
    expect(wav.length).toBe(44 + 12000 * 2)
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF')
  })
})

describe('sniffMedia', () => {
  it.each([
    ['png', png, 'image'],
    ['gif', gif(5, 3), 'image'],
    ['bmp', bmp(4, 2), 'image'],
    ['jpg', jpegBehindLargeSegments(3, 2).subarray(0, 1024 * 1024), 'image'],
    ['tif', tiffWithTrailingIfd(2, 2).subarray(0, 1024 * 1024), 'image'],
    ['wav', wav, 'audio'],
    ['mid', midi, 'audio'],
  ] as const)('recognises %s', async (format, bytes, modality) => {
    expect(await sniffMedia(bytes)).toEqual({ format, modality })
  })

  it('returns null for content without a known signature', async () => {
    expect(await sniffMedia(garbage)).toBeNull()
    expect(await sniffMedia(new Uint8Array(0))).toBeNull()
  })
})

describe('createImageAnalyzer', () => {
  it.each([
    ['png', png, 7, 3],
    ['gif', gif(5, 3), 5, 3],
    ['bmp', bmp(4, 2), 4, 2],
  ] as const)('measures a %s fed in 5-byte chunks', async (format, bytes, width, height) => {
    const ctx = await writeSample(`image.${format}`, bytes)
    expect(await feed(createImageAnalyzer(ctx), bytes)).toEqual({ media: { width, height }, findings: [] })
  })

  it('reads past the 2 MiB head from disk when a JPEG header sits behind large segments', async () => {
    const bytes = jpegBehindLargeSegments(640, 480)
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024)
    const ctx = await writeSample('big-exif.jpg', bytes)
    expect(await feed(createImageAnalyzer(ctx), bytes, 65_537)).toEqual({ media: { width: 640, height: 480 }, findings: [] })
  })

  it.each([
    ['little', true],
    ['big', false],
  ])('reads just the IFD of a %s-endian TIFF that stores it after the pixel data', async (_order, littleEndian) => {
    const bytes = tiffWithTrailingIfd(1024, 768, littleEndian)
    const ctx = await writeSample('trailing-ifd.tif', bytes)
    expect(await feed(createImageAnalyzer(ctx), bytes, 65_537)).toEqual({ media: { width: 1024, height: 768 }, findings: [] })
  })

  it('does not re-read compressed files from disk, whose bytes differ from the stream', async () => {
    const bytes = jpegBehindLargeSegments(640, 480)
    const ctx = await writeSample('big-exif-2.jpg', bytes, 'gzip')
    const result = await feed(createImageAnalyzer(ctx), bytes, 65_537)
    expect(result.media).toBeUndefined()
    expect(result.findings.map((f) => f.code)).toEqual(['IMAGE_UNREADABLE'])
  })

  // The truncated PNG ends inside IHDR: image-size must not read past it into pooled memory.
  it.each([
    ['PNG cut inside IHDR', png.subarray(0, 20), /^header ends after 20 bytes; expected/],
    ['PNG without IHDR', png.subarray(0, 8), /expected IHDR/],
    ['JPEG cut inside a segment', jpegBehindLargeSegments(1, 1).subarray(0, 100), /JPEG segment runs past the end/],
    ['text file', garbage, /^no known image signature; expected PNG/],
    ['empty file', new Uint8Array(0), /^file is empty; expected/],
  ])('reports IMAGE_UNREADABLE for a %s', async (_name, bytes, reason) => {
    const ctx = await writeSample('broken.img', bytes)
    const result = await feed(createImageAnalyzer(ctx), bytes)
    expect(result).toEqual({ findings: [{ code: 'IMAGE_UNREADABLE', args: { reason: expect.stringMatching(reason) } }] })
  })
})

describe('createMediaAnalyzer', () => {
  it('reads the duration of a 1.5 s WAV', async () => {
    const ctx = await writeSample('tone.wav', wav)
    const result = await feed(createMediaAnalyzer(ctx), wav)
    expect(result.findings).toEqual([])
    expect(result.media?.durationSeconds).toBeCloseTo(1.5, 2)
    expect(result.media?.width).toBeUndefined()
  })

  it('identifies a WAV by content even when its extension says otherwise', async () => {
    const ctx = await writeSample('misnamed.mp3', wav)
    const result = await feed(createMediaAnalyzer(ctx), wav)
    expect(result).toEqual({ media: { durationSeconds: 1.5 }, findings: [] })
  })

  it('parses compressed media from the streamed, decompressed bytes', async () => {
    const ctx = await writeSample('tone.wav.gz', garbage, 'gzip') // on disk: not the streamed bytes
    const result = await feed(createMediaAnalyzer(ctx), wav, 4096)
    expect(result).toEqual({ media: { durationSeconds: 1.5 }, findings: [] })
  })

  it('reports the duration of the samples present in a truncated WAV, without a finding', async () => {
    const truncated = wav.subarray(0, 44 + 8000 * 2)
    const ctx = await writeSample('truncated.wav', truncated)
    expect(await feed(createMediaAnalyzer(ctx), truncated)).toEqual({ media: { durationSeconds: 1 }, findings: [] })
  })

  it('reports nothing for a recognised format music-metadata cannot measure', async () => {
    const ctx = await writeSample('tune.mid', midi)
    expect(await feed(createMediaAnalyzer(ctx), midi)).toEqual({ findings: [] })
  })

  it.each([
    ['garbage.bin', garbage],
    ['garbage.wav', garbage],
    ['empty.mp3', new Uint8Array(0)],
  ])('reports MEDIA_UNREADABLE for %s without naming the absolute path', async (name, bytes) => {
    const ctx = await writeSample(name, bytes)
    const result = await feed(createMediaAnalyzer(ctx), bytes)
    expect(result.media).toBeUndefined()
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ code: 'MEDIA_UNREADABLE', args: { reason: expect.stringMatching(/expected/) } })
    expect(String(result.findings[0]?.args?.reason)).not.toContain(dir)
  })
})
