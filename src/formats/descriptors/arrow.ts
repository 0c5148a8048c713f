import type { FormatDescriptor } from '../format-descriptor.js'

const ARROW1 = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]

/** Arrow IPC file format (Feather v2). */
export const arrow: FormatDescriptor = {
  name: 'arrow',
  extensions: ['arrow', 'feather'],
  magic: (head) => ARROW1.every((byte, i) => head[i] === byte),
  binary: true,
  modality: 'tabular',
  records: true,
  text: false,
  offload: 'never',
  guarded: true,
  reader: async (ctx) => (await import('../arrow.js')).createArrowAnalyzer(ctx, 'file'),
}

/** Arrow IPC stream: opens with the 0xFFFFFFFF continuation marker and a positive metadata length. */
export const arrowStream: FormatDescriptor = {
  name: 'arrow-stream',
  extensions: ['arrows'],
  magic: (head) => {
    if (head.length < 8 || head[0] !== 0xff || head[1] !== 0xff || head[2] !== 0xff || head[3] !== 0xff) return false
    const length = (head[4]! | (head[5]! << 8) | (head[6]! << 16) | (head[7]! << 24)) >>> 0
    return length > 0 && length < 1 << 30
  },
  binary: true,
  modality: 'tabular',
  records: true,
  text: false,
  offload: 'never',
  guarded: true,
  reader: async (ctx) => (await import('../arrow.js')).createArrowAnalyzer(ctx, 'stream'),
}
