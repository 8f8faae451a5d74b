/**
 * The outbound path knows what the bot's messages in a group show, as its own sends and edits
 * left them, and answers an edit that would change nothing there itself, with Telegram's "message
 * is not modified": sent, it would take one of the group's 20 messages a minute for nothing.
 */
import { Api } from 'grammy'
import { describe, expect, it } from 'vitest'
import { outboundFetch } from '../../src/bot/outbound.ts'
import { ShownInGroups } from '../../src/bot/shown-in-groups.ts'
import { classifyTelegramError } from '../../src/bot/telegram-errors.ts'
import { createLogger } from '../../src/logger.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'

const GROUP = -1_001_234_567_890
const PERSON = 4_201

function setUp() {
  const clock = createFakeClock()
  const fake = new FakeTelegram({ now: () => clock.now() })
  const budget = createSendBudget({ clock, limits: { global: [], privateChat: [], group: [], bulk: [] } })
  const fetch = outboundFetch(fake.fetch as never, {
    budget,
    clock,
    logger: createLogger({ level: 'silent' }),
    priority: 'background',
    maxWaitMs: 0,
    shown: new ShownInGroups(),
  })
  const api = new Api(`${fake.botInfo.id}:token`, { fetch: fetch as never })
  /** The edits that reached Telegram. */
  const edits = () => fake.calls.filter((c) => c.method.startsWith('editMessage'))
  /** How the call ended, as the bot's callers read it. */
  const outcome = (call: Promise<unknown>) =>
    call.then(
      () => 'done',
      (err: unknown) => classifyTelegramError(err).kind,
    )
  return { api, fake, edits, outcome }
}

const keyboard = (...data: string[]) => ({ inline_keyboard: [data.map((d) => ({ text: d, callback_data: d }))] })

describe('edits in a group that would change nothing', () => {
  it('are answered "not modified" without reaching Telegram; a change goes, and is known from then', async () => {
    const { api, edits, outcome } = setUp()
    const card = await api.sendMessage(GROUP, '<b>Анна</b> · #1', {
      parse_mode: 'HTML',
      reply_markup: keyboard('take'),
    })
    const id = card.message_id

    // The same text, buttons and formatting; the same buttons alone
    expect(
      await outcome(
        api.editMessageText(GROUP, id, '<b>Анна</b> · #1', { parse_mode: 'HTML', reply_markup: keyboard('take') }),
      ),
    ).toBe('not-modified')
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id, { reply_markup: keyboard('take') }))).toBe(
      'not-modified',
    )
    expect(edits()).toEqual([])

    // The buttons taken off: sent; taken off again (an empty keyboard is none): not
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id))).toBe('done')
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id, { reply_markup: { inline_keyboard: [] } }))).toBe(
      'not-modified',
    )
    // The text with no buttons, as it shows now after the buttons' edit: not sent either
    expect(await outcome(api.editMessageText(GROUP, id, '<b>Анна</b> · #1', { parse_mode: 'HTML' }))).toBe(
      'not-modified',
    )
    // Another text: sent
    expect(await outcome(api.editMessageText(GROUP, id, '<b>Анна</b> · #1 ✅', { parse_mode: 'HTML' }))).toBe('done')
    expect(edits().map((c) => c.method)).toEqual(['editMessageReplyMarkup', 'editMessageText'])
  })

  it('go to Telegram when what the message shows is not known: never sent by this process, an edit failed, deleted', async () => {
    const { api, fake, edits, outcome } = setUp()
    const post = await api.sendMessage(GROUP, 'Пост', { reply_markup: keyboard('ok') })
    const id = post.message_id

    // An edit that failed may have changed it, or not: the next is Telegram's to judge
    fake.fail({ method: 'editMessageReplyMarkup', error_code: 500, description: 'Internal Server Error' })
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id))).toBe('server')
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id, { reply_markup: keyboard('ok') }))).toBe('not-modified')
    expect(edits().at(-1)).toMatchObject({ ok: false, error: { error_code: 400 } })
    // Telegram's own "not modified" says what it shows: known again
    const sent = edits().length
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id, { reply_markup: keyboard('ok') }))).toBe('not-modified')
    expect(edits()).toHaveLength(sent)

    // Deleted: the edit goes, and Telegram says it is gone
    await api.deleteMessage(GROUP, id)
    expect(await outcome(api.editMessageReplyMarkup(GROUP, id, { reply_markup: keyboard('ok') }))).toBe('target-gone')

    // A message of the group this process did not send (before a restart): Telegram's to judge
    const before = edits().length
    await outcome(api.editMessageReplyMarkup(GROUP, 50, { reply_markup: keyboard('ok') }))
    expect(edits()).toHaveLength(before + 1)
  })

  it('in a private chat, where an edit is not counted, go as they are', async () => {
    const { api, edits, outcome } = setUp()
    const menu = await api.sendMessage(PERSON, 'Меню', { reply_markup: keyboard('a') })
    expect(await outcome(api.editMessageReplyMarkup(PERSON, menu.message_id, { reply_markup: keyboard('a') }))).toBe(
      'not-modified',
    )
    expect(edits()).toHaveLength(1)
  })
})
