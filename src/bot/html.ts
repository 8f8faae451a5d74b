/** Escapes text for parse_mode HTML (names and answers may contain <, > and &). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * The length Telegram counts of an HTML text (parse_mode HTML): its tags are markup, its
 * entities one character each. In UTF-16 code units, as JavaScript's lengths and Telegram's limits.
 */
export function htmlLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#\d+|#x[\da-f]+);/gi, '&').length
}
