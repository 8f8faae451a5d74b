import type { Update, User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { sendThroughOutbox, settle, topicState, twoManagers } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'
import { ownerStats } from '../helpers/stats.ts'

const MANAGER_ID = 5_100_002
const DAY = 86_400_000

function setUp() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  return { h, manager: h.u.user(MANAGER_ID, { first_name: 'Светлана' }) }
}

/** A client in a handoff whose manager has sent them a mockup and asked, with /close, whether it is solved. */
async function askedToClose(h: Harness, id: number) {
  const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
  const inHandoff = await clientInHandoff(h, id, 'Анна')
  await sendThroughOutbox(
    h,
    h.u.staffText(manager, inHandoff.topicId, 'Макет на почте'),
    h.u.staffText(manager, inHandoff.topicId, '/close'),
  )
  await settle(h)
  return inHandoff
}

/** A client of a harness of their own (`askedToClose`) who types `typed` right under the question. */
async function typedUnder(typed: string, id: number) {
  const { h } = setUp()
  const asked = await askedToClose(h, id)
  await h.send(h.u.text(asked.user, typed))
  await settle(h)
  return { h, ...asked }
}

/** As askedToClose, for a client whose Telegram is in English, and who then answers "Yes, solved". */
async function englishClientClosed(h: Harness, id: number) {
  const user = h.u.user(id, { first_name: 'Kate', language_code: 'en' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client?.topicId) throw new Error('no topic was created')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
  await sendThroughOutbox(
    h,
    h.u.staffText(manager, client.topicId, 'The mockup is in your inbox'),
    h.u.staffText(manager, client.topicId, '/close'),
  )
  await settle(h)
  await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
  await settle(h)
  expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  return { user, client, topicId: client.topicId }
}

/** The data of the button labelled `text` under the last message to `chatId`. */
function buttonWith(h: Harness, chatId: number, text: string): string {
  const data = h.fake.lastButtonsTo(chatId).find((b) => b.text === text)?.data
  if (data === undefined) throw new Error(`no button "${text}"`)
  return data
}

const closedBy = (h: Harness) =>
  h.deps.sqlite.prepare('select closed_by as by, close_reason as reason from handoffs order by id').all()

describe('closing what clients never close', () => {
  it('/close waits for the client; without an answer the request closes by itself after the timeout, with a note', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6101)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      'Клиента спросили, решён ли вопрос. Запрос закроется после его «да» — или сам, если клиент не ответит до чт, 26 нояб., 12:00.',
    )
    expect(topicState(h, topicId)).toMatchObject({ closed: false })

    // Two days on: still waiting
    h.clock.advance(2 * DAY)
    await h.deps.scheduler.runDue()
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('closing')

    // Three days after the question: closed, noted in the topic, the topic closed; the client is not disturbed
    const toClient = h.fake.sentTo(user.id).length
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '✅ Клиент не ответил на «Вопрос решён?» (спросили пн, 23 нояб., 12:00) — запрос закрыт автоматически.',
    )
    // ✅, and the topic stays open: the team may still work there (/done, an invoice, news)
    expect(topicState(h, topicId)).toEqual({ name: `✅ Анна · #${client.id}`, closed: false })
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(closedBy(h)).toEqual([{ by: 'timeout', reason: null }])

    // A late "yes" still counts as the client's agreement, and the rating follows
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    expect(closedBy(h)).toEqual([{ by: 'client', reason: null }])
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
  })

  it('a request closed by itself names the invoice the client still has to pay', async () => {
    const { h } = setUp()
    const { client, topicId } = await askedToClose(h, 6110)
    unpaidInvoice(h, client.id)
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('закрыт автоматически')) ?? ''
    expect(notice.replace(/\u00a0/g, ' ')).toContain(
      '💳 Счёт №1 (15 000 ₽) всё ещё не оплачен — закрытие запроса его не закрывает. Если оплата пришла — /paid 1.',
    )
    expect(h.errors()).toEqual([])
  })

  it('a "спасибо" or a 👍 after the request closed is read, not a new request; a question is one', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6102)
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
    await settle(h)
    // Both ratings given: right under their questions a 👍 or a ❤️ alone is a rating (below)
    await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
    await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const toClient = h.fake.sentTo(user.id).length
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).length

    // (and "ок, жду": waiting for what was promised, nothing asked)
    const thanks = [
      h.u.text(user, '👍🏻'),
      h.u.text(user, 'Спасибо большое!'),
      h.u.text(user, 'ок, понял 🙏'),
      h.u.text(user, 'ок жду'),
      // Kazakh thanks, as clients in Kazakhstan write them in Russian
      h.u.text(user, 'Рахмет!'),
      h.u.text(user, 'көп рахмет, до связи'),
    ]
    await h.send(...thanks, h.u.sticker(user, { emoji: '❤️' }))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(topicState(h, topicId)).toMatchObject({ name: `✅ Анна · #${client.id}` })
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('setMessageReaction').map((c) => [c.payload.chat_id, c.payload.reaction])).toEqual(
      Array.from({ length: 7 }, () => [user.id, [{ type: 'emoji', emoji: '❤' }]]),
    )

    // "???" is someone waiting, and a real question opens a request with the whole conversation
    await h.send(h.u.text(user, '???'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'returned' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Спасибо большое!')
  })

  it('"сейчас оплачу" under an unpaid invoice owes no answer: after a closed request it opens none, the topic is told; in an open one no answer time runs', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6150)
    const invoice = unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
    await settle(h)
    const toClient = h.fake.sentTo(user.id).length
    // It opened a request: "sorry we keep you waiting" after she paid, the owner chased for days
    await h.send(h.u.text(user, 'ой забыла совсем, сейчас оплачу'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('setMessageReaction').at(-1)?.payload.reaction).toEqual([{ type: 'emoji', emoji: '👌' }])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      [
        `💳 Клиент пишет, что оплатит (счёт №${invoice.id} не оплачен): «ой забыла совсем, сейчас оплачу»`,
        // "Сейчас" names today: the morning after it, the reminder's hour (as /followups names it)
        '⏸ Напоминания об оплате по нему — не раньше вт, 24 нояб., 11:00.',
      ].join('\n'),
    )
    // In an open request, answered: the promise starts no answer time (it paused the payment reminders)
    await h.send(h.u.text(user, 'а можно ещё логотип?'))
    // In the topic before the manager answers it (one still queued for it is not answered by what they typed)
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(h.u.user(MANAGER_ID), topicId, 'Можно, пришлю варианты'))
    await settle(h)
    await h.send(h.u.text(user, 'добрый день, счёт получил, оплачу завтра'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', clientWaitingSince: null })
    // Not a promise: a question, a "не", a "но"; nor with nothing to pay
    for (const words of ['оплачу завтра, но можно со скидкой?', 'не могу оплатить', 'как оплатить картой']) {
      await h.send(h.u.text(user, words))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince, words).not.toBeNull()
      await sendThroughOutbox(h, h.u.staffText(h.u.user(MANAGER_ID), topicId, 'Отвечаю'))
      await settle(h)
    }
    expect(h.errors()).toEqual([])
  })

  it('"оплачу завтра" under "Вопрос решён?" keeps the question and its closing by itself: reopened, with no answer owed, it stayed open for good', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6151)
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    await h.send(h.u.text(user, 'оплачу завтра'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'closing' })
    // The team reads it all the same: it is copied to the topic
    const copied = h.fake.callsOf('copyMessage').at(-1)?.payload
    expect([Number(copied?.chat_id), Number(copied?.message_thread_id), Number(copied?.from_chat_id)]).toEqual([
      STAFF_GROUP_ID,
      topicId,
      user.id,
    ])
    expect(h.errors()).toEqual([])
  })

  it('a thanks said to the manager by name after the request closed and was rated is read as a bare thanks is: a ❤, no request; with more asked it is one', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6105)
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
    await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
    await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const toClient = h.fake.sentTo(user.id).length
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).length
    const thanks = [
      'Спасибо, Светлана!',
      'Спасибо, Светлана, всё супер',
      'Thanks Anna!',
      'Спасибо большое, Ольга Петровна)',
    ]
    await h.send(...thanks.map((text) => h.u.text(user, text)))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(topicState(h, topicId)).toMatchObject({ name: `✅ Анна · #${client.id}` })
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('setMessageReaction').map((c) => [c.payload.chat_id, c.payload.reaction])).toEqual(
      thanks.map(() => [user.id, [{ type: 'emoji', emoji: '❤' }]]),
    )
    // A question after the name is one: the request opens with the thanks in its history
    await h.send(h.u.text(user, 'Спасибо, Светлана, а можно ещё визитку?'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'returned' })
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('Спасибо, Светлана, всё супер')
    expect(topic).toContain('Спасибо, Светлана, а можно ещё визитку?')
  })

  it('only thanks and agreement are read as such: a question, a complaint, "да" or a sad sticker reach the team', async () => {
    for (const [i, message] of [
      '❓',
      'Да',
      'ок, а когда?',
      'спасибо, но макет не открывается',
      // A name thanked, and more said after it
      'Спасибо, Светлана, но посылка не пришла',
      'Спасибо, Светлана, а можно ещё…',
      'Thanks Anna, but the file is broken',
      // A capitalised word after a thanks that asks for something is no name
      'Спасибо, Перезвоните мне',
      // Thanks with words that are no praise, or more than praise
      'thanks, the fringe looks awful',
      'Спасибо, всё супер, но можно ещё логотип?',
      'спасибо, всё красиво, болит палец',
      'thanks, great, call me',
      'thanks, perfect, delete the old version',
      'спасибо, шикарно, сколько должна',
      '...',
    ].entries()) {
      const { h } = setUp()
      const { user, client } = await askedToClose(h, 6110 + i)
      await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
      await settle(h)
      await h.send(message === 'sticker' ? h.u.sticker(user, { emoji: '😢' }) : h.u.text(user, message))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), message).toMatchObject({ status: 'open', reason: 'returned' })
      expect(h.fake.callsOf('setMessageReaction'), message).toEqual([])
    }
  })

  it('under the speed question that follows, a 👍 or ❤️ alone, sticker or typed, is a 5 and a 👎, 😡 or 😢 a 1: a rating, not a new request', async () => {
    const ratings = (h: Harness) =>
      h.deps.sqlite.prepare("select kind, score from feedback where kind like 'handoff_%' order by id").all()
    for (const [i, [what, answer, score]] of (
      [
        ['👍🏻 typed', (h, u) => h.u.text(u, '👍🏻'), 5],
        ['❤️ sticker', (h, u) => h.u.sticker(u, { emoji: '❤️' }), 5],
        ['👎 typed', (h, u) => h.u.text(u, '👎'), 1],
        ['😡 typed', (h, u) => h.u.text(u, '😡'), 1],
        ['😢 sticker', (h, u) => h.u.sticker(u, { emoji: '😢' }), 1],
      ] as const satisfies readonly (readonly [string, (h: Harness, u: User) => Update, number])[]
    ).entries()) {
      const { h } = setUp()
      const { user, client } = await askedToClose(h, 6160 + i)
      await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
      await settle(h)
      expect(h.fake.lastTextTo(user.id), what).toContain('скорость ответа')
      await h.send(answer(h, user))
      await settle(h)
      expect(ratings(h), what).toEqual([{ kind: 'handoff_speed', score }])
      // The next question follows, as after a press; the request stays closed
      expect(h.fake.lastTextTo(user.id), what).toBe('И качество помощи, от 1 до 5:')
      expect(h.deps.services.handoff.current(client.id), what).toBeUndefined()
      expect(h.errors(), what).toEqual([])
    }
  })

  it("an English client's thanks and agreement, in their usual words, are read too; a question is not", async () => {
    const { h } = setUp()
    const { user, client, topicId } = await englishClientClosed(h, 6120)
    const toClient = h.fake.sentTo(user.id).length
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).length

    // (Not "perfect" or "Great, thank you!": under the rating question asked here they rate, as a five)
    const thanks = [
      'Thank you so much!',
      'Thanks a lot!',
      'many thanks',
      'Thank you very much 🙏',
      'ok thanks',
      'Got it, thanks',
      'Cheers!',
      'Thanks so much for your help!',
      'That’s great, thank you',
      'All good, thanks again',
      'k thx 👍',
      // A goodbye in Russian, as "have a nice day" is one
      'Спасибо, хорошего дня!',
      'спасибо, до связи',
    ]
    await h.send(...thanks.map((text) => h.u.text(user, text)))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(topicState(h, topicId)).toMatchObject({ name: `✅ Kate · #${client.id}` })
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('setMessageReaction').map((c) => [c.payload.chat_id, c.payload.reaction])).toEqual(
      thanks.map(() => [user.id, [{ type: 'emoji', emoji: '❤' }]]),
    )

    // Thanks with a question in it is a question: a request, with the thanks before it in the topic
    await h.send(h.u.text(user, 'Thanks, but when will it be ready?'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'returned' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Thank you so much!')
  })

  it('"stop" alone after a closed request is /stop: no new request, no answer time promised', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await englishClientClosed(h, 6140)
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).length
    const stop = h.u.text(user, 'stop')
    // Delivered again after a crash, it is answered once
    await h.send(stop, stop)
    await settle(h)
    expect(h.fake.textsTo(user.id).filter((t) => t.startsWith('Done: no more newsletters'))).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Done: no more newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy',
    )
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(findClientByTelegramId(h.deps.db, user.id)?.optOutAt).toBe(h.clock.now())
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
  })

  it('"stop messaging me" during an open request unsubscribes from the news and says so; the team reads it too', async () => {
    const { h } = setUp()
    const user = h.u.user(6150, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/manager'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const stop = h.u.text(user, 'STOP messaging me')
    // Delivered again after a crash, it is answered once
    await h.send(stop, stop)
    await settle(h)
    expect(h.fake.textsTo(user.id).filter((t) => t.startsWith('Done: no more newsletters'))).toHaveLength(1)
    expect(findClientByTelegramId(h.deps.db, user.id)?.optOutAt).not.toBeNull()
    // No "Talk to a manager" under it: they are talking to one
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual(['← Menu'])
    // The request goes on, and the words are in the topic, with what the bot did of them: the
    // manager reading "STOP" alone might argue, or unsubscribe them by hand (once, for the one opt-out)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    const topic = h.fake.sentTo(STAFF_GROUP_ID, client.topicId!)
    expect(topic.at(-2)?.method).toBe('copyMessage')
    const notice =
      '🔕 Клиент отписался от рассылок — бот ответил ему сам. Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.'
    expect(h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).filter((t) => t === notice)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a call cancelled or moved in words in an answered request owes no answer: the bot answered it', async () => {
    const { h, manager } = setUp()
    const { user, topicId } = await clientInHandoff(h, 6153, 'Яков')
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T12:00Z' })
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Здравствуйте! Созвонимся, как договорились.'))
    await settle(h)
    const waitingAgain = () =>
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова ждёт ответа')).length
    await h.send(h.u.text(user, 'можно перенести звонок?'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Ваш звонок: .*\nНа какой день перенести/)
    h.clock.advance(30 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    // The manager reads the words, with the bot's question under them, and is not told the client
    // waits for them
    const words = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('можно перенести звонок?'))
    expect(words).toHaveLength(1)
    expect(words[0]).toMatch(/🤖 Бот отправил клиенту: Ваш звонок: .*\nНа какой день перенести/)
    expect(waitingAgain()).toBe(0)
    // With another question beside it, an answer is owed all the same
    const other = await clientInHandoff(h, 6154, 'Зоя')
    await book(h, other.user, { day: '2026-11-24', slot: '2026-11-24T13:00Z' })
    await sendThroughOutbox(h, h.u.staffText(manager, other.topicId, 'Здравствуйте! Созвонимся.'))
    await settle(h)
    await h.send(h.u.text(other.user, 'можно перенести звонок? и сколько стоит доставка'))
    h.clock.advance(30 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, other.topicId).filter((t) => t.includes('снова ждёт ответа'))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('"stop" in an answered request owes no answer: the team is not told the client waits again', async () => {
    const { h, manager } = setUp()
    const { user, topicId } = await clientInHandoff(h, 6152, 'Фёдор')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Здравствуйте! Макет пришлю завтра.'))
    await settle(h)
    const waitingAgain = () =>
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова ждёт ответа')).length
    await h.send(h.u.text(user, 'stop'))
    h.clock.advance(30 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(waitingAgain()).toBe(0)
    // A question does owe one
    await h.send(h.u.text(user, 'А можно раньше?'))
    h.clock.advance(30 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(waitingAgain()).toBe(1)
    expect(h.errors()).toEqual([])
  })

  it('asking for a person while a request is open is told they are with the team, and by when; the words reach the topic', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6151, 'Прия')
    const before = h.fake.textsTo(user.id).length
    h.clock.advance(60_000)
    await h.send(h.u.text(user, 'позовите менеджера'))
    await settle(h)
    // Asked again right under it: said already, not again
    await h.send(h.u.text(user, 'менеджер!!'))
    await settle(h)
    const told = h.fake.textsTo(user.id).slice(before)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/^Прия, ваш вопрос уже у менеджеров — пишите сюда, все сообщения дойдут\./)
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)?.method).toBe('copyMessage')
    // Anything else is the team's to answer, in silence as before
    await h.send(h.u.text(user, 'Нужен лендинг к пятнице'))
    await settle(h)
    expect(h.fake.textsTo(user.id).slice(before)).toHaveLength(1)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(h.errors()).toEqual([])
  })

  it('English words that only go with thanks ("so much", "a lot") or ask for more reach the team', async () => {
    for (const [i, message] of [
      'thanks but when will it be ready',
      'so much',
      'a lot of questions',
      'thank you, help',
      'ok, one more thing',
      'you',
    ].entries()) {
      const { h } = setUp()
      const { user, client } = await englishClientClosed(h, 6130 + i)
      await h.send(h.u.text(user, message))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), message).toMatchObject({ status: 'open', reason: 'returned' })
      expect(h.fake.callsOf('setMessageReaction'), message).toEqual([])
    }
  })

  it('the timer and the title survive a restart of the bot', async () => {
    const { h, manager } = setUp()
    const { client, topicId } = await clientInHandoff(h, 6104, 'Глеб')
    await h.send(h.u.staffText(manager, topicId, '/close'))
    // Stopped before the title changed: the queued change and the timer are rows, not timers in memory
    const after = h.restart()
    await settle(after)
    expect(topicState(after, topicId).name).toBe(`⏳ Глеб · #${client.id}`)
    after.clock.advance(3 * DAY)
    await after.deps.scheduler.runDue()
    await settle(after)
    expect(topicState(after, topicId)).toEqual({ name: `✅ Глеб · #${client.id}`, closed: false })
    expect(closedBy(after)).toEqual([{ by: 'timeout', reason: null }])
  })

  it('a late "not yet" after the auto-close opens a new request; asking again restarts the timer', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6102, 'Борис')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    const no = h.fake.lastButtonsTo(user.id)[1]!.data!
    // "Not yet" on the first question, then asked again a day later: the first timer no longer applies
    await h.send(h.u.callback(user, no))
    h.clock.advance(DAY)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    h.clock.advance(2 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('closing')
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()

    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[1]!.data!))
    expect(h.fake.lastTextTo(user.id)).toContain('менеджер продолжит')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'not_solved' })
    await settle(h)
    expect(topicState(h, topicId)).toMatchObject({ closed: false })
  })

  it('an old "not yet" pressed after the auto-close opens a request, and says by when it is answered as every opening does', async () => {
    for (const [n, [lang, told]] of (
      [
        ['ru', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым. Ответим до 12:16 (Москва, UTC+3).'],
        [
          'en',
          'Got it — the manager will carry on. Tell us what is still open. We will answer by 12:16 (Moscow Time, UTC+3).',
        ],
      ] as const
    ).entries()) {
      // Monday 12:00 in Moscow (open Mon–Fri 10–19)
      const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
      h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
      const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
      const user = h.u.user(6190 + n, { first_name: 'Борис', language_code: lang })
      await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
      await settle(h)
      const client = findClientByTelegramId(h.deps.db, user.id)!
      await sendThroughOutbox(
        h,
        h.u.staffText(manager, client.topicId!, 'Готово'),
        h.u.staffText(manager, client.topicId!, '/close'),
      )
      await settle(h)
      const no = h.fake.lastButtonsTo(user.id)[1]!.data!
      // Thursday 12:01: closed unanswered three days on; she presses the old "not yet"
      h.clock.advance(3 * DAY + 60_000)
      await h.deps.scheduler.runDue()
      expect(h.deps.services.handoff.current(client.id), lang).toBeUndefined()
      await h.send(h.u.callback(user, no))
      expect(h.fake.lastTextTo(user.id), lang).toBe(told)
    }
  })

  it('a client who writes instead of answering has a question open: the request is open again, never closed as unanswered', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6105)
    const yes = h.fake.lastButtonsTo(user.id)[0]?.data as string
    const question = h.u.text(user, 'Ещё вопрос: а хостинг входит в стоимость?')
    await h.send(question)
    await settle(h)
    const copied = h.fake
      .sentTo(STAFF_GROUP_ID, topicId)
      .filter((c) => c.payload.message_id === question.message?.message_id)
    expect(copied).toHaveLength(1)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '⚠️ Клиент написал, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.',
    )
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(topicState(h, topicId)).toEqual({ name: `💬 Анна · #${client.id}`, closed: false })

    // The three days pass: the request stays open, nothing says the client did not answer
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Клиент не ответил')
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')

    // Answered since, the client presses "Yes" under the question after all: that closes it
    await h.send(h.u.callback(user, yes))
    expect(closedBy(h)).toEqual([{ by: 'client', reason: null }])
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
  })

  it('an old «Да, решён» pressed after a manager answered what the client wrote instead is out of date: the request stays open, the topic reads nothing', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6107)
    const yes = h.fake.lastButtonsTo(user.id)[0]?.data as string
    const question = h.fake.messageWithButton(user.id, yes) ?? 0
    // She writes instead of answering (the request is open again), and the manager answers
    await h.send(h.u.text(user, 'Ещё вопрос: а хостинг входит в стоимость?'))
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Входит, первый год бесплатно'))
    await settle(h)
    const topicBefore = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    // Scrolling up, she presses the old question's «Да, решён»
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(closedBy(h)).toEqual([{ by: null, reason: null }])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(topicBefore)).toEqual([])
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка уже неактуальна. Откройте /menu',
    )
    // The old question keeps its text and loses its buttons: it is pressed no second time
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    // Nothing more is said to her: no ratings for a request still under way
    expect(h.fake.textsTo(user.id).some((t) => t.includes('скорость ответа'))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a manager writing after /close, before the client wrote instead of answering, leaves the question standing: a «Да, решён» right after her words closes', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6109)
    const yes = h.fake.lastButtonsTo(user.id)[0]?.data as string
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Счёт тоже на почте'))
    await settle(h)
    await h.send(h.u.text(user, 'Спасибо, а хостинг входит?'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    await h.send(h.u.callback(user, yes))
    expect(closedBy(h)).toEqual([{ by: 'client', reason: null }])
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
  })

  it('"Is your question solved?" asked again: the earlier ask loses its buttons, one question stands live', async () => {
    const { h } = setUp()
    const { user, topicId } = await askedToClose(h, 6106)
    const first = h.fake.messageWithButton(user.id, h.fake.lastButtonsTo(user.id)[0]?.data as string)
    await h.send(h.u.text(user, 'ну так себе'))
    await settle(h)
    // Still live while nothing newer asks it: a late "Yes" there closes the request (above)
    expect(h.fake.keyboardOf(user.id, first ?? 0)).toBeDefined()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Поправили'), h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    const second = h.fake.messageWithButton(user.id, h.fake.lastButtonsTo(user.id)[0]?.data as string)
    expect(second).not.toBe(first)
    expect(h.fake.keyboardOf(user.id, first ?? 0)).toBeUndefined()
    expect(h.fake.keyboardOf(user.id, second ?? 0)).toBeDefined()
    expect(h.errors()).toEqual([])
  })

  it('"Да, спасибо!" typed instead of pressed is the yes: closed, the ratings asked, no alert that the client wrote; "да, но…" is a question', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6108)
    const question = h.fake.messageWithButton(user.id, `hclose:${h.deps.services.handoff.current(client.id)?.id}:yes`)
    await h.send(h.u.text(user, 'Да, спасибо!'))
    await settle(h)
    expect(closedBy(h)).toEqual([{ by: 'client', reason: null }])
    // Answered: the question keeps the answer under it and loses its buttons, as when pressed
    expect(question).toBeDefined()
    expect(h.fake.keyboardOf(user.id, question ?? 0)).toBeUndefined()
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question ?? 0)?.message.text).toMatch(
      /решён\?\n\n✔️ Да, решён$/,
    )
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
    expect(h.fake.lastButtonsTo(user.id)).toHaveLength(5)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic()).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
    expect(topic()).not.toContain('не ответив на «Вопрос решён?»')
    // Nobody is told later that the client waits for an answer
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(topic()).not.toContain('⏰')
    expect(h.fake.textsTo(OWNER_ID).join('\n')).not.toContain('ждёт ответа')

    // A yes with a question in it is the question: the request is open again
    const { user: other, client: second } = await askedToClose(h, 6109)
    await h.send(h.u.text(other, 'Да, но ещё про хостинг'))
    await settle(h)
    expect(h.deps.services.handoff.current(second.id)?.status).toBe('open')
    // So is a yes asked back ("Решено?": is it?)
    const { user: third, client: asking } = await askedToClose(h, 6110)
    await h.send(h.u.text(third, 'Решено?'))
    await settle(h)
    expect(h.deps.services.handoff.current(asking.id)?.status).toBe('open')
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  })

  it('a yes typed under "Вопрос решён?" answers it though a booking waits below for its day; a no too', async () => {
    for (const [n, [typed, closed]] of (
      [
        ['Всё решено, спасибо!', true],
        ['да', true],
        // A thanks and nothing more
        ['Спасибо, Светлана!', true],
        ['нет, ещё вопрос про сроки', false],
        // A sign, as a client who answers in stickers types it
        ['👍', true],
        ['👎', false],
      ] as const
    ).entries()) {
      const { h, manager } = setUp()
      const { user, client, topicId } = await clientInHandoff(h, 6140 + n, 'Вера')
      await h.send(h.u.text(user, '/book'))
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
      await settle(h)
      await h.send(h.u.text(user, typed))
      await settle(h)
      if (closed) {
        expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
        expect(h.fake.lastTextTo(user.id), typed).toContain('скорость ответа')
      } else {
        expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
        expect(h.fake.lastTextTo(user.id), typed).not.toContain('кнопкой')
      }
    }
  })

  it('a yes said as people say it closes too: "да вроде все решили спасибо😊", "Всё решено, спасибо!", "вроде разобрались"', async () => {
    for (const [n, typed] of [
      'да вроде все решили спасибо😊',
      'Всё решено, спасибо!',
      'вроде разобрались',
      'all sorted, thanks',
      // Thanks as they are typed (it reopened the request)
      'yep all sorted thx',
      // …and signed off with a kiss, as British clients do
      'yes all sorted thanks x',
      // A thanks alone, in Kazakh as in Russian
      'Рахмет сізге!',
      'Көп рақмет',
      // Led by a «ну», a "well", an "um", that change nothing (they reopened the request)
      'ну да',
      'ну да вроде всё',
      'Ну, да, спасибо',
      'well yes, all sorted',
      'um yeah all good thanks',
    ].entries()) {
      // A harness each: the group's pace would hold a fifth topic back a minute
      const { h, user, client } = await typedUnder(typed, 6120 + n)
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/скорость ответа|how quickly/)
    }
    // Not a yes: something left to do, or all of it undone; a «ну» alone says nothing
    for (const [n, typed] of [
      'всё плохо',
      'вроде нет',
      'да вроде, но ещё счёт нужен',
      'ну',
      'ну да, но счёт где?',
    ].entries()) {
      const { h, client } = await typedUnder(typed, 6130 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
    }
  })

  it('a yes with thanks and praise of what was done closes: «да, спасибо, машина огонь»; praise beside a "не" does not', async () => {
    for (const [n, typed] of [
      'да, спасибо, машина огонь',
      'да, спасибо, сайт супер!',
      'yes thanks, the car is great',
      'спасибо, всё отлично, машина просто огонь 🔥',
      // Thanked again, and the manager by name
      'спасибо ещё раз, машина огонь',
      'Да, спасибо, Светлана, машина огонь',
    ].entries()) {
      const { h, user, client } = await typedUnder(typed, 6140 + n)
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/скорость ответа|how quickly/)
    }
    for (const [n, typed] of [
      'да, спасибо, машина не заводится',
      'да, машина огонь, но счёт где?',
      // Praise with a plea or a wish in it asks for more (they closed the request, the ask never read)
      'Спасибо, машину быстрее пожалуйста',
      'Да, спасибо, хорошо бы быстрее',
    ].entries()) {
      const { h, user, client, topicId } = await typedUnder(typed, 6150 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), typed).toContain('не ответив на «Вопрос решён?»')
      expect(h.fake.lastTextTo(user.id), typed).not.toMatch(/скорость ответа/)
    }
  })

  it('a capitalised word after a thanks that is no name — a plea, a wait, a call asked for — is no thanks alone under "Вопрос решён?": the request stays open for the team', async () => {
    for (const [n, typed] of [
      'Спасибо, Перезвоните',
      'Да, спасибо, Перезвоните',
      'Спасибо, Жду Звонка',
      'Спасибо, Жду',
      'Thanks, Call Me!',
    ].entries()) {
      const { h, user, client, topicId } = await typedUnder(typed, 6170 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), typed).toContain('не ответив на «Вопрос решён?»')
      expect(h.fake.lastTextTo(user.id), typed).not.toMatch(/скорость ответа|how quickly/)
    }
    // A name, with its patronymic, is one: the thanks alone closes
    for (const [n, typed] of ['Спасибо, Светлана!', 'Спасибо, Ольга Петровна', 'Thanks Anna!'].entries()) {
      const { h, user, client } = await typedUnder(typed, 6180 + n)
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/скорость ответа|how quickly/)
    }
  })

  it('a capitalised call asked for after a thanks is a request: after a closed one it opens again, with no ❤; in an open one the answer time runs', async () => {
    const asked = ['Спасибо, Жду Звонка', 'Thanks, Call Me!']
    for (const [n, typed] of asked.entries()) {
      const { h } = setUp()
      const { user, client, topicId } = await askedToClose(h, 6190 + n)
      await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // "Да, решён"
      await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
      await h.send(h.u.callback(user, buttonWith(h, user.id, '5')))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), typed).toMatchObject({ status: 'open', reason: 'returned' })
      expect(h.fake.callsOf('setMessageReaction'), typed).toEqual([])
      expect(topicState(h, topicId), typed).toMatchObject({ closed: false })
    }
    for (const [n, typed] of asked.entries()) {
      const { h, manager } = setUp()
      const { user, client, topicId } = await clientInHandoff(h, 6195 + n, 'Анна')
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Макет на почте'))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), typed).toMatchObject({
        status: 'open',
        clientWaitingSince: null,
      })
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince, typed).not.toBeNull()
    }
  })

  it('a "нет, …" typed under "Вопрос решён?" is the client’s No: not "wrote without answering", the buttons come off', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6111)
    const question = h.fake.messageWithButton(user.id, `hclose:${h.deps.services.handoff.current(client.id)?.id}:yes`)
    await h.send(h.u.text(user, 'нет, ещё вопрос: сколько стоит хостинг?'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    // After her words, the alert, and under it what the bot told her
    expect(topic.at(-1)).toBe(
      '⚠️ Клиент ответил, что вопрос НЕ решён — продолжите, пожалуйста.\n🤖 Бот отправил клиенту: Поняли — менеджер продолжит и ответит на ваш вопрос.',
    )
    expect(topic.join('\n')).not.toContain('не ответив на «Вопрос решён?»')
    expect(question).toBeDefined()
    expect(h.fake.keyboardOf(user.id, question ?? 0)).toBeUndefined()
    // She hears what the button would have told her — but not to write what is left: she just did
    expect(h.fake.lastTextTo(user.id)).toBe('Поняли — менеджер продолжит и ответит на ваш вопрос.')
    // A no that says all is well is not read as one: the request is open as after any words
    for (const [n, words] of ['Нет вопросов, спасибо', 'Нет, всё решилось', 'no, all good'].entries()) {
      const { user: other, client: second, topicId: secondTopic } = await askedToClose(h, 6112 + n)
      await h.send(h.u.text(other, words))
      await settle(h)
      expect(h.deps.services.handoff.current(second.id)?.status, words).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, secondTopic).at(-1), words).toContain('не ответив на «Вопрос решён?»')
    }
    // "нет, не решён" is a no (a minute on: the answers to five /close in one minute, each with
    // its card's edits, fill the group's 20)
    h.clock.advance(60_000)
    const { user: third, topicId: thirdTopic } = await askedToClose(h, 6116)
    await h.send(h.u.text(third, 'Нет, не решён'))
    await settle(h)
    // (and under the alert, what the bot told the client)
    expect(h.fake.textsTo(STAFF_GROUP_ID, thirdTopic).at(-1)).toMatch(
      /вопрос НЕ решён — продолжите, пожалуйста\.\n🤖 Бот отправил клиенту: Поняли/,
    )
    // So is a no hedged, and its client hears the manager goes on (it used to hear nothing)
    for (const [n, hedged] of ['вроде нет', 'не совсем'].entries()) {
      const fresh = setUp().h
      const { user: fourth, topicId: fourthTopic } = await askedToClose(fresh, 6117 + n)
      await fresh.send(fresh.u.text(fourth, hedged))
      await settle(fresh)
      expect(fresh.fake.textsTo(STAFF_GROUP_ID, fourthTopic).at(-1), hedged).toContain('вопрос НЕ решён')
      expect(fresh.fake.lastTextTo(fourth.id), hedged).toBe(
        'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.',
      )
    }
  })

  it('a Kazakh yes or no typed under "Вопрос решён?" («иә», «ия», «иа»; «жоқ», «жок») answers it as «да» or «нет» does', async () => {
    /** What the client and the topic read after `typed` under the question, in a harness of its own. */
    const answered = async (typed: string) => {
      const { h, user, client, topicId } = await typedUnder(typed, 6170)
      expect(h.errors()).toEqual([])
      // The bot's messages as they stand, edits and all (not the client's own words), and the topic's
      const bots = [...h.fake.emulator.chat(user.id).messages.entries()].filter(
        ([, m]) => m.message.from?.id !== user.id,
      )
      return {
        chat: bots.map(([, m]) => m.message.text),
        keyboards: bots.map(([id]) => h.fake.keyboardOf(user.id, id)),
        topic: h.fake.textsTo(STAFF_GROUP_ID, topicId),
        status: h.deps.services.handoff.current(client.id)?.status ?? 'closed',
      }
    }
    const yes = await answered('да')
    expect(yes.status).toBe('closed')
    expect(yes.topic.join('\n')).toContain('✅ Клиент подтвердил, что вопрос решён')
    for (const typed of ['иә', 'Иә, рахмет!', 'ия', 'иа']) expect(await answered(typed), typed).toEqual(yes)
    const no = await answered('нет')
    expect(no.status).toBe('open')
    expect(no.topic.join('\n')).toContain('⚠️ Клиент ответил, что вопрос НЕ решён')
    for (const typed of ['жоқ', 'Жок']) expect(await answered(typed), typed).toEqual(no)
  })

  it('a «не» set apart first («не, ещё вопрос…», «не.», «не-а») is a no too; «не знаю», «не уверена» are words of their own', async () => {
    for (const [n, [typed, told]] of (
      [
        ['не, ещё вопрос по логотипу — скок он стоит?', 'Поняли — менеджер продолжит и ответит на ваш вопрос.'],
        ['Не, не решён', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['не.', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['не-а', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
      ] as const
    ).entries()) {
      const { h } = setUp()
      const { user, client, topicId } = await askedToClose(h, 6150 + n)
      const question = h.fake.messageWithButton(user.id, `hclose:${h.deps.services.handoff.current(client.id)?.id}:yes`)
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
      expect(topic.at(-1), typed).toContain('⚠️ Клиент ответил, что вопрос НЕ решён')
      expect(topic.join('\n'), typed).not.toContain('не ответив на «Вопрос решён?»')
      expect(h.fake.keyboardOf(user.id, question ?? 0), typed).toBeUndefined()
      expect(h.fake.lastTextTo(user.id), typed).toBe(told)
    }
    // Not a plain no: the request is open as after any words, and the team reads them
    for (const [n, typed] of ['не знаю', 'не уверена', 'не за что'].entries()) {
      const { h, client, topicId } = await typedUnder(typed, 6160 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), typed).toContain('не ответив на «Вопрос решён?»')
    }
  })

  it('a no after a word that leads it («ну нет», «да нет», "well, no", "um no") is a no, «да нет» no yes; «да нет, всё решилось», «да не за что» are none', async () => {
    for (const [n, [typed, told]] of (
      [
        ['ну нет', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['да нет', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['Да нет, ещё вопрос: а хостинг входит?', 'Поняли — менеджер продолжит и ответит на ваш вопрос.'],
        ['нет, спасибо', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['well, no', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
        ['um no', 'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.'],
      ] as const
    ).entries()) {
      const { h, user, client, topicId } = await typedUnder(typed, 6170 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), typed).toContain('⚠️ Клиент ответил, что вопрос НЕ решён')
      expect(h.fake.lastTextTo(user.id), typed).toBe(told)
    }
    // All well after the «да нет», or a «you're welcome»: words of their own, read by the team
    for (const [n, typed] of ['да нет, всё решилось', 'да не за что'].entries()) {
      const { h, client, topicId } = await typedUnder(typed, 6180 + n)
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), typed).toContain('не ответив на «Вопрос решён?»')
    }
  })

  it('/manager instead of answering "Вопрос решён?" opens the request again too', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6106)
    await h.send(h.u.text(user, '/manager'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(topicState(h, topicId).name).toBe(`💬 Анна · #${client.id}`)
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Клиент не ответил')
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
  })

  it('an English staff group reads the same notice whole (the command to type is shown, not taken for HTML)', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Svetlana')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Svetlana' })
    const { user, topicId } = await clientInHandoff(h, 6117, 'Anna')
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/To close it now: \/close force &lt;reason&gt;$/)
    expect(h.errors()).toEqual([])
  })

  it('/close for a client who blocked the bot: the topic is told the question did not reach them, and the request still closes by itself', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6107, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Макет на почте, посмотрите'))
    await settle(h)
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))

    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.some((t) => t.includes('или сам, если клиент не ответит до'))).toBe(true)
    expect(topic.slice(-2)).toEqual([
      '❌ Не доставлено: клиент заблокировал бота. «Анна, ваш вопрос решён?»',
      'Вопрос до клиента не дошёл, ответить на него он не сможет: запрос всё равно закроется сам в срок, указанный выше, если клиент не напишет раньше. Закрыть сейчас: /close force причина',
    ])
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('closing')

    // As promised: closed by itself after the timeout, and not for want of an answer
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(topicState(h, topicId).name.startsWith('✅')).toBe(true)
    expect(closedBy(h)).toEqual([{ by: 'timeout', reason: null }])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✅'))).toEqual([
      '✅ Вопрос «Вопрос решён?» до клиента не дошёл (отправляли пн, 23 нояб., 12:00), ответить он не мог — запрос закрыт автоматически.',
    ])
  })

  it('a close question Telegram refused (the client blocked the bot meanwhile): the auto-close note says it never reached them, not that they did not answer', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6111, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Макет на почте, посмотрите'))
    await settle(h)
    // The bot does not know yet: Telegram refuses the question itself
    h.fake.fail({
      method: 'sendMessage',
      chatId: user.id,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
      where: (p) => String(p.text).includes('ваш вопрос решён?'),
    })
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '❌ Не доставлено: клиент заблокировал бота. «Анна, ваш вопрос решён?»',
    )
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('closing')

    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContain(
      '✅ Вопрос «Вопрос решён?» до клиента не дошёл (отправляли пн, 23 нояб., 12:00), ответить он не мог — запрос закрыт автоматически.',
    )
    expect(topic.join('\n')).not.toContain('Клиент не ответил')
    expect(closedBy(h)).toEqual([{ by: 'timeout', reason: null }])
  })

  it('a client who unblocks the bot and writes before then has the request open again, not closed by itself', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6108, 'Анна')
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)

    h.clock.advance(DAY)
    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.myChatMember(user, 'member'))
    await h.send(h.u.text(user, 'Извините, случайно заблокировала. Макет посмотрела, есть правки'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    // The topic hears once that she can be reached again (the "Solved?" question never got to her)
    expect(
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✅ Клиент снова на связи')),
    ).toHaveLength(1)

    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(topicState(h, topicId).closed).toBe(false)

    // Asked again, the question reaches her this time: left unanswered, it is hers not to answer
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✅ Клиент не'))).toEqual([
      '✅ Клиент не ответил на «Вопрос решён?» (спросили пт, 27 нояб., 12:00) — запрос закрыт автоматически.',
    ])
  })

  it('/close force <reason> closes at once as staff, without asking the client; without a reason it says how', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6103, 'Вера')
    const toClient = h.fake.sentTo(user.id).length
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force'))
    await settle(h)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Чтобы закрыть запрос без вопроса клиенту, напишите причину: /close force договорились по телефону',
    )
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force договорились по телефону'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      `✅ Запрос закрыт без подтверждения клиента. Кто закрыл: <a href="tg://user?id=${MANAGER_ID}">Светлана</a>. Причина: договорились по телефону`,
    )
    expect(topicState(h, topicId).name.startsWith('✅')).toBe(true)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(closedBy(h)).toEqual([{ by: 'staff', reason: 'договорились по телефону' }])
    // The log says a request was closed by staff, not which person (their Telegram id stays out)
    expect(h.logs.map((l) => l.msg)).toContain('request closed by staff')
    expect(JSON.stringify(h.logs)).not.toContain(String(MANAGER_ID))
    // Nothing is left to close; the SLA timer is gone with the request
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force ещё раз'))
    await settle(h)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('У клиента нет открытого запроса.')
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('ждёт ответа'))).toEqual([])
    // The reason is staff's words about the client: /forget erases it with the rest
    await forgetData(h, user)
    expect(closedBy(h)).toEqual([{ by: 'staff', reason: null }])
  })

  it('/close force by a colleague mentions who leads the client, so Telegram tells them; their own closing does not', async () => {
    const { h } = setUp()
    const { maria, sveta } = twoManagers(h, [5_100_101, 5_100_102])
    const mine = await clientInHandoff(h, 6107, 'Ольга')
    // Maria answers first: she leads the client
    await sendThroughOutbox(h, h.u.staffText(maria, mine.topicId, 'Ольга, здравствуйте!'))
    await settle(h)
    expect(h.deps.services.handoff.leadOf(mine.client.id)).toBe(maria.id)
    await sendThroughOutbox(h, h.u.staffText(sveta, mine.topicId, '/close force договорились по телефону'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, mine.topicId).at(-1)).toBe(
      [
        `✅ Запрос закрыт без подтверждения клиента. Кто закрыл: <a href="tg://user?id=${sveta.id}">Светлана</a>. Причина: договорились по телефону`,
        `👤 <a href="tg://user?id=${maria.id}">Мария</a>, это ваш клиент: запрос закрыт коллегой.`,
      ].join('\n'),
    )
    // The lead closing their own client's request is told nothing more
    const own = await clientInHandoff(h, 6108, 'Игорь')
    await sendThroughOutbox(h, h.u.staffText(maria, own.topicId, 'Игорь, добрый день!'))
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(maria, own.topicId, '/close force спам'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, own.topicId).at(-1)).toBe(
      `✅ Запрос закрыт без подтверждения клиента. Кто закрыл: <a href="tg://user?id=${maria.id}">Мария</a>. Причина: спам`,
    )
  })

  it('/close force with a long reason keeps whole characters: an emoji at the cut does not break the notice', async () => {
    const { h, manager } = setUp()
    const { client, topicId } = await clientInHandoff(h, 6104, 'Лев')
    const reason = `${'договорились по телефону '.repeat(20).slice(0, 498)} 🚀🚀`
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, `/close force ${reason}`))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('без подтверждения клиента'))
    expect(notice).toMatch(/договорились по телефон …$/)
  })

  it('a late "not yet" after a colleague\'s /close force opens a new request; a late "yes" leaves staff\'s closing', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6105)
    const [yes, no] = h.fake.lastButtonsTo(user.id).map((b) => b.data as string)
    await sendThroughOutbox(h, h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force договорились по телефону'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()

    // The question was still on the client's screen: their "not yet" reaches the team
    await h.send(h.u.callback(user, no!))
    await settle(h)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('менеджер продолжит')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'not_solved' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      'клиент ответил, что вопрос не решён, уже после закрытия запроса',
    )
    expect(topicState(h, topicId).closed).toBe(false)

    // Closed by staff again: a late "yes" is taken (the rating follows), the closing stays staff's
    await sendThroughOutbox(h, h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force спам'))
    await settle(h)
    await h.send(h.u.callback(user, yes!))
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
    expect(closedBy(h)).toEqual([
      { by: 'staff', reason: 'договорились по телефону' },
      { by: 'staff', reason: 'спам' },
    ])
  })

  it('an apology or an "ah, right" after a request closed with /close force is no new request, as a thanks is; one with a question or a request in it is', async () => {
    const { h, manager } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6107, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force перепутал студию'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const toClient = h.fake.sentTo(user.id).length
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).length
    const said = [
      'а, точно, извините, это не вы были 🙏',
      'Извините',
      'понял, спасибо',
      'ок, ясно',
      'а, точно',
      'ой, простите, не туда написала',
      'Прошу прощения, ошиблась чатом',
      'sorry, my bad',
      'ah ok got it',
      'Oops, sorry, wrong chat',
    ]
    await h.send(...said.map((text) => h.u.text(user, text)))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(topicState(h, topicId).name.startsWith('✅')).toBe(true)
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(said.length)

    // An apology with a question or a request in it is for the team
    for (const [i, message] of [
      'извините, а сколько стоит лендинг?',
      'извините, можно ещё вопрос',
      'простите, вы мне не перезвонили',
      'sorry, can you call me back',
      'sorry, I need to change my order',
    ].entries()) {
      const { h } = setUp()
      const { user, client, topicId } = await clientInHandoff(h, 6150 + i, 'Анна')
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force перепутал студию'))
      await settle(h)
      await h.send(h.u.text(user, message))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), message).toMatchObject({ status: 'open', reason: 'returned' })
    }
  })

  it('the client writes again while the ✅ rename is on its way to Telegram: the title goes back to 🟡 after it, not left at ✅', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await clientInHandoff(h, 6106, 'Анна')
    await settle(h)
    expect(topicState(h, topicId).name.startsWith('🟡')).toBe(true)
    // Closed without an answer; Telegram is slow to answer the rename to ✅
    let renaming = false
    const release = h.fake.hold((c) => {
      const toClosed = c.method === 'editForumTopic' && String(c.payload.name).startsWith('✅')
      renaming ||= toClosed
      return toClosed
    })
    await sendThroughOutbox(h, h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force спам'))
    const draining = settle(h)
    for (let i = 0; i < 500 && !renaming; i++) await new Promise((r) => setImmediate(r))
    expect(renaming).toBe(true)
    // Meanwhile the client writes: a new request, 🟡 again — what the topic showed before the rename
    await h.send(h.u.text(user, 'Это не спам, мне правда нужна помощь'))
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open' })
    release()
    await draining
    await settle(h)
    expect(topicState(h, topicId).name.startsWith('🟡')).toBe(true)
  })

  it("/stats counts the client's yes, the auto-close and staff's closing apart", async () => {
    const { h, manager } = setUp()
    // Opened long before the 7-day period and closed in it: the closing counts
    const old = await clientInHandoff(h, 6200, 'Глеб')
    h.clock.advance(10 * DAY)
    await h.deps.scheduler.runDue()
    const a = await clientInHandoff(h, 6201, 'Анна')
    const b = await clientInHandoff(h, 6202, 'Борис')
    const c = await clientInHandoff(h, 6203, 'Вера')
    await h.send(
      h.u.staffText(manager, a.topicId, '/close'),
      h.u.staffText(manager, b.topicId, '/close'),
      h.u.staffText(manager, c.topicId, '/close force спам'),
      h.u.staffText(manager, old.topicId, '/close force договорились по телефону'),
    )
    await settle(h)
    await h.send(h.u.callback(a.user, h.fake.lastButtonsTo(a.user.id)[0]!.data!))
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    expect(closedBy(h)).toEqual([
      { by: 'staff', reason: 'договорились по телефону' },
      { by: 'client', reason: null },
      { by: 'timeout', reason: null },
      { by: 'staff', reason: 'спам' },
    ])
    h.clock.advance(60_000)
    expect(await ownerStats(h)).toContain(
      '✅ Закрыто запросов за период, включая открытые раньше: клиент подтвердил «вопрос решён» — 1; закрыты автоматически, потому что клиент не ответил на «Вопрос решён?» — 1; закрыл сотрудник, не спросив клиента — 2',
    )
  })

  it('/stats does not count a request closed before its deadline without a reply as answered late', async () => {
    const { h, manager } = setUp()
    // Monday 12:00, working hours: a reply is due within 15 working minutes
    const spam = await clientInHandoff(h, 6201, 'Спамер')
    h.clock.advance(2 * 60_000)
    await sendThroughOutbox(h, h.u.staffText(manager, spam.topicId, '/close force реклама, не клиент'))
    await settle(h)
    const leaving = await clientInHandoff(h, 6202, 'Вера')
    h.clock.advance(60_000)
    await forgetData(h, leaving.user)
    await settle(h)
    // Nobody answers this one
    await clientInHandoff(h, 6203, 'Борис')

    // The owner hears of the one late request only
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('ждёт ответа'))).toHaveLength(1)
    // …and the stats count that one as due and missed, not the two closed before their deadline
    const text = await ownerStats(h)
    expect(text).toContain('💬 Обращения к менеджеру, открытые за период: 3, ответили 0;')
    expect(text).toContain('в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 0 из 1 — 0%')
  })

  it('a late "yes" to a request closed by itself, after the client came back, leaves the new one open and says so', async () => {
    const { h } = setUp()
    const { user, client, topicId } = await askedToClose(h, 6201)
    const yes = h.fake.lastButtonsTo(user.id)[0]?.data as string
    h.clock.advance(3 * DAY) // no answer: closed by itself
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    await h.send(h.u.text(user, 'Добрый день, а можно ещё добавить форму заказа?'))
    await settle(h)
    const newer = h.deps.services.handoff.current(client.id)
    expect(newer).toMatchObject({ status: 'open', reason: 'returned' })
    // Scrolling up, the client presses "Yes" under the old question
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.id).toBe(newer?.id)
    expect(topicState(h, topicId).closed).toBe(false)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '✅ Клиент подтвердил, что прошлый вопрос решён. Новый запрос открыт и ждёт ответа.',
    )
  })
})
