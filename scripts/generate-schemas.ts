// Regenerates schemas/*.schema.json from the zod schemas; test/schemas/drift.test.ts fails when
// the committed files fall behind. Run with `npm run schemas`.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { JSON_SCHEMAS, renderJsonSchema, type SchemaName } from '../src/records/json-schemas.js'
import { writeFileAtomic } from '../src/util/atomic-write.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
for (const name of Object.keys(JSON_SCHEMAS) as SchemaName[]) {
  const file = path.join(repo, 'schemas', `${name}.schema.json`)
  writeFileAtomic(file, renderJsonSchema(name))
  console.log(`wrote ${path.relative(repo, file)}`)
}
