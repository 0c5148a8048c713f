import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { JSON_SCHEMAS, renderJsonSchema, type SchemaName } from '../../src/records/json-schemas.js'

const repo = path.resolve(import.meta.dirname, '../..')

describe('committed JSON Schemas', () => {
  for (const name of Object.keys(JSON_SCHEMAS) as SchemaName[]) {
    it(`schemas/${name}.schema.json matches the zod schema (run \`npm run schemas\` after changing it)`, () => {
      const committed = readFileSync(path.join(repo, 'schemas', `${name}.schema.json`), 'utf8')
      expect(committed).toBe(renderJsonSchema(name))
    })
  }
})
