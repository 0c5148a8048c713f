import { isUtf8 } from 'node:buffer'
import path from 'node:path'

/**
 * How a name from the file system is written into the manifest. Names are bytes; the manifest is
 * JSON text, so a name that is not UTF-8 cannot be written as it is. Such a name is recorded
 * escaped: each byte that is not part of a valid UTF-8 sequence becomes `\xNN` (two lower-case hex
 * digits) and each backslash becomes `\\`. A UTF-8 name is recorded as it is, unless it holds `\\`
 * or `\xNN` itself: it is then escaped the same way (only its backslashes doubled), so that no
 * recorded name can be read two ways. A recorded name holding `\\` or `\xNN` is therefore always
 * an escaped one, and `nameBytes` turns it back into the exact bytes.
 */
const ESCAPE_MARK = /\\\\|\\x[0-9a-fA-F]{2}/

export type RecordedName =
  | { name: string; escaped: false }
  | { name: string; escaped: true; reason: 'not-utf8' | 'backslash' }

export function recordedName(bytes: Buffer): RecordedName {
  if (isUtf8(bytes)) {
    const name = bytes.toString('utf8')
    if (!ESCAPE_MARK.test(name)) return { name, escaped: false }
    return { name: name.replaceAll('\\', '\\\\'), escaped: true, reason: 'backslash' }
  }
  let name = ''
  let i = 0
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i)
    if (length === 0) {
      name += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`
      i += 1
    } else {
      name += bytes.toString('utf8', i, i + length).replaceAll('\\', '\\\\')
      i += length
    }
  }
  return { name, escaped: true, reason: 'not-utf8' }
}

/** The bytes a recorded name (one path component) stands for. */
export function nameBytes(recorded: string): Buffer {
  if (!ESCAPE_MARK.test(recorded)) return Buffer.from(recorded, 'utf8')
  const parts: Buffer[] = []
  let plain = ''
  for (let i = 0; i < recorded.length; i++) {
    const char = recorded[i]!
    if (char === '\\' && recorded[i + 1] === '\\') {
      plain += '\\'
      i += 1
    } else if (char === '\\' && recorded[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(recorded.slice(i + 2, i + 4))) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([parseInt(recorded.slice(i + 2, i + 4), 16)]))
      plain = ''
      i += 3
    } else plain += char
  }
  parts.push(Buffer.from(plain, 'utf8'))
  return Buffer.concat(parts)
}

/**
 * The path to open for a recorded POSIX path under `root`: the plain string when no part of it
 * was escaped (what almost every file gets), else the exact bytes, which `fs` accepts as a path.
 */
export function fsPathOf(root: string, relPath: string): string | Buffer {
  const parts = relPath.split('/')
  if (!parts.some((part) => ESCAPE_MARK.test(part))) return path.join(root, ...parts)
  const sep = Buffer.from(path.sep)
  const bytes: Buffer[] = [Buffer.from(root, 'utf8')]
  for (const part of parts) bytes.push(sep, nameBytes(part))
  return Buffer.concat(bytes)
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i]!
  if (lead < 0x80) return 1
  const [length, min, max] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f] // no UTF-16 surrogates
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : [0, 0, 0]
  if (length === 0 || i + length > bytes.length) return 0
  // The second byte's range rules out overlong forms and code points past U+10FFFF.
  const second = bytes[i + 1]!
  if (second < min || second > max) return 0
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k]!
    if (next < 0x80 || next > 0xbf) return 0
  }
  return length
}

/** A path to open: a string, or the exact bytes of one whose names are not all UTF-8. */
export type FsPath = string | Buffer

/**
 * A string path to an open file, for readers that reopen a file by name (Parquet footers, media
 * headers, annotation adapters) and take only strings: the path itself, or for one that is bytes
 * the open descriptor's name under /proc/self/fd (Linux; threads share the descriptor table).
 * Elsewhere such a reader gets the lossy string and reports the file as unreadable.
 */
export function stringPathOf(absPath: FsPath, fd: number): string {
  if (typeof absPath === 'string') return absPath
  return process.platform === 'linux' ? `/proc/self/fd/${fd}` : absPath.toString('utf8')
}
