import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { renderTranscript } from '../../src/bot/handoff/card.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { press } from '../helpers/flows.ts'
import { cardEdits, clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('opening a handoff', () => {
  it('with no conversation before it (after /forget), the client is not promised one: "передаю вас менеджеру."', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 829, 'Ирина')
    await forgetData(h, user)
    await h.flush()
    // "…вместе со всей нашей перепиской — повторять ничего не нужно": her number went with /forget
    await h.send(h.u.text(user, 'ой а вы мне перезвоните? я передумала удалять'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Ирина, передаю вас менеджеру\. Вопросом/)
    expect(h.errors()).toEqual([])
  })

  it('with nothing said before it but /start and the greeting, the client is not promised a conversation either; once they said or chose something, they are', async () => {
    const h = createHarness()
    const plain = (name: string) =>
      `${name}, передаю вас менеджеру. Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ` +
      'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.'
    const promised = (name: string) =>
      `${name}, передаю вас менеджеру вместе со всей нашей перепиской — повторять ничего не нужно. ` +
      'Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ' +
      'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.'
    // /start, then straight to a manager: the button under the greeting, or /manager
    const lena = h.u.user(831, { first_name: 'Лена' })
    await h.send(h.u.text(lena, '/start'), h.u.callback(lena, 'menu:manager'))
    expect(h.fake.lastTextTo(lena.id)).toBe(plain('Лена'))
    const vika = h.u.user(832, { first_name: 'Вика' })
    await h.send(h.u.text(vika, '/start'), h.u.text(vika, '/start'), h.u.text(vika, '/manager'))
    expect(h.fake.lastTextTo(vika.id)).toBe(plain('Вика'))
    // A complaint as the first words: the request opens before they are stored
    const oleg = h.u.user(833, { first_name: 'Олег' })
    await h.send(h.u.text(oleg, '/start'), h.u.text(oleg, 'Это обман какой-то'))
    expect(h.fake.lastTextTo(oleg.id)).toBe(plain('Олег'))
    // Something said before: it goes with them
    const ira = h.u.user(834, { first_name: 'Ира' })
    await h.send(h.u.text(ira, '/start'), h.u.text(ira, 'Привет'), h.u.text(ira, 'Это обман какой-то'))
    expect(h.fake.lastTextTo(ira.id)).toBe(promised('Ира'))
    const anna = h.u.user(835, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, 'Про кофейню'), h.u.callback(anna, 'menu:manager'))
    expect(h.fake.lastTextTo(anna.id)).toBe(promised('Анна'))
    expect(h.errors()).toEqual([])
  })

  it('menu → topic named after the client → card saying why and by when → transcript → pin; the client is told who and when', async () => {
    const h = createHarness()
    const anna = h.u.user(801, { first_name: 'Анна', last_name: 'Петрова', username: 'anna_p' })
    await h.send(h.u.text(anna, '/start'))
    // Two words, no question yet: the offer of a manager, then her tap
    await h.send(h.u.text(anna, 'Про кофейню'))
    await h.send(h.u.callback(anna, 'menu:manager'))

    // The client: honest ETA (Monday 12:00 Moscow + 15 working minutes)
    const told = h.fake.lastTextTo(anna.id)
    expect(told).toContain('передаю вас менеджеру')
    expect(told).toContain('Ответим до 12:15')
    expect(told).toContain('UTC+3')

    // Nothing reaches the group before the outbox runs
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toEqual([])
    await h.drain()

    const topic = h.fake.callsOf('createForumTopic')
    expect(topic).toHaveLength(1)
    expect(topic[0]?.payload.name).toBe('🟡 Анна Петрова @anna_p · #1')
    const threadId = findClientByTelegramId(h.deps.db, anna.id)?.topicId
    expect(threadId).toBe(100)

    // A new request in as few messages as it takes: the card (why, by when, "take this client"), the transcript, the pin
    const sent = h.fake.sentTo(STAFF_GROUP_ID, threadId!)
    expect(sent).toHaveLength(2)
    const card = String(sent[0]?.payload.text)
    expect(card).toContain('<b>Анна Петрова</b>')
    expect(card).toContain('Запрос открыт')
    expect(card).toContain('клиент попросил менеджера')
    expect(card).toContain('ответить до пн, 23 нояб., 12:15')
    expect(buttonsOf(sent[0]?.payload).map((b) => b.data)).toEqual(['hclaim:1'])
    expect(sent[1]?.payload.text).toContain('Переписка с клиентом')
    expect(sent[1]?.payload.text).toContain('Про кофейню')
    expect(sent[1]?.payload.text).toContain('Бот:')
    // One day's conversation: each line carries the clock alone, in the business's zone
    expect(sent[1]?.payload.text).toMatch(/<b>12:00 Бот:<\/b>/)
    const cardId = h.deps.services.handoff.topics.card(1)?.messageId
    expect(cardId).toBeDefined()
    expect(h.fake.callsOf('pinChatMessage').map((c) => c.payload.message_id)).toEqual([cardId])
    expect(h.errors()).toEqual([])
  })
})

describe('what the client and the topic are told, in words that fit', () => {
  it('who answers and by when: no "он" before a named manager, no "ответит… Ответим" back to back', async () => {
    const h = createHarness()
    const MANAGER_ID = 5_100_011
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const user = h.u.user(821, { first_name: 'Вика' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Про сайт'), h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Вика, передаю вас менеджеру вместе со всей нашей перепиской — повторять ничего не нужно. ' +
        'Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ' +
        'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.',
    )
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const topicId = client.topicId!
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.callback(manager, 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Вика, ваш вопрос уже у менеджеров — пишите сюда, все сообщения дойдут. ' +
        'Вашим вопросом займётся Мария. Ответим до 12:15 (Москва, UTC+3).',
    )

    // Answered and closed; the client writes again: the topic is told of a new request, "клиент" once
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Готово'), h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
    await settle(h)
    await h.send(h.u.text(user, 'И ещё вопрос: а логотип сделаете?'))
    await settle(h)
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('🔔'))
    expect(notice).toMatch(/^🔔 Новый запрос: клиент снова написал после закрытого запроса\. Ответить до /)
    expect(h.errors()).toEqual([])
  })

  it('asked again past the answer time, the client is not promised a time already gone: an apology, and when the team is back', async () => {
    const h = createHarness()
    const user = h.u.user(823, { first_name: 'Вика' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 12:15 (Москва, UTC+3).')
    await h.drain()
    /** What she hears asking again `later` ms on, whatever became due meanwhile having run. */
    const askedAgain = async (later: number) => {
      h.clock.advance(later)
      await h.deps.scheduler.runDue()
      await h.drain()
      await h.send(h.u.text(user, '/manager'))
      return h.fake.lastTextTo(user.id)
    }
    const sorry =
      'Вика, ваш запрос у нас — пишите сюда, все сообщения дойдут. ' +
      'Вопросом займётся первый свободный менеджер. Простите, что ответ задерживается: команда знает, что вы ждёте. '
    // Nobody answers: the apology goes with a new time; then she asks again
    expect(await askedAgain(16 * 60_000)).toBe(`${sorry}Ответим как можно скорее.`)
    // That evening, after hours: when the team is back, not a time of the day gone by
    expect(await askedAgain(8 * 60 * 60_000)).toBe(
      `${sorry}Сейчас мы не работаем: вернёмся завтра в 10:00 (Москва, UTC+3) и сразу ответим.`,
    )
    expect(h.errors()).toEqual([])
  })

  it('in English too: the manager named once, the answer time once, the topic told of a new request', async () => {
    const h = createHarness()
    const MANAGER_ID = 5_100_012
    // A Russian business names its team in Cyrillic: an English-speaking client reads it in Latin
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария Ёлкина')
    const maria = h.u.user(MANAGER_ID, { first_name: 'Мария', last_name: 'Ёлкина' })
    const user = h.u.user(822, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'About a website'), h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      "Kate, I'm passing you to a manager along with our whole conversation — no need to repeat anything. " +
        'The first manager who is free will take your question. We will answer by',
    )
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    await h.send(h.u.callback(maria, 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Maria Elkina is taking care of your question. We will answer by')
    // A Russian-speaking client of the same manager reads the name as it is written
    const russian = h.u.user(823, { first_name: 'Вера' })
    await h.send(h.u.text(russian, '/start'), h.u.text(russian, '/manager'))
    await h.drain()
    const russianTopic = findClientByTelegramId(h.deps.db, russian.id)!.topicId!
    await h.send(h.u.callback(maria, 'hclaim:2', { chatId: STAFF_GROUP_ID, threadId: russianTopic }))
    await h.send(h.u.text(russian, '/manager'))
    expect(h.fake.lastTextTo(russian.id)).toContain('Вашим вопросом займётся Мария Ёлкина.')
  })
})

describe('opening a handoff: more ways in', () => {
  it("an answer to one of the bot's messages with Telegram's Reply goes to a manager, with what it answers; a thanks does not", async () => {
    const h = createHarness()
    const kira = h.u.user(830, { first_name: 'Кира' })
    await h.send(h.u.text(kira, '/start'))
    // An offer from the bot, as a broadcast puts it in her chat
    const offer = await h.bot.api.sendMessage(
      kira.id,
      // With the line every broadcast ends with: not part of what the team reads as the offer
      'Скидка 10% на лендинг до пятницы — ответьте на это сообщение, чтобы забрать её.\n\nОтписаться от рассылки: /stop',
    )
    // "Thank you" in reply is no question: a "you're welcome", no request
    await h.send(h.u.text(kira, 'Спасибо!', { replyTo: offer.message_id }))
    await h.drain()
    const client = () => findClientByTelegramId(h.deps.db, kira.id)!
    expect(h.deps.services.handoff.isOpen(client().id)).toBe(false)
    expect(h.fake.lastTextTo(kira.id)).toBe('Пожалуйста! 😊 Если что-то понадобится — я здесь.')

    const answer = h.u.text(kira, 'Хочу скидку на лендинг!', { replyTo: offer.message_id })
    await h.send(answer)
    expect(h.fake.lastTextTo(kira.id)).toContain('передаю вас менеджеру')
    await h.drain()
    const topicId = client().topicId as number
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    // The card says what she answered; her message follows as itself, not inside the history, under
    // a line naming the bot's message (the topic never showed it), and what the bot told her under it
    expect(inTopic[0]).toContain(
      'клиент ответил на сообщение бота: «Скидка 10% на лендинг до пятницы — ответьте на это сообщение, чтобы забрать её.»',
    )
    expect(inTopic.at(-2)).toBe(
      '↩️ В ответ на сообщение бота «Скидка 10% на лендинг до пятницы — ответьте на это сообщение, чтобы забрать её.»:\nХочу скидку на лендинг!',
    )
    expect(inTopic.at(-1)).toMatch(/^🤖 Бот отправил клиенту: Кира, передаю вас менеджеру/)
    expect(h.errors()).toEqual([])
  })

  it('a reply to an offer while a quiz question waits goes to a manager too; the question still takes its answer', async () => {
    const h = createHarness()
    const sveta = h.u.user(832, { first_name: 'Светлана' })
    await h.send(h.u.text(sveta, '/start'), h.u.callback(sveta, 'menu:quiz'))
    const question = h.fake.lastTextTo(sveta.id)
    expect(question).toContain('Вопрос 1 из')
    // She left the quiz there; hours later (within the day her question waits) an offer comes
    h.clock.advance(2 * 3_600_000)
    const offer = await h.bot.api.sendMessage(
      sveta.id,
      'Новогодняя скидка — ответьте на это сообщение, чтобы записаться.\n\nОтписаться от рассылки: /stop',
    )
    await h.send(h.u.text(sveta, 'Хочу записаться на 10 декабря!', { replyTo: offer.message_id }))
    expect(h.fake.lastTextTo(sveta.id)).toContain('передаю вас менеджеру')
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, sveta.id)!
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'reply' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).slice(-2)).toEqual([
      '↩️ В ответ на сообщение бота «Новогодняя скидка — ответьте на это сообщение, чтобы записаться.»:\nХочу записаться на 10 декабря!',
      expect.stringMatching(/^🤖 Бот отправил клиенту: Светлана, передаю вас менеджеру/),
    ])
    // A reply to the question itself is still an answer to it
    const questionId = (
      h.fake.sentTo(sveta.id).find((c) => String(c.payload.text).includes('Вопрос 1 из'))!.result as {
        message_id: number
      }
    ).message_id
    await h.send(h.u.text(sveta, 'Продавать онлайн', { replyTo: questionId }))
    expect(h.fake.lastTextTo(sveta.id)).toContain('Вопрос 2 из')
    expect(h.errors()).toEqual([])
  })

  it('a reply to an earlier question of the same quiz is still a try at the one waiting, not a request', async () => {
    const h = createHarness()
    const user = h.u.user(834, { first_name: 'Зоя' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:quiz'))
    const first = h.fake.sentTo(user.id).find((c) => String(c.payload.text).includes('Вопрос 1 из'))!
    await h.send(h.u.text(user, 'Продавать онлайн'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из')
    await h.send(h.u.text(user, 'Одна страница', { replyTo: (first.result as { message_id: number }).message_id }))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из')
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, user.id)!.id)).toBe(false)
  })

  it('so does a reply to an offer while a booking waits for its time; the booking goes on after', async () => {
    const h = createHarness()
    const gleb = h.u.user(833, { first_name: 'Глеб' })
    await h.send(h.u.text(gleb, '/start'), h.u.text(gleb, '/book'))
    const picker = h.fake.lastTextTo(gleb.id)
    const offer = await h.bot.api.sendMessage(
      gleb.id,
      'Скидка на лендинг — ответьте на это сообщение, чтобы забрать её.',
    )
    await h.send(h.u.text(gleb, 'Беру скидку', { replyTo: offer.message_id }))
    expect(h.fake.lastTextTo(gleb.id)).toContain('передаю вас менеджеру')
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, gleb.id)!
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'reply' })
    // The day picker above still answers: its first day offers that day's times
    const pickerCall = h.fake.sentTo(gleb.id).find((c) => c.payload.text === picker)!
    const firstDay = buttonsOf(pickerCall.payload)[0]!
    const pickerId = (pickerCall.result as { message_id: number }).message_id
    await h.send(h.u.callback(gleb, firstDay.data!, { messageId: pickerId }))
    expect(h.fake.lastTextTo(gleb.id)).toContain('выберите удобное время')
    expect(h.errors()).toEqual([])
  })

  it("a reply to a manager's answer after the request closed is writing again, not an answer to the bot; one to a message from before /forget opens nothing", async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 831, 'Глеб')
    const manager = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(manager, topicId, 'Готово, счёт отправил'))
    await h.send(h.u.staffText(manager, topicId, '/close force договорились'))
    await h.drain()
    const answer = h.fake
      .sentTo(user.id)
      .filter((c) => c.method === 'copyMessage')
      .at(-1)
    const answerId = (answer!.result as { message_id: number }).message_id
    await h.send(h.u.text(user, 'А когда будет макет?', { replyTo: answerId }))
    await h.drain()
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'returned' })

    // Erased: the old messages in the chat are none of the new client's (their words may be the erased data)
    const offer = await h.bot.api.sendMessage(user.id, 'Глеб, ваш звонок: завтра в 12:00, +7 916 555-12-34')
    await forgetData(h, user)
    await h.drain()
    await h.send(h.u.text(user, 'Перенесите, пожалуйста', { replyTo: offer.message_id }))
    await h.drain()
    const again = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.isOpen(again.id)).toBe(false)
    expect(h.fake.lastTextTo(user.id)).toContain('Я бот и лучше понимаю кнопки')
    expect(h.errors()).toEqual([])
  })

  it('is idempotent: asking again reuses the open handoff and its topic', async () => {
    const h = createHarness()
    const user = h.u.user(802)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.text(user, '/manager'), h.u.callback(user, 'menu:manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('ваш вопрос уже у менеджеров')
    expect(h.fake.callsOf('createForumTopic')).toHaveLength(1)
    expect(h.deps.sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 1 })
    expect(h.deps.sqlite.prepare("select count(*) as n from jobs where kind = 'handoff_sla'").get()).toEqual({ n: 1 })
    const funnel = h.deps.sqlite.prepare("select count(*) as n from events where type = 'handoff_opened'").get()
    expect(funnel).toEqual({ n: 1 })
    expect(h.deps.services.handoff.client(1)?.stage).toBe('close')
  })

  it('a question typed outside any flow goes to a manager at once, quoted on the card; a greeting gets the offer', async () => {
    const h = createHarness()
    const user = h.u.user(807, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Здравствуйте'))
    // A greeting asks nothing yet: the offer of a manager, no request
    expect(h.fake.lastTextTo(user.id)).toContain('Я бот и лучше понимаю кнопки')
    expect(h.deps.sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 0 })

    // At night, a question and a number to call back: the team sees it, she is told when
    h.clock.set('2026-11-23T20:00:00Z')
    await h.send(h.u.text(user, 'Нужен сайт для салона красоты, сколько стоит? Перезвоните +79161234567'))
    await h.drain()
    const told = h.fake.lastTextTo(user.id)
    expect(told).toContain('Вера, передаю вас менеджеру')
    expect(told).toContain('завтра в 10:00')
    expect(told).not.toContain('лучше понимаю кнопки')
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'question' })
    const topic = h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).join('\n')
    expect(topic).toContain('клиент написал: «Нужен сайт для салона красоты, сколько стоит? Перезвоните +79161234567»')
    expect(topic).toContain('Здравствуйте')
    // The number she gave to be called back on is hers now: the card has it, booking offers it
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    expect(topic).toContain('+7 916 123 45 67')
    expect(h.errors()).toEqual([])
  })

  it('a few words, a number or "call me" are a request too; a word alone, an emoji or an "ок" are not', async () => {
    const cases: [string, boolean][] = [
      ['нужен сайт для кофейни', true],
      ['+7 916 123-45-67', true],
      ['Сколько?', true],
      ['Добрый день', false],
      // Asking to be called is asking for a person, however short, whatever words come with it
      ['позвоните мне сейчас', true],
      ['Перезвоните', true],
      ['Да, позвоните мне', true],
      ['call me back', true],
      // Telling, refusing or naming is no call asked for
      ['позвоню позже', false],
      ['не звоните', false],
      ["don't call me", false],
      ["I'll call back", false],
      ['call me Anna', false],
      // Typed under the news question: an answer to the bot, no question for a person
      ['Нет, спасибо, не надо', false],
      // …a «не» set apart is a no as «нет» is
      ['Не, спасибо, не надо', false],
      ['Да, конечно, присылайте новости', false],
      ['ок', false],
      ['👍👍', false],
      // A person asked for by name is a request, however short; refused, none
      ['позовите менеджера', true],
      ['хочу с живым человеком', true],
      ['не надо менеджера', false],
    ]
    for (const [n, [text, request]] of cases.entries()) {
      const h = createHarness()
      const user = h.u.user(810 + n)
      await h.send(h.u.text(user, '/start'), h.u.text(user, text))
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(h.deps.services.handoff.isOpen(client.id), text).toBe(request)
    }
  })

  it('a need typed in pieces right after the offer is one message: read together, not offered a manager each time', async () => {
    const h = createHarness()
    const user = h.u.user(831, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/start'))
    const offers = () => h.fake.textsTo(user.id).filter((t) => t.includes('лучше понимаю кнопки'))
    await h.send(h.u.text(user, 'Привет'))
    expect(offers()).toHaveLength(1)
    // A word more: the offer right above still stands, no copy of it
    await h.send(h.u.text(user, 'срочно'))
    expect(offers()).toHaveLength(1)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    // Together the pieces say what she needs: a request, quoted as written
    await h.send(h.u.text(user, 'нужен сайт'))
    await h.drain()
    expect(offers()).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toContain('Ольга, передаю вас менеджеру')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'question' })
    const { topicId } = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId!).join('\n')).toContain(
      'клиент написал: «Привет / срочно / нужен сайт»',
    )
    // "Нет, спасибо, не надо" under the offer declines it: no request, however many words came before
    const ivan = h.u.user(834, { first_name: 'Иван' })
    await h.send(h.u.text(ivan, '/start'), h.u.text(ivan, 'Добрый день'))
    await h.send(h.u.text(ivan, 'Нет, спасибо, не надо'))
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, ivan.id)!.id)).toBe(false)
    // A sentence that asks for a person on its own does so whatever came before it ("ок" first)
    const oleg = h.u.user(833, { first_name: 'Олег' })
    await h.send(h.u.text(oleg, '/start'), h.u.text(oleg, 'ок'))
    await h.send(h.u.text(oleg, 'нужен сайт для салона срочно'))
    await h.drain()
    expect(h.fake.lastTextTo(oleg.id)).toContain('Олег, передаю вас менеджеру')
    // After something else in between (the menu), words are answered anew
    const other = h.u.user(832)
    await h.send(h.u.text(other, '/start'), h.u.text(other, 'Привет'), h.u.text(other, '/menu'), h.u.text(other, 'ау'))
    expect(h.fake.textsTo(other.id).filter((t) => t.includes('лучше понимаю кнопки'))).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('"Ask a manager" under a message the bot did not understand shows as chosen there; a later tap opens nothing more', async () => {
    const h = createHarness()
    const user = h.u.user(806)
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Тильда'))
    const offer = h.fake.sentTo(user.id).at(-1)?.result as { message_id: number; text: string }
    const data = h.fake.lastButtonsTo(user.id)[0]?.data ?? ''
    /** A tap as Telegram sends it: with the text the message has now (the builder puts a stand-in). */
    const tap = () => {
      const update = h.u.callback(user, data, { messageId: offer.message_id })
      const now = h.fake.emulator.chats.get(user.id)?.messages.get(offer.message_id)?.message
      Object.assign(update.callback_query?.message ?? {}, { text: now?.text })
      return update
    }
    await h.send(tap())
    expect(h.fake.lastTextTo(user.id)).toContain('передаю вас менеджеру')
    const onScreen = () => h.fake.emulator.chats.get(user.id)?.messages.get(offer.message_id)?.message
    expect(onScreen()?.text).toBe(`${offer.text}\n\n✔️ 💬 Написать менеджеру`)
    expect(onScreen()?.reply_markup).toBeUndefined()

    // Pressed again later (an app showing the old buttons): the request is the same one, the message stays
    h.clock.advance(3_000)
    await h.send(tap())
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('ваш вопрос уже у менеджеров')
    expect(onScreen()?.text).toBe(`${offer.text}\n\n✔️ 💬 Написать менеджеру`)
    expect(h.deps.sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 1 })
    expect(h.fake.callsOf('createForumTopic')).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('/manager in the middle of a flow leaves it: the next message goes to the manager', async () => {
    const h = createHarness()
    const user = h.u.user(803)
    await h.send(h.u.text(user, '/name'))
    expect(h.fake.lastTextTo(user.id)).toContain('Как к вам обращаться')
    await h.send(h.u.text(user, '/manager'))
    const next = h.u.text(user, 'Нужна консультация')
    await h.send(next)
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('передаю вас менеджеру')
    expect(h.deps.services.handoff.client(1)?.displayName).toBeNull()
    expect(h.fake.callsOf('copyMessage').map((c) => c.payload.message_id)).toEqual([next.message!.message_id])
  })

  it('rude or distrustful words (whole words, any case; a stem with * any ending) bring a manager at once', async () => {
    const h = createHarness()
    const user = h.u.user(804, { first_name: 'Глеб' })
    await h.send(h.u.text(user, '/start'))
    // Not the whole word ("развод" is listed without *): no trigger (and a word alone asks nothing: no request either)
    await h.send(h.u.text(user, 'разводка'))
    expect(h.deps.services.handoff.isOpen(1)).toBe(false)
    const angry = h.u.text(user, 'Это ОБМАН, верните   деньги!')
    await h.send(angry)
    expect(h.deps.services.handoff.isOpen(1)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toContain('Глеб, передаю вас менеджеру')
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(texts.some((t) => t.includes('клиент написал «ОБМАН» — похоже на недовольство'))).toBe(true)
    // The angry message itself follows the history as itself, what the bot told him under it, and is
    // not repeated in the transcript
    const joint = texts.filter((t) => t.includes('Это ОБМАН, верните   деньги!'))
    expect(joint).toHaveLength(1)
    expect(joint[0]).toMatch(
      /^🕐 12:00\nЭто ОБМАН, верните {3}деньги!\n\n🕐 12:00\n🤖 Бот отправил клиенту: Глеб, передаю/,
    )
    expect(texts.find((t) => t.includes('Переписка'))).not.toContain('ОБМАН')
    expect(h.deps.services.handoff.matchTrigger('Полный scam!')).toBe('scam')
    // "обман*" takes any ending; "развод" only itself
    expect(h.deps.services.handoff.matchTrigger('обманщики')).toBe('обманщики')
    expect(h.deps.services.handoff.matchTrigger('разводка')).toBeUndefined()
    expect(h.deps.services.handoff.matchTrigger('ну верните\nденьги уже')).toBe('верните\nденьги')
  })

  it('other features open a handoff through the service (synchronous, safe in a conversation)', async () => {
    const h = createHarness()
    const user = h.u.user(805)
    await h.send(h.u.text(user, '/start'))
    const result = h.deps.services.handoff.open(1, 'quiz_no_match')
    expect(result).toMatchObject({ created: true, openNow: true, answered: false })
    expect(h.deps.services.handoff.open(1, 'low_rating')?.created).toBe(false)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID)[0]).toContain('квиз ничего не подобрал')
    expect(h.deps.services.handoff.open(999, 'asked')).toBeUndefined()
  })

  it('a long conversation goes to the topic as an HTML document', async () => {
    const h = createHarness()
    const user = h.u.user(806)
    await h.send(h.u.text(user, '/start'))
    await press(h, user, 'Нет, спасибо')
    // Short notes, no question (a question would open the request at once), minutes apart (each
    // answered anew, not read with the one before)
    for (let i = 0; i < 40; i++) {
      h.clock.advance(3 * 60_000)
      await h.send(h.u.text(user, `<Пункт> &${i}`))
    }
    await h.send(h.u.text(user, '/manager'))
    // The chat up to the bot's answer to /manager, which ends the history: the client's /start, 40
    // notes and /manager, and the bot's messages
    const inChat = 42 + h.fake.sentTo(user.id).length
    await h.drain()
    const doc = h.fake.callsOf('sendDocument')[0]
    // The messages as many as the chat holds; the press said apart, though the file has it as a line
    expect(inChat).toBe(85)
    expect(doc?.payload.caption).toBe(
      '📜 Переписка с клиентом: 85 сообщений и 1 нажатие кнопки — откройте файл в браузере.',
    )
    expect(doc?.files.document?.filename).toBe('transcript-1.html')
    const html = doc?.files.document?.data.toString('utf8') ?? ''
    expect(html).toContain('&lt;Пункт&gt; &amp;39')
    expect(html).toContain('<!doctype html>')
    // A button pressed is named as such, as a photo or a file is (no "he pressed" of a client who may be a she)
    expect(html).toMatch(/\[кнопка\] Нет, спасибо/)
  })

  it("the conversation's count is of the chat's messages, the client's buttons counted apart", async () => {
    const h = createHarness()
    const user = h.u.user(813)
    await h.send(h.u.text(user, '/start'))
    await press(h, user, 'Нет, спасибо')
    await h.send(h.u.text(user, 'Про кофейню'))
    await h.send(h.u.text(user, '/manager'))
    // The client's chat up to the bot's answer to their /manager, which the conversation ends
    // with: their 3 messages and the bot's (a press edits the bot's message, it adds none)
    const inChat = 3 + h.fake.sentTo(user.id).length
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const transcript = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Переписка')) ?? ''
    expect(inChat).toBe(7)
    expect(transcript).toContain('<b>📜 Переписка с клиентом (7 сообщений и 1 нажатие кнопки)</b>')
    // The press is still in it, as its own line
    expect(transcript).toContain('[кнопка] Нет, спасибо')
  })

  it('the file of a one-message transcript, in an English staff group, says "1 message", and its presses apart', () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    // A Business-chat client's first message, a long brief: too long for the topic, one message
    const row = {
      id: 1,
      clientId: 1,
      direction: 'in',
      type: 'text',
      text: 'We need a new website for our bakery. '.repeat(100),
      createdAt: h.clock.now(),
      senderId: null,
    } as unknown as Parameters<typeof renderTranscript>[2][number]
    const rendered = renderTranscript(h.deps, 1, [row])
    expect(rendered).toMatchObject({
      kind: 'document',
      caption: '📜 Conversation with the client: 1 message — open the file in a browser.',
    })
    // A button the client pressed is a line of the file, not a message
    const pressed = { ...row, id: 2, type: 'button', text: 'Ask a manager' }
    expect(renderTranscript(h.deps, 1, [row, pressed, { ...pressed, id: 3 }])).toMatchObject({
      kind: 'document',
      caption: '📜 Conversation with the client: 1 message and 2 button presses — open the file in a browser.',
    })
    // Presses alone (a later request's part of the conversation may hold nothing else)
    expect(renderTranscript(h.deps, 1, [pressed]).html).toContain(
      '<b>📜 Conversation with the client (1 button press)</b>',
    )
  })

  it('records what the bot says inside a conversation once, though the conversation replays', async () => {
    const h = createHarness()
    const user = h.u.user(807)
    await h.send(h.u.text(user, '/name'), h.u.text(user, '1234'), h.u.text(user, 'Ника'))
    const botRows = h.deps.sqlite.prepare("select text from messages where direction = 'bot' order by id").all() as {
      text: string
    }[]
    expect(botRows.map((r) => r.text)).toEqual(h.fake.textsTo(user.id))
    expect(botRows).toHaveLength(3)
  })

  it('photos and voice messages sent before the request follow the history into the topic, the last 5, once', async () => {
    const h = createHarness()
    const user = h.u.user(809, { first_name: 'Пётр' })
    const old = h.u.photo(user, { caption: 'старое фото' })
    const voice = h.u.voice(user)
    const photos = [1, 2, 3, 4].map((i) => h.u.photo(user, { caption: `макет ${i}` }))
    // Sent at the quiz's step, which keeps them for the manager (outside any flow the first would open the request)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/quiz'), old, voice, ...photos, h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId)
    const history = inTopic.findIndex((c) => String(c.payload.text).includes('Переписка'))
    expect(String(inTopic[history]?.payload.text)).toContain('старое фото')
    // After the history, the files themselves, to listen to and open: the most recent 5
    const copies = () =>
      h.fake.callsOf('copyMessage').filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(inTopic.slice(history + 1).map((c) => c.method)).toEqual(Array(5).fill('copyMessage'))
    expect(copies().map((c) => c.payload.message_id)).toEqual([voice, ...photos].map((u) => u.message!.message_id))
    // Each copy is the client's message: a reply to it reaches them as a reply to their voice message
    const voiceCopy = (copies()[0]?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Послушал, понял', { replyTo: voiceCopy }))
    await h.flush()
    const answer = h.fake.callsOf('copyMessage').filter((c) => c.payload.chat_id === user.id)
    expect(answer.at(-1)?.payload.reply_parameters?.message_id).toBe(voice.message!.message_id)
    // The history posted again (a crash during its call) copies nothing twice
    h.deps.sqlite.prepare("update outbox set status = 'sending' where method = 'transcript'").run()
    h.fake.clearCalls()
    const after = h.restart()
    await after.drain()
    expect(after.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('старое фото')
    expect(after.fake.callsOf('copyMessage').filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)).toEqual([])
  })

  it('a second request later reuses the topic: the card is edited, only the new part of the conversation is posted', async () => {
    const h = createHarness()
    const user = h.u.user(808)
    await h.send(h.u.text(user, 'первое обращение'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    const second = h.u.text(user, 'второе обращение')
    await h.send(second, h.u.text(user, '/manager'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('передаю вас менеджеру')
    h.fake.clearCalls()
    await h.drain()
    expect(h.fake.callsOf('createForumTopic')).toEqual([])
    expect(h.fake.callsOf('editMessageText')[0]?.payload.text).toContain('Запрос открыт')
    expect(h.fake.callsOf('editMessageText')[0]?.payload.text).toContain('🗂 Прошлых запросов: 1')
    const transcript = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Переписка'))
    expect(transcript).toContain('скорость ответа')
    expect(transcript).not.toContain('первое обращение')
    // Writing again after a closed request reopens it: the message reaches the topic as itself, what
    // the bot told the client under it
    const joint = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('второе обращение')) ?? ''
    expect(joint).toMatch(/^🕐 12:00\nвторое обращение\n\n🕐 12:00\n🤖 Бот отправил клиенту: .*передаю вас менеджеру/)
    expect(h.deps.sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 2 })
  })

  it('the card counts every earlier request, however many: 5 closed and 1 open read "5", and "6" once it closes', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 812, 'Лев')
    const owner = h.u.user(OWNER_ID)
    // Five requests closed, a sixth open: more than the card lists of anything
    for (let i = 0; i < 5; i++) {
      await h.send(h.u.staffText(owner, topicId, '/close force ответили'))
      await h.drain()
      h.clock.advance(60 * 60_000)
      await h.send(h.u.text(user, '/manager'))
      await h.drain()
    }
    await h.send(h.u.staffText(owner, topicId, '/card'))
    await h.drain()
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('👤')) ?? ''
    expect(card).toContain('Запрос открыт')
    expect(card).toContain('🗂 Прошлых запросов: 5')
    // The open one closed: it is an earlier request too
    await h.send(h.u.staffText(owner, topicId, '/close force ответили'))
    await h.drain()
    expect(cardEdits(h).at(-1)).toContain('🗂 Прошлых запросов: 6')
  })

  it('a card refresh that would change nothing is not sent: the group’s message budget goes to what changed', async () => {
    const h = createHarness()
    const { client, topicId } = await clientInHandoff(h, 811, 'Глеб')
    await h.flush()
    h.fake.clearCalls()
    h.deps.services.handoff.refreshCard(client.id)
    await h.flush()
    h.deps.services.handoff.refreshCard(client.id, { editOnly: true })
    await h.flush()
    expect(h.fake.callsOf('editMessageText')).toEqual([])
    // A change is shown, once
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/tag vip'))
    await h.flush()
    h.deps.services.handoff.refreshCard(client.id)
    await h.flush()
    const edits = h.fake.callsOf('editMessageText')
    expect(edits).toHaveLength(1)
    expect(edits[0]?.payload.text).toContain('vip')
    expect(h.errors()).toEqual([])
  })

  it('a history of an earlier day, posted with a request days later, gives its lines their day, not only the clock', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const user = h.u.user(810)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // the bot thanks for the rating
    h.clock.advance(4 * 24 * 3_600_000)
    h.fake.clearCalls()
    await h.send(h.u.text(user, 'снова я'))
    await h.flush()
    const transcript = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Переписка')) ?? ''
    expect(transcript).toMatch(/<b>23 нояб\., 12:0\d Бот:/)
  })
})

describe('a client asking for a manager again while the request is open', () => {
  it('is heard in the topic — once in ten minutes, the one who leads it mentioned', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 3620, 'Светлана')
    const asked = () =>
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('🙋') && t.includes('снова просит менеджера'))
    await h.send(h.u.callback(user, 'menu:manager'))
    await h.drain()
    // (with what the bot told the client under it)
    expect(asked().map((t) => t.split('\n')[0])).toEqual([
      '🙋 Клиент снова просит менеджера и ждёт ответа, а запрос никто не ведёт: возьмите его.',
    ])
    expect(asked()[0]).toContain('\n🤖 Бот отправил клиенту: Светлана, ваш вопрос уже у менеджеров')
    // Pressed again and again: one line
    await h.send(h.u.text(user, '/manager'), h.u.callback(user, 'menu:manager'))
    await h.drain()
    expect(asked()).toHaveLength(1)
    // Later, with someone leading it: they are mentioned
    const MANAGER_ID = 5_100_013
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    await sendThroughOutbox(h, h.u.staffText(h.u.user(MANAGER_ID, { first_name: 'Мария' }), topicId, '/assign'))
    h.clock.advance(11 * 60_000)
    await h.send(h.u.callback(user, 'menu:manager'))
    await h.drain()
    expect(asked().at(-1)?.split('\n')[0]).toBe(
      `🙋 <a href="tg://user?id=${MANAGER_ID}">Мария</a>, клиент снова просит менеджера и ждёт ответа.`,
    )
    // Asked "Is your question solved?", they press it instead of answering: the topic hears that
    // they asked for a manager (not that they "wrote"; the request open again), and no "asks
    // again" line besides
    h.clock.advance(11 * 60_000)
    await sendThroughOutbox(h, h.u.staffText(h.u.user(MANAGER_ID, { first_name: 'Мария' }), topicId, '/close'))
    const lines = asked().length
    await h.send(h.u.callback(user, 'menu:manager'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).map((t) => t.split('\n')[0])).toContain(
      '⚠️ Клиент попросил менеджера, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.',
    )
    expect(asked()).toHaveLength(lines)
    expect(h.errors()).toEqual([])
  })
})
