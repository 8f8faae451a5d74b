import { describe, expect, it } from 'vitest'
import { FakeTelegram } from '../helpers/fake-telegram.ts'

/** Calls the fake the way grammY does (JSON POST to .../bot<token>/<method>). */
async function call(fake: FakeTelegram, method: string, payload: Record<string, unknown>) {
  const res = await fake.fetch(`https://api.telegram.org/botTOKEN/${method}`, {
    method: 'POST',
    body: JSON.stringify(payload),
  })
  return (await res.json()) as { ok: boolean; error_code?: number; parameters?: { retry_after?: number } }
}

describe('the emulated flood limits', () => {
  it('lets a private chat burst five messages, then one a second', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ rateLimits: true, now: () => now })
    for (let i = 0; i < 5; i++) expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })).ok).toBe(true)
    const refused = await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })
    expect(refused).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } })
    // Another chat is not affected
    expect((await call(fake, 'sendMessage', { chat_id: 2, text: 'x' })).ok).toBe(true)
    now += 1000
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })).ok).toBe(true)
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })).ok).toBe(false)
  })

  it('lets a group take twenty messages a minute, topics and pins included', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ rateLimits: true, now: () => now })
    expect((await call(fake, 'createForumTopic', { chat_id: -100, name: 't' })).ok).toBe(true)
    for (let i = 0; i < 19; i++) {
      now += 100
      expect((await call(fake, 'sendMessage', { chat_id: -100, text: 'x' })).ok).toBe(true)
    }
    const refused = await call(fake, 'pinChatMessage', { chat_id: -100, message_id: 1 })
    expect(refused.error_code).toBe(429)
    // The first message leaves the window 60 s after it was sent
    expect(refused.parameters?.retry_after).toBe(59)
    // Not counted: answering a button, an edit of text
    expect((await call(fake, 'answerCallbackQuery', { callback_query_id: 'q' })).ok).toBe(true)
    now = 1_000_000 + 60_001
    expect((await call(fake, 'sendMessage', { chat_id: -100, text: 'x' })).ok).toBe(true)
  })

  it('counts an edit in a group against its twenty a minute, and not one in a private chat', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ rateLimits: true, now: () => now })
    const sent = await call(fake, 'sendMessage', { chat_id: -100, text: 'x' })
    expect(sent.ok).toBe(true)
    for (let i = 0; i < 19; i++) {
      now += 100
      expect((await call(fake, 'editMessageText', { chat_id: -100, message_id: 1, text: `x${i}` })).ok).toBe(true)
    }
    const refused = await call(fake, 'editMessageText', { chat_id: -100, message_id: 1, text: 'z' })
    expect(refused.error_code).toBe(429)
    expect((await call(fake, 'sendMessage', { chat_id: -100, text: 'y' })).error_code).toBe(429)
    // A private chat: the same twenty edits in a second all go
    expect((await call(fake, 'sendMessage', { chat_id: 5, text: 'x' })).ok).toBe(true)
    for (let i = 0; i < 20; i++) {
      expect((await call(fake, 'editMessageText', { chat_id: 5, message_id: 1, text: `x${i}` })).ok).toBe(true)
    }
  })

  it('refuses the 31st message within one second, across chats', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ rateLimits: true, now: () => now })
    for (let i = 1; i <= 30; i++) expect((await call(fake, 'sendMessage', { chat_id: i, text: 'x' })).ok).toBe(true)
    expect((await call(fake, 'sendMessage', { chat_id: 31, text: 'x' })).error_code).toBe(429)
    now += 1001
    expect((await call(fake, 'sendMessage', { chat_id: 31, text: 'x' })).ok).toBe(true)
    expect(fake.limiter?.peakPerSecond).toBe(30)
  })

  it('counts an album as its parts and lets a full bucket take a big one', async () => {
    const fake = new FakeTelegram({ rateLimits: true, now: () => 5_000_000 })
    const media = Array.from({ length: 8 }, () => ({ type: 'photo', media: 'f' }))
    expect((await call(fake, 'sendMediaGroup', { chat_id: 7, media })).ok).toBe(true)
    expect((await call(fake, 'sendMessage', { chat_id: 7, text: 'x' })).error_code).toBe(429)
  })

  it('enforces nothing unless asked', async () => {
    const fake = new FakeTelegram()
    for (let i = 0; i < 40; i++) expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x' })).ok).toBe(true)
  })
})
