import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { stringify } from 'yaml'
import { terminalSafe } from '../util/terminal-safe.js'
import { CARD_NAME, isDocumentation, isTooling, LICENCE_TEXT_NAME } from '../formats/detect.js'
import { identifyLicenceText, licencesFromCard, normaliseLicence } from '../provenance/licences/index.js'
import { INTENDED_USES, PI_BASES, SOURCE_KINDS } from '../records/config-schema.js'

/** Folders that are never a source: tdgov's own state and version control. */
const NOT_SOURCES = new Set(['.tdgov', '.git', '.hg', '.svn', 'node_modules', '.dvc', '.huggingface'])
/** Licence texts longer than this are not read for a suggestion. */
const MAX_LICENCE_BYTES = 1 << 20

interface DraftSource {
  id: string
  folder: string
  licence: { id: string; note: string } | null
  /** licences stated deeper inside the folder: candidates for sources of their own */
  nested: { folder: string; id: string; note: string }[]
}

/** How deep inside a top-level folder init looks for licences of sub-folders. */
const NESTED_DEPTH = 3

/**
 * A commented tdgov.yaml for `root`: one source per top-level folder, with the licence its
 * LICENSE file or dataset card states filled in as a suggestion. Everything tdgov cannot observe
 * (kind, origin, legal basis) is left for the user, commented, with the allowed values.
 */
export function draftConfig(root: string): string {
  const entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const rootLicence = licenceIn(root, '')
  const ids = new Set<string>()
  const sources: DraftSource[] = []
  for (const entry of entries) {
    if (!entry.isDirectory() || NOT_SOURCES.has(entry.name)) continue
    const folder = path.join(root, entry.name)
    const licence = licenceIn(folder, `${entry.name}/`) ?? rootLicence
    sources.push({ id: uniqueId(entry.name, ids), folder: entry.name, licence, nested: nestedLicences(folder, `${entry.name}/`, licence?.id ?? null) })
  }
  const looseFiles = entries.some((e) => e.isFile() && e.name !== 'tdgov.yaml' && !isDocumentation(e.name) && !isTooling(e.name))
  const name = path.basename(path.resolve(root))
  const lines = [
    `# tdgov.yaml: the declared provenance of this dataset (Interim Measures Art. 7, TC260-003 §5).`,
    `# Drafted by \`tdgov init\`: review every value; what tdgov cannot see is left commented.`,
    `# Reference: \`tdgov schema config\`.`,
    `version: 1`,
    ``,
    `dataset:`,
    `  name: ${scalar(name)}`,
    `  # version: "1.0.0"`,
    `  # description: what the data is and what it trains`,
    `  intended_use: commercial # ${INTENDED_USES.join(' | ')}`,
    `  # language: zh            # BCP 47 code(s) of the data; review sheets (audit sample) are written in it`,
    ``,
    `# provider:`,
    `#   name: the company that provides the service`,
    ``,
    `# Base models trained or fine-tuned on this data (TC260-003 §6: models that completed filing).`,
    `base_models: []`,
    `#  - name: the model`,
    `#    version: "1.0"`,
    `#    license: Apache-2.0`,
    `#    filing_number: its CAC filing number`,
    ``,
    `sources:`,
    ...(sources.length === 0 && !looseFiles ? [`  []`] : []),
    ...sources.flatMap((s) => [...sourceLines(s.id, s.folder, [`${s.folder}/**`], s.licence), ...nestedLines(s.nested)]),
    ...(looseFiles ? sourceLines(uniqueId('root-files', ids), 'files at the top level', ['*'], rootLicence) : []),
    ``,
    `# .gitignore-style patterns of files that are not part of the dataset`,
    `excludes: []`,
    ``,
    `# Thresholds \`tdgov check\` applies; defaults in brackets.`,
    `policy: {}`,
    `#  pii_density_max: 1.0          # personal values per 10k records`,
    `#  duplicate_rate_max: 0.05`,
    `#  min_sources_per_cell: 2       # sources per modality × language [2]`,
    `#  safety_pass_rate_min: 0.96    # data-item audits [0.96]`,
    `#  harmful_rate_max: 0.05        # [0.05]`,
    ``,
  ]
  return lines.join('\n')
}

function sourceLines(id: string, name: string, paths: string[], licence: DraftSource['licence']): string[] {
  return [
    `  - id: ${scalar(id)}`,
    `    name: ${scalar(name)}`,
    `    kind: other # ${SOURCE_KINDS.join(' | ')}`,
    `    # origin: { url: "https://…", dataset: "…", organisation: "…" }`,
    `    # domestic: true # collected in mainland China; false: foreign`,
    `    # acquired: { from: 2024-01-01, to: 2024-06-30 }`,
    licence ? `    license: ${scalar(licence.id)} # suggested: ${commentText(licence.note)}; confirm` : `    # license: CC-BY-4.0 # SPDX expression; LicenseRef-… for custom terms`,
    `    # contract: the agreement, for commercial data`,
    `    # personal_information: consent # ${PI_BASES.join(' | ')}`,
    // JSON strings are YAML double-quoted scalars: globs with spaces, `*` or `!` stay literal.
    `    paths: [${paths.map((p) => JSON.stringify(p)).join(', ')}]`,
  ]
}

/**
 * Sub-folders (a few levels down) whose LICENSE or card states another licence than their
 * top-level folder: a dataset obtained under other terms usually deserves a source of its own.
 */
function nestedLicences(dir: string, prefix: string, inherited: string | null, depth = 1): DraftSource['nested'] {
  if (depth > NESTED_DEPTH) return []
  let children: string[]
  try {
    children = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !NOT_SOURCES.has(e.name))
      .map((e) => e.name)
      .sort()
  } catch {
    return []
  }
  const found: DraftSource['nested'] = []
  for (const child of children) {
    const folder = `${prefix}${child}`
    const licence = licenceIn(path.join(dir, child), `${folder}/`)
    if (licence && licence.id !== inherited) found.push({ folder, id: licence.id, note: licence.note })
    found.push(...nestedLicences(path.join(dir, child), `${folder}/`, licence?.id ?? inherited, depth + 1))
  }
  return found
}

/** Comment lines pointing at sub-folders under other licences, below the source that holds them. */
function nestedLines(nested: DraftSource['nested']): string[] {
  return nested.map((n) => `    # ${commentText(n.folder)}/ states ${commentText(n.id)} (${commentText(n.note)}): declare it as a source of its own, listed above this one`)
}

/** The licence a folder's LICENSE file or dataset card states, for a suggestion. */
function licenceIn(dir: string, prefix: string): DraftSource['licence'] {
  let names: string[]
  try {
    names = readdirSync(dir).sort()
  } catch {
    return null
  }
  for (const name of names.filter((n) => LICENCE_TEXT_NAME.test(n))) {
    const text = readSmallText(path.join(dir, name))
    const match = text === null ? null : identifyLicenceText(text)
    if (match) return { id: match.spdx, note: `${prefix}${name} is the ${match.spdx} text (similarity ${match.similarity})` }
  }
  for (const name of names.filter((n) => CARD_NAME.test(n))) {
    const text = readSmallText(path.join(dir, name))
    const stated = text === null ? null : licencesFromCard(text)
    const first = stated?.map((s) => normaliseLicence(s)).find((l) => l.spdx)
    if (first) return { id: first.id, note: `${prefix}${name} states license: ${stated!.join(', ')}` }
  }
  return null
}

function readSmallText(file: string): string | null {
  try {
    const stats = statSync(file)
    if (!stats.isFile() || stats.size > MAX_LICENCE_BYTES) return null
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** An id the schema accepts, made from a folder name, unique among `taken`. */
function uniqueId(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/-+$/, '') || 'source'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}

/**
 * A YAML scalar on one line, quoted only when it must be: a name with a line break is written
 * double-quoted with the break escaped (a block scalar would leave the draft's indentation), and
 * a long one is never folded onto a second line.
 */
function scalar(value: string): string {
  return stringify(value, { blockQuote: false, lineWidth: 0 }).trimEnd()
}

/** Text inside a `#` comment: a line break in a folder name or a card's licence field would end the comment and start YAML. */
function commentText(text: string): string {
  return terminalSafe(text)
}
