/** Lone surrogates: encodeURIComponent throws on them, and they name no character. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * A relative POSIX path as a relative URI reference (RFC 3986): each segment percent-encoded
 * as UTF-8, so spaces, `%`, `#`, `?`, `:` and control characters cannot change what it names,
 * and leading slashes dropped, so it stays relative to its base.
 */
export function relativeUri(relPath: string): string {
  return relPath
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}
