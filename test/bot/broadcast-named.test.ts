/**
 * An owner with two or three broadcasts scheduled tells them apart: each is named by the start of
 * its text and its recipients wherever it is named — its notice, the answers to /broadcast and
 * /cancel, the warning about the same message again, the notice's edits when it goes or is cancelled.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

/** Monday 22:00 in Moscow, in the demo's quiet hours (21:00–09:00). */
const NIGHT = '2026-11-23T19:00:00Z'
const MORNING = '2026-11-24T06:00:00Z'

/** The texts of the messages the bot sent the owner (not its edits), oldest first. */
const sent = (h: Harness) => h.fake.sentTo(OWNER_ID).map((c) => String(c.payload.text))

/** The bot's messages in the owner's chat as they read now (edits applied), oldest first. */
function ownerChat(h: Harness): string[] {
  const chat = h.fake.emulator.chats.get(OWNER_ID)
  return [...(chat?.messages.values() ?? [])].filter((m) => m.fromBot).map((m) => m.message.text ?? '')
}

describe('a scheduled broadcast is named by its text and its recipients', () => {
  const LONG = 'Скидка 20% на лендинги до пятницы — только для постоянных клиентов\nПодробности на сайте'
  const ONE = '#1 «Скидка 20% на лендинги до пятницы…» (получатели: тег «vip»)'
  const TWO = '#2 «Новый кейс: сайт для пекарни» (получатели: все, кто согласился на рассылку)'

  /** At 22:00: #1 (a long text) to the «vip» tag and #2 to everyone, both put off to 9:00. */
  async function twoScheduled() {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    seedClient(h.deps, 601, { tags: ['vip'] })
    seedClient(h.deps, 602)
    const owner = await ownerIn(h, 'ru')
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, LONG))
    await pressMatching(h, owner, 'bcp:') // the tag picker
    await pressMatching(h, owner, 'vip')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, '🌅')
    const first = h.fake.lastTextTo(owner.id)
    await h.send(h.u.text(owner, '/broadcast'))
    await h.send(h.u.text(owner, 'Новый кейс: сайт для пекарни'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, '🌅')
    return { h, owner, first, second: h.fake.lastTextTo(owner.id) }
  }

  it('in its notice, the answers to /broadcast and /cancel, each with its own ✖', async () => {
    const { h, owner, first, second } = await twoScheduled()
    expect(first).toBe(
      `🕘 Рассылка ${ONE} уйдёт: вт, 24 нояб., 9:00, когда закончатся тихие часы. Получатели — кто подойдёт под условия тогда. Передумали — кнопка ниже.`,
    )
    expect(second).toContain(`🕘 Рассылка ${TWO} уйдёт: вт, 24 нояб., 9:00`)

    await h.send(h.u.text(owner, '/broadcast'))
    const listed = sent(h).slice(-3)
    expect(listed.slice(0, 2)).toEqual([
      `🕘 Рассылка ${ONE} уже запланирована на вт, 24 нояб., 9:00. Если новая её заменяет, эту отмените — кнопка ниже.`,
      `🕘 Рассылка ${TWO} уже запланирована на вт, 24 нояб., 9:00. Если новая её заменяет, эту отмените — кнопка ниже.`,
    ])
    await h.send(h.u.text(owner, '/cancel'), h.u.text(owner, '/cancel'))
    const cancelAnswers = sent(h).slice(-2)
    expect(cancelAnswers).toEqual([
      `🕘 Рассылка ${ONE} запланирована на вт, 24 нояб., 9:00. /cancel её не отменяет — если она не нужна, нажмите «✖ Не отправлять».`,
      `🕘 Рассылка ${TWO} запланирована на вт, 24 нояб., 9:00. /cancel её не отменяет — если она не нужна, нажмите «✖ Не отправлять».`,
    ])
    // Each ✖ is under the message that names its broadcast
    const chat = h.fake.emulator.chats.get(owner.id)!
    for (const [id, name] of [
      [1, ONE],
      [2, TWO],
    ] as const) {
      const under = h.fake.messageWithButton(owner.id, `bcm:${id}:discard`)!
      expect(chat.messages.get(under)?.message.text).toContain(name)
    }
    // The one cancelled says which; the other goes at 9:00, its messages saying which went
    await h.send(h.u.callback(owner, 'bcm:1:discard'))
    h.clock.set(Date.parse(MORNING))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 601, 'Новый кейс')).toHaveLength(1)
    const now = ownerChat(h)
    expect(now.filter((t) => t.startsWith('✖ Рассылка #1'))).toContain(`✖ Рассылка ${ONE} отменена — не уйдёт.`)
    expect(now.filter((t) => t.startsWith('🚀 Рассылка #2'))).toContain(
      `🚀 Рассылка ${TWO} пошла в 9:00 — ход и итог ниже.`,
    )
    expect(h.errors()).toEqual([])
  })

  it('the same message again: the warning names the other one the same way', async () => {
    const { h, owner } = await twoScheduled()
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новый кейс: сайт для пекарни'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `⚠️ Это то же сообщение, что в рассылке ${TWO}, — она уйдёт: вт, 24 нояб., 9:00. Кто попадёт в обе, получит его дважды. Запланировать ещё и эту?`,
    )
  })

  it('a photo with no caption is named a photo; in English, the English words', async () => {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    seedClient(h.deps, 611)
    const owner = await ownerIn(h, 'en')
    await h.send(h.u.text(owner, '/broadcast'), h.u.photo(owner))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Preview')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toMatch(
      /^🕘 Broadcast #1 \(photo; recipients: everyone who agreed to news\) goes on Tue 24 Nov, 9:00,/,
    )
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Autumn sale: landing pages at half price'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Preview')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toMatch(
      /^🕘 Broadcast #2 “Autumn sale: landing pages at half price” \(recipients: everyone who agreed to news\) goes on/,
    )
  })
})

describe('a broadcast with no words is named by what it is', () => {
  it('a video, a GIF, a file, a sticker, a round video; a photo with a caption by its caption', async () => {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    seedClient(h.deps, 631)
    const owner = await ownerIn(h, 'ru')
    const messages = [
      [h.u.video(owner), '(видео; получатели: все, кто согласился на рассылку)'],
      [h.u.animation(owner), '(GIF; получатели: все, кто согласился на рассылку)'],
      [h.u.document(owner, { fileName: 'price.pdf' }), '(файл; получатели: все, кто согласился на рассылку)'],
      [h.u.sticker(owner), '(стикер; получатели: все, кто согласился на рассылку)'],
      [h.u.videoNote(owner), '(кружок; получатели: все, кто согласился на рассылку)'],
      [
        h.u.photo(owner, { caption: 'Наш новый офис' }),
        '«Наш новый офис» (получатели: все, кто согласился на рассылку)',
      ],
    ] as const
    for (const [i, [message, name]] of messages.entries()) {
      await h.send(h.u.text(owner, '/broadcast'), message)
      await pressMatching(h, owner, 'bcm:')
      await pressMatching(h, owner, 'Предпросмотр')
      await pressMatching(h, owner, '🌅')
      expect(h.fake.lastTextTo(owner.id)).toContain(`🕘 Рассылка #${i + 1} ${name} уйдёт: вт, 24 нояб., 9:00,`)
    }
    expect(h.errors()).toEqual([])
  })
})

describe('with two owners, each sees everything the business has scheduled', () => {
  const IGOR = 5_000_002

  /** At 22:00 Ольга puts off #1 to 9:00, Игорь #2: each by their own /broadcast. */
  async function bothScheduled() {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    h.deps.services.staff.add(OWNER_ID, 'owner', OWNER_ID, 'Ольга')
    h.deps.services.staff.add(IGOR, 'owner', OWNER_ID, 'Игорь')
    const olga = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const igor = h.u.user(IGOR, { first_name: 'Игорь' })
    seedClient(h.deps, 621)
    for (const [who, text] of [
      [olga, 'Осенняя скидка на лендинги'],
      [igor, 'Новый кейс: сайт для пекарни'],
    ] as const) {
      await h.send(h.u.text(who, '/broadcast'), h.u.text(who, text))
      await pressMatching(h, who, 'bcm:')
      await pressMatching(h, who, 'Предпросмотр')
      await pressMatching(h, who, '🌅')
    }
    return { h, olga, igor }
  }
  const OLGAS = '#1 «Осенняя скидка на лендинги» (получатели: все, кто согласился на рассылку)'
  const IGORS = '#2 «Новый кейс: сайт для пекарни» (получатели: все, кто согласился на рассылку)'

  it("/broadcast names a colleague's scheduled broadcast too, with who put it off; only its author's has ✖", async () => {
    const { h, olga, igor } = await bothScheduled()
    for (const [who, own, other, author] of [
      [igor, IGORS, OLGAS, 'Ольга'],
      [olga, OLGAS, IGORS, 'Игорь'],
    ] as const) {
      const before = h.fake.sentTo(who.id).length
      await h.send(h.u.text(who, '/broadcast'))
      const answer = h.fake.sentTo(who.id).slice(before)
      const texts = answer.map((c) => String(c.payload.text))
      const ownLine = `🕘 Рассылка ${own} уже запланирована на вт, 24 нояб., 9:00. Если новая её заменяет, эту отмените — кнопка ниже.`
      const otherLine = `🕘 Рассылка ${other} запланирована на вт, 24 нояб., 9:00 (автор — ${author}). Отменить её может только автор.`
      // In the order they go (the older first), then the question for the new message
      expect(texts.slice(0, 2)).toEqual(who === igor ? [otherLine, ownLine] : [ownLine, otherLine])
      expect(texts[2]).toContain('Пришлите сообщение для рассылки')
      const buttons = (i: number) => answer[i]?.payload.reply_markup?.inline_keyboard.flat() ?? []
      const ownAt = texts.indexOf(ownLine)
      expect(buttons(ownAt).map((b: { callback_data: string }) => b.callback_data)).toEqual([
        `bcm:${who === olga ? 1 : 2}:discard`,
      ])
      expect(buttons(texts.indexOf(otherLine))).toEqual([])
    }
    expect(h.errors()).toEqual([])
  })

  it('one whose author is no owner any more is not said to be going: it will not go', async () => {
    const { h, olga } = await bothScheduled()
    h.deps.services.staff.remove(IGOR)
    await h.send(h.u.text(olga, '/broadcast'))
    const texts = h.fake.textsTo(olga.id)
    expect(texts.slice(-2)[0]).toContain(`🕘 Рассылка ${OLGAS} уже запланирована`)
    expect(texts.filter((t) => t.includes('Новый кейс'))).toEqual([])
  })
})

describe('the numbers owners see', () => {
  /** /broadcast and the message: the owner looks at its recipients' menu; then drops it. */
  async function dropped(h: Harness, owner: TestUser, text: string) {
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
    const menu = h.fake.lastTextTo(owner.id)
    await pressMatching(h, owner, '✖')
    return menu
  }

  it('a draft dropped from its menu takes none: the next one sent is the next number', async () => {
    const h = createHarness()
    seedClient(h.deps, 641)
    const owner = await ownerIn(h, 'ru')
    const menu = await dropped(h, owner, 'Черновик, не нужен')
    expect(menu).toMatch(/^Кому отправить рассылку\?\nСейчас: все, кто согласился на рассылку\n/)
    expect(menu).not.toContain('#')
    for (const [n, text] of [
      [1, 'Новость: скидка'],
      [2, 'Новость: кейс'],
    ] as const) {
      await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
      await pressMatching(h, owner, 'bcm:')
      await pressMatching(h, owner, 'Предпросмотр')
      await pressMatching(h, owner, 'Отправить')
      expect(h.fake.lastTextTo(owner.id)).toMatch(new RegExp(`^🚀 Рассылка #${n} `))
      await h.deps.services.broadcasts.idle()
      expect(h.fake.lastTextTo(owner.id)).toMatch(new RegExp(`^✅ Рассылка #${n} `))
      await dropped(h, owner, 'Ещё черновик')
    }
  })

  it('put off to the morning after a dropped draft, it is #1 too', async () => {
    const h = createHarness({ clock: createFakeClock(NIGHT) })
    seedClient(h.deps, 642)
    const owner = await ownerIn(h, 'en')
    expect(await dropped(h, owner, 'A draft')).toMatch(/^Who gets this broadcast\?\n/)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Autumn sale'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Preview')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^🕘 Broadcast #1 “Autumn sale” \(recipients: /)
  })
})

describe('its progress, its report and sending it on to the rest name it as its notice does', () => {
  const TEXT = 'Большая новость: мы открыли новый офис! Заходите на кофе.'
  const NAME = '#1 «Большая новость: мы открыли новый офис…» (получатели: все, кто согласился на рассылку)'
  const CHATS = Array.from({ length: 30 }, (_, i) => 96_000 + i)

  it('stopped halfway and sent on: every message about it says which it is', async () => {
    const h = createHarness()
    const owner = await ownerIn(h, 'ru')
    for (const chat of CHATS) seedClient(h.deps, chat)
    // Telegram does not answer the messages to the last 20 until released: it is stopped halfway
    const release = h.fake.hold((c) => c.method === 'sendMessage' && CHATS.indexOf(Number(c.payload.chat_id)) >= 10)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, TEXT))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    expect(h.fake.textsTo(owner.id)).toContain(`🚀 Рассылка ${NAME} запущена: 30 получателей.`)
    expect(sent(h)).toContain(`📤 Рассылка ${NAME}: отправлено 0 из 30…`)
    await h.send(h.u.callback(owner, 'bcstop:1'))
    expect(h.fake.textsTo(owner.id)).toContain(`Останавливаю рассылку ${NAME} — итог пришлю следом.`)
    release()
    await h.deps.services.broadcasts.idle()
    expect(ownerChat(h)).toContain(`📤 Рассылка ${NAME}: остановлена, доставлено 18 из 30.`)
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `⏹ Рассылка ${NAME} остановлена.\nДоставлено: 18 из 30\nЗаблокировали бота: 0\nОшибки: 0\nНе отправлено: 12`,
    )
    await pressMatching(h, owner, 'Дослать')
    // The report it was pressed under reads so now
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `🚀 Рассылка ${NAME} досылается: ещё 12 получателям. Кто её уже получил, второй раз не получит.`,
    )
    await h.deps.services.broadcasts.idle()
    expect(ownerChat(h)).toContain(`📤 Рассылка ${NAME}: обработано 30 из 30.`)
    expect(h.fake.lastTextTo(owner.id).split('\n').slice(0, 2)).toEqual([
      `✅ Рассылка ${NAME} завершена.`,
      'Доставлено: 30 из 30',
    ])
    expect(h.errors()).toEqual([])
  })

  it('a Stop pressed once it ended says which one is not going any more', async () => {
    const h = createHarness()
    seedClient(h.deps, 96_200)
    const owner = await ownerIn(h, 'ru')
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()
    // (An old Stop, pressed in a chat the edit that took it off did not reach)
    await h.send(h.u.callback(owner, 'bcstop:1'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Рассылка #1 «Новость: скидка» (получатели: все, кто согласился на рассылку) уже не идёт.',
    )
  })

  it('in English, its start and its report', async () => {
    const h = createHarness()
    seedClient(h.deps, 96_100)
    const owner = await ownerIn(h, 'en')
    await h.send(h.u.text(owner, '/broadcast'), h.u.photo(owner))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Preview')
    await pressMatching(h, owner, 'Send')
    const name = '#1 (photo; recipients: everyone who agreed to news)'
    expect(h.fake.textsTo(owner.id)).toContain(`🚀 Broadcast ${name} started: 1 recipient.`)
    await h.deps.services.broadcasts.idle()
    expect(ownerChat(h)).toContain(`📤 Broadcast ${name}: processed 1 of 1.`)
    expect(h.fake.lastTextTo(owner.id)).toMatch(
      /^✅ Broadcast #1 \(photo; recipients: everyone who agreed to news\) finished\.\n/,
    )
  })
})
