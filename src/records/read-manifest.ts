import { MANIFEST_VERSION, manifestSchema, type Manifest } from './manifest-schema.js'
import { parseRecord, readRecordText, type RecordKind } from './read-json-record.js'

const MANIFEST: RecordKind = { what: 'manifest', versionKey: 'version', version: MANIFEST_VERSION, remedy: 'tdgov scan' }

/** Reads and validates `.tdgov/manifest.json` (or any manifest file). */
export function readManifest(file: string): Manifest {
  return parseManifest(readRecordText(file, MANIFEST), file)
}

/** Validates a manifest's text; `name` is what messages call it (a path, or REV:path). */
export function parseManifest(text: string, name: string): Manifest {
  return parseRecord(text, name, manifestSchema, MANIFEST)
}
