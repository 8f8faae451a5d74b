/**
 * What the owner reads of a broadcast is true of what happens: the older messages of a scheduled
 * one, once it went, was cancelled or found nobody.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

/** The owner, speaking Russian (the default) or English (said with /start). */
async function ownerIn(h: Harness, language: 'ru' | 'en'): Promise<TestUser> {
  if (language === 'ru') return h.u.user(OWNER_ID)
  const owner = h.u.user(OWNER_ID, { language_code: 'en' })
  await h.send(h.u.text(owner, '/start'))
  return owner
}

/** /broadcast and the message: the owner looks at the recipients' menu. */
async function draft(h: Harness, owner: TestUser, text: string): Promise<void> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
}

/** Monday 22:00 in Moscow, in the demo's quiet hours (21:00–09:00). */
const NIGHT = '2026-11-23T19:00:00Z'
const MORNING = '2026-11-24T06:00:00Z'

async function atNine(h: Harness): Promise<void> {
  h.clock.set(Date.parse(MORNING))
  await h.deps.scheduler.runDue()
  await h.deps.services.broadcasts.idle()
  await h.drain()
}

describe('the older messages of a scheduled broadcast, kept true', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      discard: 'Не отправлять',
      moved: '🕘 Рассылка #1 уйдёт завтра в 9:00. Отменить её — кнопкой в сообщении ниже.',
      started: '🚀 Рассылка #1 пошла в 9:00 — ход и итог ниже.',
      cancelled: '✖ Рассылка #1 отменена — не уйдёт.',
      empty:
        'Рассылка #1 не ушла: единственный, кто подходил под её условия, когда её планировали, с тех пор отписался, заблокировал бота или удалил данные.',
    },
    en: {
      preview: 'Preview',
      discard: 'Don',
      moved: '🕘 Broadcast #1 goes tomorrow at 9:00. To cancel it, use the button in the message below.',
      started: '🚀 Broadcast #1 started going out at 9:00 — progress and report below.',
      cancelled: '✖ Broadcast #1 is cancelled — it will not go.',
      empty:
        'Broadcast #1 did not go: the one client who fit its conditions when it was planned has since unsubscribed, blocked the bot or erased their data.',
    },
  }
  /** Scheduled at 22:00 for 9:00, then /cancel twice: three messages about it, the newest with its ✖. */
  async function scheduledAndAskedTwice(language: 'ru' | 'en') {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    seedClient(h.deps, 451)
    const owner = await ownerIn(h, language)
    await draft(h, owner, 'Новость: скидка')
    await pressMatching(h, owner, said[language].preview)
    await pressMatching(h, owner, '🌅')
    await h.send(h.u.text(owner, '/cancel'), h.u.text(owner, '/cancel'))
    const chat = h.fake.emulator.chats.get(owner.id)!
    const ids = [...chat.messages.entries()]
      .filter(([, m]) => m.fromBot && m.message.text?.startsWith('🕘'))
      .map(([id]) => id)
    const about = () => ids.map((id) => chat.messages.get(id)?.message.text)
    expect(about()).toHaveLength(3)
    expect(about().slice(0, 2)).toEqual([said[language].moved, said[language].moved])
    return { h, owner, about, ids }
  }

  for (const language of ['ru', 'en'] as const) {
    it(`when it starts, each says it went, none "goes tomorrow" (${language})`, async () => {
      const { h, about } = await scheduledAndAskedTwice(language)
      await atNine(h)
      expect(broadcastTo(h, 451)).toHaveLength(1)
      expect(about()).toEqual([said[language].started, said[language].started, said[language].started])
      expect(h.errors()).toEqual([])
    })

    it(`cancelled with the newest ✖, each says it is cancelled (${language})`, async () => {
      const { h, owner, about } = await scheduledAndAskedTwice(language)
      await pressMatching(h, owner, said[language].discard)
      expect(about()).toEqual([said[language].cancelled, said[language].cancelled, said[language].cancelled])
      await atNine(h)
      expect(broadcastTo(h, 451)).toHaveLength(0)
      expect(h.errors()).toEqual([])
    })

    it(`finding nobody at 9:00, each says it did not go (${language})`, async () => {
      const { h, about } = await scheduledAndAskedTwice(language)
      await h.send(h.u.text(h.u.user(451), '/stop'))
      await atNine(h)
      expect(broadcastTo(h, 451)).toHaveLength(0)
      expect(about()).toEqual([said[language].empty, said[language].empty, said[language].empty])
      expect(h.errors()).toEqual([])
    })
  }

  it('an older message Telegram no longer lets edit: logged, the others said so, the broadcast goes', async () => {
    const { h, about, ids } = await scheduledAndAskedTwice('ru')
    const first = ids[0]
    h.fake.fail({
      method: 'editMessageText',
      chatId: OWNER_ID,
      where: (p) => Number(p.message_id) === first,
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    })
    await atNine(h)
    expect(broadcastTo(h, 451)).toHaveLength(1)
    expect(about()).toEqual([said.ru.moved, said.ru.started, said.ru.started])
    expect(h.logs.some((l) => l.msg.includes('scheduled notice') && l.reason === 'target-gone')).toBe(true)
    expect(h.errors()).toEqual([])
  })
})
