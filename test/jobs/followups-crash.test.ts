import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { claimDueJobs, getJob, markSending } from '../../db/repositories/jobs.ts'
import { jobs } from '../../db/schema.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const DAY = 24 * 3_600_000
const LOCK_MS = 10 * 60_000

/** A client whose "how was it?" check-in is due. */
async function checkinDue(fake?: FakeTelegram) {
  const h = createHarness(fake ? { fake } : {})
  const owner = h.u.user(OWNER_ID)
  const { user, topicId } = await clientWithTopic(h, 601)
  await h.send(h.u.staffText(owner, topicId, '/done'))
  h.clock.advance(3 * DAY)
  h.fake.clearCalls()
  return { h, owner, user, topicId }
}

async function dueCheckin(fake?: FakeTelegram) {
  const { h, owner, user, topicId } = await checkinDue(fake)
  // The first process claims the due check-in, as its poller would
  const [job, ...rest] = claimDueJobs(h.deps.db, h.clock.now(), { limit: 20, lockMs: LOCK_MS })
  expect(rest).toEqual([])
  expect(job?.kind).toBe('checkin')
  return { h, owner, user, topicId, job: job! }
}

describe('a crash between claiming and finishing a follow-up', () => {
  it('after the send had started: never sent twice, recorded as uncertain and shown to staff', async () => {
    const { h, owner, user, topicId, job } = await dueCheckin()
    expect(markSending(h.deps.db, job, h.clock.now())).toBe(true)
    await h.bot.api.sendMessage(user.id, 'Анна, как всё прошло?') // it went out… and the process died

    const next = h.restart()
    expect(await next.deps.scheduler.runDue()).toBe(0) // the dead process's lock still holds
    h.clock.advance(LOCK_MS)
    await next.deps.scheduler.runDue()
    await next.drain()

    expect(getJob(h.deps.db, job.id)).toMatchObject({ status: 'uncertain', lockedUntil: null })
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
    expect(next.errors().map((l) => l.msg)).toContain('job delivery uncertain')
    // staff are told in the client's topic, at once
    await new Promise((resolve) => setImmediate(resolve))
    // named as staff read it (the job's label), not by its kind
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /Автоматическое сообщение клиенту \(«Как всё прошло\?», задача #\d+\) могло не дойти: бот не получил ответа Telegram на отправку \(перезапуск или обрыв связи\)/,
    )

    await next.send(next.u.staffText(owner, topicId, '/followups'))
    await next.drain()
    const list = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(list).toContain('⚠️ Не уверены, что дошло')
    expect(list).toMatch(/• .*26 нояб.* — «Как всё прошло\?»/)

    // Later polls leave it alone
    h.clock.advance(DAY)
    await next.deps.scheduler.runDue()
    await next.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
  })

  it('while it waited for its turn to send: it runs again after the lock expires, exactly once', async () => {
    const { h, user } = await checkinDue()
    // Telegram asked for a pause in this chat a moment ago (a 429): the check-in waits its turn…
    h.deps.services.sendBudget.hold(user.id, h.clock.now() + 3_000)
    const sleep = h.clock.sleep
    let waiting = false
    // …and the process dies during the wait: it never wakes
    h.clock.sleep = () => {
      waiting = true
      return new Promise<void>(() => {})
    }
    void h.deps.scheduler.runDue()
    while (!waiting) await new Promise((resolve) => setImmediate(resolve))
    expect(h.fake.sentTo(user.id)).toEqual([])
    h.clock.sleep = sleep

    const next = h.restart()
    h.clock.advance(LOCK_MS)
    await next.deps.scheduler.runDue()
    await next.drain()
    // Its message had not left: it goes now, once, and nobody is told it may not have arrived
    expect(h.fake.textsTo(user.id)).toEqual([expect.stringContaining('Анна, как всё прошло?')])
    const [job] = h.deps.db.select().from(jobs).where(eq(jobs.kind, 'checkin')).all()
    expect(job?.status).toBe('done')
    expect(next.errors().map((l) => l.msg)).not.toContain('job delivery uncertain')
  })

  it('before the send had started: it runs again after the lock expires, exactly once', async () => {
    const { h, user, job } = await dueCheckin()
    const next = h.restart()
    h.clock.advance(LOCK_MS)
    await next.deps.scheduler.runDue()
    await next.drain()
    expect(getJob(h.deps.db, job.id)?.status).toBe('done')
    expect(h.fake.textsTo(user.id)).toEqual([expect.stringContaining('Анна, как всё прошло?')])

    // Another restart and catch-up run: nothing more
    const third = next.restart()
    h.clock.advance(DAY)
    await third.deps.scheduler.start()
    await third.deps.scheduler.stop()
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
  })
})

/** The test's own claim lapses and the poller runs for five minutes: the check-ins the client has then. */
async function pollFiveMinutes(h: Harness, userId: number) {
  h.clock.advance(LOCK_MS)
  for (let i = 0; i < 5; i++) {
    await h.deps.scheduler.runDue()
    h.clock.advance(60_000)
  }
  await h.drain()
  return [...(h.fake.emulator.chats.get(userId)?.messages.values() ?? [])].filter(
    (m) => m.fromBot && String(m.message.text).includes('как всё прошло'),
  )
}

describe('a follow-up whose send got no answer', () => {
  it('the connection dropped after the request left: never sent again, uncertain, staff told', async () => {
    const { h, user, topicId, job } = await dueCheckin()
    // Telegram takes the check-in and delivers it; the answer is lost with the connection
    const dropped = h.fake.dropAfterDelivery('sendMessage', (payload) => Number(payload.chat_id) === user.id)
    const delivered = await pollFiveMinutes(h, user.id)
    expect(dropped()).toBe(true)
    expect(delivered).toHaveLength(1)
    expect(getJob(h.deps.db, job.id)).toMatchObject({ status: 'uncertain', lockedUntil: null })
    expect(getJob(h.deps.db, job.id)?.outcome).toContain('No answer from Telegram')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('«Как всё прошло?», задача #')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('могло не дойти')
  })

  it('a gateway in front of Telegram answered 504 with its own page after passing it on: not sent again', async () => {
    // BOT_API_ROOT's proxy (docs/operations.md) forwards the check-in, Telegram delivers it,
    // the proxy stops waiting and answers with its own page
    const fake = new FakeTelegram()
    const telegram = fake.fetch
    let timedOut = false
    Object.assign(fake, {
      fetch: async (url: string, init?: RequestInit) => {
        const res = await telegram(url, init)
        const sent = (await res.clone().json()) as { result?: { text?: string } }
        if (timedOut || !String(sent.result?.text).includes('как всё прошло')) return res
        timedOut = true
        return new Response('<html><body><h1>504 Gateway Time-out</h1></body></html>', {
          status: 504,
          headers: { 'content-type': 'text/html' },
        })
      },
    })
    const { h, user, topicId, job } = await dueCheckin(fake)
    const delivered = await pollFiveMinutes(h, user.id)
    expect(timedOut).toBe(true)
    expect(delivered).toHaveLength(1)
    expect(getJob(h.deps.db, job.id)).toMatchObject({ status: 'uncertain', lockedUntil: null })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('могло не дойти')
  })
})
