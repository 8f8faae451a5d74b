import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { outbox } from '../../db/schema.ts'
import { book } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { cardEdits } from '../helpers/handoff.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, forgetData, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

/** Monday 12:00 in Moscow, inside working hours. */
const h0 = () => createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })

/** A client asks for a manager and nobody answers for 15 minutes: the SLA job has run. */
async function missedAnswer(h: Harness, who: { id: number; first_name: string; last_name?: string }) {
  const { id, ...name } = who
  const user = h.u.user(id, name)
  await h.send(h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)!
  h.clock.advance(15 * 60_000)
  expect(await h.deps.scheduler.runDue()).toBe(1)
  await h.drain()
  return { h, user, client }
}

/** The client asks for a person, nobody answers in 15 minutes: the apology they get. */
async function apologyAfterManager(h: Harness, user: ReturnType<Harness['u']['user']>): Promise<string> {
  await h.send(h.u.text(user, '/manager'))
  await h.drain()
  h.clock.advance(15 * 60_000)
  await h.deps.scheduler.runDue()
  return h.fake.textsTo(user.id).find((t) => t.includes('простите, что заставляем ждать')) ?? ''
}

describe('SLA of a handoff (demo hours: Mon–Fri 10–19, Sat 11–16, Moscow; 15 minutes)', () => {
  it('inside working hours: nothing before the deadline; at it the client, the topic and the owner hear', async () => {
    // Monday 12:00 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const user = h.u.user(1201, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    h.fake.clearCalls()

    h.clock.advance(14 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(0)
    h.clock.advance(60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    const apology = h.fake.lastTextTo(user.id)
    expect(apology).toContain('Ира, простите, что заставляем ждать')
    expect(apology).toContain(
      'Ответим до 12:30 (Москва, UTC+3). Если удобнее, закажите звонок — перезвоним в выбранное время.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:main'])

    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Никто не ответил за 15 мин (клиент ждёт с 12:00). Клиенту отправлены извинения и новый срок — 12:30.',
    )
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('ждёт ответа менеджера дольше 15 мин')
    // Past the time promised, still unanswered: the team is reminded, the client is not
    // apologised to again (one apology a wait, the team at work); the next day the team again
    h.clock.advance(60 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Клиенту обещали ответ до 12:30')
    expect(await h.deps.scheduler.runDue()).toBe(0)
    h.clock.advance(24 * 60 * 60_000)
    // The team's reminder, and the owners' message of the day at the opening
    expect(await h.deps.scheduler.runDue()).toBe(2)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('простите'))).toHaveLength(1)
  })

  it('a client who wrote at night is apologised to once at the opening, not twice fifteen minutes apart; the owners hear both times', async () => {
    // Monday 23:40 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-23T20:40:00Z') })
    const user = h.u.user(1240, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('вернёмся завтра в 10:00 и ответим до 10:15')
    // Tuesday 10:15: the apology, with a new time
    h.clock.set('2026-11-24T07:15:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Ира, простите, что заставляем ждать — менеджеры сейчас заняты. Ответим до 10:30',
    )
    const toClient = h.fake.textsTo(user.id).length
    const owners = h.fake.textsTo(OWNER_ID).length
    // 10:30, still unanswered: the team and the owners are told; the client is not apologised to again
    h.clock.set('2026-11-24T07:30:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Клиенту обещали ответ до 10:30 — ответа всё ещё нет',
    )
    expect(h.fake.textsTo(OWNER_ID).slice(owners).join('\n')).toContain('ответа к обещанному времени (10:30) так и нет')
  })

  it('a request held on its way to the group (Telegram holds the busy group): the answer time counts from when it reached the group, and the alert says so', async () => {
    const h = h0()
    const user = h.u.user(1230, { first_name: 'Ира' })
    // 12:00: the group is at Telegram's limit, which holds it for twenty minutes
    h.fake.tooManyRequests({ chatId: STAFF_GROUP_ID }, 20 * 60)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 12:15')
    const alerts = () => h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.startsWith('⏰'))
    const apologies = () => h.fake.textsTo(user.id).filter((t) => t.includes('простите'))
    const ownersTold = () => h.fake.textsTo(OWNER_ID).filter((t) => t.includes('ждёт ответа менеджера'))

    // 12:15: nobody in the group has seen the request yet: no alert, no apology, no owner told
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.callsOf('createForumTopic').filter((c) => c.ok)).toEqual([])
    expect([alerts(), apologies(), ownersTold()]).toEqual([[], [], []])

    // 12:20: it reaches the group, with the fifteen minutes the team has from now on the card
    h.clock.advance(5 * 60_000)
    await h.drain()
    await h.deps.scheduler.runDue()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)[0]).toContain('⏳ ждёт ответа — ответить до пн, 23 нояб., 12:35')
    // 12:34: still within them
    h.clock.advance(14 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect([alerts(), apologies(), ownersTold()]).toEqual([[], [], []])

    // 12:35: fifteen minutes in the group and nobody answered: the team, the owners and the client hear
    h.clock.advance(60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    expect(alerts()).toEqual([
      expect.stringContaining(
        '⏰ Никто не ответил за 15 мин (клиент ждёт с 12:00, запрос в группе с 12:20). Клиенту отправлены извинения и новый срок — 12:50.',
      ),
    ])
    expect(apologies()).toEqual([expect.stringContaining('Ответим до 12:50')])
    expect(ownersTold()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a new request of a client with a topic, held on its way: its notice gives the time the team has from when it arrives', async () => {
    const h = h0()
    const { user, topicId } = await clientWithTopic(h, 1231)
    h.fake.tooManyRequests({ chatId: STAFF_GROUP_ID }, 10 * 60)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 12:15')
    h.clock.advance(10 * 60_000)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('🔔'))).toMatch(
      /^🔔 Новый запрос: .*\. Ответить до 12:25\.$/,
    )
    // Asking again meanwhile, the client is told that time too
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 12:25')
    h.clock.advance(5 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))).toEqual([])
    h.clock.advance(10 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))).toEqual([
      expect.stringContaining('⏰ Никто не ответил за 15 мин (клиент ждёт с 12:00, запрос в группе с 12:10).'),
    ])
  })

  it('the team is reminded of the missed time even when the client’s message about it may not have arrived, and only once', async () => {
    // Saturday 15:30 Moscow (open 11–16): the apology at 15:45 promises 16:00, the closing time,
    // so at 16:00 the client is told when the team is back
    const saturday = () => createHarness({ clock: createFakeClock('2026-11-28T12:30:00Z') })
    const h = saturday()
    const user = h.u.user(1212, { first_name: 'Ира' })
    expect(await apologyAfterManager(h, user)).toContain('Ответим до 16:00')
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const reminders = () =>
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('Клиенту обещали ответ до'))
    // The connection drops once the client's message left (as a crash right after it would):
    // it is not sent again, and the team is reminded all the same
    const dropped = h.fake.dropAfterDelivery('sendMessage', (p) => p.chat_id === user.id)
    h.clock.advance(20 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(dropped()).toBe(true)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('ответить не получилось'))).toHaveLength(1)
    expect(reminders()).toHaveLength(1)
    // …and the next working day (Monday) again
    h.clock.advance(2 * 24 * 60 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(reminders()).toHaveLength(2)

    // Telegram down for the client's message: it is tried again, the team reminded once
    const again = saturday()
    const olga = again.u.user(1213, { first_name: 'Ольга' })
    await apologyAfterManager(again, olga)
    await again.drain()
    const olgasTopic = findClientByTelegramId(again.deps.db, olga.id)!.topicId!
    const down = again.clock.now() + 25 * 60_000
    again.fake.fail({
      method: 'sendMessage',
      chatId: olga.id,
      error_code: 500,
      description: 'Internal Server Error',
      times: Number.POSITIVE_INFINITY,
      where: () => again.clock.now() < down,
    })
    for (let minute = 0; minute < 40; minute++) {
      again.clock.advance(60_000)
      await again.deps.scheduler.runDue()
      await again.drain()
    }
    expect(again.fake.textsTo(olga.id).filter((t) => t.includes('ответить не получилось'))).toHaveLength(1)
    expect(
      again.fake.textsTo(STAFF_GROUP_ID, olgasTopic).filter((t) => t.includes('Клиенту обещали ответ до 16:00')),
    ).toHaveLength(1)
  })

  it('a client who blocked the bot after the apology hears nothing more; the team is still told the time passed', async () => {
    // Monday 12:00 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const user = h.u.user(1211, { first_name: 'Ира' })
    expect(await apologyAfterManager(h, user)).toContain('Ответим до 12:30')
    await h.drain()
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    h.clock.advance(20 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('ответить не получилось'))).toEqual([])
    // …and that an answer from the topic would not reach them now: a call is the way left
    const reminder = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(reminder).toContain('Клиенту обещали ответ до 12:30')
    expect(reminder).toContain('Клиент заблокировал бота: ответ отсюда до него не дойдёт')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Клиент заблокировал бота')
  })

  it('past the time promised on a Saturday, after closing: the client hears when the team is back, not silence until Monday', async () => {
    // Saturday 15:30 Moscow (open 11–16): the apology at 15:45 promises 16:00, the closing time
    const h = createHarness({ clock: createFakeClock('2026-11-28T12:30:00Z') })
    const user = h.u.user(1210, { first_name: 'Дмитрий' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('Дмитрий, простите, что заставляем ждать')
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 16:00')
    // 16:00, closed now, nobody answered: back on Monday at 10:00, said now
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Дмитрий, простите — к 16:00 ответить не получилось, а сейчас мы уже не работаем\. Вернёмся 30 ноября в 10:00 \(Москва, UTC\+3\) и сразу ответим\. Если удобнее, закажите звонок/,
    )
  })

  it('opened at 17:05 on a weekday (open till 19:00): at 17:20 the apology gives a new time, not the end of the day', async () => {
    // Monday 17:05 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-23T14:05:00Z') })
    const user = h.u.user(1220, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 17:20 (Москва, UTC+3).')
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Ира, простите, что заставляем ждать — менеджеры сейчас заняты. Ответим до 17:35 (Москва, UTC+3). Если удобнее, закажите звонок — перезвоним в выбранное время.',
    )
    // 17:35 unanswered, the team at work: the team hears it, the client is not apologised to twice
    const told = h.fake.textsTo(user.id).length
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
  })

  it('opened on Saturday at 15:50, ten minutes before closing: the time given and the apology are on Monday', async () => {
    // Saturday 15:50 Moscow (open 11–16): 10 working minutes left, 5 more on Monday from 10:00
    const h = createHarness({ clock: createFakeClock('2026-11-28T12:50:00Z') })
    const user = h.u.user(1221, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до пн, 30 нояб., 10:05 (Москва, UTC+3).')
    // Nothing at closing, nor on Sunday: the deadline is Monday's
    h.clock.set('2026-11-30T07:04:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(0)
    h.clock.advance(60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Ира, простите, что заставляем ждать — менеджеры сейчас заняты. Ответим до 10:20 (Москва, UTC+3). Если удобнее, закажите звонок — перезвоним в выбранное время.',
    )
  })

  it('a deadline in the night of the client’s own zone: the apology waits for their morning, and what follows cites only what they were told', async () => {
    // Monday 17:05 Moscow; the client is in Novosibirsk (UTC+7), where the deadline, 17:20, is 21:20
    const h = createHarness({ clock: createFakeClock('2026-11-23T14:05:00Z') })
    const user = h.u.user(1222, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id).find((b) => b.text === 'Новосибирск, UTC+7')!.data!))
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 17:20 (Москва, UTC+3; у вас 21:20).')
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Извинения и новый срок клиент получит в вт, 24 нояб., 5:00 (у клиента 9:00), когда закончатся тихие часы.',
    )
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('простите'))).toEqual([])

    // 09:00 in Novosibirsk, 05:00 in Moscow: the working day ended unanswered, and the team is
    // back today on both clocks
    h.clock.set('2026-11-24T02:00:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Ира, простите, что не успели ответить до конца рабочего дня. Вернёмся сегодня в 10:00 (Москва, UTC+3; у вас 14:00) и сразу ответим. Если удобнее, закажите звонок — перезвоним в выбранное время.',
    )
    // 10:15, one answer time after the return, still unanswered: the return is cited, not 10:15,
    // which nobody told her
    h.clock.set('2026-11-24T07:14:00Z')
    // (The owners' message of the day, at 10:00)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    const apologised = h.fake.textsTo(user.id).length
    h.clock.advance(60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await h.drain()
    // One apology a wait: the team is at work, the promise is theirs to keep
    expect(h.fake.textsTo(user.id)).toHaveLength(apologised)
    // The team reads the same promise
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Клиенту обещали ответить сразу, как вернёмся (10:00) — ответа всё ещё нет (ждёт с пн, 23 нояб., 17:05), и запрос никто не ведёт: возьмите его.',
    )
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      'ждёт с пн, 23 нояб., 17:05: ответить обещали сразу, как вернёмся (10:00), но ответа так и нет.',
    )
    // A working day later the team hears it again, and the client is not written to
    const told = h.fake.textsTo(user.id).length
    h.clock.advance(24 * 60 * 60_000)
    // The team's reminder, and the owners' message of the day at the opening
    expect(await h.deps.scheduler.runDue()).toBe(2)
    await h.drain()
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Клиенту обещали ответить сразу, как вернёмся (')
  })

  it('a deadline at closing time: the apology the same evening says “tomorrow”, and the follow-up cites the return', async () => {
    // Monday 18:45 Moscow → deadline 19:00 exactly
    const h = createHarness({ clock: createFakeClock('2026-11-23T15:45:00Z') })
    const user = h.u.user(1223, { first_name: 'Лена' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    h.clock.set('2026-11-23T16:00:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Лена, простите, что не успели ответить до конца рабочего дня. Вернёмся завтра в 10:00 (Москва, UTC+3) и сразу ответим. Если удобнее, закажите звонок — перезвоним в выбранное время.',
    )
    // The team reads what the client was told, and by when they are to answer
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Никто не ответил'))).toContain(
      'Клиенту отправлены извинения и обещание ответить сразу, как вернёмся (вт, 24 нояб., 10:00); ответить нужно до вт, 24 нояб., 10:15.',
    )
    const apologised = h.fake.textsTo(user.id).length
    h.clock.set('2026-11-24T07:15:00Z') // Tuesday 10:15
    // With the owners' message of the day, at 10:00
    expect(await h.deps.scheduler.runDue()).toBe(2)
    await h.drain()
    // The team reads the return cited; the client, apologised to once, is not written to again
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Клиенту обещали ответить сразу, как вернёмся (10:00)',
    )
    expect(h.fake.textsTo(user.id)).toHaveLength(apologised)
  })

  it('a client with a call booked is reminded of it, not offered to book one', async () => {
    const h = h0()
    const user = h.u.user(1207, { first_name: 'Ира' })
    // Monday 12:00: a call at 17:00 (14:00 UTC), then a question for a person
    await book(h, user, { day: '2026-11-23', slot: '2026-11-23T14:00Z' })
    const apology = await apologyAfterManager(h, user)
    expect(apology).toMatch(
      /Ответим до 12:30 \(Москва, UTC\+3\)\. Звонок, который вы заказали, в силе: .*17:00.* \(Москва, UTC\+3\)\.$/,
    )
    expect(apology).not.toContain('закажите звонок')
    const under = h.fake.sentTo(user.id).find((c) => String(c.payload.text).includes('простите'))
    expect(buttonsOf(under?.payload).map((b) => b.data)).toEqual(['menu:mine', 'menu:main'])
  })

  it('a client who asked to be called back is told it is remembered, not offered to book a call, in the apology', async () => {
    const h = h0()
    const user = h.u.user(1209, { first_name: 'Мария' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Перезвоните +7 916 555-12-34'))
    await h.drain()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    const apologies = h.fake.textsTo(user.id).filter((t) => t.includes('простите'))
    expect(apologies).toHaveLength(1)
    for (const apology of apologies) {
      expect(apology).toMatch(/ Вы просили перезвонить — мы помним: менеджер позвонит, как только освободится\.$/)
    }
    const under = h.fake.sentTo(user.id).filter((c) => String(c.payload.text).includes('простите'))
    expect(under.map((c) => buttonsOf(c.payload).map((b) => b.data))).toEqual([['menu:main']])
    // Asked with no number the bot knows: a call it cannot make is not promised; booking asks for one
    const other = h.u.user(1210, { first_name: 'Олег' })
    await h.send(h.u.text(other, '/start'), h.u.text(other, 'Перезвоните мне, пожалуйста'))
    await h.drain()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    const apology = h.fake.textsTo(other.id).find((t) => t.includes('простите')) ?? ''
    expect(apology).toContain('закажите звонок')
    expect(apology).not.toContain('Вы просили перезвонить')
  })

  it('a callback asked for and then taken back in words, or its booked call cancelled, is not promised in the apology', async () => {
    const h = h0()
    const remembered = 'Вы просили перезвонить'
    // Asked in the request's words, then "не надо звонить" before anyone answered
    const said = h.u.user(1212, { first_name: 'Анна' })
    await h.send(h.u.text(said, '/start'), h.u.text(said, 'Перезвоните +7 916 555-12-34'))
    await h.drain()
    h.clock.advance(5 * 60_000)
    await h.send(h.u.text(said, 'Ой, звонить не надо, лучше напишите сюда'))
    await h.drain()
    // In English too
    const english = h.u.user(1215, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(english, '/start'), h.u.text(english, 'please call me back, +7 916 555-77-88'))
    await h.drain()
    h.clock.advance(60_000)
    await h.send(h.u.text(english, 'actually no need to call, just write here'))
    await h.drain()
    // Asked in words, then a call booked for 15:00 and cancelled with its button
    const booked = h.u.user(1213, { first_name: 'Вера' })
    await h.send(h.u.text(booked, '/start'), h.u.text(booked, 'Перезвоните мне, пожалуйста, +7 916 555-43-21'))
    await h.drain()
    const call = await book(h, booked, { day: '2026-11-23', slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(booked, `bkm:cancel:${call.id}`), h.u.callback(booked, `bkm:cancelyes:${call.id}`))
    await h.drain()
    expect(h.deps.services.booking.get(call.id)?.status).toBe('cancelled')
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    const sorry = h.fake.textsTo(english.id).find((t) => t.includes('sorry')) ?? ''
    expect(sorry).toContain('sorry to keep you waiting')
    expect(sorry).not.toContain('You asked us to call you back')
    for (const user of [said, booked]) {
      const apology = h.fake.textsTo(user.id).find((t) => t.includes('простите')) ?? ''
      expect(apology, user.first_name).toContain('простите, что заставляем ждать')
      expect(apology, user.first_name).not.toContain(remembered)
      expect(apology, user.first_name).not.toContain('Звонок, который вы заказали')
    }
    // Asked again after cancelling: remembered as asked
    const again = h.u.user(1214, { first_name: 'Ира' })
    await h.send(h.u.text(again, '/start'), h.u.text(again, 'Перезвоните +7 916 555-00-11'))
    await h.drain()
    h.clock.advance(60_000)
    await h.send(h.u.text(again, 'не надо звонить'))
    h.clock.advance(60_000)
    await h.send(h.u.text(again, 'хотя нет, всё-таки перезвоните'))
    await h.drain()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(again.id).find((t) => t.includes('простите'))).toContain(remembered)
    expect(h.errors()).toEqual([])
  })

  it.each([
    {
      lang: 'ru',
      pieces: ['здравствуйте', 'хотела узнать', 'есть окошко на ноготочки сегодня?'],
      asked: 'и перезвоните мне пожалуйста в 11:30, +7 916 111-22-33',
      remembered: / Вы просили перезвонить — мы помним: менеджер позвонит, как только освободится\.$/,
      offered: 'закажите звонок',
    },
    {
      lang: 'en',
      pieces: ['hello', 'i wanted to ask', 'any nail slots today?'],
      asked: 'and please call me back at 11:30, +7 916 111-22-33',
      remembered:
        / You asked us to call you back — we have not forgotten: a manager will call as soon as one is free\.$/,
      offered: 'book a call',
    },
  ])(
    'a callback asked in the request’s second message ($lang): its number is on the card, the apology remembers it',
    async ({ lang, pieces, asked, remembered, offered }) => {
      const h = h0()
      const user = h.u.user(1211, { first_name: 'Мария', language_code: lang })
      await h.send(h.u.text(user, '/start'))
      for (const piece of pieces) {
        h.clock.advance(2_000)
        await h.send(h.u.text(user, piece))
      }
      await h.drain()
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'question' })
      h.clock.advance(4_000)
      await h.send(h.u.text(user, asked))
      await h.drain()
      // Her number, typed in her open request, is on her card as one typed before it would be
      expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161112233')
      expect(cardEdits(h).at(-1)).toContain('+7 916 111 22 33')
      h.clock.advance(15 * 60_000)
      await h.deps.scheduler.runDue()
      await h.drain()
      const apology = h.fake.textsTo(user.id).at(-1) ?? ''
      expect(apology).toMatch(remembered)
      expect(apology).not.toContain(offered)
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main'])
      expect(h.errors()).toEqual([])
    },
  )

  it('a "call me now" already past its time is said to be late, not to stand', async () => {
    const h = h0()
    const user = h.u.user(1208, { first_name: 'Ира' })
    // 12:00: call me now (by 12:15); nobody calls; 12:20 she asks for a person
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+7 916 123-45-67'))
    h.clock.advance(20 * 60_000)
    const apology = await apologyAfterManager(h, user)
    expect(apology).toMatch(
      /Мы обещали перезвонить до 12:15 \(Москва, UTC\+3\) и задерживаемся: позвоним, как только освободимся\.$/,
    )
    expect(apology).not.toContain('в силе')
  })

  it('the owner’s alert writes a client’s number as /find takes it, without a thousands separator', async () => {
    const h = h0()
    // A business past its thousandth client
    h.deps.sqlite.prepare("delete from sqlite_sequence where name = 'clients'").run()
    h.deps.sqlite.prepare("insert into sqlite_sequence (name, seq) values ('clients', 1233)").run()
    const { client } = await missedAnswer(h, { id: 1209, first_name: 'Вера' })
    expect(client.id).toBe(1234)
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/^⏰ Клиент <a href="[^"]+">Вера #1234<\/a> ждёт ответа менеджера/)
  })

  it('the owner’s alert names the client as the team’s lists do, their name opening their topic; their /forget deletes it', async () => {
    const { h, user, client } = await missedAnswer(h0(), { id: 1206, first_name: 'Евлампия', last_name: 'Кузякина' })
    // The name is the link: a tap opens the client's topic in the staff group, not a search for #N
    const topic = `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${client.topicId}`
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `⏰ Клиент <a href="${topic}">Евлампия Кузякина #${client.id}</a> ждёт ответа менеджера дольше 15 мин.`,
    )
    const alert = (h.fake.sentTo(OWNER_ID).at(-1)?.result as { message_id: number } | undefined)?.message_id ?? -1

    h.clock.advance(5 * 60_000)
    await forgetData(h, user)
    await h.drain()
    // Within Telegram's 48 hours: gone from the owner's chat, and nothing there names her
    expect(h.fake.callsOf('deleteMessages').some((c) => Number(c.payload.chat_id) === OWNER_ID)).toBe(true)
    expect(h.fake.emulator.chat(OWNER_ID).messages.get(alert)?.deleted).toBe(true)
    const shown = [...h.fake.emulator.chat(OWNER_ID).messages.values()]
      .filter((m) => !m.deleted)
      .map((m) => m.message.text ?? m.message.caption ?? '')
      .join('\n')
    expect(shown).not.toContain('Евлампия')
    expect(shown).not.toContain('Кузякина')
    expect(h.errors()).toEqual([])
  })

  it('an owner’s alert older than Telegram lets the bot delete: the client’s /forget edits it into the note', async () => {
    const { h, user, client } = await missedAnswer(h0(), { id: 1207, first_name: 'Евлампия', last_name: 'Кузякина' })
    const alert = (h.fake.sentTo(OWNER_ID).at(-1)?.result as { message_id: number } | undefined)?.message_id ?? -1
    // Answered, and three days on she erases her data
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client.topicId!, 'Здравствуйте!'))
    h.clock.advance(3 * 24 * 60 * 60_000)
    await forgetData(h, user)
    await h.drain()
    const shown = h.fake.emulator.chat(OWNER_ID).messages.get(alert)
    expect(shown?.deleted).toBeFalsy()
    expect(shown?.message.text).toBe('🗑 Удалено: клиент удалил свои данные (/forget).')
    const all = [...h.fake.emulator.chat(OWNER_ID).messages.values()].map((m) => m.message.text ?? '').join('\n')
    expect(all).not.toContain('Кузякина')
    expect(h.errors()).toEqual([])
  })

  it('clients who miss their answer time at the same minute: the owner gets one message naming each, with their links', async () => {
    const h = h0()
    const people = [
      h.u.user(1221, { first_name: 'Ира' }),
      h.u.user(1222, { first_name: 'Олег' }),
      h.u.user(1223, { first_name: 'Вера' }),
    ]
    for (const user of people) await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const clients = people.map((user) => findClientByTelegramId(h.deps.db, user.id)!)
    h.fake.clearCalls()
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(3)
    await h.drain()

    const toOwner = h.fake.sentTo(OWNER_ID)
    expect(toOwner).toHaveLength(1)
    const group = String(STAFF_GROUP_ID).replace('-100', '')
    const alertOf = (c: (typeof clients)[number], name: string) =>
      `⏰ Клиент <a href="https://t.me/c/${group}/${c.topicId}">${name} #${c.id}</a> ждёт ответа менеджера дольше 15 мин.`
    expect(toOwner[0]?.payload.text).toBe(clients.map((c, i) => alertOf(c, people[i]?.first_name ?? '')).join('\n\n'))
    // Each alert is recorded as delivered once, as that one message
    const rows = h.deps.db.select().from(outbox).where(eq(outbox.method, 'owner_alert')).all()
    expect(rows.map((r) => [r.clientId, r.status, r.resultMessageId])).toEqual(
      clients.map((c) => [c.id, 'sent', (toOwner[0]?.result as { message_id: number } | undefined)?.message_id]),
    )
    expect(h.errors()).toEqual([])
  })

  it('an owner who blocked the bot misses the alert; the client’s topic does not say the client blocked it', async () => {
    const h = h0()
    await h.send(h.u.text(h.u.user(OWNER_ID), '/start'))
    h.fake.blockedChats.add(OWNER_ID)
    const { user, client } = await missedAnswer(h, { id: 1207, first_name: 'Ира' })
    // The client got the apology: they blocked nobody
    expect(h.fake.lastTextTo(user.id)).toContain('Ира, простите, что заставляем ждать')
    expect(findClientByTelegramId(h.deps.db, user.id)!.blockedAt).toBeNull()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).join('\n')
    expect(topic).toContain('Никто не ответил за 15 мин')
    expect(topic).not.toContain('Не доставлено')
    // It is the owner who blocked the bot
    expect(findClientByTelegramId(h.deps.db, OWNER_ID)!.blockedAt).not.toBeNull()
  })

  it('a co-owner who never opened the bot’s chat misses the alert; the client’s topic is not told it failed', async () => {
    const coOwner = 990_001
    const h = createHarness({
      clock: createFakeClock('2026-11-23T09:00:00Z'),
      config: { OWNER_IDS: `${OWNER_ID},${coOwner}` },
    })
    h.fake.fail({
      method: 'sendMessage',
      chatId: coOwner,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
      times: 10,
    })
    const { client } = await missedAnswer(h, { id: 1208, first_name: 'Ира' })
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('ждёт ответа менеджера дольше 15 мин')
    const topic = h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).join('\n')
    expect(topic).toContain('Никто не ответил за 15 мин')
    expect(topic).not.toContain('Не доставлено')
  })

  it('the alert offers "take this client" until someone does: then the button comes off the alert', async () => {
    const { h, client } = await missedAnswer(h0(), { id: 1205, first_name: 'Ира' })

    const group = h.fake.emulator.chats.get(STAFF_GROUP_ID)!
    const alert = () =>
      [...group.messages.values()].find((m) => m.message.text?.includes('Никто не ответил за 15 мин'))?.message
    const claim = `hclaim:${client.id}`
    const buttons = () =>
      alert()
        ?.reply_markup?.inline_keyboard.flat()
        .map((b) => ('callback_data' in b ? b.callback_data : b.text))
    expect(buttons()).toEqual([claim])

    // A manager takes the client from the alert itself
    const manager = h.u.user(OWNER_ID, { first_name: 'Олег' })
    const claimFromAlert = () =>
      h.send(
        h.u.callback(manager, claim, {
          chatId: STAFF_GROUP_ID,
          messageId: alert()!.message_id,
          threadId: client.topicId!,
        }),
      )
    await claimFromAlert()
    await h.drain()
    expect(buttons() ?? []).toEqual([])
    expect(h.fake.callsOf('editMessageReplyMarkup').map((c) => c.payload.message_id)).toEqual([alert()!.message_id])
    // The card has no button left either, and a second claim changes nothing more
    await claimFromAlert()
    await h.drain()
    expect(h.fake.callsOf('editMessageReplyMarkup')).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('"take this client" pressed after the request was closed is out of date: nobody is taken, the button comes off', async () => {
    const { h, client } = await missedAnswer(h0(), { id: 1210, first_name: 'Пётр' })
    const topicId = client.topicId!
    const alert = h.fake.messageWithButton(STAFF_GROUP_ID, `hclaim:${client.id}`)!
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force спам'))
    await h.drain()
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length

    await h.send(
      h.u.callback(h.u.user(OWNER_ID), `hclaim:${client.id}`, {
        chatId: STAFF_GROUP_ID,
        messageId: alert,
        threadId: topicId,
      }),
    )
    await h.drain()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Эта кнопка уже неактуальна.')
    expect(h.deps.services.clients.get(client.id)?.managerId).toBeNull()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(topic)
    expect(h.fake.callsOf('editMessageReplyMarkup').map((c) => c.payload.message_id)).toEqual([alert])
    const shown = h.fake.emulator.chats.get(STAFF_GROUP_ID)!.messages.get(alert)!.message
    expect(shown.text).toContain('Никто не ответил за 15 мин')
    expect(shown.reply_markup?.inline_keyboard.flat() ?? []).toEqual([])
  })

  it('opened on Friday evening: the client is told when the team is back; the alert fires on Saturday', async () => {
    // Friday 18:55 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-27T15:55:00Z') })
    const user = h.u.user(1202, { first_name: 'Пётр' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    // 5 minutes on Friday + 10 on Saturday from 11:00
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до сб, 28 нояб., 11:10')

    h.clock.set('2026-11-27T16:30:00Z') // Friday 19:30: closed, nothing yet
    const message = h.u.text(user, 'Я подожду')
    await h.send(message)
    expect(h.fake.lastTextTo(user.id)).not.toContain('Я бот и лучше понимаю кнопки')
    expect(await h.deps.scheduler.runDue()).toBe(0)

    h.clock.set('2026-11-28T08:10:00Z') // Saturday 11:10
    expect(await h.deps.scheduler.runDue()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toContain('Ответим до 11:25')
  })

  it('a deadline caught up in quiet hours (the bot was down): staff hear at once, the client in the morning', async () => {
    // Monday 18:40 Moscow → deadline 18:55; the bot is back only at 23:30, inside quiet hours (21–09)
    const h = createHarness({ clock: createFakeClock('2026-11-23T15:40:00Z') })
    const user = h.u.user(1210, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    h.fake.clearCalls()
    h.clock.set('2026-11-23T20:30:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    // The alert says when the client hears, not that they already did
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Никто не ответил за 15 мин')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'клиент получит в вт, 24 нояб., 9:00, когда закончатся тихие часы',
    )
    expect(h.fake.textsTo(user.id)).toEqual([])

    h.clock.set('2026-11-24T06:00:00Z') // Tuesday 09:00: quiet hours are over
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id)).toEqual([
      expect.stringContaining('Ира, простите, что не успели ответить до конца рабочего дня. Вернёмся сегодня в 10:00'),
    ])
    // The alert is not repeated
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('Никто не ответил'))).toHaveLength(1)
  })

  it('an apology held back by quiet hours is not sent once a manager answered in the night', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T15:40:00Z') })
    const user = h.u.user(1211, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    h.fake.clearCalls()
    h.clock.set('2026-11-23T20:30:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id)).toEqual([])
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Здравствуйте! Смотрю ваш вопрос'))
    await h.drain()
    h.fake.clearCalls()
    h.clock.set('2026-11-24T06:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id)).toEqual([])
  })

  it('outside working hours the opening message says when the team is back', async () => {
    // Sunday 14:00 Moscow
    const h = createHarness({ clock: createFakeClock('2026-11-29T11:00:00Z') })
    const user = h.u.user(1204, { first_name: 'Ян' })
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем: вернёмся завтра в 10:00 и ответим до 10:15')
  })

  it('a manager answering in time cancels the alert and counts as answered within SLA', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const user = h.u.user(1205)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    h.clock.advance(5 * 60_000)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client.topicId!, 'Здравствуйте!'))
    // An answer counts once it reached the client
    await h.drain()
    h.clock.advance(60 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(0)
    const events = h.deps.sqlite
      .prepare("select type from events where type like '%sla%' or type like 'handoff%' order by id")
      .all()
    expect(events).toEqual([{ type: 'handoff_opened' }, { type: 'answered_in_sla' }])
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: h.clock.now() - 60 * 60_000 })
  })

  it('a command that writes to the client is an answer in time: /offer, /invoice (no apology, no alert)', async () => {
    for (const [id, command, client] of [
      [1208, '/offer', 'менеджер предлагает созвониться'],
      [1209, '/invoice 45000 landing', 'вот ваш счёт'],
    ] as const) {
      const h = h0()
      const user = h.u.user(id, { first_name: 'Зоя' })
      await h.send(h.u.text(user, '/manager'))
      await h.drain()
      const { id: clientId, topicId } = findClientByTelegramId(h.deps.db, user.id)!
      h.clock.advance(2 * 60_000)
      await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId!, command))
      await h.drain()
      expect(h.fake.lastTextTo(user.id)).toContain(client)

      h.clock.advance(30 * 60_000)
      expect(await h.deps.scheduler.runDue()).toBe(0)
      await h.drain()
      expect(h.fake.textsTo(user.id).join('\n')).not.toContain('простите, что заставляем ждать')
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId!).join('\n')).not.toContain('Никто не ответил')
      expect(h.deps.services.handoff.current(clientId)).toMatchObject({ firstResponderId: OWNER_ID })
      expect(h.deps.sqlite.prepare("select count(*) as n from events where type = 'answered_in_sla'").get()).toEqual({
        n: 1,
      })
    }
  })

  it('asked "Is your question solved?" before anyone answered: a "No" puts the request back on the clock', async () => {
    const h = h0()
    const user = h.u.user(1207, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    // The manager asks at once, without a word to the client (they may have called)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client.topicId!, '/close'))
    await h.drain()
    const alerts = () =>
      h.fake.textsTo(STAFF_GROUP_ID, client.topicId!).filter((t) => t.includes('Никто не ответил')).length
    // The deadline passes while the question waits for the client: nobody is alerted
    h.clock.advance(20 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(alerts()).toBe(0)

    // "No": the client waits for an answer again, and nobody has given one yet
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[1]!.data!))
    await h.drain()
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(alerts()).toBe(1)
    expect(h.fake.lastTextTo(user.id)).toContain('Ира, простите, что заставляем ждать')
  })

  it('a late first answer is recorded but not counted as within SLA', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const user = h.u.user(1206)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    h.clock.advance(20 * 60_000)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client.topicId!, 'Простите за ожидание'))
    await h.drain()
    expect(h.deps.sqlite.prepare("select count(*) as n from events where type = 'answered_in_sla'").get()).toEqual({
      n: 0,
    })
    expect(h.deps.services.handoff.current(client.id)?.firstResponderId).toBe(OWNER_ID)
  })

  it('one of the clients an owner’s one message names erases their data: the message is edited to the others, as they went', async () => {
    const h = h0()
    const people = [
      h.u.user(1241, { first_name: 'Ира' }),
      h.u.user(1242, { first_name: 'Олег', last_name: 'Кузякин' }),
      h.u.user(1243, { first_name: 'Вера' }),
    ]
    for (const user of people) await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const [ira, oleg, vera] = people.map((user) => findClientByTelegramId(h.deps.db, user.id)!)
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(3)
    await h.drain()
    const sent = h.fake.sentTo(OWNER_ID)
    expect(sent).toHaveLength(1)
    const messageId = (sent[0]?.result as { message_id: number } | undefined)?.message_id ?? -1
    const group = String(STAFF_GROUP_ID).replace('-100', '')
    const alertOf = (c: NonNullable<typeof ira>, name: string) =>
      `⏰ Клиент <a href="https://t.me/c/${group}/${c.topicId}">${name} #${c.id}</a> ждёт ответа менеджера дольше 15 мин.`

    h.clock.advance(60_000)
    await forgetData(h, people[1]!)
    await h.drain()
    // The message stays, without Олег: Ира's and Вера's alerts as they went, and nothing deleted
    const edit = h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.chat_id) === OWNER_ID)
    expect(edit.map((c) => [c.payload.message_id, c.payload.text])).toEqual([
      [messageId, [alertOf(ira!, 'Ира'), alertOf(vera!, 'Вера')].join('\n\n')],
    ])
    expect(h.fake.emulator.chat(OWNER_ID).messages.get(messageId)?.deleted).toBeFalsy()
    const shown = [...h.fake.emulator.chat(OWNER_ID).messages.values()].map((m) => m.message.text ?? '').join('\n')
    expect(shown).not.toContain('Олег')
    expect(shown).not.toContain(`#${oleg!.id}`)
    // Nothing is told to the owner about it: nothing was left behind
    expect(h.fake.sentTo(OWNER_ID)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})

describe('owner alerts queued together go as one message', () => {
  /** An alert to the owner whose text is `size` characters of its file name (and a few more). */
  const long = (h: Harness, size: number, mark: string) =>
    h.deps.services.handoff.route.tellPerson(OWNER_ID, [
      { key: 'forget-owner-export-file', args: { at: { time: h.clock.now() }, file: `${mark}${'ф'.repeat(size)}` } },
    ])

  it('within Telegram’s 4,096 characters: as few messages as fit, every alert once, in order', async () => {
    const h = h0()
    // Each alert is about 1,300 characters: three fit into a message, a fourth does not
    for (let i = 0; i < 10; i++) long(h, 1_300, `[${i}]`)
    await h.drain()
    const sent = h.fake.textsTo(OWNER_ID)
    expect(sent).toHaveLength(4)
    for (const text of sent) expect(text.length).toBeLessThanOrEqual(4096)
    expect(sent.map((t) => t.match(/\[\d\]/g))).toEqual([
      ['[0]', '[1]', '[2]'],
      ['[3]', '[4]', '[5]'],
      ['[6]', '[7]', '[8]'],
      ['[9]'],
    ])
    expect(h.errors()).toEqual([])
  })

  it('an alert with buttons goes alone, and the alerts after it wait their turn behind it', async () => {
    const h = h0()
    const route = h.deps.services.handoff.route
    long(h, 10, '[a]')
    long(h, 10, '[b]')
    route.toLane({ chatId: OWNER_ID, clientId: null }, 'owner_alert', {
      lines: [{ key: 'forget-owner-export-file', args: { at: { time: h.clock.now() }, file: '[buttons]' } }],
      buttons: [[{ text: 'OK', data: 'menu:main' }]],
    })
    long(h, 10, '[c]')
    long(h, 10, '[d]')
    await h.drain()
    expect(h.fake.textsTo(OWNER_ID).map((t) => t.match(/\[[a-z]+\]/g))).toEqual([
      ['[a]', '[b]'],
      ['[buttons]'],
      ['[c]', '[d]'],
    ])
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a client erasing their data while the alerts are on their way: their line never goes, the others do', async () => {
    const h = h0()
    const people = [h.u.user(1231, { first_name: 'Ира' }), h.u.user(1232, { first_name: 'Олег' })]
    for (const user of people) await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const [ira, oleg] = people.map((user) => findClientByTelegramId(h.deps.db, user.id)!)
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(2)
    // The one message of both alerts does not get through (Telegram's limit) while Олег erases his data
    h.fake.tooManyRequests(
      { method: 'sendMessage', chatId: OWNER_ID, where: () => h.deps.services.erasure.erase(oleg!.id) },
      5,
    )
    await h.drain()
    expect(h.fake.textsTo(OWNER_ID)).toEqual([])
    h.clock.advance(60_000)
    await h.drain()
    const alerts = h.fake.textsTo(OWNER_ID)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toContain(`Ира #${ira!.id}</a> ждёт ответа`)
    expect(alerts[0]).not.toContain(`#${oleg!.id}`)
    expect(alerts[0]).not.toContain('Олег')
    const rows = h.deps.db.select().from(outbox).where(eq(outbox.method, 'owner_alert')).all()
    expect(rows.map((r) => [r.clientId, r.status])).toEqual([[ira!.id, 'sent']])
    expect(h.errors()).toEqual([])
  })
})
