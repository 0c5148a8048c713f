import { createHash } from 'node:crypto'
import { SipHash24 } from './siphash.js'

export const FINGERPRINT_METHOD =
  'sha256 of "<units>:<lanes>", where lanes are four 32-bit sums (mod 2^32) of siphash-2-4 ' +
  '(keys 0x00…0f and 0x10…1f) over utf8(item_id 0x1f annotator 0x1f labels joined by 0x1e); ' +
  'the sums make it independent of the order of the units'

/**
 * An order-independent fingerprint of a population of annotations: the same units in any order,
 * or split over files differently, give the same value; changing any label changes it.
 */
export class PopulationFingerprint {
  private readonly first = new SipHash24(Uint8Array.from({ length: 16 }, (_, i) => i))
  private readonly second = new SipHash24(Uint8Array.from({ length: 16 }, (_, i) => 16 + i))
  private readonly lanes = new Uint32Array(4)
  private readonly encoder = new TextEncoder()
  private buffer = new Uint8Array(512)
  units = 0

  add(key: string, labels: readonly string[]): void {
    const message = `${key}\u001f${labels.join('\u001e')}`
    if (message.length * 3 > this.buffer.length) this.buffer = new Uint8Array(message.length * 3)
    const { written } = this.encoder.encodeInto(message, this.buffer)
    const a = this.first.hash(this.buffer, written)
    this.lanes[0] = this.lanes[0]! + a.hi
    this.lanes[1] = this.lanes[1]! + a.lo
    const b = this.second.hash(this.buffer, written)
    this.lanes[2] = this.lanes[2]! + b.hi
    this.lanes[3] = this.lanes[3]! + b.lo
    this.units++
  }

  digest(): string {
    const lanes = [...this.lanes].map((lane) => lane.toString(16).padStart(8, '0')).join('')
    return createHash('sha256').update(`${this.units}:${lanes}`).digest('hex')
  }
}
