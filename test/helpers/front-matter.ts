import { parse } from 'yaml'

/** A card's YAML front matter, cut as huggingface_hub's REGEX_YAML_BLOCK cuts it, parsed; null when there is none. */
export function frontMatter(card: string): unknown {
  const m = /^(\s*---(\r\n|\r|\n))([\S\s]*?)((\r\n|\r|\n)---[ \t]*(\r\n|\n|$))/.exec(card)
  return m ? parse(m[3]!) : null
}
