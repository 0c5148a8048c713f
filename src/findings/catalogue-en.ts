import type { ArgReader, Catalogue } from './messages.js'

/** English wording of every finding: the manifest's `message` and `--lang en`. */
export const EN: Catalogue = {
  FILE_UNREADABLE: (a) =>
    `cannot read the file: ${a('reason')}`,
  DIRECTORY_UNREADABLE: () =>
    `cannot list the directory; its files are not in the manifest`,
  SYMLINK_INSIDE_ROOT: (a) =>
    `symbolic link to ${a('target')}, which is recorded under its own path; not followed`,
  SYMLINK_LOOP: (a) =>
    `symbolic link points back into its own ancestry (${a('target')}); not followed`,
  SYMLINK_OUTSIDE_ROOT: () =>
    `symbolic link leads outside the scanned directory; not followed`,
  SYMLINK_BROKEN: () =>
    `symbolic link target does not exist; not followed`,
  SPECIAL_FILE_SKIPPED: (a) =>
    `not a regular file (${a('kind')}); skipped`,
  PATH_ESCAPED: (a) =>
    a.raw('reason') === 'not-utf8'
      ? `the name is not UTF-8; recorded with each such byte as \\xNN and each backslash as \\\\ (see README, "Names")`
      : `the name holds \\\\ or \\xNN itself; recorded with each backslash doubled so it cannot be read as an escape (see README, "Names")`,
  FILE_CHANGED_DURING_SCAN: (a) =>
    `file changed while it was being read (expected ${a('expected')} bytes, read ${a('actual')}); rescan it`,
  UTF8_INVALID: () =>
    `invalid UTF-8 byte sequence; expected UTF-8 text`,
  JSONL_INVALID_LINE: (a) =>
    `line is not valid JSON: ${a('reason')}`,
  JSONL_NOT_OBJECT: (a) =>
    `line holds a JSON ${a('type')}; expected a JSON object per line`,
  JSONL_BLANK_LINE: () =>
    `blank line; expected one JSON record per line`,
  JSON_INVALID: (a) =>
    `not valid JSON: ${a('reason')}`,
  JSON_UNEXPECTED_SHAPE: (a) =>
    `top-level JSON ${a('type')}; expected an array of records or an object of arrays`,
  CSV_FIELD_COUNT: (a) =>
    `row has ${a('actual')} fields; expected ${a('expected')} as in the header`,
  CSV_UNTERMINATED_QUOTE: () =>
    `quoted field is never closed; expected a closing double quote`,
  CSV_NO_HEADER: () =>
    `file has no header row`,
  CSV_HEADER_RENAMED: (a) =>
    a('name') === ''
      ? `header column ${a('column')} has no name; recorded as "${a('renamed')}"`
      : `header name "${a('name')}" of column ${a('column')} repeats an earlier column; recorded as "${a('renamed')}"`,
  ENCODING_NOT_UTF8: (a) =>
    `text is encoded in ${a('encoding')}, not UTF-8; it was decoded for the scan, but a training pipeline reading it as UTF-8 would garble it`,
  CONTENT_LOOKS_BINARY: (a) =>
    a.raw('readAs') === 'text'
      ? `the name says ${a('claimed')} but the content has binary bytes (NUL at byte ${a('offset')}); read as ${a('recordedAs')}, and lines that do not parse are reported`
      : `the name says ${a('claimed')} but the content looks binary (NUL at byte ${a('offset')}); recorded as ${a('recordedAs')}, no records counted`,
  CONTENT_NOT_PRESENT: (a) =>
    `${POINTER_KIND_EN[a('kind')] ?? a('kind')} that stands in for content which is not here${a.raw('size') === undefined ? '' : ` (${a('size')} bytes)`}; run \`${a('command')}\` to fetch it, then rescan`,
  PARQUET_TRUNCATED: (a) =>
    `Parquet file is truncated: ${a('reason')}`,
  PARQUET_INVALID_FOOTER: (a) =>
    `Parquet footer cannot be read: ${a('reason')}`,
  ARROW_TRUNCATED: (a) =>
    `Arrow IPC data ends inside a message: ${a('reason')}`,
  ARROW_INVALID_MESSAGE: (a) =>
    `Arrow IPC message header cannot be read: ${a('reason')}`,
  COLUMN_UNREADABLE: (a) =>
    `column ${a('column')} cannot be decoded, so its values are left out of the content facts: ${a('reason')}`,
  COMPRESSED_CORRUPT: (a) =>
    `${a('codec')} stream is corrupt or truncated: ${a('reason')}`,
  RECORD_TOO_LONG: (a) =>
    `record is longer than ${a('limit')} bytes (--max-record-bytes); it is counted but not parsed`,
  NESTING_TOO_DEEP: (a) =>
    `record nests arrays and objects deeper than ${a('limit')} levels (--max-depth); it is counted but not parsed`,
  DECOMPRESSION_LIMIT: (a) =>
    `${a('codec')} content read only as far as ${a('bytes')} decompressed bytes: ${a('reason')}; records after that point are not counted`,
  FIELDS_CAPPED: (a) =>
    `records have more than ${a('limit')} distinct fields (--max-fields); the schema lists the first ${a('limit')}`,
  ANALYSIS_STOPPED: (a) =>
    a('limit') === 'time'
      ? `analysis stood still for ${a('seconds')} s (--max-analysis-seconds) and was stopped: the hash and size cover the whole file, but the content of its records was not analysed`
      : `analysis needed more than its ${a('mib')} MiB of heap (--max-analysis-memory) and was stopped: the hash and size cover the whole file, but the content of its records was not analysed`,
  RECORD_FIELDS_CUT: (a) =>
    `record has more than ${a('limit')} fields, or more than ten times that at every depth (--max-fields); only the fields before that are read`,
  SAMPLE_REDUCED: (a) =>
    `sampled records are long: the sample was cut to ${a('records')} records to hold at most ${a('limit')} characters`,
  IMAGE_UNREADABLE: (a) =>
    `image header cannot be read: ${a('reason')}`,
  MEDIA_UNREADABLE: (a) =>
    `audio/video header cannot be read: ${a('reason')}`,
  ANNOTATION_EXPORT_INVALID: (a) =>
    `looks like a ${a('format')} annotation export but cannot be read as one (${a('reason')}); recorded by its plain format instead`,
  FINDINGS_CAPPED: (a) =>
    `${a('total')} findings of ${a('code')}; the first ${a('kept')} are listed`,
  LICENCE_TEXT_UNIDENTIFIED: () =>
    `licence file matches no SPDX licence text closely enough; declare its terms in tdgov.yaml (LicenseRef-…)`,
  PII_SENSITIVE: (a) =>
    `sensitive personal information (${a('types')}); needs separate consent or another legal basis, or removal`,
  CONFIG_MISSING: () =>
    `no tdgov.yaml: sources, licences and personal-information bases are not checked; run \`tdgov init\` to draft one`,
  UNDECLARED_FILE: () =>
    `file matches no source's paths in tdgov.yaml; expected every file to belong to a declared source`,
  SOURCE_MATCHES_NOTHING: (a) =>
    `source "${a('source')}" matches no file (paths: ${a('paths')})`,
  SOURCE_LICENCE_MISSING: (a) =>
    `${a('kind')} source "${a('source')}" declares neither a licence nor a contract; expected the licence or authorisation it was obtained under`,
  SOURCE_CONTRACT_MISSING: (a) =>
    `commercial source "${a('source')}" declares no contract; expected the agreement it was bought under`,
  SOURCE_CRAWL_UNDOCUMENTED: (a) =>
    `crawled source "${a('source')}" does not say whether robots.txt and opt-outs were respected (crawl.robots_respected, crawl.opt_out_respected)`,
  SOURCE_GENERATOR_MISSING: (a) =>
    `synthetic source "${a('source')}" does not name the model that generated it (synthetic.generator)`,
  BASE_MODEL_NOT_FILED: (a) =>
    `base model "${a('model')}" has no filing number; TC260-003 §6 expects base models that have completed filing`,
  LICENCE_UNKNOWN: (a) =>
    `source "${a('source')}": licence ${a('licence')} cannot be classified; treated as restrictive`,
  LICENCE_MISMATCH: (a) =>
    `source "${a('source')}" declares ${a('declared')} but ${a('detected')} is stated here`,
  LICENCE_NOT_FOR_COMMERCIAL_USE: (a) =>
    `source "${a('source')}" is ${a('use')} (${a('licence')}) but the dataset's intended use is commercial`,
  PII_WITHOUT_BASIS: (a) =>
    `personal information (${a('types')}) in ${a.raw('source') === undefined ? 'a file of no declared source' : `source "${a('source')}"`} whose personal-information basis is ${a.raw('basis') === undefined ? 'not declared' : a('basis')}; expected consent or another legal basis`,
  RULES_NOT_DECLARED: (a) =>
    `audit ${a('audit')} names no labelling rules; its labels are not checked against a declared label set (declare them in tdgov.yaml and draw with --rules ID)`,
  RULES_DOCUMENT_MISSING: (a) =>
    `labelling rules "${a('rules')}" name the document ${a('document')}, ${RULES_DOCUMENT_REASON_EN[a('reason')] ?? RULES_DOCUMENT_REASON_EN.missing}; expected the rules document it was labelled under, a file inside the project`,
  LABEL_UNDECLARED: (a) =>
    `label "${a('label')}" (${a('count') === '1' ? 'once' : `${a('count')} times`}) is not in the label set of rules "${a('rules')}"`,
  ANNOTATOR_NOT_IN_ROSTER: (a) =>
    `${a('role')} "${a('annotator')}" (${a('count')} items) is not in the annotators roster of tdgov.yaml`,
  ANNOTATOR_UNTRAINED: (a) =>
    `${a('role')} "${a('annotator')}" (${a('count')} items) ${untrained(a)}`,
  REVIEWER_MISSING: (a) =>
    `${a('count')} reviewed rows name no reviewer; expected the reviewer's id in the reviewer column`,
  REVIEWER_IS_ANNOTATOR: (a) =>
    a.raw('reviewer') !== undefined
      ? `reviewer "${a('reviewer')}" (${a('count')} rows) is an annotator only in the roster; TC260-003 expects reviews by people who did not label`
      : `row ${a('row')}: item ${a('item')} was reviewed by its own annotator "${a('annotator')}"; TC260-003 expects reviewer and annotator to differ`,
  SOURCES_TOO_FEW: (a) =>
    `${a('modality')}${a.raw('language') === undefined ? '' : ` × ${a('language')}`}: ${a('count')} ${a.count('count') === 1 ? 'source' : 'sources'} (${a('sources')}); expected at least ${a('min')} for diversity (TC260-003 §5.1)`,
  AUDIT_RECORD_INCONSISTENT: (a) =>
    `audit ${a('audit')}: ${a('field')} is ${a('found')}, but ${a.raw('check') === 'redraw' ? 'drawing the sample again from the exports and the seed gives' : "the record's own plan and seed give"} ${a('expected')}${a.count('more') > 0 ? ` (and ${a('more')} more ${a.count('more') === 1 ? 'difference' : 'differences'})` : ''}; the record is not the sample tdgov drew`,
  AUDIT_UNITS_REPEATED: (a) =>
    `${a('units')} ${a.count('units') === 1 ? 'unit' : 'units'} (item, annotator) appear more than once in the exports (${a('copies')} extra ${a.count('copies') === 1 ? 'copy' : 'copies'}${a.count('differing') > 0 ? `, ${a('differing')} ${a.count('differing') === 1 ? 'unit' : 'units'} with different labels` : ', all with the same labels'}); the population keeps the ${a.raw('policy') === 'last' ? 'last' : 'first'} copy of each (--repeats ${a('policy')}); first: item "${a('item')}"${a.raw('annotator') === undefined ? '' : ` by "${a('annotator')}"`} at ${a('places')}`,
  RULES_DOCUMENT_CHANGED: (a) =>
    `labelling rules "${a('rules')}": ${a('document')} is not the document audit ${a('audit')} was drawn under (sha256 ${a('recorded')} then, ${a('current')} now); re-audit under the current rules or restore them`,
  LICENCE_DENIED: (a) =>
    `source "${a('source')}" is licensed ${a('licence')}, which the policy ${a.raw('list') === 'deny' ? 'denies (policy.licences.deny)' : 'does not allow (policy.licences.allow)'}`,
  PII_DENSITY_HIGH: (a) =>
    `source "${a('source')}" holds ${a('density')} personal values per 10,000 records searched; the policy allows at most ${a('max')} (policy.pii_density_max)`,
  DUPLICATE_RATE_HIGH: (a) =>
    `${a.raw('low') === undefined ? `${a.pct('rate')} of the ${a('records')} analysed records repeat another` : a.raw('exact') === true ? `${a.pct('rate')} of the ${a('records')} records with text repeat another` : `an estimated ${a.pct('rate')} (95% interval ${a.pct('low')}–${a.pct('high')}) of the ${a('records')} records with text repeat another`}; the policy allows at most ${a.pct('max')} (policy.duplicate_rate_max)`,
  AUDIT_MISSING: (a) =>
    `annotation file is not covered by a scored audit of its current content${a.count('audits') > 0 ? ` (audits ${a('audits')} sampled another version of it)` : ''}; run \`tdgov audit sample\` and \`tdgov audit score\``,
  AUDIT_REJECTED: (a) =>
    `audit ${a('audit')} was rejected: ${a('defects')} of ${a('reviewed')} reviewed ${a.raw('kind') === 'content' ? 'failed' : 'incorrect'} (${a.raw('kind') === 'content' ? 'pass rate' : 'accuracy'} ${a.pct('accuracy')})`,
  AUDIT_INCOMPLETE: (a) =>
    a.raw('reviewed') === undefined
      ? `audit ${a('audit')} has not been scored; fill in its sheet and run \`tdgov audit score\``
      : `audit ${a('audit')}: ${a('unreviewed')} of ${a('sampled')} sampled rows have no verdict yet`,
  AUDIT_STALE: (a) =>
    `audit ${a('audit')} was scored on ${a('scored')}, ${a('age')} days ago; the policy accepts audits up to ${a('max')} days old (policy.audit_max_age_days)`,
  ACCURACY_BELOW_TARGET: (a) =>
    `audit ${a('audit')}: accuracy ${a.pct('accuracy')} is below the target ${a.pct('target')} (policy.target_accuracy)`,
  SOURCE_SAFETY_MISSING: (a) =>
    `source "${a('source')}" has no accepted content-safety audit (TC260-003 §5.1: 4,000 sampled items, at least 96% pass); run \`tdgov audit sample --source ${a('source')}\``,
  SOURCE_SAFETY_FAILED: (a) =>
    `source "${a('source')}": content-safety audit ${a('audit')} ${a.raw('harmful') === undefined ? 'was rejected' : `found ${a.pct('harmful')} harmful, over the ${a.pct('max')} TC260-003 allows`}`,
  MANIFEST_STALE: (a) =>
    a.raw('config') === true
      ? `the manifest was checked against another tdgov.yaml (sha256 ${a('recorded')}, now ${a('current')}); run \`tdgov scan\``
      : `the manifest is out of date: ${a('added')} added, ${a('removed')} removed, ${a('changed')} changed since the scan (${a('examples')}); run \`tdgov scan\``,
  SUPPRESSION_EXPIRED: (a) =>
    `the suppression of ${a('rule')} ("${a('reason')}") expired on ${a('until')}; its findings count again`,
}

/** Why a roster entry does not count as trained, from the reason code the rule gives. */
function untrained(a: ArgReader): string {
  switch (a.raw('reason')) {
    case 'no-date':
      return 'has no training date in the roster'
    case 'bad-date':
      return `has a training date that is not a calendar date (${a('trained')})`
    case 'lapsed':
      return `was last trained on ${a('trained')}, ${a('age')} days ago (training is valid for ${a('valid')} days)`
    case 'failed':
      return 'failed the assessment after training'
    default:
      return 'has no passed assessment after training'
  }
}

/** CONTENT_NOT_PRESENT's `kind`: the pointer a tool left in place of the content. */
const POINTER_KIND_EN: Record<string, string> = {
  'git-lfs': 'Git LFS pointer file',
  'git-annex': 'git-annex file',
  dvc: 'DVC pointer file',
}

/** Why a labelling-rules document was not read (records/rules-document.ts). */
const RULES_DOCUMENT_REASON_EN: Record<string, string> = {
  missing: 'which does not exist',
  outside: 'which lies outside the folder of tdgov.yaml and is not read',
  'not-a-file': 'which is not a regular file and is not read',
  'too-large': 'which is larger than 64 MiB and is not read',
}
