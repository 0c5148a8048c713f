/**
 * A module loaded on its first use and kept. `await import()` of a module that is already loaded
 * still goes through the ESM loader (resolve, module map, module job) on every call, which the
 * scan of 100k small files paid once or twice per file (about 0.5 s of CPU in a profile); a
 * kept promise costs one microtask. A failed load is not kept, so the next call tries again.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null
      throw error
    })
    return loading
  }
}
