import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, lazyChild } from '../src/logger.ts'

describe('logger', () => {
  it('never prints the bot token, wherever it appears', () => {
    const token = '123456789:AAH-secret-token-value-0123456789abc'
    const lines: string[] = []
    const logger = createLogger({ level: 'info', token, destination: { write: (l: string) => void lines.push(l) } })
    logger.info({ token }, 'token field')
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${token}/getMe failed`) }, 'in an error')
    logger.warn(`plain message with ${token.split(':')[1]}`)
    logger.child({ config: { BOT_TOKEN: token } }).info('child')
    const out = lines.join('')
    expect(lines).toHaveLength(4)
    expect(out).not.toContain(token)
    expect(out).not.toContain(token.split(':')[1])
    expect(out).toContain('[redacted]')
  })

  it('prints readable lines with LOG_FORMAT=pretty, still without the token', async () => {
    const token = '123456789:AAH-secret-token-value-0123456789abc'
    const chunks: string[] = []
    const destination = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      },
    })
    const logger = createLogger({ level: 'info', token, format: 'pretty', destination })
    logger.warn({ clientId: 12 }, `could not reach https://api.telegram.org/bot${token}/sendMessage`)
    await new Promise((resolve) => setImmediate(resolve))
    const out = chunks.join('')
    expect(out).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] WARN: could not reach https:\/\/api\.telegram\.org\/bot\[redacted\]\/sendMessage\n {4}clientId: 12\n$/,
    )
    expect(out).not.toContain(token.split(':')[1])
  })

  it('never prints other secrets it is given (the payment provider token)', () => {
    const provider = '381764678:LIVE:provider-secret-0123456789'
    const lines: string[] = []
    const logger = createLogger({
      level: 'info',
      token: '123456789:AAH-secret-token-value-0123456789abc',
      secrets: [provider, undefined],
      destination: { write: (l: string) => void lines.push(l) },
    })
    logger.error({ err: new Error(`sendInvoice with provider_token ${provider} failed`) }, 'in an error')
    expect(lines.join('')).not.toContain(provider)
    expect(lines.join('')).toContain('[redacted]')
  })

  it('writes the same lines through a lazy child (and its children) as through an eager one', () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } })
    const eager = logger.child({ update_id: 7, chat_id: 'private' }).child({ clientId: 3 })
    const lazy = lazyChild(logger, { update_id: 7, chat_id: 'private' }).child({ clientId: 3 })
    eager.info({ kind: 'message' }, 'handled')
    lazy.info({ kind: 'message' }, 'handled')
    lazyChild(logger, { conversation: true }).warn('in a run')
    const [a, b, c] = lines.map((l) => {
      const { time: _time, ...rest } = JSON.parse(l) as Record<string, unknown>
      return rest
    })
    expect(b).toEqual(a)
    expect(a).toEqual({ level: 30, update_id: 7, chat_id: 'private', clientId: 3, kind: 'message', msg: 'handled' })
    expect(c).toEqual({ level: 40, conversation: true, msg: 'in a run' })
    expect(lazy.isLevelEnabled('debug')).toBe(false)
    expect(lazy.level).toBe('info')
  })
})
