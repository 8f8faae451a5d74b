import { describe, expect, it } from 'vitest'
import { recipientsOf } from '../../db/repositories/broadcasts.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { broadcastTo, namedForAll, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC: 12:00 in Moscow (the demo's zone),
// outside the demo's quiet hours (21:00–09:00) there, and 04:00 at UTC−5, inside them
const NO_ZONE = 701
const MOSCOW = 702
const WEST = 703
/** 09:00 at UTC−5: the end of the western client's night. */
const THEIR_MORNING = Date.parse('2026-11-23T14:00:00Z')

const rowOf = (h: Harness, id: number, telegramId: number) => {
  const client = findClientByTelegramId(h.deps.db, telegramId)
  return recipientsOf(h.deps.db, id).find((r) => r.clientId === client?.id)
}

/** The owner's progress message as last edited. */
const progress = (h: Harness) =>
  h.fake
    .callsOf('editMessageText')
    .filter((c) => Number(c.payload.chat_id) === OWNER_ID)
    .at(-1)?.payload

/** Moves the clock to `at` and lets what became due go: the jobs, then the broadcast they woke. */
async function at(h: Harness, ms: number): Promise<void> {
  h.clock.set(ms)
  await h.deps.scheduler.runDue()
  await h.deps.services.broadcasts.idle()
}

/**
 * Three clients who agreed to news: one who never gave a zone, one with a zone of her own at
 * UTC+3 (the business's offset), one who typed her clock at UTC−5 as a client would (04:00
 * there). The owner broadcasts at 12:00 Moscow; returns the broadcast's id and the confirmation.
 */
async function broadcastAtNoon(h: Harness): Promise<{ id: number; confirmation: string }> {
  for (const id of [NO_ZONE, MOSCOW, WEST]) seedClient(h.deps, id)
  // /timezone stores the business's own clock as no zone (Moscow's button, or 12:00 typed): a
  // zone of her own at the same offset is one from elsewhere, Minsk's
  const moscow = findClientByTelegramId(h.deps.db, MOSCOW)!
  h.deps.services.clients.setTimezone(moscow.id, 'Europe/Minsk')
  const west = h.u.user(WEST)
  await h.send(h.u.text(west, '/timezone'), h.u.text(west, '4:00'))
  expect(h.fake.lastTextTo(WEST)).toContain('у вас сейчас 4:00 (UTC−5)')
  expect(findClientByTelegramId(h.deps.db, WEST)?.timezone).toBe('Etc/GMT+5')
  expect(findClientByTelegramId(h.deps.db, NO_ZONE)?.timezone).toBeNull()

  const owner = h.u.user(OWNER_ID)
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
  await pressMatching(h, owner, 'bcm:') // everyone
  await pressMatching(h, owner, 'Предпросмотр')
  const confirmation = h.fake.lastTextTo(OWNER_ID) ?? ''
  const data = await pressMatching(h, owner, 'Отправить')
  await h.deps.services.broadcasts.idle()
  return { id: Number(data.split(':')[1]), confirmation }
}

/** Right after the owner's "Send": two have it, the western client's row waits for her morning. */
function expectWaiting(h: Harness, id: number): void {
  expect(broadcastTo(h, NO_ZONE)).toHaveLength(1)
  expect(broadcastTo(h, MOSCOW)).toHaveLength(1)
  expect(broadcastTo(h, WEST)).toHaveLength(0)
  expect(rowOf(h, id, WEST)).toMatchObject({ status: 'pending', notBefore: THEIR_MORNING })
  // Under way, not finished: no report yet, the progress message says who waits, with its Stop
  expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
  expect(h.fake.textsTo(OWNER_ID).some((t) => t.includes(`Рассылка ${namedForAll(id)} завершена`))).toBe(false)
  expect(progress(h)?.text).toBe(
    `📤 Рассылка ${namedForAll(id)}: отправлено 2 из 3…\n🌙 Ещё 1 получатель получит её утром по своему времени (там сейчас ночь).`,
  )
  expect(progress(h)?.reply_markup.inline_keyboard[0][0].callback_data).toBe(`bcstop:${id}`)
}

describe("a broadcast keeps a client's own night", () => {
  it('the one at UTC−5 gets it at 09:00 her time, once; the others at once; the report counts her', async () => {
    const h = createHarness()
    const { id, confirmation } = await broadcastAtNoon(h)
    // The owner is told before sending that she gets it in her morning
    expect(confirmation).toContain(
      '🌙 1 получатель получит её утром по своему времени — там сейчас ночь (свой часовой пояс клиент указал сам).',
    )
    expectWaiting(h, id)

    // A minute before her 09:00: still nothing
    await at(h, THEIR_MORNING - 60_000)
    expect(broadcastTo(h, WEST)).toHaveLength(0)
    // Her 09:00: it goes, and the broadcast finishes with its report
    await at(h, THEIR_MORNING)
    expect(broadcastTo(h, WEST)).toHaveLength(1)
    expect(rowOf(h, id, WEST)?.status).toBe('sent')
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('done')
    const reports = h.fake.textsTo(OWNER_ID).filter((t) => t.includes(`Рассылка ${namedForAll(id)} завершена`))
    expect(reports).toHaveLength(1)
    expect(reports[0]).toContain('Доставлено: 3 из 3 (из них утром по своему времени: 1)')
    // 17:00 in Moscow, a working hour: the report rings as any message does
    const report = h.fake.sentTo(OWNER_ID).findLast((c) => String(c.payload.text).includes('завершена'))
    expect(report?.payload.disable_notification).toBeUndefined()
    expect(progress(h)?.text).toBe(`📤 Рассылка ${namedForAll(id)}: обработано 3 из 3.`)

    // Nothing more later, however often the worker is woken
    await at(h, THEIR_MORNING + 3_600_000)
    h.deps.services.broadcasts.worker()?.wake()
    await h.deps.services.broadcasts.idle()
    for (const chat of [NO_ZONE, MOSCOW, WEST]) expect(broadcastTo(h, chat)).toHaveLength(1)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes(`Рассылка ${namedForAll(id)} завершена`))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it("a report that comes in the team's night (a client's 9:00 is 2:00 in Moscow) comes silently", async () => {
    const h = createHarness()
    seedClient(h.deps, NO_ZONE)
    const east = seedClient(h.deps, 704)
    h.deps.services.clients.setTimezone(east.id, 'Asia/Vladivostok')
    // 23:30 in Moscow, 6:30 in Vladivostok: the owner sends now all the same
    h.clock.set(Date.parse('2026-11-23T20:30:00Z'))
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить сейчас')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, NO_ZONE)).toHaveLength(1)
    expect(broadcastTo(h, 704)).toHaveLength(0)
    // 9:00 in Vladivostok is 2:00 in Moscow: the report does not wake the owner
    await at(h, Date.parse('2026-11-23T23:00:00Z'))
    expect(broadcastTo(h, 704)).toHaveLength(1)
    const report = h.fake.sentTo(OWNER_ID).findLast((c) => String(c.payload.text).includes('завершена'))
    expect(report?.payload.disable_notification).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a restart (a crash) during her night: it still goes at her morning, once', async () => {
    const h = createHarness()
    const { id } = await broadcastAtNoon(h)
    expectWaiting(h, id)

    // The process dies at 16:00 Moscow; a new one starts on the same database
    h.clock.set(Date.parse('2026-11-23T13:00:00Z'))
    h.deps.services.broadcasts.worker()?.kill()
    const after = h.restart()
    await after.deps.scheduler.runDue()
    await after.deps.services.broadcasts.idle()
    expect(broadcastTo(h, WEST)).toHaveLength(0)
    expect(after.deps.services.broadcasts.get(id)?.status).toBe('sending')
    // Nothing was cut short: the owner is not told of the restart (at night too)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('перезапустился'))).toEqual([])

    await at(after, THEIR_MORNING)
    expect(broadcastTo(h, WEST)).toHaveLength(1)
    expect(broadcastTo(h, NO_ZONE)).toHaveLength(1)
    expect(broadcastTo(h, MOSCOW)).toHaveLength(1)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 3 из 3 (из них утром по своему времени: 1)')

    // Another restart after it went sends nothing again
    const again = after.restart()
    await at(again, THEIR_MORNING + 3_600_000)
    expect(broadcastTo(h, WEST)).toHaveLength(1)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes(`Рассылка ${namedForAll(id)} завершена`))).toHaveLength(1)
    expect([...h.errors(), ...after.errors(), ...again.errors()]).toEqual([])
  })

  it('a bot that was down over her morning sends it when it is back, once', async () => {
    const h = createHarness()
    const { id } = await broadcastAtNoon(h)
    h.deps.services.broadcasts.worker()?.kill()
    // Back at 10:00 her time
    h.clock.set(THEIR_MORNING + 3_600_000)
    const after = h.restart()
    await after.deps.services.broadcasts.idle()
    expect(broadcastTo(h, WEST)).toHaveLength(1)
    await at(after, THEIR_MORNING + 2 * 3_600_000)
    expect(broadcastTo(h, WEST)).toHaveLength(1)
    expect(after.deps.services.broadcasts.get(id)?.status).toBe('done')
  })

  it('Stop before her morning: she never gets it; the progress message and the report say so', async () => {
    const h = createHarness()
    const { id } = await broadcastAtNoon(h)
    expectWaiting(h, id)

    h.clock.set(Date.parse('2026-11-23T10:00:00Z'))
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bcstop:${id}`))
    await h.deps.services.broadcasts.idle()
    const texts = h.fake.textsTo(OWNER_ID)
    const stopping = texts.findIndex((t) => t.includes(`Останавливаю рассылку ${namedForAll(id)}`))
    const reports = texts.filter((t) => t.includes(`Рассылка ${namedForAll(id)} остановлена`))
    expect(stopping).toBeGreaterThanOrEqual(0)
    expect(reports).toHaveLength(1)
    expect(texts.findIndex((t) => t.includes(`Рассылка ${namedForAll(id)} остановлена`))).toBeGreaterThan(stopping)
    expect(reports[0]).toContain('Доставлено: 2 из 3')
    expect(reports[0]).toContain('Не отправлено: 1 (из них ждали утра по своему времени: 1)')
    // The progress message reads "stopped", its Stop button gone
    expect(progress(h)?.text).toBe(`📤 Рассылка ${namedForAll(id)}: остановлена, доставлено 2 из 3.`)
    expect(progress(h)?.reply_markup).toBeUndefined()
    expect(rowOf(h, id, WEST)?.status).toBe('skipped')

    // Her morning comes: nothing goes
    await at(h, THEIR_MORNING)
    expect(broadcastTo(h, WEST)).toHaveLength(0)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes(`Рассылка ${namedForAll(id)} остановлена`))).toHaveLength(
      1,
    )
    expect(h.errors()).toEqual([])
  })

  it('/cancel while it only waits for her morning offers its Stop button (it may wait for hours), which stops it', async () => {
    const h = createHarness()
    const { id } = await broadcastAtNoon(h)
    await h.send(h.u.text(h.u.user(OWNER_ID), '/cancel'))
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
    // The answer is the progress message now: the Stop button is under it alone
    const answer = h.fake
      .callsOf('sendMessage')
      .filter((c) => Number(c.payload.chat_id) === OWNER_ID)
      .at(-1)
    expect(h.fake.messageWithButton(OWNER_ID, `bcstop:${id}`)).toBe(
      (answer?.result as { message_id: number } | undefined)?.message_id,
    )
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bcstop:${id}`))
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Не отправлено: 1 (из них ждали утра по своему времени: 1)')
    await at(h, THEIR_MORNING)
    expect(broadcastTo(h, WEST)).toHaveLength(0)
  })

  it('in English: the confirmation, the progress and the report', async () => {
    const h = createHarness()
    for (const id of [NO_ZONE, WEST]) seedClient(h.deps, id)
    const west = h.u.user(WEST)
    await h.send(h.u.text(west, '/timezone'), h.u.text(west, '4:00'))
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    await h.send(h.u.text(owner, '/start'), h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: news'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Preview')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '🌙 1 recipient gets it in their own morning — it is night where they are (they gave their time zone).',
    )
    const data = await pressMatching(h, owner, 'Send')
    const id = Number(data.split(':')[1])
    await h.deps.services.broadcasts.idle()
    expect(progress(h)?.text).toBe(
      `📤 Broadcast #${id} “Новость: news” (recipients: everyone who agreed to news): sent 1 of 2…\n🌙 1 more recipient gets it in their own morning (it is night where they are).`,
    )
    await at(h, THEIR_MORNING)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Delivered: 2 of 2 (1 of them in their own morning)')
  })
})
