/**
 * A 429 on a call that names no chat (setMyCommands, answerCallbackQuery…): Telegram's
 * flood wait there is for that method, so only its calls wait; clients' messages go on.
 * The bot runs against the fake Telegram on a simulated clock; the wait is the fake's.
 */
import { describe, expect, it } from 'vitest'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness } from '../helpers/harness.ts'
import { createSimClock } from '../helpers/sim-clock.ts'

/** This test's flood wait for setMyCommands, within what a reply may wait. */
const RETRY_AFTER_S = 40

/** Turns of the event loop until `done`, without moving the clock. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve))
  expect(done()).toBe(true)
}

describe('a 429 on a call that names no chat', () => {
  it('holds only its method: a client is answered at once, the method waits out retry_after', async () => {
    const sim = createSimClock()
    const fake = new FakeTelegram({ now: () => sim.now() })
    const h = createHarness({ clock: sim, fake })
    const user = h.u.user(760_001, { first_name: 'Ольга' })
    const menu = [{ command: 'start', description: 'Начать сначала' }]

    fake.tooManyRequests({ method: 'setMyCommands' }, RETRY_AFTER_S)
    const menuSentAt: number[] = []
    fake.on('setMyCommands', () => {
      menuSentAt.push(sim.now())
      return undefined // the emulator answers
    })
    const refusedAt = sim.now()
    const first = h.bot.api.setMyCommands(menu)
    await until(() => h.logs.some((l) => l.msg === 'Telegram asked to slow down (429)'))
    // Another call of the same method, from another client of the bot, waits too
    const second = h.bot.apis.bulk.setMyCommands(menu, { language_code: 'en' })

    // A client writes during the flood wait: the greeting is not held by it
    await sim.run(h.send(h.u.text(user, '/start')))
    expect(sim.now() - refusedAt).toBeLessThan(RETRY_AFTER_S * 1000)
    expect(h.fake.textsTo(user.id).filter((t) => t.startsWith('Здравствуйте'))).toHaveLength(1)

    // Both menu calls went once the wait was over, and neither met the 429 again
    await sim.run(Promise.all([first, second]))
    expect(menuSentAt).toHaveLength(2)
    for (const at of menuSentAt) expect(at - refusedAt).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000)
    expect(h.fake.callsOf('setMyCommands').filter((c) => !c.ok)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})
