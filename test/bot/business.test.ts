import { eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { answers, businessChats, businessConnections, type ClientRow, events, messages } from '../../db/schema.ts'
import { accountName } from '../../src/services/business.ts'
import { slotData } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { type ApiCall, buttonsOf, FakeTelegram } from '../helpers/fake-telegram.ts'
import { discoveryContent, latestButtons, press } from '../helpers/flows.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

const CO_OWNER_ID = 5_000_002
const MANAGER_ID = 5_000_101

function setup() {
  const h = createHarness()
  h.deps.services.staff.add(CO_OWNER_ID, 'owner', OWNER_ID, 'Игорь')
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', last_name: 'Смирнова', username: 'olga' })
  return { h, owner }
}

describe('a business connection', () => {
  it('is stored; connecting, losing the right to reply and disconnecting are told to every owner; /business shows it', async () => {
    const { h, owner } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    expect(h.deps.db.select().from(businessConnections).all()).toEqual([
      expect.objectContaining({
        id: 'bc-olga',
        userId: OWNER_ID,
        name: 'Ольга Смирнова',
        username: 'olga',
        enabled: true,
        rights: { can_reply: true, can_read_messages: true },
      }),
    ])
    for (const id of [OWNER_ID, CO_OWNER_ID]) {
      expect(h.fake.lastTextTo(id)).toContain('🔗 Бот подключён к аккаунту Ольга Смирнова (@olga)')
      expect(h.fake.lastTextTo(id)).toContain('Бот может отвечать от имени аккаунта.')
      expect(h.fake.lastTextTo(id)).toContain('только вне рабочего времени')
    }
    expect(h.fake.textsTo(MANAGER_ID)).toEqual([])

    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      /• Ольга Смирнова \(@olga\): подключён, с .*; отвечать от имени аккаунта — да/,
    )

    // The same state again says nothing; the right to reply taken away is told
    const told = h.fake.textsTo(OWNER_ID).length
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    expect(h.fake.textsTo(OWNER_ID)).toHaveLength(told)
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', rights: { can_read_messages: true } }))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('отвечать клиентам он больше не может')

    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', enabled: false }))
    expect(h.fake.lastTextTo(CO_OWNER_ID)).toContain('⚠️ Бот отключён от аккаунта Ольга Смирнова (@olga)')
    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Ольга Смирнова (@olga): отключён')
  })

  it('/business shows since when the connection is on: the reconnection, not the first connection', async () => {
    const clock = createFakeClock('2026-12-04T01:38:00+03:00')
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', last_name: 'Смирнова', username: 'olga' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/подключён, с [^;]*1:38;/)
    // Off on Friday night, on again on Saturday afternoon
    clock.set('2026-12-04T09:00:00+03:00')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', enabled: false }))
    clock.set('2026-12-05T14:20:00+03:00')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/подключён, с [^;]*14:20;/)
    // A change of rights is no new connection
    clock.set('2026-12-05T15:00:00+03:00')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', rights: { can_read_messages: true } }))
    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/подключён, с [^;]*14:20;/)
  })

  it('of someone who is not an owner is not served, and owners are told; /business shows whose it is', async () => {
    const { h } = setup()
    const stranger = h.u.user(777, { first_name: 'Незнакомец' })
    await h.send(h.u.businessConnection(stranger, { id: 'bc-x' }))
    // Without their name or id: the notice outlives their /forget, the connection /business reads does not
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('не принадлежит владельцу, поэтому бот его не обслуживает')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('показывает /business')
    expect(h.fake.lastTextTo(OWNER_ID)).not.toMatch(/Незнакомец|777/)
    expect(h.deps.services.business.served('bc-x')).toBeUndefined()
    await h.send(h.u.text(h.u.user(OWNER_ID), '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Незнакомец (id 777): не владелец — не обслуживается')
  })

  it('/business is for owners; without a connection it says how to connect', async () => {
    const { h } = setup()
    await h.send(h.u.text(h.u.user(MANAGER_ID), '/business'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toContain('только для владельца')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Ни один аккаунт не подключён')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Business Mode')
  })
})

describe('a client writing to the owner’s account', () => {
  function withAutoReply(autoReply: 'always' | 'outside_hours' | 'never') {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: autoReply } } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const client = h.u.user(401, { first_name: 'Анна' })
    return { h, owner, client }
  }
  const sentFor = (h: Harness, chatId: number) =>
    h.fake.sentTo(chatId).filter((c) => c.payload.business_connection_id === 'bc-olga')

  it('becomes a client (source "business"); their first question is handed to the team on the owner’s behalf when the bot answers always', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте! Сколько стоит сайт?'))

    const row = findClientByTelegramId(h.deps.db, client.id)
    expect(row).toMatchObject({ firstName: 'Анна', source: 'business' })
    // A question first, not a hello: it reaches the team, as in the bot's own chat (a greeting
    // with the menu in its place left it unread)
    const answer = sentFor(h, client.id)
    expect(answer[0]?.payload.text).toContain('Анна, передаю вас менеджеру')
    expect(answer.every((c) => c.ok)).toBe(true)
    expect(h.deps.services.handoff.current(row!.id)).toMatchObject({ reason: 'question' })
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, client.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)[0]).toContain('клиент написал: «Здравствуйте! Сколько стоит сайт?»')
    // Nothing went to the bot's own chat with her
    expect(h.fake.sentTo(client.id).filter((c) => c.payload.business_connection_id === undefined)).toEqual([])
    expect(h.deps.services.business.route(row as ClientRow)).toEqual({ via: 'business', connectionId: 'bc-olga' })
    // The transcript has her words
    const transcript = h.deps.db
      .select()
      .from(messages)
      .where(eq(messages.clientId, row?.id ?? 0))
      .all()
    expect(transcript.find((m) => m.direction === 'in')?.text).toBe('Здравствуйте! Сколько стоит сайт?')

    // A button under the bot's message there answers there too
    await h.send(h.u.callback(client, 'menu:about', { businessConnectionId: 'bc-olga' }))
    expect(sentFor(h, client.id).at(-1)?.payload.text).toContain('Лаконика')
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(1)
  })

  it('under "always", the greeting and the handover it writes there as the owner carry no menu of the bot; its own chat keeps them', async () => {
    const { h, owner, client } = withAutoReply('always')
    const buttons = (c: { payload: ApiCall['payload'] } | undefined) => buttonsOf(c?.payload).map((b) => b.data)
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте!'))
    const greeting = sentFor(h, client.id).at(-1)
    expect(greeting?.payload.text).toContain('Здравствуйте, Анна!')
    // No quiz, no "talk to a manager", no menu: in a person's own chat, what to do is said in words
    expect(greeting?.payload.reply_markup).toBeUndefined()
    expect(greeting?.payload.text).not.toContain('С чего начнём?')
    expect(greeting?.payload.text).toContain('Напишите, что вас интересует')

    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Сколько стоит лендинг под ключ?'))
    const handover = sentFor(h, client.id).at(-1)
    expect(handover?.payload.text).toContain('Анна, передаю вас менеджеру')
    expect(handover?.payload.reply_markup).toBeUndefined()
    // /manager there: the same handover words, no "← В меню"
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/manager'))
    expect(sentFor(h, client.id).at(-1)?.payload.reply_markup).toBeUndefined()

    // In the bot's own chat, as before: the greeting with the menu, the handover with the way back to it
    const other = h.u.user(402, { first_name: 'Вера' })
    await h.send(h.u.text(other, '/start'))
    const own = h.fake.sentTo(other.id).filter((c) => c.payload.business_connection_id === undefined)
    expect(own[0]?.payload.text).toContain('С чего начнём?')
    expect(buttons(own[0])).toEqual(expect.arrayContaining(['menu:quiz', 'menu:booking', 'menu:manager']))
    await h.send(h.u.text(other, '/manager'))
    const ownHandover = h.fake.sentTo(other.id).at(-1)
    expect(ownHandover?.payload.text).toContain('Вера, передаю вас менеджеру')
    expect(buttons(ownHandover)).toEqual(['menu:main'])
    expect(h.errors()).toEqual([])
  })

  it('under "always", /menu, /help, /language, /stop and /cancel there carry no menu of the bot and say what works there; its own chat keeps the menu', async () => {
    const { h, owner, client } = withAutoReply('always')
    const data = (c: { payload: ApiCall['payload'] } | undefined) => buttonsOf(c?.payload).map((b) => b.data)
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте!'))
    const said = async (text: string) => {
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, text))
      return sentFor(h, client.id).at(-1)
    }

    // /menu: no menu to choose from there, so it says what to do instead of "Выберите в меню"
    const menu = await said('/menu')
    expect(menu?.payload.reply_markup).toBeUndefined()
    expect(menu?.payload.text).not.toContain('Выберите в меню')
    expect(menu?.payload.text).toContain('Напишите, что вас интересует')
    // /help: the commands, without a /menu that offers nothing there, and no "← В меню"
    const help = await said('/help')
    expect(help?.payload.reply_markup).toBeUndefined()
    expect(help?.payload.text).toContain('/privacy')
    expect(help?.payload.text).not.toContain('/menu')
    expect(help?.payload.text).toContain(
      'Напишите, что вас интересует, — отвечу здесь. А ещё здесь работают команды:\n/manager —',
    )
    // /language: the languages to pick (no menu among them); the answer has no menu under it
    const choose = await said('/language')
    expect(data(choose).every((d) => d?.startsWith('lang:'))).toBe(true)
    await h.send(h.u.callback(client, 'lang:en', { businessConnectionId: 'bc-olga' }))
    const set = sentFor(h, client.id).at(-1)
    expect(set?.payload.text).toContain('English')
    expect(set?.payload.reply_markup).toBeUndefined()
    await h.send(h.u.callback(client, 'lang:ru', { businessConnectionId: 'bc-olga' }))
    // /stop: done, as in the bot's chat, with no menu under it
    const stop = await said('/stop')
    expect(stop?.payload.text).toContain('рассылок больше не будет')
    expect(stop?.payload.reply_markup).toBeUndefined()
    // /cancel with nothing to cancel: no "Вот меню:" over no menu
    const cancel = await said('/cancel')
    expect(cancel?.payload.text).toContain('Сейчас отменять нечего')
    expect(cancel?.payload.text).not.toContain('меню')
    expect(cancel?.payload.reply_markup).toBeUndefined()
    // A "← В меню" left under an earlier message there, pressed: the same words, no menu
    await h.send(h.u.callback(client, 'menu:main', { businessConnectionId: 'bc-olga' }))
    const pressed = sentFor(h, client.id).at(-1)
    expect(pressed?.payload.text).toContain('Напишите, что вас интересует')
    expect(pressed?.payload.reply_markup).toBeUndefined()
    expect(sentFor(h, client.id).every((c) => c.ok)).toBe(true)

    // The bot's own chat, as before: the menu and the way back to it
    const other = h.u.user(402, { first_name: 'Вера' })
    const own = async (text: string) => {
      await h.send(h.u.text(other, text))
      return h.fake.sentTo(other.id).at(-1)
    }
    await own('/start')
    const ownMenu = await own('/menu')
    expect(ownMenu?.payload.text).toContain('Выберите в меню')
    expect(data(ownMenu)).toEqual(expect.arrayContaining(['menu:quiz', 'menu:booking', 'menu:manager', 'menu:about']))
    const ownHelp = await own('/help')
    expect(ownHelp?.payload.text).toContain('Что я умею:\n/menu — главное меню\n/manager —')
    expect(data(ownHelp)).toEqual(['menu:main', 'menu:manager'])
    await own('/language')
    await h.send(h.u.callback(other, 'lang:en'))
    expect(data(h.fake.sentTo(other.id).at(-1))).toEqual(['menu:main', 'menu:manager'])
    await h.send(h.u.callback(other, 'lang:ru'))
    expect(data(await own('/stop'))).toEqual(['menu:main', 'menu:manager'])
    const ownCancel = await own('/cancel')
    expect(ownCancel?.payload.text).toContain('Вот меню')
    expect(data(ownCancel)).toEqual(expect.arrayContaining(['menu:quiz', 'menu:manager']))
    expect(h.errors()).toEqual([])
  })

  it('under "always", words the bot cannot answer there go to the team, and a sticker gets no "I am a bot" under it', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте!'))
    const greeted = sentFor(h, client.id).length
    // A sticker: the owner sees it in their own chat; the bot writes nothing as them under it
    await h.send(
      h.u.businessMessage(client, 'bc-olga', client.id, {
        sticker: {
          file_id: 'st-1',
          file_unique_id: 'st1',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: '😊',
        },
      }),
    )
    expect(sentFor(h, client.id).slice(greeted)).toEqual([])
    // Words it cannot answer: no "I'm a bot and understand buttons best" in the owner's name (and no
    // button to tap, which that text names), but the team, as a question
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'У меня шкаф, коридор узкий'))
    const said = sentFor(h, client.id).slice(greeted)
    expect(said.map((c) => String(c.payload.text))).toEqual([expect.stringContaining('Анна, передаю вас менеджеру')])
    expect(said.every((c) => c.payload.reply_markup === undefined)).toBe(true)
    const row = findClientByTelegramId(h.deps.db, client.id)!
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({ reason: 'question' })
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, client.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('У меня шкаф, коридор узкий')
    expect(h.errors()).toEqual([])
  })

  it('is not asked about news there, where no broadcast can reach; their first /start in the bot’s chat asks', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте!'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/start'))
    const there = sentFor(h, client.id).map((c) => String(c.payload.text))
    expect(there.length).toBeGreaterThan(0)
    expect(there.filter((t) => t.includes('полезные советы и новости'))).toEqual([])
    expect(findClientByTelegramId(h.deps.db, client.id)?.consentAskedAt).toBeNull()

    // She opens the bot's own chat: there broadcasts reach her, and she is asked
    await h.send(h.u.text(client, '/start'))
    const own = h.fake.sentTo(client.id).filter((c) => c.payload.business_connection_id === undefined)
    expect(own.map((c) => String(c.payload.text))).toEqual([
      expect.stringContaining('Анна'),
      expect.stringContaining('можно иногда присылать вам полезные советы и новости?'),
    ])
    expect(findClientByTelegramId(h.deps.db, client.id)?.consentAskedAt).not.toBeNull()
  })

  it('a "спасибо" in the owner\'s chat after the request closed opens no new one; a question does', async () => {
    const { h, owner, client } = withAutoReply('outside_hours')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Добрый день'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    const topicId = findClientByTelegramId(h.deps.db, client.id)?.topicId as number
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force ответили'))
    await h.drain()
    expect(h.deps.services.handoff.current(row.id)).toBeUndefined()

    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Спасибо большое! 🙏'))
    await h.drain()
    expect(h.deps.services.handoff.current(row.id)).toBeUndefined()
    expect(h.fake.callsOf('setMessageReaction')).toEqual([])
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'А сколько стоит доработка?'))
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({ status: 'open', reason: 'business' })
  })

  it('"счёт получил, оплачу завтра" in the owner\'s chat owes no answer: no wait in an answered request, no request after a closed one', async () => {
    const { h, owner, client } = withAutoReply('outside_hours')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    // Monday 12:00 in Moscow: working hours, the team answers there
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Добрый день, нужна визитка'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    const topicId = row.topicId as number
    unpaidInvoice(h, row.id, { createdBy: OWNER_ID })
    await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, 'Здравствуйте! Счёт выслала.'))
    // It started the team's answer time: reminders of the invoice paused, the owner alerted daily
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Добрый день, счёт получил, оплачу завтра'))
    await h.drain()
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({ status: 'open', clientWaitingSince: null })
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force ответили'))
    await h.drain()
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'оплачу сегодня вечером'))
    await h.drain()
    expect(h.deps.services.handoff.current(row.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /^💳 Клиент пишет, что оплатит \(счёт №\d+ не оплачен\): «оплачу сегодня вечером»\n⏸ Напоминания об оплате по нему — не раньше вт, 24 нояб\., 11:00\.$/,
    )
    expect(h.fake.callsOf('setMessageReaction')).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('during working hours (outside_hours, the default) goes to the staff only: a request is opened, the bot stays quiet', async () => {
    const { h, owner, client } = withAutoReply('outside_hours')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    // Monday 12:00 in Moscow: working hours
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Добрый день'))
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({ status: 'open', reason: 'business' })
    expect(sentFor(h, client.id)).toEqual([])

    // The owner answers on their phone: the first response, by the owner
    await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, 'Здравствуйте, Анна! Сейчас расскажу.'))
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({
      firstResponseAt: h.clock.now(),
      firstResponderId: OWNER_ID,
    })
    // The owner is not a client
    expect(findClientByTelegramId(h.deps.db, OWNER_ID)?.source ?? null).toBeNull()

    // At 20:00 the bot answers a new client by itself
    const evening = withAutoReply('outside_hours')
    evening.h.clock.set('2026-11-23T17:00:00Z')
    await evening.h.send(evening.h.u.businessConnection(evening.owner, { id: 'bc-olga' }))
    await evening.h.send(evening.h.u.businessMessage(evening.client, 'bc-olga', evening.client.id, 'Добрый вечер'))
    expect(sentFor(evening.h, evening.client.id)[0]?.payload.text).toContain('Анна')
    const evened = findClientByTelegramId(evening.h.deps.db, evening.client.id) as ClientRow
    expect(evening.h.deps.services.handoff.isOpen(evened.id)).toBe(false)
  })

  it('is in the /stats funnel from their first message, answered by the bot or handed to the team', async () => {
    const starts = (h: Harness) =>
      h.deps.db
        .select()
        .from(events)
        .all()
        .filter((e) => e.type === 'start')
    // Monday 12:00 in Moscow: working hours, so only the team answers
    const { h, owner, client } = withAutoReply('outside_hours')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте! Сколько стоит сайт?'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Нужен лендинг'))
    await h.drain()
    h.clock.advance(5 * 60_000)
    await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, 'Здравствуйте, Анна! Лендинг — от 40 000 ₽.'))
    expect(starts(h)).toHaveLength(1)
    h.clock.advance(60 * 60_000)
    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней')) ?? ''
    expect(text).toContain('💬 Обращения к менеджеру, открытые за период: 1, ответили 1')
    expect(text).toContain('Старт — 1')
    expect(text).toContain('переданы менеджеру — 1')

    // Her first message a command the bot does not answer in working hours: a start all the same
    const command = withAutoReply('never')
    await command.h.send(command.h.u.businessConnection(command.owner, { id: 'bc-olga' }))
    await command.h.send(command.h.u.businessMessage(command.client, 'bc-olga', command.client.id, '/start'))
    expect(starts(command.h)).toHaveLength(1)

    // Where the bot answers, her "hello" is her /start: one start, and she is greeted as new
    const evening = withAutoReply('always')
    await evening.h.send(evening.h.u.businessConnection(evening.owner, { id: 'bc-olga' }))
    await evening.h.send(evening.h.u.businessMessage(evening.client, 'bc-olga', evening.client.id, 'Добрый вечер'))
    // (Back the next day: a /start right after the first is a second tap, no return)
    evening.h.clock.advance(24 * 60 * 60_000)
    await evening.h.send(evening.h.u.businessMessage(evening.client, 'bc-olga', evening.client.id, '/start'))
    expect(starts(evening.h)).toHaveLength(1)
    const greetings = sentFor(evening.h, evening.client.id)
      .map((c) => String(c.payload.text))
      .filter((t) => t.includes('Анна!'))
    expect(greetings.map((t) => t.split('\n')[0])).toEqual(['Здравствуйте, Анна! 👋', 'С возвращением, Анна! 😊'])
  })

  it('is only passed to the staff when the bot may not reply, or the owner said never', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', rights: { can_read_messages: true } }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
    expect(sentFor(h, client.id)).toEqual([])
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    expect(h.deps.services.handoff.isOpen(row.id)).toBe(true)
    expect(h.deps.services.business.route(row)).toMatchObject({ via: 'blocked', reason: 'no-reply-right' })

    const never = withAutoReply('never')
    await never.h.send(never.h.u.businessConnection(never.owner, { id: 'bc-olga' }))
    await never.h.send(never.h.u.businessMessage(never.client, 'bc-olga', never.client.id, 'Здравствуйте'))
    expect(sentFor(never.h, never.client.id)).toEqual([])
  })

  it('a client who came through the bot and now writes to the account: the card says where the answers go', async () => {
    const { h, owner, client } = withAutoReply('never')
    await h.send(h.u.text(client, '/start'))
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Сколько стоит покрытие гель-лаком?'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    expect(row.source).not.toBe('business')
    const card = h.fake.textsTo(STAFF_GROUP_ID, row.topicId ?? -1)[0]
    expect(card).toContain(
      '💼 пишет в аккаунт владельца (Telegram Business): ответы отсюда уходят туда, от имени аккаунта',
    )
    // A client in the bot's own chat has no such line
    const other = h.u.user(402, { first_name: 'Вера' })
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/manager'))
    await h.drain()
    const otherTopic = findClientByTelegramId(h.deps.db, other.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, otherTopic)[0]).not.toContain('💼')
  })

  it('from someone on the team is left alone: not a client, no request, no greeting, nothing of the owner’s answer', async () => {
    for (const mode of ['outside_hours', 'always'] as const) {
      // Monday 12:00 in Moscow: working hours (outside_hours relays, always answers)
      const { h, owner } = withAutoReply(mode)
      const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
      await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
      const sick = h.u.businessMessage(manager, 'bc-olga', manager.id, 'Ольга, я сегодня заболела, буду завтра')
      await h.send(sick)
      const id = sick.business_message?.message_id as number
      await h.send(h.u.businessMessage(manager, 'bc-olga', manager.id, 'Ольга, я заболела', { edited: id }))
      const answer = h.u.businessMessage(owner, 'bc-olga', manager.id, 'Выздоравливай!')
      await h.send(answer)
      await h.send(h.u.deletedBusinessMessages('bc-olga', manager.id, [id]))
      // A button there (under something the bot sent before she joined the team) does nothing
      // either, and says so
      await h.send(h.u.callback(manager, 'menu:about', { businessConnectionId: 'bc-olga' }))
      expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text, mode).toBe('Эта кнопка больше не работает.')
      await h.drain()

      expect(findClientByTelegramId(h.deps.db, MANAGER_ID), mode).toBeUndefined()
      expect(h.deps.db.select().from(messages).all(), mode).toEqual([])
      expect(h.fake.sentTo(STAFF_GROUP_ID), mode).toEqual([])
      expect(sentFor(h, MANAGER_ID), mode).toEqual([])
      expect(
        h.logs.filter((l) => l.msg === 'a business chat with someone on the team: left alone'),
        mode,
      ).toHaveLength(4)
      expect(
        h.logs.filter((l) => l.msg.includes('business chat with someone on the team')),
        mode,
      ).toHaveLength(5)
    }
  })

  it('answered by the owner themselves from their phone is left to the owner: the bot says nothing under their words', async () => {
    // Monday 12:00 in Moscow with "always", and 23:00 with "outside_hours": the bot answers by itself
    for (const [mode, at] of [
      ['always', undefined],
      ['outside_hours', '2026-11-23T20:00:00Z'],
    ] as const) {
      const { h, owner, client } = withAutoReply(mode)
      if (at) h.clock.set(at)
      // Мария on duty is not given a chat Ольга took herself
      h.deps.services.duty.set(MANAGER_ID, STAFF_GROUP_ID, true)
      await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте!'))
      await h.drain()
      expect(sentFor(h, client.id)[0]?.payload.text, mode).toContain('Здравствуйте, Анна!')

      // Ольга sees the chat and answers herself; Анна answers her
      const said = 'Анна, добрый вечер! Это Ольга. Лендинг — 40 000 ₽, подходит?'
      await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, said))
      const before = sentFor(h, client.id).length
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Да, подходит, давайте начнём'))
      await h.drain()
      // Neither "I am a bot, I understand buttons better" nor "we are closed, back at 10:00"
      expect(sentFor(h, client.id).slice(before), mode).toEqual([])

      // The chat is Ольга's: a request led by her and answered by her, with both sides in the topic
      const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
      expect(h.deps.services.handoff.current(row.id), mode).toMatchObject({
        status: 'open',
        reason: 'business_owner',
        managerId: OWNER_ID,
        firstResponderId: OWNER_ID,
      })
      const topic = h.fake.textsTo(STAFF_GROUP_ID, row.topicId ?? -1)
      expect(
        topic.find((t) => t.includes('Запрос открыт')),
        mode,
      ).toContain('владелец сам написал клиенту из своего аккаунта Telegram (Business)')
      expect(
        topic.find((t) => t.includes('Запрос открыт')),
        mode,
      ).toContain('ведёт: Ольга')
      expect(topic.join('\n'), mode).not.toContain('Мария')
      expect(topic.slice(-2), mode).toEqual([`💼 Ольга — из своего Telegram:\n${said}`, 'Да, подходит, давайте начнём'])
    }
  })

  it('the owner writing first to someone who never wrote takes the chat too: their answer is not greeted under the owner’s words', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    // Ольга writes first to a lead (from an ad reply, say): Анна has never written to the account
    const said = 'Анна, здравствуйте! Это Ольга, по вашей заявке на сайт.'
    await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, said))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте, да, слушаю'))
    await h.drain()
    expect(sentFor(h, client.id)).toEqual([])
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    expect(row.firstName).toBe('Анна')
    expect(h.deps.services.handoff.current(row.id)).toMatchObject({
      status: 'open',
      reason: 'business_owner',
      managerId: OWNER_ID,
    })
    expect(h.fake.textsTo(STAFF_GROUP_ID, row.topicId ?? -1).slice(-2)).toEqual([
      `💼 Ольга — из своего Telegram:\n${said}`,
      'Здравствуйте, да, слушаю',
    ])
  })

  it('the owner writing to a client who blocked the bot leaves them blocked: only the client coming back unblocks', async () => {
    const { h, owner, client } = withAutoReply('always')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }), h.u.text(client, '/start'))
    h.deps.services.clients.markBlocked(client.id)
    await h.send(h.u.businessMessage(owner, 'bc-olga', client.id, 'Анна, как дела с заказом?'))
    expect(findClientByTelegramId(h.deps.db, client.id)?.blockedAt).not.toBeNull()
  })

  it('of an account the bot does not serve creates nothing', async () => {
    const { h, client } = withAutoReply('always')
    const stranger = h.u.user(777)
    await h.send(h.u.businessConnection(stranger, { id: 'bc-x' }))
    await h.send(h.u.businessMessage(client, 'bc-x', client.id, 'Здравствуйте'))
    expect(findClientByTelegramId(h.deps.db, client.id)).toBeUndefined()
    expect(h.fake.sentTo(client.id)).toEqual([])
  })
})

describe('a client with a flow in the bot’s chat who writes to the owner’s account', () => {
  it('is not taken as answering the bot’s question: the two chats have the same id but each has its own flows', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(401, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    const inBotChat = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === undefined)

    // In the bot's chat: the brief, up to the question about her task
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const stored = () =>
      h.deps.db
        .select()
        .from(answers)
        .where(eq(answers.clientId, client.id))
        .all()
        .map((a) => a.value)
    const before = stored()
    const botChatCalls = inBotChat().length

    // Meanwhile she writes to Ольга herself, in the owner's own Telegram
    const words = 'Спасибо!'
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, words))
    // Not her answer to the brief: nothing stored, no question of the brief asked there on the
    // owner's behalf (the bot answers there as to any message outside a flow), nothing tried on
    // the bot chat's messages
    expect(stored()).toEqual(before)
    expect(onBehalf().map((c) => [c.method, c.payload.text])).toEqual([
      ['sendMessage', expect.stringContaining('Пожалуйста!')],
    ])
    expect(inBotChat()).toHaveLength(botChatCalls)

    // Back in the bot's chat, her answer there goes on with the brief
    await h.send(h.u.text(user, 'Нужны заявки на ремонт квартир'))
    expect(stored()).toContain('Нужны заявки на ремонт квартир')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')

    // A flow she opens in the owner's chat runs there, on its own: its questions and the edits
    // of their buttons go there, and nothing of it to the bot's chat
    const botChatNow = inBotChat().length
    await h.send(h.u.callback(user, 'menu:discovery', { businessConnectionId: 'bc-olga' }))
    expect(onBehalf().at(-1)?.payload.text).toContain('Вопрос 3 из 10')
    const logo = latestButtons(h, user.id).find((b) => b.text === 'Есть только логотип')?.data as string
    await h.send(h.u.callback(user, logo, { businessConnectionId: 'bc-olga' }))
    expect(onBehalf().at(-1)?.payload.text).toContain('Вопрос 4 из 10')
    expect(inBotChat()).toHaveLength(botChatNow)
    expect(h.errors()).toEqual([])
  })
})

describe('buttons of an earlier message in the owner’s chat', () => {
  it('come off there: a question asked again leaves one copy to answer, in the owner’s chat, not the bot’s', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(402, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))

    await h.send(h.u.callback(user, 'menu:quiz', { businessConnectionId: 'bc-olga' }))
    const first = h.fake.sentTo(user.id).at(-1)
    expect(first?.payload.text).toContain('Вопрос 1 из 5')
    const firstId = (first?.result as { message_id: number } | undefined)?.message_id
    // Typed instead of tapped: the question comes again below, and the copy above goes quiet
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'не знаю'))
    const again = h.fake.sentTo(user.id).at(-1)
    expect(again?.payload).toMatchObject({
      business_connection_id: 'bc-olga',
      text: expect.stringContaining('Вопрос 1 из 5'),
    })

    const quieted = h.fake.callsOf('editMessageReplyMarkup').filter((c) => Number(c.payload.message_id) === firstId)
    expect(quieted.map((c) => [c.ok, c.payload.business_connection_id, c.payload.reply_markup])).toEqual([
      [true, 'bc-olga', undefined],
    ])
    expect(h.errors()).toEqual([])
  })
})

describe('/forget in the owner’s chat', () => {
  it('erases the client there too, with the record of which account they wrote to', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID)
    const client = h.u.user(402, { first_name: 'Пётр' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/forget'))
    expect(h.fake.lastButtonsTo(client.id).map((b) => b.data)).toContain('forget:yes')
    await h.send(h.u.callback(client, 'forget:yes', { businessConnectionId: 'bc-olga' }))
    expect(h.deps.services.clients.get(row.id)).toMatchObject({ telegramId: null, firstName: null })
    expect(h.deps.db.select().from(businessChats).all()).toEqual([])
    expect(h.fake.sentTo(client.id).at(-1)?.payload.business_connection_id).toBe('bc-olga')
    // A chat between two people has no /start to tap: writing starts again
    expect(h.fake.sentTo(client.id).at(-1)?.payload.text).toBe(
      'Готово: ваши данные удалены. Захотите начать заново — просто напишите.',
    )
  })

  it('the client’s “yes, erase” pressed by the owner on their phone is not the client’s answer: nobody is erased', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const client = h.u.user(402, { first_name: 'Пётр' })
    await h.send(h.u.text(owner, '/start')) // the owner has a client row of their own, as everyone who wrote to the bot
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
    const clientRow = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    const ownerRow = findClientByTelegramId(h.deps.db, OWNER_ID) as ClientRow
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/forget'))
    expect(h.fake.lastButtonsTo(client.id).map((b) => b.data)).toContain('forget:yes')
    const before = h.fake.textsTo(client.id).length

    // The owner, reading the chat on their phone, taps the button under the bot's question
    await h.send(h.u.callback(owner, 'forget:yes', { chatId: client.id, businessConnectionId: 'bc-olga' }))
    await h.drain()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Это кнопка клиента: нажать её может только он.',
    )
    expect(h.deps.services.clients.get(ownerRow.id)).toMatchObject({ telegramId: OWNER_ID, deletedAt: null })
    expect(h.deps.services.clients.get(clientRow.id)).toMatchObject({ telegramId: client.id, deletedAt: null })
    expect(h.fake.textsTo(client.id).slice(before)).toEqual([])

    // The client's own press still erases them
    await h.send(h.u.callback(client, 'forget:yes', { businessConnectionId: 'bc-olga' }))
    expect(h.deps.services.clients.get(clientRow.id)).toMatchObject({ telegramId: null, firstName: null })
    expect(h.deps.services.clients.get(ownerRow.id)).toMatchObject({ telegramId: OWNER_ID, deletedAt: null })
  })

  it('the pop-up the owner gets for pressing the client’s button is in the owner’s language', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' })
    const client = h.u.user(402, { first_name: 'Пётр' })
    await h.send(h.u.text(owner, '/start'))
    await h.send(h.u.businessConnection(owner, { id: 'bc-kate' }))
    await h.send(h.u.businessMessage(client, 'bc-kate', client.id, 'Здравствуйте'))
    await h.send(h.u.businessMessage(client, 'bc-kate', client.id, '/forget'))
    expect(h.fake.lastTextTo(client.id)).toMatch(/[а-яё]/i) // the client's chat stays in Russian

    await h.send(h.u.callback(owner, 'forget:yes', { chatId: client.id, businessConnectionId: 'bc-kate' }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      "This is the client's button: only they can press it.",
    )
  })

  it('works while the team answers there (outside_hours in working hours, never): /privacy, /mydata, /stop and /forget as in the bot’s chat', async () => {
    for (const mode of ['outside_hours', 'never'] as const) {
      const demo = demoContent()
      const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: mode } } })
      const owner = h.u.user(OWNER_ID)
      const client = h.u.user(402, { first_name: 'Пётр' })
      const onBehalf = () => h.fake.sentTo(client.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
      await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
      // Monday 12:00 in Moscow: working hours, the bot does not answer by itself
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
      const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
      expect(onBehalf(), mode).toEqual([])

      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/privacy'))
      expect(onBehalf().at(-1)?.payload.text, mode).toContain('Что мы храним и зачем')
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/mydata'))
      expect(onBehalf().at(-1), mode).toMatchObject({ method: 'sendDocument', ok: true })
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/stop'))
      expect(h.deps.services.clients.get(row.id)?.optOutAt, mode).not.toBeNull()
      expect(onBehalf().at(-1)?.payload.text, mode).toContain('рассылок больше не будет')
      await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/forget'))
      expect(
        h.fake.lastButtonsTo(client.id).map((b) => b.data),
        mode,
      ).toContain('forget:yes')
      await h.send(h.u.callback(client, 'forget:yes', { businessConnectionId: 'bc-olga' }))
      await h.drain()
      expect(h.deps.services.clients.get(row.id), mode).toMatchObject({ telegramId: null, firstName: null })
      expect(
        onBehalf().every((c) => c.ok),
        mode,
      ).toBe(true)
    }
  })

  it('without the right to reply: staff are told in the topic what the client asked for, and a /stop is made', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const client = h.u.user(402, { first_name: 'Пётр' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', rights: { can_read_messages: true } }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/forget'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/stop'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/mydata'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, client.id) as ClientRow
    const topic = h.fake.textsTo(STAFF_GROUP_ID, row.topicId as number).join('\n')
    // The account is the owner's, named as the move into it is: not "your account" to a manager
    const [connection] = h.deps.services.business.connections()
    const account = accountName(connection as NonNullable<typeof connection>)
    expect(topic).toContain(`🗑 Клиент просит удалить его данные: написал /forget в аккаунт ${account}.`)
    expect(topic).toContain(`🔕 Клиент написал /stop в аккаунт ${account}: бот отписал его от рассылок.`)
    expect(topic).toContain('ответить ему может только владелец аккаунта, из своего Telegram.')
    expect(topic).toContain(`📄 Клиент просит свои данные: написал /mydata в аккаунт ${account}.`)
    expect(topic).toMatch(/Владелец аккаунта может попросить клиента отправить \/forget в чат с ботом @\w+/)
    expect(topic).not.toContain('ваш')
    // Nothing erased; the opt-out needs no answer, so it is made
    expect(h.deps.services.clients.get(row.id)).toMatchObject({ telegramId: client.id, firstName: 'Пётр' })
    expect(h.deps.services.clients.get(row.id)?.optOutAt).not.toBeNull()
    expect(h.fake.sentTo(client.id)).toEqual([])
  })
})

describe('a client’s number asked for in the owner’s chat', () => {
  /** A contact card of another person, attached from the app (no share button in these chats). */
  const someoneElse = { phone_number: '+79160000000', first_name: 'Мама', user_id: 999 }
  /** Telegram shows no reply keyboard (the "share my number" button) in a business account's chats. */
  function setupAlways(content = demoContent()) {
    const h = createHarness({ content: { ...content, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(403, { first_name: 'Анна' })
    const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    return { h, owner, user, onBehalf }
  }
  const there = { businessConnectionId: 'bc-olga' }

  it('booking a call: the number is typed, the call is booked, nothing fails', async () => {
    const { h, owner, user, onBehalf } = setupAlways()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-23', there))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z'), there))
    const ask = onBehalf().at(-1)
    expect(ask?.payload.text).toContain('На какой номер позвонить?')
    expect(ask?.payload.text).not.toContain('Поделиться номером')
    // No keyboard under the chat there: the way out is the question's own button
    expect(ask?.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: '✖ Не записываться', callback_data: 'bk:stop' }]],
    })

    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '+7 916 123-45-67'))
    expect(onBehalf().at(-2)?.payload).toMatchObject({ text: 'Номер записан: +7 916 123 45 67' })
    expect(onBehalf().at(-2)?.payload.reply_markup).toBeUndefined()
    await h.send(h.u.callback(user, 'bk:skip', there))
    // Confirm under the confirmation itself
    const confirmation = (onBehalf().at(-1)?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.callback(user, 'bk:ok', { ...there, messageId: confirmation }))
    expect(onBehalf().at(-1)?.payload.text).toContain('Готово, Анна!')
    // Three hours ahead: the reminder an hour before is within the day the chat stays open to the bot
    expect(onBehalf().at(-1)?.payload.text).toContain('За час до звонка я напомню.')
    expect(onBehalf().every((c) => c.ok)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a number the bot knows is asked about by name there too, and her typed "да" takes it', async () => {
    const { h, owner, user, onBehalf } = setupAlways()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    h.deps.services.clients.setPhone(findClientByTelegramId(h.deps.db, user.id)?.id ?? 0, '+79161234567')
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-23', there))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z'), there))
    expect(onBehalf().at(-1)?.payload.text).toBe('Позвонить на +7 916 123 45 67? Напишите «да» — или другой номер.')
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'да'))
    expect(onBehalf().at(-2)?.payload).toMatchObject({ text: 'Номер записан: +7 916 123 45 67' })
    expect(h.errors()).toEqual([])
  })

  /**
   * She books a call there on `day` at `slot` (UTC), typing her number, then skips the comment and
   * confirms (after `meanwhile`, if given): the bot's last message there, its confirmation.
   */
  async function bookThere(day: string, slot: string, meanwhile?: (h: Harness) => void) {
    const { h, owner, user, onBehalf } = setupAlways()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, `bkd:${day}`, there))
    await h.send(h.u.callback(user, slotData(slot), there))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '+7 916 123-45-67'))
    meanwhile?.(h)
    await h.send(h.u.callback(user, 'bk:skip', there))
    const confirmation = (onBehalf().at(-1)?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.callback(user, 'bk:ok', { ...there, messageId: confirmation }))
    expect(h.errors()).toEqual([])
    return String(onBehalf().at(-1)?.payload.text)
  }

  it('a call booked there for the day after tomorrow promises no reminder: the bot may write there only within a day of her message', async () => {
    const done = await bookThere('2026-11-25', '2026-11-25T12:00Z')
    expect(done).toContain('Готово, Анна!')
    expect(done).not.toContain('напомню')
    expect(done).toContain('Перенести или отменить звонок можно кнопками ниже')
  })

  it('a call confirmed by a press a day after her last message there promises no reminder: a press does not open the chat again', async () => {
    // Twenty hours after her number she finishes with buttons only: the reminder at 11:00 tomorrow
    // is past the day her last message opened
    const done = await bookThere('2026-11-24', '2026-11-24T12:00Z', (h) => h.clock.advance(20 * 3_600_000))
    expect(done).toContain('Готово, Анна!')
    expect(done).not.toContain('напомню')
  })

  it('booking started from the bot’s buttons during working hours (outside_hours): the typed number is the flow’s step, which the team reads with the bot’s answer', async () => {
    // Monday 12:00 in Moscow: working hours, so the team answers what she writes
    const h = createHarness({ content: { ...demoContent(), telegram_business: { auto_reply: 'outside_hours' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(403, { first_name: 'Анна' })
    const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const topicId = client.topicId as number
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)

    // She books a call from the bot's buttons in that chat: tomorrow, 12:00
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-24', there))
    await h.send(h.u.callback(user, slotData('2026-11-24T09:00Z'), there))
    expect(onBehalf().at(-1)?.payload.text).toContain('На какой номер позвонить?')
    await h.drain()
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length

    // Words that are no answer to the step are for the team, as in the bot's chat: the step waits
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'А можно после 19:00?'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic).join('\n')).toContain('А можно после 19:00?')
    const shown = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    // A mistyped number is her try at the step, answered by the flow
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '12-34'))
    expect(onBehalf().at(-1)?.payload.text).toContain('Не получилось распознать номер')
    // The number itself is taken: the flow goes on
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '+7 916 123-45-67'))
    expect(onBehalf().at(-2)?.payload.text).toBe('Номер записан: +7 916 123 45 67')
    await h.drain()
    // The team reads both, each with what the bot answered it there: not as a bare number that
    // waits for their answer
    const read = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(shown).join('\n')
    expect(read).toContain('\n12-34\n\n🕐 12:00\n🤖 Бот отправил клиенту: Не получилось распознать номер')
    expect(read).toContain('\n+7 916 123-45-67\n\n🕐 12:00\n🤖 Бот отправил клиенту: Номер записан: +7 916 123 45 67')
    // …and on to its next step there
    expect(onBehalf().at(-1)?.payload.text).toContain('Хотите что-то передать менеджеру перед звонком?')
    expect(onBehalf().every((c) => c.ok)).toBe(true)
    // She never wrote to the bot's own chat: her topic is not told she moved to the account
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('💼 Клиент теперь пишет'))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  /**
   * outside_hours: she begins booking a call in the owner's chat at night (the bot answers there)
   * and stops at the number; `later` is when she writes again, with Date along (the updates' own dates).
   */
  async function bookingLeftAtNight(later: string) {
    const clock = createFakeClock('2026-11-23T23:00:00+03:00')
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      content: { ...demoContent(), telegram_business: { auto_reply: 'outside_hours' } },
    })
    vi.setSystemTime(clock.now())
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(404, { first_name: 'Вера' })
    const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-25', there))
    await h.send(h.u.callback(user, slotData('2026-11-25T09:00Z'), there))
    expect(onBehalf().at(-1)?.payload.text).toContain('На какой номер позвонить?')
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    const answered = onBehalf().length
    clock.set(later)
    vi.setSystemTime(clock.now())
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Добрый день! Сколько стоит лендинг?'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId as number
    return { h, client, topicId, said: () => onBehalf().slice(answered) }
  }

  it('booking left at the number at night, a question the next day in working hours (outside_hours): no answer in the owner’s name, a request opens and the team reads it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      // Tuesday 12:00, thirteen hours later: people answer there now
      const { h, client, topicId, said } = await bookingLeftAtNight('2026-11-24T12:00:00+03:00')
      expect(said()).toEqual([])
      expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'business' })
      const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
      expect(topic.split('Сколько стоит лендинг?')).toHaveLength(2) // once
      // The step still waits: the number, typed now, is the booking's
      await h.send(h.u.businessMessage(h.u.user(404), 'bc-olga', 404, '+7 916 123-45-67'))
      expect(said().at(-2)?.payload.text).toBe('Номер записан: +7 916 123 45 67')
      expect(said().every((c) => c.ok)).toBe(true)
      expect(h.errors()).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('booking left at the number for more than a day: her next words in working hours are a message for the team, not the step’s answer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      // Wednesday 12:00, a day and a half later: the booking was given up
      const { h, client, topicId, said } = await bookingLeftAtNight('2026-11-25T12:00:00+03:00')
      expect(said()).toEqual([])
      expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'business' })
      // As any message there: the request opens, the conversation is shown to the team and her
      // question after it, once
      const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
      expect(topic.join('\n').split('Сколько стоит лендинг?')).toHaveLength(2) // once
      expect(topic.find((t) => t.includes('Переписка с клиентом'))).toContain('На какой номер позвонить?')
      expect(topic.at(-1)).toContain('Добрый день! Сколько стоит лендинг?')
      // A number now is hers to the team too: no booking step takes it
      await h.send(h.u.businessMessage(h.u.user(404), 'bc-olga', 404, '+7 916 123-45-67'))
      await h.drain()
      expect(said()).toEqual([])
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('+7 916 123-45-67')
      expect(h.errors()).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('a mistyped number or someone else’s contact: the answer asks to type it, no button named', async () => {
    const { h, owner, user, onBehalf } = setupAlways()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-23', there))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z'), there))

    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '12-34'))
    const invalid = String(onBehalf().at(-1)?.payload.text)
    expect(invalid).toContain('Не получилось распознать номер')
    expect(invalid).not.toContain('Поделиться номером')

    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, { contact: someoneElse }))
    const notOwn = String(onBehalf().at(-1)?.payload.text)
    expect(notOwn).toContain('Это не ваш контакт')
    expect(notOwn).not.toContain('Поделиться номером')
    expect(onBehalf().every((c) => c.ok)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('someone else’s contact at a phone question of the brief: asked to type their own, no button named', async () => {
    const { h, owner, user, onBehalf } = setupAlways(
      discoveryContent(`    - key: phone
      text: Ваш телефон?
      type: phone
`),
    )
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:discovery', there))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, { contact: someoneElse }))
    const answer = String(onBehalf().at(-1)?.payload.text)
    expect(answer).toContain('Это не ваш контакт')
    expect(answer).not.toContain('Поделиться номером')
    expect(h.errors()).toEqual([])
  })

  it('a phone question of the brief: the number is typed, the brief goes on, nothing fails', async () => {
    const { h, owner, user, onBehalf } = setupAlways(
      discoveryContent(`    - key: phone
      text: Ваш телефон?
      type: phone
    - key: task
      text: Задача?
      type: text
`),
    )
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:discovery', there))
    const question = onBehalf().at(-1)
    expect(question?.payload.text).toContain('Ваш телефон?')
    expect(question?.payload.text).not.toContain('Поделиться номером')

    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '8 (916) 123-45-67'))
    expect(onBehalf().at(-1)?.payload.text).toContain('Задача?')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    expect(
      onBehalf().filter((c) => c.payload.reply_markup?.keyboard || c.payload.reply_markup?.remove_keyboard),
    ).toEqual([])
    expect(onBehalf().every((c) => c.ok)).toBe(true)
    expect(h.errors()).toEqual([])
  })
})
