import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { messagesPut } from '../../src/sandbox/telegram/rate-limits.ts'
import { mention, sendThroughOutbox, settle } from '../helpers/desk.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { cardEdits } from '../helpers/handoff.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { ownerStats, statsLines } from '../helpers/stats.ts'

const SVETA = 5_100_002
const OLEG = 5_100_003

function setUp(options: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(options)
  h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
  h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
  return { h, sveta: h.u.user(SVETA, { first_name: 'Светлана' }), oleg: h.u.user(OLEG, { first_name: 'Олег' }) }
}

/** A command in the staff group's General topic. */
const general = (h: Harness, from: ReturnType<Harness['u']['user']>, text: string) =>
  h.u.text(from, text, { chatId: STAFF_GROUP_ID })

async function newRequest(h: Harness, id: number) {
  const user = h.u.user(id, { first_name: `Клиент${id}` })
  await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, client, topicId: client.topicId! }
}

/** The buttons' labels under a message the group got. */
const buttonsOf = (call: ApiCall | undefined): string[] =>
  (call?.payload.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text)

/** The topic's answer-time alert, as sent. */
const slaAlert = (h: Harness, topicId: number) =>
  h.fake.sentTo(STAFF_GROUP_ID, topicId).find((c) => String(c.payload.text ?? '').startsWith('⏰ Никто не ответил'))

/** The owner's /stats for the last week: its managers' lines. */
async function managerLines(h: Harness): Promise<string[]> {
  return statsLines(await ownerStats(h)).filter((l) => l.startsWith('• '))
}

describe('who is on duty', () => {
  it('/duty on and off answer in the group through the outbox; new requests go round-robin and the assignee is mentioned', async () => {
    const { h, sveta, oleg } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      `🟢 ${mention(SVETA, 'Светлана')} на дежурстве: новые запросы будут приходить по очереди — до 19:00, конца рабочего дня (понедельник, 23 ноября), потом дежурство закончится само.\nНа дежурстве: Светлана.`,
    )
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.message_thread_id).toBeUndefined()
    await sendThroughOutbox(h, general(h, oleg, '/duty on'))

    const assigned: number[] = []
    const topics: number[] = []
    for (const id of [4101, 4102, 4103]) {
      const { client, topicId } = await newRequest(h, id)
      const manager = h.deps.services.handoff.current(client.id)!.managerId!
      assigned.push(manager)
      topics.push(topicId)
      const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
      const name = manager === SVETA ? 'Светлана' : 'Олег'
      // The card mentions them (Telegram notifies a mentioned member), no notice of its own; nobody is asked to "take" it
      expect(texts.find((t) => t.includes('ведёт:'))).toContain(
        `ведёт: ${mention(manager, name)} — по очереди дежурных`,
      )
      expect(texts.join('\n')).not.toContain('этот запрос ваш')
      expect(
        h.fake.sentTo(STAFF_GROUP_ID, topicId).flatMap((c) => c.payload.reply_markup?.inline_keyboard ?? []),
      ).toEqual([])
      // The client is told who answers
      expect(h.fake.textsTo(findClientByTelegramId(h.deps.db, id)!.telegramId!).at(-1)).toContain(
        `Вашим вопросом займётся ${name}`,
      )
    }
    expect(assigned).toEqual([SVETA, OLEG, SVETA])

    await sendThroughOutbox(h, general(h, sveta, '/duty off'))
    await h.drain()
    // The two the rota gave her are still hers: how to hand them over, under it, and who of them
    // waits for an answer now (both, unanswered since they asked), each a tap from their topic
    const topic = (n: number) => `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topics[n]}`
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      [
        `⚪️ ${mention(SVETA, 'Светлана')} больше не на дежурстве.`,
        'ℹ️ Вы ещё ведёте 2 открытых запроса. Передать их коллеге: /handover и имя коллеги.',
        `⏳ <a href="${topic(0)}">Клиент4101 #1</a> ждёт ответа с 12:00`,
        `⏳ <a href="${topic(2)}">Клиент4103 #3</a> ждёт ответа с 12:00`,
        'На дежурстве: Олег.',
      ].join('\n'),
    )
    const next = await newRequest(h, 4104)
    const after = await newRequest(h, 4105)
    expect([next, after].map(({ client }) => h.deps.services.handoff.current(client.id)?.managerId)).toEqual([
      OLEG,
      OLEG,
    ])
  })

  it('a new request the rota gives someone costs the group no message more than one nobody leads: its card names and mentions them', async () => {
    const { h, sveta, oleg } = setUp()
    /** A new request, and how many of the group's 20 messages a minute it took (a topic, a pin, an edit count). */
    const costed = async (id: number) => {
      const before = h.fake.calls.length
      const request = await newRequest(h, id)
      const put = h.fake.calls
        .slice(before)
        .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
        .reduce((sum, c) => sum + messagesPut(c.method, c.payload), 0)
      return { ...request, put }
    }
    const shared = await costed(4601)
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    await settle(h)
    const given = await costed(4602)
    expect(h.deps.services.handoff.current(given.client.id)?.managerId).toBe(SVETA)
    expect(given.put).toBe(shared.put)
    // The card, its first message, mentions her (which notifies her) and says why it is hers; no notice of its own
    const [card] = h.fake.sentTo(STAFF_GROUP_ID, given.topicId)
    expect(card?.payload.parse_mode).toBe('HTML')
    expect(String(card?.payload.text).split('\n')).toContain(
      `👤 ведёт: ${mention(SVETA, 'Светлана')} — по очереди дежурных`,
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, given.topicId).join('\n')).not.toContain('этот запрос ваш')
    // Edited later (her answer), the card names her as any card does: an edit notifies nobody
    await sendThroughOutbox(h, h.u.staffText(sveta, given.topicId, 'Здравствуйте! Сейчас посмотрю.'))
    await settle(h)
    const edited = cardEdits(h).at(-1)
    expect(edited?.split('\n')).toContain('👤 ведёт: Светлана')
    expect(edited).not.toContain(`tg://user?id=${SVETA}`)

    // The client's own manager on duty keeps them: the card says so, not "in turn"
    const anna = h.u.user(4603, { first_name: 'Анна' })
    await sendThroughOutbox(h, h.u.text(anna, '/start'))
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, anna.id)!.id, { managerId: OLEG })
    await sendThroughOutbox(h, general(h, oleg, '/duty on'), h.u.text(anna, '/manager'))
    await settle(h)
    const own = findClientByTelegramId(h.deps.db, anna.id)!
    expect(h.deps.services.handoff.current(own.id)?.managerId).toBe(OLEG)
    const ownCard = h.fake.sentTo(STAFF_GROUP_ID, own.topicId!)[0]
    expect(String(ownCard?.payload.text).split('\n')).toContain(
      `👤 ведёт: ${mention(OLEG, 'Олег')} — постоянный менеджер клиента, на дежурстве`,
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, own.topicId!).join('\n')).not.toContain('по очереди дежурных')

    // /card posts it again as any card: no mention, nobody notified again
    await sendThroughOutbox(h, h.u.staffText(oleg, own.topicId!, '/card'))
    await settle(h)
    const reposted = h.fake.sentTo(STAFF_GROUP_ID, own.topicId!).at(-1)
    expect(reposted?.method).toBe('sendMessage')
    expect(String(reposted?.payload.text).split('\n')).toContain('👤 ведёт: Олег')
    expect(String(reposted?.payload.text)).not.toContain(`tg://user?id=${OLEG}`)

    // /forget: the card with the mention becomes a note like any card (the topic kept: no right to delete)
    h.fake.botRights.can_delete_messages = false
    const firstCardId = (card?.result as { message_id: number } | undefined)?.message_id
    expect(firstCardId).toBeDefined()
    await forgetData(h, h.u.user(4602))
    await settle(h)
    const erased = h.fake
      .callsOf('editMessageText')
      .filter((c) => c.ok && c.payload.message_id === firstCardId)
      .at(-1)
    expect(String(erased?.payload.text)).not.toContain('Светлана')
    expect(String(erased?.payload.text)).not.toContain('Клиент4602')
    expect(h.errors()).toEqual([])
  })

  it('a new topic made by a message queued before the request: its card is posted plainly, and the one the rota gave it is told by a notice', async () => {
    const { h, sveta } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    await settle(h)
    const anna = h.u.user(4701, { first_name: 'Анна' })
    await sendThroughOutbox(h, h.u.text(anna, '/start'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, anna.id)!
    // Queued for her topic before she asks (the group busy): delivered first, it makes the topic and the card
    h.deps.services.handoff.route.post(client.id, { text: 'Заметка для команды' })
    await sendThroughOutbox(h, h.u.text(anna, '/manager'))
    await settle(h)
    const topicId = findClientByTelegramId(h.deps.db, anna.id)!.topicId!
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(
      texts.filter((t) => t === `👤 ${mention(SVETA, 'Светлана')}, этот запрос ваш — по очереди дежурных.`),
    ).toHaveLength(1)
    expect(texts.find((t) => t.includes('ведёт:'))).toContain('👤 ведёт: Светлана')
    expect(h.errors()).toEqual([])
  })

  it('a duty is a shift: it ends with the day it covers, and one begun at night covers the next working day', async () => {
    const { h, sveta, oleg } = setUp()
    // Monday 12:00: Светлана on duty for Monday
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    const monday = await newRequest(h, 4111)
    expect(h.deps.services.handoff.current(monday.client.id)?.managerId).toBe(SVETA)
    // Tuesday 10:00: nobody said /duty off, and nobody is on duty: the whole group sees a new request
    h.clock.set('2026-11-24T07:00Z')
    const tuesday = await newRequest(h, 4112)
    expect(h.deps.services.handoff.current(tuesday.client.id)?.managerId).toBeNull()
    await sendThroughOutbox(h, general(h, oleg, '/duty'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Сейчас никто не на дежурстве')
    // Sunday 22:00, a day off: the duty is for Monday morning
    h.clock.set('2026-11-29T19:00Z')
    await sendThroughOutbox(h, general(h, oleg, '/duty on'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('до 19:00, конца рабочего дня (понедельник, 30 ноября)')
    h.clock.set('2026-11-30T08:00Z')
    const next = await newRequest(h, 4113)
    expect(h.deps.services.handoff.current(next.client.id)?.managerId).toBe(OLEG)
    // Not a day further than that: a duty begun well before the next working day (Saturday
    // evening, Sunday off) is that day's, not Monday's
    h.clock.set('2026-12-05T19:00Z')
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('до конца дня (суббота, 5 декабря)')
    expect(h.errors()).toEqual([])
  })

  it('a duty begun in the morning ends at closing: a request at night names nobody to the client, and the morning alert offers the take button', async () => {
    const { h, sveta, oleg } = setUp()
    // Monday 10:40: Светлана on duty, until the team closes at 19:00
    h.clock.set('2026-12-07T07:40Z')
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      `🟢 ${mention(SVETA, 'Светлана')} на дежурстве: новые запросы будут приходить по очереди — до 19:00, конца рабочего дня (понедельник, 7 декабря), потом дежурство закончится само.\nНа дежурстве: Светлана.`,
    )
    // 21:30, closed since 19:00: her duty is over, the request is the whole group's
    h.clock.set('2026-12-07T18:30Z')
    const { user, client, topicId } = await newRequest(h, 4501)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBeNull()
    const told = h.fake.textsTo(user.id).at(-1)
    expect(told).toContain('Сейчас мы не работаем')
    expect(told).not.toContain('Светлана')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('по очереди дежурных')
    // Tuesday 09:00: nobody on duty, and nobody leads the request
    h.clock.set('2026-12-08T06:00Z')
    await sendThroughOutbox(h, general(h, oleg, '/duty'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Сейчас никто не на дежурстве')
    // 10:15: the alert offers the take button; the miss is nobody's
    h.clock.set('2026-12-08T07:15Z')
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(buttonsOf(slaAlert(h, topicId))).toContain('🙋 Беру клиента')
    expect(await managerLines(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a request the rota gave someone whose duty is over when its answer time runs out: the alert offers it to the group, and the miss is not theirs', async () => {
    const { h, sveta, oleg } = setUp()
    h.clock.set('2026-12-07T07:40Z') // Monday 10:40
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    // 18:50: hers, to answer by 10:05 tomorrow (ten minutes today, five tomorrow)
    h.clock.set('2026-12-07T15:50Z')
    const { client, topicId } = await newRequest(h, 4502)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    // Tuesday 10:05: she has not said /duty on again, nor has anyone else
    h.clock.set('2026-12-08T07:06Z')
    await h.deps.scheduler.runDue()
    await settle(h)
    const alert = slaAlert(h, topicId)
    expect(alert).toBeDefined()
    expect(buttonsOf(alert)).toContain('🙋 Беру клиента')
    expect(String(alert?.payload.text)).toContain('Светлана сейчас не на дежурстве')
    expect(h.deps.services.handoff.leadOf(client.id)).toBeUndefined()
    // The client is still hers: one late answer after her shift takes no client from her
    expect(h.deps.services.clients.get(client.id)?.managerId).toBe(SVETA)
    // Олег takes it and answers: the miss is nobody's — the request was the whole group's when it
    // went late, and his line says it waited there, not that it came to him late from anyone
    await h.send(h.u.callback(oleg, alert?.payload.reply_markup?.inline_keyboard[0][0].callback_data))
    await sendThroughOutbox(h, h.u.staffText(oleg, topicId, 'Здравствуйте! Простите за ожидание.'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
    const lines = await managerLines(h)
    expect(lines.some((l) => l.startsWith('• Светлана'))).toBe(false)
    expect(lines.find((l) => l.startsWith('• Олег'))).toContain(
      'обращений 1 (из них 1 ждало в группе: к сроку его никто не взял, ответ через 0 мин после срока)',
    )
    expect(h.errors()).toEqual([])
  })

  it('one who says /duty off at the end of her shift, as the docs say, is not blamed for a request the rota gave her before', async () => {
    const { h, sveta } = setUp()
    h.clock.set('2026-12-07T07:40Z') // Monday 10:40
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    // 18:50: hers; 19:00 she ends her shift herself
    h.clock.set('2026-12-07T15:50Z')
    const { client, topicId } = await newRequest(h, 4504)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    h.clock.set('2026-12-07T16:00Z')
    await sendThroughOutbox(h, general(h, sveta, '/duty off'))
    // Tuesday 10:05: the answer time runs out — the group's, with the take button
    h.clock.set('2026-12-08T07:06Z')
    await h.deps.scheduler.runDue()
    await settle(h)
    const alert = slaAlert(h, topicId)
    expect(buttonsOf(alert)).toContain('🙋 Беру клиента')
    expect(String(alert?.payload.text)).toContain('Светлана сейчас не на дежурстве')
    expect(h.deps.services.clients.get(client.id)?.managerId).toBe(SVETA)
    expect(h.errors()).toEqual([])
  })

  it('an SLA breach re-assigns the request to the next one on duty and tells the owner', async () => {
    const { h, sveta, oleg } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty on'), general(h, oleg, '/duty on'))
    const { client, topicId } = await newRequest(h, 4201)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)

    h.clock.advance(16 * 60_000)
    const before = h.fake.calls.length
    await h.deps.scheduler.runDue()
    expect(h.fake.calls.slice(before).filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)).toEqual([])
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContainEqual(
      expect.stringContaining(`🔄 Никто не ответил вовремя — передаю запрос дежурному: ${mention(OLEG, 'Олег')}.`),
    )
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(` #${client.id}</a> ждёт ответа менеджера дольше 15 мин`)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(`Запрос передан дежурному: ${mention(OLEG, 'Олег')}.`)
  })

  it('an SLA breach with nobody else on duty names the one who leads the request: it stays theirs', async () => {
    const { h, sveta } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty on'))
    const { client, topicId } = await newRequest(h, 4202)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('⏰ Никто не ответил'))
    expect(alert?.split('\n')[1]).toBe(
      `👤 ${mention(SVETA, 'Светлана')}, запрос остаётся за вами: передать его некому — других дежурных сейчас нет.`,
    )
  })

  it('a team that does not use /duty: a missed answer time on a request someone leads says nothing of duty', async () => {
    const { h, sveta } = setUp()
    const { client, topicId } = await newRequest(h, 4203)
    await sendThroughOutbox(h, h.u.staffText(sveta, topicId, '/assign'))
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('⏰ Никто не ответил'))
    expect(alert).toBeDefined()
    expect(alert).not.toContain('дежурных')
    // Still someone's: they are mentioned, or the alert reads as nobody's (and has no take button)
    expect(alert?.split('\n')[1]).toBe(`👤 ${mention(SVETA, 'Светлана')}, это ваш клиент — ответьте ему.`)
  })

  it('the time promised to the client after a miss is watched: unanswered by it, the lead and the owners are told again, each working day, until an answer', async () => {
    const { h, sveta, oleg } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty on'), general(h, oleg, '/duty on'))
    const { user, client, topicId } = await newRequest(h, 4202)
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    // The client was promised an answer by 12:31
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 12:31')
    const promiseNotes = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('обещали ответ до'))
    expect(promiseNotes()).toEqual([])

    // 12:32, still nobody: Oleg, who leads it now, is mentioned; the owners hear it too
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(promiseNotes()).toEqual([
      `⏰ ${mention(OLEG, 'Олег')}, клиенту обещали ответ до 12:31 — ответа всё ещё нет (ждёт с 12:00).`,
    ])
    // How long the client has waited, so a repeat on the next day does not read as the same news
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      ` #${client.id}</a>: ответа к обещанному времени (12:31) так и нет, ждёт с 12:00.`,
    )
    // The client is apologised to once a wait, the team at work: keeping the promise is the team's
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('простите'))).toHaveLength(1)

    // The next working day, again; an answer ends it
    h.clock.advance(24 * 60 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(promiseNotes()).toHaveLength(2)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('ответить не получилось'))).toHaveLength(0)
    await sendThroughOutbox(h, h.u.staffText(oleg, topicId, 'Здравствуйте! Простите за ожидание.'))
    await settle(h)
    h.clock.advance(3 * 24 * 60 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(promiseNotes()).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('with nobody on duty the whole group sees a new request and anyone takes it, as before', async () => {
    const { h, sveta } = setUp()
    await sendThroughOutbox(h, general(h, sveta, '/duty'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Сейчас никто не на дежурстве')
    const { client, topicId } = await newRequest(h, 4301)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBeNull()
    const claim = h.fake.sentTo(STAFF_GROUP_ID, topicId).flatMap((c) => c.payload.reply_markup?.inline_keyboard ?? [])
    expect(claim.flat().map((b: { text: string }) => b.text)).toContain('🙋 Беру клиента')
    // The SLA alert without anyone on duty re-assigns nobody
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBeNull()
    expect(h.fake.lastTextTo(OWNER_ID)).not.toContain('передан')
  })

  it('only staff: anyone else is refused, through the outbox too', async () => {
    const { h } = setUp()
    const stranger = h.u.user(4999)
    await sendThroughOutbox(h, general(h, stranger, '/duty on'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')
    expect(h.deps.services.duty.roster(STAFF_GROUP_ID)).toEqual([])
    await sendThroughOutbox(h, general(h, h.u.user(SVETA), '/duty maybe'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/duty on — начать дежурство')
  })

  it("with several staff groups duty is per group: each group's requests go to those on duty there", async () => {
    const SECOND = -1009876543210
    const content = demoContent()
    const { h, sveta, oleg } = setUp({
      config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND}` },
      content: { ...content, handoff: { ...content.handoff, groups: [{ group: SECOND, languages: ['en'] }] } },
    })
    await sendThroughOutbox(h, general(h, sveta, '/duty on'), h.u.text(oleg, '/duty on', { chatId: SECOND }))
    await h.drain()
    expect(h.fake.lastTextTo(SECOND)).toContain('На дежурстве: Олег.')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('На дежурстве: Светлана.')

    const vera = await newRequest(h, 4401)
    const john = h.u.user(4402, { first_name: 'John', language_code: 'en' })
    await sendThroughOutbox(h, h.u.text(john, '/start'), h.u.text(john, '/manager'))
    await settle(h)
    const johnClient = findClientByTelegramId(h.deps.db, john.id)!
    expect(johnClient.staffGroupId).toBe(SECOND)
    expect(h.deps.services.handoff.current(vera.client.id)?.managerId).toBe(SVETA)
    expect(h.deps.services.handoff.current(johnClient.id)?.managerId).toBe(OLEG)
    expect(h.fake.textsTo(SECOND, johnClient.topicId!)).toContainEqual(expect.stringContaining(mention(OLEG, 'Олег')))

    // Oleg off duty in the second group: its requests go to the whole group again, Sveta is not borrowed
    await sendThroughOutbox(h, h.u.text(oleg, '/duty off', { chatId: SECOND }))
    const jane = h.u.user(4403, { first_name: 'Jane', language_code: 'en' })
    await sendThroughOutbox(h, h.u.text(jane, '/start'), h.u.text(jane, '/manager'))
    await settle(h)
    const janeClient = findClientByTelegramId(h.deps.db, jane.id)!
    expect(janeClient.staffGroupId).toBe(SECOND)
    expect(h.deps.services.handoff.current(janeClient.id)?.managerId).toBeNull()
  })
})
