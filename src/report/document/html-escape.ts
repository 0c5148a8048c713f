/** Text from the data or the config, made inert in HTML and SVG, in element content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** An id attribute from any text: letters, digits and hyphens, so it is safe in `href="#…"` too. */
export function htmlId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  )
}
