/**
 * The fake Bot API served over HTTP on loopback, for the real process (`BOT_API_ROOT`):
 * every request goes to the fake; getUpdates hands out the queued updates from the
 * requested offset, holding the request briefly while there are none (long polling).
 * As Telegram does, an update is gone for good once a getUpdates asked for a higher
 * offset (that confirms it): a restarted bot gets only the updates never confirmed.
 */
import { createServer, type Server } from 'node:http'
import type { Update } from 'grammy/types'
import type { FakeTelegram } from './fake-telegram.ts'

export function serveFakeBotApi(
  fake: FakeTelegram,
  queue: Update[],
  {
    cut,
  }: {
    /** Methods whose requests get no answer: the connection is cut (the network gone mid-request). */
    cut?: (method: string) => boolean
  } = {},
): Promise<Server> {
  /** The highest offset asked for: every update below it is confirmed. */
  let confirmed = 0
  const unconfirmed = (offset: number) => queue.filter((u) => u.update_id >= Math.max(offset, confirmed))
  fake.on('getUpdates', (payload) => {
    const offset = Number(payload.offset ?? 0)
    confirmed = Math.max(confirmed, offset)
    return unconfirmed(offset).slice(0, Number(payload.limit ?? 100))
  })
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    if (cut?.(req.url?.split('/').pop() ?? '')) {
      req.socket.destroy()
      return
    }
    if (req.url?.endsWith('/getUpdates')) {
      const offset = Number(JSON.parse(body.toString('utf8') || '{}').offset ?? 0)
      for (let i = 0; i < 20 && unconfirmed(offset).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 25))
      }
    }
    const response = await fake.fetch(`http://fake${req.url}`, {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
      // The fake reads a body as text or as chunks (uploads are multipart)
      body: (async function* () {
        yield body
      })() as never,
    })
    res.setHeader('content-type', 'application/json')
    res.end(await response.text())
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
