/**
 * Minimal encoders for generating real media files in tests and demo fixtures without shipping
 * binaries: an RGBA PNG and a mono 16-bit PCM WAV.
 */
import { deflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

// node:zlib only has crc32 from Node 22 on; the engines field allows Node 20.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 (IEEE 802.3), as PNG chunks require. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(4 + typeAndData.length + 4) // length, type + data, CRC
  out.writeUInt32BE(data.length, 0)
  typeAndData.copy(out, 4)
  out.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length)
  return out
}

/**
 * Encodes 8-bit RGBA pixels (row-major, `width * height * 4` bytes) as a non-interlaced PNG.
 * Every scanline uses filter type 0, which keeps the encoder trivial at the cost of size.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`expected positive integer dimensions, got ${width}x${height}`)
  }
  const stride = width * 4
  if (rgba.length !== stride * height) {
    throw new RangeError(`expected ${stride * height} RGBA bytes for ${width}x${height}, got ${rgba.length}`)
  }
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  ])
}

/** Encodes mono 16-bit PCM samples as a canonical 44-byte-header RIFF/WAVE file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  if (!Number.isInteger(sampleRate) || sampleRate < 1) {
    throw new RangeError(`expected a positive integer sample rate, got ${sampleRate}`)
  }
  const dataBytes = samples.length * 2
  const out = Buffer.alloc(44 + dataBytes)
  out.write('RIFF', 0, 'latin1')
  out.writeUInt32LE(36 + dataBytes, 4)
  out.write('WAVE', 8, 'latin1')
  out.write('fmt ', 12, 'latin1')
  out.writeUInt32LE(16, 16) // fmt chunk size
  out.writeUInt16LE(1, 20) // PCM
  out.writeUInt16LE(1, 22) // channels
  out.writeUInt32LE(sampleRate, 24)
  out.writeUInt32LE(sampleRate * 2, 28) // byte rate
  out.writeUInt16LE(2, 32) // block align
  out.writeUInt16LE(16, 34) // bits per sample
  out.write('data', 36, 'latin1')
  out.writeUInt32LE(dataBytes, 40)
  samples.forEach((sample, i) => out.writeInt16LE(sample, 44 + i * 2))
  return out
}
