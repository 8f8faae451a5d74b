/** Local ports for tests that run the app's own servers (webhook, health). */
import { createServer } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { testConfig } from './harness.ts'

/** A local port nothing listens on now (the OS picks it; it is closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** Whether something listens on the local `port`. */
export function takesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef'

/**
 * Settings of the app in webhook mode on a free local port with its database at `dbPath`, and
 * Telegram posting an update to that webhook: the HTTP status, or 'no answer' when the
 * connection was cut.
 */
export async function webhookSetup(dbPath: string) {
  const port = await freePort()
  const config = testConfig({
    DATABASE_PATH: dbPath,
    WEBHOOK_URL: 'https://bot.example.com/tg/hook',
    WEBHOOK_SECRET,
    WEBHOOK_PORT: String(port),
    WEBHOOK_HOST: '127.0.0.1',
  })
  const post = (update: unknown) =>
    fetch(`http://127.0.0.1:${port}/tg/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    }).then(
      (r) => r.status,
      () => 'no answer' as const,
    )
  return { config, port, post }
}
