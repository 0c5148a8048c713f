import { createReadStream } from 'node:fs'
import { UserError } from '../../util/errors.js'

/** An element start: `path` is the slash-joined names from the root, e.g. "annotation/object/name". */
export interface XmlOpen {
  kind: 'open'
  path: string
  name: string
  attributes: Readonly<Record<string, string>>
  /** 1-based line of the start tag's end */
  line: number
}

/** An element end. `text` is the element's character data when it has no child elements, else ''. */
export interface XmlClose {
  kind: 'close'
  path: string
  name: string
  text: string
  line: number
}

/** One element boundary, in document order. */
export type XmlEvent = XmlOpen | XmlClose

/** The open elements, innermost last; only leaves keep their text (see `text` on XmlClose). */
interface Frame {
  path: string
  text: string
  hasChild: boolean
}

/** Text chunks are read this size; the events of one chunk are the most held at once. */
const CHUNK_BYTES = 64 * 1024

/**
 * Streams the elements of an XML file: the file is fed to saxes chunk by chunk and the events of
 * each chunk are yielded together, as one array, before the next chunk is read. No document tree
 * is built and memory stays bounded by one chunk's events plus the open-element stack; batching
 * pays for an async-generator step per chunk, not per element. saxes expands only the predefined
 * entities (no external entities, no DTD fetching), so a hostile DOCTYPE cannot make it read other
 * files.
 * Malformed XML throws a UserError "file:line:column: not well-formed XML (reason)".
 */
export async function* readXmlEventBatches(file: string): AsyncGenerator<XmlEvent[]> {
  // Loaded here, not at the top: the scan imports this module to sniff every JSON and XML file.
  const { SaxesParser } = await import('saxes')
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false })
  const stack: Frame[] = []
  let pending: XmlEvent[] = []
  let failure: UserError | null = null

  parser.on('error', (err) => {
    // Keep the first error only: after one, saxes goes on and reports knock-on errors.
    if (failure) return
    const reason = err.message.replace(/^\d+:\d+: /, '').replace(/\s+/g, ' ').replace(/\.$/, '')
    failure = new UserError(`${file}:${parser.line}:${parser.column + 1}: not well-formed XML (${reason})`)
  })
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1)
    if (parent) {
      parent.hasChild = true
      parent.text = ''
    }
    const path = parent ? `${parent.path}/${tag.name}` : tag.name
    stack.push({ path, text: '', hasChild: false })
    pending.push({ kind: 'open', path, name: tag.name, attributes: tag.attributes, line: parser.line })
  })
  const addText = (text: string): void => {
    const top = stack.at(-1)
    if (top && !top.hasChild) top.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', (tag) => {
    const frame = stack.pop()
    if (!frame) return
    pending.push({ kind: 'close', path: frame.path, name: tag.name, text: frame.hasChild ? '' : frame.text, line: parser.line })
  })

  const throwIfFailed = (): void => {
    if (failure) throw failure
  }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })
  try {
    let first = true
    for await (const chunk of stream as AsyncIterable<string>) {
      // A byte-order mark is an encoding marker, not content (saxes would call it text before the root).
      parser.write(first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk)
      first = false
      throwIfFailed()
      const ready = pending
      pending = []
      if (ready.length > 0) yield ready
    }
    parser.close()
    throwIfFailed()
    if (pending.length > 0) yield pending
  } finally {
    stream.destroy()
  }
}

/** "file:line: message": the form every structural XML error takes. */
export function xmlStructureError(file: string, line: number, message: string): UserError {
  return new UserError(`${file}:${line}: ${message}`)
}
