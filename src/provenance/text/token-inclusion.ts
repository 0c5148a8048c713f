import { hash } from 'node:crypto'

/** Files at least this large are always tokenised; smaller ones with probability bytes / this. */
export const TOKEN_INCLUSION_BYTES = 16_384

export interface TokenInclusion {
  /** π, the probability that this file is tokenised */
  probability: number
  included: boolean
}

/**
 * Poisson sampling of files with probability proportional to size (πps), capped at 1: a file of
 * `contentBytes` is tokenised with π = min(1, contentBytes / 16384), and the draw is
 * u(path) < π. Each file's draw depends on its own path only, so the sample is the same whatever
 * order, thread or batch the scan handles files in, and the draws of different files are
 * independent, as Poisson sampling requires (Särndal, Swensson & Wretman 1992, Model Assisted
 * Survey Sampling, on Poisson and πps designs). Pass the path in a form that is stable across runs and platforms (relative, '/').
 *
 * Cost: a file under 16 KiB is tokenised (in full) with probability X/16 KiB, so it costs X²/16 KiB
 * bytes on average: 100,000 files of 2 KiB tokenise about 12,500 files, 25 MB, a few seconds. Larger
 * files, which carry most of the tokens, are always measured, on a sample of their records.
 */
export function tokenInclusion(path: string, contentBytes: number, inclusionBytes = TOKEN_INCLUSION_BYTES): TokenInclusion {
  const probability = contentBytes > 0 ? Math.min(1, contentBytes / inclusionBytes) : 0
  return { probability, included: uniformFromPath(path) < probability }
}

/**
 * A uniform number in [0, 1) from the first 53 bits of SHA-256("tokens\0" + path). 53 bits rather
 * than 64: a 64-bit integer divided by 2^64 can round up to exactly 1 in floating point, which
 * would exclude a file whose π is 1.
 */
export function uniformFromPath(path: string): number {
  const digest = hash('sha256', `tokens\0${path}`, 'buffer')
  return (digest.readUInt32BE(0) * 2 ** 21 + (digest.readUInt32BE(4) >>> 11)) / 2 ** 53
}
