/**
 * /unsend: a manager takes back an answer that went to the wrong client (a wrong file, a price by
 * mistake). Telegram does not tell a bot that a message was deleted in a group, so deleting it in
 * the topic leaves the client's copy; replying /unsend to it deletes that copy — every part of an
 * album, in the bot's chat or for the owner's account (Telegram Business, with the right to) —
 * through the client's outbox lane, and the topic says under it that it went, or why it could not.
 */
import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { businessCalendar } from '../../src/format.ts'
import { statsReport } from '../../src/services/stats-report.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { topicState } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_200_001
const COLLEAGUE_ID = 5_200_002
const HOUR = 3_600_000
const MINUTE = 60_000

/** Said under an answer taken back that was the only answer of the request (opened at 12:00). */
const UNANSWERED = '⏳ Это был единственный ответ на запрос: он снова ждёт первого ответа — с 12:00.'

const idOf = (u: Update) => (u.message ?? u.business_message)?.message_id as number

/** A harness whose Telegram keeps the bot's time (message dates, the 48 hours to delete). */
function harness(): Harness {
  const clock = createFakeClock()
  return createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
}

/** Мария's topic, with Иван (a manager) and Ольга (a colleague) on the team. */
async function withTopic(h: Harness) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Иван')
  h.deps.services.staff.add(COLLEAGUE_ID, 'manager', OWNER_ID, 'Ольга')
  const { user, client, topicId } = await clientInHandoff(h, 7_700_001, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Иван' })
  const colleague = h.u.user(COLLEAGUE_ID, { first_name: 'Ольга' })
  return { user, client, topicId, manager, colleague }
}

/** The client's copies of the topic's message `topicMessageId` (every part of an album), by their ids in the client's chat. */
function copiesOf(h: Harness, clientId: number, topicMessageIds: number[]): number[] {
  return topicMessageIds.map(
    (id) =>
      (
        h.deps.sqlite
          .prepare('select client_message_id as id from messages where client_id = ? and topic_message_id = ?')
          .get(clientId, id) as { id: number }
      ).id,
  )
}

/** Whether the client's chat still shows the message. */
const shownTo = (h: Harness, chatId: number, messageId: number) =>
  h.fake.emulator.chats.get(chatId)?.messages.get(messageId)?.deleted !== true

/** The last post in the group: its text and the message it replies to. */
function lastPost(h: Harness): { text: string; under: number | undefined } {
  const call = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
  return { text: String(call?.payload.text ?? ''), under: call?.payload.reply_parameters?.message_id }
}

/** `by` replies /unsend to the topic's message `target`; what the topic answers, once the outbox went. */
async function unsend(h: Harness, by: ReturnType<Harness['u']['user']>, topicId: number, target: number) {
  await h.send(h.u.staffText(by, topicId, '/unsend', { replyTo: target }))
  await h.flush()
  return lastPost(h)
}

describe('/unsend', () => {
  it('deletes the client’s copy of the answer it replies to; the topic says so under it, and the transcript keeps it for the team, out of the client’s /mydata', async () => {
    const h = harness()
    const { user, client, topicId, manager } = await withTopic(h)
    const wrong = h.u.staffText(manager, topicId, 'Ваш заказ №17 на 84 000 ₽ готов, Светлана')
    const right = h.u.staffText(manager, topicId, 'Мария, добрый день! Смотрю ваш вопрос.')
    await h.send(wrong, right)
    await h.flush()
    const [copy, kept] = copiesOf(h, client.id, [idOf(wrong), idOf(right)]) as [number, number]
    expect(shownTo(h, user.id, copy)).toBe(true)

    expect(await unsend(h, manager, topicId, idOf(wrong))).toEqual({ text: '🗑 Удалено у клиента.', under: idOf(wrong) })
    expect(h.fake.callsOf('deleteMessage').map((c) => [c.payload.chat_id, c.payload.message_id, c.ok])).toEqual([
      [user.id, copy, true],
    ])
    expect(shownTo(h, user.id, copy)).toBe(false)
    expect(shownTo(h, user.id, kept)).toBe(true)
    // The team's record keeps it, marked deleted; the client's copy of their data leaves it out
    const row = h.deps.sqlite
      .prepare('select text, deleted_at from messages where client_id = ? and topic_message_id = ?')
      .get(client.id, idOf(wrong)) as { text: string; deleted_at: number | null }
    expect(row).toEqual({ text: 'Ваш заказ №17 на 84 000 ₽ готов, Светлана', deleted_at: h.clock.now() })
    await h.send(h.u.text(user, '/mydata'))
    const file = h.fake.sentTo(user.id).findLast((c) => c.method === 'sendDocument')
    const mine = JSON.parse(file?.files.document?.data.toString('utf8') ?? '{}') as {
      messages: { text: string | null }[]
    }
    expect(mine.messages.map((m) => m.text)).toContain('Мария, добрый день! Смотрю ваш вопрос.')
    expect(mine.messages.map((m) => m.text)).not.toContain('Ваш заказ №17 на 84 000 ₽ готов, Светлана')
    expect(String(file?.payload.caption)).toContain(`Сообщений в переписке: ${mine.messages.length}.`)
    // The owner's export keeps it, with when it was deleted
    await h.send(h.u.text(h.u.user(OWNER_ID), `/export ${user.id}`))
    const exported = h.fake.sentTo(OWNER_ID).findLast((c) => c.method === 'sendDocument')
    const all = JSON.parse(exported?.files.document?.data.toString('utf8') ?? '{}') as {
      messages: { text: string | null; deleted_at: string | null }[]
    }
    expect(all.messages.find((m) => m.text?.startsWith('Ваш заказ №17'))?.deleted_at).toBe(
      new Date(h.clock.now()).toISOString(),
    )

    // Twice: nothing is asked of Telegram again
    expect(await unsend(h, manager, topicId, idOf(wrong))).toEqual({
      text: '🗑 У клиента это сообщение уже удалено.',
      under: idOf(wrong),
    })
    expect(h.fake.callsOf('deleteMessage')).toHaveLength(1)
    // An edit of it afterwards goes nowhere, and the topic says why
    await h.send(h.u.edited(manager, idOf(wrong), 'Ваш заказ готов', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    expect(lastPost(h).text).toBe('✏️ Правка не передана: это сообщение уже удалено у клиента.')
    expect(h.fake.callsOf('editMessageText').filter((c) => c.payload.chat_id === user.id)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a history posted again (the topic was deleted) shows the answer taken back, marked so', async () => {
    const h = harness()
    const { user, topicId, manager } = await withTopic(h)
    const wrong = h.u.staffText(manager, topicId, 'Ваш заказ №17 готов, Светлана')
    await h.send(wrong)
    await h.flush()
    await unsend(h, manager, topicId, idOf(wrong))
    h.fake.deleteTopic(topicId)
    await h.send(h.u.text(user, 'Здравствуйте, вы тут?'))
    await h.flush()
    const history = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('📜 Переписка с клиентом'))
    expect(history).toContain('Ваш заказ №17 готов, Светлана (🗑 удалено в чате клиента)')
  })

  it('deletes every part of an album, and an answer still on its way once its copy is made', async () => {
    const h = harness()
    const { user, client, topicId, manager } = await withTopic(h)
    const parts = [1, 2, 3].map(() =>
      h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, mediaGroupId: 'wrong-album' }),
    )
    await h.send(...parts)
    await h.flush()
    const copies = copiesOf(h, client.id, parts.map(idOf))
    // Replied to its second photo: the whole album goes
    expect((await unsend(h, manager, topicId, idOf(parts[1] as Update))).text).toBe(
      `🗑 Удалено у клиента.\n${UNANSWERED}`,
    )
    expect(copies.map((id) => shownTo(h, user.id, id))).toEqual([false, false, false])

    // Taken back before its copy was made: the deletion waits behind it, in the client's lane
    const hasty = h.u.staffText(manager, topicId, 'Скидка 90% только сегодня')
    await h.send(hasty, h.u.staffText(manager, topicId, '/unsend', { replyTo: idOf(hasty) }))
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(hasty)]) as [number]
    expect(shownTo(h, user.id, copy)).toBe(false)
    expect(lastPost(h)).toEqual({ text: `🗑 Удалено у клиента.\n${UNANSWERED}`, under: idOf(hasty) })
    expect(h.errors()).toEqual([])
  })

  it('older than Telegram allows (48 hours): the copy stays, and the topic says why', async () => {
    const h = harness()
    const { user, client, topicId, manager } = await withTopic(h)
    const answer = h.u.staffText(manager, topicId, 'Прайс на 2025 год во вложении')
    await h.send(answer)
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(answer)]) as [number]
    h.clock.advance(48 * HOUR)
    expect(await unsend(h, manager, topicId, idOf(answer))).toEqual({
      text: '🗑 Не удалено: Telegram даёт удалить сообщение только в первые 48 часов, а это отправлено раньше. Если оно ушло по ошибке — напишите клиенту об этом новым сообщением.',
      under: idOf(answer),
    })
    expect(shownTo(h, user.id, copy)).toBe(true)
    const row = h.deps.sqlite
      .prepare('select deleted_at from messages where client_id = ? and topic_message_id = ?')
      .get(client.id, idOf(answer)) as { deleted_at: number | null }
    expect(row.deleted_at).toBeNull()
  })

  it('the client deleted it already: the topic says so', async () => {
    const h = harness()
    const { user, client, topicId, manager } = await withTopic(h)
    const answer = h.u.staffText(manager, topicId, 'Ваш промокод: ANNA-50')
    await h.send(answer)
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(answer)]) as [number]
    // In a private chat a person deletes the bot's messages for both sides; the bot is not told
    await h.fake.emulator.call('deleteMessage', { chat_id: user.id, message_id: copy })
    // The team takes it back all the same: it answers nothing now
    expect(await unsend(h, manager, topicId, idOf(answer))).toEqual({
      text: `🗑 У клиента этого сообщения уже нет: он удалил его сам.\n${UNANSWERED}`,
      under: idOf(answer),
    })
  })

  it('only an answer to the client: not without a reply, not the client’s message, a note, the bot’s post, nor one that never reached them', async () => {
    const h = harness()
    const { user, topicId, manager } = await withTopic(h)
    const question = h.u.text(user, 'Сколько стоит логотип?')
    const note = h.u.staffText(manager, topicId, '// перезвонить после 18')
    await h.send(question, note)
    await h.flush()
    const copyOfQuestion = (
      h.deps.sqlite
        .prepare('select topic_message_id as id from messages where client_message_id = ?')
        .get(idOf(question)) as { id: number }
    ).id
    await h.send(h.u.staffText(manager, topicId, '/unsend'))
    await h.flush()
    expect(lastPost(h).text).toBe('🗑 Чтобы удалить у клиента своё сообщение, ответьте на него командой /unsend.')
    expect(await unsend(h, manager, topicId, copyOfQuestion)).toEqual({
      text: '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сообщение самого клиента.',
      under: copyOfQuestion,
    })
    expect(await unsend(h, manager, topicId, idOf(note))).toEqual({
      text: '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это заметка: клиент её не видел.',
      under: idOf(note),
    })
    // The card: the bot's post for the team
    const card = h.deps.services.handoff.topics.card(h.deps.services.handoff.client(idOfClient(h, user.id))!.id)
    expect((await unsend(h, manager, topicId, card!.messageId)).text).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сообщение бота для команды: у клиента его нет.',
    )
    // Blocked: the answer never reached them
    h.fake.blockedChats.add(user.id)
    const lost = h.u.staffText(manager, topicId, 'Ждём вас в пятницу')
    await h.send(lost)
    await h.flush()
    expect(await unsend(h, manager, topicId, idOf(lost))).toEqual({
      text: '🗑 Удалять нечего: до клиента это сообщение не дошло (почему — в теме выше).',
      under: idOf(lost),
    })
    expect(h.fake.callsOf('deleteMessage')).toEqual([])
  })

  it('a colleague’s answer is its author’s or an owner’s to take back', async () => {
    const h = harness()
    const { user, client, topicId, manager, colleague } = await withTopic(h)
    const answer = h.u.staffText(colleague, topicId, 'Смета во вложении')
    await h.send(answer)
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(answer)]) as [number]
    expect(await unsend(h, manager, topicId, idOf(answer))).toEqual({
      text: '🗑 Не удалено: это ответ коллеги (Ольга). Удалить его у клиента может только автор или владелец.',
      under: idOf(answer),
    })
    expect(shownTo(h, user.id, copy)).toBe(true)
    expect((await unsend(h, h.u.user(OWNER_ID, { first_name: 'Владелец' }), topicId, idOf(answer))).text).toBe(
      `🗑 Удалено у клиента.\n${UNANSWERED}`,
    )
    expect(shownTo(h, user.id, copy)).toBe(false)
  })

  it('someone taken off the team cannot: roles are checked on every command', async () => {
    const h = harness()
    const { user, client, topicId, manager } = await withTopic(h)
    const answer = h.u.staffText(manager, topicId, 'Смета во вложении')
    await h.send(answer)
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(answer)]) as [number]
    h.deps.services.staff.remove(MANAGER_ID)
    await unsend(h, manager, topicId, idOf(answer))
    expect(shownTo(h, user.id, copy)).toBe(true)
    expect(h.fake.callsOf('deleteMessage')).toEqual([])
  })

  it('«Правка не передана» says how to take an answer back', async () => {
    const h = harness()
    const { topicId, manager } = await withTopic(h)
    const answer = h.u.staffText(manager, topicId, 'Цена — 500 USD')
    await h.send(answer)
    await h.flush()
    await h.send(h.u.edited(manager, idOf(answer), '// не тому клиенту', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    expect(lastPost(h).text).toBe(
      '✏️ Правка не передана: у клиента осталось прежнее сообщение. Заметку или команду отправьте новым сообщением, а забрать сообщение у клиента — ответьте на него /unsend.',
    )
  })
})

function idOfClient(h: Harness, telegramId: number): number {
  return (findClientByTelegramId(h.deps.db, telegramId) as ClientRow).id
}

describe('/unsend for a client who writes to the owner’s account (Telegram Business)', () => {
  const CONNECTION = 'bc-olga'

  async function businessClient(rights: Record<string, boolean>) {
    const h = harness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Иван')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Иван' })
    const user = h.u.user(7_700_011, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION, rights: rights as never }))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Здравствуйте! Сколько стоит сайт?'))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const answer = h.u.staffText(manager, client.topicId as number, 'Анна, сайт — от 40 000 ₽')
    await h.send(answer)
    await h.flush()
    const [copy] = copiesOf(h, client.id, [idOf(answer)]) as [number]
    const shown = () => h.fake.business.chat(CONNECTION, user.id).messages.get(copy)?.deleted !== true
    return { h, owner, manager, user, client, topicId: client.topicId as number, answer, copy, shown }
  }

  it('with the right to delete what the bot sent, it goes from the owner’s chat', async () => {
    const { h, manager, topicId, answer, copy, shown } = await businessClient({
      can_reply: true,
      can_read_messages: true,
      can_delete_outgoing_messages: true,
    })
    expect(shown()).toBe(true)
    expect(await unsend(h, manager, topicId, idOf(answer))).toEqual({
      text: `🗑 Удалено у клиента.\n${UNANSWERED}`,
      under: idOf(answer),
    })
    expect(h.fake.callsOf('deleteBusinessMessages').map((c) => c.payload)).toEqual([
      { business_connection_id: CONNECTION, message_ids: [copy] },
    ])
    expect(shown()).toBe(false)
  })

  it('without it, only the account’s owner can delete it there; what the owner typed there is theirs to delete', async () => {
    const { h, owner, manager, user, client, topicId, answer, shown } = await businessClient({
      can_reply: true,
      can_read_messages: true,
    })
    expect(await unsend(h, manager, topicId, idOf(answer))).toEqual({
      text: '🗑 Не удалено: клиент пишет в аккаунт владельца (Ольга (@olga)), а у бота там нет права удалять сообщения. Удалить сообщение может только владелец аккаунта — в своём Telegram.',
      under: idOf(answer),
    })
    expect(shown()).toBe(true)
    expect(h.fake.callsOf('deleteBusinessMessages')).toEqual([])

    // The owner's own words, shown in the topic by the bot
    await h.send(h.u.businessMessage(owner, CONNECTION, user.id, 'Анна, это Ольга, перезвоню'))
    await h.flush()
    const shownInTopic = (
      h.deps.sqlite
        .prepare("select topic_message_id as id from messages where client_id = ? and text like 'Анна, это Ольга%'")
        .get(client.id) as { id: number }
    ).id
    expect((await unsend(h, manager, topicId, shownInTopic)).text).toBe(
      '🗑 Это сообщение владелец написал клиенту сам, из своего Telegram: удалить его может только он — там же.',
    )
  })
})

/** /stats' response times, as the owner's report computes them. */
function responseStats(h: Harness) {
  const content = h.deps.content.get()
  return statsReport(h.deps.db, {
    period: '7d',
    now: h.clock.now(),
    slaMinutes: content.handoff.sla_minutes,
    calendar: businessCalendar(content),
    retentionWindowMs: 30 * 24 * HOUR,
    unoffered: [],
  }).stats.responses
}

/** /today's lines about who waits for the team's answer. */
async function waitingToday(h: Harness): Promise<string[]> {
  await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
  await h.flush()
  const lines = String(
    h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('📅'))?.payload.text,
  ).split('\n')
  const at = lines.findIndex((l) => l.startsWith('💬 Ждут ответа команды'))
  return at < 0 ? [] : lines.slice(at, lines.indexOf('', at) < 0 ? undefined : lines.indexOf('', at))
}

/** The topic's alerts that nobody answered in time, and its reminders that the client still waits. */
const alerts = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))

describe('an answer taken back answers nothing', () => {
  it('the only answer: the request waits for its first answer again — its title, /today, the alert at its answer time, /stats — and the next answer is the first', async () => {
    const h = harness()
    const { client, topicId, manager } = await withTopic(h)
    const request = () => h.deps.services.handoff.current(client.id)
    const openedAt = request()?.openedAt as number
    h.clock.advance(2 * MINUTE)
    const wrong = h.u.staffText(manager, topicId, 'Ваш заказ №17 на 84 000 ₽ готов, Светлана')
    await h.send(wrong)
    await h.flush()
    expect(request()).toMatchObject({ firstResponseAt: openedAt + 2 * MINUTE, firstResponderId: MANAGER_ID })
    expect(topicState(h, topicId).name).toMatch(/^💬/)

    h.clock.advance(MINUTE)
    expect(await unsend(h, manager, topicId, idOf(wrong))).toEqual({
      text: `🗑 Удалено у клиента.\n${UNANSWERED}`,
      under: idOf(wrong),
    })
    expect(request()).toMatchObject({ firstResponseAt: null, firstResponderId: null, lastAnswerAt: null })
    expect(topicState(h, topicId).name).toMatch(/^🟡/)
    expect(await waitingToday(h)).toEqual([
      '💬 Ждут ответа команды (1):',
      expect.stringMatching(/Мария #1<\/a> — новый запрос, ждёт 3 мин \(с 12:00\) · ведёт Иван$/),
    ])
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 0 })
    expect(h.deps.sqlite.prepare("select count(*) as n from events where type = 'answered_in_sla'").get()).toEqual({
      n: 0,
    })

    // Its answer time passes unanswered: the team is alerted, as if no answer had come
    h.clock.set(openedAt + 16 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toEqual([expect.stringMatching(/^⏰ Никто не ответил/)])
    expect(topicState(h, topicId).name).toMatch(/^🔴/)

    // The next answer that reaches her is the first
    h.clock.set(openedAt + 20 * MINUTE)
    await h.send(h.u.staffText(manager, topicId, 'Мария, добрый день! Смотрю ваш вопрос.'))
    await h.flush()
    expect(request()).toMatchObject({ firstResponseAt: openedAt + 20 * MINUTE, firstResponderId: MANAGER_ID })
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 1, withinSla: 0, slaDue: 1, medianMinutes: 20 })
    expect(h.errors()).toEqual([])
  })

  it('a colleague answered too: the first answer not taken back is the first', async () => {
    const h = harness()
    const { client, topicId, manager, colleague } = await withTopic(h)
    const openedAt = h.deps.services.handoff.current(client.id)?.openedAt as number
    h.clock.advance(2 * MINUTE)
    const wrong = h.u.staffText(manager, topicId, 'Ваш заказ №17 готов, Светлана')
    await h.send(wrong)
    await h.flush()
    h.clock.advance(3 * MINUTE)
    await h.send(h.u.staffText(colleague, topicId, 'Мария, добрый день! Сайт — от 40 000 ₽.'))
    await h.flush()

    expect(await unsend(h, manager, topicId, idOf(wrong))).toEqual({ text: '🗑 Удалено у клиента.', under: idOf(wrong) })
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      firstResponseAt: openedAt + 5 * MINUTE,
      firstResponderId: COLLEAGUE_ID,
      lastAnswerAt: openedAt + 5 * MINUTE,
    })
    expect(topicState(h, topicId).name).toMatch(/^💬/)
    expect(responseStats(h)).toMatchObject({ answered: 1, withinSla: 1, medianMinutes: 5 })
    expect(h.deps.sqlite.prepare("select count(*) as n from events where type = 'answered_in_sla'").get()).toEqual({
      n: 1,
    })
    // Nothing waits to alert anyone: the request is answered
    h.clock.advance(HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toEqual([])
  })

  it('alerted already, then answered and the answer taken back: red again, and the check of the time promised to the client finds it unanswered', async () => {
    const h = harness()
    const { client, topicId, manager } = await withTopic(h)
    const openedAt = h.deps.services.handoff.current(client.id)?.openedAt as number
    h.clock.set(openedAt + 16 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toHaveLength(1)
    const answer = h.u.staffText(manager, topicId, 'Простите за ожидание! Ваш заказ №17 готов.')
    await h.send(answer)
    await h.flush()
    expect(topicState(h, topicId).name).toMatch(/^💬/)

    expect((await unsend(h, manager, topicId, idOf(answer))).text).toBe(`🗑 Удалено у клиента.\n${UNANSWERED}`)
    expect(topicState(h, topicId).name).toMatch(/^🔴/)
    // The time the client was promised with the apology (12:31) passes unanswered: the team hears it
    h.clock.set(openedAt + 32 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toEqual([
      expect.stringMatching(/^⏰ Никто не ответил/),
      expect.stringMatching(/клиенту обещали ответ до 12:31 — ответа всё ещё нет \(ждёт с 12:00\)\.$/),
    ])
    expect(h.errors()).toEqual([])
  })

  it('alerted already, its checks over, the answer taken back: the team hears the client still waits, one answer time on', async () => {
    const h = harness()
    const { client, topicId, manager } = await withTopic(h)
    const openedAt = h.deps.services.handoff.current(client.id)?.openedAt as number
    h.clock.set(openedAt + 16 * MINUTE)
    await h.deps.scheduler.runDue()
    const answer = h.u.staffText(manager, topicId, 'Простите за ожидание! Ваш заказ №17 готов.')
    await h.send(answer)
    await h.flush()
    // The time promised to the client (12:31) comes: answered, nothing more is checked
    h.clock.set(openedAt + 40 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toHaveLength(1)

    expect((await unsend(h, manager, topicId, idOf(answer))).text).toBe(`🗑 Удалено у клиента.\n${UNANSWERED}`)
    h.clock.advance(14 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toHaveLength(1)
    h.clock.advance(2 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(alerts(h, topicId)).toEqual([
      expect.stringMatching(/^⏰ Никто не ответил/),
      expect.stringMatching(/Иван<\/a>, клиент всё ещё ждёт ответа \(с 12:00\)\.$/),
    ])
    expect(h.errors()).toEqual([])
  })
})

describe('/unsend under what went to the client through the bot', () => {
  /** The last post in the topic that starts with `start`, by its id there. */
  function postId(h: Harness, start: string): number {
    const call = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text ?? '').startsWith(start))
    const id = (call?.result as { message_id?: number } | undefined)?.message_id
    if (id === undefined) throw new Error(`no post starting with ${start}`)
    return id
  }
  /** The last message the client got from the bot, by its id in their chat. */
  const lastTo = (h: Harness, chatId: number) =>
    (h.fake.sentTo(chatId).at(-1)?.result as { message_id: number } | undefined)?.message_id ?? 0

  it('a saved reply is the manager’s answer: replied to the post that shows it went out, it is deleted at the client, and it answers nothing', async () => {
    const h = harness()
    const { user, client, topicId, manager, colleague } = await withTopic(h)
    await h.send(h.u.staffText(manager, topicId, '/r hello'))
    await h.flush()
    const copy = lastTo(h, user.id)
    const echo = postId(h, '📤 Клиенту отправлен шаблон «hello»')
    expect(h.deps.services.handoff.current(client.id)?.firstResponderId).toBe(MANAGER_ID)

    // A colleague's, as any answer
    expect((await unsend(h, colleague, topicId, echo)).text).toBe(
      '🗑 Не удалено: это ответ коллеги (Иван). Удалить его у клиента может только автор или владелец.',
    )
    expect(await unsend(h, manager, topicId, echo)).toEqual({
      text: `🗑 Удалено у клиента.\n${UNANSWERED}`,
      under: echo,
    })
    expect(shownTo(h, user.id, copy)).toBe(false)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null })
    expect(topicState(h, topicId).name).toMatch(/^🟡/)
    expect(h.errors()).toEqual([])
  })

  it('the bot’s own words, a call offered on /offer, an invoice: each stays, and the topic says the true reason', async () => {
    const h = harness()
    const { user, topicId, manager } = await withTopic(h)
    // What the bot itself told her ("your question is with the managers already"), shown in the topic
    await h.send(h.u.text(user, '/manager'))
    await h.flush()
    const said = postId(h, '🙋 Клиент снова просит менеджера')
    expect(
      String(
        h.fake.sentTo(STAFF_GROUP_ID).find((c) => (c.result as { message_id?: number }).message_id === said)?.payload
          .text,
      ),
    ).toContain('🤖 Бот отправил клиенту: Мария, ваш вопрос уже у менеджеров')
    expect((await unsend(h, manager, topicId, said)).text).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это бот сам написал клиенту.',
    )

    await h.send(h.u.staffText(manager, topicId, '/offer'))
    await h.flush()
    const offer = lastTo(h, user.id)
    const offered = postId(h, '📤')
    expect(await unsend(h, manager, topicId, offered)).toEqual({
      text: '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сообщение бота, ушедшее клиенту по команде (например, предложение звонка, запись или перенос звонка). Если оно ушло по ошибке, напишите клиенту об этом новым сообщением, а запись на звонок, если она есть, отмените.',
      under: offered,
    })
    expect(shownTo(h, user.id, offer)).toBe(true)

    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 лендинг'))
    await h.flush()
    const invoice = lastTo(h, user.id)
    const summary = postId(h, '🧾')
    expect((await unsend(h, manager, topicId, summary)).text).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сводка счёта для команды. Чтобы отозвать неоплаченный счёт, отмените его кнопкой под сводкой — клиенту придёт, что счёт отменён.',
    )
    expect(shownTo(h, user.id, invoice)).toBe(true)
    expect(h.fake.callsOf('deleteMessage')).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('under a paid invoice’s summary, which has no cancel button, it says what is left to do: a refund; under a cancelled one, nothing', async () => {
    const h = harness()
    const { user, topicId, manager } = await withTopic(h)
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 правки'))
    await h.flush()
    const cancelled = postId(h, '🧾')
    await h.send(
      h.u.callback(manager, 'pay:cancel:1', { chatId: STAFF_GROUP_ID, messageId: cancelled, threadId: topicId }),
    )
    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    expect(h.deps.sqlite.prepare('select status from orders where id = 1').get()).toEqual({ status: 'cancelled' })
    expect((await unsend(h, manager, topicId, cancelled)).text).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сводка счёта для команды: счёт уже отменён, отзывать нечего.',
    )
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 лендинг'))
    await h.flush()
    const summary = postId(h, '🧾')
    await h.send(h.u.staffText(manager, topicId, '/paid 2'))
    await h.flush()
    // (The summary lost its cancel button when the invoice was paid)
    expect(JSON.stringify(h.fake.keyboardOf(STAFF_GROUP_ID, summary) ?? null)).not.toContain('pay:cancel')
    expect((await unsend(h, manager, topicId, summary)).text).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сводка оплаченного счёта для команды: отменить его уже нельзя. Если деньги нужно вернуть — /refund 2 (от менеджера это просьба владельцу).',
    )
    expect(h.fake.textsTo(user.id).some((t) => t.includes('/unsend'))).toBe(false)
    expect(h.errors()).toEqual([])
  })
})
