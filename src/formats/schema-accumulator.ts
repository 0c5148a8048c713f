import type { FieldSchema, RecordSchema } from './types.js'

export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array'

export function kindOfJson(value: unknown): ValueKind | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return 'string'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'boolean') return 'boolean'
  if (Array.isArray(value)) return 'array'
  return 'object'
}

interface FieldStats {
  kinds: Set<ValueKind>
  present: number
  nulls: number
  /** present but empty: a blank string, an empty array or object */
  empty: number
  /** the record (1-based) that last gave this field a value: a name twice in one record counts once */
  seenIn: number
}

/** A value that is there but says nothing: "", "   ", [] or {}. */
export function isEmptyValue(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0
}

/**
 * Collects field names, value kinds and null counts over a run of records. Fields keep the order
 * in which they first appear; a field missing from a record counts as null there. A name given
 * twice in one record keeps its first value, so no field is ever present in more records than
 * there are (which would make its null count negative).
 */
export class SchemaAccumulator {
  private readonly fields = new Map<string, FieldStats>()
  private records = 0
  /** a field past `maxFields` was left out (FIELDS_CAPPED) */
  capped = false

  /** `maxFields`: distinct fields kept; later ones are left out, so a million keys cost no memory */
  constructor(readonly maxFields = Infinity) {}

  /** `empty`: the value is there but empty (see isEmptyValue); formats that cannot tell pass nothing. */
  addRecord(entries: Iterable<[string, ValueKind | null] | [string, ValueKind | null, boolean]>): void {
    this.records++
    for (const [name, kind, empty] of entries) {
      let stats = this.fields.get(name)
      if (!stats) {
        if (this.fields.size >= this.maxFields) {
          this.capped = true
          continue
        }
        stats = { kinds: new Set(), present: 0, nulls: 0, empty: 0, seenIn: 0 }
        this.fields.set(name, stats)
      }
      if (stats.seenIn === this.records) continue
      stats.seenIn = this.records
      stats.present++
      if (kind === null) stats.nulls++
      else stats.kinds.add(kind)
      if (empty === true) stats.empty++
    }
  }

  addObject(object: Record<string, unknown>): void {
    this.addRecord(Object.entries(object).map(([k, v]): [string, ValueKind | null, boolean] => [k, kindOfJson(v), isEmptyValue(v)]))
  }

  get count(): number {
    return this.records
  }

  /** `sampledOf`: the total record count, when the accumulated records are only a sample of it. */
  result(sampledOf?: number): RecordSchema {
    const fields: FieldSchema[] = []
    for (const [name, stats] of this.fields) {
      const field: FieldSchema = { name, type: typeName(stats.kinds), nulls: stats.nulls + (this.records - stats.present) }
      if (stats.empty > 0) field.empty = stats.empty
      fields.push(field)
    }
    const schema: RecordSchema = { fields }
    if (sampledOf !== undefined && this.records < sampledOf) schema.sampledRecords = this.records
    return schema
  }
}

const KIND_ORDER: ValueKind[] = ['string', 'integer', 'number', 'boolean', 'object', 'array']

function typeName(kinds: Set<ValueKind>): string {
  if (kinds.size === 0) return 'null'
  // An integer column with some fractional values is a number column.
  if (kinds.has('integer') && kinds.has('number')) kinds = new Set([...kinds].filter((k) => k !== 'integer'))
  return KIND_ORDER.filter((k) => kinds.has(k)).join('|')
}
