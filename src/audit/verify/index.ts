/**
 * The public entry other domains use: `check` runs the record-consistency rule over every audit
 * record. The re-draw (verify-record.ts, redraw-sample.ts) reads exports, so it is left out: the
 * gate should not load the annotation readers to check a record against itself.
 */
export { recordInconsistencies, type RecordDifference } from './record-consistency.js'
export { inconsistencyFinding, type InconsistencyCheck } from './inconsistency-finding.js'
