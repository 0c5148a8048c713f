import { looksPersonal, maskPreview } from '../provenance/pii/index.js'
import type { RecordSchema } from '../formats/types.js'
import type { FindingDraft } from '../findings/finding.js'

/**
 * A field name as the manifest, the cache and every printout show it: a JSON key or CSV header
 * that is itself a personal value or a secret (`{"110101199003071233": 1}`, a column named by a
 * phone number) is masked as a preview would be, by the same conservative test.
 */
export function shownFieldName(name: string): string {
  return looksPersonal(name) ? maskPreview(name) : name
}

/** The schema's names shown; a masked name that meets another is told apart as the CSV reader does (`name_2`). */
export function shownSchemaNames(fields: RecordSchema['fields']): RecordSchema['fields'] {
  if (!fields.some((f) => looksPersonal(f.name))) return fields
  const taken = new Set<string>()
  return fields.map((field) => {
    const shown = shownFieldName(field.name)
    let name = shown
    for (let n = 2; taken.has(name); n++) name = `${shown}_${n}`
    taken.add(name)
    return name === field.name ? field : { ...field, name }
  })
}

/** Finding arguments that name a field or column (CSV_HEADER_RENAMED, COLUMN_UNREADABLE). */
const NAME_ARGS = ['name', 'renamed', 'column', 'field'] as const

export function withFieldNamesShown(draft: FindingDraft): FindingDraft {
  const args = draft.args
  if (!args || !NAME_ARGS.some((key) => typeof args[key] === 'string' && looksPersonal(args[key]))) return draft
  const shown = { ...args }
  for (const key of NAME_ARGS) {
    const value = shown[key]
    if (typeof value === 'string') shown[key] = shownFieldName(value)
  }
  return { ...draft, args: shown }
}
