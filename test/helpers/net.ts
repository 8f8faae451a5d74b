/** Local ports for tests that run the app's own servers (webhook, health). */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local port nothing listens on now (the OS picks it; it is closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
