import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { answerDemoDiscovery, buttonData } from '../helpers/flows.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

/**
 * Both taps arrive together, as Telegram delivers a double tap: handled concurrently, the
 * way the runner does (the per-chat queue then orders them), not one after the other.
 */
async function together(h: Harness, ...updates: Update[]): Promise<void> {
  await Promise.all(updates.map((u) => h.bot.handleUpdate(u)))
}

/** What the person was sent, in order, from the moment `from` (an index into the fake's calls). */
function textsSince(h: Harness, chatId: number, from: number): string[] {
  return h.fake.calls
    .slice(from)
    .filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId)
    .map((c) => String(c.payload.text))
}

/** A client who has just started the bot, and where the calls after that begin. */
async function startedClient(id: number): Promise<{ h: Harness; user: TestUser; from: number }> {
  const h = createHarness()
  const user = h.u.user(id)
  await h.send(h.u.text(user, '/start'))
  return { h, user, from: h.fake.calls.length }
}

describe('a double tap is answered once', () => {
  it('a double tap on the consent answer shows it once, and no thanks comes as a new message', async () => {
    const { h, user, from } = await startedClient(1706)
    const asked = h.fake.messageWithButton(user.id, 'consent:yes')
    const tap = () => h.u.callback(user, 'consent:yes', { messageId: asked })
    await together(h, tap(), tap())
    expect(textsSince(h, user.id, from)).toEqual([])
    expect(h.fake.emulator.chat(user.id).messages.get(asked ?? 0)?.message.text).toContain('✔️ Да, присылайте')
    expect(h.errors()).toEqual([])
  })

  it('a double tap on "Quiz" starts the quiz once, and every tap’s spinner stops', async () => {
    const { h, user, from } = await startedClient(1701)
    const first = h.u.callback(user, 'menu:quiz')
    const second = h.u.callback(user, 'menu:quiz')
    await together(h, first, second)
    const texts = textsSince(h, user.id, from)
    expect(texts.filter((t) => t.includes('Вопрос 1 из 5'))).toHaveLength(1)
    expect(texts).toHaveLength(2) // the quiz's introduction and its first question
    const answered = h.fake.callsOf('answerCallbackQuery').map((c) => c.payload.callback_query_id)
    expect(answered).toEqual(expect.arrayContaining([first.callback_query?.id, second.callback_query?.id]))
    expect(h.errors()).toEqual([])
  })

  it('a double tap on the summary’s "Correct" thanks the client once', async () => {
    const h = createHarness()
    const user = h.u.user(1702)
    await answerDemoDiscovery(h, user)
    const from = h.fake.calls.length
    // Both taps come from the summary (the first one takes its buttons away)
    // The summary's own ✅, with the fingerprint of the answers it shows
    const ok = buttonData(h, user, 'Всё верно')
    expect(ok).toMatch(/^ds:ok:[0-9a-f]{6}$/)
    const summary = h.fake.messageWithButton(user.id, ok)
    expect(summary).toBeDefined()
    const tap = () => h.u.callback(user, ok, { messageId: summary })
    await together(h, tap(), tap())
    const texts = textsSince(h, user.id, from)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Спасибо')
  })

  it('the same button pressed again after a moment is answered again', async () => {
    const { h, user, from } = await startedClient(1703)
    await h.send(h.u.callback(user, 'menu:about'))
    h.clock.advance(3_000)
    await h.send(h.u.callback(user, 'menu:about'))
    expect(textsSince(h, user.id, from).filter((t) => t.includes('Работаем:'))).toHaveLength(2)
  })

  it('taps on one button under a second apart: a tap a second after the last one answered counts', async () => {
    const { h, user, from } = await startedClient(1707)
    // The second tap, 0.85 s after the first, is a double tap; the third, 0.85 s after that
    // one but 1.7 s after the tap answered, is a person pressing again (an option toggled back)
    for (let i = 0; i < 3; i++) {
      if (i > 0) h.clock.advance(850)
      await h.send(h.u.callback(user, 'menu:about'))
    }
    expect(textsSince(h, user.id, from).filter((t) => t.includes('Работаем:'))).toHaveLength(2)
  })

  it('two people pressing the same button at once are both answered', async () => {
    const h = createHarness()
    const anna = h.u.user(1704)
    const boris = h.u.user(1705)
    await h.send(h.u.text(anna, '/start'), h.u.text(boris, '/start'))
    const from = h.fake.calls.length
    await together(h, h.u.callback(anna, 'menu:about'), h.u.callback(boris, 'menu:about'))
    expect(textsSince(h, anna.id, from)).toHaveLength(1)
    expect(textsSince(h, boris.id, from)).toHaveLength(1)
  })

  it('a tap on another button right after the first is answered', async () => {
    const { h, user, from } = await startedClient(1706)
    await together(h, h.u.callback(user, 'menu:about'), h.u.callback(user, 'menu:main'))
    const texts = textsSince(h, user.id, from)
    expect(texts).toHaveLength(2)
    expect(texts[1]).toContain('Чем займёмся?')
  })

  it('a repeated tap too old for Telegram to answer is no error', async () => {
    const { h, user, from } = await startedClient(1707)
    // The second tap is answered first (it is turned away before the first one's turn)
    h.fake.fail({
      method: 'answerCallbackQuery',
      error_code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    })
    await together(h, h.u.callback(user, 'menu:about'), h.u.callback(user, 'menu:about'))
    expect(textsSince(h, user.id, from)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})
