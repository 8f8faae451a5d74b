import type { MiddlewareFn } from 'grammy'
import type { Clock } from '../../clock.ts'
import type { BaseContext } from '../context.ts'
import { classifyTelegramError } from '../telegram-errors.ts'

/**
 * How close two taps on the same button must arrive to be one double tap. A person who
 * means to press a button again (an option toggled back, "show more" once more) reads the
 * answer first, which takes longer than this.
 */
export const REPEAT_TAP_MS = 1_000

interface Tap {
  button: string
  at: number
}

/**
 * A double tap is answered once. Telegram sends every tap on an inline button, so a
 * quick double tap on "Quiz" started the quiz twice and a double "Correct" said "Thank
 * you" twice. A tap on the same button of the same message by the same person, arriving
 * within REPEAT_TAP_MS of the last such tap that was answered, gets a quiet answer (the spinner stops) and
 * reaches nothing else. The time is taken when the update arrives, before it waits for
 * its chat's earlier updates (`sequentialize`), so a slow first answer does not hide the
 * second tap's timing.
 */
export function createRepeatTapGuard(clock: Clock): MiddlewareFn<BaseContext> {
  // The last tap of each person, oldest first (a tap moves its person to the end), so the
  // expired ones are dropped from the front: the map holds about one second of taps
  const last = new Map<number, Tap>()
  return async (ctx, next) => {
    const query = ctx.callbackQuery
    if (query?.data === undefined) return next()
    const now = clock.now()
    for (const [person, tap] of last) {
      if (now - tap.at < REPEAT_TAP_MS) break
      last.delete(person)
    }
    const message = query.inline_message_id ?? `${query.message?.chat.id}:${query.message?.message_id}`
    const button = `${message}:${query.data}`
    const before = last.get(query.from.id)
    if (before?.button === button && now - before.at < REPEAT_TAP_MS) {
      // Kept as it was: the window runs from the tap that was answered. Restarted by each
      // repeat, it let nothing through from a person tapping steadily under a second apart
      // (an option toggled on and off again), however long they went on.
      ctx.log.debug('a repeated tap answered quietly')
      await ctx.answerCallbackQuery().catch((err) => {
        // Taps that waited for the bot (it was down) can be too old to answer: nothing is owed
        if (classifyTelegramError(err).kind !== 'query-expired') throw err
        ctx.log.debug('a repeated tap expired before its answer')
      })
      return
    }
    last.delete(query.from.id)
    last.set(query.from.id, { button, at: now })
    return next()
  }
}
