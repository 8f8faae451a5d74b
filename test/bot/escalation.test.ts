import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** The client as the owners' alerts name them: their name, and number, opening their topic. */
const named = (name: string, id: number, topicId: number) =>
  `<a href="https://t.me/c/1234567890/${topicId}">${name} #${id}</a>`

/** The owner's alerts that name someone above the team or a complaint. */
const escalations = (h: ReturnType<typeof createHarness>) => h.fake.textsTo(OWNER_ID).filter((t) => t.startsWith('📣'))

describe('a client who asks for the boss, or complains, in a request: the owners are told', () => {
  it('"позовите руководителя" in an open request: the owner is told, with the topic a tap away, once a request; the client hears so', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 8401, 'Марина')
    await h.send(h.u.text(user, 'сайт до сих пор не работает'))
    await h.send(h.u.text(user, 'позовите руководителя'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toBe('Сообщаю руководителю — он увидит всю нашу переписку.')
    expect(escalations(h)).toHaveLength(1)
    expect(escalations(h)[0]).toBe(`📣 Клиент ${named('Марина', client.id, topicId)} просит руководителя.`)
    // Who and what, not the client's words: those are in the topic its name opens
    expect(escalations(h)[0]).not.toContain('позовите')
    // The client's topic, a tap away
    const alert = h.fake.sentTo(OWNER_ID).findLast((c) => String(c.payload.text).startsWith('📣'))
    expect(JSON.stringify(alert?.payload)).toContain(String(topicId))
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    // The note, and under it what she was told
    const note = topic.findIndex((t) => t.startsWith('📣 Клиент просит руководителя — владельцу сообщено.\n'))
    expect(topic[note]).toBe(
      '📣 Клиент просит руководителя — владельцу сообщено.\n🤖 Бот отправил клиенту: Сообщаю руководителю — он увидит всю нашу переписку.',
    )
    // Her words reached the topic, before the note
    expect(topic.indexOf('позовите руководителя')).toBeLessThan(note)
    // Asked again: the owner is not told twice; she hears the boss knows already
    await h.send(h.u.text(user, 'РУКОВОДИТЕЛЯ ДАЙТЕ'))
    await h.flush()
    expect(escalations(h)).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toBe('Руководитель уже знает о вашем обращении и видит всю нашу переписку.')
    // A complaint's words after it are another thing to tell, once
    await h.send(h.u.text(user, 'это обман'), h.u.text(user, 'безобразие'))
    await h.flush()
    expect(escalations(h)).toHaveLength(2)
    expect(escalations(h)[1]).toMatch(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/)
    // Spoken of, or refused: nobody is called
    const other = await clientInHandoff(h, 8402, 'Олег')
    await h.send(h.u.text(other.user, 'не надо руководителя, просто ответьте'))
    await h.send(h.u.text(other.user, 'передайте руководителю спасибо'))
    await h.flush()
    expect(escalations(h)).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('asked for with no request open: the request opens and the owner is told; a complaint’s words are told too, once', async () => {
    const h = createHarness()
    const user = h.u.user(8411, { first_name: 'Ирина' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'хочу поговорить с директором'))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(h.deps.services.handoff.isOpen(client?.id ?? 0)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toBe('Сообщаю руководителю — он увидит всю нашу переписку.')
    expect(escalations(h)).toEqual([
      expect.stringMatching(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? просит руководителя\./),
    ])

    // A complaint's words (the content's trigger words) open a request and tell the owner
    const anna = h.u.user(8412, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, 'это обман, верните деньги'))
    await h.flush()
    expect(escalations(h).at(-1)).toMatch(
      /^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется — сообщение в теме клиента\./,
    )
    // …once a request: the next complaint in it is the team's to read
    await h.send(h.u.text(anna, 'безобразие!'))
    await h.flush()
    expect(escalations(h)).toHaveLength(2)
    // …and the boss asked for after it is told, and she hears so
    await h.send(h.u.text(anna, 'позовите руководителя'))
    await h.flush()
    expect(escalations(h)).toHaveLength(3)
    expect(escalations(h)[2]).toMatch(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? просит руководителя/)
    expect(h.fake.lastTextTo(anna.id)).toBe('Сообщаю руководителю — он увидит всю нашу переписку.')
    // In English
    const jane = h.u.user(8413, { first_name: 'Jane', language_code: 'en' })
    await h.send(
      h.u.text(jane, '/start'),
      h.u.text(jane, '/manager'),
      h.u.text(jane, 'Can I talk to the manager in charge? This is a scam'),
    )
    await h.flush()
    expect(h.fake.lastTextTo(jane.id)).toBe(
      "I'm letting the person in charge know — they will see our whole conversation.",
    )
    // One message that is both: one alert
    expect(escalations(h)).toHaveLength(4)
    expect(escalations(h)[3]).toMatch(
      /^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется и просит руководителя/,
    )
    // A refund asked for in English words, as the demo's trigger words have them ("money back")
    const mike = h.u.user(8414, { first_name: 'Mike', language_code: 'en' })
    await h.send(h.u.text(mike, '/start'), h.u.text(mike, 'actually the fix didnt work, I want my money back'))
    await h.flush()
    expect(escalations(h)).toHaveLength(5)
    expect(escalations(h)[4]).toMatch(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/)
    expect(h.errors()).toEqual([])
  })

  it('an alert at night comes to the owner without a sound; one in working hours rings', async () => {
    const h = createHarness()
    const alertTo = () => h.fake.sentTo(OWNER_ID).findLast((c) => String(c.payload.text).startsWith('📣'))
    // Monday 12:00 in Moscow: a working hour
    const day = h.u.user(8431, { first_name: 'Дарья' })
    await h.send(h.u.text(day, '/start'), h.u.text(day, 'позовите руководителя'))
    await h.flush()
    expect(alertTo()?.payload.disable_notification).toBeUndefined()
    // 23:30 in Moscow: the business is closed
    h.clock.set('2026-11-23T20:30:00Z')
    const night = h.u.user(8432, { first_name: 'Ночная' })
    await h.send(h.u.text(night, '/start'), h.u.text(night, 'позовите руководителя'))
    await h.flush()
    expect(escalations(h)).toHaveLength(2)
    expect(alertTo()?.payload.disable_notification).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a trigger word with * takes every ending: "вы меня игнорируете уже час!" is a complaint, as "обманули" and "I was ignored"', async () => {
    const h = createHarness()
    for (const [n, words] of [
      'вы меня игнорируете уже час!',
      'вы меня обманули',
      'I was ignored for two days',
    ].entries()) {
      const user = h.u.user(8420 + n, { first_name: 'Павел' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, words))
      await h.flush()
      expect(escalations(h), words).toHaveLength(n + 1)
      expect(escalations(h).at(-1), words).toMatch(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/)
    }
    // A plain question is none
    const calm = h.u.user(8429, { first_name: 'Олег' })
    await h.send(h.u.text(calm, '/start'), h.u.text(calm, 'есть ли у вас программа лояльности?'))
    await h.flush()
    expect(escalations(h)).toHaveLength(3)
    expect(h.errors()).toEqual([])
  })

  it('one message that complains and asks for the boss: one owner alert and one topic line that say both; the next message of either, none', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 8421, 'Вера')
    await h.send(h.u.text(user, 'Вы мне вчера обещали перезвонить, это обман какой-то. Позовите руководителя!'))
    await h.flush()
    const firstLines = () => escalations(h).map((t) => t.split('\n')[0])
    expect(firstLines()).toEqual([
      `📣 Клиент ${named('Вера', client.id, topicId)} жалуется и просит руководителя — сообщение в теме клиента.`,
    ])
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('📣'))
    expect(topic.map((t) => t.split('\n')[0])).toEqual([
      '📣 Клиент жалуется и просит руководителя — владельцу сообщено.',
    ])
    expect(h.fake.lastTextTo(user.id)).toBe('Сообщаю руководителю — он увидит всю нашу переписку.')
    // Both told already in this request: nothing more, and she hears the boss knows
    await h.send(h.u.text(user, 'безобразие, дайте руководителя'))
    await h.flush()
    expect(escalations(h)).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toBe('Руководитель уже знает о вашем обращении и видит всю нашу переписку.')
    // The complaint told before, the boss asked for now: an alert of the boss alone
    const anna = await clientInHandoff(h, 8422, 'Анна')
    await h.send(h.u.text(anna.user, 'это обман'))
    await h.send(h.u.text(anna.user, 'безобразие! позовите руководителя'))
    await h.flush()
    // Both due together: one message, each alert its own lines with the topic's link
    const both = escalations(h).slice(1)
    expect(both).toHaveLength(1)
    expect(both[0]?.split('\n').filter((line) => line.startsWith('📣'))).toEqual([
      `📣 Клиент ${named('Анна', anna.client.id, anna.topicId)} жалуется — сообщение в теме клиента.`,
      `📣 Клиент ${named('Анна', anna.client.id, anna.topicId)} просит руководителя.`,
    ])
    expect(h.errors()).toEqual([])
  })
})

describe('a polite request for the money back is a refund request, not a complaint', () => {
  const MANAGER_ID = 5_000_441
  /** A client whose invoice #1 (45 000 ₽) a manager confirmed paid, their request closed since. */
  async function paidClient(userId: number, person: { first_name: string; language_code: string }) {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const user = h.u.user(userId, person)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, user.id)
    const topicId = client?.topicId as number
    const staff = async (text: string) => {
      await h.send(h.u.staffText(manager, topicId, text))
      await h.flush()
    }
    await staff('/invoice 45000 25.12 landing')
    await staff('/paid 1')
    await staff('/close force ответили')
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    h.fake.clearCalls()
    return { h, user, clientId: client?.id as number, topicId, staff }
  }
  const refundLines = (h: ReturnType<typeof createHarness>, topicId: number) =>
    h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('↩️'))

  it('"can I get my money back?": the topic names the paid invoice, its amount and /refund; the owners hear no complaint', async () => {
    const { h, user, clientId, topicId, staff } = await paidClient(8441, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(user, 'hmm actually my partner says we cant afford it right now. can I get my money back?'))
    await h.flush()
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ status: 'open', reason: 'refund' })
    expect(escalations(h)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('📣'))).toEqual([])
    expect(refundLines(h, topicId)).toEqual([
      '↩️ Клиент просит вернуть деньги — это просьба о возврате, не жалоба. Оплачено (вернуть — /refund и номер счёта; от менеджера это просьба владельцу):\n• счёт №1 — 45\u00a0000\u00a0₽: /refund 1',
    ])
    // The card says why the request opened
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).toContain('клиент просит вернуть деньги')
    // The manager's /refund asks the owners, with the invoice and its amount
    await staff('/refund 1')
    expect(h.fake.textsTo(OWNER_ID).some((t) => t.startsWith('↩️') && t.includes('№1'))).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('in Russian: «можно вернуть деньги?» in a request, «хочу вернуть оплату» opening one; no paid invoice is said so', async () => {
    const { h, user, clientId, topicId } = await paidClient(8442, { first_name: 'Анна', language_code: 'ru' })
    await h.send(h.u.text(user, 'хочу вернуть оплату'))
    await h.flush()
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ status: 'open', reason: 'refund' })
    await h.send(h.u.text(user, 'можно вернуть деньги?'))
    await h.flush()
    expect(refundLines(h, topicId)).toHaveLength(2)
    expect(escalations(h)).toEqual([])
    // Never paid anything: the topic is told so
    const other = await clientInHandoff(h, 8443, 'Олег')
    await h.send(h.u.text(other.user, 'Подскажите, можно вернуть предоплату?'))
    await h.flush()
    expect(refundLines(h, other.topicId)).toEqual([
      '↩️ Клиент просит вернуть деньги — это просьба о возврате, не жалоба. Оплаченных счетов у него в боте нет: уточните, о какой оплате речь.',
    ])
    expect(escalations(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a complaint stays one: a refund asked for with a complaint’s words, or demanded', async () => {
    const h = createHarness()
    for (const [n, words] of [
      'this is a scam, can I get a refund?',
      'это обман, верните деньги',
      'actually the fix didnt work, I want my money back',
      'I do not want a refund, I want it fixed',
    ].entries()) {
      const user = h.u.user(8450 + n, { first_name: 'Павел' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, words))
      await h.flush()
      expect(escalations(h), words).toHaveLength(n + 1)
      expect(escalations(h).at(-1), words).toMatch(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/)
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(refundLines(h, client?.topicId as number), words).toEqual([])
    }
    expect(h.errors()).toEqual([])
  })
})

describe('the words of a complaint said of what is not so, or of what the client fears: no complaint', () => {
  /** What `text`, a client's first words after /start, brought: the owners' alerts, the topic's complaint line, the request. */
  async function firstWords(h: ReturnType<typeof createHarness>, userId: number, text: string, language_code = 'ru') {
    const before = escalations(h).length
    const user = h.u.user(userId, { first_name: 'Вера', language_code })
    await h.send(h.u.text(user, '/start'), h.u.text(user, text))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, user.id)
    const topic = client?.topicId ? h.fake.textsTo(STAFF_GROUP_ID, client.topicId) : []
    return {
      alerts: escalations(h).slice(before),
      complaintLine: topic.filter((t) => t.startsWith('📣')),
      reason: h.deps.services.handoff.current(client?.id ?? 0)?.reason,
      answer: h.fake.lastTextTo(user.id),
    }
  }

  it('«вы не мошенники?», «боюсь мошенников»: a worried client is answered as any question, and the owners hear no complaint', async () => {
    const h = createHarness()
    for (const [n, [text, language]] of (
      [
        ['вы не мошенники?', 'ru'],
        ['боюсь мошенников', 'ru'],
        ['Здравствуйте! Вы ведь не мошенники? Хочу заказать сайт', 'ru'],
        ['Боюсь нарваться на мошенников, у вас есть договор?', 'ru'],
        ['Как не нарваться на обман при заказе сайта?', 'ru'],
        ['А это точно не развод?', 'ru'],
        ['Жалоб нет, всё отлично', 'ru'],
        // Asked whether it is so: a worry voiced, not an accusation
        ['это развод?', 'ru'],
        ['А это точно развод?', 'ru'],
        ['Is this a scam?', 'en'],
        ['Hi, is it really a scam?', 'en'],
        // A policy asked about: the demo's "refund" names the policy, nobody asks one back
        ['What is your refund policy?', 'en'],
        ["You're not scammers, right?", 'en'],
        ["I'm a bit worried about scams, do you sign a contract?", 'en'],
        ['No complaints, thanks!', 'en'],
      ] as const
    ).entries()) {
      const got = await firstWords(h, 8460 + n, text, language)
      expect(got.alerts, text).toEqual([])
      expect(got.complaintLine, text).toEqual([])
      expect(got.reason, text).not.toBe('trigger')
      // Answered as a question or a remark: by a person, or with the way to one
      expect(got.answer, text).not.toBe('')
    }
    // Asked in a request already open: no alert either, and the manager reads it in the topic
    const { user, topicId } = await clientInHandoff(h, 8479, 'Олег')
    const asked = h.u.text(user, 'а вы точно не мошенники? предоплата большая')
    await h.send(asked)
    await h.flush()
    expect(escalations(h)).toEqual([])
    const relayed = h.fake.callsOf('copyMessage').filter((c) => c.payload.message_thread_id === topicId)
    expect(relayed.map((c) => c.payload.message_id)).toContain(asked.message?.message_id)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('📣'))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('«Хочу оплатить предоплату. Это развод?», "I sent my brief. Is this a scam?": a payment still to come, or something else sent, asked about is a worry, no complaint', async () => {
    const h = createHarness()
    for (const [n, [text, language]] of (
      [
        ['Хочу оплатить предоплату. Это развод?', 'ru'],
        ["Is this a scam? I'm about to pay the deposit", 'en'],
        ['I sent my brief yesterday. Is this a scam?', 'en'],
      ] as const
    ).entries()) {
      const got = await firstWords(h, 8530 + n, text, language)
      expect(got.alerts, text).toEqual([])
      expect(got.complaintLine, text).toEqual([])
      expect(got.reason, text).not.toBe('trigger')
    }
    expect(h.errors()).toEqual([])
  })

  it('angry waiting in the demo content\'s words brings the owners in: "nobody is answering??", "2 hours and nothing", «сколько можно ждать»; a calm message does not', async () => {
    const h = createHarness()
    for (const [n, [text, language]] of (
      [
        ['seriously nobody is answering?? this is ridiculous, terrible service', 'en'],
        ['2 hours and nothing. unbelievable', 'en'],
        ['you just ignore me', 'en'],
        ['how long do I have to wait', 'en'],
        ['No one answers here at all', 'en'],
        ['Сколько можно ждать?!', 'ru'],
        ['Никто не отвечает уже два часа', 'ru'],
        ['Это издевательство', 'ru'],
      ] as const
    ).entries()) {
      const got = await firstWords(h, 8500 + n, text, language)
      expect(got.alerts, text).toEqual([
        expect.stringMatching(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/),
      ])
      expect(got.reason, text).toBe('trigger')
    }
    for (const [n, [text, language]] of (
      [
        ['Please ignore my previous message, the address is fine', 'en'],
        ['How long does a landing page take?', 'en'],
        ['Unbelievable result, thank you so much!', 'en'],
        ['Сколько ждать макет после оплаты?', 'ru'],
      ] as const
    ).entries()) {
      const got = await firstWords(h, 8520 + n, text, language)
      expect(got.alerts, text).toEqual([])
      expect(got.reason, text).not.toBe('trigger')
    }
    expect(h.errors()).toEqual([])
  })

  it('said of the business, demanded or in a complaint, they still bring the owners in', async () => {
    const h = createHarness()
    for (const [n, [text, language]] of (
      [
        ['вы мошенники!', 'ru'],
        ['Вы мошенники… Верните деньги!', 'ru'],
        ['мошенники, переведу жалобу в банк', 'ru'],
        ['Это мошенничество, я оплатил и ничего не получил', 'ru'],
        ['Не игнорируйте меня!', 'ru'],
        ['Я боюсь, что меня обманули', 'ru'],
        ['это развод, верните деньги', 'ru'],
        ['Это развод? Верните деньги!', 'ru'],
        ['это развод?!', 'ru'],
        ['Сколько можно ждать?', 'ru'],
        ['This is a scam', 'en'],
        ['you scammed me', 'en'],
        ['Is this a scam? You took my money and vanished, I want a refund', 'en'],
        ['I want a refund', 'en'],
        ['Your refund policy is a scam', 'en'],
        ["Please don't be rude", 'en'],
        ['I was ignored for two days', 'en'],
        // Asked without its mark, the question reads as said; after the client said they paid
        // and got nothing, it says what they think happened
        ['is this a scam', 'en'],
        ['Я оплатил, а сайта нет. Это обман?', 'ru'],
        ['I paid a week ago and still nothing. Is this a scam?', 'en'],
        ['I sent the money on Monday and heard nothing. Is this a scam?', 'en'],
      ] as const
    ).entries()) {
      const got = await firstWords(h, 8480 + n, text, language)
      expect(got.alerts, text).toEqual([
        expect.stringMatching(/^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #\d+(?:<\/a>)? жалуется/),
      ])
      expect(got.reason, text).toBe('trigger')
    }
    expect(h.errors()).toEqual([])
  })
})
