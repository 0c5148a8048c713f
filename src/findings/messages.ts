import type { FindingCode } from './codes.js'
import type { FindingArgs } from './finding.js'

/** The one place where a finding code becomes a sentence. */
export function renderMessage(code: FindingCode, args: FindingArgs): string {
  const a = (name: string): string => String(args[name] ?? '?')
  switch (code) {
    case 'FILE_UNREADABLE':
      return `cannot read the file: ${a('reason')}`
    case 'DIRECTORY_UNREADABLE':
      return `cannot list the directory; its files are not in the manifest`
    case 'SYMLINK_INSIDE_ROOT':
      return `symbolic link to ${a('target')}, which is recorded under its own path; not followed`
    case 'SYMLINK_LOOP':
      return `symbolic link points back into its own ancestry (${a('target')}); not followed`
    case 'SYMLINK_OUTSIDE_ROOT':
      return `symbolic link leads outside the scanned directory; not followed`
    case 'SYMLINK_BROKEN':
      return `symbolic link target does not exist; not followed`
    case 'SPECIAL_FILE_SKIPPED':
      return `not a regular file (${a('kind')}); skipped`
    case 'FILE_CHANGED_DURING_SCAN':
      return `file changed while it was being read (expected ${a('expected')} bytes, read ${a('actual')}); rescan it`
    case 'UTF8_INVALID':
      return `invalid UTF-8 byte sequence; expected UTF-8 text`
    case 'JSONL_INVALID_LINE':
      return `line is not valid JSON: ${a('reason')}`
    case 'JSONL_NOT_OBJECT':
      return `line holds a JSON ${a('type')}; expected a JSON object per line`
    case 'JSONL_BLANK_LINE':
      return `blank line; expected one JSON record per line`
    case 'JSON_INVALID':
      return `not valid JSON: ${a('reason')}`
    case 'JSON_UNEXPECTED_SHAPE':
      return `top-level JSON ${a('type')}; expected an array of records or an object of arrays`
    case 'CSV_FIELD_COUNT':
      return `row has ${a('actual')} fields; expected ${a('expected')} as in the header`
    case 'CSV_UNTERMINATED_QUOTE':
      return `quoted field is never closed; expected a closing double quote`
    case 'CSV_NO_HEADER':
      return `file has no header row`
    case 'PARQUET_TRUNCATED':
      return `Parquet file is truncated: ${a('reason')}`
    case 'PARQUET_INVALID_FOOTER':
      return `Parquet footer cannot be read: ${a('reason')}`
    case 'ARROW_TRUNCATED':
      return `Arrow IPC data ends inside a message: ${a('reason')}`
    case 'ARROW_INVALID_MESSAGE':
      return `Arrow IPC message header cannot be read: ${a('reason')}`
    case 'COMPRESSED_CORRUPT':
      return `${a('codec')} stream is corrupt or truncated: ${a('reason')}`
    case 'IMAGE_UNREADABLE':
      return `image header cannot be read: ${a('reason')}`
    case 'MEDIA_UNREADABLE':
      return `audio/video header cannot be read: ${a('reason')}`
    case 'FINDINGS_CAPPED':
      return `${a('total')} findings of ${a('code')}; the first ${a('kept')} are listed`
    case 'LICENCE_TEXT_UNIDENTIFIED':
      return `licence file matches no SPDX licence text closely enough; declare its terms in tdgov.yaml (LicenseRef-…)`
    case 'PII_SENSITIVE':
      return `sensitive personal information (${a('types')}); needs separate consent or another legal basis, or removal`
    case 'CONFIG_MISSING':
      return `no tdgov.yaml: sources, licences and personal-information bases are not checked; run \`tdgov init\` to draft one`
    case 'UNDECLARED_FILE':
      return `file matches no source's paths in tdgov.yaml; expected every file to belong to a declared source`
    case 'SOURCE_MATCHES_NOTHING':
      return `source "${a('source')}" matches no file (paths: ${a('paths')})`
    case 'SOURCE_LICENCE_MISSING':
      return `${a('kind')} source "${a('source')}" declares neither a licence nor a contract; expected the licence or authorisation it was obtained under`
    case 'SOURCE_CONTRACT_MISSING':
      return `commercial source "${a('source')}" declares no contract; expected the agreement it was bought under`
    case 'SOURCE_CRAWL_UNDOCUMENTED':
      return `crawled source "${a('source')}" does not say whether robots.txt and opt-outs were respected (crawl.robots_respected, crawl.opt_out_respected)`
    case 'SOURCE_GENERATOR_MISSING':
      return `synthetic source "${a('source')}" does not name the model that generated it (synthetic.generator)`
    case 'BASE_MODEL_NOT_FILED':
      return `base model "${a('model')}" has no filing number; TC260-003 §6 expects base models that have completed filing`
    case 'LICENCE_UNKNOWN':
      return `source "${a('source')}": licence ${a('licence')} cannot be classified; treated as restrictive`
    case 'LICENCE_MISMATCH':
      return `source "${a('source')}" declares ${a('declared')} but ${a('detected')} is stated here`
    case 'LICENCE_NOT_FOR_COMMERCIAL_USE':
      return `source "${a('source')}" is ${a('use')} (${a('licence')}) but the dataset's intended use is commercial`
    case 'PII_WITHOUT_BASIS':
      return `personal information (${a('types')}) in ${a('where')} whose personal-information basis is ${a('basis')}; expected consent or another legal basis`
    case 'RULES_NOT_DECLARED':
      return `tdgov.yaml declares no labelling rules; labels and annotators are not checked against a declared set`
    case 'RULES_DOCUMENT_MISSING':
      return `labelling rules "${a('rules')}" name the document ${a('document')}, which does not exist; expected the rules document it was labelled under`
    case 'LABEL_UNDECLARED':
      return `label "${a('label')}" (${a('count') === '1' ? 'once' : `${a('count')} times`}) is not in the label set of rules "${a('rules')}"`
    case 'ANNOTATOR_NOT_IN_ROSTER':
      return `${a('role')} "${a('annotator')}" (${a('count')} items) is not in the annotators roster of tdgov.yaml`
    case 'ANNOTATOR_UNTRAINED':
      return `${a('role')} "${a('annotator')}" (${a('count')} items) ${a('reason')}`
    case 'REVIEWER_MISSING':
      return `${a('count')} reviewed rows name no reviewer; expected the reviewer's id in the reviewer column`
    case 'REVIEWER_IS_ANNOTATOR':
      return `row ${a('row')}: item ${a('item')} was reviewed by its own annotator "${a('annotator')}"; TC260-003 expects reviewer and annotator to differ`
    case 'SOURCES_TOO_FEW':
      return `${a('cell')}: ${a('count')} source(s) (${a('sources')}); expected at least ${a('min')} for diversity (TC260-003 §5.1)`
  }
}
