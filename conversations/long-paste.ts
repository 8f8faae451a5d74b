/**
 * A first part is at least this long: an app cuts a long text near the 4096 characters a
 * message holds (at a paragraph a little before, at most), and nobody types this much into
 * one message and another within the same second.
 */
const PASTE_HEAD_MIN = 2_000

/**
 * Telegram delivers a text longer than a message holds as several messages sent the same
 * second. When the first part is refused for being over a step's limit, the ones right
 * after it are the rest of the same paste, not answers of their own: before, the tail of a
 * refused paste was taken as the answer. Reads only the messages' own dates, so a
 * conversation's replay gives the same result.
 */
export function createLongPasteGuard(limit: number) {
  const head = Math.max(limit, PASTE_HEAD_MIN)
  /** When a first part was refused, in Telegram's seconds. */
  let refusedAt: number | undefined
  return {
    /** True for a part of a paste whose beginning was refused: it is passed over, unanswered. */
    isRest(message: { date: number }): boolean {
      if (refusedAt === undefined || message.date - refusedAt > 1) return false
      refusedAt = message.date // the paste may go on in more parts
      return true
    },
    /** The last text was the refused beginning of a paste: its rest may follow. */
    expectsRest(): boolean {
      return refusedAt !== undefined
    },
    /** What became of a typed text: a refused one this long may be followed by its rest. */
    judged(message: { date: number; text?: string }, accepted: boolean): void {
      refusedAt = !accepted && (message.text?.length ?? 0) > head ? message.date : undefined
    },
  }
}
