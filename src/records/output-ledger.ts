import { createHash } from 'node:crypto'
import { createReadStream, lstatSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../util/atomic-write.js'
import { TDGOV_DIR } from './project.js'

/**
 * What tdgov has written with --out, so that writing there again needs no --force while a file
 * anyone else wrote, or one changed since, does: the SHA-256 of each output as written, keyed by the
 * SHA-256 of its absolute path (the ledger holds no path, so it names no user or folder). Kept in
 * the project's .tdgov/, newest last, at most MAX_ENTRIES.
 */
const ledgerSchema = z
  .object({
    ledger: z.literal('tdgov/outputs'),
    version: z.literal(1),
    files: z.array(
      z
        .object({
          path: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the absolute path the output was written to'),
          sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the bytes written'),
          bytes: z.number().int().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict()

export type OutputLedger = z.infer<typeof ledgerSchema>

const LEDGER_FILE = path.join(TDGOV_DIR, 'outputs.json')
const MAX_ENTRIES = 1000
/** Larger than a thousand entries can be: not a ledger tdgov wrote. */
const MAX_LEDGER_BYTES = 1024 * 1024

export function ledgerFile(root: string): string {
  return path.join(root, LEDGER_FILE)
}

const pathKey = (file: string): string => createHash('sha256').update(path.resolve(file)).digest('hex')

/**
 * The project's ledger; empty when there is none yet. A ledger that is not one (edited, cut short)
 * counts as empty: it only ever allows replacing files, so forgetting is the safe direction.
 */
export function readLedger(root: string): OutputLedger {
  const file = ledgerFile(root)
  const empty: OutputLedger = { ledger: 'tdgov/outputs', version: 1, files: [] }
  try {
    const stat = lstatSync(file)
    if (!stat.isFile() || stat.size > MAX_LEDGER_BYTES) return empty
    const parsed = ledgerSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : empty
  } catch {
    return empty
  }
}

/** SHA-256 and size of a file, read in chunks. */
async function digestOf(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    bytes += chunk.length
  }
  return { sha256: hash.digest('hex'), bytes }
}

/** Whether `file` is, byte for byte, an output tdgov wrote there for this project. */
export async function writtenHereByTdgov(root: string, file: string): Promise<boolean> {
  const entry = readLedger(root).files.findLast((f) => f.path === pathKey(file))
  if (!entry) return false
  const stat = lstatSync(file)
  if (!stat.isFile() || stat.size !== entry.bytes) return false
  return (await digestOf(file)).sha256 === entry.sha256
}

/**
 * Notes that tdgov has just written `file` (an --out): its digest goes into the ledger, replacing
 * any older entry for the same path. The output is written by then, so a ledger that cannot be
 * written (no .tdgov/ yet, a read-only project, a .tdgov that is a link) only means the next
 * write there needs --force: false, never an error.
 */
export async function noteOutput(root: string, file: string): Promise<boolean> {
  // Only into a .tdgov/ that is already there: a scan with --out elsewhere (and --no-cache) of a
  // read-only corpus must leave the dataset as it was.
  if (!isFolder(path.join(root, TDGOV_DIR))) return false
  try {
    const key = pathKey(file)
    const digest = await digestOf(file)
    const ledger = readLedger(root)
    const files = [...ledger.files.filter((f) => f.path !== key), { path: key, ...digest }].slice(-MAX_ENTRIES)
    writeFileAtomic(ledgerFile(root), JSON.stringify({ ...ledger, files }, null, 1) + '\n', { within: root })
    return true
  } catch {
    return false
  }
}

function isFolder(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory()
  } catch {
    return false
  }
}
