import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import path from 'node:path'

/** A labelling-rules document larger than this is not read: rules are prose, not data. */
export const RULES_DOCUMENT_MAX_BYTES = 64 * 1024 * 1024

export type RulesDocumentProblem = 'missing' | 'outside' | 'not-a-file' | 'too-large'

export type RulesDocument = { sha256: string; problem: null } | { sha256: null; problem: RulesDocumentProblem }

/**
 * The sha256 of a labelling-rules document named in tdgov.yaml (relative to it), read only when
 * it is a regular file of bounded size whose real path stays inside tdgov.yaml's folder: a config
 * naming `/etc/shadow`, `/dev/zero` or a link out of the project gets a problem, not a hash.
 */
export function readRulesDocument(configFile: string, document: string, maxBytes = RULES_DOCUMENT_MAX_BYTES): RulesDocument {
  const base = path.dirname(path.resolve(configFile))
  const file = path.resolve(base, document)
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return { sha256: null, problem: 'missing' }
  }
  const rel = path.relative(realpathSync(base), real)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { sha256: null, problem: 'outside' }
  let fd: number
  try {
    // O_NONBLOCK: a FIFO put in its place must not hang the open; it is then refused as not a file.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch {
    return { sha256: null, problem: 'missing' }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { sha256: null, problem: 'not-a-file' }
    if (stat.size > maxBytes) return { sha256: null, problem: 'too-large' }
    const hash = createHash('sha256')
    const chunk = Buffer.alloc(1024 * 1024)
    let total = 0
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
      total += n
      // a file that grows while it is read is bounded too
      if (total > maxBytes) return { sha256: null, problem: 'too-large' }
      hash.update(chunk.subarray(0, n))
    }
    return { sha256: hash.digest('hex'), problem: null }
  } finally {
    closeSync(fd)
  }
}
