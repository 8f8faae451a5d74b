/**
 * The consent question asked once more, after a moment of value: most clients never answer the
 * one asked at their first /start (they are typing their question, or starting the quiz). A client
 * who never answered it is asked again once — after rating a closed request well — and never a
 * third time; one who declined or withdrew never again.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { CONSENT_TEXT_VERSION } from '../../src/services/clients.ts'
import { createHarness, type Harness, OWNER_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'
import type { TestUser } from '../helpers/updates.ts'

const QUESTION =
  'И один вопрос: можно иногда присылать вам полезные советы и новости? Только с вашего согласия, отписаться можно в любой момент командой /stop.'
const DAY = 86_400_000
const THANKS = 'Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.'

/** How many times the client was sent the consent question. */
const asked = (h: Harness, user: TestUser) => h.fake.textsTo(user.id).filter((text) => text === QUESTION).length

/**
 * The client asks for a manager, the owner answers and closes the request, and the client says it
 * is solved and rates it `speed` and `quality` with the buttons. `handoff`: the request's number.
 */
async function requestRated(h: Harness, user: TestUser, handoff: number, speed: number, quality: number) {
  await h.send(h.u.text(user, '/manager'))
  await h.drain()
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
  const owner = h.u.user(OWNER_ID)
  await h.send(h.u.staffText(owner, topicId, 'Готово'), h.u.staffText(owner, topicId, '/close'))
  await h.flush()
  await h.send(h.u.callback(user, `hclose:${handoff}:yes`))
  await h.send(h.u.callback(user, `hrate:${handoff}:speed:${speed}`))
  await h.send(h.u.callback(user, `hrate:${handoff}:quality:${quality}`))
  await h.flush()
}

/**
 * A client with a topic (the /start question went before the calls were cleared: asked again, it is
 * the only one seen) whose order was billed, paid and done, its check-in asked three days on.
 */
async function checkinAsked(telegramId: number) {
  const h = createHarness()
  const manager = h.u.user(OWNER_ID)
  const { user, topicId } = await clientWithTopic(h, telegramId)
  for (const text of ['/invoice 3000 Правки', '/paid', '/done']) {
    await h.send(h.u.staffText(manager, topicId, text))
    await h.drain()
  }
  h.clock.advance(3 * DAY)
  await h.deps.scheduler.runDue()
  await h.drain()
  return { h, user }
}

describe('the consent question asked once more', () => {
  it('to a client who ignored it: after a good rating once, never a third time, after a restart too', async () => {
    let h = createHarness()
    const user = h.u.user(301, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/start'))
    expect(asked(h, user)).toBe(1)
    await requestRated(h, user, 1, 5, 5)
    expect(asked(h, user)).toBe(2)
    // Right after the thanks, in the menu's place: the last thing in the chat, with its buttons
    expect(h.fake.textsTo(user.id).slice(-2)).toEqual([THANKS, QUESTION])
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['consent:yes', 'consent:no'])
    // Ignored again; a week later, after a restart, another request rated 5: not asked again
    h = h.restart()
    h.clock.advance(8 * DAY)
    await requestRated(h, user, 2, 5, 5)
    expect(h.fake.textsTo(user.id)).toContain(THANKS)
    expect(asked(h, user)).toBe(2)
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.consentAt).toBeNull()
    expect(client?.consentDeclinedAt).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('its answer is recorded as the first one would be, shown in place', async () => {
    const h = createHarness()
    const user = h.u.user(302)
    await h.send(h.u.text(user, '/start'))
    const first = h.fake.messageWithButton(user.id, 'consent:yes')
    await requestRated(h, user, 1, 4, 5)
    const again = h.fake.messageWithButton(user.id, 'consent:yes') ?? 0
    expect(again).not.toBe(first)
    expect(h.fake.emulator.chat(user.id).messages.get(again)?.message.text).toBe(QUESTION)
    await h.send(h.u.callback(user, 'consent:yes', { messageId: again }))
    expect(h.fake.emulator.chat(user.id).messages.get(again)?.message.text).toBe(
      `${QUESTION}\n\n✔️ Да, присылайте\n\nСпасибо! Будем присылать только полезное. Отписаться — /stop.`,
    )
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client).toMatchObject({ consentAt: h.clock.now(), consentVersion: CONSENT_TEXT_VERSION })
    expect(h.deps.services.clients.canReceiveMarketing(client!)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('never to a client who declined or withdrew; not after a low rating; not in the quiet hours', async () => {
    const h = createHarness()
    const declined = h.u.user(303)
    await h.send(h.u.text(declined, '/start'), h.u.callback(declined, 'consent:no'))
    await requestRated(h, declined, 1, 5, 5)
    expect(asked(h, declined)).toBe(1)

    const withdrew = h.u.user(304)
    await h.send(h.u.text(withdrew, '/start'), h.u.callback(withdrew, 'consent:yes'), h.u.text(withdrew, '/stop'))
    await requestRated(h, withdrew, 2, 5, 5)
    expect(asked(h, withdrew)).toBe(1)

    // A low rating is the team's to answer, not a moment to ask for news
    const unhappy = h.u.user(305)
    await h.send(h.u.text(unhappy, '/start'))
    await requestRated(h, unhappy, 3, 2, 2)
    expect(asked(h, unhappy)).toBe(1)

    // 22:30 in Moscow: the quiet hours — rated well, not asked then
    const late = h.u.user(306)
    await h.send(h.u.text(late, '/start'))
    h.clock.set('2026-11-23T19:30:00Z')
    await requestRated(h, late, 4, 5, 5)
    expect(h.fake.textsTo(late.id)).toContain(THANKS)
    expect(asked(h, late)).toBe(1)
    expect(h.errors()).toEqual([])
  })

  it('after a good check-in on an order, once', async () => {
    const { h, user } = await checkinAsked(307)
    const checkin = h.fake.lastButtonsTo(user.id).find((b) => b.data?.endsWith(':5'))?.data ?? ''
    expect(checkin).toMatch(/^ci:\d+:5$/)
    expect(asked(h, user)).toBe(0)
    await h.send(h.u.callback(user, checkin))
    expect(asked(h, user)).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toBe(QUESTION)
    expect(h.errors()).toEqual([])
  })

  it('not after a good check-in said with words of its own ("4, долго ждал"): no moment to ask anything', async () => {
    const { h, user } = await checkinAsked(308)
    await h.send(h.u.text(user, '4, долго ждал'))
    await h.drain()
    expect(h.fake.textsTo(user.id)).toContainEqual(expect.stringContaining('Спасибо'))
    expect(asked(h, user)).toBe(0)
    expect(h.errors()).toEqual([])
  })
})
