import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { CONFIG_FILE } from '../../records/load-config.js'
import { draftConfig } from '../../init/draft-config.js'
import { createFileAtomic } from '../../util/atomic-write.js'
import { UserError } from '../../util/errors.js'
import { terminalSafe } from '../../util/terminal-safe.js'

export interface InitCommandOptions {
  dir: string
  print?: boolean
}

/** `tdgov init [dir]`: drafts tdgov.yaml, never over an existing one; returns the exit code. */
export function initCommand(options: InitCommandOptions): number {
  const { dir } = options
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory; expected the dataset directory`)
  const draft = draftConfig(dir)
  if (options.print) {
    process.stdout.write(draft)
    return 0
  }
  const target = path.join(dir, CONFIG_FILE)
  try {
    createFileAtomic(target, draft)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new UserError(`${target}: already exists; tdgov init never overwrites it (--print shows a fresh draft)`)
    throw new UserError(`${target}: cannot write (${code ?? String(error)})`)
  }
  process.stdout.write(terminalSafe(`wrote ${target}: review it, then run \`tdgov scan ${dir}\``) + '\n')
  return 0
}
