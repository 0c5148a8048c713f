import { distance } from 'fastest-levenshtein'
import { z } from 'zod'
import { configSchema } from './config-schema.js'

/** The keys the config schema allows in the mapping at `keyPath` (list indexes are stepped through). */
export function knownKeysAt(keyPath: readonly (string | number)[]): string[] {
  let schema: z.ZodType | undefined = configSchema
  for (const key of keyPath) {
    schema = schema && child(unwrap(schema), key)
  }
  const target = schema && unwrap(schema)
  if (target instanceof z.ZodObject) return Object.keys(target.shape)
  // policy.severity: a record keyed by rule code
  if (target instanceof z.ZodRecord && target.keyType instanceof z.ZodEnum) return target.keyType.options.map(String)
  return []
}

/** The candidate nearest to `word` when it is near enough to be a typo, else null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  // A third of the word, at least one edit: "polcy" → "policy", not "name" → "kind".
  return best !== null && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : null
}

/** Through optional, default, nullable and transform wrappers to the schema that holds the keys. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType
    else if (current instanceof z.ZodPrefault) current = current._zod.def.innerType as z.ZodType
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType
    else return current
  }
}

function child(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType
  if (schema instanceof z.ZodObject && typeof key === 'string') return schema.shape[key] as z.ZodType | undefined
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType
  if (schema instanceof z.ZodUnion) {
    // the first alternative that is a mapping: { level, reason } in policy.severity
    for (const option of schema.options) {
      const inner = unwrap(option as z.ZodType)
      if (inner instanceof z.ZodObject) return child(inner, key)
    }
  }
  return undefined
}
