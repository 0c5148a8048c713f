import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_COLUMNS } from '../../src/formats/annotations/item.js'
import { sampleAudit } from '../../src/audit/sample-audit.js'
import { readSheet, writeSheet } from '../../src/audit/sheets/index.js'
import type { SheetRow } from '../../src/audit/sheets/sheet-row.js'
import { loadConfig } from '../../src/records/load-config.js'

/** The demo audit, as the README runs it: `tdgov audit sample … --aql 6.5 --seed demo-2024-05`. */
export const DEMO_AUDIT = { aql: 6.5, seed: 'demo-2024-05' } as const

/**
 * The review sheet of the demo audit, filled in as two reviewers would: each sampled annotation is
 * compared with the text's gold sentiment; a wrong one is marked incorrect with the correction and
 * an error type. The sample is drawn by tdgov's own code in a scratch copy of the files, so the
 * sheet matches what `tdgov audit sample` draws from the committed export.
 */
export async function filledReviewSheet(files: ReadonlyMap<string, Buffer>, goldByTask: ReadonlyMap<string, string>): Promise<Buffer> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tdgov-demo-'))
  try {
    for (const rel of ['tdgov.yaml', 'annotations/label-studio-export.json', 'governance/labelling-rules-sentiment.md']) {
      const target = path.join(scratch, rel)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, files.get(rel)!)
    }
    const blank = path.join(scratch, 'blank.csv')
    await sampleAudit({
      root: scratch,
      inputs: [path.join(scratch, 'annotations/label-studio-export.json')],
      source: null,
      format: 'label-studio',
      adapterOptions: { columns: DEFAULT_COLUMNS },
      plan: { method: 'iso-2859-1', aql: DEMO_AUDIT.aql, level: 'II' },
      seed: DEMO_AUDIT.seed,
      stratify: null,
      rules: null,
      id: null,
      sheet: blank,
      sheetLanguage: 'en',
      force: true,
      config: loadConfig(scratch),
      drawnOn: '2024-05-20',
      repeats: 'first',
    })
    const rows: SheetRow[] = (await readSheet(blank)).map(({ cells }, i) => {
      const gold = goldByTask.get(cells.item_id)
      if (gold === undefined) throw new Error(`demo review: no gold label for task ${cells.item_id}`)
      const correct = cells.label === gold
      return {
        ...cells,
        verdict: correct ? 'correct' : 'incorrect',
        corrected_label: correct ? '' : gold,
        error_type: correct ? '' : 'wrong-sentiment',
        reviewer: i % 2 === 0 ? 'rev-chen' : 'rev-lopez',
      }
    })
    const filled = path.join(scratch, 'filled.csv')
    await writeSheet(filled, rows, { kind: 'annotation', force: true })
    return readFileSync(filled)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
