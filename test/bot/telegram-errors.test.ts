/**
 * A failed call's reason can reach the staff group (a message that could not be
 * delivered), an owner's chat (a refund Telegram refused) and the database: it must
 * never carry the bot token, which the URL of every Bot API call contains.
 */
import { createServer } from 'node:net'
import { Api } from 'grammy'
import { describe, expect, it } from 'vitest'
import { defaultFetch } from '../../src/bot/handoff/recorder.ts'
import { classifyTelegramError } from '../../src/bot/telegram-errors.ts'
import { TEST_TOKEN } from '../helpers/harness.ts'

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('the reason of a failed Bot API call', () => {
  it('names the network failure but not the token in the URL it failed on', async () => {
    // The bot's own HTTP client, as in production: its error message quotes the URL
    const api = new Api(TEST_TOKEN, { apiRoot: `http://127.0.0.1:${await closedPort()}`, fetch: defaultFetch() })
    const err = await api.getMe().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(String((err as { error?: unknown }).error)).toContain(TEST_TOKEN.split(':')[1])
    const failure = classifyTelegramError(err)
    expect(failure.kind).toBe('network')
    expect(failure.reason).toMatch(/bot\[redacted\]\/getMe/)
    expect(failure.reason).toMatch(/ECONNREFUSED/)
    expect(failure.reason).not.toContain(TEST_TOKEN.split(':')[1])
  })

  it('tells a call refused before it left (cannot have arrived) from one cut off after (may have)', async () => {
    const failureOf = async (apiRoot: string) => {
      const api = new Api(TEST_TOKEN, { apiRoot, fetch: defaultFetch() })
      return classifyTelegramError(
        await api.sendMessage(1, 'x').then(
          () => undefined,
          (e: unknown) => e,
        ),
      )
    }
    expect(await failureOf(`http://127.0.0.1:${await closedPort()}`)).toMatchObject({
      kind: 'network',
      mayHaveArrived: false,
    })
    // A server that reads the whole request, then drops the connection without answering
    const server = createServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      expect(await failureOf(`http://127.0.0.1:${port}`)).toMatchObject({ kind: 'network', mayHaveArrived: true })
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('keeps the token out of an unexpected error too', () => {
    const failure = classifyTelegramError(
      new Error(`fetch of https://api.telegram.org/bot${TEST_TOKEN}/sendMessage broke`),
    )
    expect(failure).toEqual({
      kind: 'internal',
      reason: 'fetch of https://api.telegram.org/bot[redacted]/sendMessage broke',
    })
  })
})
