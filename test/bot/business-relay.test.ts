/**
 * Telegram Business chats relayed to the staff group and back: a client who writes to the
 * owner's own account is served in their topic exactly like one in the bot's chat, with
 * what the owner types on their phone, edits and deletions shown there, and staff told
 * (not an error) when Telegram does not let the bot write through the account.
 */
import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { type ApiCall, buttonsOf, FakeTelegram } from '../helpers/fake-telegram.ts'
import { cardEdits, clientInHandoff, ownerAlerts } from '../helpers/handoff.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_000_101
const CONNECTION = 'bc-olga'
/** What @BotFather gives for a test shop of a provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'
const HOUR = 3_600_000

/**
 * A client who wrote to Ольга's account (the bot only relays: auto_reply never, unless told), with
 * their request open and its topic made.
 */
async function businessClientInTopic({
  provider = false,
  autoReply = 'never',
}: {
  provider?: boolean
  autoReply?: 'always' | 'outside_hours' | 'never'
} = {}) {
  const demo = demoContent()
  const [product] = demo.products
  if (!product) throw new Error('the demo has products')
  // A digital product sold in Stars, to show what cannot be asked for in the owner's chat
  const checklist = {
    ...product,
    id: 'checklist',
    title: { ru: 'Чек-лист запуска сайта', en: 'Website launch checklist' },
    price: { amount: 250, currency: 'XTR', from: false },
    digital: true,
  }
  // Telegram's 24-hour rule for business chats is judged on the same clock as the bot's
  const clock = createFakeClock()
  const h = createHarness({
    clock,
    fake: new FakeTelegram({ now: () => clock.now() }),
    content: { ...demo, products: [...demo.products, checklist], telegram_business: { auto_reply: autoReply } },
    config: provider ? { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } : {},
  })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const user = h.u.user(401, { first_name: 'Анна' })
  await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
  // Where the bot answers by itself, she asks for a person
  const words = autoReply === 'always' ? '/manager' : 'Здравствуйте! Сколько стоит сайт?'
  const first = h.u.businessMessage(user, CONNECTION, user.id, words)
  // The same update as Telegram would deliver it again (the bot rewrites the first in place)
  const firstAgain = structuredClone(first)
  await h.send(first)
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
  if (!client.topicId) throw new Error('no topic was made for the business client')
  return { h, owner, manager, user, client, topicId: client.topicId, firstId: idOf(first), firstAgain }
}

/** A business message's id in its chat (the bot turns a client's into an ordinary `message` in place). */
const idOf = (u: Update) => (u.business_message ?? u.message)?.message_id as number

/** Successful calls that wrote into the client's chat with the owner's account. */
const onBehalf = (h: Harness, chatId: number): ApiCall[] =>
  h.fake.calls.filter(
    (c) => c.ok && Number(c.payload.chat_id) === chatId && c.payload.business_connection_id === CONNECTION,
  )

/** Any call (sent or refused) that tried to write into the bot's own chat or the account's chat with the client. */
const toClient = (h: Harness, chatId: number): ApiCall[] =>
  h.fake.calls.filter((c) => Number(c.payload.chat_id) === chatId && c.method !== 'getChat')

describe('a business client’s chat', () => {
  it('is relayed both ways: the client’s words reach the topic, a manager’s answer goes from the owner’s account', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    // The request's opening message shows her first words; her card says where she came from in words
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Здравствуйте! Сколько стоит сайт?')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '📍 источник: аккаунт владельца (Telegram Business)',
    )
    expect(onBehalf(h, user.id)).toEqual([])

    // More from her: a formatted text and a photo, sent again by content (a business chat cannot be copied from)
    h.fake.clearCalls()
    const bold = h.u.businessMessage(user, CONNECTION, user.id, {
      text: 'Нужен лендинг к пятнице',
      entities: [{ type: 'bold', offset: 0, length: 5 }],
    })
    const photo = h.u.businessMessage(user, CONNECTION, user.id, {
      photo: [{ file_id: 'biz-photo-1', file_unique_id: 'bp1', width: 800, height: 600 }],
      caption: 'как у них',
    })
    await h.send(bold, photo)
    await h.drain()
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId)
    expect(inTopic.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto'])
    expect(inTopic[0]?.payload).toMatchObject({
      text: 'Нужен лендинг к пятнице',
      entities: [{ type: 'bold', offset: 0, length: 5 }],
    })
    expect(inTopic[1]?.payload).toMatchObject({ photo: 'biz-photo-1', caption: 'как у них' })
    expect(h.fake.callsOf('copyMessage')).toEqual([])

    // The manager answers in the topic: it goes to her from Ольга's account, quoting her message
    h.fake.clearCalls()
    await h.send(
      h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.', {}),
      h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, caption: 'пример работы' }),
    )
    await h.flush()
    const sent = onBehalf(h, user.id)
    expect(sent.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto'])
    expect(sent[0]?.payload.text).toBe('Анна, добрый день! Лендинг — от 40 000 ₽.')
    expect(sent[1]?.payload.caption).toBe('пример работы')
    // Nothing went to the bot's own chat with her
    expect(toClient(h, user.id).filter((c) => c.payload.business_connection_id === undefined)).toEqual([])
    // What she reads comes from the account (the emulator marks it so)
    expect(sent[0]?.result).toMatchObject({ from: { id: OWNER_ID }, business_connection_id: CONNECTION })

    // The transcript knows both sides by their ids in that chat
    const rows = h.deps.sqlite
      .prepare(
        `select direction, text, business_connection_id as chat, client_message_id as inChat, topic_message_id as inTopic
           from messages where client_id = ? and direction in ('in', 'out') order by id`,
      )
      .all(client.id) as { direction: string; text: string; chat: string; inChat: number; inTopic: number }[]
    expect(rows.map((r) => [r.direction, r.chat])).toEqual([
      ['in', CONNECTION],
      ['in', CONNECTION],
      ['in', CONNECTION],
      ['out', CONNECTION],
      ['out', CONNECTION],
    ])
    expect(rows.every((r) => r.inChat !== null)).toBe(true)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponderId: MANAGER_ID })
    expect(h.errors()).toEqual([])
  })

  it('shows whose words a message the client forwarded there are, in a line over it', async () => {
    const { h, user, topicId } = await businessClientInTopic()
    const forwarded = h.u.businessMessage(user, CONNECTION, user.id, 'Оплату не проводим до подписания договора')
    Object.assign(forwarded.business_message ?? {}, {
      forward_origin: { type: 'hidden_user', sender_user_name: 'Бухгалтерия', date: 0 },
    })
    await h.send(forwarded)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '↪️ Переслано от Бухгалтерия:\nОплату не проводим до подписания договора',
    )
  })

  it('shows a message Telegram delivered twice once: the one that opened the request, and a later one', async () => {
    const { h, user, topicId, firstAgain } = await businessClientInTopic()
    const timesShown = (text: string) => h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n').split(text).length - 1
    // Her first words are in the request's opening transcript; the same update again adds nothing
    expect(timesShown('Здравствуйте! Сколько стоит сайт?')).toBe(1)
    await h.send(firstAgain)
    await h.drain()
    expect(timesShown('Здравствуйте! Сколько стоит сайт?')).toBe(1)

    // A new message is relayed as itself, once, however often it comes
    const next = h.u.businessMessage(user, CONNECTION, user.id, 'Бюджет 30 тысяч')
    const nextAgain = structuredClone(next)
    await h.send(next)
    await h.drain()
    await h.send(nextAgain)
    await h.drain()
    expect(timesShown('Бюджет 30 тысяч')).toBe(1)

    expect(h.errors()).toEqual([])
  })

  it('counts the owner’s own reply from their phone as the first response, and shows it in the topic under their name', async () => {
    const { h, owner, user, client, topicId } = await businessClientInTopic()
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null })
    h.clock.advance(4 * 60_000)
    const answeredAt = h.clock.now()
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, здравствуйте! Сейчас пришлю примеры.'))
    await h.drain()
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      firstResponseAt: answeredAt,
      firstResponderId: OWNER_ID,
    })
    const shown = h.fake.sentTo(STAFF_GROUP_ID, topicId)
    expect(shown).toHaveLength(1)
    expect(shown[0]?.payload.text).toBe('💼 Ольга — из своего Telegram:\nАнна, здравствуйте! Сейчас пришлю примеры.')
    // The bot did not echo it to the client, nor treat the owner as a client
    expect(toClient(h, user.id)).toEqual([])
    expect(findClientByTelegramId(h.deps.db, OWNER_ID)).toBeUndefined()
    // The SLA job has nothing to alert about
    const events = h.deps.sqlite.prepare('select type from events where client_id = ?').all(client.id) as {
      type: string
    }[]
    expect(events.map((e) => e.type)).toContain('answered_in_sla')
  })

  it("a client's new message in the owner's chat waits for an answer too: the owner's reply from their phone ends the wait, one left unanswered alerts the team", async () => {
    const { h, owner, user, topicId } = await businessClientInTopic()
    const late = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова ждёт ответа'))
    h.clock.advance(4 * 60_000)
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, здравствуйте! Сейчас пришлю примеры.'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А сроки какие?'))
    h.clock.advance(5 * 60_000)
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Две недели.'))
    await h.drain()
    h.clock.advance(30 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(late()).toEqual([])

    // 12:39 Moscow: her next question, which nobody answers; Ольга leads her (she answered first), named by her account
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А предоплата нужна?'))
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    expect(late()).toEqual([
      `⏰ <a href="tg://user?id=${OWNER_ID}">Ольга</a>, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с 12:39).`,
    ])
    // Nothing was written to her about it, from the account or the bot
    expect(toClient(h, user.id)).toEqual([])
  })

  it('news alone in the owner\'s chat («тексты пришлю вечером», "скину завтра") starts no wait: no alert; a question after it does', async () => {
    const { h, owner, user, topicId } = await businessClientInTopic()
    const late = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова ждёт ответа'))
    h.clock.advance(4 * 60_000)
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, здравствуйте! Пришлите тексты для сайта.'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Хорошо, тексты пришлю вечером'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'а фото скину завтра'))
    await h.drain()
    h.clock.advance(60 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(late()).toEqual([])
    expect(ownerAlerts(h)).toEqual([])

    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Тексты пришлю вечером, а логотип нужен?'))
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(late()).toHaveLength(1)
  })

  it("in the owner's chat, «разобралась, спасибо» after her question ends its wait: no alert, the topic reads one line", async () => {
    const { h, owner, user, topicId } = await businessClientInTopic()
    const late = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова ждёт ответа'))
    h.clock.advance(4 * 60_000)
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, здравствуйте! Чем помочь?'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А как оплатить картой из Казахстана?'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'разобралась, спасибо'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✔️ Клиент сам снял'))).toHaveLength(1)
    h.clock.advance(60 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(late()).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
  })

  it('the owner wrote to her themselves: at night the bot says no "we are closed" in their chat until the request closes; where they did not, it does', async () => {
    const closed = (h: Harness, chatId: number) =>
      onBehalf(h, chatId).filter((c) => String(c.payload.text).startsWith('Сейчас мы не работаем'))
    for (const ownerWrote of [true, false]) {
      const { h, owner, manager, user, topicId } = await businessClientInTopic({ autoReply: 'outside_hours' })
      await h.send(h.u.staffText(manager, topicId, 'Анна, здравствуйте! Пришлю примеры.'))
      if (ownerWrote) await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, это Ольга, подключусь.'))
      await h.drain()
      // Monday 20:00 in Moscow, after hours (when under `outside_hours` the bot answers there)
      h.clock.set(Date.parse('2026-11-23T17:00:00Z'))
      await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А завтра во сколько созвонимся?'))
      await h.drain()
      expect(closed(h, user.id)).toHaveLength(ownerWrote ? 0 : 1)
      // Her message reached the topic either way
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('А завтра во сколько созвонимся?')
    }
  })

  it("a client of the bot's chat who writes to the owner's account: the topic is told their answers go from the account now, before the message", async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    const { user, topicId } = await clientInHandoff(h, 402, 'Иван')
    await h.send(h.u.staffText(manager, topicId, 'Иван, здравствуйте!'))
    await h.drain()
    const moved = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('💼 Клиент теперь пишет'))
    expect(moved()).toEqual([])

    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Ольга, пишу вам напрямую'))
    await h.drain()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.slice(-2)).toEqual([
      '💼 Клиент теперь пишет в аккаунт владельца — Ольга (@olga) (Telegram Business): ответы отсюда уйдут ему туда, от имени аккаунта. Напишет снова боту — ответы пойдут в чат с ботом.',
      'Ольга, пишу вам напрямую',
    ])
    // The pinned card says it too
    expect(cardEdits(h).at(-1)).toContain('💼 пишет в аккаунт владельца (Telegram Business)')
    // Once: their next messages there say nothing more
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'И ещё вопрос'))
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'И последний'))
    await h.drain()
    expect(moved()).toHaveLength(1)
    // And the manager's answer goes from the account
    await h.send(h.u.staffText(manager, topicId, 'Иван, отвечаю'))
    await h.flush()
    expect(onBehalf(h, user.id).map((c) => c.payload.text)).toEqual(['Иван, отвечаю'])
    // He came through the bot's chat (a /start with no source): the card and the funnel keep
    // that, the account is not made his source
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.flush()
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('👤'))
    expect(card).toContain('Иван')
    expect(card).not.toContain('📍 источник')
    expect(findClientByTelegramId(h.deps.db, user.id)?.source).toBeNull()
    // A day after his last message there, the chat is closed to the bot: the card still says
    // where he writes, and that answers from here do not reach him now (the line went away)
    h.clock.advance(25 * 60 * 60_000)
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.flush()
    const closed = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('👤'))
    expect(closed).toContain(
      '💼 пишет в аккаунт владельца (Telegram Business), но ответ отсюда сейчас до него не дойдёт. Клиент писал в аккаунт больше суток назад',
    )
  })

  it('the card follows where a client’s answers can go as it changes: back to the bot’s chat, then to the account again', async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    const { user, topicId } = await clientInHandoff(h, 404, 'Иван')
    await h.send(h.u.staffText(manager, topicId, 'Иван, здравствуйте!'))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Ольга, пишу вам напрямую'))
    await h.flush()
    // A day later his chat there is closed to the bot; the card says so once it is shown again
    h.clock.advance(25 * HOUR)
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.flush()
    // The card as the topic shows it now: posted, or edited since
    const lastCard = () =>
      String(
        h.fake.calls.findLast(
          (c) =>
            c.ok &&
            (c.method === 'sendMessage' || c.method === 'editMessageText') &&
            c.payload.chat_id === STAFF_GROUP_ID &&
            String(c.payload.text).startsWith('👤'),
        )?.payload.text,
      )
    expect(lastCard()).toContain('но ответ отсюда сейчас до него не дойдёт')
    // He writes to the bot's own chat: answers reach him there, and the card says nothing of the account
    await h.send(h.u.text(user, 'Напишу лучше сюда'))
    await h.flush()
    expect(lastCard()).not.toContain('💼')
    // …and back to the account: its chat is open to the bot again, and the card says where answers go
    h.clock.advance(HOUR)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Нет, всё-таки сюда'))
    await h.flush()
    expect(lastCard()).toContain('💼 пишет в аккаунт владельца (Telegram Business): ответы отсюда уходят туда')
    // The owner takes the bot's right to reply away: the card says answers cannot go now, and why
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, rights: { can_read_messages: true } }))
    await h.flush()
    expect(lastCard()).toContain('но ответ отсюда сейчас до него не дойдёт. У бота нет права отвечать')
    expect(h.errors()).toEqual([])
  })

  it("a client who moved to the owner's account and then pays an invoice left in the bot's chat still gets answers from the account: paying is not writing there", async () => {
    const clock = createFakeClock()
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN },
    })
    h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    const { user, topicId } = await clientInHandoff(h, 403, 'Дмитрий')
    // An invoice in the bot's chat (the only chat Telegram's invoices go to)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))
    await h.flush()
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice reached the client')
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Спасибо, оплачу. Пришлите договор'))
    await h.drain()
    h.clock.advance(60_000)
    await h.send(h.u.preCheckout(user, invoice))
    await h.send(h.u.successfulPayment(user, invoice).update)
    await h.flush()
    // Nor is pinning the invoice there
    h.clock.advance(60_000)
    await h.send(h.u.pinned(user, invoice.messageId))
    h.clock.advance(60_000)
    await h.send(h.u.staffText(manager, topicId, 'Дмитрий, договор пришлю сегодня'))
    await h.flush()
    expect(onBehalf(h, user.id).map((c) => c.payload.text)).toEqual(['Дмитрий, договор пришлю сегодня'])
    // Writing to the bot again moves the answers back, as the topic was told they would
    h.clock.advance(60_000)
    await h.send(h.u.text(user, 'А договор на кого?'))
    await h.drain()
    await h.send(h.u.staffText(manager, topicId, 'На ИП'))
    await h.flush()
    expect(onBehalf(h, user.id)).toHaveLength(1)
    const answer = toClient(h, user.id).at(-1)
    expect([answer?.method, answer?.payload.business_connection_id]).toEqual(['copyMessage', undefined])
    // The thanks for the payment came where she paid, under Telegram's receipt
    const thanks = toClient(h, user.id).find((c) => String(c.payload.text).includes('получена'))
    expect(thanks).toBeDefined()
    expect(thanks?.payload.business_connection_id).toBeUndefined()
  })

  it("a client who only ever wrote to the owner's account is never said to have moved there: after pressing the bot's buttons there, after a closed request, after a day's silence", async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    const moved = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('💼 Клиент теперь пишет'))
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    // The request is closed: "Вопрос решён?" comes there with its buttons, and she presses one
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    const yes = h.fake.lastButtonsTo(user.id).find((b) => b.data?.endsWith(':yes'))?.data as string
    expect(yes).toBeDefined()
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, yes, { businessConnectionId: CONNECTION }))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    // She writes again: the request reopens, and nothing says she moved
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А сколько стоит доработка?'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    // Another button of hers there, then a day and more of silence, then her answer
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: CONNECTION }))
    h.clock.advance(30 * HOUR)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Вы получили оплату?'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Вы получили оплату?')
    expect(moved()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('where the bot does not answer by itself, answers typed under its own questions there are still those answers: "да" closes, "5" and "хорошо" rate, and none reopens the request', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    const sentThere = () => onBehalf(h, user.id).map((c) => String(c.payload.text ?? ''))
    expect(sentThere().at(-1)).toContain('ваш вопрос решён?')
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Да, спасибо!'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    expect(sentThere().at(-1)).toContain('от 1 до 5')
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '5'))
    await h.flush()
    expect(sentThere().at(-1)).toBe('И качество помощи, от 1 до 5:')
    // A mark in a word, which alone would be a thanks: a four
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'хорошо'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    const scores = h.deps.sqlite.prepare('select kind, score from feedback order by id').all()
    expect(scores).toEqual([
      { kind: 'handoff_speed', score: 5 },
      { kind: 'handoff_quality', score: 4 },
    ])
    // Nothing of it was asked of the team as a new question
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('снова пишет'))).toEqual([])
    // Rated: a number now is words for the team again
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '5'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('the last word of the ratings there is the thanks alone: no menu of the bot in the owner’s name, nor under "glad it is solved" a week on', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    const closedAndAnswered = async (answer: string) => {
      await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
      await h.flush()
      await h.send(h.u.staffText(manager, topicId, '/close'))
      await h.flush()
      h.clock.advance(60_000)
      await h.send(h.u.businessMessage(user, CONNECTION, user.id, answer))
      await h.flush()
    }
    /** What the bot wrote there from `from` on: each message's text and buttons. */
    const said = (from: number) =>
      onBehalf(h, user.id)
        .slice(from)
        .filter((c) => c.method === 'sendMessage')
        .map((c) => [c.payload.text, buttonsOf(c.payload)])
    await closedAndAnswered('Да, спасибо!')
    // The speed pressed, the quality typed
    const five = h.fake.lastButtonsTo(user.id).find((b) => b.text === '5')?.data as string
    await h.send(h.u.callback(user, five, { businessConnectionId: CONNECTION }))
    await h.flush()
    const rated = onBehalf(h, user.id).length
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '5'))
    await h.flush()
    // It was the bot's main menu ("Чем займёмся? Выберите в меню 👇") right under the thanks
    expect(said(rated)).toEqual([['Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.', []]])
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)

    // A new question, answered and closed within the week: no ratings asked again, and her thanks alone
    h.clock.advance(60 * 60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А можно ещё визитку?'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    const again = onBehalf(h, user.id).length
    await closedAndAnswered('да')
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    expect(said(again).at(-1)).toEqual(['Рады, что всё решили, Анна! Если что-то понадобится — пишите, мы рядом.', []])
    // Nothing went to the bot's own chat with her
    expect(toClient(h, user.id).filter((c) => c.payload.business_connection_id === undefined)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a low rating there is apologised for, and a "нет" to "Вопрос решён?" answered, with no button back to the bot’s menu', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'нет, ещё вопрос про сроки'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    const notSolved = onBehalf(h, user.id)
      .filter((c) => c.method === 'sendMessage')
      .at(-1)
    expect(notSolved?.payload.text).toBe('Поняли — менеджер продолжит и ответит на ваш вопрос.')
    expect(buttonsOf(notSolved?.payload)).toEqual([])

    await h.send(h.u.staffText(manager, topicId, 'Сроки — неделя.'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'да'))
    await h.flush()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '2'))
    await h.flush()
    const rated = onBehalf(h, user.id).length
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '2'))
    await h.flush()
    const apology = onBehalf(h, user.id)
      .slice(rated)
      .filter((c) => c.method === 'sendMessage')
    expect(apology.map((c) => [String(c.payload.text).split(' — ')[0], buttonsOf(c.payload)])).toEqual([
      ['Спасибо за честную оценку', []],
    ])
    expect(h.errors()).toEqual([])
  })

  it('a 👍 sticker under "Вопрос решён?" in the owner’s account is her yes there too: closed, the ratings asked where she is', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    const sentThere = () => onBehalf(h, user.id).map((c) => String(c.payload.text ?? ''))
    expect(sentThere().at(-1)).toContain('ваш вопрос решён?')
    h.clock.advance(60_000)
    const sticker = {
      sticker: {
        ...{ file_id: 'sticker-like', file_unique_id: 'sl', type: 'regular', width: 512, height: 512 },
        ...{ is_animated: false, is_video: false, emoji: '👍' },
      },
    }
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, sticker))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    expect(sentThere().at(-1)).toContain('от 1 до 5')
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
    expect(topic.join('\n')).not.toContain('не ответив на «Вопрос решён?»')
    expect(h.errors()).toEqual([])
  })

  it('a "да" to the owner’s own question after /close answers the owner: the request stays open, no ratings asked in their name', async () => {
    const { h, owner, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    // The owner asks from her phone, under the bot's "Вопрос решён?"
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, вам удобно созвониться завтра в 10?'))
    await h.flush()
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Да'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(onBehalf(h, user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Да')
    expect(h.errors()).toEqual([])
  })

  it('a typed yes under /forget’s question in the owner’s chat is asked again with its buttons there, the team reading both; what else she types goes to the team', async () => {
    const { h, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '/forget'))
    await h.flush()
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'да, удаляйте всё'))
    await h.flush()
    // The buttons move below, to the words that ask for them: the question above loses its own
    const there = onBehalf(h, user.id)
    expect(there.map((c) => [c.method, c.payload.text])).toEqual([
      ['editMessageReplyMarkup', undefined],
      [
        'sendMessage',
        'Удаление нельзя отменить, поэтому подтвердите его кнопкой «Да, удалить мои данные» — или нажмите «Нет, оставить».',
      ],
    ])
    // The team reads her words with what she was told under them, as any of hers while the request is open
    const typedYes = `🕐 12:00\nда, удаляйте всё\n\n🕐 12:00\n🤖 Бот отправил клиенту: ${there[1]?.payload.text}`
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([typedYes])
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    // A "5" under it is no answer to it: to the team, and nothing from the bot
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '5'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([typedYes, '5'])
    expect(onBehalf(h, user.id)).toHaveLength(2)
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('mirrors edits and deletions: the client’s and the owner’s edits, a manager’s edit, and what was deleted there', async () => {
    const { h, owner, manager, user, topicId } = await businessClientInTopic()
    const second = h.u.businessMessage(user, CONNECTION, user.id, 'Бюджет 30 тысяч')
    const ownerSays = h.u.businessMessage(owner, CONNECTION, user.id, 'Посмотрю и отвечу')
    await h.send(second, ownerSays)
    await h.drain()
    const topicIdOf = (text: string) => {
      const call = h.fake.sentTo(STAFF_GROUP_ID, topicId).find((c) => String(c.payload.text).includes(text))
      return (call?.result as { message_id: number } | undefined)?.message_id
    }
    const secondInTopic = topicIdOf('Бюджет 30 тысяч')
    const ownerInTopic = topicIdOf('Посмотрю и отвечу')
    expect(secondInTopic).toBeDefined()
    expect(ownerInTopic).toBeDefined()

    // The client edits hers; the owner edits theirs: the copies in the topic follow
    h.fake.clearCalls()
    await h.send(
      h.u.businessMessage(user, CONNECTION, user.id, 'Бюджет 40 тысяч', { edited: idOf(second) }),
      h.u.businessMessage(owner, CONNECTION, user.id, 'Посмотрю и отвечу до вечера', { edited: idOf(ownerSays) }),
    )
    await h.drain()
    const edits = h.fake.callsOf('editMessageText').filter((c) => c.ok)
    expect(edits.map((c) => [c.payload.message_id, c.payload.text])).toEqual([
      [secondInTopic, 'Бюджет 40 тысяч'],
      [ownerInTopic, '💼 Ольга — из своего Telegram:\nПосмотрю и отвечу до вечера'],
    ])

    // A manager edits their answer: the client's copy, in the account's chat, follows
    const answer = h.u.staffText(manager, topicId, 'Сделаем за неделю')
    await h.send(answer)
    await h.flush()
    const answerInChat = (onBehalf(h, user.id).at(-1)?.result as { message_id: number } | undefined)?.message_id
    expect(answerInChat).toBeDefined()
    h.fake.clearCalls()
    await h.send(
      h.u.edited(manager, answer.message?.message_id as number, 'Сделаем за пять дней', {
        chatId: STAFF_GROUP_ID,
        threadId: topicId,
      }),
    )
    await h.flush()
    expect(onBehalf(h, user.id)).toEqual([
      expect.objectContaining({
        method: 'editMessageText',
        payload: expect.objectContaining({ message_id: answerInChat, text: 'Сделаем за пять дней' }),
      }),
    ])

    // Messages deleted there (Telegram does not say by whom): staff read what they were
    h.fake.clearCalls()
    await h.send(h.u.deletedBusinessMessages(CONNECTION, user.id, [idOf(second), idOf(ownerSays)]))
    await h.drain()
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(notice).toContain('🗑 Удалено в чате с клиентом: «Бюджет 40 тысяч»')
    expect(notice).toContain('🗑 Удалено в чате с клиентом: «Посмотрю и отвечу до вечера»')
    // The transcript keeps what was said, marked deleted; a repeated report says nothing new
    const deleted = h.deps.sqlite
      .prepare('select text from messages where deleted_at is not null order by id')
      .all() as { text: string }[]
    expect(deleted.map((r) => r.text)).toEqual(['Бюджет 40 тысяч', 'Посмотрю и отвечу до вечера'])
    h.fake.clearCalls()
    await h.send(h.u.deletedBusinessMessages(CONNECTION, user.id, [idOf(second)]))
    await h.drain()
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('when Telegram does not let the bot write through the owner’s account', () => {
  it('a disabled connection: a manager’s answer is not sent, and staff are told why and what to do', async () => {
    const { h, owner, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, enabled: false }))
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, 'Анна, пришлю смету завтра'))
    await h.flush()
    // Nothing was tried in her chat: not on the account's behalf, and not from the bot instead
    expect(toClient(h, user.id)).toEqual([])
    const told = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(told).toContain('⚠️ Не отправлено клиенту через аккаунт владельца: «Анна, пришлю смету завтра»')
    expect(told).toContain(
      'Бот отключён от аккаунта. Подключить снова: Настройки Telegram → Telegram Business → Чат-боты.',
    )
    // A staff-triggered invoice is refused at once, politely, in the topic: no order the client never sees
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    expect(toClient(h, user.id)).toEqual([])
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Счёт не выставлен: клиент пишет в аккаунт владельца (Telegram Business), а бот сейчас не может туда писать.\n' +
        'Бот отключён от аккаунта. Подключить снова: Настройки Telegram → Telegram Business → Чат-боты.',
    )
    expect(h.deps.services.orders.get(1)).toBeUndefined()
    expect(h.deps.services.business.route(client)).toMatchObject({ via: 'blocked', reason: 'disabled' })
    expect(h.errors()).toEqual([])
  })

  it('the owner disconnects the bot, takes its right to reply, gives it back: each open request in the account’s chats is told in its topic', async () => {
    const { h, owner, topicId } = await businessClientInTopic()
    // Another client of the account, whose request was closed: nothing to tell there
    const boris = h.u.user(402, { first_name: 'Борис' })
    await h.send(h.u.businessMessage(boris, CONNECTION, boris.id, 'Добрый день, есть вопрос'))
    await h.drain()
    const borisTopic = findClientByTelegramId(h.deps.db, boris.id)?.topicId as number
    await h.send(h.u.staffText(h.u.user(MANAGER_ID), borisTopic, '/close force ответили по телефону'))
    await h.flush()
    const told = (topic: number) => h.fake.textsTo(STAFF_GROUP_ID, topic)
    const borisBefore = told(borisTopic).length

    await h.send(h.u.businessConnection(owner, { id: CONNECTION, enabled: false }))
    await h.flush()
    expect(told(topicId).at(-1)).toBe(
      '⚠️ Бот отключён от аккаунта Ольга (@olga): ответы отсюда клиенту не дойдут, а его новые сообщения в том чате сюда не попадут. Написать клиенту сейчас может только владелец аккаунта, из своего Telegram, — и он же может подключить бота снова: Настройки Telegram → Telegram Business → Чат-боты.',
    )
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, rights: { can_read_messages: true } }))
    await h.flush()
    expect(told(topicId).at(-1)).toBe(
      '⚠️ У бота нет права отвечать от имени аккаунта Ольга (@olga): ответы отсюда клиенту не дойдут, а его сообщения сюда приходят. Ответить клиенту сейчас может только владелец аккаунта, из своего Telegram, — и он же может включить боту это право: Telegram Business → Чат-боты.',
    )
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    await h.flush()
    expect(told(topicId).at(-1)).toBe(
      '✅ Бот снова отвечает от имени аккаунта Ольга (@olga): ответы отсюда доходят до клиента.',
    )
    // Disconnected for more than a day: connected again, her chat is still out of Telegram's 24
    // hours (her messages meanwhile never came), so "answers reach her" would not be true
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, enabled: false }))
    await h.flush()
    const before = told(topicId).length
    h.clock.advance(25 * HOUR)
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    await h.flush()
    expect(told(topicId)).toHaveLength(before)
    expect(told(borisTopic)).toHaveLength(borisBefore)
    expect(h.errors()).toEqual([])
  })

  it('after 24 hours of the client’s silence: a manager’s answer and a payment reminder are held with a notice; her next message opens the chat again', async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 30.11 лендинг'))
    await h.flush()
    const reminders = () =>
      h.deps.sqlite
        .prepare(
          "select run_at as runAt, status, outcome as reason from jobs where kind = 'payment_reminder' order by run_at",
        )
        .all() as { runAt: number; status: string; reason: string | null }[]
    const wroteAt = h.clock.now()
    // Within the day a reminder (a job) goes through the owner's account like everything else
    const soon = reminders()[0]
    if (!soon) throw new Error('an invoice has a payment reminder')
    expect(soon.runAt - wroteAt).toBeLessThan(24 * HOUR)
    h.clock.set(soon.runAt)
    await h.deps.scheduler.runDue()
    expect(onBehalf(h, user.id).at(-1)?.payload.text).toContain('напоминаю про счёт №1')

    // The next one is due after the day Telegram allows
    const later = reminders().find((r) => r.status === 'pending')
    if (!later) throw new Error('the reminders go on')
    expect(later.runAt - wroteAt).toBeGreaterThan(24 * HOUR)
    h.clock.set(later.runAt)
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, 'Анна, вы посмотрели смету?'))
    await h.flush()
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(toClient(h, user.id)).toEqual([])
    const told = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(told.filter((t) => t.startsWith('⚠️ Не отправлено клиенту через аккаунт владельца'))).toEqual([
      expect.stringContaining('«Анна, вы посмотрели смету?»'),
      // A follow-up by its name, not quoted as if the client had been sent these words
      expect.stringContaining('владельца: напоминание об оплате счёта №1'),
    ])
    expect(told.join('\n')).toContain(
      'Telegram разрешает боту писать туда только в течение 24 часов после его сообщения',
    )
    expect(reminders().find((r) => r.runAt === later.runAt)).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('window'),
    })

    // She writes again: the bot may write there once more
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Да, всё хорошо'))
    expect(h.deps.services.business.route(client)).toEqual({ via: 'business', connectionId: CONNECTION })
    await h.send(h.u.staffText(manager, topicId, 'Отлично, начинаем'))
    await h.flush()
    expect(onBehalf(h, user.id).map((c) => c.payload.text)).toEqual(['Отлично, начинаем'])
    expect(h.errors()).toEqual([])
  })

  it('a lead the owner wrote to first, who has not answered: answers, /invoice and the close question are not sent anywhere, staff read why, and /close still ends the request', async () => {
    const clock = createFakeClock()
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      content: { ...demoContent(), telegram_business: { auto_reply: 'always' } },
    })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    // A lead from an ad: never opened the bot's chat, never wrote to Ольга
    const lead = h.u.user(402, { first_name: 'Анна' })
    h.fake.emulator.addUser({ id: lead.id, first_name: 'Анна', started: false })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    await h.send(h.u.businessMessage(owner, CONNECTION, lead.id, 'Анна, здравствуйте! Это Ольга, по вашей заявке.'))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, lead.id) as ClientRow
    const topicId = client.topicId as number
    expect(h.deps.services.business.route(client)).toMatchObject({ via: 'blocked', reason: 'not-written' })

    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, 'Анна, стоимость лендинга — 40 000 ₽'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/invoice 40000 лендинг'))
    await h.flush()
    // Nothing tried in her chat with the account, nor in the bot's chat she never opened
    expect(toClient(h, lead.id)).toEqual([])
    const why =
      'Клиент ещё ничего не писал в аккаунт владельца (владелец написал ему первым), а Telegram разрешает боту писать туда только в течение 24 часов после сообщения клиента. Когда клиент ответит, бот сможет передавать ответы, а пока написать ему может только владелец аккаунта, из своего Telegram.'
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(-2)).toEqual([
      `⚠️ Не отправлено клиенту через аккаунт владельца: «Анна, стоимость лендинга — 40 000 ₽»\n${why}`,
      `Счёт не выставлен: клиент пишет в аккаунт владельца (Telegram Business), а бот сейчас не может туда писать.\n${why}`,
    ])
    expect(h.deps.services.orders.get(1)).toBeUndefined()

    // /close: the question cannot go either; the request still closes by itself as promised
    await h.send(h.u.staffText(owner, topicId, '/close'))
    await h.flush()
    expect(toClient(h, lead.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(-3)).toEqual([
      expect.stringContaining('или сам, если клиент не ответит до'),
      // (the name in Telegram's chat of this test's lead is a stand-in)
      expect.stringContaining(`ваш вопрос решён?»\n${why}`),
      expect.stringContaining('Вопрос до клиента не дошёл'),
    ])
    h.clock.advance(3 * 24 * HOUR + 60_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()

    // Her answer opens the chat to the bot: what staff send goes through the account
    await h.send(h.u.businessMessage(lead, CONNECTION, lead.id, 'Здравствуйте! Да, интересно'))
    await h.flush()
    expect(h.deps.services.business.route(client)).toEqual({ via: 'business', connectionId: CONNECTION })
    expect(h.errors()).toEqual([])
  })

  it("Pay pressed when the bot may not write in the owner's chat: she is asked to write first, then it comes", async () => {
    const { h, manager, user, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    const invoice = toClient(h, user.id).at(-1)?.payload
    // A day and a half later the chat is closed to the bot; her Pay under a saved reply or /mybookings
    h.clock.advance(36 * HOUR)
    h.fake.clearCalls()
    await h.send(h.u.callback(user, 'dpay:1', { businessConnectionId: CONNECTION }))
    await h.flush()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: 'Напишите сюда пару слов — и я пришлю счёт №1.',
      show_alert: true,
    })
    expect(toClient(h, user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('⚠️')
    // Her word opens the chat: the press now brings the invoice
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Пришлите счёт'))
    h.clock.advance(10_000)
    await h.send(h.u.callback(user, 'dpay:1', { businessConnectionId: CONNECTION }))
    await h.flush()
    expect(toClient(h, user.id).at(-1)?.payload).toEqual(invoice)
  })

  it("Pay pressed when the owner took the bot's right to reply: her writing would not help — staff are told, she is told the manager will send it", async () => {
    const { h, owner, manager, user, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, rights: { can_read_messages: true } }))
    h.fake.clearCalls()
    await h.send(h.u.callback(user, 'dpay:1', { businessConnectionId: CONNECTION }))
    await h.flush()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: 'Сейчас не могу прислать счёт №1 в этот чат — менеджер уже знает и пришлёт его.',
      show_alert: true,
    })
    expect(toClient(h, user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /^⚠️ Не отправлено клиенту через аккаунт владельца: .*#1.*\nУ бота нет права отвечать от имени аккаунта/s,
    )
  })

  it('"I paid" pressed a day and a half after the invoice, or without the right to reply: the press itself thanks her, staff are asked to confirm, and /paid does not claim she was told', async () => {
    for (const closed of ['window', 'no-reply-right'] as const) {
      const { h, owner, manager, user, topicId } = await businessClientInTopic()
      await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
      await h.flush()
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toContain('✅ Я оплатил(а)')
      // She pays by bank transfer the next evening (or the owner took the right to reply away)
      // and presses "I paid" under the details
      if (closed === 'window') h.clock.advance(36 * HOUR)
      else await h.send(h.u.businessConnection(owner, { id: CONNECTION, rights: { can_read_messages: true } }))
      h.fake.clearCalls()
      await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: CONNECTION }))
      await h.flush()

      // Her report is recorded (reminders wait for staff), so staff must be asked to check the money
      expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).not.toBeNull()
      const told = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
      expect(told, closed).toContain('Клиент сообщает, что оплатил счёт №1')
      const ask = h.fake.sentTo(STAFF_GROUP_ID, topicId).find((c) => String(c.payload.text).includes('оплатил счёт №1'))
      expect(buttonsOf(ask?.payload).map((b) => b.data)).toEqual(['pay:ok:1', 'pay:no:1'])
      // The bot may not write there now: the press's own answer thanks her, nothing else is tried
      expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
        text: 'Спасибо, Анна! Передали менеджеру: платёж сверят. Напоминания по этому счёту пока на паузе.',
        show_alert: true,
      })
      expect(toClient(h, user.id)).toEqual([])
      expect(told).not.toContain('⚠️ Не отправлено клиенту')
      // Pressed again a minute later: no promise of a confirmation that cannot come
      h.clock.advance(60_000)
      await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: CONNECTION }))
      expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Мы уже проверяем этот платёж.')

      // The money is there: paid, and staff read that the client was not told, and why
      await h.send(h.u.staffText(manager, topicId, '/paid'))
      await h.flush()
      const answer = h.fake.lastPostTo(STAFF_GROUP_ID)
      expect(answer, closed).toMatch(
        /^✅ Счёт №1 \(5\s000\s₽\) оплачен, напоминания остановлены \(Мария\)\.\n⚠️ Клиенту это не отправлено\. /,
      )
      expect(answer).not.toContain('отправлено подтверждение')
      expect(h.deps.services.orders.get(1)?.status).toBe('paid')
      expect(toClient(h, user.id)).toEqual([])
      expect(h.errors()).toEqual([])
    }
  })

  it('a payment confirmed while her chat with the account was closed: the confirmation waits, and goes when she writes again — once, with the topic told', async () => {
    const { h, manager, user, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, '/invoice 2000 предоплата'))
    await h.flush()
    // Two days later she presses "I paid" under the details; the manager finds the money
    h.clock.advance(48 * HOUR)
    await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: CONNECTION }))
    await h.flush()
    h.fake.clearCalls()
    await h.send(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    const answer = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('✅ Счёт №1'))
    expect(answer).toMatch(/⚠️ Клиенту это не отправлено\. Клиент писал в аккаунт больше суток назад/)
    expect(answer).toContain(
      '📨 Подтверждение оплаты бот отправит клиенту сам, как только клиент снова напишет и бот сможет ему ответить.',
    )
    expect(toClient(h, user.id)).toEqual([])

    // She writes again: the chat is open, the confirmation goes there, and the topic reads so
    h.clock.advance(HOUR)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Я же оплатила предоплату, почему мне не ответили?'))
    await h.flush()
    const sent = onBehalf(h, user.id).map((c) => String(c.payload.text))
    expect(sent).toEqual([expect.stringMatching(/^Анна, оплата по счёту №1 \(2\s000\s₽\) получена\. Спасибо!/)])
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    const question = topic.findIndex((t) => t.includes('почему мне не ответили'))
    const notice = topic.findIndex((t) =>
      /^📨 Клиент снова на связи — подтверждение оплаты по счёту №1 \(2\s000\s₽\) отправлено ему\.$/.test(t),
    )
    expect(question).toBeGreaterThanOrEqual(0)
    expect(notice).toBeGreaterThan(question)

    // Once: her next message brings nothing more
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Спасибо!'))
    await h.flush()
    expect(
      onBehalf(h, user.id)
        .map((c) => String(c.payload.text))
        .join('\n'),
    ).not.toContain('получена')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Клиент снова на связи')
    expect(h.errors()).toEqual([])
  })

  it("\"I paid\" pressed in the owner's chat closed to the bot, by a client who wrote in the bot's chat since: the confirmation goes to the bot's chat", async () => {
    const { h, manager, user, topicId } = await businessClientInTopic()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    // A day and a half later (the account's chat is closed to the bot) he writes in the bot's chat
    h.clock.advance(36 * HOUR)
    await h.send(h.u.text(user, 'Здравствуйте, я оплатил по счёту'))
    await h.flush()
    // …and two minutes later presses "I paid" under the invoice in the account's chat
    h.clock.advance(2 * 60_000)
    await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: CONNECTION }))
    await h.flush()
    const ask = h.fake.sentTo(STAFF_GROUP_ID, topicId).find((c) => String(c.payload.text).includes('оплатил счёт №1'))
    expect(buttonsOf(ask?.payload).map((b) => b.data)).toEqual(['pay:ok:1', 'pay:no:1'])
    h.fake.clearCalls()
    await h.send(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()

    // The press opens nothing for the bot there: the answer goes where it can, the bot's chat he wrote in
    const inBotChat = toClient(h, user.id).filter((c) => c.payload.business_connection_id === undefined)
    expect(inBotChat.map((c) => c.ok)).toEqual([true])
    expect(String(inBotChat[0]?.payload.text)).toContain('№1')
    expect(onBehalf(h, user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Клиенту это не отправлено')
    expect(h.errors()).toEqual([])
  })

  it('what is planned for a business client says it goes only if they wrote within the day before: /invoice, /done, /followups and the card', async () => {
    const { h, owner, manager, client, topicId } = await businessClientInTopic()
    const WINDOW =
      '⚠️ Клиент пишет в аккаунт владельца: бот может написать туда, только если клиент писал в последние 24 часа. ' +
      'Каждое запланированное уйдёт, только если в последние 24 часа перед ним клиент писал туда.'
    const staff = async (text: string) => {
      await h.send(h.u.staffText(manager, topicId, text))
      await h.flush()
      // The answer, not the card brought up to date after it
      return h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => !t.startsWith('👤'))
    }
    expect(await staff('/invoice 5000 лендинг')).toContain(WINDOW)
    expect(await staff('/done')).toContain(WINDOW)
    expect(await staff('/followups')).toContain(WINDOW)
    const card = h.deps.services.handoff.topics.card(client.id)
    const shown = card && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(card.messageId)
    expect(shown?.message.text).toContain(WINDOW)
    // With the bot disconnected from the account, nothing planned goes whatever the client does
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, enabled: false }))
    expect(await staff('/followups')).toContain(
      '⚠️ Бот сейчас не может писать через аккаунт владельца (он отключён или без права отвечать): запланированное не уйдёт, пока это не исправлено.',
    )
    // A client of the bot's own chat gets no such line
    const other = h.u.user(402, { first_name: 'Борис' })
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/manager'))
    await h.flush()
    const otherTopic = findClientByTelegramId(h.deps.db, other.id)?.topicId as number
    await h.send(h.u.staffText(manager, otherTopic, '/invoice 5000 лендинг'))
    await h.flush()
    const answer = h.fake.textsTo(STAFF_GROUP_ID, otherTopic).findLast((t) => !t.startsWith('👤'))
    expect(answer).toContain('Счёт №2')
    expect(answer).not.toContain(WINDOW)
  })

  it('an invoice for a business client is payment details in that chat, even with a provider; Stars are refused to staff', async () => {
    const { h, manager, user, topicId } = await businessClientInTopic({ provider: true })
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    const sent = onBehalf(h, user.id)
    expect(sent.map((c) => c.method)).toEqual(['sendMessage'])
    expect(sent[0]?.payload.text).toMatch(/Сумма: 5\s000\s₽/)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toContain('✅ Я оплатил(а)')
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    // Staff read how she pays, as for an invoice paid in Telegram: the money is theirs to confirm
    const summary = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('🧾') || t.includes('Счёт №1'))
    expect(summary).toContain(
      '🏦 Клиент получил реквизиты и кнопку «✅ Я оплатил(а)» (в аккаунте владельца счёт в Telegram не выставить): оплатив, он нажмёт её — подтвердите оплату здесь.',
    )
    expect(summary).not.toContain('Клиент оплатит прямо в Telegram')

    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Telegram не даёт ботам выставлять там счета')
    expect(h.deps.services.orders.get(2)).toBeUndefined()
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it("an invoice made while she wrote to the owner's account is a Telegram invoice when she presses Pay in the bot's chat, where the provider works", async () => {
    const { h, manager, user, client, topicId } = await businessClientInTopic({ provider: true })
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    // In the owner's chat: the details and "I paid" (Telegram sends invoices only from the bot)
    expect(onBehalf(h, user.id).at(-1)?.payload.text).toMatch(/Сумма: 5\s000\s₽/)
    expect(h.fake.callsOf('sendInvoice')).toEqual([])

    // Later she opens the bot's own chat, finds the invoice in /mybookings and presses Pay there
    h.clock.advance(HOUR)
    await h.send(h.u.text(user, '/mybookings'))
    await h.flush()
    const pay = h.fake.lastButtonsTo(user.id).find((b) => b.data === 'dpay:1')
    expect(pay).toBeDefined()
    h.fake.clearCalls()
    await h.send(h.u.callback(user, 'dpay:1'))
    await h.flush()
    // A real invoice in the bot's chat, through the provider — not the bank details again
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    expect(invoice).toMatchObject({ payload: 'order:1', providerToken: PROVIDER_TOKEN, totalAmount: 500_000 })
    expect(
      h.fake.calls.filter((c) => c.ok && c.method === 'sendMessage' && Number(c.payload.chat_id) === user.id),
    ).toEqual([])
    // Staff read that this time it went as a Telegram invoice: the payment marks itself
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      'Клиент нажал «Оплатить» в чате с ботом и получил счёт №1 в Telegram: оплата отметится сама.',
    )

    // She pays it there; the order is paid in Telegram
    if (!invoice) throw new Error('no invoice')
    await h.send(h.u.preCheckout(user, invoice))
    await h.send(h.u.successfulPayment(user, invoice).update)
    await h.flush()
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'provider' })
    expect(client.id).toBeGreaterThan(0)
    expect(h.errors()).toEqual([])
  })

  it('«оплатила» in the bot\'s chat about an invoice she got as details in the owner\'s chat, a Telegram invoice since: the team checks it, no "has not come through"', async () => {
    const { h, manager, user, topicId } = await businessClientInTopic({ provider: true })
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    expect(onBehalf(h, user.id).at(-1)?.payload.text).toMatch(/Сумма: 5\s000\s₽/)
    // Later she opens the bot's own chat and presses Pay under the invoice in /mybookings
    h.clock.advance(HOUR)
    await h.send(h.u.text(user, '/mybookings'))
    await h.flush()
    await h.send(h.u.callback(user, 'dpay:1'))
    await h.flush()
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ payload: 'order:1' })
    h.fake.clearCalls()
    // She may have paid by the bank details she saw there: the team's to check, not Telegram's
    await h.send(h.u.text(user, 'оплатила'))
    await h.flush()
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).not.toBeNull()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('💳 Клиент сообщает, что оплатил счёт №1')
    expect(topic).not.toContain('не поступала')
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('не поступила')
    expect(h.fake.calls.flatMap((c) => JSON.stringify(c.payload.reply_markup ?? ''))).not.toContain('dpay:1')
    expect(h.errors()).toEqual([])
  })

  it("«оплатила» in the bot's chat about a Telegram invoice sent again as details in the owner's chat: the team checks it", async () => {
    const { h, manager, user, topicId } = await businessClientInTopic({ provider: true })
    // She writes in the bot's chat: the invoice goes there, as a Telegram invoice
    h.clock.advance(HOUR)
    await h.send(h.u.text(user, '/mybookings'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 лендинг'))
    await h.flush()
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ payload: 'order:1' })
    expect(h.deps.services.orders.get(1)?.invoiceKind).toBe('provider')
    // Then in the owner's chat, where she presses Pay: the payment details there
    h.clock.advance(HOUR)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А можно реквизиты?'))
    await h.flush()
    h.fake.clearCalls()
    await h.send(h.u.callback(user, 'dpay:1'))
    await h.flush()
    expect(onBehalf(h, user.id).at(-1)?.payload.text).toMatch(/Сумма: 5\s000\s₽/)
    // Back in the bot's chat she says she paid: perhaps by those details, so the team checks
    h.clock.advance(HOUR)
    h.fake.clearCalls()
    await h.send(h.u.text(user, 'оплатила'))
    await h.flush()
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).not.toBeNull()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('💳 Клиент сообщает, что оплатил счёт №1')
    expect(topic).not.toContain('не поступала')
    expect(h.errors()).toEqual([])
  })

  it('nobody answered in time: staff are alerted (and reminded later); the "we are late" apology goes from the account only where the bot answers by itself now', async () => {
    const apologies = (h: Harness, chatId: number) =>
      onBehalf(h, chatId).filter((c) => String(c.payload.text).includes('простите, что заставляем ждать'))
    // Monday 12:00 in Moscow: working hours, when under `never` and `outside_hours` people answer there
    for (const autoReply of ['never', 'outside_hours', 'always'] as const) {
      const { h, user, topicId } = await businessClientInTopic({ autoReply })
      h.clock.advance(15 * 60_000)
      expect(await h.deps.scheduler.runDue()).toBe(1)
      await h.drain()
      const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Никто не ответил за 15 мин'))
      // The alert says whether the client heard from the bot
      expect(alert).toContain(
        autoReply === 'always' ? 'Клиенту отправлены извинения' : 'Клиенту бот об этом не писал — ответьте ему сами.',
      )
      expect(apologies(h, user.id)).toHaveLength(autoReply === 'always' ? 1 : 0)
      // Written as the owner: no "← В меню" of the bot's under it, only booking the call it offers
      // (a flow that runs in that chat, its time picked by buttons)
      for (const apology of apologies(h, user.id)) {
        const markup = apology.payload.reply_markup as { inline_keyboard: { callback_data?: string }[][] }
        expect(markup.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(['menu:booking'])
      }
      // Still nobody an answer time later: the team is reminded, told or not, and the client hears nothing more
      h.clock.advance(16 * 60_000)
      await h.deps.scheduler.runDue()
      await h.drain()
      const again = h.fake
        .textsTo(STAFF_GROUP_ID, topicId)
        .filter((t) => /обещали ответ до|всё ещё ждёт ответа/.test(t))
      expect(again).toEqual([
        expect.stringContaining(
          autoReply === 'always' ? 'лиенту обещали ответ до 12:30' : 'лиент всё ещё ждёт ответа (с 12:00)',
        ),
      ])
      expect(apologies(h, user.id)).toHaveLength(autoReply === 'always' ? 1 : 0)
      // The owners hear it again too, in the same words
      expect(h.fake.lastTextTo(OWNER_ID)).toContain(
        autoReply === 'always' ? 'ответа к обещанному времени' : 'всё ещё ждёт ответа менеджера (с 12:00)',
      )
      expect(h.errors()).toEqual([])
    }
  })

  it("a client who blocked the bot and writes to the owner's account has not unblocked it: the bot's chat stays closed, and the topic is not told otherwise", async () => {
    const { h, user, client, topicId } = await businessClientInTopic()
    await h.send(h.u.myChatMember(user, 'kicked'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).not.toBeNull()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Я тут, пишите сюда'))
    await h.drain()
    expect(findClientByTelegramId(h.deps.db, client.telegramId as number)?.blockedAt).not.toBeNull()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).some((t) => t.startsWith('✅ Клиент снова на связи'))).toBe(false)
    // Her own chat with the bot says it: unblocked there, the topic hears so
    await h.send(h.u.myChatMember(user, 'member'))
    await h.drain()
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).toBeNull()
    expect(
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✅ Клиент снова на связи')),
    ).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('nobody answered a client whose chat with the account is closed to the bot: the alert and the reminders say only the owner can answer, from their own Telegram', async () => {
    const { h, topicId } = await businessClientInTopic()
    // The answer-time check comes only after her 24 hours are over (the bot was down, say)
    h.clock.advance(25 * HOUR)
    await h.deps.scheduler.runDue()
    await h.drain()
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('⏰ За 15 мин'))
    // Not "nobody answered": an answer may have been tried and refused; what counts is none got through
    expect(alert).toContain('⏰ За 15 мин ответ до клиента так и не дошёл')
    expect(alert).not.toContain('ответьте ему сами')
    expect(alert).toContain('ответить ему может только владелец аккаунта, из своего Telegram')
    // Managers read it: the chat is with the owner's account, named — not "yours"
    expect(alert).toContain('Его чат с аккаунтом Ольга (@olga) для бота сейчас закрыт')
    expect(alert).not.toContain('вашим')
    // A working day later she still waits: the reminder says the same
    h.clock.advance(24 * HOUR)
    await h.deps.scheduler.runDue()
    await h.drain()
    const again = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('всё ещё ждёт ответа'))
    expect(again.at(-1)).toContain('ответить ему может только владелец аккаунта, из своего Telegram')
    expect(again.at(-1)).toContain('его чат с аккаунтом Ольга (@olga) для бота закрыт')
    expect(again.at(-1)).not.toContain('вашим')
    // The owners read it too, in their own chat: the answer is theirs to give, from the account
    const owners = ownerAlerts(h)
    expect(owners.length).toBeGreaterThanOrEqual(2)
    for (const text of owners) {
      expect(text).toContain(
        '💼 Ответ из темы клиента до него сейчас не дойдёт: его чат с аккаунтом Ольга (@olga) для бота закрыт — ответить ему может только владелец аккаунта, из своего Telegram.',
      )
    }
    expect(h.errors()).toEqual([])
  })

  it('a deadline caught up at night in the owner’s chat under `never`: no apology waits for the morning', async () => {
    const { h, user } = await businessClientInTopic()
    // Just after midnight in Moscow (quiet hours): the bot was down at the deadline
    h.clock.set('2026-11-23T21:05:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(1)
    const sla = h.deps.sqlite.prepare("select status from jobs where kind = 'handoff_sla'").get()
    expect(sla).toEqual({ status: 'skipped' })
    h.clock.set('2026-11-24T07:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(onBehalf(h, user.id).filter((c) => String(c.payload.text).includes('простите'))).toEqual([])
  })
})

describe('when a day passes with no message from her in the owner’s chat', () => {
  const OPEN = '💼 пишет в аккаунт владельца (Telegram Business): ответы отсюда уходят туда'
  const CLOSED =
    '💼 пишет в аккаунт владельца (Telegram Business), но ответ отсюда сейчас до него не дойдёт. Клиент писал в аккаунт больше суток назад'

  /** The card as her topic shows it now. */
  const shownCard = (h: Harness, clientId: number): string => {
    const card = h.deps.services.handoff.topics.card(clientId)
    const shown = card && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(card.messageId)
    return String(shown?.message.text)
  }
  /** The watches of her chat's closing, whatever became of them. */
  const watches = (h: Harness) =>
    h.deps.sqlite.prepare("select status from jobs where kind = 'business_window' order by id").all() as {
      status: string
    }[]

  /**
   * Her request answered at once: nothing else the team waits for (an answer time running out)
   * changes her card meanwhile.
   */
  const answered = async () => {
    const opened = await businessClientInTopic()
    await opened.h.send(opened.h.u.staffText(opened.manager, opened.topicId, 'Анна, здравствуйте! Сейчас посчитаю.'))
    await opened.h.flush()
    if (onBehalf(opened.h, opened.user.id).length !== 1) throw new Error('the answer went from the account')
    return opened
  }

  it('her card says so at that moment, by itself; a message of hers puts it off; a manager’s answer then does not go, and the topic says so once', async () => {
    const { h, manager, user, client, topicId } = await answered()
    const wroteAt = h.clock.now()
    expect(shownCard(h, client.id)).toContain(OPEN)
    // Twenty hours later she writes again: the bot may write there for a day from this message
    h.clock.set(wroteAt + 20 * HOUR)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Спасибо!'))
    await h.flush()
    // A day after her first message the chat is still open: the card does not change
    h.clock.set(wroteAt + 24 * HOUR + 60_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(shownCard(h, client.id)).toContain(OPEN)
    // A day after her last one, with nobody doing anything, the card says an answer would not reach her
    h.clock.set(wroteAt + 44 * HOUR + 60_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(shownCard(h, client.id)).toContain(CLOSED)
    // One watch for her chat, moved by her second message, not one per message
    expect(watches(h)).toEqual([{ status: 'done' }])

    // A manager who answers now: nothing goes to her, anywhere, and the topic says why, once
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, 'Анна, добрый день! Лендинг — от 40 000 ₽.'))
    await h.flush()
    expect(toClient(h, user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => !t.startsWith('👤'))).toEqual([
      '⚠️ Не отправлено клиенту через аккаунт владельца: «Анна, добрый день! Лендинг — от 40 000 ₽.»\n' +
        'Клиент писал в аккаунт больше суток назад, а Telegram разрешает боту писать туда только в течение 24 часов после его сообщения. ' +
        'Когда клиент напишет снова, бот снова сможет передавать ответы, а пока написать ему может только владелец аккаунта, из своего Telegram.',
    ])
    // She writes again: the card says the answers go there once more, and a new watch waits for the day's end
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Извините, была занята'))
    await h.flush()
    expect(shownCard(h, client.id)).toContain(OPEN)
    expect(watches(h)).toEqual([{ status: 'done' }, { status: 'pending' }])
    expect(h.errors()).toEqual([])
  })

  it('the bot restarted meanwhile: its first run after her day is over changes the card', async () => {
    const { h, client } = await answered()
    h.clock.advance(30 * HOUR)
    const again = h.restart()
    await again.deps.scheduler.runDue()
    await again.flush()
    expect(shownCard(again, client.id)).toContain(CLOSED)
    expect(again.errors()).toEqual([])
  })

  it('after she wrote to the bot’s own chat, where the answers go now, the day’s end leaves the card alone', async () => {
    const { h, user, client } = await answered()
    h.clock.advance(HOUR)
    await h.send(h.u.text(user, 'Напишу лучше сюда'))
    await h.flush()
    expect(shownCard(h, client.id)).not.toContain('💼')
    h.clock.advance(24 * HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(shownCard(h, client.id)).not.toContain('💼')
    expect(h.errors()).toEqual([])
  })

  it('her /forget ends the watch with the rest of her data', async () => {
    const { h, user } = await businessClientInTopic()
    expect(watches(h)).toEqual([{ status: 'pending' }])
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, '/forget'))
    await h.send(h.u.callback(user, 'forget:yes', { businessConnectionId: CONNECTION }))
    expect(watches(h)).toEqual([{ status: 'cancelled' }])
    expect(h.errors()).toEqual([])
  })
})

describe('a client who writes to the owner’s account when the team is back only after Telegram’s 24 hours', () => {
  /**
   * A salon in Yekaterinburg, closed on Sundays, answering in the owner's chats by itself at night
   * (`outside_hours`), with Ольга's account connected.
   */
  async function salon() {
    const demo = demoContent()
    const clock = createFakeClock()
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      content: {
        ...demo,
        business: {
          ...demo.business,
          timezone: 'Asia/Yekaterinburg',
          hours: {
            mon: ['10:00-19:00'],
            tue: ['10:00-19:00'],
            wed: ['10:00-19:00'],
            thu: ['10:00-19:00'],
            fri: ['10:00-19:00'],
            sat: ['10:00-19:00'],
            sun: [],
          },
        },
        telegram_business: { auto_reply: 'outside_hours' },
      },
    })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    const user = h.u.user(404, { first_name: 'Вера' })
    return { h, user }
  }
  const question = 'Здравствуйте! Есть ли свободное время на маникюр в понедельник?'
  const ownerOnlyAlerts = (h: Harness) => h.fake.textsTo(OWNER_ID).filter((t) => t.includes('сообщение в аккаунт'))

  it('Saturday 23:30, back on Monday: no answer time promised in the owner’s name, and the owners hear at once that only the account’s owner will be able to answer', async () => {
    const { h, user } = await salon()
    // Saturday 5 December, 23:30 in Yekaterinburg; the chat closes to the bot on Sunday 23:30
    h.clock.set('2026-12-05T18:30:00Z')
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, question))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const told = onBehalf(h, user.id).map((c) => String(c.payload.text))
    expect(told).toHaveLength(1)
    expect(told[0]).toContain('Вера, передаю вас менеджеру')
    // When the team is back, and no "ответим до 10:15": by then the bot cannot write to her
    expect(told[0]).toContain('Сейчас мы не работаем: вернёмся 7 декабря в 10:00')
    expect(told[0]).toContain('и ответим вам.')
    expect(told[0]).not.toContain('ответим до')
    // The owners, that night: one alert, naming the account, the return and when the chat closes
    const alerts = ownerOnlyAlerts(h)
    expect(alerts).toEqual([
      `⏰ Клиент <a href="https://t.me/c/1234567890/${client.topicId}">Вера #${client.id}</a> — сообщение в аккаунт Ольга (@olga) в нерабочее время. ` +
        'Бот может писать в этом чате до вс, 6 дек., 23:30 (сутки после сообщения клиента), а мы вернёмся позже — пн, 7 дек., 10:00: ' +
        'ответ из темы до клиента уже не дойдёт, ответить сможет только владелец аккаунта, из своего Telegram.',
    ])
    // More from her the same night: not told again, nor the owners
    h.clock.advance(10 * 60_000)
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Можно после обеда'))
    await h.drain()
    expect(onBehalf(h, user.id)).toHaveLength(1)
    expect(ownerOnlyAlerts(h)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('Saturday 23:30, words the bot cannot read: handed to the team with no time promised in the owner’s name, and the owners told only the account can answer', async () => {
    const { h, user } = await salon()
    h.clock.set('2026-12-05T18:30:00Z')
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Привет'))
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'маникюр'))
    await h.drain()
    const told = onBehalf(h, user.id).map((c) => String(c.payload.text))
    // In the owner's chat the words go to the team (no "I'm a bot, tap the button" there)
    expect(told).toHaveLength(1)
    expect(told.at(-1)).toContain('Вера, передаю вас менеджеру')
    expect(told.at(-1)).toContain('вернёмся 7 декабря в 10:00')
    expect(told.at(-1)).not.toContain('ответим до')
    expect(told.at(-1)).not.toContain('менеджер ответит')
    // The team is back after Telegram's 24 hours there: only the account's owner can answer her
    expect(ownerOnlyAlerts(h)).toEqual([expect.stringContaining('ответить сможет только владелец аккаунта')])
    expect(h.errors()).toEqual([])
  })

  it('Friday 23:30, back on Saturday morning within her 24 hours: the answer time is promised as before, and the owners are not alerted', async () => {
    const { h, user } = await salon()
    h.clock.set('2026-12-04T18:30:00Z')
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, question))
    await h.drain()
    const told = onBehalf(h, user.id).map((c) => String(c.payload.text))
    expect(told).toHaveLength(1)
    expect(told[0]).toContain('Сейчас мы не работаем: вернёмся завтра в 10:00 и ответим до 10:15')
    expect(ownerOnlyAlerts(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('writing again on Saturday night in a request answered that day: "a manager will answer" is not said in the owner’s name, and the owners are alerted', async () => {
    const { h, user } = await salon()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    // Saturday 12:00: people answer there; her question opens a request, Мария answers it
    h.clock.set('2026-12-05T07:00:00Z')
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, question))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    await h.send(h.u.staffText(manager, client.topicId as number, 'Вера, здравствуйте! Есть 12:00 и 15:00.'))
    await h.flush()
    // 23:30: she writes again
    h.clock.set('2026-12-05T18:30:00Z')
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'А в 17:00 нельзя?'))
    await h.drain()
    const told = onBehalf(h, user.id).map((c) => String(c.payload.text))
    expect(told).toHaveLength(1)
    expect(told[0]).toContain('Сейчас мы не работаем — вернёмся 7 декабря в 10:00')
    expect(told[0]).not.toContain('менеджер ответит')
    expect(ownerOnlyAlerts(h)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})
