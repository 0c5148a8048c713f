import { z } from 'zod'
import { manifestSchema } from '../scan/manifest-schema.js'

/** The JSON Schemas of the files tdgov writes, generated from their zod schemas. */
export const JSON_SCHEMAS = {
  manifest: () => toJsonSchema(manifestSchema, 'manifest', 'The tdgov scan manifest (.tdgov/manifest.json)'),
}

export type SchemaName = keyof typeof JSON_SCHEMAS

function toJsonSchema(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  return {
    $id: `urn:tdgov:schema:${name}`,
    title,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }),
  }
}

/** The committed file's exact text. */
export function renderJsonSchema(name: SchemaName): string {
  return JSON.stringify(JSON_SCHEMAS[name](), null, 2) + '\n'
}
