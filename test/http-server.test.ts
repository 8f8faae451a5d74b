/**
 * Closing one of the bot's HTTP servers at a stop (src/http-server.ts): a request being
 * answered is waited for until the deadline, nothing else is. The app's own stop is in
 * app-stop.test.ts.
 */
import { createServer, type ServerResponse } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { closableServer } from '../src/http-server.ts'

/** A local server whose requests wait for the test to answer them; `waiting` has their answers. */
async function serve() {
  const waiting: ServerResponse[] = []
  const server = createServer((_req, res) => void waiting.push(res))
  const close = closableServer(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, waiting, close }
}

describe('closing an HTTP server at a stop', () => {
  it('a request being answered gets its answer; a half-sent request and an idle connection are closed at once', async () => {
    const { port, waiting, close } = await serve()
    const half = connect(port, '127.0.0.1').on('error', () => {})
    const halfClosed = new Promise((resolve) => half.once('close', resolve))
    half.write('POST /hook HTTP/1.1\r\nHost: bot.example.com\r\n')
    const answer = fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', body: '{}' })
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve))

    let closed = false
    const closing = close(Date.now() + 60_000).then(() => {
      closed = true
    })
    await halfClosed
    expect(closed).toBe(false)
    waiting[0]!.end('ok')
    expect(await (await answer).text()).toBe('ok')
    await closing
  })

  it('an answer still not sent at the deadline is not waited for', async () => {
    const { port, waiting, close } = await serve()
    const answer = fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', body: '{}' })
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve))

    await close(Date.now())
    await expect(answer).rejects.toThrow()
  })
})
