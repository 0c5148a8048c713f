import { createHash } from 'node:crypto'
import { compareStrings } from '../../util/order.js'
import { SipHash24 } from './siphash.js'

/**
 * How a unit's place in the draw is computed, written into every audit record so anyone can
 * re-derive the sample without tdgov.
 */
export const RANK_METHOD =
  'siphash-2-4; key = first 16 bytes of sha256(utf8(seed)); message = utf8(item_id) 0x1f utf8(annotator or ""); ' +
  'rank = the 64-bit result as an unsigned number, ties broken by the message as a string; ' +
  'the n smallest ranks of each stratum are the sample'

/** A unit's rank: the 64-bit hash as two unsigned halves. */
export interface Rank {
  hi: number
  lo: number
}

/** A rank as the record writes it: 16 hex digits. */
export function rankHex(rank: Rank): string {
  return rank.hi.toString(16).padStart(8, '0') + rank.lo.toString(16).padStart(8, '0')
}

/** The message that identifies a unit: its item id and annotator. */
export function unitKey(itemId: string, annotator: string | null): string {
  return `${itemId}\u001f${annotator ?? ''}`
}

/** Ranks units for one seed. Reuses one encode buffer, so ranking allocates only the result. */
export class Ranker {
  private readonly sip: SipHash24
  private buffer = new Uint8Array(256)
  private readonly encoder = new TextEncoder()

  constructor(seed: string) {
    this.sip = new SipHash24(createHash('sha256').update(seed, 'utf8').digest().subarray(0, 16))
  }

  rank(key: string): Rank {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (key.length * 3 > this.buffer.length) this.buffer = new Uint8Array(key.length * 3)
    const { written } = this.encoder.encodeInto(key, this.buffer)
    const h = this.sip.hash(this.buffer, written)
    return { hi: h.hi, lo: h.lo }
  }
}

/** Orders ranks, then keys (a 64-bit tie is all but impossible, but the order must not depend on input order). */
export function compareRanked(a: Rank & { key: string }, b: Rank & { key: string }): number {
  if (a.hi !== b.hi) return a.hi < b.hi ? -1 : 1
  if (a.lo !== b.lo) return a.lo < b.lo ? -1 : 1
  return compareStrings(a.key, b.key)
}
