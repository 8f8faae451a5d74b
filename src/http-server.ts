/**
 * Closing the bot's HTTP servers (the webhook's, /healthz's) at a stop. Node's own
 * `server.close()` waits for every open connection, however long it takes: one that sent
 * part of a request and then nothing (a scanner, a dropped mobile client, a proxy streaming
 * a body) held the stop for minutes, until Node gave up on it — past the service manager's
 * patience, which then killed the bot with updates still being handled.
 */
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/**
 * Watches `server`'s connections and returns how to close it by a deadline (epoch ms). A
 * request being answered keeps its connection until its answer is sent (a webhook's answer
 * tells Telegram the update was handled, or it would send it again), up to the deadline;
 * every other connection — idle, or still sending a request that nothing has read yet —
 * is closed at once, so it costs the stop nothing. Resolves once every connection is gone.
 */
export function closableServer(server: Server): (deadline: number) => Promise<void> {
  const open = new Set<Socket>()
  /** Connections with a request being answered, and its answer. */
  const answering = new Map<Socket, ServerResponse>()
  let closing = false
  server.on('connection', (socket: Socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  })
  // Before the server's own handler, which may answer at once
  server.prependListener('request', (req, res: ServerResponse) => {
    const socket = req.socket
    answering.set(socket, res)
    // Once closing, a connection ends with its answer instead of waiting for another request
    if (closing) res.shouldKeepAlive = false
    res.once('close', () => {
      if (answering.get(socket) === res) answering.delete(socket)
    })
  })
  return (deadline) =>
    new Promise((resolve) => {
      closing = true
      // An answer still not sent by then is not waited for any longer
      const timer = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()))
      // Stops listening (and closes the idle connections); called back once the last one is gone
      server.close(() => {
        clearTimeout(timer)
        resolve()
      })
      for (const socket of open) {
        const res = answering.get(socket)
        if (!res) socket.destroy()
        else if (!res.headersSent) res.shouldKeepAlive = false
      }
    })
}
