import { JSON_SCHEMAS, renderJsonSchema, type SchemaName } from '../../records/json-schemas.js'
import { UserError } from '../../util/errors.js'

/** `tdgov schema [name]`: prints a JSON Schema, or the list of names. */
export function schemaCommand(name: string | undefined): number {
  const names = Object.keys(JSON_SCHEMAS) as SchemaName[]
  if (name === undefined) {
    process.stdout.write(names.map((n) => `${n}\n`).join(''))
    return 0
  }
  if (!names.includes(name as SchemaName)) {
    throw new UserError(`unknown schema "${name}"; expected one of: ${names.join(', ')}`)
  }
  process.stdout.write(renderJsonSchema(name as SchemaName))
  return 0
}
