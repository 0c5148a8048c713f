/**
 * A report as a format-neutral document: headings, paragraphs, lists, tables, notices and charts
 * whose text is plain (never pre-escaped). The Markdown, HTML and Word writers each escape or
 * encode it for their own format, so a string from the data cannot become markup in any of them.
 */

/** A run of text: plain, bold, a code or identifier, or a reference to an estimation method. */
export type Run = string | { strong: string } | { code: string } | { ref: number }
export type Text = Run | readonly Run[]

export interface BarDatum {
  label: string
  value: number
  /** an interval around the value (an estimate, or an accuracy's Wilson interval) */
  low?: number
  high?: number
}

export type Chart =
  | {
      kind: 'bars'
      id: string
      title: string
      /** how values are written: bytes (1.2 MB), counts (1,234) or shares (95.1%) */
      unit: 'bytes' | 'count' | 'share'
      bars: readonly BarDatum[]
      /** a share chart's axis runs 0–1; the others from 0 to their largest value */
    }
  | {
      kind: 'heatmap'
      id: string
      title: string
      rowsTitle: string
      columnsTitle: string
      labels: readonly string[]
      /** rows × columns counts */
      matrix: readonly (readonly number[])[]
    }

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: Text; id?: string }
  | { kind: 'paragraph'; text: Text }
  | { kind: 'list'; items: readonly Text[]; ordered?: boolean; id?: string }
  | { kind: 'table'; header: readonly Text[]; rows: readonly (readonly Text[])[] }
  | { kind: 'notice'; title: Text; items: readonly Text[] }
  | { kind: 'chart'; chart: Chart; /** the text equivalent, written where a chart cannot be drawn */ table: { header: readonly Text[]; rows: readonly (readonly Text[])[] } }

export interface ReportDocument {
  lang: 'zh' | 'en'
  title: string
  blocks: readonly Block[]
}

export function runsOf(text: Text): readonly Run[] {
  return Array.isArray(text) ? (text as readonly Run[]) : [text as Run]
}

/** The text without its markup, as a screen reader or a plain-text cell shows it. */
export function plainText(text: Text): string {
  return runsOf(text)
    .map((r) => (typeof r === 'string' ? r : 'strong' in r ? r.strong : 'code' in r ? r.code : `[${r.ref}]`))
    .join('')
}
