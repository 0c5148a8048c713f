import { createHash } from 'node:crypto'
import { placeOf, type ReadRow } from '../sheets/sheet-row.js'
import type { AuditRecord } from '../../records/audit-record.js'
import { unitKey } from '../sampling/rank.js'
import { UserError } from '../../util/errors.js'

export function previewHash(preview: string): string {
  return createHash('sha256').update(preview, 'utf8').digest('hex')
}

/**
 * Matches the sheet's rows to the audit's sample, one to one: a row of another audit, an item the
 * sample does not have (added, or its id edited), an item twice, an item missing, or an edited
 * annotator, label or preview is refused, naming the row, because a score over a sheet that is
 * not the sample drawn would not mean what it says. Returns the rows in sample order.
 */
export function matchRowsToSample(record: AuditRecord, rows: readonly ReadRow[], sheet: string): ReadRow[] {
  const problems: string[] = []
  const byKey = new Map<string, ReadRow>()
  const sampleIndex = new Map(record.sample.map((unit, i) => [unitKey(unit.item_id, unit.annotator), i]))
  for (const row of rows) {
    const { cells } = row
    if (cells.audit_id !== record.id) {
      problems.push(`${placeOf(row)}: audit_id "${cells.audit_id}" is not this audit ("${record.id}")`)
      continue
    }
    const key = unitKey(cells.item_id, cells.annotator === '' ? null : cells.annotator)
    const index = sampleIndex.get(key)
    if (index === undefined) {
      problems.push(`${placeOf(row)}: item "${cells.item_id}"${by(cells.annotator)} is not in the sample (added, or its item_id or annotator was changed)`)
      continue
    }
    const first = byKey.get(key)
    if (first !== undefined) {
      problems.push(`${placeOf(row)}: item "${cells.item_id}"${by(cells.annotator)} appears again (first at ${placeOf(first)})`)
      continue
    }
    byKey.set(key, row)
    const unit = record.sample[index]!
    if (cells.label !== unit.label) problems.push(`${placeOf(row)}: label was changed from "${unit.label}" to "${cells.label}"; put corrections in corrected_label`)
    else if (previewHash(cells.preview) !== unit.preview_sha256) problems.push(`${placeOf(row)}: preview was changed`)
  }
  for (const unit of record.sample) {
    if (!byKey.has(unitKey(unit.item_id, unit.annotator))) problems.push(`item "${unit.item_id}"${by(unit.annotator ?? '')} is missing from the sheet`)
  }
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
    throw new UserError(`${sheet}: ${problems[0]}${more}; expected the ${record.sample.length} rows of audit ${record.id} as written`)
  }
  return record.sample.map((unit) => byKey.get(unitKey(unit.item_id, unit.annotator))!)
}

function by(annotator: string): string {
  return annotator === '' ? '' : ` by "${annotator}"`
}
