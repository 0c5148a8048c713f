export type TokenCounter = (text: string) => number

/** The encoder's name, for reports: the tokenizer of GPT-4o and later OpenAI models. */
export const TOKENIZER = 'o200k_base'

/**
 * The longest run of non-space (or of space) characters handed to the encoder in one piece. The
 * encoder's pre-tokenizer keeps such a run whole and its byte-pair merge is quadratic in the run's
 * length (100k letters without a space took 7.9 s, 1 MB over 120 s); words and sentences of real
 * text are far shorter, so their counts are unchanged.
 */
export const MAX_TOKEN_RUN = 256

let loading: Promise<TokenCounter> | null = null

/**
 * Loads the o200k_base encoder once per thread (a module-level promise: each worker thread has its
 * own module instance). The import takes about 0.45 s and its vocabulary tens of MB, so only
 * threads that tokenise pay for it.
 */
export async function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= importCounter()
  return loading
}

async function importCounter(): Promise<TokenCounter> {
  try {
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
    // Special-token strings such as `<|endoftext|>` are plain text in a data file; by default the
    // encoder throws on them.
    const options = { disallowedSpecial: new Set<string>() }
    return inBoundedPieces((text: string): number => countTokens(text, options))
  } catch (error) {
    // not cached, so that a later call can try again
    loading = null
    throw error
  }
}

/**
 * A counter that cuts every run longer than `maxRun` characters (of non-space, or of space) into
 * pieces of `maxRun` and counts the pieces apart, so the work is linear in the text's length. For
 * such runs (DNA, base64, minified code, a long line of CJK without punctuation) the count is an
 * approximation: each cut adds a boundary the encoder would not have seen, typically about one
 * token more per piece, under 1 % for pieces of 256 characters. Text without such runs is counted
 * exactly as the encoder counts it.
 */
export function inBoundedPieces(count: TokenCounter, maxRun = MAX_TOKEN_RUN): TokenCounter {
  return (text) => {
    if (text.length <= maxRun) return count(text)
    let total = 0
    let from = 0
    let runSpace = false
    let runFrom = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      const space = isSpace(c)
      if (i === 0 || space !== runSpace) {
        runSpace = space
        runFrom = i
      } else if (i - runFrom >= maxRun && !(c >= 0xdc00 && c <= 0xdfff)) {
        // Never between the two halves of a surrogate pair: that would count two broken characters.
        total += count(text.slice(from, i))
        from = i
        runFrom = i
      }
    }
    return from === 0 ? total + count(text) : total + count(text.slice(from))
  }
}

/** The white space the encoder's pre-tokenizer splits on, as far as ASCII and the common Unicode spaces go. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0xfeff
}
