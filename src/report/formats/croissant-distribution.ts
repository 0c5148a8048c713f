import path from 'node:path'
import picomatch from 'picomatch'
import type { FileEntry } from '../../records/manifest-schema.js'
import { compareStrings } from '../../util/order.js'
import type { JsonNode } from './json-node.js'
import { mediaTypeOf } from './media-types.js'

/** Above this many data files, the distribution lists one FileSet per top-level folder and type instead of a FileObject per file. */
export const FILE_SET_THRESHOLD = 1000

/** A distribution entry and the files it covers; a RecordSet reads from exactly one. */
interface Unit {
  node: JsonNode
  kind: 'fileObject' | 'fileSet'
  files: FileEntry[]
}

/**
 * The record formats whose fields a Croissant `column` extract reads. JSON is not among them: its
 * records may be the top-level array or the arrays of an object's keys (splits, columns), and the
 * manifest does not say which, so no jsonPath to them can be written.
 */
const COLUMNAR: ReadonlySet<string> = new Set(['jsonl', 'csv', 'tsv', 'parquet', 'arrow'])

/**
 * The manifest's field types (schema-accumulator kinds for JSON, JSONL and CSV; Parquet and Arrow
 * type names) as Croissant data types. Unions, lists, structs and nulls have none, and are left
 * out rather than mislabelled.
 */
export function croissantType(type: string): string | null {
  const t = type.toUpperCase()
  if (['STRING', 'UTF8', 'ENUM', 'UUID', 'JSON', 'LARGEUTF8'].includes(t)) return 'sc:Text'
  if (/^(U?INT(_?\d+)?|INTEGER)$/.test(t)) return 'sc:Integer'
  if (/^(NUMBER|FLOAT(16|32|64)?|DOUBLE|DECIMAL\(\d+,\d+\))$/.test(t)) return 'sc:Float'
  if (t === 'BOOLEAN' || t === 'BOOL') return 'sc:Boolean'
  if (/^DATE(32|64)?$/.test(t)) return 'sc:Date'
  if (/^TIMESTAMP\b/.test(t)) return 'sc:DateTime'
  return null
}

export function distributionOf(data: readonly FileEntry[], all: readonly FileEntry[], threshold: number): Unit[] {
  const files = [...data].sort((a, b) => compareStrings(a.path, b.path))
  return files.length > threshold ? fileSets(files, all) : files.map(fileObject)
}

function fileObject(f: FileEntry): Unit {
  return {
    kind: 'fileObject',
    files: [f],
    node: {
      '@type': 'cr:FileObject',
      '@id': f.path,
      name: f.path,
      contentUrl: f.path,
      contentSize: `${f.bytes} B`,
      encodingFormat: mediaTypeOf(f),
      sha256: f.sha256,
    },
  }
}

/**
 * One FileSet per top-level folder and media type, its `includes` one glob per file extension.
 * A glob can reach files that are not in the set (documentation, or another type with the same
 * extension); those are listed in `excludes`, so the set is exactly the manifest's files.
 */
function fileSets(files: readonly FileEntry[], all: readonly FileEntry[]): Unit[] {
  const groups = new Map<string, FileEntry[]>()
  for (const f of files) {
    const key = JSON.stringify([topFolder(f.path), mediaTypeOf(f)])
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  return [...groups]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([key, members]) => {
      const [top, type] = JSON.parse(key) as [string, string]
      const includes = [...new Set(members.map((f) => globOf(top, f)))].sort(compareStrings)
      const matches = picomatch(includes, { dot: true })
      const inSet = new Set(members.map((f) => f.path))
      const excludes = all.filter((f) => !inSet.has(f.path) && matches(f.path)).map((f) => f.path).sort(compareStrings)
      // Top-level folder names are never empty, so "fileset//…" (files at the top) is unique too.
      const id = `fileset/${top === '.' ? '' : top}/${type}`
      return {
        kind: 'fileSet' as const,
        files: members,
        node: { '@type': 'cr:FileSet', '@id': id, name: id, encodingFormat: type, includes, ...(excludes.length > 0 && { excludes }) },
      }
    })
}

function topFolder(file: string): string {
  const slash = file.indexOf('/')
  return slash < 0 ? '.' : file.slice(0, slash)
}

/** `folder/**\/*.ext`, the extension with its compression suffix (`.jsonl.gz`); a file without one by its path. */
function globOf(top: string, f: FileEntry): string {
  const base = path.posix.basename(f.path)
  const last = path.posix.extname(base)
  const inner = f.compression && last !== '' ? path.posix.extname(base.slice(0, -last.length)) : ''
  const ext = inner + last
  if (ext === '' || ext === base) return f.path
  return top === '.' ? `*${ext}` : `${top}/**/*${ext}`
}

/**
 * A RecordSet per distribution entry whose files the manifest has one schema for: a field reads
 * from exactly one FileObject or FileSet, so files are not pooled by format. Compressed files are
 * left out: their entry's bytes are the compressed stream, which Croissant reads only through an
 * archive FileSet this document does not describe.
 */
export function recordSetsOf(units: readonly Unit[]): JsonNode[] {
  const out: JsonNode[] = []
  for (const unit of units) {
    const [first] = unit.files
    if (!first?.schema || !COLUMNAR.has(first.format)) continue
    const signature = JSON.stringify(first.schema.fields.map((f) => [f.name, f.type]))
    const uniform = unit.files.every((f) => f.compression === null && f.format === first.format && f.schema && JSON.stringify(f.schema.fields.map((x) => [x.name, x.type])) === signature)
    if (!uniform) continue
    const unitId = String(unit.node['@id'])
    const id = `recordset/${unitId}`
    const fields: JsonNode[] = []
    const untyped: string[] = []
    for (const field of first.schema.fields) {
      const dataType = croissantType(field.type)
      if (dataType === null) {
        untyped.push(`${field.name} (${field.type})`)
        continue
      }
      fields.push({
        '@type': 'cr:Field',
        '@id': `${id}/${field.name}`,
        name: field.name,
        dataType,
        source: { [unit.kind]: { '@id': unitId }, extract: { column: field.name } },
      })
    }
    if (fields.length === 0) continue
    const records = unit.files.reduce((sum, f) => sum + (f.records ?? 0), 0)
    const note = untyped.length > 0 ? ` Fields without a Croissant data type are not described: ${untyped.join(', ')}.` : ''
    out.push({ '@type': 'cr:RecordSet', '@id': id, name: id, description: `The records of ${unitId}: ${records} in the manifest.${note}`, field: fields })
  }
  return out
}
