// What the readers (src/formats) use of the facts: per-record analysis and the licence a document
// states. The dataset-level summaries (resolve-provenance, content-summary) are loaded by the scan
// itself, lazily, and are not part of this entry.
export { prepareTokenCounter, RecordFacts, type AnalysedRecord, type PiiMode, type RecordFactsResult, type TokenCandidate, type TokenMode } from './record-facts.js'
export type { DocumentLicence } from './document-licence.js'
export { chooseContentFields, contentStrings, type ContentFieldChoice } from './text/content-fields.js'
