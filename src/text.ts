/** Telegram's limits on what one message can carry. */
export const MESSAGE_MAX = 4096
export const CAPTION_MAX = 1024

/**
 * Shortens text to at most `max` characters, ending with "…" when cut. Cuts on
 * code points, so an emoji is never split into half a surrogate pair (which
 * Telegram rejects). Apply it to plain text, before any HTML escaping.
 */
export function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text
}
