import { CommanderError } from 'commander'
import { removePendingWrites } from '../util/atomic-write.js'
import { UserError } from '../util/errors.js'
import { terminalSafe } from '../util/terminal-safe.js'
import { buildProgram } from './program.js'

/** The process boundary: runs the program and maps every outcome to an exit code. */
async function main(argv: string[]): Promise<void> {
  // Leave the previous manifest and cache as they were: drop half-written temporary files, and say
  // so, for Ctrl-C and for a CI runner or `timeout` that stops the job (128 + the signal's number).
  process.once('SIGINT', () => {
    removePendingWrites()
    process.stderr.write('\ntdgov: interrupted; nothing was written\n')
    process.exit(130)
  })
  process.once('SIGTERM', () => {
    removePendingWrites()
    process.stderr.write('\ntdgov: terminated (SIGTERM); nothing was written\n')
    process.exit(143)
  })
  // A reader that stops early (`tdgov … | head`) closes the pipe: end as a Unix tool does on
  // SIGPIPE (128 + 13), quietly and with nothing half-written, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    removePendingWrites()
    process.exit(141)
  })
  const debug = argv.includes('--debug')
  const program = buildProgram((code) => {
    process.exitCode = code
  })
  try {
    await program.parseAsync(argv)
  } catch (error) {
    process.exitCode = exitCodeFor(error, debug)
  }
}

/**
 * A message may quote a path or a value from the user's files: each of its lines is shown with
 * control characters escaped (the lines themselves are the message's own, as a config error lists
 * one problem per line).
 */
function safeLines(message: string): string {
  return message.split('\n').map(terminalSafe).join('\n')
}

function exitCodeFor(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; everything else commander rejects is a usage error.
    return error.exitCode === 0 ? 0 : 2
  }
  if (error instanceof UserError) {
    process.stderr.write(`tdgov: ${safeLines(error.message)}\n`)
    return 2
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`tdgov: internal error: ${safeLines(message)}\n`)
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
  else process.stderr.write('tdgov: run again with --debug for the stack trace\n')
  return 3
}

await main(process.argv)
