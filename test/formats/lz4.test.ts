import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { lz4BlockDecompress, lz4FrameDecompress, lz4HadoopDecompress, lz4ParquetDecompress } from '../../src/formats/lz4.js'
import { SeededRandom } from '../../src/util/prng.js'

const hasLz4 = spawnSync('lz4', ['--version'], { stdio: 'ignore' }).status === 0

/** Compressible text with long repeats and some noise: matches near and far, literals in between. */
function sample(bytes: number): Buffer {
  const random = new SeededRandom('lz4 sample')
  const words = ['数据', 'governance', 'parquet ', '训练', 'arrow', ' ', '\n', '联系电话']
  let text = ''
  while (Buffer.byteLength(text) < bytes) text += random.next() < 0.05 ? String(random.next()) : words[Math.floor(random.next() * words.length)]
  return Buffer.from(text).subarray(0, bytes)
}

/** Byte equality (vitest's deep equality is slow on large buffers, and its diff unreadable). */
function same(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length)
  expect(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected)).toBe(true)
}

/** Frames written by the lz4 command-line tool (the reference encoder). */
function lz4Cli(input: Uint8Array, args: string[]): Uint8Array {
  const result = spawnSync('lz4', ['-q', '-c', ...args], { input })
  if (result.status !== 0) throw new Error(`lz4 ${args.join(' ')} failed: ${result.stderr.toString()}`)
  return new Uint8Array(result.stdout)
}

/** The single compressed block of a frame written with -B4 --no-frame-crc (7-byte header, 4-byte size). */
function onlyBlock(frame: Uint8Array): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const size = view.getUint32(7, true)
  if (size & 0x80000000) throw new Error('the block was stored uncompressed')
  const block = frame.subarray(11, 11 + size)
  expect(view.getUint32(11 + size, true)).toBe(0) // end mark: it was the only block
  return block
}

describe.skipIf(!hasLz4)('LZ4 decoding against the lz4 command-line tool (skipped: lz4 absent)', () => {
  const input = sample(600_000)

  it.each([
    ['defaults', []],
    ['64 KiB linked blocks', ['-B4', '-BD']],
    ['64 KiB independent blocks with block checksums', ['-B4', '-BX']],
    ['content size in the header', ['--content-size']],
    ['no content checksum', ['--no-frame-crc']],
    ['highest compression', ['-12', '-B5', '-BD']],
  ])('frames: %s', (_label, args) => {
    const frame = lz4Cli(input, args)
    same(lz4FrameDecompress(frame), input)
    same(lz4FrameDecompress(frame, input.length), input)
    expect(() => lz4FrameDecompress(frame, input.length - 1)).toThrow(/^lz4 (frame|block): output exceeds/)
  })

  it('concatenated frames and incompressible data (stored blocks)', () => {
    const noise = new Uint8Array(100_000)
    const random = new SeededRandom('noise')
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random.next() * 256)
    const both = Buffer.concat([lz4Cli(input, ['-B4']), lz4Cli(noise, [])])
    same(lz4FrameDecompress(both), Buffer.concat([input, noise]))
  })

  it('bare blocks (LZ4_RAW) and Hadoop framing (Parquet LZ4), cut from frames the tool wrote', () => {
    const part = input.subarray(0, 60_000)
    const block = onlyBlock(lz4Cli(part, ['-B4', '--no-frame-crc']))
    same(lz4BlockDecompress(block, part.length), part)
    expect(() => lz4BlockDecompress(block, part.length + 1)).toThrow('lz4 block: decoded 60000 bytes; expected 60001')
    expect(() => lz4BlockDecompress(block, part.length - 1)).toThrow(/output exceeds/)
    expect(() => lz4BlockDecompress(block.subarray(0, block.length - 3), part.length)).toThrow(/lz4 block/)

    const second = input.subarray(60_000, 110_000)
    const block2 = onlyBlock(lz4Cli(second, ['-B4', '--no-frame-crc']))
    const header = (raw: number, compressed: number): Uint8Array => {
      const h = new DataView(new ArrayBuffer(8))
      h.setUint32(0, raw)
      h.setUint32(4, compressed)
      return new Uint8Array(h.buffer)
    }
    const hadoop = Buffer.concat([header(part.length, block.length), block, header(second.length, block2.length), block2])
    const expected = Buffer.concat([part, second])
    same(lz4HadoopDecompress(hadoop, expected.length)!, expected)
    same(lz4ParquetDecompress(hadoop, expected.length), expected)
    // what older parquet-cpp wrote for LZ4: a bare block, or a frame
    expect(lz4HadoopDecompress(block, part.length)).toBeNull()
    same(lz4ParquetDecompress(block, part.length), part)
    same(lz4ParquetDecompress(lz4Cli(part, []), part.length), part)
  })
})

describe('LZ4 block format by hand', () => {
  it('decodes an overlapping match (a run) and a trailing literal', () => {
    // token 0x1f: 1 literal 'a', match of 15+4+(1) = 20 at offset 1; then token 0x10: 1 literal 'b'
    const block = Uint8Array.of(0x1f, 0x61, 0x01, 0x00, 0x01, 0x10, 0x62)
    expect(Buffer.from(lz4BlockDecompress(block, 22)).toString()).toBe(`${'a'.repeat(21)}b`)
  })

  it('rejects a match that points before the output', () => {
    expect(() => lz4BlockDecompress(Uint8Array.of(0x10, 0x61, 0x05, 0x00), 10)).toThrow('lz4 block: match offset 5 at byte 2 points before the output')
  })
})
