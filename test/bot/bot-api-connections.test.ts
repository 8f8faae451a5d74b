/**
 * The bot's connections to the Bot API over real HTTP on loopback. Telegram's front (like a
 * proxy or a NAT on the way) may forget a connection left idle without telling the bot; a
 * call written to it later fails with `read ECONNRESET` and its message may or may not have
 * arrived. This server never closes an idle connection and announces no limit, so whatever
 * closes one here is the bot.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Api } from 'grammy'
import { afterEach, describe, expect, it } from 'vitest'
import { createBotApis } from '../../src/bot/api.ts'
import { createHarness, TEST_TOKEN } from '../helpers/harness.ts'

interface Connection {
  socket: Socket
  /** Settles when the bot closes the connection from its side. */
  closedByBot: Promise<void>
}

interface QuietServer {
  url: string
  connections: Connection[]
  close(): Promise<void>
}

/** A Bot API that answers every call with `true`, holding `holdMs[method]` milliseconds first. */
async function quietServer(holdMs: Record<string, number> = {}): Promise<QuietServer> {
  const connections: Connection[] = []
  const server: Server = createServer(async (req, res) => {
    for await (const _ of req) {
      // the body is not needed: every call gets the same answer
    }
    const method = req.url?.split('/').pop() ?? ''
    const hold = holdMs[method]
    if (hold) await new Promise((resolve) => setTimeout(resolve, hold))
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, result: method === 'getUpdates' ? [] : true }))
  })
  // Never closes an idle connection and sends no "Keep-Alive: timeout=": as a server that
  // forgets connections silently looks to the bot
  server.keepAliveTimeout = 0
  server.on('connection', (socket: Socket) => {
    connections.push({ socket, closedByBot: new Promise((resolve) => socket.once('end', () => resolve())) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const { socket } of connections) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

let server: QuietServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function botApi(root: string): Api {
  const h = createHarness({ config: { BOT_API_ROOT: root } })
  // No fetch of the test's own: the bot's real one, over the network
  return new Api(TEST_TOKEN, createBotApis(h.deps).client)
}

describe('connections to the Bot API', () => {
  it('an idle connection is closed by the bot, and the next call opens a new one', { timeout: 30_000 }, async () => {
    server = await quietServer()
    const api = botApi(server.url)
    await api.getMe()
    await api.sendChatAction(501, 'typing')
    expect(server.connections).toHaveLength(1)

    await server.connections[0]?.closedByBot
    expect(await api.sendChatAction(501, 'typing')).toBe(true)
    expect(server.connections).toHaveLength(2)
  })

  it('a call the server holds longer than the bot keeps a connection idle still gets its answer', {
    timeout: 30_000,
  }, async () => {
    // Long polling: getUpdates is answered only when an update comes or its timeout ends
    server = await quietServer({ getUpdates: 6_000 })
    const api = botApi(server.url)
    expect(await api.getUpdates({ timeout: 30 })).toEqual([])
    expect(server.connections).toHaveLength(1)
  })
})
