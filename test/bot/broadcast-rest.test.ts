/**
 * A broadcast stopped halfway, sent on to the rest: the button under its report sends it to
 * exactly those it did not reach who may still get it — never again to one it reached, across a
 * crash too — and a new broadcast of the same message is asked about, with the rest offered first.
 */
import { describe, expect, it } from 'vitest'
import { recipientsOf } from '../../db/repositories/broadcasts.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { broadcastTo, namedForAll, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, forgetData, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const TEXT = 'Большая новость: мы открыли новый офис! Заходите на кофе.'
/** How the owner's messages name broadcast #`id` of TEXT (its first words). */
const named = (id: number) => namedForAll(id, 'Большая новость: мы открыли новый офис…')
/** 30 clients who agreed to news; client ids follow their chats' order. */
const CHATS = Array.from({ length: 30 }, (_, i) => 90_000 + i)
/** Sends to these chats get no answer until released: the broadcast is halfway when stopped. */
const FROM_HELD = 90_010

/** Telegram does not answer the broadcast's messages to chats from `from` on until released (replies go). */
const holdFrom = (h: Harness, from: number) =>
  h.fake.hold(
    (c) =>
      c.method === 'sendMessage' &&
      CHATS.includes(Number(c.payload.chat_id)) &&
      Number(c.payload.chat_id) >= from &&
      String(c.payload.text).startsWith('Большая'),
  )

/** /broadcast, the message, everyone, the preview, Send: returns the broadcast's id. */
async function send(h: Harness, owner: TestUser): Promise<number> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, TEXT))
  await pressMatching(h, owner, 'bcm:') // everyone who agreed
  await pressMatching(h, owner, 'Предпросмотр')
  return Number((await pressMatching(h, owner, 'Отправить')).split(':')[1])
}

/**
 * The broadcast is stopped with the first 10 delivered and the next 8 on their way (they arrive):
 * 18 of 30 reached, 12 not. Before the stop, one of the 12 says /stop and one blocks the bot.
 */
async function stoppedHalfway(h: Harness, owner: TestUser): Promise<number> {
  for (const chat of CHATS) seedClient(h.deps, chat)
  const release = holdFrom(h, FROM_HELD)
  const id = await send(h, owner)
  await h.send(h.u.text(h.u.user(90_025), '/stop'), h.u.myChatMember(h.u.user(90_026), 'kicked'))
  await h.send(h.u.callback(owner, `bcstop:${id}`))
  release()
  await h.deps.services.broadcasts.idle()
  return id
}

const reached = (h: Harness) => CHATS.filter((c) => broadcastTo(h, c, 'Большая новость').length > 0)

describe('a stopped broadcast sent on to the rest', () => {
  it('the report offers the rest; pressed, each of them gets it once, those reached and those who left do not', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    expect(reached(h)).toEqual(CHATS.slice(0, 18))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `⏹ Рассылка ${named(id)} остановлена.\nДоставлено: 18 из 30\nЗаблокировали бота: 0\nОшибки: 0\nНе отправлено: 12`,
    )
    // Of the 12 not reached, 10 may get it now: one said /stop, one blocked the bot
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([{ text: '📨 Дослать остальным (10)', data: `bcrest:${id}` }])

    await pressMatching(h, owner, 'Дослать')
    expect(h.fake.textsTo(OWNER_ID)).toContain(
      `🚀 Рассылка ${named(id)} досылается: ещё 10 получателям. Кто её уже получил, второй раз не получит.`,
    )
    await h.deps.services.broadcasts.idle()
    for (const chat of CHATS) {
      const expected = chat === 90_025 || chat === 90_026 ? 0 : 1
      expect(broadcastTo(h, chat, 'Большая новость'), `chat ${chat}`).toHaveLength(expected)
    }
    // A new progress message with its Stop button, then the report of the whole broadcast
    const progress = h.fake
      .sentTo(OWNER_ID)
      .filter((c) => c.method === 'sendMessage' && String(c.payload.text).startsWith(`📤 Рассылка ${named(id)}:`))
      .map((c) => [c.payload.text, c.payload.reply_markup?.inline_keyboard[0][0].callback_data])
    expect(progress).toEqual([
      [`📤 Рассылка ${named(id)}: отправлено 0 из 30…`, `bcstop:${id}`],
      [`📤 Рассылка ${named(id)}: отправлено 18 из 30…`, `bcstop:${id}`],
    ])
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `✅ Рассылка ${named(id)} завершена.\nДоставлено: 28 из 30\nЗаблокировали бота: 1\nОшибки: 0\n` +
        'Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): 1',
    )
    // Pressed again (the old report still has it): nothing more goes, and the button comes off
    await h.send(h.u.callback(owner, `bcrest:${id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      `Рассылка #${id} уже досылается (или дослана) — итог придёт отдельным сообщением.`,
    )
    await h.deps.services.broadcasts.idle()
    expect(CHATS.every((c) => broadcastTo(h, c, 'Большая новость').length <= 1)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('stopped again while going to the rest, then sent on again: still nobody twice', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    // 90 018…90 027 on their way (the two who left are passed over), 90 028 and 90 029 not reached
    const release = holdFrom(h, 90_018)
    await pressMatching(h, owner, 'Дослать')
    await h.send(h.u.callback(owner, `bcstop:${id}`))
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(`⏹ Рассылка ${named(id)} остановлена.`)
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([{ text: '📨 Дослать остальным (2)', data: `bcrest:${id}` }])
    await pressMatching(h, owner, 'Дослать')
    await h.deps.services.broadcasts.idle()
    for (const chat of CHATS) {
      const expected = chat === 90_025 || chat === 90_026 ? 0 : 1
      expect(broadcastTo(h, chat, 'Большая новость'), `chat ${chat}`).toHaveLength(expected)
    }
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 28 из 30')
  })

  it('a crash while it goes to the rest: after the restart the rest go on, nobody gets it twice', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    // The process dies as the message to 90 020 reaches Telegram, before it is recorded
    h.fake.on('sendMessage', (payload) => {
      if (Number(payload.chat_id) === 90_020) h.deps.services.broadcasts.worker()?.kill()
      return undefined
    })
    await pressMatching(h, owner, 'Дослать')
    await h.deps.services.broadcasts.idle()
    const after = h.restart()
    await after.deps.services.broadcasts.idle()
    const interrupted = recipientsOf(h.deps.db, id, ['uncertain']).map((r) => Number(r.chatId))
    expect(interrupted).toContain(90_020)
    for (const chat of CHATS) {
      const n = broadcastTo(h, chat, 'Большая новость').length
      if (chat === 90_025 || chat === 90_026) expect(n, `chat ${chat}`).toBe(0)
      else if (interrupted.includes(chat)) expect(n, `chat ${chat}`).toBeLessThanOrEqual(1)
      else expect(n, `chat ${chat}`).toBe(1)
    }
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(`✅ Рассылка ${named(id)} завершена.`)
  })

  it('a button pressed after a restart sends on the rest the database still knows', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    const after = h.restart()
    await after.send(after.u.callback(owner, `bcrest:${id}`))
    await after.deps.services.broadcasts.idle()
    expect(reached(h)).toEqual(CHATS.filter((c) => c !== 90_025 && c !== 90_026))
    expect(CHATS.every((c) => broadcastTo(h, c, 'Большая новость').length <= 1)).toBe(true)
  })

  it('nobody of the rest may get it any more: no button; one from before says so and comes off', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (const chat of CHATS.slice(0, 12)) seedClient(h.deps, chat)
    const release = holdFrom(h, FROM_HELD)
    const id = await send(h, owner)
    await h.send(h.u.callback(owner, `bcstop:${id}`))
    release()
    await h.deps.services.broadcasts.idle()
    // 10 delivered, 2 on their way arrived too: nobody left
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 12 из 12')
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([])

    const h2 = createHarness()
    const id2 = await stoppedHalfway(h2, owner)
    for (const chat of CHATS.slice(18)) await h2.send(h2.u.text(h2.u.user(chat), '/stop'))
    await h2.send(h2.u.callback(owner, `bcrest:${id2}`))
    expect(h2.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      `Из тех, до кого рассылка #${id2} не дошла, отправить её сейчас некому: отписались, заблокировали бота, удалили данные или ждут ответа менеджера.`,
    )
    expect(h2.fake.messageWithButton(OWNER_ID, `bcrest:${id2}`)).toBeUndefined()
    expect(reached(h2)).toHaveLength(18)
  })

  it('for owners only: a manager’s press changes nothing', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const manager = h.u.user(6_000_001)
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    await h.send(h.u.callback(manager, `bcrest:${id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('только для владельца')
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
    expect(reached(h)).toHaveLength(18)
  })

  it('in the quiet hours the rest wait for their end', async () => {
    // 20:00 in Moscow: the broadcast goes; it is stopped, and "send to the rest" is pressed at 22:00
    const h = createHarness({ clock: createFakeClock('2026-11-23T17:00:00Z') })
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    h.clock.set(Date.parse('2026-11-23T19:00:00Z'))
    await pressMatching(h, owner, 'Дослать')
    expect(h.fake.textsTo(OWNER_ID)).toContain(
      `🌅 Рассылка ${named(id)} уйдёт остальным в 9:00, когда кончатся тихие часы: 10 получателям. Кто её уже получил, второй раз не получит.`,
    )
    await h.deps.services.broadcasts.idle()
    expect(reached(h)).toHaveLength(18)
    h.clock.set(Date.parse('2026-11-24T06:00:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    expect(reached(h)).toEqual(CHATS.filter((c) => c !== 90_025 && c !== 90_026))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 28 из 30')
  })
})

describe('the same message as a stopped broadcast', () => {
  it('is asked about, with its rest offered first; taking it sends the rest once, and drops the new draft', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    const draft = await send(h, owner)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `⚠️ Это то же сообщение, что в рассылке #${id} «Большая новость: мы открыли новый офис…» (получатели: все, кто согласился на рассылку), — её остановили: доставлено 18 из 30. Кто её получил, получит его дважды. Дослать #${id} тем, до кого она не дошла, — или отправить ещё и эту?`,
    )
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([
      { text: `📨 Дослать #${id} остальным (10)`, data: `bcrest:${id}:${draft}` },
      { text: '✅ Да, отправить ещё раз (28)', data: `bcm:${draft}:sendsame` },
      { text: '← Изменить получателей', data: `bcm:${draft}:menu` },
      { text: '✖ Не отправлять', data: `bcm:${draft}:discard` },
    ])
    // One button a row, no empty row among them
    const question = h.fake.calls.filter((c) => String(c.payload.text ?? '').startsWith('⚠️ Это то же сообщение'))
    const rows = question.at(-1)?.payload.reply_markup?.inline_keyboard as unknown[][]
    expect(rows.map((row) => row.length)).toEqual([1, 1, 1, 1])
    await pressMatching(h, owner, 'Дослать')
    await h.deps.services.broadcasts.idle()
    expect(reached(h)).toEqual(CHATS.filter((c) => c !== 90_025 && c !== 90_026))
    expect(CHATS.every((c) => broadcastTo(h, c, 'Большая новость').length <= 1)).toBe(true)
    expect(h.deps.services.broadcasts.get(draft)).toBeUndefined()
  })

  it('one the stop left nobody to send on to is still asked about: those it reached would get it twice', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    for (const chat of CHATS.slice(18)) await h.send(h.u.text(h.u.user(chat), '/stop'))
    const client = findClientByTelegramId(h.deps.db, CHATS[0]!)
    expect(client?.optOutAt).toBeNull()
    await send(h, owner)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `⚠️ Это то же сообщение, что в рассылке #${id} «Большая новость: мы открыли новый офис…» (получатели: все, кто согласился на рассылку), — её остановили: доставлено 18 из 30. Кто её получил, получит его дважды. Отправить ещё и эту?`,
    )
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.text)).toEqual([
      '✅ Да, отправить ещё раз (18)',
      '← Изменить получателей',
      '✖ Не отправлять',
    ])
  })

  it('sent again as a new broadcast since: the old report\u2019s button sends nothing more, and says why', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    await send(h, owner)
    await pressMatching(h, owner, 'Да, отправить ещё раз')
    await h.deps.services.broadcasts.idle()
    const again = id + 1
    await h.send(h.u.callback(owner, `bcrest:${id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: `То же сообщение уже ушло рассылкой #${again} после #${id} — дослать #${id} значит прислать его кому-то дважды. Не досылаю.`,
      show_alert: true,
    })
    await h.deps.services.broadcasts.idle()
    // Each got it from the second broadcast, or also from the first's 18: never a third time
    expect(CHATS.every((c) => broadcastTo(h, c, 'Большая новость').length <= 2)).toBe(true)
    expect(broadcastTo(h, CHATS[29]!, 'Большая новость')).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('one of the rest who erased their data since stays as the stop left them: not taken up again', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const id = await stoppedHalfway(h, owner)
    const erased = findClientByTelegramId(h.deps.db, 90_027)!
    await forgetData(h, h.u.user(90_027))
    await pressMatching(h, owner, 'Дослать')
    const row = recipientsOf(h.deps.db, id).find((r) => r.clientId === erased.id)
    expect(row).toMatchObject({ status: 'skipped', chatId: null })
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 90_028, 'Большая новость')).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a finished one is not asked about', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (const chat of CHATS.slice(0, 3)) seedClient(h.deps, chat)
    await send(h, owner)
    await h.deps.services.broadcasts.idle()
    await send(h, owner)
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, CHATS[0]!, 'Большая новость')).toHaveLength(2)
  })
})
