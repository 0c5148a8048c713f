import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import spdxCorrect from 'spdx-correct'
import spdxParse from 'spdx-expression-parse'
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { z } from 'zod'
import { UserError } from '../util/errors.js'
import { configSchema, type Config } from './config-schema.js'

import { CONFIG_FILE } from './config-file.js'

export { CONFIG_FILE }

export interface LoadedConfig {
  config: Config
  /** as given or found, for messages */
  file: string
  /** SHA-256 of the file's bytes: a manifest names the declarations it was checked against */
  sha256: string
}

/** Reads `tdgov.yaml` from `root` (or `file` when given); null when there is none and none was asked for. */
export function loadConfig(root: string, file?: string): LoadedConfig | null {
  const configFile = file ?? path.join(root, CONFIG_FILE)
  let bytes: Buffer
  try {
    bytes = readFileSync(configFile)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && file === undefined) return null
    throw new UserError(`${configFile}: cannot read the configuration (${code ?? String(error)})`)
  }
  const config = parseConfig(bytes.toString('utf8'), configFile)
  return { config, file: configFile, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** Parses and validates a configuration; every error is one line: file:line:col: YAML path: what was expected. */
export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return file
    const { line, col } = lines.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const yamlError = doc.errors[0]
  if (yamlError) throw new UserError(`${where(yamlError.pos[0])}: not valid YAML: ${firstLine(yamlError.message)}`)
  const parsed = configSchema.safeParse(doc.toJS() ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const keyPath = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
    // zod's issues do not carry the value, so what was there is read back from the document.
    const present = keyPath.length === 0 || doc.hasIn(keyPath)
    throw new UserError(`${where(offsetOf(doc, keyPath))}: ${renderPath(keyPath)}: ${describeIssue(issue, present, doc.getIn(keyPath))}`)
  }
  checkDeclarations(parsed.data, (keyPath, message) => new UserError(`${where(offsetOf(doc, keyPath))}: ${renderPath(keyPath)}: ${message}`))
  return parsed.data
}

/** What zod cannot say: unique ids and licence expressions SPDX can parse. */
function checkDeclarations(config: Config, fail: (keyPath: (string | number)[], message: string) => UserError): void {
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
  fail: (keyPath: (string | number)[], message: string) => UserError,
): void {
  const seen = new Map<string, number>()
  entries.forEach((entry, i) => {
    const first = seen.get(entry.id)
    if (first !== undefined) throw fail([list, i, 'id'], `"${entry.id}" is already the id of ${list}[${first}]; expected unique ids`)
    seen.set(entry.id, i)
  })
}

function checkLicence(expression: string, keyPath: (string | number)[], fail: (keyPath: (string | number)[], message: string) => UserError): void {
  try {
    spdxParse(expression)
  } catch {
    const suggestion = spdxCorrect(expression, { upgrade: true })
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '; use LicenseRef-<name> for custom terms'
    throw fail(keyPath, `"${expression}" is not an SPDX licence expression${hint}`)
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

/** sources[1].kind */
function renderPath(keyPath: (string | number)[]): string {
  if (keyPath.length === 0) return '(top level)'
  return keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')
}

function describeIssue(issue: z.core.$ZodIssue, present: boolean, value: unknown): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`
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
