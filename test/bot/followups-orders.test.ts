/**
 * Follow-ups about an order the business took back (refunded, cancelled), and how many
 * questions a client gets in a day when several orders are done together.
 */
import { and, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { type JobRow, jobs } from '../../db/schema.ts'
import { cardLines } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MANAGER_ID = 5_000_201
const REFUNDED = '⛔ не будет отправлено: по заказу оформлен возврат'
const CANCELLED = '⛔ не будет отправлено: заказ отменён'
const CHECKIN = '«Как всё прошло?»'
const REVIEW = 'просьба об отзыве'

function jobsOf(h: Harness, kind: string): JobRow[] {
  return h.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind)))
    .orderBy(jobs.runAt, jobs.id)
    .all()
}

async function setup({ user: extra }: { user?: Partial<User> } = {}) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
  // At a person's pace: what the bot queued for the topic arrives before the next step
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.drain()
  }
  // A client who answered the news question at /start: a good rating asks it no more (as it would one who never did)
  const { user, client, topicId } = await clientWithTopic(h, 4601, {
    user: extra,
    client: { consentAt: 1, consentVersion: 'marketing-v1' },
  })
  const staff = (text: string) => h.send(h.u.staffText(manager, topicId, text))
  /** The lines of the client's /followups list, as the topic got it. */
  const listed = async (what: string): Promise<string[]> => {
    await staff('/followups')
    return h.fake
      .lastTextTo(STAFF_GROUP_ID)
      .split('\n')
      .filter((l) => /^\d+\. /.test(l) && l.includes(what))
  }
  /** The lines of the client card naming `what`. */
  const carded = (what: string): string[] =>
    cardLines(h, client.id).filter((l) => l.startsWith('• ') && l.includes(what))
  const runAt = async (at: number | string) => {
    h.clock.set(at)
    await h.deps.scheduler.runDue()
    await h.drain()
  }
  /** The questions sent to the client (not the edits that show a rating under one). */
  const asked = (what: string) =>
    h.fake
      .sentTo(user.id)
      .map((c) => String(c.payload.text ?? ''))
      .filter((t) => t.includes(what))
  /** An invoice paid and its work done; three days later its check-in has gone out: that job. */
  const checkinCame = async (): Promise<JobRow | undefined> => {
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await staff('/done')
    await runAt(h.clock.now() + 3 * DAY)
    return jobsOf(h, 'checkin')[0]
  }
  return { h, user, client, manager, topicId, staff, owner, listed, carded, runAt, asked, checkinCame }
}

describe('an order refunded or cancelled: its follow-ups are not sent, and the lists say so', () => {
  it('refunded after /done: the check-in reads "will not be sent" in /followups and on the card, and is not sent', async () => {
    const { h, staff, owner, listed, carded, runAt, asked } = await setup()
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await staff('/done')
    expect(await listed(CHECKIN)).toEqual([expect.not.stringContaining('⛔')])
    expect(carded(CHECKIN)).toEqual([expect.not.stringContaining('⛔')])

    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    expect(await listed(CHECKIN)).toEqual([expect.stringContaining(REFUNDED)])
    expect(carded(CHECKIN)).toEqual([expect.stringContaining(REFUNDED)])

    // What the list said is what happens
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([])
    expect(jobsOf(h, 'checkin')).toEqual([
      expect.objectContaining({ status: 'skipped', outcome: 'The order was refunded.' }),
    ])
  })

  it('the check-in names the work an invoice was for, not its payment: «лендинг» for "Предоплата 50% за лендинг"', async () => {
    const { h, staff, runAt, asked } = await setup()
    await staff('/invoice 22500 Предоплата 50% за лендинг')
    await staff('/paid')
    await staff('/done')
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('как всё прошло с заказом «лендинг»?')])
    // An invoice whose words are its payment alone names no work: the question in general
    const other = await setup()
    await other.staff('/invoice 5000 Аванс 30%')
    await other.staff('/paid')
    await other.staff('/done')
    await other.runAt(other.h.clock.now() + 3 * DAY)
    expect(other.asked('как всё прошло')).toEqual([expect.not.stringContaining('с заказом')])
    expect(h.errors()).toEqual([])
  })

  it('the check-in leaves out the payment\'s words at the end too: "bakery website" for "friday bakery website deposit"', async () => {
    const named = async (line: string, language: string) => {
      const one = await setup({ user: { language_code: language } })
      await one.staff(line)
      await one.staff('/paid')
      await one.staff('/done')
      await one.runAt(one.h.clock.now() + 3 * DAY)
      expect(one.h.errors()).toEqual([])
      return one.asked(language === 'en' ? 'how did it go' : 'как всё прошло')
    }
    // The due day is read off the line; the payment's word after the work was asked about
    expect(await named('/invoice £450 friday bakery website deposit', 'en')).toEqual([
      expect.stringContaining('how did it go with “bakery website”?'),
    ])
    expect(await named('/invoice £80 Balayage deposit', 'en')).toEqual([
      expect.stringContaining('how did it go with “Balayage”?'),
    ])
    expect(await named('/invoice £300 Landing page — 50% deposit', 'en')).toEqual([
      expect.stringContaining('how did it go with “Landing page”?'),
    ])
    expect(await named('/invoice £200 website balance', 'en')).toEqual([
      expect.stringContaining('how did it go with “website”?'),
    ])
    expect(await named('/invoice 20000 сайт, предоплата 50%', 'ru')).toEqual([
      expect.stringContaining('как всё прошло с заказом «сайт»?'),
    ])
    expect(await named('/invoice 112500 остаток за интернет-магазин', 'ru')).toEqual([
      expect.stringContaining('как всё прошло с заказом «интернет-магазин»?'),
    ])
  })

  it("the check-in quotes the invoice's words in their own case: «диван Milano», not «диван milano»", async () => {
    const { h, staff, runAt, asked } = await setup()
    await staff('/invoice 12000 Предоплата за диван Milano')
    await staff('/paid')
    await staff('/done')
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('как всё прошло с заказом «диван Milano»?')])
    expect(h.errors()).toEqual([])
  })

  it('refunded after the check-in went out: a good rating thanks the client and plans no review request', async () => {
    const { h, user, owner, listed, carded, asked, checkinCame } = await setup()
    const checkin = await checkinCame()
    expect(asked('как всё прошло с заказом «Правки»')).toHaveLength(1)
    await h.send(h.u.text(owner, '/refunded 1'))

    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    expect(h.fake.lastTextTo(user.id)).toContain('Спасибо')
    expect(jobsOf(h, 'review_request')).toEqual([])
    expect(await listed(REVIEW)).toEqual([])
    expect(carded(REVIEW)).toEqual([])
  })

  it('refunded after a good rating: the review request it planned reads "will not be sent", and is not sent', async () => {
    const { h, user, owner, listed, carded, runAt, asked, checkinCame } = await setup()
    const checkin = await checkinCame()
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    expect(await listed(REVIEW)).toEqual([expect.not.stringContaining('⛔')])

    await h.send(h.u.text(owner, '/refunded 1'))
    expect(await listed(REVIEW)).toEqual([expect.stringContaining(REFUNDED)])
    expect(carded(REVIEW)).toEqual([expect.stringContaining(REFUNDED)])
    await runAt(h.clock.now() + DAY)
    expect(asked('напишите пару слов о нас')).toEqual([])
  })

  it('/done for an invoice refunded before: refused with the reason, no check-in promised or planned', async () => {
    const { h, staff, owner } = await setup()
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await h.send(h.u.text(owner, '/refunded 1'))
    await staff('/done 1')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Счёт №1: по нему оформлен возврат — работу по нему не отмечаем и клиента о ней не спрашиваем.',
    )
    expect(jobsOf(h, 'checkin')).toEqual([])
    expect(h.deps.services.orders.get(1)?.doneAt).toBeNull()
  })

  it('a bare /done when every invoice was taken back: refused naming them, the client asked nothing; a new invoice is marked', async () => {
    const { h, manager, topicId, staff, owner, runAt, asked } = await setup()
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await h.send(h.u.text(owner, '/refunded 1'))
    // It used to be taken for "a client with no invoice": "✔️ Работа отмечена выполненной", and
    // a check-in, a review request after a 5 and the NPS question followed
    await staff('/done')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Счёт №1: по нему оформлен возврат — отмечать нечего, и о работе по нему клиента не спросим.',
    )
    expect(jobsOf(h, 'checkin')).toEqual([])
    expect(jobsOf(h, 'nps')).toEqual([])
    expect(h.deps.services.orders.get(1)?.doneAt).toBeNull()
    // Nor does the card say the work was handed over
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('✔️ выполнен'))).toEqual([])

    // A cancelled one is named beside it
    await staff('/invoice 2000 Доработка')
    await h.send(h.u.callback(manager, 'pay:cancelyes:2', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await staff('/done')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Отмечать нечего: все счета клиента отменены или по ним оформлен возврат (№2 — отменён, №1 — возврат), и о работе по ним клиента не спросим.',
    )
    await runAt(h.clock.now() + 31 * DAY)
    expect(asked('как всё прошло')).toEqual([])
    expect(asked('порекомендуете')).toEqual([])
    expect(jobsOf(h, 'checkin')).toEqual([])

    // A new invoice under way: a bare /done marks it, as ever
    await staff('/invoice 5000 Сайт')
    await staff('/paid')
    await staff('/done')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Работа по счёту №3 отмечена выполненной')
    expect(jobsOf(h, 'checkin').map((j) => j.dedupeKey)).toEqual(['checkin:order:3'])
    expect(h.errors()).toEqual([])
  })

  it('an invoice cancelled after /done: its check-in reads "will not be sent", and is not sent', async () => {
    const { h, manager, topicId, staff, listed, carded, runAt, asked } = await setup()
    await staff('/invoice 3000 Правки')
    await staff('/done 1')
    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.deps.services.orders.get(1)?.status).toBe('cancelled')
    expect(await listed(CHECKIN)).toEqual([expect.stringContaining(CANCELLED)])
    expect(carded(CHECKIN)).toEqual([expect.stringContaining(CANCELLED)])
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([])
  })
})

describe('one question a day', () => {
  it('two orders done together: one check-in that day, the other the next day; one review request for both after', async () => {
    const { h, user, staff, listed, runAt, asked } = await setup()
    await staff('/invoice 5000 Домен')
    await staff('/invoice 3000 Правки')
    await staff('/done 1')
    const doneAt = h.clock.now()
    await staff('/done 2')
    // /done says when the second one really goes: a day after the first
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Спросим клиента, как всё прошло: пт, 27 нояб., 12:00.')
    expect(await listed(CHECKIN)).toEqual([
      expect.stringContaining('чт, 26 нояб., 12:00'),
      expect.stringContaining('пт, 27 нояб., 12:00'),
    ])

    // Day 3: one check-in, about the first order
    await runAt(doneAt + 3 * DAY)
    await runAt(doneAt + 3 * DAY + 8 * HOUR)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Домен»')])
    const [first, second] = jobsOf(h, 'checkin')
    await h.send(h.u.callback(user, `ci:${first?.id}:5`))
    // The review request it plans keeps a day from the second check-in, and says so
    expect(await listed(REVIEW)).toEqual([expect.stringContaining('сб, 28 нояб., 12:00')])

    // Day 4: the second one, on its time; the review request waits for the day after
    await runAt(doneAt + 4 * DAY)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Домен»'), expect.stringContaining('«Правки»')])
    await runAt(doneAt + 4 * DAY + 8 * HOUR)
    expect(asked('напишите пару слов о нас')).toEqual([])
    await h.send(h.u.callback(user, `ci:${second?.id}:5`))

    // Day 5: one review request, for both
    await runAt(doneAt + 5 * DAY)
    expect(asked('напишите пару слов о нас')).toHaveLength(1)
    expect(jobsOf(h, 'checkin').map((j) => j.status)).toEqual(['done', 'done'])
    expect(h.errors()).toEqual([])
  })

  it("a check-in that will not go (its order refunded) keeps no day from the next order's", async () => {
    const { h, owner, staff, listed } = await setup()
    await staff('/invoice 5000 Домен')
    await staff('/paid')
    await staff('/done 1')
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    await staff('/invoice 3000 Правки')
    await staff('/done 2')
    // Planned for its own day, the one the refunded order's check-in would have taken
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Спросим клиента, как всё прошло: чт, 26 нояб., 12:00.')
    expect(await listed(CHECKIN)).toEqual([
      expect.stringContaining(REFUNDED),
      expect.stringMatching(/чт, 26 нояб\., 12:00(?!.*⛔)/),
    ])
  })

  it('a check-in that comes up within a day of another question (the bot was off) waits for the next day', async () => {
    const { h, staff, runAt, asked } = await setup()
    await staff('/invoice 5000 Домен')
    await staff('/done 1')
    await runAt(h.clock.now() + DAY)
    await staff('/invoice 3000 Правки')
    await staff('/done 2')
    const [, second] = jobsOf(h, 'checkin')
    // Off for a few days: both come up at once
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Домен»')])
    expect(jobsOf(h, 'checkin')[1]).toMatchObject({
      id: second?.id,
      status: 'pending',
      runAt: Date.parse('2026-11-28T06:00:00Z'), // the next morning, past quiet hours
      outcome: expect.stringContaining('less than a day ago'),
    })
    await runAt(h.clock.now() + DAY + HOUR)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Домен»'), expect.stringContaining('«Правки»')])
  })
})

describe('a score typed instead of pressed', () => {
  it('"5" under the check-in is its rating: thanks, no request for a manager, and the button then says it was answered', async () => {
    const { h, user, client, checkinCame, asked } = await setup()
    const checkin = await checkinCame()
    const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    // The question keeps the score under it, as when pressed
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question ?? 0)?.message.text).toMatch(/\n\n✔️ 5$/)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.deps.sqlite.prepare("select kind, score from feedback where kind = 'checkin'").all()).toEqual([
      { kind: 'checkin', score: 5 },
    ])
    await h.send(h.u.callback(user, `ci:${checkin?.id}:4`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже')
    // A number typed later is no answer to anything: as any message
    await h.send(h.u.text(user, '5'))
    expect(asked('Спасибо, Анна! Очень рады')).toHaveLength(1)
  })

  it('"2/5" is a low rating: the apology, and a manager brought in as for the button', async () => {
    const { h, user, client, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.text(user, '2/5'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, простите, что не всё прошло гладко')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
    // The owners hear of it, as of a low rating of a request: who it is, their name opening their topic
    await h.drain()
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('оценка заказа'))).toEqual([
      `⚠️ Клиент <a href="https://t.me/c/1234567890/${client.topicId}">Анна #${client.id}</a> — оценка заказа 2 из 5: менеджера уже позвали в тему клиента.`,
    ])
  })

  it('a low score with words of praise («2, менеджер супер, но сайт падает») is thanked for them before the apology', async () => {
    const { h, user, client, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.text(user, '2, менеджер супер, но сайт падает'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Анна, спасибо за добрые слова — и простите, что не всё прошло гладко\. Вашу оценку уже передали менеджеру/,
    )
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
    expect(h.errors()).toEqual([])
  })

  it('a score leading what the client says ("2 stars. slow…") is the rating; the words are its comment, quoted to the team', async () => {
    const { h, user, client, topicId, checkinCame } = await setup()
    const checkin = await checkinCame()
    const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
    await h.send(h.u.text(user, '2 звезды. Долго, и на письма никто не ответил 😞'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, простите, что не всё прошло гладко')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
    expect(h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 2, comment: 'Долго, и на письма никто не ответил 😞' },
    ])
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Низкая оценка'))
    expect(alert).toContain('⚠️ Низкая оценка: 2/5 на вопрос «Как всё прошло?»')
    expect(alert).toContain('Клиент написал: «Долго, и на письма никто не ответил 😞»')
    // Answered: the question's buttons are gone, as when one is pressed
    const shown = h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message
    expect(shown?.text).toContain('как всё прошло с заказом')
    expect(shown?.reply_markup).toBeUndefined()

    // A good one with words: thanked, the words kept with it
    const other = await setup()
    await other.checkinCame()
    await other.h.send(other.h.u.text(other.user, '5, всё супер!'))
    expect(other.h.fake.lastTextTo(other.user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    expect(other.h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 5, comment: 'всё супер!' },
    ])
    // Praise in a face is praise (it opened a request, and the review request waited on its close)
    const faced = await setup()
    await faced.checkinCame()
    await faced.h.send(faced.h.u.text(faced.user, '5 stars! bike rides like new 😍'))
    expect(faced.h.fake.lastTextTo(faced.user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    expect(faced.h.deps.services.handoff.isOpen(faced.client.id)).toBe(false)
    // A number that does not stand apart is no score: "10 дней" is words for the team
    const third = await setup()
    await third.checkinCame()
    await third.h.send(third.h.u.text(third.user, '10 дней ждал ответа'))
    expect(third.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({
      n: 0,
    })
  })

  it('a mark in a word leading what the client says is the rating, the words its comment; a good one with a "but" or a request is for the team', async () => {
    const { h, user, client, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.text(user, 'Отлично, всё быстро и аккуратно'))
    expect(h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 5, comment: 'всё быстро и аккуратно' },
    ])
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    // "but" or a request after a good mark: the team reads it (kept as a comment, it went unread)
    for (const said of [
      'Хорошо, но курьер опоздал на час',
      'Отлично, перезвоните завтра',
      '5, перезвоните завтра',
      '5, счёт так и не пришёл',
      '4. Сайт до сих пор не открывается',
    ]) {
      const but = await setup()
      await but.checkinCame()
      await but.h.send(but.h.u.text(but.user, said))
      expect(
        but.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get(),
        said,
      ).toEqual({
        n: 0,
      })
      expect(but.h.deps.services.handoff.isOpen(but.client.id), said).toBe(true)
    }
    // A remark on how it went is the rating's, as under a request's ratings: the same words, the same answer
    const slow = await setup()
    await slow.checkinCame()
    await slow.h.send(slow.h.u.text(slow.user, '4, долго ждал'))
    expect(slow.h.fake.lastTextTo(slow.user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    expect(slow.h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 4, comment: 'долго ждал' },
    ])
    expect(slow.h.deps.services.handoff.isOpen(slow.client.id)).toBe(false)
    const low = await setup()
    await low.checkinCame()
    await low.h.send(low.h.u.text(low.user, 'плохо — никто не перезвонил'))
    expect(low.h.fake.lastTextTo(low.user.id)).toContain('Анна, простите, что не всё прошло гладко')
    const alert = low.h.fake.textsTo(STAFF_GROUP_ID, low.topicId).find((t) => t.includes('Низкая оценка'))
    expect(alert).toContain('Клиент написал: «никто не перезвонил»')
    // "Хорошо" is also "okay": with a request after it and no "but", it is words for the team
    const okay = await setup()
    await okay.checkinCame()
    await okay.h.send(okay.h.u.text(okay.user, 'Хорошо, перезвоните мне завтра'))
    expect(okay.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({
      n: 0,
    })
    expect(h.errors()).toEqual([])
  })

  it('a low score leading its reason, in English or Russian, in a figure or a school mark, is the rating; a number that counts something is not', async () => {
    for (const [typed, score, reason] of [
      ['2 tbh, pink still wrong', 2, 'pink still wrong'],
      ['2, the colour is still wrong', 2, 'the colour is still wrong'],
      ['3 — ok but late', 3, 'ok but late'],
      ['1. terrible', 1, 'terrible'],
      ['2, цвет так и не исправили', 2, 'цвет так и не исправили'],
      ['тройка, долго', 3, 'долго'],
    ] as const) {
      const { h, user, client, topicId, checkinCame } = await setup({
        user: { first_name: 'Emma', language_code: 'en' },
      })
      const checkin = await checkinCame()
      const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain('Emma, we are sorry it did not go smoothly')
      expect(h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all(), typed).toEqual([
        { score, comment: reason },
      ])
      expect(h.deps.services.handoff.current(client.id), typed).toMatchObject({ reason: 'low_rating' })
      // The team reads the score and the reason in one alert
      const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Низкая оценка'))
      expect(alert, typed).toContain(`⚠️ Низкая оценка: ${score}/5`)
      expect(alert, typed).toContain(`Клиент написал: «${reason}»`)
      // Answered: the 1–5 buttons are gone
      expect(
        h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message.reply_markup,
        typed,
      ).toBeUndefined()
    }
    // A good one with words of praise after a dash, as before
    const jess = await setup({ user: { first_name: 'Jess', language_code: 'en' } })
    await jess.checkinCame()
    await jess.h.send(jess.h.u.text(jess.user, '5 - loved it'))
    expect(jess.h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 5, comment: 'loved it' },
    ])
    // A number that counts something, or is a phone, a price or hours, is words for the team
    for (const typed of ['2 more questions', 'we need 3 logos', '555 123 4567', '3000 rub?', '24/7', '2 days late']) {
      const other = await setup({ user: { first_name: 'Emma', language_code: 'en' } })
      await other.checkinCame()
      await other.h.send(other.h.u.text(other.user, typed))
      expect(
        other.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get(),
        typed,
      ).toEqual({ n: 0 })
    }
  })

  it('"it was ok, but slow", "so-so", "fine" under the check-in are a middling rating: the check-in answered, the words quoted to the team', async () => {
    for (const [typed, comment] of [
      ['it was ok, but slow', 'but slow'],
      ['okay but slow', 'but slow'],
      ['fine, but slow', 'but slow'],
      ['so-so, took ages', 'took ages'],
    ] as const) {
      const { h, user, client, topicId, checkinCame } = await setup({
        user: { first_name: 'Emma', language_code: 'en' },
      })
      const checkin = await checkinCame()
      const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
      await h.send(h.u.text(user, typed))
      expect(h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all(), typed).toEqual([
        { score: 3, comment },
      ])
      // A 3 is under the line a good rating starts at: the apology, and a manager brought in with the words
      expect(h.fake.lastTextTo(user.id), typed).toContain('Emma, we are sorry it did not go smoothly')
      expect(h.deps.services.handoff.current(client.id), typed).toMatchObject({ reason: 'low_rating' })
      const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Низкая оценка'))
      expect(alert, typed).toContain('⚠️ Низкая оценка: 3/5')
      expect(alert, typed).toContain(`Клиент написал: «${comment}»`)
      expect(
        h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message.reply_markup,
        typed,
      ).toBeUndefined()
      expect(h.errors(), typed).toEqual([])
    }
    // A good mark with a remark after its "but" is the rating's too: thanked, the words kept with it
    const jess = await setup({ user: { first_name: 'Jess', language_code: 'en' } })
    await jess.checkinCame()
    await jess.h.send(jess.h.u.text(jess.user, '5, great but a bit slow'))
    expect(jess.h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 5, comment: 'great but a bit slow' },
    ])
    expect(jess.h.deps.services.handoff.isOpen(jess.client.id)).toBe(false)
  })

  it('a number typed after a request opened since the check-in answers that request, not the check-in', async () => {
    const { h, user, staff, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.text(user, '/manager'))
    await staff('Сколько комнат в квартире?')
    // Closed in a hurry before her answer comes: her "2" is no rating of the check-in
    await staff('/close force уточним по телефону')
    await h.send(h.u.text(user, '2'))
    expect(h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({ n: 0 })
    expect(h.fake.lastTextTo(user.id)).not.toContain('простите, что не всё прошло гладко')
  })

  it('a mark in a word right under the check-in is its rating; a "5" under an invoice sent since is not', async () => {
    const { h, user, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.text(user, 'Всё отлично!'))
    expect(h.fake.lastTextTo(user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    expect(h.deps.sqlite.prepare("select score from feedback where kind = 'checkin'").all()).toEqual([{ score: 5 }])

    const later = await setup()
    await later.checkinCame()
    await later.staff('/invoice 3000 Правки')
    await later.h.drain()
    await later.h.send(later.h.u.text(later.user, '5'))
    expect(later.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({
      n: 0,
    })
  })

  it('a score with an emoji beside it, or in stars alone, is the rating, not words for a manager', async () => {
    for (const [typed, score] of [
      ['5 ⭐', 5],
      ['5⭐️', 5],
      ['4️⃣', 4],
      ['⭐⭐⭐⭐', 4],
      ['👍 5', 5],
    ] as const) {
      const { h, user, client, checkinCame } = await setup()
      await checkinCame()
      await h.send(h.u.text(user, typed))
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.deps.sqlite.prepare("select score from feedback where kind = 'checkin'").all(), typed).toEqual([
        { score },
      ])
    }
    // Six stars or an emoji alone rate nothing: words for the team, as before
    const more = await setup()
    await more.checkinCame()
    await more.h.send(more.h.u.text(more.user, '⭐⭐⭐⭐⭐⭐'))
    expect(more.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({
      n: 0,
    })
    // A high number with a thumbs-down or an angry face says two things: no guess, the team reads it
    for (const typed of ['5 👎', '10 😡']) {
      const mixed = await setup()
      await mixed.checkinCame()
      await mixed.h.send(mixed.h.u.text(mixed.user, typed))
      expect(
        mixed.h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get(),
        typed,
      ).toEqual({ n: 0 })
    }
    // A low one with it means what it says
    const low = await setup()
    await low.checkinCame()
    await low.h.send(low.h.u.text(low.user, '1 👎'))
    expect(low.h.deps.sqlite.prepare("select score from feedback where kind = 'checkin'").all()).toEqual([{ score: 1 }])
  })

  it('a score typed days later, the check-in still the last word and unanswered, is its rating: stored, the words to the team, the buttons gone', async () => {
    const { h, user, client, topicId, checkinCame, runAt } = await setup()
    const checkin = await checkinCame()
    const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
    // Four days on, at the client's leisure (two days was the limit, and the rating became a new request)
    await runAt(h.clock.now() + 4 * DAY)
    await h.send(h.u.text(user, '2 tbh, gears slipping again already'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, простите, что не всё прошло гладко')
    expect(h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()).toEqual([
      { score: 2, comment: 'gears slipping again already' },
    ])
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Низкая оценка'))
    expect(alert).toContain('Клиент написал: «gears slipping again already»')
    expect(h.fake.textsTo(OWNER_ID).some((t) => t.includes(`Анна #${client.id}</a> — оценка заказа 2 из 5`))).toBe(true)
    const shown = h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message
    expect(shown?.text).toMatch(/\n\n✔️ 2$/)
    expect(shown?.reply_markup).toBeUndefined()
  })

  it('a week after the check-in a number is no longer taken as its answer; its buttons still are', async () => {
    const { h, user, checkinCame, runAt } = await setup()
    const checkin = await checkinCame()
    await runAt(h.clock.now() + 7 * DAY + 60_000)
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('Очень рады')
    expect(h.deps.sqlite.prepare("select count(*) as n from feedback where kind = 'checkin'").get()).toEqual({ n: 0 })
    // A press is the rating whenever it comes: nothing else it could mean
    await h.send(h.u.callback(user, `ci:${checkin?.id}:4`))
    expect(h.deps.sqlite.prepare("select score from feedback where kind = 'checkin'").all()).toEqual([{ score: 4 }])
  })
})

describe('a check-in answered with an emoji, as a sticker or typed alone', () => {
  const checkinScores = (h: Harness) =>
    h.deps.sqlite.prepare("select score, comment from feedback where kind = 'checkin'").all()
  const USE_BUTTONS = 'Я бот и лучше понимаю кнопки'

  it('a ❤️, 😍 or 👍 sticker, or ❤️ or 🔥 typed alone, is the top rating: thanks, the score under the question, a review request planned', async () => {
    for (const [what, answer] of [
      ['❤️ sticker', (h: Harness, u: User) => h.u.sticker(u, { emoji: '❤️' })],
      ['😍 sticker', (h: Harness, u: User) => h.u.sticker(u, { emoji: '😍' })],
      ['👍 sticker', (h: Harness, u: User) => h.u.sticker(u, { emoji: '👍' })],
      ['❤️ typed', (h: Harness, u: User) => h.u.text(u, '❤️')],
      ['🔥🔥 typed', (h: Harness, u: User) => h.u.text(u, '🔥🔥')],
      ['👍🏻 typed', (h: Harness, u: User) => h.u.text(u, '👍🏻')],
    ] as const) {
      const { h, user, client, checkinCame } = await setup()
      const checkin = await checkinCame()
      const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
      const before = h.fake.sentTo(user.id).length
      await h.send(answer(h, user))
      // One answer, the thanks: no "use the buttons", no request for a manager
      expect(
        h.fake
          .sentTo(user.id)
          .slice(before)
          .map((c) => c.payload.text),
        what,
      ).toEqual(['Спасибо, Анна! Очень рады, что всё понравилось 😊'])
      expect(checkinScores(h), what).toEqual([{ score: 5, comment: null }])
      const shown = h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message
      expect(shown?.text, what).toMatch(/\n\n✔️ 5$/)
      expect(shown?.reply_markup, what).toBeUndefined()
      expect(h.deps.services.handoff.current(client.id), what).toBeUndefined()
      expect(
        jobsOf(h, 'review_request').map((j) => j.status),
        what,
      ).toEqual(['pending'])
      expect(h.errors(), what).toEqual([])
    }
  })

  it('a 👎 or 😡, sticker or typed, is a low rating: the apology, a manager called at once, the owners told, no review request', async () => {
    for (const [what, answer] of [
      ['👎 sticker', (h: Harness, u: User) => h.u.sticker(u, { emoji: '👎' })],
      ['😡 sticker', (h: Harness, u: User) => h.u.sticker(u, { emoji: '😡' })],
      ['👎 typed', (h: Harness, u: User) => h.u.text(u, '👎')],
    ] as const) {
      const { h, user, client, topicId, checkinCame } = await setup()
      await checkinCame()
      await h.send(answer(h, user))
      expect(h.fake.lastTextTo(user.id), what).toMatch(
        /^Анна, простите, что не всё прошло гладко\. Вашу оценку уже передали менеджеру — он свяжется с вами и поможет всё исправить\. Ответим до /,
      )
      // The bottom of the scale: low whatever review_min_rating says
      expect(checkinScores(h), what).toEqual([{ score: 1, comment: null }])
      expect(h.deps.services.handoff.current(client.id), what).toMatchObject({ status: 'open', reason: 'low_rating' })
      expect(
        h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Низкая оценка')),
        what,
      ).toContain('Низкая оценка: 1/5')
      expect(
        h.fake.textsTo(OWNER_ID).some((t) => t.includes('оценка заказа 1 из 5')),
        what,
      ).toBe(true)
      // What is planned after it: the request's answer time, and no review request
      expect(jobsOf(h, 'review_request'), what).toEqual([])
      expect(
        jobsOf(h, 'handoff_sla').map((j) => j.status),
        what,
      ).toEqual(['pending'])
      expect(h.errors(), what).toEqual([])
    }
  })

  it('emoji of both kinds, one the bot does not read, or more than emoji are no rating: the question still waits', async () => {
    for (const typed of ['👍👎', '❤️😡', '🤔', '💔', '❤️?']) {
      const { h, user, checkinCame } = await setup()
      const checkin = await checkinCame()
      const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
      await h.send(h.u.text(user, typed))
      expect(checkinScores(h), typed).toEqual([])
      expect(h.fake.keyboardOf(user.id, question ?? -1), typed).toBeDefined()
    }
  })

  it('a sticker it cannot read gets "use the buttons"; a "5" typed under that is still the rating', async () => {
    const { h, user, client, checkinCame } = await setup()
    const checkin = await checkinCame()
    const question = h.fake.messageWithButton(user.id, `ci:${checkin?.id}:5`)
    await h.send(h.u.sticker(user, { emoji: '🤔' }))
    expect(h.fake.lastTextTo(user.id)).toContain(USE_BUTTONS)
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe('Спасибо, Анна! Очень рады, что всё понравилось 😊')
    expect(checkinScores(h)).toEqual([{ score: 5, comment: null }])
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message.text).toMatch(/\n\n✔️ 5$/)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  })

  it('a "2" typed under "use the buttons" is a low rating, as typed under the question', async () => {
    const { h, user, client, checkinCame } = await setup()
    await checkinCame()
    await h.send(h.u.sticker(user, { emoji: '🤔' }))
    await h.send(h.u.text(user, '2'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, простите, что не всё прошло гладко')
    expect(checkinScores(h)).toEqual([{ score: 2, comment: null }])
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
  })
})

describe('asking how it went, for a review or a score waits while the client has an open request', () => {
  it('a check-in due while the client’s question waits for an answer waits, and goes once the request is closed', async () => {
    const { h, user, client, staff, listed, runAt, asked } = await setup()
    // Her question is open as the work is marked done: the answer to /done says the question waits
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Письма с формы не приходят'))
    expect(h.deps.services.handoff.current(client.id)).toBeDefined()
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await staff('/done')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(
      '⏸ Пока запрос клиента открыт, эти вопросы подождут: уйдут, когда его закроют (/close).',
    )
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([])
    expect(await listed(CHECKIN)).toEqual([expect.stringContaining('⏸ ждёт: у клиента открыт запрос')])
    await staff('/close force починили, клиент подтвердил по телефону')
    // Shortly after, not at a look hours later (it went six hours after a close, in the evening or the next morning)
    await runAt(h.clock.now() + 20 * 60_000)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Правки»')])
  })

  it('a check-in released by the client’s own “Да, решён” waits a day after the ratings it was asked', async () => {
    const { h, user, client, staff, runAt, asked } = await setup()
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Письма с формы не приходят'))
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await staff('/done')
    await runAt(h.clock.now() + 3 * DAY)
    expect(asked('как всё прошло')).toEqual([])
    // The manager asks, she answers "yes" and rates the speed and the quality: two questions today
    await staff('/close')
    const handoffId = h.deps.services.handoff.current(client.id)?.id
    await h.send(h.u.callback(user, `hclose:${handoffId}:yes`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:speed:5`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:quality:5`))
    expect(asked('Спасибо за оценку')).toHaveLength(1)
    // The held check-in looks again within hours: not a third question the same day
    await runAt(h.clock.now() + 7 * HOUR)
    await runAt(h.clock.now() + 7 * HOUR)
    expect(asked('как всё прошло')).toEqual([])
    // It goes the next day
    await runAt(h.clock.now() + 12 * HOUR)
    expect(asked('как всё прошло')).toEqual([expect.stringContaining('«Правки»')])
  })

  it('a review request due while the client waits for an answer waits, /followups and the card say so, and it goes once the request is closed', async () => {
    const { h, user, client, staff, listed, carded, runAt, asked, checkinCame } = await setup()
    const checkin = await checkinCame()
    // A new question before the rating: the request is open while the review request comes up
    await h.send(h.u.text(user, '/manager'))
    expect(h.deps.services.handoff.current(client.id)).toBeDefined()
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    const waiting = '⏸ ждёт: у клиента открыт запрос'
    expect(await listed(REVIEW)).toEqual([expect.stringContaining(waiting)])
    expect(carded(REVIEW)).toEqual([expect.stringContaining(waiting)])
    await runAt(h.clock.now() + 2 * DAY)
    expect(asked('напишите пару слов о нас')).toEqual([])
    expect(jobsOf(h, 'review_request')).toEqual([expect.objectContaining({ status: 'pending' })])

    await staff('/close force ответили по телефону')
    expect(await listed(REVIEW)).toEqual([expect.not.stringContaining('⏸')])
    await runAt(h.clock.now() + 7 * HOUR)
    expect(asked('напишите пару слов о нас')).toHaveLength(1)
  })
})

describe('a review request the client soured after it was planned is not sent', () => {
  const SOURED =
    '⛔ не будет отправлено: уже после планирования клиент поставил низкую оценку, пожаловался или попросил вернуть деньги'

  it('a low rating of a closed request after the good check-in: listed as "will not be sent", and never sent', async () => {
    const { h, user, client, staff, listed, carded, runAt, asked, checkinCame } = await setup()
    const checkin = await checkinCame()
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    expect(await listed(REVIEW)).toEqual([expect.not.stringContaining('⛔')])

    // Meanwhile she asks something, closes the request herself and rates it: speed 4, quality 2
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Форма снова не отправляется'))
    await staff('Починили, проверьте, пожалуйста')
    await staff('/close')
    const handoffId = h.deps.services.handoff.current(client.id)?.id
    await h.send(h.u.callback(user, `hclose:${handoffId}:yes`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:speed:4`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:quality:2`))
    // The team was told it was low (as before)…
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).toContain('⚠️ Низкая оценка клиента: скорость 4/5, качество 2/5.')
    // …and the review request planned by the 5 says it will not go
    expect(await listed(REVIEW)).toEqual([expect.stringContaining(SOURED)])
    expect(carded(REVIEW)).toEqual([expect.stringContaining(SOURED)])

    // The next days: no "thank you again for the high rating"
    await runAt(h.clock.now() + DAY)
    await runAt(h.clock.now() + 2 * DAY)
    expect(asked('напишите пару слов о нас')).toEqual([])
    expect(jobsOf(h, 'review_request')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        outcome: 'The client gave a low rating (a check-in, or a closed request) after this question was planned.',
      }),
    ])
    expect(h.errors()).toEqual([])
  })

  it('a complaint after the good check-in ("not solved" once closed): skipped even once its request is closed', async () => {
    const { h, user, client, staff, listed, carded, runAt, asked, checkinCame } = await setup()
    const checkin = await checkinCame()
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Форма снова не отправляется'))
    await staff('/close')
    const handoffId = h.deps.services.handoff.current(client.id)?.id
    await staff('/close force ответили по телефону')
    // Her "no" under the question, after the request was closed: a new request, a complaint
    await h.send(h.u.callback(user, `hclose:${handoffId}:no`))
    expect(h.deps.services.handoff.current(client.id)?.reason).toBe('not_solved')
    // Not "waits for the request to close": it will not go at all
    expect(await listed(REVIEW)).toEqual([expect.stringContaining(SOURED)])
    await staff('/close force починили, клиент подтвердил по телефону')
    expect(carded(REVIEW)).toEqual([expect.stringContaining(SOURED)])
    await runAt(h.clock.now() + 2 * DAY)
    expect(asked('напишите пару слов о нас')).toEqual([])
    expect(jobsOf(h, 'review_request')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        outcome:
          'The client complained or asked for their money back (a request opened for it) after this question was planned.',
      }),
    ])
  })

  it('"would you recommend us?" is not asked of a client who complained and got their money back since the work was done', async () => {
    const { h, user, staff, owner, listed, runAt, asked } = await setup()
    await staff('/invoice 3000 Правки')
    await staff('/paid')
    await staff('/done')
    expect(await listed('NPS')).toEqual([expect.not.stringContaining('⛔')])
    // A week later: "верните деньги", and the owner gives them back
    await runAt(h.clock.now() + 7 * DAY)
    await h.send(h.u.text(user, 'сайт не работает, верните деньги'))
    await h.send(h.u.text(owner, '/refunded 1'))
    await staff('/close force вернули деньги')
    expect(await listed('NPS')).toEqual([expect.stringContaining(SOURED)])
    await runAt(h.clock.now() + 30 * DAY)
    expect(asked('порекомендуете')).toEqual([])
    expect(jobsOf(h, 'nps')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        outcome:
          'The client complained or asked for their money back (a request opened for it) after this question was planned.',
      }),
    ])
    // Its money back alone (no words of complaint): the same
    const other = await setup()
    await other.staff('/invoice 3000 Правки')
    await other.staff('/paid')
    await other.staff('/done')
    await other.h.send(other.h.u.text(other.owner, '/refunded 1'))
    expect(await other.listed('NPS')).toEqual([
      expect.stringContaining('⛔ не будет отправлено: уже после планирования клиенту вернули деньги'),
    ])
    await other.runAt(other.h.clock.now() + 31 * DAY)
    expect(other.asked('порекомендуете')).toEqual([])
    expect(jobsOf(other.h, 'nps')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        outcome: 'An order of the client was refunded after this question was planned.',
      }),
    ])
    expect(h.errors()).toEqual([])
    expect(other.h.errors()).toEqual([])
  })

  it('a low rating given before the good check-in holds nothing: the review request it plans goes', async () => {
    const { h, user, client, staff, runAt, asked, checkinCame } = await setup()
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Форма не отправляется'))
    await staff('/close')
    const handoffId = h.deps.services.handoff.current(client.id)?.id
    await h.send(h.u.callback(user, `hclose:${handoffId}:yes`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:speed:2`))
    await h.send(h.u.callback(user, `hrate:${handoffId}:quality:2`))
    await runAt(h.clock.now() + DAY)
    const checkin = await checkinCame()
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    // Its day, Saturday (the day after it, Sunday, is the studio's day off: it would wait for Monday)
    await runAt(h.clock.now() + DAY)
    expect(asked('напишите пару слов о нас')).toHaveLength(1)
  })
})
