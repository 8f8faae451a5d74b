/**
 * The outbound path reads every answer to look at it, and hands grammY what it read (not
 * a Response built again): grammY must see exactly what Telegram said — a result, an
 * error with its parameters, a page that is not JSON — and the recorder above the parsed
 * answer.
 */
import { Api, GrammyError, HttpError } from 'grammy'
import { describe, expect, it } from 'vitest'
import { answerOf, outboundFetch } from '../../src/bot/outbound.ts'
import { classifyTelegramError } from '../../src/bot/telegram-errors.ts'
import { createLogger } from '../../src/logger.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createFakeClock } from '../helpers/clock.ts'

type Answer = { status: number; body: string }

/** grammY's Api over the outbound path, over a network that gives the answers queued. */
function setUp({ maxWaitMs = 0, perChat = 30 }: { maxWaitMs?: number; perChat?: number } = {}) {
  const clock = createFakeClock()
  // This test's own rules: `perChat` messages a minute into a private chat
  const budget = createSendBudget({
    clock,
    limits: { global: [], privateChat: [{ max: perChat, windowMs: 60_000 }], group: [], bulk: [] },
  })
  const queued: Answer[] = []
  const handedBack: object[] = []
  const methods: string[] = []
  const network = async (url: string) => {
    methods.push(String(url).split('/').pop() ?? '')
    const next = queued.shift() ?? { status: 200, body: JSON.stringify({ ok: true, result: true }) }
    return new Response(next.body, { status: next.status, headers: { 'content-type': 'application/json' } })
  }
  const outbound = outboundFetch(network as never, {
    budget,
    clock,
    logger: createLogger({ level: 'silent' }),
    priority: 'interactive',
    maxWaitMs,
  })
  const fetch = async (...args: Parameters<typeof outbound>) => {
    const res = await outbound(...args)
    handedBack.push(res)
    return res
  }
  const api = new Api('123:token', { fetch: fetch as never })
  return { api, answer: (a: Answer) => queued.push(a), handedBack, methods }
}

describe('answers handed back by the outbound path', () => {
  it('a result reaches grammY as Telegram sent it, and the recorder gets the same answer parsed', async () => {
    const { api, answer, handedBack } = setUp()
    const message = { message_id: 7, date: 1, chat: { id: 42, type: 'private', first_name: 'Анна' }, text: 'Привет' }
    answer({ status: 200, body: JSON.stringify({ ok: true, result: message }) })
    expect(await api.sendMessage(42, 'Привет')).toEqual(message)
    expect(answerOf(handedBack[0] as object)).toEqual({ ok: true, result: message })
  })

  it("Telegram's error keeps its code, description and parameters", async () => {
    const { api, answer } = setUp()
    answer({
      status: 400,
      body: JSON.stringify({
        ok: false,
        error_code: 400,
        description: 'Bad Request: message thread not found',
        parameters: { migrate_to_chat_id: -1009 },
      }),
    })
    const err = await api.sendMessage(42, 'x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GrammyError)
    expect(err).toMatchObject({
      error_code: 400,
      description: 'Bad Request: message thread not found',
      parameters: { migrate_to_chat_id: -1009 },
    })
  })

  it("a page that is not JSON (a proxy's) fails the call as a network error, as a Response's body would", async () => {
    const { api, answer, handedBack } = setUp()
    answer({ status: 502, body: '<html>Bad Gateway</html>' })
    await expect(api.sendMessage(42, 'x')).rejects.toBeInstanceOf(HttpError)
    expect(answerOf(handedBack[0] as object)).toBeUndefined()
    expect((handedBack[0] as Response).status).toBe(502)
    expect((handedBack[0] as Response).ok).toBe(false)
  })

  it("a gateway's answer to a send (its page, a 502, a 504) is handed back at once: the message may be there already", async () => {
    const { api, answer, methods } = setUp({ maxWaitMs: 60_000 })
    answer({ status: 504, body: '<html><h1>504 Gateway Time-out</h1></html>' })
    await expect(api.sendMessage(42, 'x')).rejects.toBeInstanceOf(HttpError)
    answer({ status: 502, body: JSON.stringify({ ok: false, error_code: 502, description: 'Bad Gateway' }) })
    const err = await api.sendMessage(42, 'y').catch((e: unknown) => e)
    expect(classifyTelegramError(err)).toMatchObject({ kind: 'network', mayHaveArrived: true })
    expect(methods).toEqual(['sendMessage', 'sendMessage'])
  })

  it("Telegram's own 500 to a send, and a gateway's page to a call that changes nothing, are tried again", async () => {
    const { api, answer, methods } = setUp({ maxWaitMs: 60_000 })
    answer({ status: 500, body: JSON.stringify({ ok: false, error_code: 500, description: 'Internal Server Error' }) })
    await api.sendMessage(42, 'x')
    answer({ status: 504, body: '<html><h1>504 Gateway Time-out</h1></html>' })
    await api.getChat(42)
    expect(methods).toEqual(['sendMessage', 'sendMessage', 'getChat', 'getChat'])
  })

  it("the bot's own full budget answers as Telegram's 429 does, with retry_after", async () => {
    const { api } = setUp({ perChat: 1 })
    await api.sendMessage(42, 'первое')
    const err = await api.sendMessage(42, 'второе').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GrammyError)
    expect(err).toMatchObject({ error_code: 429, parameters: { retry_after: 60 } })
    expect((err as GrammyError).description).toMatch(/send budget is full/)
  })
})
