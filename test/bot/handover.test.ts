/**
 * /handover: a manager going off shift hands every open request she leads to a colleague at
 * once — a short line in each client's topic (what is pending there), one summary in the group
 * mentioning the colleague once; the clients are told nothing.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { mention, sendThroughOutbox, settle, topicState } from '../helpers/desk.ts'
import { cardLines } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARINA = 5_300_001
const MARIA = 5_300_002

async function newRequest(h: Harness, id: number, name: string) {
  const user = h.u.user(id, { first_name: name })
  await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, id: client.id, topicId: client.topicId! }
}

async function setUp() {
  const h = createHarness()
  h.deps.services.staff.add(MARINA, 'manager', OWNER_ID, 'Марина')
  h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
  const marina = h.u.user(MARINA, { first_name: 'Марина' })
  const maria = h.u.user(MARIA, { first_name: 'Мария' })
  h.fake.emulator.chat(STAFF_GROUP_ID).members.set(MARIA, 'member')
  const anna = await newRequest(h, 1401, 'Анна')
  const boris = await newRequest(h, 1402, 'Борис')
  const vera = await newRequest(h, 1403, 'Вера')
  // Марина answers Анна and Борис (she leads them, nothing pending), and takes Вера, unanswered
  await sendThroughOutbox(
    h,
    h.u.staffText(marina, anna.topicId, 'Здравствуйте! Смотрю ваш вопрос.'),
    h.u.staffText(marina, boris.topicId, 'Добрый день, уже готовлю ответ.'),
    h.u.staffText(marina, vera.topicId, '/assign'),
  )
  await settle(h)
  return { h, marina, maria, clients: [anna, boris, vera] as const }
}

/** A command in the staff group's General topic, and what the group got for it. */
async function inGeneral(h: Harness, from: ReturnType<Harness['u']['user']>, text: string) {
  const before = h.fake.calls.length
  await sendThroughOutbox(h, h.u.text(from, text, { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return h.fake.calls
    .slice(before)
    .filter((c) => c.ok && c.method === 'sendMessage' && Number(c.payload.chat_id) === STAFF_GROUP_ID)
}

describe('/handover', () => {
  it('hands every open request the sender leads to the colleague: a line in each topic, one summary mentioning her once', async () => {
    const { h, marina, clients } = await setUp()
    const [anna, boris, vera] = clients
    const { handoff } = h.deps.services
    for (const c of clients) expect(handoff.leadOf(c.id)).toBe(MARINA)
    const clientCalls = h.fake.calls.length

    const sent = await inGeneral(h, marina, '/handover Маша')

    for (const c of clients) expect(handoff.leadOf(c.id)).toBe(MARIA)
    const inTopic = (topicId: number) =>
      sent.filter((c) => Number(c.payload.message_thread_id) === topicId).map((c) => String(c.payload.text))
    // No mention in the topics: Telegram tells her once, by the summary
    expect(inTopic(anna.topicId)).toEqual(['👤 Клиента передали: теперь его ведёт Мария (кто передал: Марина)'])
    expect(inTopic(boris.topicId)).toEqual(['👤 Клиента передали: теперь его ведёт Мария (кто передал: Марина)'])
    expect(inTopic(vera.topicId)).toEqual([
      expect.stringMatching(
        /^👤 Клиента передали: теперь его ведёт Мария \(кто передал: Марина\) · ⏳ клиент ждёт ответа с \d\d:\d\d, ответить до \d\d:\d\d$/,
      ),
    ])
    const summary = sent.filter((c) => c.payload.message_thread_id === undefined).map((c) => String(c.payload.text))
    expect(summary).toHaveLength(1)
    expect(summary[0]).toContain(
      `🤝 ${mention(MARIA, 'Мария')}, Марина передаёт вам 3 своих клиентов — теперь их ведёте вы:`,
    )
    expect(summary[0]?.split('tg://user?id=')).toHaveLength(2)
    for (const name of ['Анна', 'Борис', 'Вера']) expect(summary[0]).toContain(`>${name}`)
    // Вера, who waits, first; what she waits for as her topic's line says it
    expect(summary[0]?.split('\n')[1]).toMatch(
      />Вера #3<\/a> — ⏳ клиент ждёт ответа с \d\d:\d\d, ответить до \d\d:\d\d$/,
    )
    expect(summary[0]).not.toContain('⚠️')
    // The clients are told nothing
    const toClients = h.fake.calls
      .slice(clientCalls)
      .filter((c) => c.method.startsWith('send') && Number(c.payload.chat_id) > 0)
    expect(toClients).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('refuses a name not on the team, oneself, nothing open, a bare /handover and someone not on the team', async () => {
    const { h, marina, maria } = await setUp()
    const answer = async (from: typeof marina, text: string) => {
      const sent = await inGeneral(h, from, text)
      expect(sent).toHaveLength(1)
      return String(sent[0]?.payload.text)
    }
    expect(await answer(marina, '/handover Петя')).toContain('«Петя» — такого человека в команде нет. Команда:')
    expect(await answer(marina, '/handover Марина')).toBe(
      'Передать клиентов себе же нельзя: напишите /handover и имя коллеги.',
    )
    expect(await answer(marina, '/handover')).toMatch(/^Передать всех своих клиентов коллеге: \/handover и имя/)
    expect(await answer(maria, '/handover Марина')).toBe(
      'Открытых запросов, которые ведёте вы, нет — передавать нечего.',
    )
    const stranger = h.u.user(5_300_999, { first_name: 'Гость' })
    expect(await answer(stranger, '/handover Мария')).toBe(h.deps.i18n.t('ru', 'staff-only'))
    for (const id of [MARINA, MARIA])
      expect(h.deps.services.handoff.requestsLedBy(id).length).toBe(id === MARINA ? 3 : 0)
    expect(h.errors()).toEqual([])
  })

  it('typed in a client topic, the summary is there; a colleague not in the group is warned about under it', async () => {
    const { h, marina, clients } = await setUp()
    const [anna] = clients
    h.fake.emulator.chat(STAFF_GROUP_ID).members.delete(MARIA)
    await sendThroughOutbox(h, h.u.staffText(marina, anna.topicId, '/handover 5300002'))
    await settle(h)
    const summary = h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).filter((t) => t.startsWith('🤝'))
    expect(summary).toHaveLength(1)
    expect(summary[0]).toContain(
      '⚠️ Мария не состоит в этой рабочей группе: не видит ни тем клиентов, ни оповещений в них.',
    )
    for (const c of clients) expect(h.deps.services.handoff.leadOf(c.id)).toBe(MARIA)
    expect(h.errors()).toEqual([])
  })

  it('/duty off while leading open requests says how many and suggests /handover', async () => {
    const { h, marina, maria } = await setUp()
    await inGeneral(h, marina, '/duty on')
    const [off] = await inGeneral(h, marina, '/duty off')
    expect(String(off?.payload.text)).toContain(
      'ℹ️ Вы ещё ведёте 3 открытых запроса. Передать их коллеге: /handover и имя коллеги.',
    )
    await inGeneral(h, maria, '/duty on')
    const [mariaOff] = await inGeneral(h, maria, '/duty off')
    expect(String(mariaOff?.payload.text)).not.toContain('/handover')
  })

  it('counts the requests she leads in the words of the number: 1, 2, 5 and 21 open requests, then 21 clients handed over', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MARINA, 'manager', OWNER_ID, 'Марина')
    h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
    const marina = h.u.user(MARINA, { first_name: 'Марина' })
    h.fake.emulator.chat(STAFF_GROUP_ID).members.set(MARIA, 'member')
    const offDuty = async () => {
      await inGeneral(h, marina, '/duty on')
      const [off] = await inGeneral(h, marina, '/duty off')
      return String(off?.payload.text).split('\n')[1] ?? ''
    }
    const said: string[] = []
    let led = 0
    for (const count of [1, 2, 5, 21]) {
      for (; led < count; led++) {
        const client = await newRequest(h, 1500 + led, `Клиент${led + 1}`)
        await sendThroughOutbox(h, h.u.staffText(marina, client.topicId, '/assign'))
        await settle(h)
      }
      expect(h.deps.services.handoff.requestsLedBy(MARINA)).toHaveLength(count)
      said.push(await offDuty())
    }
    expect(said).toEqual([
      'ℹ️ Вы ещё ведёте 1 открытый запрос. Передать его коллеге: /handover и имя коллеги.',
      'ℹ️ Вы ещё ведёте 2 открытых запроса. Передать их коллеге: /handover и имя коллеги.',
      'ℹ️ Вы ещё ведёте 5 открытых запросов. Передать их коллеге: /handover и имя коллеги.',
      'ℹ️ Вы ещё ведёте 21 открытый запрос. Передать их коллеге: /handover и имя коллеги.',
    ])
    const [summary] = await inGeneral(h, marina, '/handover Мария')
    expect(String(summary?.payload.text).split('\n')[0]).toBe(
      `🤝 ${mention(MARIA, 'Мария')}, Марина передаёт вам 21 своего клиента — теперь их ведёте вы:`,
    )
    expect(h.errors()).toEqual([])
  })

  it('a single client handed over is named as one', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MARINA, 'manager', OWNER_ID, 'Марина')
    h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
    const marina = h.u.user(MARINA, { first_name: 'Марина' })
    h.fake.emulator.chat(STAFF_GROUP_ID).members.set(MARIA, 'member')
    const anna = await newRequest(h, 1401, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(marina, anna.topicId, '/assign'))
    await settle(h)
    const [summary] = await inGeneral(h, marina, '/handover Мария')
    expect(String(summary?.payload.text).split('\n')[0]).toBe(
      `🤝 ${mention(MARIA, 'Мария')}, Марина передаёт вам своего клиента — теперь его ведёте вы:`,
    )
    expect(h.errors()).toEqual([])
  })
})

/**
 * A salon's busy hour with three of the team: Ольга Смирнова (the owner), Светлана Орлова and
 * Ирина Белова, all in the staff group, each named as their Telegram profile has it.
 */
const SVETA = 5_300_011
const IRINA = 5_300_012

async function salon() {
  const h = createHarness()
  h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана Орлова')
  h.deps.services.staff.add(IRINA, 'manager', OWNER_ID, 'Ирина Белова')
  const olga = h.u.user(OWNER_ID, { first_name: 'Ольга', last_name: 'Смирнова' })
  const sveta = h.u.user(SVETA, { first_name: 'Светлана', last_name: 'Орлова' })
  const irina = h.u.user(IRINA, { first_name: 'Ирина', last_name: 'Белова' })
  for (const id of [OWNER_ID, SVETA, IRINA]) h.fake.emulator.chat(STAFF_GROUP_ID).members.set(id, 'member')
  // The owner says good morning: the team knows her name from then on
  await sendThroughOutbox(h, h.u.text(olga, 'Доброе утро!', { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return { h, olga, sveta, irina }
}

/** The client's request opens at `hhmm` Moscow time (the clock is moved there first). */
async function requestAt(h: Harness, hhmm: string, id: number, name: string) {
  h.clock.set(`2026-11-23T${hhmm}:00+03:00`)
  return newRequest(h, id, name)
}

/** What the group got in a topic for what `run` did. */
async function postedIn(h: Harness, topicId: number, run: () => Promise<void>) {
  const before = h.fake.calls.length
  await run()
  await settle(h)
  return h.fake.calls
    .slice(before)
    .filter(
      (c) =>
        c.ok &&
        c.method === 'sendMessage' &&
        Number(c.payload.chat_id) === STAFF_GROUP_ID &&
        Number(c.payload.message_thread_id) === topicId,
    )
    .map((c) => String(c.payload.text))
}

describe('/assign of a client to a colleague', () => {
  it('says what the client waits for, in /handover’s words, and who led them before, mentioning both colleagues', async () => {
    const { h, olga, sveta, irina } = await salon()
    const emma = await requestAt(h, '12:00', 1601, 'Эмма')
    await sendThroughOutbox(h, h.u.staffText(sveta, emma.topicId, '/assign'))
    await settle(h)
    const clientCalls = h.fake.calls.length

    // The owner hands the waiting client, Светлана's, to Ирина
    h.clock.set('2026-11-23T12:05:00+03:00')
    const handed = await postedIn(h, emma.topicId, () =>
      sendThroughOutbox(h, h.u.staffText(olga, emma.topicId, '/assign Ира')),
    )
    expect(handed).toEqual([
      [
        `👤 ${mention(IRINA, 'Ирина Белова')}, клиента передали вам — теперь его ведёте вы. Кто передал: Ольга Смирнова. До этого — ${mention(SVETA, 'Светлана Орлова')}.`,
        '⏳ клиент ждёт ответа с 12:00, ответить до 12:15',
      ].join('\n'),
    ])
    expect(h.deps.services.handoff.leadOf(emma.id)).toBe(IRINA)

    // Late by now, the topic 🔴: Ирина hands her back herself — "before" would only repeat who hands
    h.clock.set('2026-11-23T12:20:00+03:00')
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(topicState(h, emma.topicId).name).toMatch(/^🔴 Эмма/)
    const back = await postedIn(h, emma.topicId, () =>
      sendThroughOutbox(h, h.u.staffText(irina, emma.topicId, '/assign Света')),
    )
    expect(back).toEqual([
      [
        `👤 ${mention(SVETA, 'Светлана Орлова')}, клиента передали вам — теперь его ведёте вы. Кто передал: Ирина Белова.`,
        '🔴 клиент ждёт ответа с 12:00, не ответили до 12:15',
      ].join('\n'),
    ])

    // Answered, then the client writes again: she waits for the answer to that message
    await sendThroughOutbox(h, h.u.staffText(sveta, emma.topicId, 'Эмма, добрый день! Сейчас посмотрю.'))
    await settle(h)
    h.clock.set('2026-11-23T12:30:00+03:00')
    await sendThroughOutbox(h, h.u.text(emma.user, 'А на субботу запись есть?'))
    await settle(h)
    h.clock.set('2026-11-23T12:33:00+03:00')
    const again = await postedIn(h, emma.topicId, () =>
      sendThroughOutbox(h, h.u.staffText(olga, emma.topicId, '/assign Ира')),
    )
    expect(again).toEqual([
      [
        `👤 ${mention(IRINA, 'Ирина Белова')}, клиента передали вам — теперь его ведёте вы. Кто передал: Ольга Смирнова. До этого — ${mention(SVETA, 'Светлана Орлова')}.`,
        '⏳ клиент ждёт ответа с 12:30, ответить до 12:45',
      ].join('\n'),
    ])

    // Answered and waiting for nothing: the notice alone
    await sendThroughOutbox(h, h.u.staffText(irina, emma.topicId, 'Есть, на 11:00 и на 15:00.'))
    await settle(h)
    const calm = await postedIn(h, emma.topicId, () =>
      sendThroughOutbox(h, h.u.staffText(olga, emma.topicId, '/assign Светлана')),
    )
    expect(calm).toEqual([
      `👤 ${mention(SVETA, 'Светлана Орлова')}, клиента передали вам — теперь его ведёте вы. Кто передал: Ольга Смирнова. До этого — ${mention(IRINA, 'Ирина Белова')}.`,
    ])
    // The client is told nothing of it: only the team's answers reached her
    const toClient = h.fake
      .sentTo(emma.user.id)
      .filter((c) => h.fake.calls.indexOf(c) >= clientCalls)
      .map((c) => String(c.payload.text))
    expect(toClient.filter((t) => /Ирин|Светлан|Ольг/.test(t))).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('/handover at a busy hour', () => {
  it('lists those waiting first, the longest wait first, a late one 🔴 as its topic line and title say', async () => {
    const { h, sveta, irina } = await salon()
    // Анна: answered, nothing pending; Борис: answered, then wrote again; Вера and Глеб: nobody answered
    const anna = await requestAt(h, '12:00', 1701, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(sveta, anna.topicId, 'Анна, здравствуйте! Записала вас.'))
    const boris = await requestAt(h, '12:02', 1702, 'Борис')
    await sendThroughOutbox(h, h.u.staffText(sveta, boris.topicId, 'Борис, добрый день! Уточню у мастера.'))
    await settle(h)
    const vera = await requestAt(h, '12:04', 1703, 'Вера')
    await sendThroughOutbox(h, h.u.staffText(sveta, vera.topicId, '/assign'))
    h.clock.set('2026-11-23T12:10:00+03:00')
    await sendThroughOutbox(h, h.u.text(boris.user, 'А можно на стрижку к Марине?'))
    await settle(h)
    const gleb = await requestAt(h, '12:20', 1704, 'Глеб')
    await sendThroughOutbox(h, h.u.staffText(sveta, gleb.topicId, '/assign'))
    h.clock.set('2026-11-23T12:30:00+03:00')
    await h.deps.scheduler.runDue()
    await settle(h)
    expect([anna, boris, vera, gleb].map((c) => topicState(h, c.topicId).name.slice(0, 2))).toEqual([
      '💬',
      '🔴',
      '🔴',
      '🟡',
    ])

    const sent = await inGeneral(h, sveta, '/handover Ира')
    const summary = sent.filter((c) => c.payload.message_thread_id === undefined).map((c) => String(c.payload.text))
    expect(summary).toHaveLength(1)
    const [title, ...items] = (summary[0] ?? '').split('\n')
    expect(title).toBe(
      `🤝 ${mention(IRINA, 'Ирина Белова')}, Светлана Орлова передаёт вам 4 своих клиентов — теперь их ведёте вы:`,
    )
    expect(items.map((line) => line.replace(/<[^>]+>/g, ''))).toEqual([
      `• Вера #${vera.id} — 🔴 клиент ждёт ответа с 12:04, не ответили до 12:19`,
      `• Борис #${boris.id} — 🔴 клиент ждёт ответа с 12:10, не ответили до 12:25`,
      `• Глеб #${gleb.id} — ⏳ клиент ждёт ответа с 12:20, ответить до 12:35`,
      `• Анна #${anna.id}`,
    ])
    // Each topic's line says the same as the summary's
    const inTopic = (topicId: number) =>
      sent.filter((c) => Number(c.payload.message_thread_id) === topicId).map((c) => String(c.payload.text))
    expect(inTopic(vera.topicId)).toEqual([
      '👤 Клиента передали: теперь его ведёт Ирина Белова (кто передал: Светлана Орлова) · 🔴 клиент ждёт ответа с 12:04, не ответили до 12:19',
    ])
    expect(inTopic(boris.topicId)).toEqual([
      '👤 Клиента передали: теперь его ведёт Ирина Белова (кто передал: Светлана Орлова) · 🔴 клиент ждёт ответа с 12:10, не ответили до 12:25',
    ])
    expect(inTopic(gleb.topicId)).toEqual([
      '👤 Клиента передали: теперь его ведёт Ирина Белова (кто передал: Светлана Орлова) · ⏳ клиент ждёт ответа с 12:20, ответить до 12:35',
    ])
    for (const c of [anna, boris, vera, gleb]) expect(h.deps.services.handoff.leadOf(c.id)).toBe(IRINA)
    expect(irina.id).toBe(IRINA)
    expect(h.errors()).toEqual([])
  })

  it('a client waiting on a message since the last answer reads with the time to answer it by, as the card gives it, until it is late', async () => {
    const { h, sveta, irina } = await salon()
    // Анна was answered, then wrote again at 12:30: the team has her answer time (15 min) for it
    const anna = await requestAt(h, '12:00', 1901, 'Анна')
    await sendThroughOutbox(h, h.u.staffText(sveta, anna.topicId, 'Анна, здравствуйте! Записала вас.'))
    await settle(h)
    h.clock.set('2026-11-23T12:30:00+03:00')
    await sendThroughOutbox(h, h.u.text(anna.user, 'А можно перенести на час позже?'))
    await settle(h)

    h.clock.set('2026-11-23T12:33:00+03:00')
    const sent = await inGeneral(h, sveta, '/handover Ира')
    const summary = sent.filter((c) => c.payload.message_thread_id === undefined).map((c) => String(c.payload.text))
    expect(summary).toHaveLength(1)
    expect((summary[0] ?? '').split('\n').map((line) => line.replace(/<[^>]+>/g, ''))).toEqual([
      '🤝 Ирина Белова, Светлана Орлова передаёт вам своего клиента — теперь его ведёте вы:',
      `• Анна #${anna.id} — ⏳ клиент ждёт ответа с 12:30, ответить до 12:45`,
    ])
    expect(
      sent.filter((c) => Number(c.payload.message_thread_id) === anna.topicId).map((c) => String(c.payload.text)),
    ).toEqual([
      '👤 Клиента передали: теперь его ведёт Ирина Белова (кто передал: Светлана Орлова) · ⏳ клиент ждёт ответа с 12:30, ответить до 12:45',
    ])
    // Her card says the same time
    expect(cardLines(h, anna.id)).toContain(
      '⏳ снова ждёт ответа с пн, 23 нояб., 12:30 — ответить до пн, 23 нояб., 12:45',
    )

    // Late by 12:50: 🔴, not answered by that time
    h.clock.set('2026-11-23T12:50:00+03:00')
    await h.deps.scheduler.runDue()
    await settle(h)
    const [late] = (await inGeneral(h, irina, '/handover Света')).filter(
      (c) => c.payload.message_thread_id === undefined,
    )
    expect(
      String(late?.payload.text)
        .split('\n')[1]
        ?.replace(/<[^>]+>/g, ''),
    ).toBe(`• Анна #${anna.id} — 🔴 клиент ждёт ответа с 12:30, не ответили до 12:45`)
    expect(h.errors()).toEqual([])
  })

  it('two /handovers crossed within seconds do not bounce the clients back: what the colleague just handed over stays, and the summary says so', async () => {
    const { h, olga, sveta, irina } = await salon()
    const anna = await requestAt(h, '12:00', 1801, 'Анна')
    const boris = await requestAt(h, '12:01', 1802, 'Борис')
    const vera = await requestAt(h, '12:02', 1803, 'Вера')
    await sendThroughOutbox(
      h,
      h.u.staffText(irina, anna.topicId, '/assign'),
      h.u.staffText(irina, boris.topicId, '/assign'),
      h.u.staffText(sveta, vera.topicId, '/assign'),
    )
    await settle(h)
    const { handoff } = h.deps.services

    // Ирина hands hers to Светлана; Светлана, a few seconds later, hers to Ирина
    h.clock.set('2026-11-23T12:05:00+03:00')
    const first = await inGeneral(h, irina, '/handover Света')
    const summaryOf = (sent: typeof first) =>
      sent.filter((c) => c.payload.message_thread_id === undefined).map((c) => String(c.payload.text))
    expect(summaryOf(first)[0]?.split('\n')[0]).toBe(
      `🤝 ${mention(SVETA, 'Светлана Орлова')}, Ирина Белова передаёт вам 2 своих клиентов — теперь их ведёте вы:`,
    )
    h.clock.set('2026-11-23T12:05:08+03:00')
    const crossed = await inGeneral(h, sveta, '/handover Ира')
    expect(handoff.leadOf(anna.id)).toBe(SVETA)
    expect(handoff.leadOf(boris.id)).toBe(SVETA)
    expect(handoff.leadOf(vera.id)).toBe(IRINA)
    const summary = summaryOf(crossed)
    expect(summary).toHaveLength(1)
    // (each client's name opens their topic)
    expect(summary[0]?.split('\n').map((line) => line.replace(/<a href="https:[^>]+>([^<]*)<\/a>/g, '$1'))).toEqual([
      `🤝 ${mention(IRINA, 'Ирина Белова')}, Светлана Орлова передаёт вам своего клиента — теперь его ведёте вы:`,
      `• Вера #${vera.id} — ⏳ клиент ждёт ответа с 12:02, ответить до 12:17`,
      '↩️ Обратно не передаются клиенты (2), которых передали меньше 5 мин назад (кто передал: Ирина Белова): их по-прежнему ведёт Светлана Орлова. Вернуть — /assign в теме клиента:',
      `• Анна #${anna.id} — ⏳ клиент ждёт ответа с 12:00, ответить до 12:15`,
      `• Борис #${boris.id} — ⏳ клиент ждёт ответа с 12:01, ответить до 12:16`,
    ])
    // Their topics get nothing: nothing changed there
    const topics = crossed.map((c) => Number(c.payload.message_thread_id))
    expect(topics).not.toContain(anna.topicId)
    expect(topics).not.toContain(boris.topicId)
    expect(topics).toContain(vera.topicId)

    // Both at once again: nothing to hand but what just came, which stays
    h.clock.set('2026-11-23T12:05:30+03:00')
    const kept = summaryOf(await inGeneral(h, irina, '/handover Света'))
    expect(kept).toHaveLength(1)
    expect(kept[0]?.split('\n')[0]).toBe(
      '↩️ Обратно не передаётся клиент, которого передали меньше 5 мин назад (кто передал: Светлана Орлова): его по-прежнему ведёт Ирина Белова. Вернуть — /assign в теме клиента:',
    )
    expect(handoff.leadOf(vera.id)).toBe(IRINA)

    // Minutes later it is meant: Светлана hands them back
    h.clock.set('2026-11-23T12:11:00+03:00')
    const later = summaryOf(await inGeneral(h, sveta, '/handover Ира'))
    expect(later[0]).toContain('передаёт вам 2 своих клиентов')
    expect(later[0]).not.toContain('↩️')
    expect(handoff.leadOf(anna.id)).toBe(IRINA)
    expect(handoff.leadOf(boris.id)).toBe(IRINA)
    // To a third colleague, what Ирина just handed over goes on: it would not bounce back to her
    h.clock.set('2026-11-23T12:11:20+03:00')
    await inGeneral(h, irina, '/handover Ольга')
    for (const c of [anna, boris, vera]) expect(handoff.leadOf(c.id)).toBe(OWNER_ID)
    expect(olga.id).toBe(OWNER_ID)
    expect(h.errors()).toEqual([])
  })
})
