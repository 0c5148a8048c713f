import { describe, expect, it } from 'vitest'
import { matchRowsToSample, previewHash } from '../../../src/audit/score/check-sheet.js'
import type { ReadRow } from '../../../src/audit/sheets/sheet-row.js'
import { UserError } from '../../../src/util/errors.js'
import { makeRecord, rowsFor, shuffled, type HandUnit } from './engine-helpers.js'

const UNITS: HandUnit[] = [
  { item_id: '101', annotator: 'alice', label: 'cat', preview: 'a cat on a mat' },
  { item_id: '102', annotator: 'bob', label: 'dog; cat', preview: 'two animals' },
  { item_id: '103', annotator: null, label: 'bird ×2', preview: 'birds' },
  { item_id: '101', annotator: 'bob', label: 'cat', preview: 'a cat on a mat' },
  { item_id: '104', annotator: 'alice', label: 'fish', preview: '' },
]
const record = makeRecord(UNITS, { id: 'audit-0001' })
const SHEET = 'review.csv'

/** The sheet's rows with `edit` applied to a copy; rows keep their numbers (header is row 1). */
function sheet(edit: (rows: ReadRow[]) => ReadRow[] = (rows) => rows): ReadRow[] {
  return edit(rowsFor('audit-0001', UNITS).map((r) => ({ row: r.row, cells: { ...r.cells } })))
}

function refusal(rows: readonly ReadRow[]): string {
  try {
    matchRowsToSample(record, rows, SHEET)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected the sheet to be refused')
}

describe('matchRowsToSample', () => {
  it('accepts the sheet as written and returns its rows in sample order', () => {
    const rows = sheet()
    expect(matchRowsToSample(record, rows, SHEET)).toEqual(rows)
  })

  it('accepts a correct sheet in shuffled row order and returns the rows in sample order', () => {
    const rows = sheet()
    const matched = matchRowsToSample(record, shuffled(rows, 'sort-by-label'), SHEET)
    expect(matched.map((r) => r.row)).toEqual([2, 3, 4, 5, 6])
    expect(matched.map((r) => [r.cells.item_id, r.cells.annotator])).toEqual(UNITS.map((u) => [u.item_id, u.annotator ?? '']))
  })

  it('keeps the reviewer columns of each row it returns', () => {
    const rows = sheet((r) => {
      r[1]!.cells.verdict = 'incorrect'
      r[1]!.cells.corrected_label = 'dog'
      return [...r].reverse()
    })
    const matched = matchRowsToSample(record, rows, SHEET)
    expect(matched[1]!.cells).toMatchObject({ item_id: '102', verdict: 'incorrect', corrected_label: 'dog' })
  })

  it('refuses a dropped row, naming the missing item', () => {
    const message = refusal(sheet((r) => r.filter((row) => row.row !== 4)))
    expect(message).toMatch(/^review\.csv: item "103" is missing from the sheet; expected the 5 rows of audit audit-0001/)
  })

  it('names the annotator of a missing unit when it has one', () => {
    const message = refusal(sheet((r) => r.filter((row) => row.row !== 5)))
    expect(message).toContain('item "101" by "bob" is missing from the sheet')
  })

  it('refuses an added row, naming it', () => {
    const message = refusal(
      sheet((r) => [...r, { row: 7, cells: { ...r[0]!.cells, item_id: '999', label: 'cat' } }]),
    )
    expect(message).toContain('row 7: item "999" by "alice" is not in the sample')
  })

  it('refuses a changed item_id, naming the row and the item it left missing', () => {
    const message = refusal(
      sheet((r) => {
        r[2]!.cells.item_id = '103b'
        return r
      }),
    )
    expect(message).toContain('row 4: item "103b" is not in the sample (added, or its item_id or annotator was changed)')
    expect(message).toContain('(and 1 more problem)')
  })

  it('refuses a changed annotator as a unit not in the sample', () => {
    const message = refusal(
      sheet((r) => {
        r[0]!.cells.annotator = 'mallory'
        return r
      }),
    )
    expect(message).toContain('row 2: item "101" by "mallory" is not in the sample')
  })

  it('refuses a duplicated row, naming both rows', () => {
    const message = refusal(sheet((r) => [...r, { row: 7, cells: { ...r[1]!.cells } }]))
    expect(message).toContain('row 7: item "102" by "bob" appears again (first at row 3)')
  })

  it('refuses a row of another audit, naming the row and both ids', () => {
    const message = refusal(
      sheet((r) => {
        r[3]!.cells.audit_id = 'audit-0002'
        return r
      }),
    )
    expect(message).toContain('row 5: audit_id "audit-0002" is not this audit ("audit-0001")')
  })

  it('refuses an edited label, naming the row and pointing to corrected_label', () => {
    const message = refusal(
      sheet((r) => {
        r[1]!.cells.label = 'dog'
        return r
      }),
    )
    expect(message).toBe(
      'review.csv: row 3: label was changed from "dog; cat" to "dog"; put corrections in corrected_label; expected the 5 rows of audit audit-0001 as written',
    )
  })

  it('refuses an edited preview, naming the row', () => {
    const message = refusal(
      sheet((r) => {
        r[4]!.cells.preview = 'something else'
        return r
      }),
    )
    expect(message).toBe('review.csv: row 6: preview was changed; expected the 5 rows of audit audit-0001 as written')
  })

  it('notices whitespace edits to a preview (it compares the sha256 of the cell as written)', () => {
    expect(previewHash('a cat on a mat')).not.toBe(previewHash('a cat on a mat '))
    const message = refusal(
      sheet((r) => {
        r[0]!.cells.preview = 'a cat on a mat '
        return r
      }),
    )
    expect(message).toContain('row 2: preview was changed')
  })

  it('counts every problem after the first', () => {
    const message = refusal(
      sheet((r) => {
        r[0]!.cells.label = 'x'
        r[1]!.cells.preview = 'y'
        r[2]!.cells.audit_id = 'other'
        return r
      }),
    )
    // row 2 label, row 3 preview, row 4 other audit, and item 103 then missing
    expect(message).toMatch(/^review\.csv: row 2: label was changed .* \(and 3 more problems\)/)
  })

  it('refuses an empty sheet for a non-empty sample', () => {
    expect(refusal([])).toMatch(/item "101" by "alice" is missing from the sheet \(and 4 more problems\)/)
  })
})
