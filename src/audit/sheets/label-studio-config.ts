import { UserError } from '../../util/errors.js'
import { CONTROL } from './label-studio-review.js'

export interface ReviewConfigInput {
  kind: 'annotation' | 'content'
  /** the verdicts to offer (correct/incorrect, pass/fail) */
  verdicts: readonly string[]
  /** annotation audits: the label choices; content audits: the risk categories (empty: free text) */
  labels: readonly string[]
  /** whether an item may have several labels */
  multiple: boolean
}

/**
 * The labelling config of the review project, for Label Studio's Settings → Labeling Interface →
 * Code. Annotation audits: the item's text, its labels as choices (pre-selected by each task's
 * prediction, the annotator's labels), an optional verdict, an error type and a note. Content
 * audits: the record's content, a required pass/fail verdict, the risk category (choices when the
 * safety rules name them) and a note.
 */
export function renderReviewConfig(input: ReviewConfigInput): string {
  const to = `toName="${CONTROL.object}"`
  const lines = [
    '<View>',
    `  <Header value="Item" size="6"/>`,
    `  <Text name="item" value="$item_id"/>`,
    `  <Header value="Labelled by" size="6"/>`,
    `  <Text name="by" value="$annotator"/>`,
    `  <Header value="${input.kind === 'content' ? 'Record' : 'Content'}" size="6"/>`,
    `  <Text name="${CONTROL.object}" value="$preview"/>`,
  ]
  if (input.kind === 'annotation') {
    lines.push(
      `  <Header value="Label: keep the annotator's labels if they are right, change them if not" size="5"/>`,
      `  <Choices name="${CONTROL.label}" ${to} choice="${input.multiple ? 'multiple' : 'single'}" showInline="true">`,
      ...input.labels.map((label) => `    <Choice value="${attribute(label)}"/>`),
      '  </Choices>',
      `  <Header value="Verdict (optional: left blank, the label above decides)" size="6"/>`,
      `  <Choices name="${CONTROL.verdict}" ${to} choice="single" showInline="true">`,
      ...input.verdicts.map((verdict) => `    <Choice value="${attribute(verdict)}"/>`),
      '  </Choices>',
      `  <Header value="Error type" size="6"/>`,
      `  <TextArea name="${CONTROL.errorType}" ${to} rows="1" maxSubmissions="1" editable="true"/>`,
    )
  } else {
    lines.push(
      `  <Header value="Verdict" size="5"/>`,
      `  <Choices name="${CONTROL.verdict}" ${to} choice="single" showInline="true" required="true">`,
      ...input.verdicts.map((verdict) => `    <Choice value="${attribute(verdict)}"/>`),
      '  </Choices>',
      `  <Header value="Risk category (when it fails)" size="6"/>`,
    )
    if (input.labels.length > 0) {
      lines.push(
        `  <Choices name="${CONTROL.errorType}" ${to} choice="single" showInline="true">`,
        ...input.labels.map((label) => `    <Choice value="${attribute(label)}"/>`),
        '  </Choices>',
      )
    } else {
      lines.push(`  <TextArea name="${CONTROL.errorType}" ${to} rows="1" maxSubmissions="1" editable="true"/>`)
    }
  }
  lines.push(`  <Header value="Note" size="6"/>`, `  <TextArea name="${CONTROL.note}" ${to} rows="2" maxSubmissions="1" editable="true"/>`, '</View>')
  return lines.join('\n') + '\n'
}

/**
 * A label as an XML attribute value. XML 1.0 cannot hold most control characters even escaped,
 * and a changed choice would no longer match the prediction, so such a label is refused.
 */
function attribute(value: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are what is looked for
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(value)) {
    throw new UserError(`label ${JSON.stringify(value)} has a control character, which a Label Studio labelling config (XML) cannot hold; write the sheet as .csv, .jsonl or .xlsx`)
  }
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
