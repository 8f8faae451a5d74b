/**
 * /handover: a manager going off shift hands every open request she leads to a colleague at
 * once — a short line in each client's topic (what is pending there), one summary in the group
 * mentioning the colleague once; the clients are told nothing.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARINA = 5_300_001
const MARIA = 5_300_002

const mention = (id: number, name: string) => `<a href="tg://user?id=${id}">${name}</a>`

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
    expect(summary[0]).toMatch(/>Вера #3<\/a> — ⏳ ждёт ответа с \d\d:\d\d$/)
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
