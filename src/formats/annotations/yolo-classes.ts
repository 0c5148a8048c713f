import { opendir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../util/errors.js'

/** Class names by class index, and the name of the file they came from (for messages). */
export interface ClassList {
  /** undefined where a `{index: name}` map in data.yaml skips an index */
  names: readonly (string | undefined)[]
  /** "classes.txt", "coco.names", "data.yaml", or the --classes path as given */
  source: string
}

/** How far up from a label file's directory class files are looked for: the directory and two parents. */
const SEARCH_LEVELS = 3

/**
 * Finds and reads YOLO class-name files, once per label directory and once per class file: a
 * dataset has thousands of label files in a few directories that share one classes.txt.
 *
 * Lookup for a label file: the explicit file if given; else the nearest directory (the file's own,
 * then up to two parents) holding `classes.txt` or a single `*.names`; else the nearest `data.yaml`
 * with a `names:` list or `{index: name}` map (Ultralytics). No class file → null (labels stay
 * numeric).
 */
export class YoloClassFiles {
  private readonly byDirectory = new Map<string, Promise<string | null>>()
  private readonly byFile = new Map<string, Promise<ClassList | null>>()

  /** The class list for `labelFile`; `explicit` is the user's class file, which wins. */
  async forLabelFile(labelFile: string, explicit: string | undefined): Promise<ClassList | null> {
    if (explicit !== undefined) {
      const list = await this.load(explicit, explicit)
      if (!list) throw new UserError(`${explicit}: no class names found (expected one name per line, or a data.yaml with names:)`)
      return list
    }
    const dir = path.dirname(path.resolve(labelFile))
    let found = this.byDirectory.get(dir)
    if (!found) {
      found = findClassFile(dir)
      this.byDirectory.set(dir, found)
    }
    const file = await found
    return file === null ? null : this.load(file, path.basename(file))
  }

  private load(file: string, shownAs: string): Promise<ClassList | null> {
    const key = path.resolve(file)
    let list = this.byFile.get(key)
    if (!list) {
      list = readClassFile(file, shownAs)
      this.byFile.set(key, list)
    }
    return list
  }
}

async function findClassFile(labelDir: string): Promise<string | null> {
  const dirs: string[] = [labelDir]
  while (dirs.length < SEARCH_LEVELS && path.dirname(dirs.at(-1)!) !== dirs.at(-1)) dirs.push(path.dirname(dirs.at(-1)!))
  for (const dir of dirs) {
    const names = await nameListIn(dir)
    if (names) return names
  }
  for (const dir of dirs) {
    const yaml = path.join(dir, 'data.yaml')
    if ((await isFile(yaml)) && (await readClassFile(yaml, 'data.yaml')) !== null) return yaml
  }
  return null
}

/** `classes.txt`, else the one `*.names` file of `dir`; several `*.names` are ambiguous. */
async function nameListIn(dir: string): Promise<string | null> {
  const classesTxt = path.join(dir, 'classes.txt')
  if (await isFile(classesTxt)) return classesTxt
  const found: string[] = []
  try {
    // opendir streams the entries: label directories can hold a very large number of files.
    for await (const entry of await opendir(dir)) {
      if (entry.name.endsWith('.names') && entry.isFile()) found.push(entry.name)
    }
  } catch {
    return null
  }
  if (found.length > 1) {
    throw new UserError(`${dir}: several class-name files (${found.sort().join(', ')}); name the one to use with the classes option`)
  }
  return found.length === 1 ? path.join(dir, found[0]!) : null
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

/** Reads a class file: YAML (`names:`) by extension, else one name per line. Null when it has no names. */
async function readClassFile(file: string, shownAs: string): Promise<ClassList | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new UserError(`${file}: cannot read the class-name file (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  const ext = path.extname(file).toLowerCase()
  const names = ext === '.yaml' || ext === '.yml' ? namesFromYaml(text, file, (await import('yaml')).parse) : namesFromLines(text)
  return names && names.length > 0 ? { names, source: shownAs } : null
}

/** One name per line, trimmed (CRLF files exist); blank lines at the end are not classes. */
function namesFromLines(text: string): string[] {
  const names = text.replace(/^\uFEFF/, '').split('\n').map((line) => line.trim())
  while (names.length > 0 && names.at(-1) === '') names.pop()
  return names
}

/** Ultralytics data.yaml: `names: [a, b]` or `names: {0: a, 1: b}`. */
// The YAML parser comes in from the (async) caller: the scan loads this module for every file
// that may be an export, and the parser only for a data.yaml.
function namesFromYaml(text: string, file: string, parseYaml: (text: string) => unknown): (string | undefined)[] | null {
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (err) {
    throw new UserError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`)
  }
  if (typeof doc !== 'object' || doc === null || !('names' in doc)) return null
  const names: unknown = doc.names
  if (Array.isArray(names)) return names.map((n) => String(n).trim())
  if (typeof names !== 'object' || names === null) return null
  const out: (string | undefined)[] = []
  for (const [key, value] of Object.entries(names)) {
    const index = Number(key)
    if (!Number.isInteger(index) || index < 0) throw new UserError(`${file}: names: key "${key}" is not a class index`)
    out[index] = String(value).trim()
  }
  return out
}
