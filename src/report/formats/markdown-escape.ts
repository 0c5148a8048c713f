/**
 * Text from the data or the config, made inert in Markdown (and in tables): characters that start
 * emphasis, links, code, inline HTML, entities or strike-through are backslash-escaped, a leading
 * heading or list marker too, and line breaks become spaces, so that a source named
 * `<img src=x onerror=alert(1)>` or `**bold**` is shown as written and cannot break a table row.
 */
export function mdText(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    // `_` between letters or digits cannot open or close emphasis (CommonMark's flanking rules), so
    // identifiers such as labelling_rules stay as written
    .replace(/[\\`*_[\]<>|~&]/g, (c, at: number, all: string) => (c === '_' && /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '') ? c : `\\${c}`))
    .replace(/^([#+-])/, '\\$1')
}
