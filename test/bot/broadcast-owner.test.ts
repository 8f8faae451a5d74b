/**
 * What the owner sees of their broadcasts besides the sending itself: one already scheduled or
 * under way said before a new one, the same message twice asked about, /cancel with only a
 * scheduled one, the scheduled notice kept true, and the order of a stop's messages.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { broadcastTo, namedForAll, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import { createSimClock } from '../helpers/sim-clock.ts'
import type { TestUser } from '../helpers/updates.ts'

/** What the owner's chat got, in order: new messages and edits. */
/** How the owner's messages name the broadcast of "Новость: скидка на лендинги" (or "Новость: скидка") to everyone. */
const NEWS = '#1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку)'
const NEWS_SHORT = '#1 «Новость: скидка» (получатели: все, кто согласился на рассылку)'

const ownerLog = (h: Harness) =>
  h.fake.calls
    .filter((c) => c.ok && Number(c.payload.chat_id) === OWNER_ID && c.method !== 'answerCallbackQuery')
    .map((c) => `${c.method}: ${String(c.payload.text ?? '')}`)

describe('stopping a broadcast right after Send', () => {
  it('"Stopping…" comes before the progress message reads "stopped", and the report after both', async () => {
    const sim = createSimClock()
    const h = createHarness({ clock: sim })
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 18; i++) seedClient(h.deps, 71_000 + i)
    await sim.run(compose(h, owner, 'Новость: скидка'))
    const id = Number((await sim.run(pressMatching(h, owner, 'Отправить'))).split(':')[1])
    // 0.15 s after Send: some clients have it, the rest wait for their turn
    await sim.run(sim.sleep(150))
    // The answer to the press is slow to reach Telegram (it waits for a place in the send budget
    // the broadcast has just filled): the stopped broadcast's last edit must not overtake it
    const stoppingGone = h.fake.hold(
      (c) => c.method === 'sendMessage' && String(c.payload.text).startsWith('Останавливаю'),
    )
    const pressed = h.send(h.u.callback(owner, `bcstop:${id}`))
    await sim.run(sim.sleep(2_000))
    expect(ownerLog(h).filter((l) => l.includes('остановлена'))).toEqual([])
    stoppingGone()
    await sim.run(pressed)
    await sim.run(h.deps.services.broadcasts.idle())
    const log = ownerLog(h)
    const stopping = log.findIndex((l) => l.includes(`Останавливаю рассылку ${namedForAll(id, 'Новость: скидка')}`))
    const stopped = log.findIndex((l) => l.startsWith('editMessageText') && l.includes('остановлена, доставлено'))
    const report = log.findIndex((l) => l.includes(`⏹ Рассылка ${namedForAll(id, 'Новость: скидка')} остановлена`))
    expect(stopping, log.join('\n')).toBeGreaterThan(-1)
    expect(stopped, log.join('\n')).toBeGreaterThan(stopping)
    expect(report, log.join('\n')).toBeGreaterThan(stopped)
    // Stopped at once all the same: not every client got it
    expect(h.fake.sentTo(71_017).filter((c) => String(c.payload.text).startsWith('Новость'))).toHaveLength(0)
  })
})

/** Monday 22:00 in Moscow, in the demo's quiet hours (21:00–09:00), with 16 clients who agreed to news. */
function atNight() {
  const h = createHarness({ clock: createFakeClock('2026-11-23T19:00:00Z') })
  const owner = h.u.user(OWNER_ID)
  const chats = Array.from({ length: 16 }, (_, i) => 81_000 + i)
  for (const chat of chats) seedClient(h.deps, chat)
  return { h, owner, chats }
}

/** /broadcast, the message, everyone, the preview: the owner looks at the Send buttons. */
async function compose(h: Harness, owner: TestUser, text: string): Promise<void> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
  await pressMatching(h, owner, 'bcm:')
  await pressMatching(h, owner, 'Предпросмотр')
}

const MORNING = '2026-11-24T06:00:00Z'

async function atNine(h: Harness): Promise<void> {
  h.clock.set(Date.parse(MORNING))
  await h.deps.scheduler.runDue()
  await h.deps.services.broadcasts.idle()
}

describe('a broadcast already scheduled or under way', () => {
  it('the tester’s night: /cancel and /broadcast name the scheduled one; the same text again is asked about, and goes once', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toContain(`🕘 Рассылка ${NEWS} уйдёт: вт, 24 нояб., 9:00`)

    // /cancel does not cancel it, and says so, with the way to do it
    await h.send(h.u.text(owner, '/cancel'))
    const cancelAnswer = h.fake.lastTextTo(owner.id)
    expect(cancelAnswer).not.toContain('отменять нечего')
    expect(cancelAnswer).toBe(
      `🕘 Рассылка ${NEWS} запланирована на вт, 24 нояб., 9:00. /cancel её не отменяет — если она не нужна, нажмите «✖ Не отправлять».`,
    )
    expect(h.fake.lastButtonsTo(owner.id)).toEqual([{ text: '✖ Не отправлять', data: 'bcm:1:discard' }])

    // /broadcast names it first, with its button, then asks for the new message
    await h.send(h.u.text(owner, '/broadcast'))
    const texts = h.fake.textsTo(owner.id)
    expect(texts.at(-2)).toBe(
      `🕘 Рассылка ${NEWS} уже запланирована на вт, 24 нояб., 9:00. Если новая её заменяет, эту отмените — кнопка ниже.`,
    )
    expect(h.fake.keyboardOf(owner.id, h.fake.messageWithButton(owner.id, 'bcm:1:discard')!)).toBeDefined()
    expect(texts.at(-1)).toContain('Пришлите сообщение для рассылки')

    // The same text again: confirming it is asked about, naming the other one
    await h.send(h.u.text(owner, 'Новость: скидка на лендинги'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `⚠️ Это то же сообщение, что в рассылке ${NEWS}, — она уйдёт: вт, 24 нояб., 9:00. Кто попадёт в обе, получит его дважды. Запланировать ещё и эту?`,
    )
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual([
      '🌅 Да, и эту в 9:00 (16)',
      '← Изменить получателей',
      '✖ Не отправлять',
    ])
    // The owner did not mean it: this one is not sent, the first goes once to each
    await pressMatching(h, owner, 'Не отправлять')
    await atNine(h)
    for (const chat of chats) expect(broadcastTo(h, chat)).toHaveLength(1)
    // Each ✖ for #1 the night offered is gone: the newest offer became its notice, and it and the
    // ones before it (which pointed below) say it went
    const messages = [...h.fake.emulator.chats.get(owner.id)!.messages.values()].filter((m) => m.fromBot)
    const discards = messages.filter((m) =>
      (m.message.reply_markup?.inline_keyboard.flat() ?? []).some(
        (b) => 'callback_data' in b && b.callback_data === 'bcm:1:discard',
      ),
    )
    expect(discards).toEqual([])
    const aboutOne = messages
      .map((m) => m.message.text ?? '')
      .filter((t) => t.startsWith('🕘 Рассылка #1') || t.startsWith('🚀 Рассылка #1'))
    expect(aboutOne).toEqual([
      `🚀 Рассылка ${NEWS} пошла в 9:00 — ход и итог ниже.`,
      `🚀 Рассылка ${NEWS} пошла в 9:00 — ход и итог ниже.`,
      `🚀 Рассылка ${NEWS} пошла в 9:00 — ход и итог ниже.`,
    ])
  })

  it('the same message asked about can still be sent on purpose (another segment, say)', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, 'Отправить сейчас')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      `⚠️ Это то же сообщение, что в рассылке ${NEWS}, — она уйдёт: вт, 24 нояб., 9:00.`,
    )
    expect(broadcastTo(h, chats[0]!)).toHaveLength(0)
    await pressMatching(h, owner, 'Да, отправить ещё раз')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, chats[0]!)).toHaveLength(1)
    // Another text is not asked about
    await compose(h, owner, 'Новость: другая')
    await pressMatching(h, owner, 'Отправить сейчас')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, chats[0]!, 'Новость: другая')).toHaveLength(1)
  })

  it('a photo is the same message only with the same file and caption', async () => {
    const { h, owner } = atNight()
    const photo = (fileUniqueId: string, caption: string) => {
      const update = h.u.photo(owner, { caption })
      update.message!.photo![0]!.file_unique_id = fileUniqueId
      return update
    }
    const schedule = async (update: ReturnType<typeof photo>) => {
      await h.send(h.u.text(owner, '/broadcast'), update)
      await pressMatching(h, owner, 'bcm:')
      await pressMatching(h, owner, 'Предпросмотр')
      await pressMatching(h, owner, '🌅')
      return h.fake.lastTextTo(owner.id)
    }
    expect(await schedule(photo('case-1', 'Новый кейс'))).toContain(
      '🕘 Рассылка #1 «Новый кейс» (получатели: все, кто согласился на рассылку) уйдёт',
    )
    // Another photo under the same words, the same photo under other words: not asked about
    expect(await schedule(photo('case-2', 'Новый кейс'))).toContain(
      '🕘 Рассылка #2 «Новый кейс» (получатели: все, кто согласился на рассылку) уйдёт',
    )
    expect(await schedule(photo('case-1', 'Другой кейс'))).toContain(
      '🕘 Рассылка #3 «Другой кейс» (получатели: все, кто согласился на рассылку) уйдёт',
    )
    // The same photo forwarded again with the same caption is
    expect(await schedule(photo('case-1', 'Новый кейс'))).toContain(
      '⚠️ Это то же сообщение, что в рассылке #1 «Новый кейс»',
    )
  })

  it('a sticker is the same message with the same file', async () => {
    const { h, owner } = atNight()
    const sticker = (fileUniqueId: string) => {
      const update = h.u.sticker(owner)
      update.message!.sticker!.file_unique_id = fileUniqueId
      return update
    }
    const schedule = async (update: ReturnType<typeof sticker>) => {
      await h.send(h.u.text(owner, '/broadcast'), update)
      await pressMatching(h, owner, 'bcm:')
      await pressMatching(h, owner, 'Предпросмотр')
      await pressMatching(h, owner, '🌅')
      return h.fake.lastTextTo(owner.id)
    }
    expect(await schedule(sticker('cat'))).toContain('🕘 Рассылка #1 (стикер; получатели: все')
    expect(await schedule(sticker('dog'))).toContain('🕘 Рассылка #2 (стикер; получатели: все')
    expect(await schedule(sticker('cat'))).toContain('⚠️ Это то же сообщение, что в рассылке #1 (стикер;')
  })

  it('the quiet hours over by the time the same message is confirmed for the morning: it offers to send it now', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    await compose(h, owner, 'Новость: скидка на лендинги')
    // The owner presses "at 9:00" under a preview shown before 9:00, a minute after it (#1 has not started yet)
    h.clock.set(Date.parse('2026-11-24T06:01:00Z'))
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toMatch(
      /^⚠️ Это то же сообщение, что в рассылке #1 «Новость: скидка на лендинги» \(получатели: все, кто согласился на рассылку\), .* Отправить ещё и эту, сейчас\?$/,
    )
    expect(h.fake.lastButtonsTo(owner.id)).toEqual([
      { text: '✅ Да, отправить ещё раз (16)', data: 'bcm:2:sendsame' },
      { text: '← Изменить получателей', data: 'bcm:2:menu' },
      { text: '✖ Не отправлять', data: 'bcm:2:discard' },
    ])
    await pressMatching(h, owner, 'Да, отправить ещё раз')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, chats[0]!)).toHaveLength(1)
  })

  it('"at 9:00" pressed after the quiet hours ended says so: "Send now" is the way', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    h.clock.set(Date.parse('2026-11-24T06:01:00Z'))
    await pressMatching(h, owner, '🌅')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Тихие часы уже закончились — отправьте сейчас, кнопкой «Отправить сейчас».',
    )
    expect(broadcastTo(h, chats[0]!)).toHaveLength(0)
  })

  it('/broadcast during a broadcast under way names it, with its Stop button', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 30; i++) seedClient(h.deps, 82_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 82_010)
    await compose(h, owner, 'Новость: скидка')
    await pressMatching(h, owner, 'Отправить')
    await h.send(h.u.text(owner, '/broadcast'))
    const texts = h.fake.textsTo(owner.id)
    expect(texts).toContain(`📤 Сейчас идёт рассылка ${NEWS_SHORT}. Остановить — кнопка ниже.`)
    expect(h.fake.messageWithButton(owner.id, 'bcstop:1')).toBeDefined()
    expect(texts.at(-1)).toContain('Пришлите сообщение для рассылки')
    // That message carries the progress from now on: the first one points to it, and when the
    // broadcast ends no Stop button is left anywhere (the second one kept its button for good)
    const progress = h.fake.messageWithButton(owner.id, 'bcstop:1')!
    expect(texts).toContain(`📤 Рассылка ${NEWS_SHORT}: ход рассылки и кнопка «Остановить» — ниже.`)
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.fake.messageWithButton(owner.id, 'bcstop:1')).toBeUndefined()
    const edits = h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.message_id) === progress)
    expect(edits.at(-1)?.payload.text).toContain(`📤 Рассылка ${NEWS_SHORT}: обработано 30 из 30`)
  })
})

describe('the progress messages of a broadcast, once it ended', () => {
  /** 30 clients, one of whose messages Telegram holds: the broadcast stays under way until released. */
  async function underWay() {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 30; i++) seedClient(h.deps, 83_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 83_010)
    await compose(h, owner, 'Новость: скидка')
    await pressMatching(h, owner, 'Отправить')
    const first = h.fake.messageWithButton(owner.id, 'bcstop:1')!
    // /broadcast twice while it goes: each answer carries its progress from then on
    await h.send(h.u.text(owner, '/broadcast'))
    const second = h.fake.messageWithButton(owner.id, 'bcstop:1')!
    await h.send(h.u.text(owner, '/broadcast'))
    const third = h.fake.messageWithButton(owner.id, 'bcstop:1')!
    const shown = () =>
      [first, second, third].map((id) => h.fake.emulator.chats.get(owner.id)?.messages.get(id)?.message.text)
    const below = `📤 Рассылка ${NEWS_SHORT}: ход рассылки и кнопка «Остановить» — ниже.`
    expect(shown().slice(0, 2)).toEqual([below, below])
    return { h, owner, release, shown, third }
  }

  it('the earlier ones read as the last does when it finished: none points to a Stop button below', async () => {
    const { h, owner, release, shown } = await underWay()
    release()
    await h.deps.services.broadcasts.idle()
    const done = `📤 Рассылка ${NEWS_SHORT}: обработано 30 из 30.`
    expect(shown()).toEqual([done, done, done])
    expect(h.fake.messageWithButton(owner.id, 'bcstop:1')).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('one that ended while the answer to /broadcast was on its way: that answer reads as the last one too', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 30; i++) seedClient(h.deps, 84_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 84_010)
    await compose(h, owner, 'Новость: скидка')
    await pressMatching(h, owner, 'Отправить')
    const first = h.fake.messageWithButton(owner.id, 'bcstop:1')!
    const answerHeld = h.fake.hold(
      (call) => call.method === 'sendMessage' && String(call.payload.text).startsWith('📤 Сейчас идёт рассылка #1'),
    )
    const answering = h.send(h.u.text(owner, '/broadcast'))
    const sentToOwner = () =>
      h.fake.callsOf('sendMessage').filter((c) => String(c.payload.text).startsWith('📤 Сейчас'))
    for (let i = 0; i < 200 && sentToOwner().length === 0; i++) await new Promise((r) => setImmediate(r))
    expect(sentToOwner()).toHaveLength(1)
    release()
    await h.deps.services.broadcasts.idle()
    answerHeld()
    await answering
    const done = `📤 Рассылка ${NEWS_SHORT}: обработано 30 из 30.`
    const texts = [...h.fake.emulator.chats.get(owner.id)!.messages.values()]
      .filter((m) => m.fromBot && m.message.text?.startsWith('📤'))
      .map((m) => m.message.text)
    expect(texts).toEqual([done, done])
    expect(h.fake.emulator.chats.get(owner.id)?.messages.get(first)?.message.text).toBe(done)
    expect(h.fake.messageWithButton(owner.id, 'bcstop:1')).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('stopped with the newest Stop, each says it was stopped', async () => {
    const { h, owner, release, shown, third } = await underWay()
    await h.send(h.u.callback(owner, 'bcstop:1', { messageId: third }))
    release()
    await h.deps.services.broadcasts.idle()
    const [first, ...rest] = shown()
    expect(first).toMatch(
      /^📤 Рассылка #1 «Новость: скидка» \(получатели: все, кто согласился на рассылку\): остановлена, доставлено \d+ из 30\.$/,
    )
    expect(rest).toEqual([first, first])
    expect(h.fake.messageWithButton(owner.id, 'bcstop:1')).toBeUndefined()
    expect(h.errors()).toEqual([])
  })
})

describe('the notice of a scheduled broadcast', () => {
  it('names its day by date, so it still reads right after midnight, as do the answers that name it', async () => {
    const { h, owner } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    const notice = h.fake.messageWithButton(owner.id, 'bcm:1:discard')!
    const shown = () => h.fake.emulator.chats.get(owner.id)?.messages.get(notice)?.message.text
    const goes = `🕘 Рассылка ${NEWS} уйдёт: вт, 24 нояб., 9:00, когда закончатся тихие часы.`
    expect(shown()).toBe(`${goes} Получатели — кто подойдёт под условия тогда. Передумали — кнопка ниже.`)
    // 00:30 on Tuesday: "tomorrow at 9:00" would be Wednesday now; an answer made now names the same day
    h.clock.set(Date.parse('2026-11-23T21:30:00Z'))
    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `🕘 Рассылка ${NEWS} запланирована на вт, 24 нояб., 9:00. /cancel её не отменяет — если она не нужна, нажмите «✖ Не отправлять».`,
    )
    // The notice gave its ✖ to that answer, and points to it, with the same day
    expect(shown()).toBe(`🕘 Рассылка ${NEWS} уйдёт: вт, 24 нояб., 9:00. Отменить её — кнопкой в сообщении ниже.`)
  })

  it('says it went when it starts, and loses its button', async () => {
    const { h, owner } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    const notice = h.fake.messageWithButton(owner.id, 'bcm:1:discard')!
    await atNine(h)
    const edits = h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.message_id) === notice)
    expect(edits.at(-1)?.payload.text).toBe(`🚀 Рассылка ${NEWS} пошла в 9:00 — ход и итог ниже.`)
    expect(h.fake.keyboardOf(owner.id, notice)?.inline_keyboard.flat() ?? []).toEqual([])
    // …before the progress message and the report, which come below it
    const log = ownerLog(h)
    const started = log.findIndex((l) => l.includes(`🚀 Рассылка ${NEWS} пошла в 9:00`))
    expect(started).toBeLessThan(log.findIndex((l) => l.includes(`📤 Рассылка ${NEWS}: отправлено`)))
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 16 из 16')
  })

  it('says it is cancelled when its ✖ under another message (the answer to /cancel) is pressed', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    const notice = h.fake.messageWithButton(owner.id, 'bcm:1:discard')!
    await h.send(h.u.text(owner, '/cancel'))
    await pressMatching(h, owner, 'Не отправлять')
    expect(h.fake.lastTextTo(owner.id)).toBe(`✖ Рассылка ${NEWS} отменена — не уйдёт.`)
    // The first notice gave its button to the answer to /cancel, which says it is cancelled now;
    // so does the first, which pointed to it: not "goes at 9:00" any more
    const edits = h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.message_id) === notice)
    expect(edits.map((e) => e.payload.text).slice(-2)).toEqual([
      `🕘 Рассылка ${NEWS} уйдёт: вт, 24 нояб., 9:00. Отменить её — кнопкой в сообщении ниже.`,
      `✖ Рассылка ${NEWS} отменена — не уйдёт.`,
    ])
    expect(h.fake.keyboardOf(owner.id, notice)?.inline_keyboard.flat() ?? []).toEqual([])
    expect(h.fake.messageWithButton(owner.id, 'bcm:1:discard')).toBeUndefined()
    await atNine(h)
    expect(broadcastTo(h, chats[0]!)).toHaveLength(0)
    // Nothing scheduled now: /cancel has nothing to cancel
    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Сейчас отменять нечего')
  })

  it('says it did not go when all it was planned for left overnight, and loses its button', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    const notice = h.fake.messageWithButton(owner.id, 'bcm:1:discard')!
    // Overnight every client unsubscribes: at 9:00 its segment selects nobody
    for (const chat of chats) await h.send(h.u.text(h.u.user(chat), '/stop'))
    await atNine(h)
    await h.drain()
    const didNotGo = `Рассылка ${NEWS} не ушла: все 16, кто подходил под её условия, когда её планировали, с тех пор отписались, заблокировали бота или удалили данные.`
    const edits = h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.message_id) === notice)
    expect(edits.at(-1)?.payload.text).toBe(didNotGo)
    expect(h.fake.keyboardOf(owner.id, notice)?.inline_keyboard.flat() ?? []).toEqual([])
    // The owner is told in a new message too (the notice may be far up the chat), with the
    // draft's recipients a tap away: the message needs no typing again
    expect(h.fake.lastTextTo(owner.id)).toBe(
      `${didNotGo}\nСообщение сохранено: выберите других получателей — кнопка ниже.`,
    )
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual(['← Изменить получателей'])
    for (const chat of chats) expect(broadcastTo(h, chat)).toHaveLength(0)
    // Someone subscribes again: the same draft goes, chosen anew
    await h.send(h.u.callback(h.u.user(chats[0]!), 'consent:yes'))
    await pressMatching(h, owner, '← Изменить получателей')
    expect(h.fake.lastTextTo(owner.id)).toContain('Кому отправить рассылку?')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    // It keeps the number the owner was told it by
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^🚀 Рассылка #1 /)
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, chats[0]!)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('did not go as everyone it fits waits for a manager after a complaint: says so, not "nobody fits"', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    // Overnight all but one unsubscribe, and that one rates an order low
    for (const chat of chats.slice(1)) await h.send(h.u.text(h.u.user(chat), '/stop'))
    const unhappy = findClientByTelegramId(h.deps.db, chats[0]!)!
    h.deps.services.handoff.open(unhappy.id, 'low_rating', 'checkin')
    await atNine(h)
    await h.drain()
    expect(h.fake.textsTo(owner.id)).toContain(
      `Рассылка ${NEWS} не ушла: единственный подходящий под её условия клиент ждёт ответа менеджера или разбора жалобы — пока этого нет, рассылка ему не уходит.\nСообщение сохранено: выберите других получателей — кнопка ниже.`,
    )
    expect(broadcastTo(h, chats[0]!)).toHaveLength(0)
  })

  it('a notice Telegram no longer lets edit (deleted, too old): logged, the broadcast goes all the same', async () => {
    const { h, owner, chats } = atNight()
    await compose(h, owner, 'Новость: скидка на лендинги')
    await pressMatching(h, owner, '🌅')
    h.fake.fail({
      method: 'editMessageText',
      chatId: owner.id,
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    })
    await atNine(h)
    for (const chat of chats) expect(broadcastTo(h, chat)).toHaveLength(1)
    expect(h.logs.some((l) => l.msg.includes('scheduled notice') && l.reason === 'target-gone')).toBe(true)
    expect(h.errors()).toEqual([])
  })
})
