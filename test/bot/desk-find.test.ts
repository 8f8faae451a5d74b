import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { deletedMessageIds, sendThroughOutbox, settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_002

async function setUp() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  const anna = await clientInHandoff(h, 5101, 'Анна')
  updateClient(h.deps.db, anna.client.id, { phone: '+7 (999) 123-45-67', email: 'anna@example.com' })
  await h.send(h.u.text(anna.user, 'Нужен интернет-магазин для пекарни'))
  // A client who never asked for a person has no topic, and is found all the same
  const boris = h.u.user(5102, { first_name: 'Борис', username: 'boris_bakery' })
  await h.send(h.u.text(boris, '/start'))
  await settle(h)
  return { h, anna, boris: findClientByTelegramId(h.deps.db, boris.id)!, manager: h.u.user(MANAGER_ID) }
}

/** /find in the General topic; returns what the group got. */
async function find(h: Harness, from: ReturnType<Harness['u']['user']>, query: string, threadId?: number) {
  await sendThroughOutbox(h, h.u.text(from, `/find ${query}`, { chatId: STAFF_GROUP_ID, threadId }))
  await h.drain()
  return h.fake.lastTextTo(STAFF_GROUP_ID)
}

describe('/find', () => {
  it('finds a client by each field, with a link to the topic', async () => {
    const { h, anna, boris, manager } = await setUp()
    const link = `<a href="https://t.me/c/1234567890/${anna.topicId}">Анна</a>`
    const annaLine = (matched: string) => `1. ${link} · #${anna.client.id} — ${matched}`
    expect(await find(h, manager, 'анна')).toBe(`🔎 «анна»: 1 клиент\n${annaLine('имя')}`)
    expect(await find(h, manager, '8 999 123 45 67')).toContain(annaLine('телефон'))
    expect(await find(h, manager, '4567')).toContain(annaLine('телефон'))
    expect(await find(h, manager, 'ANNA@example.com')).toContain(annaLine('e-mail'))
    expect(await find(h, manager, `#${anna.client.id}`)).toContain(annaLine('номер'))
    expect(await find(h, manager, 'пекарн')).toContain(annaLine('в переписке: «Нужен интернет-магазин для пекарни»'))
    expect(await find(h, manager, '@boris')).toBe(
      `🔎 «@boris»: 1 клиент\n1. Борис @boris_bakery (темы ещё нет) · #${boris.id} — ник`,
    )
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload).toMatchObject({ parse_mode: 'HTML' })
  })

  it('writes a client’s number as /find takes it, without a thousands separator', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
    // A business past its thousandth client
    h.deps.sqlite.prepare("delete from sqlite_sequence where name = 'clients'").run()
    h.deps.sqlite.prepare("insert into sqlite_sequence (name, seq) values ('clients', 1233)").run()
    await h.send(h.u.text(h.u.user(5103, { first_name: 'Вера', username: 'vera_flowers' }), '/start'))
    await settle(h)
    const listed = await find(h, h.u.user(MANAGER_ID), '@vera')
    // "#1 234" (a non-breaking space) before, which /find did not take back
    expect(listed).toBe('🔎 «@vera»: 1 клиент\n1. Вера @vera_flowers (темы ещё нет) · #1234 — ник')
    expect(await find(h, h.u.user(MANAGER_ID), '#1234')).toContain('· #1234 — номер')
  })

  it('answers in the thread it was asked in; nothing found, too short and not staff get a short answer', async () => {
    const { h, anna, manager } = await setUp()
    expect(await find(h, manager, 'Зинаида', anna.topicId)).toBe('По запросу «Зинаида» никого не найдено.')
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.message_thread_id).toBe(anna.topicId)
    expect(await find(h, manager, 'Ян')).toContain('/find и имя, @ник, телефон')
    expect(await find(h, h.u.user(5199), 'анна')).toBe(
      'Эта команда — только для сотрудников. Владелец может добавить вас в команду.',
    )
    // Markup typed into the query is shown as text
    expect(await find(h, manager, '<b>анна</b>')).toBe('По запросу «&lt;b&gt;анна&lt;/b&gt;» никого не найдено.')
  })

  it('an answer that named a client who then erased their data is deleted, in General and in a topic, its text not kept', async () => {
    const { h, anna, manager } = await setUp()
    await find(h, manager, '@boris')
    await find(h, manager, '@boris', anna.topicId)
    const posted = h.fake.sentTo(STAFF_GROUP_ID).filter((c) => String(c.payload.text).includes('Борис @boris_bakery'))
    expect(posted.map((c) => c.payload.message_thread_id)).toEqual([undefined, anna.topicId])
    const postedIds = posted.map((c) => (c.result as { message_id: number }).message_id)
    // The manager's commands that name him go too; one about another client stays
    const asked = h.u.text(manager, '/find boris_bakery', { chatId: STAFF_GROUP_ID })
    const byName = h.u.text(manager, '/find Борис', { chatId: STAFF_GROUP_ID })
    const unrelated = h.u.text(manager, '/find Анна', { chatId: STAFF_GROUP_ID })
    await sendThroughOutbox(h, asked, byName, unrelated)
    await h.drain()

    const boris = h.u.user(5102, { first_name: 'Борис', username: 'boris_bakery' })
    await forgetData(h, boris)
    await settle(h)
    await h.drain()
    const deleted = deletedMessageIds(h)
    for (const id of postedIds) expect(deleted).toContain(id)
    expect(deleted).toContain(asked.message?.message_id)
    expect(deleted).toContain(byName.message?.message_id)
    expect(deleted).not.toContain(unrelated.message?.message_id)
    const kept = h.deps.sqlite.prepare('select payload from outbox').all() as { payload: string }[]
    expect(kept.filter((r) => r.payload.includes('boris'))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a search that found nobody, or typed е for ё, goes too when the client its words name erases their data', async () => {
    const { h, manager } = await setUp()
    // Asked about an e-mail before anyone wrote it: nobody is found
    const byEmail = h.u.text(manager, '/find fedor@example.com', { chatId: STAFF_GROUP_ID })
    const unrelated = h.u.text(manager, '/find nobody@example.com', { chatId: STAFF_GROUP_ID })
    // His name as heard on the phone, in Latin letters, before he came
    const byLatinName = h.u.text(manager, '/find fyodor', { chatId: STAFF_GROUP_ID })
    await sendThroughOutbox(h, byEmail, unrelated, byLatinName)
    const fedor = h.u.user(5103, { first_name: 'Фёдор' })
    await h.send(h.u.text(fedor, '/start'), h.u.text(fedor, 'Почта fedor@example.com, пишите туда'))
    await settle(h)
    // His name typed without ё finds him
    const byName = h.u.text(manager, '/find федор', { chatId: STAFF_GROUP_ID })
    await sendThroughOutbox(h, byName)
    await h.drain()
    const answers = h.fake
      .sentTo(STAFF_GROUP_ID)
      .filter((c) => /По запросу «(fedor|nobody)@example|«fyodor»/.test(String(c.payload.text)))
    const answerId = (text: string) =>
      (answers.find((c) => String(c.payload.text).includes(text))?.result as { message_id: number } | undefined)
        ?.message_id
    expect(answers.map((c) => c.payload.text)).toEqual([
      expect.stringContaining('«fedor@example.com» никого не найдено'),
      expect.stringContaining('«nobody@example.com» никого не найдено'),
      expect.stringContaining('«fyodor» никого не найдено'),
    ])

    await forgetData(h, fedor)
    await settle(h)
    await h.drain()
    const deleted = deletedMessageIds(h)
    expect(deleted).toContain(byName.message?.message_id)
    expect(deleted).toContain(byEmail.message?.message_id)
    expect(deleted).toContain(answerId('fedor@example.com'))
    expect(deleted).toContain(byLatinName.message?.message_id)
    expect(deleted).toContain(answerId('«fyodor»'))
    expect(deleted).not.toContain(unrelated.message?.message_id)
    expect(deleted).not.toContain(answerId('nobody@example.com'))
    const kept = h.deps.sqlite.prepare('select payload from outbox').all() as { payload: string }[]
    expect(kept.filter((r) => /fedor|fyodor|федор|Фёдор/i.test(r.payload))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a search that found nobody, older than Telegram lets the bot delete: its record goes all the same', async () => {
    const { h, manager } = await setUp()
    await sendThroughOutbox(h, h.u.text(manager, '/find fedor@example.com', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    const kept = () =>
      (h.deps.sqlite.prepare('select payload from outbox').all() as { payload: string }[]).filter((r) =>
        r.payload.includes('fedor@example.com'),
      )
    expect(kept()).toHaveLength(1)
    h.clock.advance(3 * 24 * 3_600_000)
    const fedor = h.u.user(5105, { first_name: 'Фёдор' })
    await h.send(h.u.text(fedor, '/start'), h.u.text(fedor, 'Почта fedor@example.com'))
    await forgetData(h, fedor)
    await settle(h)
    expect(kept()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('finds an e-mail or a phone written in the conversation or a note, as typed, and says which', async () => {
    const { h, anna, manager } = await setUp()
    await h.send(h.u.text(anna.user, 'Пишите на bakery.anna@mail.ru'))
    await h.send(h.u.staffText(manager, anna.topicId, '// перезвонить на +7 916 555-12-34, это её муж'))
    await settle(h)
    expect(await find(h, manager, 'bakery.anna@mail.ru')).toContain('— в переписке: «Пишите на bakery.anna@mail.ru»')
    const byPhone = await find(h, manager, '555-12-34')
    expect(byPhone).toContain('Анна')
    // A note is said to be one: the client never read it
    expect(byPhone).toContain('— в заметке: «перезвонить на +7 916 555-12-34, это её муж»')
  })

  it('finds a name heard on the phone in the other alphabet, after those written as typed', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
    const manager = h.u.user(MANAGER_ID)
    const start = async (id: number, first_name: string, last_name?: string) => {
      await h.send(h.u.text(h.u.user(id, { first_name, last_name }), '/start'))
      return findClientByTelegramId(h.deps.db, id)!.id
    }
    const ivanLatin = await start(5111, 'Ivan', 'Petrov')
    const ivan = await start(5112, 'Иван')
    const yulia = await start(5113, 'Iuliia')
    const maria = await start(5114, 'Мария')
    const olga = await start(5115, 'Ольга')
    const alexey = await start(5116, 'Alexey')
    const frank = await start(5117, 'Frank')
    const john = await start(5118, 'John', 'Smith')
    const jessica = await start(5119, 'Jessica')
    await settle(h)
    const ids = (answer: string | undefined) =>
      [...(answer ?? '').matchAll(/· #(\d+) — (\S+)/g)].map((m) => Number(m[1]))
    // Written as typed first, then the other alphabet's
    expect(ids(await find(h, manager, 'иван'))).toEqual([ivan, ivanLatin])
    expect(ids(await find(h, manager, 'Ivan'))).toEqual([ivanLatin, ivan])
    expect(await find(h, manager, 'иван петров')).toContain('Ivan Petrov (темы ещё нет) · #')
    expect(ids(await find(h, manager, 'Юлия'))).toEqual([yulia])
    expect(ids(await find(h, manager, 'maria'))).toEqual([maria])
    expect(ids(await find(h, manager, 'olga'))).toEqual([olga])
    expect(ids(await find(h, manager, 'алексей'))).toEqual([alexey])
    // An English name as heard on the phone: Фрэнк
    expect(ids(await find(h, manager, 'фрэнк'))).toEqual([frank])
    // …and an English "j", as Russians write it: Джон, Джессика
    expect(ids(await find(h, manager, 'джон'))).toEqual([john])
    expect(ids(await find(h, manager, 'джон смит'))).toEqual([john])
    expect(ids(await find(h, manager, 'джессика'))).toEqual([jessica])
    // A word of another kind is searched as typed only
    expect(await find(h, manager, 'ivan2')).toBe('По запросу «ivan2» никого не найдено.')
  })

  it('lists no one on the team: an owner or a manager who wrote to the bot is no client', async () => {
    const { h, manager } = await setUp()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga_owner' })
    await h.send(h.u.text(owner, '/start'), h.u.text(owner, 'Пекарня — тестирую бота'))
    const ownerRow = findClientByTelegramId(h.deps.db, OWNER_ID)!
    await settle(h)
    expect(await find(h, manager, `#${ownerRow.id}`)).toBe(`По запросу «#${ownerRow.id}» никого не найдено.`)
    expect(await find(h, manager, 'ольга')).toBe('По запросу «ольга» никого не найдено.')
    expect(await find(h, manager, '@olga_owner')).toBe('По запросу «@olga_owner» никого не найдено.')
    // Clients who wrote the same word are found; the owner's own message is not
    const bakery = await find(h, manager, 'пекарн')
    expect(bakery).toContain('Анна')
    expect(bakery).not.toContain('Ольга')
  })
})

describe('/find in an English-speaking team', () => {
  it('quotes what it found as English does', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Tom')
    const emma = await clientInHandoff(h, 5191, 'Emma')
    await h.send(h.u.text(emma.user, "I'm in London, it's 9:15 am here"))
    await settle(h)
    const found = await find(h, h.u.user(MANAGER_ID), 'london')
    expect(found).toContain("— in the conversation: “I'm in London, it's 9:15 am here”")
    expect(found).not.toContain('«')
  })
})
