import type { SheetRow } from '../../../src/audit/sheets/sheet-row.js'

/** A row with every cell blank, to spread and override. */
export const BLANK_ROW: SheetRow = {
  audit_id: '',
  item_id: '',
  annotator: '',
  label: '',
  preview: '',
  verdict: '',
  corrected_label: '',
  error_type: '',
  reviewer: '',
  note: '',
}

/**
 * Rows whose cells a sheet format could mangle: delimiters, quotes, newlines, non-Latin text,
 * emoji, formula triggers, control characters and text that looks like an OOXML escape.
 */
export const NASTY_ROWS: SheetRow[] = [
  { ...BLANK_ROW, audit_id: 'a1', item_id: 'task-1', annotator: 'ann, "the first"', label: 'PER', preview: "=cmd|' /C calc'!A0" },
  { ...BLANK_ROW, audit_id: 'a1', item_id: '+1', annotator: '-1', label: '@SUM(A1)', preview: '\tleading tab' },
  { ...BLANK_ROW, audit_id: 'a1', item_id: '007', annotator: '张伟', label: '地名', preview: '北京是中国的首都。\n第二行 🎉👩‍👩‍👧', note: 'line one\r\nline two' },
  { ...BLANK_ROW, audit_id: 'a1', item_id: "'=already quoted", label: 'a;b\tc', preview: '"quoted" text, with comma', verdict: 'incorrect', corrected_label: 'LOC', error_type: 'wrong-class', reviewer: 'rev', note: '\rcarriage' },
  { ...BLANK_ROW, audit_id: 'a1', item_id: 'ctl\u0001\u001f\u007f', label: '_x0041_ literal', preview: '  spaced  ', verdict: 'correct', reviewer: 'r2', note: '-' },
]
