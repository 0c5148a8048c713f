/**
 * The source each duplicate key (a 53-bit hash of a record's normalised text) was first seen in,
 * in typed arrays: 12 bytes a slot instead of the ~45 a Map entry with a boxed number key costs,
 * and no ceiling at 2^24 entries (a Map's), which a dataset of tens of millions of texts reaches.
 * Open addressing with linear probing, doubled past 85 % full: 3M keys then fit 4 Mi slots (48 MB)
 * instead of 8 Mi, for about 22 probes a new key at the fullest (the keys are hashes, so they
 * spread); a key of NaN marks an empty slot (keys are integers).
 */
export class FirstSources {
  private keys = new Float64Array(1 << 12).fill(NaN)
  private sources = new Int32Array(1 << 12)
  private used = 0
  private readonly ids = new Map<string | null, number>()

  get size(): number {
    return this.used
  }

  /**
   * Records `source` for `key` when the key is new and returns undefined; otherwise returns
   * whether its first source was another one (the key is left as it was).
   */
  seen(key: number, source: string | null): boolean | undefined {
    let id = this.ids.get(source)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(source, id)
    }
    const mask = this.keys.length - 1
    for (let slot = hashSlot(key) & mask; ; slot = (slot + 1) & mask) {
      const at = this.keys[slot]!
      if (at === key) return this.sources[slot] !== id
      if (Number.isNaN(at)) {
        this.keys[slot] = key
        this.sources[slot] = id
        if (++this.used * 20 > this.keys.length * 17) this.grow()
        return undefined
      }
    }
  }

  private grow(): void {
    const { keys, sources } = this
    this.keys = new Float64Array(keys.length * 2).fill(NaN)
    this.sources = new Int32Array(keys.length * 2)
    const mask = this.keys.length - 1
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (Number.isNaN(key)) continue
      let slot = hashSlot(key) & mask
      while (!Number.isNaN(this.keys[slot]!)) slot = (slot + 1) & mask
      this.keys[slot] = key
      this.sources[slot] = sources[i]!
    }
  }
}

/** Mixes both halves of a 53-bit key into 32 bits, so keys that differ only in their high bits spread. */
function hashSlot(key: number): number {
  const lo = key >>> 0
  const hi = Math.floor(key / 4294967296) >>> 0
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0
}
