export type TokenCounter = (text: string) => number

/** The encoder's name, for reports: the tokenizer of GPT-4o and later OpenAI models. */
export const TOKENIZER = 'o200k_base'

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
    return (text: string): number => countTokens(text, options)
  } catch (error) {
    // not cached, so that a later call can try again
    loading = null
    throw error
  }
}
