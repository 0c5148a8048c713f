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
    .option('--json', 'also print the manifest on stdout (summary goes to stderr)')
    .addOption(new Option('--jobs <n>', 'worker threads (default: number of cores)'))
    .option('--no-cache', 'read every file even when .tdgov/cache says it is unchanged')
    .option('--deep', 'parse every record instead of a seeded sample of 1,000 per file')
    .option('--strict', 'exit 1 when any error-severity finding exists')
    .addOption(new Option('--pii <mode>', 'personal information: off, sample (the analysed records) or full (every record)').default('sample'))
    .addOption(new Option('--tokens <mode>', 'tokens: off, estimate (seeded sample, 95% interval) or exact (every record; implies --deep)').default('estimate'))
    .option('--config <file>', 'tdgov.yaml to check against (default: <dir>/tdgov.yaml)')
    .addHelpText(
      'after',
      `
Examples:
  $ tdgov scan fixtures/demo               write fixtures/demo/.tdgov/manifest.json
  $ tdgov scan data --json > manifest.json  print the manifest
  $ tdgov scan data --strict --jobs 4       fail on malformed files, four worker threads`,
    )
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { scanCommand } = await import('./commands/scan.js')
      setExitCode(await scanCommand({ ...options, dir }))
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
