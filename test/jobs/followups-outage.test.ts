/**
 * A follow-up due while Telegram is down (its own 500s: the message did not go) waits the
 * outage out; one the bot gives up on for good is never dropped without a word.
 */
import { describe, expect, it } from 'vitest'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const DAY = 24 * 3_600_000
const MINUTE = 60_000

/** A check-in due now, and Telegram answering 500 to every send to the client for `minutes`. */
async function checkinDuringOutage(minutes: number) {
  const h = createHarness()
  const owner = h.u.user(OWNER_ID)
  const { user, topicId } = await clientWithTopic(h, 601)
  await h.send(h.u.staffText(owner, topicId, '/done'))
  h.clock.advance(3 * DAY)
  h.fake.clearCalls()
  const over = h.clock.now() + minutes * MINUTE
  h.fake.fail({
    method: 'sendMessage',
    chatId: user.id,
    error_code: 500,
    description: 'Internal Server Error',
    times: Number.POSITIVE_INFINITY,
    where: () => h.clock.now() < over,
  })
  /** The poller, every `step` minutes for `total` minutes. */
  const poll = async (total: number, step = 1) => {
    for (let i = 0; i < total / step; i++) {
      await h.deps.scheduler.runDue()
      await h.drain()
      h.clock.advance(step * MINUTE)
    }
  }
  const job = () => h.deps.sqlite.prepare(`select status from jobs where kind = 'checkin'`).get() as { status: string }
  return { h, owner, user, topicId, poll, job }
}

describe('a follow-up due while Telegram is down', () => {
  it('half an hour of 500s: it reaches the client once, after the outage', async () => {
    const { h, user, poll, job } = await checkinDuringOutage(30)
    await poll(60)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))).toHaveLength(1)
    expect(job().status).toBe('done')
  })

  it('Telegram down for hours: given up, the topic is told and /followups names it as not sent', async () => {
    const { h, owner, user, topicId, poll, job } = await checkinDuringOutage(6 * 60)
    await poll(4 * 60, 5)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))).toEqual([])
    expect(job().status).toBe('failed')
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(notice).toContain('«Как всё прошло?», задача #')
    expect(notice).toContain('не отправлено')

    await h.send(h.u.staffText(owner, topicId, '/followups'))
    await h.drain()
    const list = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(list).toContain('Не отправлено')
    expect(list.slice(list.indexOf('Не отправлено'))).toContain('Как всё прошло')
  })
})
