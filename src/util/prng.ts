import { createHash } from 'node:crypto'

/**
 * xoshiro128** seeded from SHA-256 of a string: small, fast and reproducible on every platform,
 * which is all a per-file record sample needs (audits use their own hash-rank sampling).
 */
export class SeededRandom {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  constructor(seed: string) {
    const digest = createHash('sha256').update(seed).digest()
    this.s0 = digest.readUInt32LE(0)
    this.s1 = digest.readUInt32LE(4)
    this.s2 = digest.readUInt32LE(8)
    this.s3 = digest.readUInt32LE(12) | 1
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result / 4294967296
  }

  /** Uniform in (0, 1): safe to take the logarithm of. */
  nextOpen(): number {
    let u = this.next()
    while (u === 0) u = this.next()
    return u
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}
