/**
 * The emulated Bot API over HTTP, as a bot reaches Telegram: Telegram's
 * addresses and statuses, grammY's multipart uploads and the file download
 * URL, long polling, and webhooks with the secret header.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Api, InputFile } from 'grammy'
import type { Update } from 'grammy/types'
import { afterEach, describe, expect, it } from 'vitest'
import { TelegramEmulator } from '../../src/sandbox/telegram/emulator.ts'
import { createBotApiHandler } from '../../src/sandbox/telegram/http.ts'

const TOKEN = '7000000031:http-test-token-00000000000000000000'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function serve(em: TelegramEmulator): Promise<string> {
  const handle = createBotApiHandler(
    () => em,
    (err) => {
      throw err
    },
  )
  return listen((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end()
    })
  })
}

function world() {
  const em = new TelegramEmulator({ token: TOKEN })
  const user = em.addUser({ id: 41, first_name: 'Анна' })
  em.userMessage(user.id, user.id, { text: '/start' })
  return { em, user }
}

describe('the Bot API over HTTP', () => {
  it("answers at Telegram's addresses with Telegram's statuses and bodies", async () => {
    const { em } = world()
    const root = await serve(em)
    const wrongToken = await fetch(`${root}/bot123:nope/getMe`)
    expect(wrongToken.status).toBe(401)
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' })
    const unknown = await fetch(`${root}/bot${TOKEN}/sendTelepathy`, { method: 'POST' })
    expect(unknown.status).toBe(404)
    // Parameters may come in the query string, as Telegram allows
    const me = await fetch(`${root}/bot${TOKEN}/getMe`)
    expect(await me.json()).toMatchObject({ ok: true, result: { id: 7000000031, is_bot: true } })
    const refused = await fetch(`${root}/bot${TOKEN}/sendMessage?chat_id=41&text=`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: message text is empty',
    })
    const form = await fetch(`${root}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'chat_id=41&text=%3Cb%3E123%3C%2Fb%3E&parse_mode=HTML',
    })
    expect(await form.json()).toMatchObject({ ok: true, result: { text: '123', entities: [{ type: 'bold' }] } })
  })

  it("takes grammY's multipart uploads and serves the file back at its download URL", async () => {
    const { em, user } = world()
    const root = await serve(em)
    const api = new Api(TOKEN, { apiRoot: root })
    const csv = Buffer.from('id,name\n1,Анна\n', 'utf8')
    const sent = await api.sendDocument(user.id, new InputFile(csv, 'клиенты за ноябрь.csv'), { caption: 'Выгрузка' })
    expect(sent.document).toMatchObject({
      file_name: 'клиенты за ноябрь.csv',
      mime_type: 'text/csv',
      file_size: csv.length,
    })
    expect(sent.caption).toBe('Выгрузка')
    const file = await api.getFile(sent.document.file_id)
    const download = await fetch(`${root}/file/bot${TOKEN}/${file.file_path}`)
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true)
    expect((await fetch(`${root}/file/bot${TOKEN}/documents/none.csv`)).status).toBe(404)
    // A path or token that is not valid percent-encoding is no file and no bot, as in Telegram
    expect((await fetch(`${root}/file/bot${TOKEN}/documents/%E0%A4%A.csv`)).status).toBe(404)
    expect((await fetch(`${root}/bot%E0%A4%A/getMe`)).status).toBe(401)
    // The same upload by file id is the same file
    const again = await api.sendDocument(user.id, sent.document.file_id)
    expect(again.document.file_id).toBe(sent.document.file_id)
  })

  it('long polling waits for the next update; a client that goes away ends its wait quietly', async () => {
    const { em, user } = world()
    const root = await serve(em)
    const api = new Api(TOKEN, { apiRoot: root })
    const [start] = await api.getUpdates()
    const offset = (start?.update_id ?? 0) + 1
    const gone = new AbortController()
    const abandoned = fetch(`${root}/bot${TOKEN}/getUpdates?offset=${offset}&timeout=30`, { signal: gone.signal })
    await new Promise((resolve) => setTimeout(resolve, 50))
    gone.abort()
    await expect(abandoned).rejects.toThrow()
    // The next poll is not taken for a second bot: it waits, and gets the next message
    const next = api.getUpdates({ offset, timeout: 30 })
    em.userMessage(user.id, user.id, { text: 'ещё вопрос' })
    expect((await next).map((u) => u.message?.text)).toEqual(['ещё вопрос'])
  })

  it('pushes updates to a webhook with the secret header, retrying until the bot takes them', async () => {
    const { em, user } = world()
    const root = await serve(em)
    const api = new Api(TOKEN, { apiRoot: root })
    const received: { secret: string | undefined; update: Update }[] = []
    let failFirst = true
    const hook = await listen(async (req: IncomingMessage, res) => {
      let body = ''
      for await (const chunk of req) body += chunk
      if (failFirst) {
        failFirst = false
        res.writeHead(500).end()
        return
      }
      received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string, update: JSON.parse(body) })
      res.writeHead(200).end()
    })
    await api.setWebhook(`${hook}/telegram`, { secret_token: 'sandbox_secret-1' })
    await expect(api.getUpdates()).rejects.toThrow('409')
    const deadline = Date.now() + 10_000
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ secret: 'sandbox_secret-1', update: { message: { text: '/start' } } })
    const info = await api.getWebhookInfo()
    expect(info).toMatchObject({ url: `${hook}/telegram`, pending_update_count: 0 })
    expect(info.last_error_message).toContain('500')
    await api.deleteWebhook()
    em.userMessage(user.id, user.id, { text: 'снова опрос' })
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(['снова опрос'])
    em.close()
  })
})
