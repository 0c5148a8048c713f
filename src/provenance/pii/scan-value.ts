import { recordText } from '../text/record-text.js'
import { scanForPii } from './detect.js'
import type { PiiTally } from './tally.js'

/** Personal information in a parsed record (placeholder: the record's strings as one text). */
export function scanValueForPii(value: unknown, tally: PiiTally, _fieldName?: string): void {
  scanForPii(recordText(value), tally)
}
