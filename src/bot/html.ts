/** Escapes text for parse_mode HTML (names and answers may contain <, > and &). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
