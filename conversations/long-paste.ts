/**
 * Telegram delivers a text longer than a message holds (4096 characters) as several
 * messages sent the same second. When the first of them is refused for being over a
 * step's limit, the ones right after it are the rest of that paste, not answers of their
 * own: before, the tail of a refused paste was taken as the answer. Reads only the
 * messages' own dates, so a conversation's replay gives the same result.
 */
export function createLongPasteGuard(limit: number) {
  /** When a text over the limit was refused, in Telegram's seconds. */
  let refusedAt: number | undefined
  return {
    /** True for a part of a paste whose beginning was refused: it is passed over, unanswered. */
    isRest(message: { date: number }): boolean {
      if (refusedAt === undefined || message.date - refusedAt > 1) return false
      refusedAt = message.date // the paste may go on in more parts
      return true
    },
    /** What became of a typed text: refused ones over the limit may be followed by their rest. */
    judged(message: { date: number; text?: string }, accepted: boolean): void {
      refusedAt = !accepted && (message.text?.length ?? 0) > limit ? message.date : undefined
    },
  }
}
