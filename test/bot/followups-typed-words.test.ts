/**
 * Words typed under the bot's follow-ups that need no manager: the client asking for no more of
 * them, and the client saying they left the review asked for. Neither opens a request (with its
 * "answer by" time and, half an hour later, an apology for a wait nobody had).
 */
import { and, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientById } from '../../db/repositories/clients.ts'
import { type JobRow, jobs } from '../../db/schema.ts'
import { cardLines } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MANAGER_ID = 5_000_301

function jobsOf(h: Harness, clientId: number, kind: string): JobRow[] {
  return h.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.clientId, clientId), eq(jobs.kind, kind)))
    .all()
}

/**
 * A client whose work is done (Monday noon, Moscow): three days later the check-in comes; rated 5
 * (`rated`), the review request a day after it. The NPS question is still planned.
 */
async function underFollowup(id: number, under: 'checkin' | 'review', extra: Partial<User> = {}) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.drain()
  }
  h.clock.set('2026-11-23T09:00Z')
  const { user, client, topicId } = await clientWithTopic(h, id, { user: extra })
  const runAt = async (at: number) => {
    h.clock.set(at)
    await h.deps.scheduler.runDue()
    await h.drain()
  }
  await h.send(h.u.staffText(manager, topicId, '/done'))
  await runAt(h.clock.now() + 3 * DAY)
  const [checkin] = jobsOf(h, client.id, 'checkin')
  if (under === 'review') {
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    await runAt(h.clock.now() + DAY)
    expect(h.fake.lastTextTo(user.id)).toMatch(/напишите пару слов о нас|say a few words about us/)
  } else {
    expect(h.fake.lastTextTo(user.id)).toMatch(/как всё прошло|how did it go/)
  }
  h.fake.clearCalls()
  /** What the client got after it, an hour on (when an apology for a wait would have come). */
  const anHourOn = async () => {
    await runAt(h.clock.now() + HOUR)
    return h.fake.textsTo(user.id)
  }
  const staff = (text: string) => h.send(h.u.staffText(manager, topicId, text))
  return { h, user, client, topicId, runAt, anHourOn, staff }
}

describe('asked for no more follow-ups in words', () => {
  it('under the review request: the questions still planned are cancelled, one line back, the topic told, no request', async () => {
    for (const [n, typed] of [
      'всё нормально, хватит уже писать',
      'спасибо, отзывы не пишу. больше такое не присылайте',
      'не пишите мне больше',
    ].entries()) {
      const { h, user, client, topicId, anHourOn } = await underFollowup(4701 + n, 'review')
      expect(
        jobsOf(h, client.id, 'nps').map((j) => j.status),
        typed,
      ).toEqual(['pending'])
      await h.send(h.u.text(user, typed))
      expect(await anHourOn(), typed).toEqual([
        expect.stringMatching(/^Хорошо, Анна, больше не будем присылать вам вопросы о заказе и просьбы об отзыве\./),
      ])
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(
        jobsOf(h, client.id, 'nps').map((j) => j.status),
        typed,
      ).toEqual(['cancelled'])
      const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
      expect(topic, typed).toEqual([
        expect.stringContaining(`больше не присылать ему вопросы после заказа: «${typed}»`),
      ])
      expect(topic.join('\n'), typed).not.toMatch(/Новый запрос|Ответить до|Никто не ответил/)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('under the check-in, unanswered: the same, and the check-in asks no more', async () => {
    const { h, user, client, anHourOn } = await underFollowup(4711, 'checkin')
    await h.send(h.u.text(user, 'всё нормально, хватит уже писать'))
    expect(await anHourOn()).toEqual([expect.stringMatching(/^Хорошо, Анна, больше не будем присылать/)])
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(jobsOf(h, client.id, 'nps').map((j) => j.status)).toEqual(['cancelled'])
    // Three days on nothing more comes: no review request is planned, none goes
    await h.deps.scheduler.runDue()
    expect(jobsOf(h, client.id, 'review_request')).toEqual([])
  })

  it('words that are /stop besides stop the news as well, and say so; what is no stop leaves the news alone', async () => {
    const stop = await underFollowup(4721, 'review')
    await stop.h.send(stop.h.u.text(stop.user, 'не пишите мне больше'))
    expect(stop.h.fake.lastTextTo(stop.user.id)).toContain('Рассылок тоже не будет.')
    expect(findClientById(stop.h.deps.db, stop.client.id)?.optOutAt).not.toBeNull()

    const fine = await underFollowup(4722, 'review')
    await fine.h.send(fine.h.u.text(fine.user, 'всё нормально, хватит уже писать'))
    expect(fine.h.fake.lastTextTo(fine.user.id)).not.toContain('Рассылок')
    expect(findClientById(fine.h.deps.db, fine.client.id)?.optOutAt).toBeNull()
  })

  it('in English too', async () => {
    const { h, user, client, anHourOn } = await underFollowup(4731, 'review', { language_code: 'en' })
    await h.send(h.u.text(user, 'thanks, all good. please stop sending these'))
    expect(await anHourOn()).toEqual([
      expect.stringMatching(
        /^Got it, Анна, we won't send you any more questions about your order or review requests\./,
      ),
    ])
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  })

  it('a question or a request beside it is still the team’s', async () => {
    const { h, user, client } = await underFollowup(4741, 'review')
    await h.send(h.u.text(user, 'хватит писать, лучше перезвоните мне'))
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(jobsOf(h, client.id, 'nps').map((j) => j.status)).toEqual(['pending'])
  })
})

describe('the wish is kept: the next order plans no questions', () => {
  const WHY = /Опросы после заказа не отправляются: клиент просил не писать \(\d+ (нояб|дек)\.\)/

  it('asked under the check-in: the next /done plans no check-in, review or NPS, and the topic says why; the invoice is still reminded', async () => {
    const { h, user, client, topicId, runAt, staff } = await underFollowup(4781, 'checkin')
    await h.send(h.u.text(user, 'всё нормально, хватит уже писать'))
    // A new order a week on: its invoice is reminded as any
    await runAt(h.clock.now() + 7 * DAY)
    await staff('/invoice 3000 Правки')
    const reminders = () => jobsOf(h, client.id, 'payment_reminder').filter((j) => j.status === 'pending')
    expect(reminders().length).toBeGreaterThan(0)
    h.fake.clearCalls()
    await staff('/done')
    const told = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(told).toMatch(/Работа по счёту №1 отмечена выполненной/)
    expect(told).toMatch(WHY)
    // The day they asked, under the check-in three days after the first /done
    expect(told).toContain('клиент просил не писать (26 нояб.)')
    expect(told).not.toMatch(/Спросим клиента, как всё прошло|порекомендуете ли нас/)
    const pending = (kind: string) => jobsOf(h, client.id, kind).filter((j) => j.status === 'pending')
    expect(pending('checkin')).toEqual([])
    expect(pending('nps')).toEqual([])
    expect(pending('review_request')).toEqual([])
    expect(reminders().length).toBeGreaterThan(0)
    // The card says so in one line
    expect(cardLines(h, client.id).filter((l) => /клиент просил не писать/.test(l))).toEqual([
      expect.stringMatching(/^🔕 .*клиент просил не писать.*26 нояб\./),
    ])
    // Forty days on no question reached them; a payment reminder did
    h.fake.clearCalls()
    for (let d = 1; d <= 40; d++) await runAt(h.clock.now() + DAY)
    const got = h.fake.textsTo(user.id).join('\n')
    expect(got).not.toMatch(/как всё прошло|порекомендуете|пару слов о нас/)
    expect(got).toMatch(/счёт №1/i)
    expect(h.errors()).toEqual([])
  })

  it('a rating pressed later on the old check-in plans no review request', async () => {
    const { h, user, client } = await underFollowup(4783, 'checkin')
    const [checkin] = jobsOf(h, client.id, 'checkin')
    await h.send(h.u.text(user, 'всё нормально, хватит уже писать'))
    await h.send(h.u.callback(user, `ci:${checkin?.id}:5`))
    expect(jobsOf(h, client.id, 'review_request')).toEqual([])
  })

  it('their /mydata file lists it, with its time', async () => {
    const { h, user } = await underFollowup(4784, 'checkin')
    await h.send(h.u.text(user, 'всё нормально, хватит уже писать'))
    await h.send(h.u.text(user, '/mydata'))
    const file = h.fake.callsOf('sendDocument').at(-1)?.files.document?.data.toString('utf8') ?? '{}'
    const events = (JSON.parse(file) as { events: { type: string; at: string }[] }).events
    expect(events.filter((e) => e.type === 'followups_declined')).toEqual([
      { type: 'followups_declined', data: null, at: '2026-11-26T09:00:00.000Z' },
    ])
  })

  it('in English the /done line says it too', async () => {
    const { h, user, client, topicId, runAt, staff } = await underFollowup(4782, 'review', { language_code: 'en' })
    await h.send(h.u.text(user, 'thanks, all good. please stop sending these'))
    await runAt(h.clock.now() + 7 * DAY)
    h.fake.clearCalls()
    await staff('/done')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toMatch(WHY)
    expect(jobsOf(h, client.id, 'checkin').filter((j) => j.status === 'pending')).toEqual([])
  })
})

describe('a review said left', () => {
  it('under the review request: thanked, no request, nothing the team must answer', async () => {
    for (const [n, typed] of [
      'Оставил отзыв на Яндексе 👍',
      'оставила отзыв',
      'left you a review',
      'написал отзыв',
    ].entries()) {
      const { h, user, client, topicId, anHourOn } = await underFollowup(4751 + n, 'review')
      await h.send(h.u.text(user, typed))
      expect(await anHourOn(), typed).toEqual([expect.stringMatching(/^Спасибо за отзыв, Анна! 🙏/)])
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n'), typed).not.toMatch(/Новый запрос|Ответить до/)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('after a review link was opened from it, and in English', async () => {
    const { h, user, client, anHourOn } = await underFollowup(4761, 'review', { language_code: 'en' })
    await h.send(h.u.callback(user, String(h.fake.lastButtonsTo(user.id)[0]?.data)))
    h.fake.clearCalls()
    await h.send(h.u.text(user, 'left you a review, thanks!'))
    expect(await anHourOn()).toEqual([expect.stringMatching(/^Thank you for the review, Анна! 🙏/)])
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  })

  it('a review said left with a question is the team’s', async () => {
    const { h, user, client } = await underFollowup(4771, 'review')
    await h.send(h.u.text(user, 'оставила отзыв, а скидку дадите?'))
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
  })
})
