import { z } from 'zod'
import { auditRecordSchema } from './audit-record.js'
import { manifestSchema } from './manifest-schema.js'
import { configSchema } from './config-schema.js'
import { reportSchema } from './report-schema.js'

/** The JSON Schemas of the files tdgov reads and writes, generated from their zod schemas. */
export const JSON_SCHEMAS = {
  // What a user may write (defaults optional), not what the loader returns.
  config: () => toJsonSchema(configSchema, 'config', 'tdgov.yaml: the declared provenance of a dataset', 'input'),
  manifest: () => toJsonSchema(manifestSchema, 'manifest', 'The tdgov scan manifest (.tdgov/manifest.json)', 'output'),
  audit: () => toJsonSchema(auditRecordSchema, 'audit', 'A tdgov audit record (.tdgov/audits/<audit-id>.json)', 'output'),
  report: () => toJsonSchema(reportSchema, 'report', 'The tdgov report model (tdgov report --format json)', 'output'),
}

export type SchemaName = keyof typeof JSON_SCHEMAS

function toJsonSchema(schema: z.ZodType, name: string, title: string, io: 'input' | 'output'): Record<string, unknown> {
  return {
    $id: `urn:tdgov:schema:${name}`,
    title,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }),
  }
}

/** The committed file's exact text. */
export function renderJsonSchema(name: SchemaName): string {
  return JSON.stringify(JSON_SCHEMAS[name](), null, 2) + '\n'
}
