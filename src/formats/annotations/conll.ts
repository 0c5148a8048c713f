import { createReadStream } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { UserError } from '../../util/errors.js'
import { cutPreview, PREVIEW_CHARS, type AnnotationAdapter, type AnnotationItem } from './item.js'

/** Extensions CoNLL-style NER files go by (CoNLL-2003 ships eng.train / eng.testa / eng.testb). */
const EXTENSIONS = new Set(['.conll', '.iob', '.bio', '.testa', '.testb', '.train'])
/** An entity tag: O, or a prefix (IOB1/IOB2 B- I-, BIOES S- E-, BILOU L- U-) and a type. */
const TAG = /^(O|[BIESLU]-.+)$/
const DOCSTART = '-DOCSTART-'
/** Preview tokens stop being collected past this many characters; cutPreview marks the cut. */
const PREVIEW_COLLECT_CHARS = 4 * PREVIEW_CHARS

/**
 * CoNLL / IOB token-per-line files (CoNLL-2003, flair, spaCy `.iob`): one item per sentence, where
 * sentences are separated by blank lines and `-DOCSTART-` lines mark documents. The last column is
 * the tag; labels are the entity types, one per entity (see EntityCounter). item_id =
 * `<file name>:<sentence number>`, counted from 1 across the whole file. CoNLL-U (`.conllu`) is a
 * dependency format, not NER, and is not read.
 */
export const conllAdapter: AnnotationAdapter = {
  format: 'conll',
  sniff(file, head) {
    const ext = path.extname(file).toLowerCase()
    if (ext === '.conllu') return false
    return EXTENSIONS.has(ext) || looksLikeConll(head)
  },
  read(file, options) {
    return readConllFile(file, options.fileKey ?? path.basename(file))
  },
}

/** Every non-blank line of the head has ≥ 2 columns and a tag last; at least two token lines. */
export function looksLikeConll(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split('\n')
  if (lines.length > 1 && !head.endsWith('\n')) lines.pop()
  let tokens = 0
  for (const line of lines) {
    const columns = splitColumns(line)
    if (columns.length === 0 || columns[0] === DOCSTART) continue
    if (columns.length < 2 || !TAG.test(columns.at(-1)!)) return false
    tokens++
  }
  return tokens >= 2
}

/** Tab-separated files may have spaces inside a token; otherwise any run of whitespace separates. */
function splitColumns(line: string): string[] {
  const trimmed = line.trim()
  if (trimmed === '') return []
  return line.includes('\t') ? trimmed.split('\t').map((c) => c.trim()) : trimmed.split(/\s+/)
}

/**
 * Turns a tag sequence into entities. A `B-X` starts one; an `I-X` that does not continue an
 * entity of type X starts one too (IOB1, where B- only separates adjacent entities, and sloppy
 * IOB2); `S-X`/`U-X` are single-token entities; `E-X`/`L-X` end the current entity of type X, or
 * are a one-token entity of their own when nothing of type X is open; `O` closes the entity.
 */
export class EntityCounter {
  private open: string | null = null

  /** The entity type this tag starts, or null when it starts none. */
  next(tag: string): string | null {
    if (tag === 'O') {
      this.open = null
      return null
    }
    const prefix = tag[0]
    const type = tag.slice(2)
    const continues = this.open === type
    switch (prefix) {
      case 'B':
        this.open = type
        return type
      case 'I':
        this.open = type
        return continues ? null : type
      case 'E':
      case 'L':
        this.open = null
        return continues ? null : type
      default: // S, U
        this.open = null
        return type
    }
  }
}

/** The sentence being read. */
interface Sentence {
  firstLine: number
  lastLine: number
  labels: string[]
  preview: string
  entities: EntityCounter
}

async function* readConllFile(file: string, name: string): AsyncGenerator<AnnotationItem> {
  let sentence: Sentence | null = null
  let count = 0
  let lineNo = 0
  const finish = (done: Sentence): AnnotationItem => ({
    item_id: `${name}:${++count}`,
    annotator: null,
    labels: done.labels,
    source_file: file,
    location: done.firstLine === done.lastLine ? `line ${done.firstLine}` : `lines ${done.firstLine}-${done.lastLine}`,
    preview: cutPreview(done.preview),
  })
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  try {
    for await (const raw of lines) {
      lineNo++
      const columns = splitColumns(lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw)
      if (columns.length === 0 || columns[0] === DOCSTART) {
        if (sentence) yield finish(sentence)
        sentence = null
        continue
      }
      const tag = columns.at(-1)!
      if (columns.length < 2) {
        throw new UserError(`${file}:${lineNo}: expected a token and a tag separated by a tab or spaces, found one column "${tag}"`)
      }
      if (!TAG.test(tag)) {
        throw new UserError(`${file}:${lineNo}: expected an entity tag (O, B-TYPE, I-TYPE, …) in the last column, found "${tag}"`)
      }
      sentence ??= { firstLine: lineNo, lastLine: lineNo, labels: [], preview: '', entities: new EntityCounter() }
      sentence.lastLine = lineNo
      const entity = sentence.entities.next(tag)
      if (entity !== null) sentence.labels.push(entity)
      // Only the start of a (possibly huge, blank-line-free) sentence can show in the preview.
      if (sentence.preview.length <= PREVIEW_COLLECT_CHARS) sentence.preview += sentence.preview ? ` ${columns[0]}` : columns[0]
    }
  } finally {
    lines.close()
  }
  if (sentence) yield finish(sentence)
}
