/**
 * A client who promised to pay ("оплачу в пятницу", "после зарплаты") is reminded after the day
 * they named, once, in words that mention the promise; and a client with several unpaid invoices
 * whose reminders come at one time gets one message naming each, not one per invoice.
 */
import { describe, expect, it } from 'vitest'
import { settle } from '../helpers/desk.ts'
import { clientInHandoff, ownerAlerts } from '../helpers/handoff.ts'
import { createHarness, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 5_000_201

async function setup(userId: number, { closed = true }: { closed?: boolean } = {}) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', 5_000_001, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.drain()
  }
  // Asked a manager, was answered, and the request closed: the invoice comes after
  const { user, client, topicId } = await clientInHandoff(h, userId, 'Анна')
  const staff = async (text: string) => {
    await h.send(h.u.staffText(manager, topicId, text))
    await settle(h)
  }
  await staff('Здравствуйте! Сейчас пришлю счёт.')
  if (closed) await staff('/close force ответили')
  await settle(h)
  h.fake.clearCalls()
  const runAt = async (at: string) => {
    h.clock.set(at)
    await h.deps.scheduler.runDue()
    await h.drain()
  }
  /** What the client got that speaks of an invoice. */
  const reminders = () => h.fake.textsTo(user.id).filter((t) => /сч[её]т/.test(t) && !t.includes('вот ваш счёт'))
  /** The /followups lines of the client's payment reminders. */
  const listed = async () => {
    await staff('/followups')
    return h.fake
      .lastTextTo(STAFF_GROUP_ID)
      .split('\n')
      .filter((l) => /^\d+\. .*напоминание об оплате/.test(l))
  }
  return { h, user, client, topicId, staff, runAt, reminders, listed }
}

function sentAtOnce(h: Harness, userId: number) {
  return h.fake.textsTo(userId)
}

describe('a payment promised: the reminders wait for the day named, then one mentions it', () => {
  it('"счёт получил, оплачу в пятницу" on Monday: nothing that day, one reminder on Saturday morning that recalls the promise; /followups says so', async () => {
    const { h, user, staff, runAt, reminders, listed } = await setup(7101)
    // Monday 23 November, 12:00 in Moscow
    await staff('/invoice 45000 25.12 landing')
    await h.send(h.u.text(user, 'Добрый день, счёт получил, оплачу в пятницу'))
    h.fake.clearCalls()
    // The first reminder (14:00) waits for the morning after Friday, and the list says why and when
    const lines = await listed()
    expect(lines[0]).toMatch(/^1\. сб, 28 нояб\., 11:00 — напоминание об оплате счёта №1/)
    expect(lines[0]).toContain('⏸ клиент написал, что оплатит')
    await runAt('2026-11-23T11:00:00Z')
    await runAt('2026-11-27T20:00:00Z') // Friday 23:00
    expect(reminders()).toEqual([])
    await runAt('2026-11-28T08:00:00Z') // Saturday 11:00
    expect(reminders()).toEqual([
      expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1 — напоминаю на всякий случай\./),
    ])
    expect(reminders()[0]).toContain('Сумма: 45\u00a0000\u00a0₽')
    // The promise is spent: the invoice's own reminders go on as planned, in their own words
    await runAt('2026-12-24T08:00:00Z')
    expect(reminders().at(-1)).toMatch(/^Анна, завтра срок оплаты счёта №1\./)
    expect(h.errors()).toEqual([])
  })

  it('"после зарплаты оплачу": a week\'s grace; no day named ("ок, оплачу"): the day after tomorrow', async () => {
    const payday = await setup(7102)
    await payday.staff('/invoice 45000 25.12 landing')
    await payday.h.send(payday.h.u.text(payday.user, 'после зарплаты оплачу'))
    await payday.runAt('2026-11-30T20:00:00Z') // Monday 23:00, a week on
    expect(payday.reminders()).toEqual([])
    await payday.runAt('2026-12-01T08:00:00Z') // Tuesday 11:00
    expect(payday.reminders()).toEqual([expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1/)])

    const plain = await setup(7103)
    await plain.staff('/invoice 45000 25.12 landing')
    await plain.h.send(plain.h.u.text(plain.user, 'ок, оплачу'))
    await plain.runAt('2026-11-24T20:00:00Z') // Tuesday 23:00
    expect(plain.reminders()).toEqual([])
    await plain.runAt('2026-11-25T08:00:00Z') // Wednesday 11:00
    expect(plain.reminders()).toEqual([expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1/)])
    expect(payday.h.errors()).toEqual([])
    expect(plain.h.errors()).toEqual([])
  })

  it('"оплачу на выходных" and paid on Saturday: no reminder at all', async () => {
    const { h, user, staff, runAt, reminders } = await setup(7104)
    await staff('/invoice 45000 25.12 landing')
    await h.send(h.u.text(user, 'оплачу на выходных'))
    await runAt('2026-11-28T10:00:00Z')
    await staff('/paid')
    await runAt('2026-11-30T08:00:00Z')
    await runAt('2026-12-26T08:00:00Z')
    expect(reminders().filter((t) => !t.includes('получена'))).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('a promise to pay with when the money comes: «оплачу в среду, как зарплата придёт»', () => {
  const PROMISE = 'Спасибо! Оплачу в среду, как зарплата придёт'

  it('after a closed request: no request, no reminder through Wednesday; Thursday 11:00 one that recalls the promise', async () => {
    const { h, user, client, topicId, staff, runAt, reminders, listed } = await setup(7130)
    // Monday 23 November, 12:00 in Moscow
    await staff('/invoice 45000 25.12 landing')
    await h.send(h.u.text(user, PROMISE))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `💳 Клиент пишет, что оплатит (счёт №1 не оплачен): «${PROMISE}»\n⏸ Напоминания об оплате по нему — не раньше чт, 26 нояб., 11:00.`,
    )
    const lines = await listed()
    expect(lines[0]).toMatch(/^1\. чт, 26 нояб\., 11:00 — напоминание об оплате счёта №1/)
    for (const line of lines) expect(line).not.toContain('ждёт ответа')
    // Monday's 14:00 reminder, Tuesday, Wednesday late: nothing
    await runAt('2026-11-23T11:05:00Z')
    await runAt('2026-11-25T20:00:00Z')
    expect(reminders()).toEqual([])
    await runAt('2026-11-26T08:00:00Z')
    expect(reminders()).toEqual([
      expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1 — напоминаю на всякий случай\./),
    ])
    expect(h.errors()).toEqual([])
  })

  it("during an answered request: no answer time, and after the manager's friendly reply no reminder before Thursday", async () => {
    const { h, user, topicId, staff, runAt, reminders, listed } = await setup(7131, { closed: false })
    await staff('/invoice 45000 25.12 landing')
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, PROMISE))
    await settle(h)
    const lines = await listed()
    expect(lines[0]).toContain('⏸ клиент написал, что оплатит')
    for (const line of lines) expect(line).not.toContain('ждёт ответа')
    await staff('Анна, конечно, спасибо! Ждём 🙂')
    await runAt('2026-11-23T10:05:00Z') // Monday 13:05
    await runAt('2026-11-25T20:00:00Z') // Wednesday 23:00
    expect(reminders()).toEqual([])
    // No apology for a wait nobody owed an answer to, no alert in the topic
    expect(
      h.fake
        .textsTo(user.id)
        .slice(toClient)
        .filter((t) => t.includes('простите')),
    ).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))).toEqual([])
    await runAt('2026-11-26T08:00:00Z')
    expect(reminders()).toEqual([expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1/)])
    expect(h.errors()).toEqual([])
  })
})

describe('a promise to pay with a Kazakh thanks, as clients in Almaty write: «Рахмет, оплачу в пятницу»', () => {
  const PROMISE = 'Рахмет, оплачу в пятницу'

  it('after a closed request: no request, 👌 on it, the topic is told; no reminder through Friday, Saturday 11:00 one that recalls it', async () => {
    const { h, user, client, topicId, staff, runAt, reminders } = await setup(7140)
    // Monday 23 November, 12:00 in Moscow
    await staff('/invoice 45000 25.12 landing')
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, PROMISE))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    expect(h.fake.callsOf('setMessageReaction').at(-1)?.payload.reaction).toEqual([{ type: 'emoji', emoji: '👌' }])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `💳 Клиент пишет, что оплатит (счёт №1 не оплачен): «${PROMISE}»\n⏸ Напоминания об оплате по нему — не раньше сб, 28 нояб., 11:00.`,
    )
    // Monday's 14:00 reminder went the same day: not now
    await runAt('2026-11-23T11:05:00Z')
    await runAt('2026-11-27T20:00:00Z') // Friday 23:00
    expect(reminders()).toEqual([])
    await runAt('2026-11-28T08:00:00Z') // Saturday 11:00
    expect(reminders()).toEqual([
      expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1 — напоминаю на всякий случай\./),
    ])
    expect(h.errors()).toEqual([])
  })

  it('during an answered request («Рақмет сізге! Оплачу в пятницу»): no answer time, no apology, no ⏰, no reminder before Saturday', async () => {
    const { h, user, client, topicId, staff, runAt, reminders, listed } = await setup(7141, { closed: false })
    await staff('/invoice 45000 25.12 landing')
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Рақмет сізге! Оплачу в пятницу'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', clientWaitingSince: null })
    const lines = await listed()
    expect(lines[0]).toMatch(/^1\. сб, 28 нояб\., 11:00 — напоминание об оплате счёта №1/)
    expect(lines[0]).toContain('⏸ клиент написал, что оплатит')
    await runAt('2026-11-23T11:05:00Z') // Monday 14:05
    await runAt('2026-11-27T20:00:00Z') // Friday 23:00
    expect(reminders()).toEqual([])
    // It had been a question waiting: "простите, что заставляем ждать" to her, ⏰ to the team
    expect(
      h.fake
        .textsTo(user.id)
        .slice(toClient)
        .filter((t) => t.includes('простите')),
    ).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    await runAt('2026-11-28T08:00:00Z')
    expect(reminders()).toEqual([expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1/)])
    expect(h.errors()).toEqual([])
  })
})

describe('reminders of one client due together', () => {
  it('two invoices made a minute apart: one reminder naming both, with an "I paid" for each', async () => {
    const { h, user, client, runAt } = await setup(7105)
    unpaidInvoice(h, client.id, { description: 'Визитка', dueDate: null, amount: 1_500_000 })
    h.clock.set(h.clock.now() + 60_000)
    unpaidInvoice(h, client.id, { description: 'Логотип', dueDate: null, amount: 2_000_000 })
    h.fake.clearCalls()
    await runAt('2026-11-23T11:30:00Z')
    const texts = sentAtOnce(h, user.id)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Анна, напоминаю про неоплаченные счета')
    expect(texts[0]).toContain('Счёт №1: 15\u00a0000\u00a0₽ — Визитка')
    expect(texts[0]).toContain('Счёт №2: 20\u00a0000\u00a0₽ — Логотип')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'pay:claim:2', 'menu:manager'])
    // Nothing else comes of them
    await runAt('2026-11-24T11:30:00Z')
    expect(sentAtOnce(h, user.id)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('one message that may have arrived (no answer from Telegram): uncertain for each invoice it named, none reminded again', async () => {
    const { h, user, client, runAt } = await setup(7106)
    unpaidInvoice(h, client.id, { description: 'Визитка', dueDate: null, amount: 1_500_000 })
    h.clock.set(h.clock.now() + 60_000)
    unpaidInvoice(h, client.id, { description: 'Логотип', dueDate: null, amount: 2_000_000 })
    h.fake.clearCalls()
    h.fake.dropAfterDelivery('sendMessage', (p) => (p as { chat_id: number }).chat_id === user.id, 'ETIMEDOUT')
    await runAt('2026-11-23T11:30:00Z')
    await runAt('2026-11-23T12:30:00Z')
    await runAt('2026-11-24T11:30:00Z')
    // The one message reached her (Telegram's answer was lost): the second invoice is not reminded apart
    expect(sentAtOnce(h, user.id).filter((t) => t.includes('Логотип'))).toHaveLength(1)
    const statuses = h.deps.sqlite
      .prepare("select status from jobs where kind = 'payment_reminder' and dedupe_key like '%:first' order by id")
      .all()
      .map((r) => (r as { status: string }).status)
    expect(statuses).toEqual(['uncertain', 'uncertain'])
  })

  it('one message Telegram turned away (a 429: nothing delivered): both reminders go again, together', async () => {
    const { h, user, client, runAt } = await setup(7107)
    unpaidInvoice(h, client.id, { description: 'Визитка', dueDate: null, amount: 1_500_000 })
    h.clock.set(h.clock.now() + 60_000)
    unpaidInvoice(h, client.id, { description: 'Логотип', dueDate: null, amount: 2_000_000 })
    h.fake.clearCalls()
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: user.id }, 60)
    await runAt('2026-11-23T11:30:00Z')
    expect(sentAtOnce(h, user.id)).toHaveLength(0)
    await runAt('2026-11-23T12:30:00Z')
    const texts = sentAtOnce(h, user.id)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Визитка')
    expect(texts[0]).toContain('Логотип')
  })
})

describe('a promise to pay as people type it from a phone', () => {
  /** The topic's line of the client's last promise, and when it says the reminders come at the earliest. */
  const promiseLine = (h: Harness, topicId: number) => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
  /** Each of `said` typed in turn is a promise: no request opens, the topic reads it and until when the reminders wait. */
  const promisedEach = async (
    h: Harness,
    user: TestUser,
    clientId: number,
    topicId: number,
    said: readonly (readonly [words: string, until: string])[],
  ) => {
    for (const [words, until] of said) {
      await h.send(h.u.text(user, words))
      await settle(h)
      expect(h.deps.services.handoff.current(clientId), words).toBeUndefined()
      expect(promiseLine(h, topicId), words).toBe(
        `💳 Клиент пишет, что оплатит (счёт №1 не оплачен): «${words}»\n⏸ Напоминания об оплате по нему — не раньше ${until}.`,
      )
    }
  }

  it('with an «я», a part of the day, «остаток», a «не могу» before it: a promise, no request; a weekday puts it off to the morning after', async () => {
    const { h, user, client, topicId, staff } = await setup(7110)
    // Monday 23 November
    await staff('/invoice 45000 25.12 landing')
    await promisedEach(h, user, client.id, topicId, [
      ['я оплачу завтра', 'ср, 25 нояб., 11:00'],
      ['я завтра переведу', 'ср, 25 нояб., 11:00'],
      ['оплачу завтра после обеда', 'ср, 25 нояб., 11:00'],
      ['ой а я сейчас не могу оплачу завтра после обеда', 'ср, 25 нояб., 11:00'],
      ['остаток оплачу в пятницу', 'сб, 28 нояб., 11:00'],
      // "After lunch" alone is today
      ['оплачу после обеда', 'вт, 24 нояб., 11:00'],
    ])
    expect(h.errors()).toEqual([])
  })

  it('in English, with a "well", an "um", a "can\'t right now" before it, a "great" or "then" with it: a promise too', async () => {
    const { h, client, topicId, staff } = await setup(7111)
    const user = h.u.user(7111, { first_name: 'Анна', language_code: 'en' })
    await staff('/invoice 45000 25.12 landing')
    await promisedEach(h, user, client.id, topicId, [
      ["well I'll pay the rest on Friday", 'сб, 28 нояб., 11:00'],
      ["um can't right now, I'll pay tomorrow after lunch", 'ср, 25 нояб., 11:00'],
      ["great, I'll pay on friday then", 'сб, 28 нояб., 11:00'],
      ["I'll pay at the weekend", 'пн, 30 нояб., 11:00'],
    ])
    expect(h.errors()).toEqual([])
  })

  it('a day of the month named («оплачу 5 января», «заплачу 10 числа», "I\'ll pay on the 5th"): a promise, the reminders wait for the morning after it', async () => {
    const { h, user, client, topicId, staff } = await setup(7113)
    // Monday 23 November
    await staff('/invoice 45000 25.12 landing')
    await promisedEach(h, user, client.id, topicId, [
      ['оплачу 5 января', 'ср, 6 янв. 2027 г., 11:00'],
      ['заплачу 10 числа', 'пт, 11 дек., 11:00'],
      ['остаток переведу до 5-го числа', 'вс, 6 дек., 11:00'],
    ])
    const english = h.u.user(7113, { first_name: 'Анна', language_code: 'en' })
    await promisedEach(h, english, client.id, topicId, [
      ["I'll pay on the 5th", 'вс, 6 дек., 11:00'],
      ["ok I'll pay it on December 10th", 'пт, 11 дек., 11:00'],
      ["I'll pay on 5 January", 'ср, 6 янв. 2027 г., 11:00'],
    ])
    expect(h.deps.services.orders.get(1)?.payPromisedUntil).not.toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('an invoice counted ("I\'ll pay the 2nd invoice tomorrow", «2-й счёт оплачу завтра»): a promise for tomorrow, not for the 2nd', async () => {
    const { h, user, client, topicId, staff } = await setup(7114)
    // Monday 23 November
    await staff('/invoice 45000 25.12 landing')
    await promisedEach(h, user, client.id, topicId, [['2-й счёт оплачу завтра', 'ср, 25 нояб., 11:00']])
    const english = h.u.user(7114, { first_name: 'Анна', language_code: 'en' })
    await promisedEach(h, english, client.id, topicId, [["I'll pay the 2nd invoice tomorrow", 'ср, 25 нояб., 11:00']])
    expect(h.errors()).toEqual([])
  })

  it('«остаток оплачу после нового года» in mid-December: no new request with an answer time; no reminder before 2 January, the one after it recalls the promise', async () => {
    const { h, user, client, topicId, staff, runAt, reminders, listed } = await setup(7112)
    h.clock.set('2026-12-15T09:00:00Z') // Tuesday 15 December, 12:00 in Moscow
    await staff('/invoice 112500 31.12 остаток')
    await runAt('2026-12-15T12:00:00Z')
    const before = reminders().length
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'остаток оплачу после нового года'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)
    expect(promiseLine(h, topicId)).toBe(
      '💳 Клиент пишет, что оплатит (счёт №1 не оплачен): «остаток оплачу после нового года»\n⏸ Напоминания об оплате по нему — не раньше сб, 2 янв. 2027 г., 11:00.',
    )
    // The reminders of the day before and of the due date are put off past it, where the one of
    // Monday's opening stands for them: /followups says so, one reminder to go
    expect(await listed()).toEqual([
      expect.stringMatching(/^1\. ср, 30 дек\., 11:00 — .* ⛔ не будет отправлено/),
      expect.stringMatching(/^2\. чт, 31 дек\., 11:00 — .* ⛔ не будет отправлено/),
      '3. пн, 4 янв. 2027 г., 10:00 — напоминание об оплате счёта №1 (срок прошёл)',
    ])
    // The day before the due date, the due date, New Year's Day: nothing
    await runAt('2026-12-30T08:00:00Z')
    await runAt('2026-12-31T08:00:00Z')
    await runAt('2027-01-01T20:00:00Z')
    expect(reminders()).toHaveLength(before)
    // Its morning after is a holiday: the overdue reminder waits for the opening, and recalls the promise
    await runAt('2027-01-02T08:00:00Z')
    expect(reminders()).toHaveLength(before)
    await runAt('2027-01-04T07:00:00Z') // Monday 10:00
    expect(reminders().slice(before)).toEqual([
      expect.stringMatching(/^Анна, вы писали, что оплатите счёт №1 — напоминаю на всякий случай\./),
    ])
    expect(h.errors()).toEqual([])
  })

  it('what asks or refuses is no promise: «а можно оплатить завтра?», «можно я завтра оплачу», «я не оплачу», "I can\'t pay": the team reads it', async () => {
    for (const [i, words] of [
      'а можно оплатить завтра?',
      'а можно оплатить завтра',
      'можно я завтра оплачу',
      'я не оплачу',
      "I can't pay",
      'can I pay after the new year',
    ].entries()) {
      const { h, user, client, staff } = await setup(7120 + i)
      await staff('/invoice 45000 25.12 landing')
      await h.send(h.u.text(user, words))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), words).toMatchObject({ status: 'open' })
      expect(h.deps.services.orders.get(1)?.payPromisedUntil, words).toBeNull()
    }
  })
})
