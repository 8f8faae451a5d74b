/**
 * What the owner reads while making a broadcast is true of what happens: how it can be stopped or
 * cancelled, a text in another language than the recipients she picked, the {name} note on every
 * menu, the agreement of "1 of 3 reads", why nobody fits, and the scheduled one's older messages
 * once it went or was cancelled.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

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

describe('the confirmation promises only what its buttons do', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      now: 'Отправить? Когда она пойдёт, остановить её можно в любой момент — кнопкой «⏹ Остановить» под сообщением о ходе рассылки.',
      morning:
        'Отправить? Отложенную до 9:00 можно до тех пор отменить кнопкой «✖ Не отправлять» под её сообщением; когда она пойдёт — остановить кнопкой «⏹ Остановить» под сообщением о ходе рассылки.',
    },
    en: {
      preview: 'Preview',
      now: 'Send it? Once it is going, ⏹ Stop under its progress message stops it at any time.',
      morning:
        "Send it? Put off until 9:00, it can be cancelled until then with “✖ Don't send” under its message; once it is going, ⏹ Stop under its progress message stops it.",
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`in the day and in the quiet hours, /cancel not promised (${language})`, async () => {
      const day = createHarness({ clock: createFakeClock('2026-11-23T08:00:00Z') })
      seedClient(day.deps, 401)
      const owner = await ownerIn(day, language)
      await draft(day, owner, 'Новость: скидка')
      await pressMatching(day, owner, said[language].preview)
      const inTheDay = day.fake.lastTextTo(owner.id)
      expect(inTheDay).toContain(said[language].now)
      expect(inTheDay).not.toContain('/cancel')

      const night = createHarness({ clock: createFakeClock(NIGHT) })
      seedClient(night.deps, 401)
      const nightOwner = await ownerIn(night, language)
      await draft(night, nightOwner, 'Новость: скидка')
      await pressMatching(night, nightOwner, said[language].preview)
      const atNight = night.fake.lastTextTo(nightOwner.id)
      expect(atNight).toContain(said[language].morning)
      expect(atNight).not.toContain('/cancel')
      expect(day.errors()).toEqual([])
      expect(night.errors()).toEqual([])
    })
  }
})

describe('the language of the text against the language picked for the recipients', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      russian: 'Русский',
      english: 'English',
      change: 'Изменить получателей',
      two: '🗣 Текст написан по-английски, а получатели читают по-русски — он придёт им как есть, на их языке будет только строка об отписке.',
      one: '🗣 Текст написан по-английски, а получатель читает по-русски — он придёт ему как есть, на его языке будет только строка об отписке.',
    },
    en: {
      preview: 'Preview',
      russian: 'Русский',
      english: 'English',
      change: 'Change recipients',
      two: '🗣 The text is in English, and the recipients read Russian — they get it as it is; only the unsubscribe line is in their language.',
      one: '🗣 The text is in English, and the recipient reads Russian — they get it as it is; only the unsubscribe line is in their language.',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`an English text to the Russian readers is warned of; to the English ones it is not (${language})`, async () => {
      const h = createHarness()
      seedClient(h.deps, 411)
      seedClient(h.deps, 412, { language: 'en' })
      seedClient(h.deps, 413)
      const owner = await ownerIn(h, language)
      await draft(h, owner, 'Christmas sale: ten percent off landing pages')
      await pressMatching(h, owner, '🌐')
      await pressMatching(h, owner, said[language].russian)
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].two)

      // One of them: the words agree
      h.deps.services.clients.optOut(h.deps.services.clients.byTelegramId(413)!.id)
      await pressMatching(h, owner, said[language].change)
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].one)

      // The language it is written in: nothing to warn of
      await pressMatching(h, owner, said[language].change)
      await pressMatching(h, owner, '🌐')
      await pressMatching(h, owner, said[language].english)
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).not.toContain('🗣')
      expect(h.errors()).toEqual([])
    })
  }
})

describe('the count of those who read another language agrees with it', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      one: '🗣 1 из 3 читает по-английски — текст придёт ему как есть, на своём языке будет только строка об отписке.',
      two: '🗣 2 из 3 читают по-русски — текст придёт им как есть, на своём языке будет только строка об отписке.',
    },
    en: {
      preview: 'Preview',
      one: '🗣 1 of 3 reads English — they get the text as it is; only the unsubscribe line is in their language.',
      two: '🗣 2 of 3 read Russian — they get the text as it is; only the unsubscribe line is in their language.',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`"1 of 3 reads", "2 of 3 read" (${language})`, async () => {
      const h = createHarness()
      seedClient(h.deps, 421)
      seedClient(h.deps, 422, { language: 'en' })
      seedClient(h.deps, 423)
      const owner = await ownerIn(h, language)
      await draft(h, owner, 'Друзья, до конца декабря — скидка 10% на лендинги!')
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].one)
      await draft(h, owner, 'Christmas sale: ten percent off landing pages')
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].two)
    })
  }
})

describe('the note on {name} stays above the recipients menu', () => {
  const said = {
    ru: {
      name: '✍️ Вместо {name} каждый получит своё имя — как бот к нему обращается.',
      unknown: '⚠️ {город} уйдёт клиентам как написано: бот подставляет только имя — {имя}.',
      menu: 'Кому отправить рассылку?',
      back: '← Назад',
    },
    en: {
      name: '✍️ Each client gets their own name in place of {name} — the name the bot calls them by.',
      unknown: '⚠️ {город} will reach clients as written: the bot fills in only the name — {name}.',
      menu: 'Who gets this broadcast?',
      back: '← Back',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`on every rewrite of the menu: a filter picked, cleared, or back from the preview (${language})`, async () => {
      const h = createHarness()
      seedClient(h.deps, 431, { tags: ['vip'] })
      seedClient(h.deps, 432)
      const owner = await ownerIn(h, language)
      await draft(h, owner, 'Здравствуйте, {name}! Скидка в {город}')
      const above = `${said[language].name}\n${said[language].unknown}\n\n${said[language].menu}`
      expect(h.fake.lastTextTo(owner.id).startsWith(above)).toBe(true)
      await pressMatching(h, owner, 'bcp:') // the tag picker
      await pressMatching(h, owner, 'vip')
      expect(h.fake.lastTextTo(owner.id).startsWith(above)).toBe(true)
      await pressMatching(h, owner, 'bcp:')
      await pressMatching(h, owner, said[language].back)
      expect(h.fake.lastTextTo(owner.id).startsWith(above)).toBe(true)
      await pressMatching(h, owner, 'bcm:') // everyone
      expect(h.fake.lastTextTo(owner.id).startsWith(above)).toBe(true)
      // A message without braces has no note
      await draft(h, owner, 'Скидка до пятницы')
      expect(h.fake.lastTextTo(owner.id)).not.toContain('✍️')
    })
  }
})

describe('nobody fits: those who match the conditions but may not get it are counted, with why', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      zero: 'Получателей: 0\n🚫 3 клиента подходят, но получить не могут: 1 без согласия на рассылку, 1 отписался, 1 заблокировал бота.',
      nobody:
        'Под эти условия сейчас никто не подходит (тег «vip»).\n🚫 3 клиента подходят, но получить не могут: 1 без согласия на рассылку, 1 отписался, 1 заблокировал бота.',
      one: '🚫 1 клиент подходит, но получить не может: 1 отписался.',
      all: 'Получателей: 1\n🚫 4 клиента подходят, но получить не могут: 1 без согласия на рассылку, 2 отписались, 1 заблокировал бота.',
    },
    en: {
      preview: 'Preview',
      zero: 'Recipients: 0\n🚫 3 clients fit but cannot get it: 1 did not agree to news, 1 unsubscribed, 1 blocked the bot.',
      nobody:
        'Nobody matches these conditions now (tag “vip”).\n🚫 3 clients fit but cannot get it: 1 did not agree to news, 1 unsubscribed, 1 blocked the bot.',
      one: '🚫 1 client fits but cannot get it: 1 unsubscribed.',
      all: 'Recipients: 1\n🚫 4 clients fit but cannot get it: 1 did not agree to news, 2 unsubscribed, 1 blocked the bot.',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`the tag worked, the clients cannot receive it (${language})`, async () => {
      const h = createHarness()
      seedClient(h.deps, 441, { tags: ['vip'], consent: false })
      seedClient(h.deps, 442, { tags: ['vip'], optedOut: true })
      seedClient(h.deps, 443, { tags: ['vip'], blocked: true })
      seedClient(h.deps, 444, { tags: ['vip'], forgotten: true })
      seedClient(h.deps, 445)
      seedClient(h.deps, 446, { tags: ['solo'], optedOut: true })
      const owner = await ownerIn(h, language)
      await draft(h, owner, 'Новость: скидка')
      // Said beside any count, not only 0: everyone who agreed is one client of five
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].all)
      await pressMatching(h, owner, 'bcp:')
      await pressMatching(h, owner, 'vip')
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].zero)
      await pressMatching(h, owner, said[language].preview)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].nobody)
      await pressMatching(h, owner, language === 'ru' ? 'Изменить получателей' : 'Change recipients')
      await pressMatching(h, owner, 'bcp:')
      await pressMatching(h, owner, 'solo')
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].one)
      expect(h.errors()).toEqual([])
    })
  }
})

describe('the older messages of a scheduled broadcast, kept true', () => {
  const said = {
    ru: {
      preview: 'Предпросмотр',
      discard: 'Не отправлять',
      moved:
        '🕘 Рассылка #1 «Новость: скидка» (получатели: все, кто согласился на рассылку) уйдёт: вт, 24 нояб., 9:00. Отменить её — кнопкой в сообщении ниже.',
      started:
        '🚀 Рассылка #1 «Новость: скидка» (получатели: все, кто согласился на рассылку) пошла в 9:00 — ход и итог ниже.',
      cancelled: '✖ Рассылка #1 «Новость: скидка» (получатели: все, кто согласился на рассылку) отменена — не уйдёт.',
      empty:
        'Рассылка #1 «Новость: скидка» (получатели: все, кто согласился на рассылку) не ушла: единственный, кто подходил под её условия, когда её планировали, с тех пор отписался, заблокировал бота или удалил данные.',
    },
    en: {
      preview: 'Preview',
      discard: 'Don',
      moved:
        '🕘 Broadcast #1 “Новость: скидка” (recipients: everyone who agreed to news) goes on Tue 24 Nov, 9:00. To cancel it, use the button in the message below.',
      started:
        '🚀 Broadcast #1 “Новость: скидка” (recipients: everyone who agreed to news) started going out at 9:00 — progress and report below.',
      cancelled:
        '✖ Broadcast #1 “Новость: скидка” (recipients: everyone who agreed to news) is cancelled — it will not go.',
      empty:
        'Broadcast #1 “Новость: скидка” (recipients: everyone who agreed to news) did not go: the one client who fit its conditions when it was planned has since unsubscribed, blocked the bot or erased their data.',
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
    it(`when it starts, each says it went, none "goes" any more (${language})`, async () => {
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
