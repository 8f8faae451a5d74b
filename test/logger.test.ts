import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.ts'

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
})
