import { terminalSafe } from '../../util/terminal-safe.js'

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Text for a GitHub-flavoured Markdown table cell, shown literally: control characters (line
 * breaks would end the row) become visible escapes, HTML specials become entities (no tags), and
 * Markdown punctuation is backslash-escaped (no links, emphasis, code spans or cell breaks).
 */
export function markdownCell(text: string): string {
  return terminalSafe(text)
    .replace(/[&<>]/g, (char) => HTML[char]!)
    .replace(/[\\`*_[\]()#!~|]/g, (char) => `\\${char}`)
}
