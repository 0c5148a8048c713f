import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import spdxCorrect from 'spdx-correct'
import spdxParse from 'spdx-expression-parse'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { z } from 'zod'
import { UserError } from '../util/errors.js'
import { FINDING_CODES } from '../findings/codes.js'
import { closest, knownKeysAt } from './config-keys.js'
import { configSchema, type Config } from './config-schema.js'

import { CONFIG_FILE } from './config-file.js'

export { CONFIG_FILE }

export interface LoadedConfig {
  config: Config
  /** line and column (1-based) of a key path in the file, when the document has it */
  locate: (keyPath: readonly (string | number)[]) => { line: number; column: number } | null
  /** as given or found, for messages */
  file: string
  /** SHA-256 of the file's bytes: a manifest names the declarations it was checked against */
  sha256: string
}

/** A configuration is a page of declarations: one larger than this is refused before it is parsed. */
export const CONFIG_MAX_BYTES = 4 * 1024 * 1024
const MAX_ALIAS_COUNT = 100

/** The file's bytes, when it is a regular file of at most CONFIG_MAX_BYTES (a FIFO or device is refused, not read). */
function readBounded(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw new UserError(`${file}: expected the configuration as a regular file, found ${stat.isDirectory() ? 'a folder' : 'a special file'}`)
    if (stat.size > CONFIG_MAX_BYTES) throw new UserError(`${file}: ${stat.size} bytes; a configuration may hold at most ${CONFIG_MAX_BYTES} bytes (4 MiB)`)
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Reads `tdgov.yaml` from `root` (or `file` when given); null when there is none and none was asked for. */
export function loadConfig(root: string, file?: string): LoadedConfig | null {
  const configFile = file ?? path.join(root, CONFIG_FILE)
  let bytes: Buffer
  try {
    bytes = readBounded(configFile)
  } catch (error) {
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && file === undefined) return null
    throw new UserError(`${configFile}: cannot read the configuration (${code ?? String(error)})`)
  }
  const { config, locate } = parseConfigDocument(bytes.toString('utf8'), configFile)
  return { config, locate, file: configFile, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** Parses and validates a configuration; every problem is one line: file:line:col: YAML path: what was expected. */
export function parseConfig(text: string, file: string): Config {
  return parseConfigDocument(text, file).config
}

/** All of the file's problems are reported at once, one per line, so a user fixes them in one pass. */
function parseConfigDocument(text: string, file: string): Pick<LoadedConfig, 'config' | 'locate'> {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return file
    const { line, col } = lines.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const yamlError = doc.errors[0]
  if (yamlError) throw new UserError(`${where(yamlError.pos[0])}: not valid YAML: ${firstLine(yamlError.message)}`)
  const problem = (keyPath: (string | number)[], message: string): string => `${where(offsetOf(doc, keyPath))}: ${renderPath(keyPath)}: ${message}`
  let value: unknown
  try {
    // yaml stops expanding aliases past maxAliasCount (a "billion laughs" document) with an error
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}
  } catch (error) {
    throw new UserError(`${file}: not a configuration tdgov reads: ${firstLine(error instanceof Error ? error.message : String(error))} (at most ${MAX_ALIAS_COUNT} alias expansions)`)
  }
  const parsed = configSchema.safeParse(value)
  if (!parsed.success) {
    const messages = parsed.error.issues.flatMap((issue) => {
      const keyPath = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${where(keyOffsetOf(doc, keyPath, key) ?? offsetOf(doc, [...keyPath, key]))}: ${renderPath([...keyPath, key])}: ${unknownKey(key, keyPath)}`)
      }
      // zod's issues do not carry the value, so what was there is read back from the document.
      const present = keyPath.length === 0 || doc.hasIn(keyPath)
      return [problem(keyPath, describeIssue(issue, present, doc.getIn(keyPath), keyPath))]
    })
    throw new UserError([...new Set(messages)].join('\n'))
  }
  const declarationProblems: string[] = []
  checkDeclarations(parsed.data, (keyPath, message) => {
    declarationProblems.push(problem(keyPath, message))
  })
  if (declarationProblems.length > 0) throw new UserError(declarationProblems.join('\n'))
  const locate = (keyPath: readonly (string | number)[]): { line: number; column: number } | null => {
    const offset = offsetOf(doc, [...keyPath])
    if (offset === undefined) return null
    const { line, col } = lines.linePos(offset)
    return { line, column: col }
  }
  return { config: parsed.data, locate }
}

/** `unknown key "polcy"; did you mean "policy"?`, from the keys the schema allows at that place. */
function unknownKey(key: string, parentPath: (string | number)[]): string {
  const known = knownKeysAt(parentPath)
  const suggestion = closest(key, known)
  return `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : known.length > 0 ? `; expected one of ${known.join(', ')}` : ''}`
}

/** What zod cannot say: unique ids and licence expressions SPDX can parse. */
function checkDeclarations(config: Config, fail: (keyPath: (string | number)[], message: string) => void): void {
  checkUniqueIds('sources', config.sources, fail)
  checkUniqueIds('labelling_rules', config.labelling_rules, fail)
  checkUniqueIds('annotators', config.annotators, fail)
  config.sources.forEach((source, i) => {
    if (source.license !== undefined) checkLicence(source.license, ['sources', i, 'license'], fail)
  })
  config.base_models.forEach((model, i) => {
    if (model.license !== undefined) checkLicence(model.license, ['base_models', i, 'license'], fail)
  })
}

function checkUniqueIds(
  list: 'sources' | 'labelling_rules' | 'annotators',
  entries: readonly { id: string }[],
  fail: (keyPath: (string | number)[], message: string) => void,
): void {
  const seen = new Map<string, number>()
  entries.forEach((entry, i) => {
    const first = seen.get(entry.id)
    if (first !== undefined) fail([list, i, 'id'], `"${entry.id}" is already the id of ${list}[${first}]; expected unique ids`)
    else seen.set(entry.id, i)
  })
}

function checkLicence(expression: string, keyPath: (string | number)[], fail: (keyPath: (string | number)[], message: string) => void): void {
  try {
    spdxParse(expression)
  } catch {
    const suggestion = spdxCorrect(expression, { upgrade: true })
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '; use LicenseRef-<name> for custom terms'
    fail(keyPath, `"${expression}" is not an SPDX licence expression${hint}`)
  }
}

/** Where a key path points in the document: the value's node, else the deepest existing parent. */
function offsetOf(doc: Document, keyPath: (string | number)[]): number | undefined {
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = doc.getIn(keyPath.slice(0, depth), true) as Node | undefined
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0]
    if (depth === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return doc.contents.range?.[0]
  }
  return undefined
}

/** Where a key itself is written (an unknown key is pointed at, not its value). */
function keyOffsetOf(doc: Document, parentPath: (string | number)[], key: string): number | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true)
  if (!isMap(parent)) return undefined
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key)
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined
}

/** sources[1].kind */
function renderPath(keyPath: (string | number)[]): string {
  if (keyPath.length === 0) return '(top level)'
  return keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')
}

function describeIssue(issue: z.core.$ZodIssue, present: boolean, value: unknown, keyPath: (string | number)[]): string {
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v))
      const suggestion = typeof value === 'string' ? closest(value, values) : null
      return suggestion ? `"${value}" is not one of the ${values.length} allowed values; did you mean "${suggestion}"?` : `expected one of ${values.join(', ')}`
    }
    case 'invalid_union': {
      // The branch closest to what was written says what was expected: for `off`, that it needs a reason.
      const first = issue.errors.flat()[0]
      return first ? first.message : issue.message
    }
    case 'invalid_key': {
      // policy.severity and suppressions name rules by code
      const key = keyPath[keyPath.length - 1]
      const suggestion = typeof key === 'string' ? closest(key, [...FINDING_CODES]) : null
      return `"${String(key)}" is not a tdgov rule code${suggestion ? `; did you mean "${suggestion}"?` : ' (see `tdgov explain`)'}`
    }
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    case 'invalid_type':
      return present ? `expected ${yamlKind(issue.expected)}, found ${kindOf(value)}` : `missing; expected ${yamlKind(issue.expected)}`
    default:
      return issue.message
  }
}

/** What a YAML value is, in the words of the messages (never the value itself: it may be long). */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (isSeq(value)) return 'a list'
  if (isMap(value)) return 'a mapping'
  return article(typeof value)
}

/** zod's type names as a YAML author knows them. */
function yamlKind(expected: string): string {
  return expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : article(expected)
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
