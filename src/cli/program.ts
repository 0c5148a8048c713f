import { Command, Option } from 'commander'
import { toolVersion } from '../util/version.js'

/** The single wiring file: every command and option is declared here; actions load lazily. */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('tdgov')
    .description('Training-data governance for generative-AI datasets')
    .version(toolVersion())
    .option('--debug', 'show stack traces for internal errors')
    // Set before the commands are added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`tdgov: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    })

  program
    .command('init')
    .description('draft tdgov.yaml: one source per top-level folder, detected licences as suggestions')
    .argument('[dir]', 'dataset directory', '.')
    .option('--print', 'print the draft instead of writing tdgov.yaml')
    .addHelpText('after', '\nExample:\n  $ tdgov init data && $EDITOR data/tdgov.yaml')
    .action(async (dir: string, options: { print?: boolean }) => {
      const { initCommand } = await import('./commands/init.js')
      setExitCode(initCommand({ dir, print: options.print === true }))
    })

  program
    .command('scan')
    .description('record every file of a dataset directory in a deterministic manifest')
    .argument('[dir]', 'dataset directory', '.')
    .option('--out <file>', 'where to write the manifest (default: <dir>/.tdgov/manifest.json)')
    .option('--force', 'write --out inside the dataset, or over a file tdgov did not write')
    .option('--json', 'also print the manifest on stdout (summary goes to stderr)')
    .addOption(new Option('--jobs <n>', 'worker threads (default: number of cores)'))
    .option('--no-cache', 'read every file even when .tdgov/cache says it is unchanged')
    .option('--deep', 'parse every record instead of a seeded sample of 1,000 per file')
    .option('--strict', 'exit 1 when any error-severity finding exists')
    .addOption(new Option('--pii <mode>', 'personal information: off, sample (the analysed records) or full (every record)').default('sample'))
    .addOption(new Option('--tokens <mode>', 'tokens: off, estimate (seeded sample, 95% interval) or exact (every record; implies --deep)').default('estimate'))
    .option('--config <file>', 'tdgov.yaml to check against (default: <dir>/tdgov.yaml)')
    .addOption(new Option('--lang <lang>', 'language of the findings: en or zh').default('en'))
    .option('--max-record-bytes <n>', 'longest line or record parsed, in bytes (default 8388608: 8 MiB)')
    .option('--max-depth <n>', 'deepest nesting of JSON arrays and objects parsed (default 512)')
    .option('--max-decompressed-bytes <n>', 'bytes decompressed per .gz/.zst file; 0 for no limit (default 0)')
    .option('--max-decompression-ratio <r>', 'decompressed bytes per compressed byte, past the first 64 MiB (default 100)')
    .option('--max-analysis-seconds <s>', 'longest a file’s analysis may stand still before it is stopped; the hash still finishes (default 60)')
    .option('--max-analysis-memory <mib>', 'heap of a file’s analysis thread in MiB, 0 for none (default 160; none with --deep)')
    .option('--max-fields <n>', 'distinct fields recorded in one file’s schema (default 10000)')
    .option('--shard <K/N>', 'scan only shard K of N (by a hash of each path) and write a partial for tdgov merge; env: the Slurm array task or GitLab parallel job; env/N: a Kubernetes Indexed Job of N')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov scan data                           # writes data/.tdgov/manifest.json
  $ tdgov scan data --json > manifest.json    # the manifest on stdout
  $ tdgov scan data --strict --jobs 4         # malformed files fail the scan; four worker threads`,
    )
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { scanCommand } = await import('./commands/scan.js')
      setExitCode(await scanCommand({ ...options, dir }))
    })

  const audit = program
    .command('audit')
    .description('sample annotations (or a source’s records), score reviewed sheets, measure agreement (Art. 8)')

  const planOptions = (command: Command): Command =>
    command
      .option('--aql <percent>', 'ISO 2859-1 acceptable quality limit, in per cent (0.065–15)')
      .option('--level <level>', 'ISO 2859-1 inspection level: S-1, S-2, S-3, S-4, I, II, III (default II)')
      .option('--margin <e>', 'estimate the accuracy to within ±e (0.05 or 5%)')
      .option('--confidence <c>', 'confidence level for --margin (default 0.95)')
      .option('--proportion <p>', 'anticipated proportion for --margin (default 0.5, the largest sample)')

  const adapterOptions = (command: Command): Command =>
    command
      .option('--format <format>', 'auto, label-studio, coco, yolo, voc, cvat, doccano, prodigy, conll, csv or jsonl', 'auto')
      .option('--item-column <name>', 'generic CSV/JSONL: the item id column', 'item')
      .option('--annotator-column <name>', 'generic CSV/JSONL: the annotator column', 'annotator')
      .option('--label-column <name>', 'generic CSV/JSONL and Label Studio JSON-MIN/CSV: the label column', 'label')
      .option('--classes <file>', 'YOLO class names (default: classes.txt next to or above the label files)')
      .option('--repeats <policy>', 'a unit (item, annotator) the exports hold more than once: keep its first or last copy, or refuse the exports', 'first')

  planOptions(
    audit
      .command('plan')
      .description('print a sampling plan: ISO 2859-1 for a lot, or Cochran for a proportion estimate')
      .option('--lot <n>', 'lot size: items in the batch (with --aql)')
      .option('--population <n>', 'population size (with --margin)'),
  )
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov audit plan --lot 4000 --aql 1.5     # code letter L: inspect 200, accept at most 7 incorrect
  $ tdgov audit plan --population 20000 --margin 0.03 --confidence 0.95
  $ tdgov audit plan --margin 3%              # no population: the infinite-population size, 1,068`,
    )
    .action(async (options: Record<string, unknown>) => {
      const { auditPlanCommand } = await import('./commands/audit-plan.js')
      setExitCode(auditPlanCommand(options))
    })

  adapterOptions(
    planOptions(
      audit
        .command('sample')
        .description('draw a reproducible sample and write the review sheet and the audit record')
        .argument('[annotations...]', 'annotation exports: files or directories'),
    ),
  )
    .option('--seed <seed>', 'any text; the same seed and population give the same sample')
    .option('--size <n>', 'a fixed sample size')
    .option('--ratio <r>', 'a share of the population (0.05 or 5%)')
    .option('--stratify <by>', 'proportional allocation over label, annotator or source')
    .option('--sheet <file>', 'review sheet: .csv (UTF-8 with BOM), .jsonl, .xlsx, or .label-studio.json (Label Studio tasks, with the project\'s labelling config as .label-studio.xml) (default: .tdgov/audits/<id>.csv)')
    .option('--sheet-lang <lang>', "the sheet's headers, verdict words and instructions: zh or en (default: dataset.language in tdgov.yaml, else LANG, else en)")
    .option('--source <id>', 'data-item audit: sample the records of this declared source (default size 4,000, TC260-003)')
    .option('--rules <id>', 'the labelling rules in tdgov.yaml the labels follow')
    .option('--id <name>', 'audit id (default: derived from population, plan and seed)')
    .option('--force', 'replace an existing sheet, or an audit already scored')
    .option('--as-of <YYYY-MM-DD>', 'the day the sample is drawn, recorded in the audit; training is judged at it (default: SOURCE_DATE_EPOCH, else today, UTC)')
    .option('--config <file>', 'tdgov.yaml (default: <project>/tdgov.yaml)')
    .option('--project <dir>', 'the project root, where .tdgov/audits is written (default: the folder of --config, else .)')
    .option('--json', 'print the audit summary as JSON')
    .addOption(new Option('--lang <lang>', 'language of the findings: en or zh').default('en'))
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov audit sample export.json --aql 1.5 --seed 2026-11 --sheet review.xlsx
  $ tdgov audit sample labels/ --format yolo --margin 5% --seed q4 --stratify label
  $ tdgov audit sample export.json --size 50 --seed q4 --sheet review.label-studio.json
  $ tdgov audit sample --source support-tickets --seed 2026-11 --config data/tdgov.yaml`,
    )
    .action(async (inputs: string[], options: Record<string, unknown>) => {
      const { auditSampleCommand } = await import('./commands/audit-sample.js')
      setExitCode(await auditSampleCommand({ ...options, inputs }))
    })

  audit
    .command('score')
    .description('check a reviewed sheet against its audit, score it and record the result; exit 1 unless accepted')
    .argument('<sheet>', 'the review sheet written by audit sample, with verdicts filled in, or the JSON export of its Label Studio review project')
    .option('--record <file>', 'the audit record (default: found by the sheet’s audit_id)')
    .option('--confidence <c>', 'confidence level of the intervals and the lower bound (default 0.95)')
    .option('--target-accuracy <a>', 'accept when the lower bound reaches this (plans other than ISO; default policy.target_accuracy or 0.95)')
    .option('--as-of <YYYY-MM-DD>', 'the day of scoring, recorded as scored_on (default: the recorded day when the same sheet was scored before, else SOURCE_DATE_EPOCH, else today, UTC)')
    .option('--max-sheet-bytes <n>', 'refuse a sheet file (or an xlsx workbook unpacked) larger than this (default 67108864, 64 MiB)')
    .option('--max-sheet-rows <n>', 'refuse a sheet with more data rows than this (default: the sample size plus 10%, at least 100 more)')
    .option('--max-sheet-row-bytes <n>', 'refuse a CSV record, JSONL line or Label Studio task longer than this (default 1048576, 1 MiB)')
    .option('--config <file>', 'tdgov.yaml with the roster and policy (default: <project>/tdgov.yaml)')
    .option('--project <dir>', 'the project root, whose .tdgov/audits holds the record (default: the folder of --config, else .)')
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--lang <lang>', 'language of the findings: en or zh').default('en'))
    .addHelpText('after', '\nExample:\n  $ tdgov audit score review.xlsx --json > result.json')
    .action(async (sheet: string, options: Record<string, unknown>) => {
      const { auditScoreCommand } = await import('./commands/audit-score.js')
      setExitCode(await auditScoreCommand({ ...options, sheet }))
    })

  audit
    .command('verify')
    .description('check an audit record against its own plan and seed, and re-draw its sample from the exports; exit 1 unless verified')
    .argument('<record>', 'the audit record (.tdgov/audits/<id>.json)')
    .option('--exports <dirs...>', 'folders holding the exports the record names (searched by recorded path, then by file name; default: the project root)')
    .option('--config <file>', 'tdgov.yaml, for a sample stratified by source (default: <project>/tdgov.yaml)')
    .option('--project <dir>', 'the root the record’s input paths are relative to (default: the folder holding .tdgov/audits, else the folder of --config, else .)')
    .option('--json', 'print the verification as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov audit verify .tdgov/audits/annotation-282278bae6af.json
  $ tdgov audit verify annotation-282278bae6af.json --exports received/`,
    )
    .action(async (record: string, options: Record<string, unknown>) => {
      const { auditVerifyCommand } = await import('./commands/audit-verify.js')
      setExitCode(await auditVerifyCommand({ ...options, record }))
    })

  adapterOptions(
    audit
      .command('agreement')
      .description("inter-annotator agreement: percent, Cohen's kappa, Fleiss' kappa, Krippendorff's alpha")
      .argument('<annotations...>', 'annotation exports; items are joined on their id across files'),
  )
    .option('--weights <w>', "Cohen's kappa weights: none, linear or quadratic (over category order)", 'none')
    .option('--order <a,b,c>', 'category order for weighted kappa and ordinal/interval alpha')
    .option('--json', 'print the measures as JSON')
    .addHelpText('after', '\nExample:\n  $ tdgov audit agreement alice.jsonl bob.jsonl --weights quadratic --order 1,2,3,4,5')
    .action(async (inputs: string[], options: Record<string, unknown>) => {
      const { auditAgreementCommand } = await import('./commands/audit-agreement.js')
      setExitCode(await auditAgreementCommand({ ...options, inputs }))
    })

  program
    .command('merge')
    .description('combine the partials of a sharded scan (scan --shard K/N) into the manifest the unsharded scan writes')
    .argument('<partials...>', 'the partial of every shard, in any order')
    .option('--out <file>', 'where to write the manifest (default: <dataset>/.tdgov/manifest.json)')
    .option('--json', 'also print the manifest on stdout (summary goes to stderr)')
    .addOption(new Option('--lang <lang>', 'language of the summary: en or zh').default('en'))
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov scan data --shard 1/2 --out shard-1.ndjson && tdgov scan data --shard 2/2 --out shard-2.ndjson
  $ tdgov merge shard-1.ndjson shard-2.ndjson           # writes data/.tdgov/manifest.json`,
    )
    .action(async (partials: string[], options: Record<string, unknown>) => {
      const { mergeCommand } = await import('./commands/merge.js')
      setExitCode(await mergeCommand({ ...options, partials }))
    })

  program
    .command('diff')
    .description('compare two manifests: files, totals, tokens, licences, personal information, findings')
    .argument('<old>', 'the earlier manifest: a file, or REV:PATH from git (HEAD~1:.tdgov/manifest.json)')
    .argument('<new>', 'the later manifest: a file, or REV:PATH')
    .option('--json', 'print the diff as JSON (the same as --format json)')
    .addOption(new Option('--format <format>', 'text, md (a pull-request comment) or json').default('text'))
    .addOption(new Option('--lang <lang>', 'language of finding messages: en or zh').default('en'))
    .addHelpText('after', '\nExample:\n  $ tdgov diff HEAD~1:.tdgov/manifest.json .tdgov/manifest.json --format md')
    .action(async (oldSpec: string, newSpec: string, options: Record<string, unknown>) => {
      const { diffCommand } = await import('./commands/diff.js')
      setExitCode(diffCommand({ ...options, old: oldSpec, new: newSpec }))
    })

  program
    .command('check')
    .description('the release gate: run every rule over the manifest, tdgov.yaml and the audit records; exit 1 on failure')
    .argument('[dir]', 'the project (dataset) directory (default: the folder of --config, else .)')
    .option('--project <dir>', 'the project root, when it is not [dir]')
    .option('--config <file>', 'tdgov.yaml (default: <dir>/tdgov.yaml)')
    .addOption(new Option('--format <format>', 'text, json, github, sarif, junit or gitlab').default('text'))
    .option('--json', 'same as --format json')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--force', 'write --out inside the dataset, or over a file tdgov did not write')
    .addOption(new Option('--fail-on <severity>', 'error, warning or never').default('error'))
    .addOption(new Option('--lang <lang>', 'en or zh').default('en'))
    .option('--update-baseline', 'record every current finding in .tdgov/baseline.json; later runs fail only on new ones')
    .option('--no-tree', 'do not compare the tree with the manifest (MANIFEST_STALE)')
    .option('--docs-url <url>', 'where docs/rules.md is published, for SARIF helpUri (default: the installed copy)')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov scan data && tdgov check data                 # exit 1 on error findings
  $ tdgov check data --format sarif --out tdgov.sarif    # for GitHub code scanning
  $ tdgov check data --format gitlab --out gl-code-quality.json
  $ tdgov check data --lang zh --fail-on warning`,
    )
    .action(async (dir: string | undefined, options: Record<string, unknown>) => {
      const { checkCommand } = await import('./commands/check.js')
      setExitCode(await checkCommand({ ...options, ...(dir !== undefined && { dir }) }))
    })

  program
    .command('report')
    .description('the Art. 19 report from the records (manifest, tdgov.yaml, audit records): the model as JSON, or the CAC explanation')
    .argument('[dir]', 'the project (dataset) directory (default: the folder of --config, else .)')
    .option('--project <dir>', 'the project root, when it is not [dir]')
    .option('--config <file>', 'tdgov.yaml (default: <dir>/tdgov.yaml)')
    .addOption(new Option('--format <format>', 'json (the report model), md (the model, readable), cac (the Art. 19 explanation), html (the explanation as a self-contained page with charts), eu-summary (the EU training-content summary), hf-card (a Hugging Face README.md), croissant (Croissant 1.1 + RAI JSON-LD) or spdx (SPDX 3.0.1 Dataset JSON-LD)').default('json'))
    .addOption(new Option('--lang <lang>', 'language of the cac explanation and the html page: zh or en').default('zh'))
    .option('--as <kind>', 'cac only: md (default), html (the page) or docx (a Word document; needs --out unless stdout is redirected)')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--force', 'write --out inside the dataset, or over a file tdgov did not write')
    .option('--date <YYYY-MM-DD>', 'the report date (default: SOURCE_DATE_EPOCH, else today, UTC)')
    .option('--strict', 'refuse when the manifest was made against another tdgov.yaml or an audit is stale')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov report data --out report.json
  $ tdgov report data --format cac --lang en --out explanation.md
  $ tdgov report data --format cac --as docx --out 训练数据说明.docx
  $ tdgov report data --format html --lang en --out report.html
  $ SOURCE_DATE_EPOCH=1735689600 tdgov report data --strict`,
    )
    .action(async (dir: string | undefined, options: Record<string, unknown>) => {
      const { reportCommand } = await import('./commands/report.js')
      setExitCode(await reportCommand({ ...options, ...(dir !== undefined && { dir }) }))
    })

  program
    .command('explain')
    .description('what a finding code checks, the clause it serves, how to fix it and how to re-grade or suppress it')
    .argument('[code]', 'finding code (UNDECLARED_FILE or undeclared-file); omit to list every code')
    .addOption(new Option('--lang <lang>', 'language: en or zh').default('en'))
    .option('--json', 'print the rule documentation as JSON')
    .addHelpText('after', '\nExample:\n  $ tdgov explain UNDECLARED_FILE --lang zh')
    .action(async (code: string | undefined, options: Record<string, unknown>) => {
      const { explainCommand } = await import('./commands/explain.js')
      setExitCode(explainCommand({ ...options, code }))
    })

  program
    .command('schema')
    .description('print the JSON Schema of a file tdgov writes')
    .argument('[name]', 'schema name; omit to list them')
    .addHelpText('after', '\nExample:\n  $ tdgov schema manifest > manifest.schema.json')
    .action(async (name: string | undefined) => {
      const { schemaCommand } = await import('./commands/schema.js')
      setExitCode(schemaCommand(name))
    })

  return program
}
