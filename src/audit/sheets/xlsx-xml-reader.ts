import { SaxesParser } from 'saxes'

/** A part of the workbook that cannot be read: the reason, in tdgov's words, names the part. */
export class XlsxPartError extends Error {}

export interface XmlHandlers {
  /** an element opens; `name` without its namespace prefix (x:row → row), attributes as written */
  open(name: string, attributes: Readonly<Record<string, string>>): void
  text?(text: string): void
  close?(name: string): void
}

/** Text is decoded and fed to saxes this many bytes at a time, so no part is held twice as a string. */
const CHUNK_BYTES = 256 * 1024

/**
 * Runs the elements of one XML part through `handlers` as saxes meets them: no tree is built, so a
 * worksheet of 40 MB costs its rows, not a DOM. Prefixes are dropped from element names, since
 * some writers spell the SpreadsheetML namespace with one. saxes expands only the predefined
 * entities and character references; a DOCTYPE cannot pull anything in. Malformed XML is an
 * XlsxPartError naming the part and its line.
 */
export function readXmlPart(part: string, bytes: Uint8Array, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: true })
  let failure: XlsxPartError | null = null
  parser.on('error', (error) => {
    // Keep the first error only: after one, saxes goes on and reports knock-on errors.
    failure ??= new XlsxPartError(`${part} is not well-formed XML at line ${parser.line} (${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')})`)
  })
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>))
  if (handlers.text) {
    parser.on('text', handlers.text)
    parser.on('cdata', handlers.text)
  }
  const close = handlers.close
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)))
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false })
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    parser.write(decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true }))
    if (failure) throw failure
  }
  parser.write(decoder.decode())
  parser.close()
  if (failure) throw failure
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}
