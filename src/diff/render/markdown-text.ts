import { terminalSafe } from '../../util/terminal-safe.js'

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Text shown literally in GitHub-flavoured Markdown, in a table cell or a summary: line breaks
 * and other controls become visible escapes (a newline would end the row), HTML specials become
 * entities (no tags), and Markdown punctuation is backslash-escaped (no links, emphasis, code
 * spans or cell breaks).
 */
export function markdownText(text: string): string {
  return terminalSafe(text)
    .replace(/[&<>]/g, (char) => HTML[char]!)
    .replace(/[\\`*_[\]()#!~|]/g, (char) => `\\${char}`)
}

/** Text inside an HTML element of a Markdown document (`<summary>`): controls escaped, no tags. */
export function htmlText(text: string): string {
  return terminalSafe(text).replace(/[&<>]/g, (char) => HTML[char]!)
}
