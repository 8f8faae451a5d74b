import { describe, expect, it } from 'vitest'
import { recipientsOf } from '../../db/repositories/broadcasts.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { findOwnerInput } from '../../db/repositories/owner-inputs.ts'
import type { ClientRow } from '../../db/schema.ts'
import { broadcastTo, namedForAll, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, demoContent, forgetData, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { createSimClock, type SimClock } from '../helpers/sim-clock.ts'
import type { TestUser } from '../helpers/updates.ts'

const DAY = 86_400_000

/** The raw rows of the last keyboard a chat was shown (sent or edited in): empty rows too, which lastButtonsTo flattens away. */
function lastKeyboardTo(h: Harness, chatId: number): unknown[][] {
  const last = h.fake.calls.filter((c) => c.ok && Number(c.payload.chat_id) === chatId && c.payload.reply_markup).at(-1)
  return last?.payload.reply_markup.inline_keyboard ?? []
}

/** Messages (sends of any kind) one chat received. */
const received = (h: Harness, chatId: number) => h.fake.sentTo(chatId)

/** Runs `during` once, in the first sleep of the clock after Telegram answered `chatId` with a 429. */
function duringThe429Wait(h: Harness, chatId: number, during: () => void): () => void {
  const sleep = h.clock.sleep
  let done = false
  h.clock.sleep = async (ms) => {
    const got429 = h.fake.callsOf('sendMessage').some((c) => Number(c.payload.chat_id) === chatId && !c.ok)
    if (got429 && !done) {
      done = true
      during()
    }
    return sleep(ms)
  }
  return () => {
    h.clock.sleep = sleep
  }
}

/** Owner composes `text` (bold first word), keeps "everyone" and confirms. Returns the broadcast id. */
/**
 * A stop of the bot (SIGTERM) while a broadcast's message to `waiting` waits (Telegram's pause,
 * the chat's hold): over within seconds, the message neither sent nor given up; once the wait
 * is over, the restarted bot sends it once and the report counts both recipients.
 */
async function stopDuringTheWaitThenRestart(
  h: Harness,
  sim: SimClock,
  id: number,
  { sent, waiting }: { sent: number; waiting: { id: number; telegramId: number | null } },
): Promise<void> {
  const stoppedAt = sim.now()
  await sim.run(h.deps.services.broadcasts.worker()!.stop())
  // The stop is over within seconds, not when the wait ends (110 s away)
  expect(sim.now() - stoppedAt).toBeLessThan(5_000)
  // Not sent, not given up: it waits, written down, for the next start
  const chat = Number(waiting.telegramId)
  expect(broadcastTo(h, chat)).toHaveLength(0)
  expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
  expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === waiting.id)?.status).toBe('pending')

  // The bot comes back after the wait
  sim.advance(120_000)
  const after = h.restart()
  await sim.run(after.deps.services.broadcasts.idle())
  expect(broadcastTo(h, sent)).toHaveLength(1)
  expect(broadcastTo(h, chat)).toHaveLength(1)
  expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 2 из 2')
}

/**
 * The owner presses Stop while a broadcast's message to `waiting` waits (Telegram's pause, the
 * chat's hold): the report comes within seconds, not when the wait ends (110 s away), with two
 * of three delivered; nobody is written to after, and the report comes once.
 */
async function stopPressedDuringTheWait(
  h: Harness,
  sim: SimClock,
  id: number,
  { waiting, afterPress }: { waiting: { id: number; telegramId: number | null }; afterPress?: () => void },
): Promise<void> {
  const pressedAt = sim.now()
  await sim.run(h.send(h.u.callback(h.u.user(OWNER_ID), `bcstop:${id}`)))
  afterPress?.()
  await sim.run(h.deps.services.broadcasts.idle())
  expect(sim.now() - pressedAt).toBeLessThan(5_000)
  const report = h.fake.lastTextTo(OWNER_ID)
  expect(report).toContain(`Рассылка ${namedForAll(id)} остановлена`)
  expect(report).toContain('Доставлено: 2 из 3')
  expect(report).toContain('Не отправлено: 1')
  // The progress message above says the same, not "processed 3 of 3" (the one not sent counts as processed)
  const progress = h.fake.callsOf('editMessageText').filter((c) => c.payload.chat_id === OWNER_ID)
  expect(progress.at(-1)?.payload.text).toBe(`📤 Рассылка ${namedForAll(id)}: остановлена, доставлено 2 из 3.`)
  // Not sent, even once the wait is over
  await sim.run(sim.sleep(200_000))
  expect(broadcastTo(h, Number(waiting.telegramId))).toHaveLength(0)
  expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === waiting.id)?.status).toBe('skipped')
  expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes(`Рассылка ${namedForAll(id)} остановлена`))).toHaveLength(1)
}

async function broadcastToAll(h: Harness, owner: TestUser, text = 'Новость: скидка на лендинги'): Promise<number> {
  await h.send(h.u.text(owner, '/broadcast'))
  const update = h.u.text(owner, text)
  update.message!.entities = [{ type: 'bold', offset: 0, length: 7 }]
  await h.send(update)
  await pressMatching(h, owner, 'bcm:') // first "bcm" button: everyone
  await pressMatching(h, owner, 'Предпросмотр')
  const data = await pressMatching(h, owner, 'Отправить')
  return Number(data.split(':')[1])
}

describe('broadcast segments', () => {
  it('selects only consented, reachable clients, by tag, quiz result, stage, language and activity, combined', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const d = h.deps
    const vip = seedClient(d, 101, { tags: ['vip'], stage: 'customer' })
    const english = seedClient(d, 102, { language: 'en' })
    const quiz = seedClient(d, 103, { topProduct: 'landing', tags: ['vip'] })
    const dormant = seedClient(d, 104, { lastSeenAt: now - 60 * DAY })
    seedClient(d, 105, { consent: false })
    seedClient(d, 106, { optedOut: true })
    seedClient(d, 107, { blocked: true })
    seedClient(d, 108, { forgotten: true, tags: ['vip'] })
    // a manager who once tried the bot as a client, with consent: staff, not an audience
    seedClient(d, 109, { tags: ['vip'] })
    d.services.staff.add(109, 'manager', OWNER_ID)
    const ids = (filter: Parameters<typeof d.services.broadcasts.recipients>[0]) =>
      d.services.broadcasts.recipients(filter).map((c) => c.telegramId)

    expect(ids({})).toEqual([101, 102, 103, 104])
    expect(ids({ tag: 'vip' })).toEqual([101, 103])
    expect(ids({ product: 'landing' })).toEqual([103])
    expect(ids({ stage: 'customer' })).toEqual([101])
    expect(ids({ language: 'en' })).toEqual([102])
    expect(ids({ activeDays: 30 })).toEqual([101, 102, 103])
    expect(ids({ tag: 'vip', activeDays: 30, product: 'landing' })).toEqual([103])
    expect(ids({ tag: 'vip', language: 'en' })).toEqual([])
    expect(await d.services.broadcasts.count({})).toBe(4)
    // every selected client passes the one consent rule
    for (const c of [vip, english, quiz, dormant]) expect(d.services.clients.canReceiveMarketing(c)).toBe(true)
  })

  it('a client each rule of the audience leaves out is counted one way: among the recipients, held back, or under one reason', async () => {
    const h = createHarness()
    const d = h.deps
    const { broadcasts, clients } = d.services
    // Where each client must be counted: the recipient count, the held back beside it, one reason
    // of "🚫 … cannot get it", or nowhere (the erased and the team are nobody to tell the owner of)
    type Counted = 'count' | 'heldBack' | 'noConsent' | 'optedOut' | 'blocked' | 'nowhere'
    const cases: [tag: string, seed: () => ClientRow, counted: Counted][] = [
      ['reachable', () => seedClient(d, 301, { tags: ['reachable'] }), 'count'],
      ['never-asked', () => seedClient(d, 302, { tags: ['never-asked'], consent: false }), 'noConsent'],
      [
        'declined',
        () => {
          const c = seedClient(d, 303, { tags: ['declined'], consent: false })
          clients.answerConsent(c.id, false)
          return c
        },
        'noConsent',
      ],
      ['unsubscribed', () => seedClient(d, 304, { tags: ['unsubscribed'], optedOut: true }), 'optedOut'],
      ['blocker', () => seedClient(d, 305, { tags: ['blocker'], blocked: true }), 'blocked'],
      // Out by two rules: told once, by the first reason
      ['gone', () => seedClient(d, 306, { tags: ['gone'], optedOut: true, blocked: true }), 'blocked'],
      ['erased', () => seedClient(d, 307, { tags: ['erased'], forgotten: true }), 'nowhere'],
      [
        'manager',
        () => {
          const c = seedClient(d, 308, { tags: ['manager'] })
          d.services.staff.add(308, 'manager', OWNER_ID)
          return c
        },
        'nowhere',
      ],
      [
        'asking',
        () => {
          const c = seedClient(d, 309, { tags: ['asking'] })
          d.services.handoff.open(c.id, 'question', 'Сколько стоит?')
          return c
        },
        'heldBack',
      ],
      // Waited on by the team, and unsubscribed: that is why they cannot get it, not the wait
      [
        'asking-unsubscribed',
        () => {
          const c = seedClient(d, 310, { tags: ['asking-unsubscribed'] })
          d.services.handoff.open(c.id, 'question', 'Сколько стоит?')
          clients.optOut(c.id)
          return c
        },
        'optedOut',
      ],
    ]
    const seeded = cases.map(([tag, seed, counted]) => ({ tag, client: seed(), counted }))

    const nobody = { count: 0, heldBack: 0, noConsent: 0, optedOut: 0, blocked: 0 }
    const countedFor = async (filter: Parameters<typeof broadcasts.count>[0]) => {
      const { count, heldBack } = await broadcasts.countWithHeld(filter)
      // The list a broadcast is sent to is the count's
      expect(broadcasts.recipients(filter)).toHaveLength(count)
      return { count, heldBack, ...(await broadcasts.unreachable(filter)) }
    }
    for (const { tag, client, counted } of seeded) {
      const expected = counted === 'nowhere' ? nobody : { ...nobody, [counted]: 1 }
      expect(await countedFor({ tag }), tag).toEqual(expected)
      // The send-time rule agrees: marketing may go to the recipients and the held back (once answered), no one else
      const current = clients.get(client.id) as ClientRow
      expect(clients.canReceiveMarketing(current), tag).toBe(counted === 'count' || counted === 'heldBack')
    }
    // Everyone at once: each counted in one place
    const all = { ...nobody }
    for (const { counted } of seeded) if (counted !== 'nowhere') all[counted]++
    expect(await countedFor({})).toEqual(all)
    expect(h.errors()).toEqual([])
  })

  it('the confirmation says how many recipients read another language than the text is written in', async () => {
    const h = createHarness()
    seedClient(h.deps, 121)
    seedClient(h.deps, 122, { language: 'en' })
    seedClient(h.deps, 123)
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Друзья, до конца декабря — скидка 10% на лендинги!'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    const confirmation = h.fake.lastTextTo(owner.id)
    expect(confirmation).toContain(
      '🗣 1 из 3 читает по-английски — текст придёт ему как есть, на своём языке будет только строка об отписке.',
    )
    // A text in English: the Russian readers are counted
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Christmas sale: ten percent off landing pages'))
    await pressMatching(h, owner, 'bcm:')
    await pressMatching(h, owner, 'Предпросмотр')
    expect(h.fake.lastTextTo(owner.id)).toContain('🗣 2 из 3 читают по-русски')
    expect(h.errors()).toEqual([])
  })

  it('leaves out a client the team owes an answer until they have it, and one whose complaint waits until it is closed', async () => {
    const h = createHarness()
    const d = h.deps
    seedClient(d, 111)
    const unhappy = seedClient(d, 112)
    const asking = seedClient(d, 113)
    const ids = () => d.services.broadcasts.recipients({}).map((c) => c.telegramId)
    expect(ids()).toEqual([111, 112, 113])
    // A low rating opens a request; so does a plain question, which waits for an answer
    d.services.handoff.open(unhappy.id, 'low_rating', 'checkin')
    d.services.handoff.open(asking.id, 'question', 'Сколько стоит?')
    expect(ids()).toEqual([111])
    expect(await d.services.broadcasts.count({})).toBe(1)
    // The owner's count says why two are missing
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Получателей: 1 (не считая 2 клиентов, которые ждут ответа менеджера или разбора жалобы: пока они ждут, рассылка им не уходит)',
    )
    // Answered: the question is no longer owed; the complaint still is, until it is closed
    await h.drain()
    const topicId = d.services.clients.get(asking.id)?.topicId as number
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '2 000 ₽'))
    await h.drain()
    expect(ids()).toEqual([111, 113])
    // …and owed again once the client asks something more
    await h.send(h.u.text(h.u.user(113), 'А доставка сколько?'))
    expect(ids()).toEqual([111])
    d.services.closing.force(unhappy.id, OWNER_ID, 'извинились, вернули деньги')
    expect(ids()).toEqual([111, 112])
    // A complaint in a request opened by a plain question, the owners told of it: held until it is closed
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Доставка 500 ₽'))
    await h.drain()
    expect(ids()).toEqual([111, 112, 113])
    d.services.handoff.escalate(asking.id, ['complaint'])
    expect(ids()).toEqual([111, 112])
    expect(h.errors()).toEqual([])
  })

  it('a client talking with a manager gets the broadcast: their topic says so, so an answer to it is not read as one to the manager', async () => {
    const h = createHarness()
    const d = h.deps
    const owner = h.u.user(OWNER_ID)
    seedClient(d, 131)
    const talking = seedClient(d, 132)
    d.services.handoff.open(talking.id, 'question', 'Сколько стоит лендинг?')
    await h.drain()
    const topicId = d.services.clients.get(talking.id)?.topicId as number
    // Answered: no longer owed, so the broadcast goes to them too
    await h.send(h.u.staffText(owner, topicId, 'От 45 000 ₽. Пришлёте логотип и фото?'))
    await h.drain()
    const inTopic = () =>
      h.fake
        .sentTo(STAFF_GROUP_ID)
        .filter((c) => c.payload.message_thread_id === topicId)
        .map((c) => String(c.payload.text))
    const before = inTopic().length
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: ответьте «да», и мы пришлём подборку работ'))
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    await d.services.broadcasts.idle()
    await h.drain()
    expect(broadcastTo(h, 131)).toHaveLength(1)
    expect(broadcastTo(h, 132)).toHaveLength(1)
    expect(inTopic().slice(before)).toEqual([
      expect.stringContaining(
        '🤖 Бот отправил клиенту: рассылку #1 «Новость: ответьте «да», и мы пришлём подборку работ»',
      ),
    ])
    // Nobody else's topic: the client with no request has none
    expect(d.services.clients.get(findClientByTelegramId(d.db, 131)!.id)?.topicId ?? null).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('nobody left but a client whose complaint waits: the count and the question say why', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const unhappy = seedClient(h.deps, 121)
    h.deps.services.handoff.open(unhappy.id, 'low_rating', 'checkin')
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    const held =
      'не считая 1 клиента, который ждёт ответа менеджера или разбора жалобы: пока он ждёт, рассылка ему не уходит'
    expect(h.fake.lastTextTo(owner.id)).toContain(`Получателей: 0 (${held})`)
    await pressMatching(h, owner, 'Предпросмотр')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      `Под эти условия сейчас никто не подходит (все, кто согласился на рассылку) (${held}).`,
    )
  })

  it('builds the segment with buttons and shows the live recipient count', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 201, { tags: ['vip'] })
    seedClient(h.deps, 202, { tags: ['vip'], language: 'en' })
    seedClient(h.deps, 203)
    await h.send(h.u.text(owner, '/broadcast'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Пришлите сообщение для рассылки')
    await h.send(h.u.text(owner, 'Привет!'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 3')

    await pressMatching(h, owner, 'bcp:') // the tag picker, with how many each tag reaches
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toContain('vip (2)')
    await pressMatching(h, owner, 'vip')
    expect(h.fake.lastTextTo(owner.id)).toContain('тег «vip»')
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 2')

    await pressMatching(h, owner, '🌐')
    await pressMatching(h, owner, 'English')
    expect(h.fake.lastTextTo(owner.id)).toContain('тег «vip» · язык: 🇬🇧 English')
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 1')

    // a forged tag hash is refused, the segment stays
    const id = h.fake.lastButtonsTo(owner.id)[0]!.data!.split(':')[1]
    await h.send(h.u.callback(owner, `bcs:${id}:tag:0000000000`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')

    await pressMatching(h, owner, 'Все с согласием')
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 3')
  })

  it('text typed after /broadcast is said not to be sent: the broadcast is the next message, whole', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/broadcast Скидки до пятницы'))
    const said = h.fake.lastTextTo(owner.id)
    expect(said).toContain('Текст после /broadcast не рассылаю')
    expect(said).toContain('Пришлите сообщение для рассылки')
    await h.send(h.u.text(owner, '/broadcast'))
    expect(h.fake.lastTextTo(owner.id)).not.toContain('Текст после /broadcast')
  })

  it('offers each language by its own name, with no empty row in the keyboard', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 211, { language: 'ru' })
    seedClient(h.deps, 212, { language: 'en' })
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    await pressMatching(h, owner, '🌐')
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual([
      '🇷🇺 Русский (1)',
      '🇬🇧 English (1)',
      'не важно',
      '← Назад',
    ])
    // Two choices fill their row: it is not ended a second time, into an empty one
    expect(lastKeyboardTo(h, owner.id).map((row) => row.length)).toEqual([2, 2])

    // The choice reads the same way in the segment and on its button
    await pressMatching(h, owner, 'English')
    expect(h.fake.lastTextTo(owner.id)).toContain('язык: 🇬🇧 English')
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toContain('🌐 Язык: 🇬🇧 English')
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 1')
  })

  it('the activity choices write their days out: "за 7 дней", not "за 7 дн." — each with how many it reaches', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 231)
    seedClient(h.deps, 232, { lastSeenAt: h.clock.now() - 20 * DAY })
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    await pressMatching(h, owner, '🕐')
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual([
      'за 7 дней (1)',
      'за 30 дней (2)',
      'за 90 дней (2)',
      'не важно',
      '← Назад',
    ])
    await pressMatching(h, owner, 'за 30 дней')
    expect(h.fake.lastTextTo(owner.id)).toContain('активны за 30 дней')
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toContain('🕐 Активность: за 30 дней')
  })

  it('a picker with one choice or none has no empty row either', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 221)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    await pressMatching(h, owner, 'bcp:') // the tag picker: no tags in use
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Тегов у клиентов пока нет: их ставят менеджеры (/tag в теме клиента) и квиз — по ответам. Вернитесь назад.',
    )
    expect(lastKeyboardTo(h, owner.id).map((row) => row.length)).toEqual([2])
    await pressMatching(h, owner, 'Назад')
    await pressMatching(h, owner, '🌐') // one language: everyone speaks Russian
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual(['🇷🇺 Русский (1)', 'не важно', '← Назад'])
    expect(lastKeyboardTo(h, owner.id).map((row) => row.length)).toEqual([1, 2])
  })

  it('offers every tag in use, page by page: the managers’ newest, rarest tag too', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // Twelve older tags on two clients each, fifty on one client each, and the new one
    let chat = 64_000
    for (let i = 0; i < 12; i++) {
      seedClient(h.deps, chat++, { tags: [`tag${String(i).padStart(2, '0')}`] })
      seedClient(h.deps, chat++, { tags: [`tag${String(i).padStart(2, '0')}`] })
    }
    for (let i = 0; i < 50; i++) seedClient(h.deps, chat++, { tags: [`case${String(i).padStart(2, '0')}`] })
    seedClient(h.deps, chat++, { tags: ['webinar'] })
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Запись вебинара'))
    await pressMatching(h, owner, 'bcp:') // the tag picker: the most used first
    expect(h.fake.lastTextTo(owner.id)).toContain('страница 1 из 3')
    const first = h.fake.lastButtonsTo(owner.id).map((b) => b.text)
    expect(first).toContain('tag00 (2)')
    expect(first).not.toContain('webinar')
    await pressMatching(h, owner, '▶')
    await pressMatching(h, owner, '▶')
    expect(h.fake.lastTextTo(owner.id)).toContain('страница 3 из 3')
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).not.toContain('▶')
    await pressMatching(h, owner, 'webinar')
    expect(h.fake.lastTextTo(owner.id)).toContain('тег «webinar»')
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 1')
  })
})

describe('broadcast preview and sending', () => {
  it('previews exactly what clients get, tests on the owner, sends once to each and reports', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 301)
    seedClient(h.deps, 302, { language: 'en' })
    seedClient(h.deps, 303, { consent: false })
    await h.send(h.u.text(owner, '/broadcast'))
    const message = h.u.text(owner, 'Новость: скидка на лендинги')
    message.message!.entities = [{ type: 'bold', offset: 0, length: 7 }]
    await h.send(message)
    await pressMatching(h, owner, 'Предпросмотр')

    // the preview is a copy with the opt-out line and the owner's formatting
    const preview = h.fake.sentTo(owner.id).at(-2)!
    expect(preview.method).toBe('sendMessage')
    expect(preview.payload.text).toBe('Новость: скидка на лендинги\n\nОтписаться от рассылки: /stop')
    expect(preview.payload.entities[0]).toEqual({ type: 'bold', offset: 0, length: 7 })
    expect(h.fake.lastTextTo(owner.id)).toContain('Получателей: 2')
    expect(received(h, 301)).toHaveLength(0) // nothing is sent before the confirmation

    const send = h.fake.lastButtonsTo(owner.id).find((b) => b.text === '✅ Отправить (2)')!.data!
    const before = received(h, owner.id).length
    await pressMatching(h, owner, 'Тест себе')
    expect(received(h, owner.id)).toHaveLength(before + 1)
    expect(received(h, owner.id).at(-1)?.payload.text).toContain('Отписаться от рассылки: /stop')

    await h.send(h.u.callback(owner, send))
    await h.deps.services.broadcasts.idle()
    expect(received(h, 301)).toHaveLength(1)
    expect(received(h, 301)[0]!.payload.text).toContain('Отписаться от рассылки: /stop')
    expect(received(h, 302)[0]!.payload.text).toContain('Unsubscribe from news: /stop') // the recipient's language
    expect(received(h, 303)).toHaveLength(0)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 2 из 2')
    // the progress message was edited to its final state
    expect(h.fake.callsOf('editMessageText').some((c) => String(c.payload.text).includes('обработано 2 из 2'))).toBe(
      true,
    )

    // a second press of "Send" does not send again
    await h.send(h.u.callback(owner, send))
    await h.deps.services.broadcasts.idle()
    expect(received(h, 301)).toHaveLength(1)
  })

  it("{name} in the message is each client's name (the formatting after it kept in place); the preview shows the owner's", async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const anna = seedClient(h.deps, 321, { firstName: 'Анна' })
    seedClient(h.deps, 322, { firstName: 'Boris', language: 'en' })
    h.deps.services.clients.setDisplayName(anna.id, 'Анна Сергеевна')
    await h.send(h.u.text(owner, '/broadcast'))
    // "Скидка" in bold, after the placeholder; {город} is no placeholder the bot knows
    const message = h.u.text(owner, 'Здравствуйте, {name}! Скидка для вас, {город}.')
    message.message!.entities = [{ type: 'bold', offset: 22, length: 6 }]
    await h.send(message)
    expect(h.fake.lastTextTo(owner.id).split('\n').slice(0, 3)).toEqual([
      '✍️ Вместо {name} каждый получит своё имя — как бот к нему обращается.',
      '⚠️ {город} уйдёт клиентам как написано: бот подставляет только имя — {имя}.',
      '',
    ])
    await pressMatching(h, owner, 'Предпросмотр')
    const preview = h.fake.sentTo(owner.id).at(-2)!
    expect(preview.payload.text).toBe('Здравствуйте, Ольга! Скидка для вас, {город}.\n\nОтписаться от рассылки: /stop')
    expect(preview.payload.entities[0]).toEqual({ type: 'bold', offset: 21, length: 6 })

    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()
    const toAnna = received(h, 321)[0]!.payload
    expect(toAnna.text).toBe('Здравствуйте, Анна Сергеевна! Скидка для вас, {город}.\n\nОтписаться от рассылки: /stop')
    expect(toAnna.entities[0]).toEqual({ type: 'bold', offset: 30, length: 6 })
    expect(received(h, 322)[0]!.payload.text).toBe(
      'Здравствуйте, Boris! Скидка для вас, {город}.\n\nUnsubscribe from news: /stop',
    )
    expect(h.errors()).toEqual([])
  })

  it('"Send (1)" pressed after its one recipient left: the toast, and the question under the preview says nobody now', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 311)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
    await pressMatching(h, owner, 'Предпросмотр')
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Получателей: 1 (все, кто согласился на рассылку).\nОтправить? Когда она пойдёт, остановить её можно в любой момент — кнопкой «⏹ Остановить» под сообщением о ходе рассылки.',
    )
    const send = h.fake.lastButtonsTo(owner.id).find((b) => b.text === '✅ Отправить (1)')!.data!
    const question = h.fake.sentTo(owner.id).at(-1)!
    // Meanwhile the one client erases their data
    const client = h.u.user(311)
    await forgetData(h, client)

    await h.send(h.u.callback(owner, send))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Получателей нет — измените условия')
    // The same message, put right: no "Получателей: 1" left on screen, and no Send button
    const edit = h.fake.callsOf('editMessageText').at(-1)!
    expect(edit.payload.message_id).toBe((question.result as { message_id: number }).message_id)
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Под эти условия сейчас никто не подходит (все, кто согласился на рассылку).\nИзмените получателей.',
    )
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual([
      '🧪 Тест себе',
      '← Изменить получателей',
      '✖ Не отправлять',
    ])
    expect(h.deps.services.broadcasts.get(Number(send.split(':')[1]))?.status).toBe('draft')
  })

  it('an owner who speaks English previews the unsubscribe line as the clients get it, not in their own language', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    seedClient(h.deps, 701, { language: 'ru' })
    seedClient(h.deps, 702, { language: 'ru' })
    await h.send(h.u.text(owner, '/broadcast'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Send me the message to broadcast')
    await h.send(h.u.text(owner, 'Скидка 20% на лендинги до пятницы'))
    // Everyone: the line is each client's own, shown in the default language
    await pressMatching(h, owner, 'Preview')
    expect(h.fake.textsTo(owner.id).at(-3)).toBe(
      'This is what clients will see 👇 Each gets the unsubscribe line in their own language — here it is in the default one (🇷🇺 Русский).',
    )
    expect(h.fake.sentTo(owner.id).at(-2)?.payload.text).toBe(
      'Скидка 20% на лендинги до пятницы\n\nОтписаться от рассылки: /stop',
    )
    // Russian speakers only: exactly their line
    await pressMatching(h, owner, 'Change recipients')
    await pressMatching(h, owner, '🌐')
    await pressMatching(h, owner, 'bcs:') // the first language offered: ru
    expect(h.fake.lastTextTo(owner.id)).toContain('language: 🇷🇺 Русский')
    await pressMatching(h, owner, 'Preview')
    const preview = h.fake.sentTo(owner.id).at(-2)!
    const send = h.fake.lastButtonsTo(owner.id).find((b) => b.text.includes('Send'))!.data!
    await pressMatching(h, owner, 'Test on me')
    const test = h.fake.sentTo(owner.id).at(-1)!
    await h.send(h.u.callback(owner, send))
    await h.deps.services.broadcasts.idle()
    const got = received(h, 701)[0]!.payload.text
    expect(got).toBe('Скидка 20% на лендинги до пятницы\n\nОтписаться от рассылки: /stop')
    expect(h.fake.lastTextTo(owner.id)).toContain('Delivered: 2 of 2')
    // "exactly as clients will get it"
    expect(preview.payload.text).toBe(got)
    expect(test.payload.text).toBe(got)
  })

  it('copies media with the hint in the caption, and stickers with an unsubscribe button', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 311)
    await h.send(h.u.text(owner, '/broadcast'), h.u.photo(owner, { caption: 'Новый кейс' }))
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    // Gone before the next /broadcast: its report is not what the next step's buttons are looked for in
    await h.deps.services.broadcasts.idle()
    await h.send(h.u.text(owner, '/broadcast'), h.u.sticker(owner))
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()

    const [photo, sticker] = received(h, 311)
    expect(photo?.method).toBe('copyMessage')
    expect(photo?.payload.caption).toBe('Новый кейс\n\nОтписаться от рассылки: /stop')
    expect(photo?.payload.from_chat_id).toBe(owner.id)
    expect(sticker?.method).toBe('copyMessage')
    expect(sticker?.payload.reply_markup.inline_keyboard[0][0]).toEqual({
      text: 'Отписаться от рассылки',
      callback_data: 'consent:no',
    })
    // the button really unsubscribes
    await h.send(h.u.callback(h.u.user(311), 'consent:no'))
    expect(h.deps.services.clients.canReceiveMarketing(findClientByTelegramId(h.deps.db, 311)!)).toBe(false)
  })

  // The recipient rows are written at confirmation; the change comes just after, at the first send
  it.each([
    ['unsubscribed', (h: Harness, id: number) => h.deps.services.clients.optOut(id)],
    [
      'rated low, with the team yet to answer',
      (h: Harness, id: number) => {
        if (!h.deps.services.handoff.isOpen(id)) h.deps.services.handoff.open(id, 'low_rating', 'checkin')
      },
    ],
    [
      'asked a question the team has not answered yet',
      (h: Harness, id: number) => {
        if (!h.deps.services.handoff.isOpen(id)) h.deps.services.handoff.open(id, 'question', 'Сколько стоит?')
      },
    ],
    [
      'joined the team',
      (h: Harness) => {
        if (!h.deps.services.staff.isStaff(324)) h.deps.services.staff.add(324, 'manager', OWNER_ID, 'Пётр')
      },
    ],
  ] as const)('skips a client who %s after the broadcast was confirmed', async (_, change) => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 323)
    const changing = seedClient(h.deps, 324)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет'))
    await pressMatching(h, owner, 'Предпросмотр')
    h.fake.on('sendMessage', () => {
      change(h, changing.id)
      return undefined
    })
    const id = Number((await pressMatching(h, owner, 'Отправить')).split(':')[1])
    await h.deps.services.broadcasts.idle()
    expect(received(h, 323)).toHaveLength(1)
    expect(received(h, 324)).toHaveLength(0)
    expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === changing.id)?.status).toBe('skipped')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): 1',
    )
  })

  it('skips a client who unsubscribed while their message waited for its turn to send', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 325)
    const leaving = seedClient(h.deps, 326)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет'))
    await pressMatching(h, owner, 'Предпросмотр')
    // Telegram asked for a pause in this client's chat a moment ago (a 429): their message waits…
    h.deps.services.sendBudget.hold(326, h.clock.now() + 3_000)
    const sleep = h.clock.sleep
    // …and meanwhile they say /stop
    h.clock.sleep = async (ms) => {
      if (h.deps.services.clients.get(leaving.id)?.optOutAt === null) h.deps.services.clients.optOut(leaving.id)
      return sleep(ms)
    }
    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()
    h.clock.sleep = sleep
    expect(received(h, 325)).toHaveLength(1)
    expect(received(h, 326)).toHaveLength(0)
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): 1',
    )
  })
})

describe('a broadcast in the quiet hours', () => {
  /** Monday 22:30 in Moscow, in the demo's quiet hours (21:00–09:00); two clients who consented. */
  async function atNight() {
    const h = createHarness({ clock: createFakeClock('2026-11-23T19:30:00Z') })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 311)
    seedClient(h.deps, 312, { language: 'en' })
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
    await pressMatching(h, owner, 'Предпросмотр')
    return { h, owner }
  }

  it('an English-speaking owner reads the quiet hours on the same clock as the time offered', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T19:30:00Z') })
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    seedClient(h.deps, 314)
    await h.send(h.u.text(owner, '/start'), h.u.text(owner, '/broadcast'), h.u.text(owner, 'News'))
    await pressMatching(h, owner, 'Preview')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      '🌙 It is quiet hours now (21:00–9:00): sent now, it reaches clients at night. You can send it at 9:00 — the button below.',
    )
  })

  it('Send pressed at night under a preview shown in the day: the quiet hours’ choice, not a send at once', async () => {
    // Monday 11:04 in Moscow: the preview's only button is "Send"
    const h = createHarness({ clock: createFakeClock('2026-11-23T08:04:00Z') })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 315)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Скидка 10% до пятницы'))
    await pressMatching(h, owner, 'Предпросмотр')
    const send = h.fake.lastButtonsTo(owner.id).find((b) => b.text === '✅ Отправить (1)')?.data
    expect(send).toBeDefined()
    h.clock.set(Date.parse('2026-11-23T19:30:00Z'))
    await h.send(h.u.callback(owner, send ?? ''))
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 315, 'Скидка')).toHaveLength(0)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Уже тихие часы — выберите, когда отправить.',
    )
    const asked = h.fake.callsOf('editMessageText').at(-1)?.payload
    expect(String(asked?.text)).toContain('🌙 Сейчас тихие часы (21:00–9:00)')
    const buttons = asked?.reply_markup.inline_keyboard.flat() as { text: string; callback_data: string }[]
    expect(buttons.map((b) => b.text).slice(0, 2)).toEqual(['🌅 Отправить в 9:00 (1)', '✅ Отправить сейчас (1)'])
    // So is "yes, this one too" of a question about the same message shown in the day
    await h.send(h.u.callback(owner, (send ?? '').replace(/:send$/, ':sendsame')))
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 315, 'Скидка')).toHaveLength(0)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Уже тихие часы — выберите, когда отправить.',
    )
    // "Send now" chosen then: it goes now
    await h.send(h.u.callback(owner, buttons[1]?.callback_data ?? ''))
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 315, 'Скидка')).toHaveLength(1)
  })

  it('offers to send it when the quiet hours end; it goes then, to whoever fits then', async () => {
    const { h, owner } = await atNight()
    expect(h.fake.lastTextTo(owner.id)).toContain(
      '🌙 Сейчас тихие часы (21:00–9:00): отправленное сейчас придёт клиентам ночью. Можно отправить в 9:00 — кнопка ниже.',
    )
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual([
      '🌅 Отправить в 9:00 (2)',
      '✅ Отправить сейчас (2)',
      '🧪 Тест себе',
      '← Изменить получателей',
      '✖ Не отправлять',
    ])
    await pressMatching(h, owner, '🌅')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      '🕘 Рассылка #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) уйдёт: вт, 24 нояб., 9:00, когда закончатся тихие часы.',
    )
    // A client who joins meanwhile is among its recipients: they are chosen when it goes
    seedClient(h.deps, 313)
    h.clock.set(Date.parse('2026-11-24T05:59:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 311)).toHaveLength(0)
    h.clock.set(Date.parse('2026-11-24T06:00:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    for (const chat of [311, 312, 313]) expect(broadcastTo(h, chat)).toHaveLength(1)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 3 из 3')
    // "Don't send" under the message that announced it says it went, and comes off
    const dontSend = h.fake.callsOf('editMessageText').find((c) => String(c.payload.text).startsWith('🕘 Рассылка #1'))
      ?.payload.reply_markup.inline_keyboard[0][0].callback_data
    await h.send(h.u.callback(owner, dontSend))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Рассылка #1 уже отправлена — отчёт придёт (или пришёл) отдельным сообщением.',
    )
    expect(h.fake.callsOf('editMessageReplyMarkup').length).toBeGreaterThan(0)
    for (const chat of [311, 312, 313]) expect(broadcastTo(h, chat)).toHaveLength(1)
  })

  it('put off by an owner who is no owner by the morning: it does not go, and the owners are told', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T19:30:00Z') })
    const coOwner = h.u.user(5_000_077, { first_name: 'Ира' })
    h.deps.services.staff.add(coOwner.id, 'owner', OWNER_ID, 'Ира')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/start'))
    seedClient(h.deps, 321)
    await h.send(h.u.text(coOwner, '/broadcast'), h.u.text(coOwner, 'Новость: скидка на лендинги'))
    await pressMatching(h, coOwner, 'Предпросмотр')
    await pressMatching(h, coOwner, '🌅')
    h.deps.services.staff.remove(coOwner.id)
    h.clock.set(Date.parse('2026-11-24T06:00:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    await h.drain()
    expect(broadcastTo(h, 321)).toHaveLength(0)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Рассылка #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку), отложенная до конца тихих часов, не ушла: её автор больше не владелец. Если она нужна — /broadcast',
    )
  })

  it('discarded before the morning, it does not go; "send now" sends at once', async () => {
    const { h, owner } = await atNight()
    await pressMatching(h, owner, '🌅')
    await pressMatching(h, owner, 'Не отправлять')
    h.clock.set(Date.parse('2026-11-24T06:00:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 311)).toHaveLength(0)

    const again = await atNight()
    await pressMatching(again.h, again.owner, 'Отправить сейчас')
    await again.h.deps.services.broadcasts.idle()
    expect(broadcastTo(again.h, 311)).toHaveLength(1)
  })
})

describe('broadcast delivery errors', () => {
  it('a client who blocks the bot before their turn is counted as having blocked it, not as unsubscribed', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 20; i++) seedClient(h.deps, 63_000 + i)
    const blocker = h.u.user(63_019)
    // Telegram has not answered the first sends yet: the last client's turn has not come…
    const release = h.fake.hold((call) => {
      const chat = Number(call.payload.chat_id)
      return call.method === 'sendMessage' && chat >= 63_000 && chat < 63_020
    })
    const id = await broadcastToAll(h, owner)
    // …when they block the bot
    await h.send(h.u.myChatMember(blocker, 'kicked'))
    release()
    await h.deps.services.broadcasts.idle()
    expect(received(h, blocker.id)).toHaveLength(0)
    const report = h.fake.lastTextTo(owner.id)
    expect(report).toContain('Доставлено: 19 из 20')
    expect(report).toContain('Заблокировали бота: 1')
    expect(report).toContain('Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): 0')
    expect(recipientsOf(h.deps.db, id).at(-1)?.status).toBe('blocked')
  })

  it('429: waits retry_after for every send, then delivers everyone exactly once', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 5; i++) seedClient(h.deps, 401 + i)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 403 }, 7)
    const start = h.clock.now()
    await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    for (let i = 0; i < 5; i++) expect(received(h, 401 + i), `client ${401 + i}`).toHaveLength(1)
    // five sends at 25/s take 160 ms; the pause adds the 7 s Telegram asked for
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(7000)
    const calls = h.fake.callsOf('sendMessage').filter((c) => Number(c.payload.chat_id) !== owner.id)
    expect(calls.filter((c) => !c.ok)).toHaveLength(1)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 5 из 5')
  })

  it("429 on the owner's report: it comes once the pause is over, once", async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 3; i++) seedClient(h.deps, 406 + i)
    h.fake.tooManyRequests(
      { method: 'sendMessage', chatId: OWNER_ID, where: (p) => String(p.text).includes('завершена') },
      5,
    )
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    await h.flush()
    const reports = h.fake.textsTo(owner.id).filter((t) => t.includes(`Рассылка ${namedForAll(id)} завершена`))
    expect(reports).toHaveLength(1)
    expect(reports[0]).toContain('Доставлено: 3 из 3')
    expect(h.fake.callsOf('sendMessage').filter((c) => !c.ok)).toHaveLength(1)
  })

  it('429: a client who says /stop while their message waits out the pause does not get it after', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 501)
    const leaving = seedClient(h.deps, 502)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 502 }, 30)
    const restore = duringThe429Wait(h, 502, () => h.deps.services.clients.optOut(leaving.id))
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    restore()
    expect(received(h, 501)).toHaveLength(1)
    // Telegram refused the first try; the client withdrew consent before the second
    expect(received(h, 502)).toHaveLength(0)
    expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === leaving.id)?.status).toBe('skipped')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): 1',
    )
  })

  it('429: a client who erases their data (/forget) during the pause does not get the message after', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 511)
    const erased = seedClient(h.deps, 512)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 512 }, 30)
    const restore = duringThe429Wait(h, 512, () => h.deps.services.erasure.erase(erased.id))
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    restore()
    expect(received(h, 512)).toHaveLength(0)
    expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === erased.id)?.status).toBe('skipped')
  })

  it('429: the owner pressing Stop during the pause stops the message that waits it out', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 531)
    const waiting = seedClient(h.deps, 532)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 532 }, 30)
    // The owner spots the mistake and stops the broadcast while Telegram's 30 s pause runs
    const restore = duringThe429Wait(h, 532, () => {
      for (const b of h.deps.services.broadcasts.sending()) void h.deps.services.broadcasts.cancel(b.id)
    })
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    restore()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
    expect(received(h, 532)).toHaveLength(0)
    expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === waiting.id)?.status).toBe('skipped')
    expect(h.fake.lastTextTo(owner.id)).toContain(`Рассылка ${namedForAll(id)} остановлена`)
  })

  it('429: a crash during the pause leaves the refused message to go after the restart, not lost as unknown', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const waiting = seedClient(h.deps, 522)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 522 }, 30)
    let atCrash: string | undefined
    const restore = duringThe429Wait(h, 522, () => {
      atCrash = recipientsOf(h.deps.db, h.deps.services.broadcasts.sending()[0]!.id).find(
        (r) => r.clientId === waiting.id,
      )?.status
      h.deps.services.broadcasts.worker()?.kill()
    })
    const id = await broadcastToAll(h, owner)
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    restore()
    // Telegram said 429: the message is known not to have arrived, and it waits as not sent yet
    expect(atCrash).toBe('pending')
    expect(received(h, 522)).toHaveLength(0)

    const after = h.restart()
    await after.deps.services.broadcasts.idle()
    expect(recipientsOf(h.deps.db, id).find((r) => r.clientId === waiting.id)?.status).toBe('sent')
    expect(received(h, 522)).toHaveLength(1)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 1 из 1')
  })

  it('429 with a long pause: Stop pressed during it brings the report at once, not when the pause ends', async () => {
    const sim = createSimClock()
    const h = createHarness({ clock: sim })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 541)
    const waiting = seedClient(h.deps, 542)
    seedClient(h.deps, 543)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 542 }, 120)
    const id = await sim.run(broadcastToAll(h, owner))
    // Ten seconds on, the others have theirs; Telegram's two minutes for 542 have just begun
    await sim.run(sim.sleep(10_000))
    expect(h.fake.callsOf('sendMessage').some((c) => Number(c.payload.chat_id) === 542 && !c.ok)).toBe(true)
    expect(h.fake.textsTo(owner.id).some((t) => t.includes(`Рассылка ${namedForAll(id)} остановлена`))).toBe(false)

    await stopPressedDuringTheWait(h, sim, id, { waiting })
    // Nobody is written to after the stop: the refused message is not sent, nor anything else
    expect(received(h, 541)).toHaveLength(1)
    expect(received(h, 542)).toHaveLength(0)
    expect(h.errors()).toEqual([])
  })

  it('429 with a long pause: a stop of the bot (SIGTERM) during it ends at once; the message goes after the restart', async () => {
    const sim = createSimClock()
    const h = createHarness({ clock: sim })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 551)
    const waiting = seedClient(h.deps, 552)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 552 }, 120)
    const id = await sim.run(broadcastToAll(h, owner))
    await sim.run(sim.sleep(10_000))
    expect(h.fake.callsOf('sendMessage').some((c) => Number(c.payload.chat_id) === 552 && !c.ok)).toBe(true)
    await stopDuringTheWaitThenRestart(h, sim, id, { sent: 551, waiting })
  })

  it("a message waiting for room in a chat another sender's 429 holds: Stop brings the report at once", async () => {
    const sim = createSimClock()
    const h = createHarness({ clock: sim })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 561)
    const waiting = seedClient(h.deps, 562)
    seedClient(h.deps, 563)
    // A reply to 562 meets Telegram's two-minute 429 just before the broadcast: the chat is held for every sender
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 562 }, 120)
    await sim.run(h.send(h.u.text(h.u.user(562), '/help')))
    // Telegram is slow to answer 563's message: it is on its way when Stop is pressed
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 563)
    const id = await sim.run(broadcastToAll(h, owner))
    await sim.run(sim.sleep(10_000))
    // 562's message waits for the chat's room, not sent yet: Telegram has seen only the reply
    expect(h.fake.callsOf('sendMessage').filter((c) => Number(c.payload.chat_id) === 562)).toHaveLength(1)
    expect(broadcastTo(h, 561)).toHaveLength(1)

    await stopPressedDuringTheWait(h, sim, id, { waiting, afterPress: release })
    // The message on its way when Stop came arrived and counts (the two delivered)
    expect(broadcastTo(h, 563)).toHaveLength(1)
    // The only failure is the reply's 429 (the client gets the short apology once the chat is free)
    expect(h.errors().map((e) => e.reason)).toEqual(['rate'])
  })

  it('a message waiting for room in a held chat: a stop of the bot (SIGTERM) ends at once; it goes once after the restart', async () => {
    const sim = createSimClock()
    const h = createHarness({ clock: sim })
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 571)
    const waiting = seedClient(h.deps, 572)
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: 572 }, 120)
    await sim.run(h.send(h.u.text(h.u.user(572), '/help')))
    const id = await sim.run(broadcastToAll(h, owner))
    await sim.run(sim.sleep(10_000))
    expect(broadcastTo(h, 571)).toHaveLength(1)
    expect(h.fake.callsOf('sendMessage').filter((c) => Number(c.payload.chat_id) === 572)).toHaveLength(1)
    await stopDuringTheWaitThenRestart(h, sim, id, { sent: 571, waiting })
  })

  it('403: the client is marked blocked, counted, and skipped by later broadcasts', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 411)
    seedClient(h.deps, 412)
    h.fake.blockedChats.add(412)
    const before = h.clock.now()
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    // (marked when Telegram refused: the owner's messages, paced, take a moment of the clock)
    expect(findClientByTelegramId(h.deps.db, 412)?.blockedAt).toBeGreaterThanOrEqual(before)
    expect(findClientByTelegramId(h.deps.db, 412)?.blockedAt).toBeLessThanOrEqual(h.clock.now())
    expect(recipientsOf(h.deps.db, id).map((r) => [r.chatId, r.status])).toEqual([
      [411, 'sent'],
      [412, 'blocked'],
    ])
    expect(h.fake.lastTextTo(owner.id)).toContain('Заблокировали бота: 1')
    expect(await h.deps.services.broadcasts.count({})).toBe(1)
  })

  it('400: a failed send is recorded and the rest go on', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 421)
    seedClient(h.deps, 422)
    h.fake.fail({ method: 'sendMessage', chatId: 421, error_code: 400, description: 'Bad Request: chat not found' })
    await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    expect(received(h, 422)).toHaveLength(1)
    expect(h.fake.lastTextTo(owner.id)).toContain('Ошибки: 1')
  })
  it('403 from someone who only wrote to the owner’s own account: not taken for a block', async () => {
    const h = createHarness({ content: { ...demoContent(), telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID)
    // Never opened the bot's chat: Telegram refuses the bot's first message to them
    h.fake.emulator.addUser({ id: 431, first_name: 'Пётр', started: false })
    const client = h.u.user(431, { first_name: 'Пётр' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/privacy'))
    await h.send(h.u.callback(client, 'consent:yes', { businessConnectionId: 'bc-olga' }))
    seedClient(h.deps, 432)
    const id = await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    // Reminders, follow-ups and the card go on as for anyone who did not block the bot
    expect(findClientByTelegramId(h.deps.db, 431)?.blockedAt).toBeNull()
    expect(recipientsOf(h.deps.db, id).map((r) => [r.chatId, r.status, r.error])).toEqual([
      [431, 'failed', 'the client never opened the chat with the bot'],
      [432, 'sent', null],
    ])
    expect(h.fake.lastTextTo(owner.id)).toContain('Заблокировали бота: 0')
    expect(h.fake.lastTextTo(owner.id)).toContain('Ошибки: 1')
  })
})

describe('stopping and resuming', () => {
  it('/cancel stops a broadcast: nobody is sent twice, the rest are skipped, the owner gets the summary', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 200; i++) seedClient(h.deps, 10_000 + i)
    const id = await broadcastToAll(h, owner)
    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.textsTo(owner.id).some((t) => t.includes(`Останавливаю рассылку ${namedForAll(id)}`))).toBe(true)
    await h.deps.services.broadcasts.idle()

    const rows = recipientsOf(h.deps.db, id)
    const sent = rows.filter((r) => r.status === 'sent').length
    const skipped = rows.filter((r) => r.status === 'skipped').length
    expect(sent).toBeGreaterThan(0)
    expect(sent).toBeLessThan(200)
    expect(sent + skipped).toBe(200)
    for (let i = 0; i < 200; i++) expect(received(h, 10_000 + i).length).toBeLessThanOrEqual(1)
    expect(h.fake.lastTextTo(owner.id)).toContain(`Рассылка ${namedForAll(id)} остановлена`)
    expect(h.fake.lastTextTo(owner.id)).toContain(`Не отправлено: ${skipped}`)
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
  })

  it('/cancel skips the recipients not reached across the whole range of client ids, batch by batch', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const early = Array.from({ length: 60 }, (_, i) => seedClient(h.deps, 40_000 + i))
    // Clients who came much later: their ids lie several batches of ids further on
    h.deps.sqlite.prepare("update sqlite_sequence set seq = 23456 where name = 'clients'").run()
    const late = Array.from({ length: 20 }, (_, i) => seedClient(h.deps, 41_000 + i))
    expect(late[0]?.id).toBeGreaterThan(20_000)
    // Telegram answers no send of the broadcast yet: the first clients' are on their way, the rest wait
    const recipients = new Set([...early, ...late].map((c) => c.telegramId))
    const release = h.fake.hold((call) => call.method === 'sendMessage' && recipients.has(Number(call.payload.chat_id)))
    const id = await broadcastToAll(h, owner)
    await h.send(h.u.text(owner, '/cancel'))
    release()
    await h.deps.services.broadcasts.idle()

    const rows = recipientsOf(h.deps.db, id)
    expect(rows).toHaveLength(early.length + late.length)
    expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([])
    const lateIds = new Set(late.map((c) => c.id))
    expect(rows.filter((r) => lateIds.has(r.clientId)).map((r) => r.status)).toEqual(late.map(() => 'skipped'))
    expect(h.errors()).toEqual([])
  })

  it('the stop button under the progress message works for owners only', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const manager = h.u.user(6_000_001)
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    for (let i = 0; i < 100; i++) seedClient(h.deps, 20_000 + i)
    // Telegram has not answered the send to the 50th client yet: the broadcast is still going
    // while the buttons are pressed, however fast the rest goes
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 20_050)
    const id = await broadcastToAll(h, owner)
    await h.send(h.u.callback(manager, `bcstop:${id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('только для владельца')
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
    await h.send(h.u.callback(owner, `bcstop:${id}`))
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
  })

  it('/cancel stops the broadcast even when an owner step was left long ago and has expired', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 50; i++) seedClient(h.deps, 60_000 + i)
    // Telegram is slow to answer the 10th client: the broadcast is still running
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 60_010)
    const id = await broadcastToAll(h, owner)
    // The owner opens the team menu, presses "➕ Manager" and forgets about it
    await h.send(h.u.text(owner, '/staff'))
    await pressMatching(h, owner, '➕')
    h.clock.advance(31 * 60_000)
    expect(findOwnerInput(h.deps.db, OWNER_ID)?.step).toMatchObject({ kind: 'staff-add' })

    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.lastTextTo(owner.id)).toBe(`Останавливаю рассылку ${namedForAll(id)} — итог пришлю следом.`)
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
  })

  it('another owner can stop a running broadcast: /cancel offers it, the button stops it, the starter is told', async () => {
    const h = createHarness()
    const coOwner = h.u.user(5_000_002, { first_name: 'Игорь' })
    h.deps.services.staff.add(coOwner.id, 'owner', OWNER_ID, 'Игорь')
    h.deps.services.staff.add(OWNER_ID, 'owner', OWNER_ID, 'Ольга')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    for (let i = 0; i < 50; i++) seedClient(h.deps, 61_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 61_010)
    const sale = 'Скидка 20% (ошибка: должно быть 2%)'
    const id = await broadcastToAll(h, owner, sale)

    // A /cancel of the co-owner's own does not end a colleague's broadcast by itself
    await h.send(h.u.text(coOwner, '/cancel'))
    expect(h.fake.lastTextTo(coOwner.id)).toBe(
      `Идёт рассылка #${id} «Скидка 20% (ошибка: должно быть 2%)» (получатели: все, кто согласился на рассылку) (автор — Ольга). Остановить её?`,
    )
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
    await pressMatching(h, coOwner, 'bcstop:')
    expect(h.fake.lastTextTo(coOwner.id)).toBe(
      `Останавливаю рассылку ${namedForAll(id, sale)} — итог придёт автору рассылки (Ольга).`,
    )
    expect(h.fake.textsTo(owner.id)).toContain(
      `⏹ Вашу рассылку ${namedForAll(id, sale)} остановили. Кто остановил: Игорь.`,
    )
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
    expect(h.fake.lastTextTo(owner.id)).toContain(`Рассылка ${namedForAll(id, sale)} остановлена`)
  })

  it('an owner in a flow (the quiz, tried as a client would) leaves it with /cancel while a broadcast runs', async () => {
    const h = createHarness()
    const coOwner = h.u.user(5_000_002, { first_name: 'Игорь' })
    h.deps.services.staff.add(coOwner.id, 'owner', OWNER_ID, 'Игорь')
    h.deps.services.staff.add(OWNER_ID, 'owner', OWNER_ID, 'Ольга')
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    for (let i = 0; i < 30; i++) seedClient(h.deps, 62_000 + i)
    // Telegram is slow to answer the 10th client: Ольга's broadcast is still going
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 62_010)
    const id = await broadcastToAll(h, owner)

    // Игорь tries the quiz and wants out of it: his /cancel leaves the quiz, as anyone's
    await h.send(h.u.callback(coOwner, 'menu:quiz'))
    expect(h.fake.lastTextTo(coOwner.id)).toContain('Вопрос 1 из')
    await h.send(h.u.text(coOwner, '/cancel'))
    expect(h.fake.lastTextTo(coOwner.id)).toContain('Хорошо, остановились')
    // Outside any flow, a /cancel offers to stop the colleague's broadcast, as before
    await h.send(h.u.text(coOwner, '/cancel'))
    expect(h.fake.lastTextTo(coOwner.id)).toBe(
      `Идёт рассылка #${id} «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) (автор — Ольга). Остановить её?`,
    )
    // Ольга in the quiz herself: /cancel leaves it, her broadcast goes on
    await h.send(h.u.callback(owner, 'menu:quiz'))
    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Хорошо, остановились')
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('sending')
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 30 из 30')
  })

  it('resumes after a crash mid-broadcast: no one twice, no one missed, the interrupted send is not repeated', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const chats = Array.from({ length: 30 }, (_, i) => 30_000 + i)
    for (const chat of chats) seedClient(h.deps, chat)
    let delivered = 0
    // The 10th message reaches Telegram, then the process dies before recording it (and the ones in flight)
    h.fake.on('sendMessage', (payload) => {
      if (chats.includes(Number(payload.chat_id)) && ++delivered === 10) h.deps.services.broadcasts.worker()?.kill()
      return undefined
    })
    const id = await broadcastToAll(h, owner)
    // Sends already on their way reach Telegram; the dead worker records none of them and sends nothing more
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    const atCrash = delivered
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(delivered).toBe(atCrash)
    // The rows in flight: they may or may not have arrived, and are never sent again
    const interrupted = recipientsOf(h.deps.db, id, ['sending']).map((r) => r.chatId)
    expect(interrupted).toContain(chats[9])

    const after = h.restart()
    await after.deps.services.broadcasts.idle()
    for (const chat of chats) {
      const n = received(h, chat).length
      if (interrupted.includes(chat)) expect(n, `chat ${chat}`).toBeLessThanOrEqual(1)
      else expect(n, `chat ${chat}`).toBe(1)
    }
    const rows = recipientsOf(h.deps.db, id)
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(30 - interrupted.length)
    expect(rows.filter((r) => r.status === 'uncertain').map((r) => r.chatId)).toEqual(interrupted)
    const texts = h.fake.textsTo(owner.id)
    expect(texts.some((t) => t.includes(`перезапустился во время рассылки ${namedForAll(id)}`))).toBe(true)
    expect(texts.at(-1)).toContain(`Доставлено: ${30 - interrupted.length} из 30`)
    expect(texts.at(-1)).toContain(`Неизвестно (сбой во время отправки, повторно не отправляли): ${interrupted.length}`)
  })

  it('a stop (SIGTERM) whose grace lets the last messages go ends the broadcast: the report now, no "restarted" later', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const chats = [1, 2, 3, 4, 5, 6].map((i) => 31_000 + i)
    for (const chat of chats) seedClient(h.deps, chat)
    // All six are on their way when the stop comes
    const release = h.fake.hold((call) => call.method === 'sendMessage' && chats.includes(Number(call.payload.chat_id)))
    const id = await broadcastToAll(h, owner)
    const stopped = h.deps.services.broadcasts.worker()?.stop()
    release()
    await stopped
    expect(chats.map((chat) => received(h, chat).length)).toEqual([1, 1, 1, 1, 1, 1])
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('done')
    expect(h.fake.lastTextTo(owner.id)).toContain(`Рассылка ${namedForAll(id)} завершена`)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 6 из 6')

    const after = h.restart()
    await after.deps.services.broadcasts.idle()
    expect(h.fake.textsTo(owner.id).filter((t) => t.includes('перезапустился'))).toEqual([])
    expect(h.fake.textsTo(owner.id).filter((t) => t.includes('завершена'))).toHaveLength(1)
  })

  it('an owner removed from the team while their broadcast runs hears no more of it; the owners get its report', async () => {
    const h = createHarness()
    const coOwner = h.u.user(5_000_002, { first_name: 'Игорь' })
    h.deps.services.staff.add(coOwner.id, 'owner', OWNER_ID, 'Игорь')
    for (let i = 0; i < 50; i++) seedClient(h.deps, 62_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 62_010)
    const id = await broadcastToAll(h, coOwner)
    const heard = h.fake.calls.filter((c) => Number(c.payload.chat_id) === coOwner.id).length
    expect(h.deps.services.staff.remove(coOwner.id)).toBe(true)
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('done')
    // Neither its progress nor its report: the figures are the business's, no longer theirs. Their
    // progress message only loses its Stop button
    const after = h.fake.calls.filter((c) => Number(c.payload.chat_id) === coOwner.id).slice(heard)
    expect(after.map((c) => c.method)).toEqual(['editMessageReplyMarkup'])
    const progress = Number(after[0]?.payload.message_id)
    expect(h.fake.keyboardOf(coOwner.id, progress)?.inline_keyboard.flat() ?? []).toEqual([])
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 50 из 50')
  })

  it('stopping the broadcast of an owner taken off the team: they are not told, the report comes to whoever stopped it', async () => {
    const h = createHarness()
    const coOwner = h.u.user(5_000_002, { first_name: 'Игорь' })
    h.deps.services.staff.add(coOwner.id, 'owner', OWNER_ID, 'Игорь')
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 50; i++) seedClient(h.deps, 63_000 + i)
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 63_010)
    const id = await broadcastToAll(h, coOwner)
    const heard = h.fake.calls.filter((c) => Number(c.payload.chat_id) === coOwner.id).length
    h.deps.services.staff.remove(coOwner.id)
    await h.send(h.u.text(owner, '/cancel'))
    await pressMatching(h, owner, 'bcstop:')
    expect(h.fake.lastTextTo(owner.id)).not.toContain('Игорь')
    release()
    await h.deps.services.broadcasts.idle()
    expect(h.deps.services.broadcasts.get(id)?.status).toBe('cancelled')
    const after = h.fake.calls.filter((c) => Number(c.payload.chat_id) === coOwner.id).slice(heard)
    expect(after.map((c) => c.method)).toEqual(['editMessageReplyMarkup'])
    expect(h.fake.lastTextTo(owner.id)).toContain(`Рассылка ${namedForAll(id)} остановлена`)
  })

  it('a progress edit still on its way when /broadcast moves the progress below leaves no Stop button behind', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 150; i++) seedClient(h.deps, 41_000 + i)
    // The last client's message waits, so the broadcast is still going when /broadcast comes
    const last = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 41_149)
    let reached = false
    const edit = h.fake.hold((call) => {
      const progress = !reached && call.method === 'editMessageText' && String(call.payload.text).includes('отправлено')
      if (progress) reached = true
      return progress
    })
    const id = await broadcastToAll(h, owner)
    while (!reached) await new Promise((resolve) => setTimeout(resolve, 5))
    await h.send(h.u.text(owner, '/broadcast'))
    // The edit lands after the first message was pointed below: with the Stop button it carries
    edit()
    last()
    await h.deps.services.broadcasts.idle()
    expect(h.fake.messageWithButton(owner.id, `bcstop:${id}`)).toBeUndefined()
  })

  it('a progress message is edited every few seconds of a long broadcast', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (let i = 0; i < 150; i++) seedClient(h.deps, 40_000 + i)
    await broadcastToAll(h, owner)
    await h.deps.services.broadcasts.idle()
    // 150 sends at 25/s take 6 s of the clock: at least one edit on the way, then the final one
    const edits = h.fake.callsOf('editMessageText').filter((c) => String(c.payload.text).includes('отправлено'))
    expect(edits.length).toBeGreaterThanOrEqual(1)
    expect(h.fake.lastTextTo(owner.id)).toContain('Доставлено: 150 из 150')
  })
})
