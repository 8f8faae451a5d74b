import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { setCommandMenus } from '../../src/bot/commands.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createHarness, demoContent, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

describe('/language', () => {
  it('switches and stores the language; Telegram language no longer overrides it', async () => {
    const h = createHarness()
    const user = h.u.user(301, { first_name: 'Иван', language_code: 'ru' })
    await h.send(h.u.text(user, '/language'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['lang:ru', 'lang:en'])
    const asked = h.fake.messageWithButton(user.id, 'lang:en') ?? 0
    await h.send(h.u.callback(user, 'lang:en'))
    expect(h.fake.lastTextTo(user.id)).toBe('Done, we speak English now.')
    // The question keeps the language picked under it (it lost its buttons without a word)
    expect(h.fake.emulator.chat(user.id).messages.get(asked)?.message.text).toMatch(/\n\n✔️ .*English$/u)
    expect(findClientByTelegramId(h.deps.db, user.id)).toMatchObject({ language: 'en', languageChosen: true })

    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Hello, Иван!')
  })

  it('the language the bot already speaks, picked again: it says so, rather than that it switched', async () => {
    const h = createHarness()
    // Never chosen: the Telegram app's English
    const user = h.u.user(302, { first_name: 'Daniel', language_code: 'en' })
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    expect(h.fake.lastTextTo(user.id)).toBe('We are already speaking English.')
    expect(findClientByTelegramId(h.deps.db, user.id)).toMatchObject({ language: 'en', languageChosen: true })
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:ru'))
    expect(h.fake.lastTextTo(user.id)).toBe('Готово, говорим по-русски.')
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:ru'))
    expect(h.fake.lastTextTo(user.id)).toBe('Мы и так говорим по-русски.')
  })

  it('a client with a topic who switches language: the topic is told, so the team answers in it', async () => {
    const h = createHarness()
    const { user, topicId } = await clientWithTopic(h, 303)
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '🌐 Клиент выбрал язык: 🇬🇧 English. Бот пишет ему на нём — отвечайте на нём же.',
    )
    // The same language again is no news
    const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(before)
  })

  it('switches in the middle of a conversation, which continues in the new language', async () => {
    const h = createHarness()
    const user = h.u.user(302, { first_name: 'Пётр' })
    await h.send(h.u.text(user, '/name'))
    expect(h.fake.lastTextTo(user.id)).toContain('Как к вам обращаться?')

    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    expect(h.fake.lastTextTo(user.id)).toBe('Done, we speak English now.')

    await h.send(h.u.text(user, '12345'))
    expect(h.fake.lastTextTo(user.id)).toContain("That doesn't look like a name")
    await h.send(h.u.text(user, 'Peter'))
    expect(h.fake.lastTextTo(user.id)).toBe("All right, I'll call you Peter from now on.")
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Peter')
    expect(h.errors()).toEqual([])
  })

  it('switched in the middle of a question: the same question is asked again in the new language', async () => {
    const h = createHarness()
    const user = h.u.user(303, { first_name: 'Пётр' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/brief'))
    expect(h.fake.lastTextTo(user.id)).toContain('Как вы о нас узнали?')
    const russian = h.fake.sentTo(user.id).at(-1)!.result as { message_id: number }

    await h.send(h.u.text(user, '/language'))
    await h.send(h.u.callback(user, 'lang:en'))
    const texts = h.fake.sentTo(user.id).map((c) => String(c.payload.text))
    expect(texts.at(-2)).toBe('Done, we speak English now.')
    expect(texts.at(-1)).toContain('How did you hear about us?')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toContain('Recommended by someone')
    // The Russian copy above keeps no buttons: one copy to answer
    const offRussian = h.fake
      .callsOf('editMessageReplyMarkup')
      .filter((c) => c.payload.message_id === russian.message_id && !c.payload.reply_markup)
    expect(offRussian).toHaveLength(1)

    // Answered in English, the flow goes on in English
    await h.send(h.u.text(user, 'Recommended by someone'))
    expect(h.fake.lastTextTo(user.id)).toContain('What problem do you want the website to solve?')
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.discovery.summary(client.id).find((a) => a.key === 'source')).toBeDefined()
    expect(h.errors()).toEqual([])
  })

  it('rejects a forged language code', async () => {
    const h = createHarness()
    const user = h.u.user(303)
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'lang:xx'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
  })
})

describe('a business that speaks only Russian (business.languages: [ru])', () => {
  it('greets a client whose Telegram is in English in Russian, and /language says it is the only one', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, business: { ...demo.business, languages: ['ru'] } } })
    const user = h.u.user(304, { first_name: 'Ильдар', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id)[0]).toContain('Здравствуйте, Ильдар!')
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
    await h.send(h.u.text(user, '/language'))
    expect(h.fake.lastTextTo(user.id)).toBe('Здесь мы говорим только по-русски.')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('lang:ru')
    // A forged choice of another changes nothing
    await h.send(h.u.callback(user, 'lang:en'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
  })
})

describe('a business serving clients in English only (business.languages: [en]), the team in Russian', () => {
  function englishOnly() {
    const demo = demoContent()
    return createHarness({ content: { ...demo, business: { ...demo.business, languages: ['en'] } } })
  }

  it('an owner whose Telegram is in Russian reads their tools and menu in Russian, and /language offers every language', async () => {
    const h = englishOnly()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', language_code: 'ru' })
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Для владельца')
    const menu = h.fake.emulator.commandsFor(OWNER_ID, OWNER_ID)
    expect(menu.find((c) => c.command === 'stats')?.description).toBe('Статистика')

    await h.send(h.u.text(owner, '/language'))
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.data)).toEqual(['lang:ru', 'lang:en'])
    await h.send(h.u.callback(owner, 'lang:en'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe('Done, we speak English now.')
    await h.send(h.u.text(owner, '/language'), h.u.callback(owner, 'lang:ru'))
    expect(findClientByTelegramId(h.deps.db, OWNER_ID)?.language).toBe('ru')
  })

  it('so does a manager; a client whose Telegram is in Russian still gets English, and is told it is the only one', async () => {
    const h = englishOnly()
    h.deps.services.staff.add(5_000_778, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(5_000_778, { first_name: 'Мария', language_code: 'ru' })
    await h.send(h.u.text(manager, '/start'))
    expect(h.fake.textsTo(manager.id)[0]).toContain('Здравствуйте, Мария!')

    const client = h.u.user(305, { first_name: 'Пётр', language_code: 'ru' })
    await h.send(h.u.text(client, '/start'))
    expect(h.fake.textsTo(client.id)[0]).toContain('Hello, Пётр!')
    await h.send(h.u.text(client, '/language'))
    expect(h.fake.lastTextTo(client.id)).toBe('We speak English only here.')
    await h.send(h.u.callback(client, 'lang:ru'))
    expect(findClientByTelegramId(h.deps.db, client.id)?.language).toBe('en')
  })

  it('a manager who picked Russian and left the team is written to in English again, their own menu gone', async () => {
    const h = englishOnly()
    await setCommandMenus(h.bot.api, h.deps) // as at start-up
    const MANAGER_ID = 5_000_779
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария', language_code: 'en' })
    await h.send(h.u.text(manager, '/language'), h.u.callback(manager, 'lang:ru'))
    expect(findClientByTelegramId(h.deps.db, MANAGER_ID)).toMatchObject({ language: 'ru', languageChosen: true })
    expect(h.fake.emulator.commandsFor(MANAGER_ID, MANAGER_ID)[0]?.description).toBe('Начать сначала')

    // A client now: Russian is not among the languages the business speaks with clients
    h.deps.services.staff.remove(MANAGER_ID)
    await h.send(h.u.text(manager, '/help'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toContain('What I can do:')
    expect(findClientByTelegramId(h.deps.db, MANAGER_ID)).toMatchObject({ language: 'en', languageChosen: false })
    expect(h.fake.callsOf('deleteMyCommands').map((c) => c.payload.scope)).toContainEqual({
      type: 'chat',
      chat_id: MANAGER_ID,
    })
    expect(h.fake.emulator.commandsFor(MANAGER_ID, MANAGER_ID)[0]?.description).toBe('Start over') // the clients'
  })
})

describe('the staff group speaks DEFAULT_LOCALE (ru here), whatever the manager’s Telegram language', () => {
  const MANAGER_ID = 5_000_777

  async function englishManager() {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Kate')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Kate', language_code: 'en' })
    return { h, manager }
  }

  it('answers /invoice and /done in the language of the card above them', async () => {
    const { h, manager } = await englishManager()
    const { topicId } = await clientWithTopic(h, 7701)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.drain()
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(texts[0]).toContain('🆔 #1 · язык: ru') // the card
    expect(texts.at(-1)).toMatch(/^🧾 Счёт №1: 45\s000\s₽\. Отправлен клиенту/)

    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.drain()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(/^✔️ .*№1/)
  })

  it('lists and cancels follow-ups in it, dates and the button’s pop-up included', async () => {
    const { h, manager } = await englishManager()
    const { topicId } = await clientWithTopic(h, 7702)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.drain()
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('🗓 Запланировано для клиента:')
    const checkin = h.deps.sqlite.prepare("select id from jobs where kind = 'checkin'").get() as { id: number }
    const cancel = h.u.callback(manager, `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId })
    await h.send(cancel)
    await h.drain()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(/^Отменено \(Kate\): «Как всё прошло\?» — .*26 нояб.*\.$/)
    h.clock.advance(60_000) // pressed again a minute later
    await h.send(cancel)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже отправлено или отменено')
  })

  it('while the same manager is answered in English in the bot’s own chat', async () => {
    const { h, manager } = await englishManager()
    await h.send(h.u.text(manager, '/start'))
    expect(h.fake.textsTo(MANAGER_ID).join('\n')).toContain('Hello, Kate!')
  })
})

describe('an owner’s alerts come in the owner’s language, as the rest of their chat with the bot', () => {
  it('an owner who chose English reads the SLA alert in English; the topic’s notice stays in the group’s', async () => {
    // Monday 12:00 in Moscow, inside working hours
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'ru' })
    await h.send(h.u.text(owner, '/language'), h.u.callback(owner, 'lang:en'))
    const user = h.u.user(311, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `⏰ Client <a href="https://t.me/c/1234567890/${client.topicId}">Ира #${client.id}</a> has waited for a manager for over 15 min.`,
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).at(-1)).toContain('Никто не ответил за 15 мин')
  })

  it('an owner whose Telegram is in English reads about a broken staff group in English', async () => {
    const h = createHarness()
    await h.send(h.u.text(h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' }), '/start'))
    h.fake.emulator.chat(STAFF_GROUP_ID).isForum = false
    await h.send(h.u.text(h.u.user(312, { first_name: 'Ира' }), '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      '⚠️ The staff group is not fully set up — clients cannot be handed to managers yet:\n' +
        'Topics are off in the group. Group settings → Topics → on.',
    )
  })

  it('an owner who chose English reads that the bot was connected to their Business account in English', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'ru' })
    await h.send(h.u.text(owner, '/language'), h.u.callback(owner, 'lang:en'))
    await h.send(h.u.businessConnection(owner, { id: 'bc-kate' }))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('The bot is connected to the account')
  })
})
