import fc from 'fast-check'

/**
 * Hostile variants of a real file, as a fuzzer makes them: bits flipped, the file cut short, two
 * files spliced, a run of bytes inserted or removed, bytes repeated, or noise. Each is a function
 * of the seed bytes and the arbitrary's choices, so a fixed fast-check seed gives the same inputs.
 */
export type Mutation =
  | { kind: 'flip'; positions: number[]; bits: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: number; from: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'noise'; bytes: Uint8Array }

const offset = fc.nat({ max: 1_000_000_000 })

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), positions: fc.array(offset, { minLength: 1, maxLength: 8 }), bits: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 8, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: offset }),
  fc.record({ kind: fc.constant('splice' as const), at: offset, other: fc.nat(), from: offset }),
  fc.record({ kind: fc.constant('insert' as const), at: offset, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: offset, length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: offset, length: fc.integer({ min: 1, max: 64 }), times: fc.integer({ min: 2, max: 200 }) }),
  fc.record({ kind: fc.constant('noise' as const), bytes: fc.uint8Array({ maxLength: 512 }) }),
)

export function mutate(seed: Uint8Array, mutation: Mutation, others: readonly Uint8Array[]): Uint8Array {
  const n = seed.length
  const pos = (x: number): number => (n === 0 ? 0 : x % (n + 1))
  switch (mutation.kind) {
    case 'flip': {
      const out = Uint8Array.from(seed)
      mutation.positions.forEach((p, i) => {
        if (n > 0) out[p % n]! ^= 1 << mutation.bits[i % mutation.bits.length]!
      })
      return out
    }
    case 'truncate':
      return seed.subarray(0, pos(mutation.at))
    case 'splice': {
      const other = others[mutation.other % others.length] ?? seed
      const from = other.length === 0 ? 0 : mutation.from % (other.length + 1)
      return concat(seed.subarray(0, pos(mutation.at)), other.subarray(from))
    }
    case 'insert':
      return concat(seed.subarray(0, pos(mutation.at)), mutation.bytes, seed.subarray(pos(mutation.at)))
    case 'delete': {
      const at = pos(mutation.at)
      return concat(seed.subarray(0, at), seed.subarray(at + mutation.length))
    }
    case 'repeat': {
      const at = pos(mutation.at)
      const run = seed.subarray(at, at + mutation.length)
      return concat(seed.subarray(0, at), ...Array<Uint8Array>(mutation.times).fill(run), seed.subarray(at))
    }
    case 'noise':
      return mutation.bytes
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
