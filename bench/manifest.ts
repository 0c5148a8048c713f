/**
 * Tolerant reading of a tdgov manifest for the benchmark's correctness checks. The bench only
 * needs, per file, its path, sha256 and record count, so it looks for them wherever they are:
 * a file entry is any object with a 64-hex `sha256` and a string `path` (or, in a map keyed by
 * path, any object value with a 64-hex `sha256`).
 */
import fs from 'node:fs'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export interface FileEntry {
  path: string
  sha256: string
  records: number | null
}

const HEX64 = /^[0-9a-f]{64}$/i
const RECORD_KEYS = ['records', 'rows', 'numRows', 'recordCount', 'rowCount']

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function recordsOf(entry: JsonObject): number | null {
  for (const k of RECORD_KEYS) {
    const v = entry[k]
    if (typeof v === 'number') return v
  }
  // one level down, e.g. { content: { records } }
  for (const v of Object.values(entry)) {
    if (!isObject(v)) continue
    for (const k of RECORD_KEYS) {
      const inner = v[k]
      if (typeof inner === 'number') return inner
    }
  }
  return null
}

export function readManifest(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json
}

/** Every file entry found in the manifest (deduplicated by path). */
export function fileEntries(manifest: Json): Map<string, FileEntry> {
  const out = new Map<string, FileEntry>()
  const walk = (v: Json, keyAsPath: string | null): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item, null)
      return
    }
    if (!isObject(v)) return
    const sha = v['sha256']
    if (typeof sha === 'string' && HEX64.test(sha)) {
      // a map keyed by path: accept keys that look like file paths only (not e.g. `fingerprint`)
      const p = typeof v['path'] === 'string' ? v['path'] : keyAsPath !== null && /[./]/.test(keyAsPath) ? keyAsPath : null
      if (p !== null && !out.has(p)) out.set(p, { path: p, sha256: sha.toLowerCase(), records: recordsOf(v) })
    }
    for (const [k, child] of Object.entries(v)) walk(child, k)
  }
  walk(manifest, null)
  return out
}

/** The entry whose path ends with `/name` or equals `name`. */
export function findEntry(entries: Map<string, FileEntry>, name: string): FileEntry | null {
  for (const e of entries.values()) {
    if (e.path === name || e.path.endsWith(`/${name}`)) return e
  }
  return null
}
