/**
 * A sender that stops waiting (a broadcast stopped by its owner or by a stop of the bot):
 * the call's wait for room ends at once and nothing more goes, but a request already on its
 * way is never cut short — Telegram may have the message, so its answer must come back.
 * The outbound path runs over a network the test answers, on a simulated clock.
 */
import { Api, GrammyError, HttpError } from 'grammy'
import { describe, expect, it } from 'vitest'
import { outboundFetch } from '../../src/bot/outbound.ts'
import { createLogger } from '../../src/logger.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createSimClock } from '../helpers/sim-clock.ts'

const MESSAGE = { message_id: 7, date: 1, chat: { id: 42, type: 'private', first_name: 'Анна' }, text: 'Привет' }
const SENT = { status: 200, body: JSON.stringify({ ok: true, result: MESSAGE }) }

type Answer = { status: number; body: string }

/** Turns of the event loop until `done`, without moving the clock. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve))
  expect(done()).toBe(true)
}

/** A bulk Api for one message, as a broadcast sends it: told as it leaves, able to stop waiting. */
function setUp() {
  const clock = createSimClock()
  // This test's own rules: a message a second into a private chat
  const budget = createSendBudget({
    clock,
    limits: { global: [], privateChat: [{ max: 1, windowMs: 1_000 }], group: [], bulk: [] },
  })
  const queued: Array<Answer | Promise<Answer>> = []
  let calls = 0
  const network = async () => {
    calls++
    const next = await (queued.shift() ?? SENT)
    return new Response(next.body, { status: next.status, headers: { 'content-type': 'application/json' } })
  }
  let left = 0
  const stop = new AbortController()
  const outbound = outboundFetch(network as never, {
    budget,
    clock,
    logger: createLogger({ level: 'silent' }),
    priority: 'bulk',
    maxWaitMs: 10 * 60_000,
    leaving: () => {
      left++
      return true
    },
    stopWaiting: stop.signal,
  })
  const api = new Api('123:token', { fetch: outbound as never })
  return {
    clock,
    budget,
    api,
    stop,
    queue: (a: Answer | Promise<Answer>) => queued.push(a),
    calls: () => calls,
    left: () => left,
  }
}

describe('a sender that stops waiting', () => {
  it('a message waiting for room in a held chat: the wait ends at once, nothing goes', async () => {
    const { clock, budget, api, stop, calls, left } = setUp()
    // Another sender's 429 holds the chat for two minutes
    budget.hold(42, clock.now() + 120_000)
    const startedAt = clock.now()
    const sending = api.sendMessage(42, 'Привет').catch((err: unknown) => err)
    await until(() => budget.waiting() === 1)
    stop.abort()
    const err = await clock.run(sending)
    expect(clock.now() - startedAt).toBe(0)
    // grammY's network error around the outbound path's own: the call never left
    expect(err).toBeInstanceOf(HttpError)
    expect(String((err as HttpError).error)).toContain('withdrawn by its sender before it left')
    expect(calls()).toBe(0)
    expect(left()).toBe(0)
    expect(budget.waiting()).toBe(0)
  })

  it('a request already on its way is not cut short: its answer comes back', async () => {
    const { clock, api, stop, queue, calls, left } = setUp()
    let answer: (a: Answer) => void = () => {}
    queue(new Promise<Answer>((resolve) => (answer = resolve)))
    const sending = api.sendMessage(42, 'Привет')
    await until(() => calls() === 1)
    stop.abort()
    answer(SENT)
    expect(await clock.run(sending)).toEqual(MESSAGE)
    expect(left()).toBe(1)
    expect(calls()).toBe(1)
  })

  it("after Telegram's server error, a stop during the wait to try again gives back that answer", async () => {
    const { clock, api, stop, queue, calls, left } = setUp()
    queue({ status: 500, body: JSON.stringify({ ok: false, error_code: 500, description: 'Internal Server Error' }) })
    const startedAt = clock.now()
    const sending = api.sendMessage(42, 'Привет').catch((err: unknown) => err)
    await until(() => calls() === 1)
    stop.abort()
    const err = await clock.run(sending)
    expect(err).toBeInstanceOf(GrammyError)
    expect(err).toMatchObject({ error_code: 500 })
    // Not tried again, and no waiting for the next try
    expect(calls()).toBe(1)
    expect(left()).toBe(1)
    expect(clock.now() - startedAt).toBe(0)
  })

  it("a call of no chat waiting out its method's hold: the wait ends at once, nothing goes", async () => {
    const { clock, budget, api, stop, calls, left } = setUp()
    // After a 429 to getChat, every getChat waits two minutes
    budget.holdMethod('getChat', clock.now() + 120_000)
    const startedAt = clock.now()
    const asking = api.getChat('@some_channel').catch((err: unknown) => err)
    await until(() => calls() === 0 && clock.pending() > 0)
    stop.abort()
    const err = await clock.run(asking)
    expect(clock.now() - startedAt).toBe(0)
    expect(String((err as HttpError).error)).toContain('withdrawn by its sender before it left')
    expect(calls()).toBe(0)
    expect(left()).toBe(0)
  })
})
