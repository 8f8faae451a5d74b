import { readFileSync } from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientById } from '../../db/repositories/clients.ts'
import { events, jobs, orders } from '../../db/schema.ts'
import { parseContent } from '../../src/content/loader.ts'
import { formatMoney } from '../../src/money.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import { parseCsv } from '../helpers/csv.ts'
import { contentFrom } from '../helpers/flows.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  demoContent,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How Intl writes 45 000 ₽ in Russian: no-break spaces. */
const RUB_45000 = '45\u00a0000\u00a0₽'
const MANAGER_ID = 5_000_101
const MANAGER2_ID = 5_000_102

function payJobs(h: Harness) {
  return h.deps.db.select().from(jobs).where(eq(jobs.kind, 'payment_reminder')).orderBy(jobs.runAt).all()
}

async function setup() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const c = await clientWithTopic(h, 301)
  // At a person's pace: what the bot queued for the client and the topic arrives before the next step
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.flush()
  }
  return { h, manager, ...c }
}

describe('payment details as long as the content check takes', () => {
  const withDetails = (n: number) =>
    readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(
      /^ {2}payment_details:\n(?: {4}.*\n)+/m,
      `  payment_details: "${'Р'.repeat(n)}"\n`,
    )
  /** The most characters of payment details the check lets through, found by asking it. */
  function longestAccepted(): number {
    let [ok, refused] = [100, 5000]
    expect([parseContent(withDetails(ok)).ok, parseContent(withDetails(refused)).ok]).toEqual([true, false])
    while (refused - ok > 1) {
      const middle = Math.floor((ok + refused) / 2)
      if (parseContent(withDetails(middle)).ok) ok = middle
      else refused = middle
    }
    return ok
  }

  it('still fit the invoice and every reminder with the longest "what for", in either language', async () => {
    const h = createHarness({ content: contentFrom(withDetails(longestAccepted())) })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const long = { first_name: 'Александра-Антонина', last_name: 'Константинопольская-Преображенская' }
    const ru = await clientWithTopic(h, 311, { user: long })
    const en = await clientWithTopic(h, 312, { user: { ...long, language_code: 'en' } })
    for (const { topicId } of [ru, en]) {
      await h.send(h.u.staffText(manager, topicId, `/invoice 45000 25.12 ${'предоплата '.repeat(40)}`))
    }
    // Every reminder in its turn, through the last one after the due date
    for (const runAt of [...new Set(payJobs(h).map((job) => job.runAt))]) {
      h.clock.set(runAt)
      await h.deps.scheduler.runDue()
      await h.flush()
    }
    for (const { user } of [ru, en]) {
      const refused = h.fake.calls.filter((c) => Number(c.payload.chat_id) === user.id && !c.ok)
      expect(refused.map((c) => c.error?.description)).toEqual([])
      // The invoice, the first reminder, the day before, the due day, a day and three days after
      expect(h.fake.sentTo(user.id).filter((c) => c.method === 'sendMessage')).toHaveLength(6)
    }
  })
})

describe('a due date', () => {
  it('stays the day written when the business moves to another time zone: due on it there, overdue the day after', async () => {
    // Berlin, Monday 23 November, 10:00: due on Wednesday
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const h = createHarness({
      content: contentFrom(demo.replace('timezone: Europe/Moscow', 'timezone: Europe/Berlin')),
    })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const { user, topicId } = await clientWithTopic(h, 331)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.11 landing'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('Оплатить до: 25 ноября')
    // The business moves to Almaty (UTC+5): the end of Wednesday in Berlin is Thursday 03:59 there
    expect(h.deps.content.replace(demo.replace('timezone: Europe/Moscow', 'timezone: Asia/Almaty'), 'file').ok).toBe(
      true,
    )
    const mine = async () => {
      await h.send(h.u.callback(user, 'menu:mine'))
      return h.fake.lastTextTo(user.id)
    }
    h.clock.set('2026-11-25T15:00:00Z') // Wednesday 20:00 in Almaty
    expect(await mine()).toMatch(/ждёт оплаты до 25 ноября/)
    h.clock.set('2026-11-25T20:00:00Z') // Thursday 01:00 in Almaty
    expect(await mine()).toMatch(/срок оплаты \(25 ноября\) прошёл/)
    expect(h.errors()).toEqual([])
  })
})

describe('/invoice', () => {
  it("a due date in the new year names its year, and the reminders after New Year's theirs", async () => {
    const { h, manager, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 15.01 landing'))
    const staff = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    // "г." ends the date: no second period after it
    expect(staff).toContain('Срок оплаты: 15 января 2027 г.\n')
    expect(staff).toMatch(/Напоминания, пока не оплачено: пн, 23 нояб\., 14:00; чт, 14 янв\. 2027 г\., 11:00;/)
  })

  it('sends the client the invoice with amount, what for, due date and how to pay, and plans reminders', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата 25%'))

    const toClient = h.fake.lastTextTo(user.id)
    expect(toClient).toContain('Анна, вот ваш счёт №1')
    expect(toClient).toContain(`Сумма: ${RUB_45000}`)
    expect(toClient).toContain('За что: Лендинг под ключ — Предоплата 25%')
    expect(toClient).toContain('Оплатить до: 25 декабря')
    expect(toClient).toContain('Как оплатить:\nОплата переводом на счёт ИП Смирнова')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: '✅ Я оплатил(а)', data: 'pay:claim:1' },
      { text: '💬 Написать менеджеру', data: 'menu:manager' },
    ])

    const order = h.deps.db.select().from(orders).get()
    expect(order).toMatchObject({ clientId: expect.any(Number), amount: 4_500_000, currency: 'RUB', status: 'unpaid' })

    const staff = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(staff).toContain(`Счёт №1: ${RUB_45000} — Лендинг под ключ — Предоплата 25%. Отправлен клиенту.`)
    expect(staff).toContain('Срок оплаты: 25 декабря')
    expect(staff).toMatch(/Напоминания, пока не оплачено: .*23 нояб.*14:00.*24 дек.*11:00.*25 дек.*26 дек.*28 дек/)
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toEqual([{ text: 'Отменить счёт', data: 'pay:cancel:1' }])

    // The card shows the due day as the client sees it, not the last minute it is stored as
    await h.send(h.u.staffText(manager, topicId, '/card'))
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(card).toContain('срок 25 декабря')
    expect(card).not.toContain('23:59')

    // Moscow is UTC+3: a first reminder 2 h after the invoice, then 11:00 local around the due date
    expect(payJobs(h).map((j) => [j.dedupeKey, new Date(j.runAt).toISOString()])).toEqual([
      ['pay:1:first', '2026-11-23T11:00:00.000Z'],
      ['pay:1:before:1', '2026-12-24T08:00:00.000Z'],
      ['pay:1:due', '2026-12-25T08:00:00.000Z'],
      ['pay:1:overdue:1', '2026-12-26T08:00:00.000Z'],
      ['pay:1:overdue:3', '2026-12-28T08:00:00.000Z'],
    ])
  })

  it('an invoice with no due date is reminded twice — hours after it, then three days on — and then the topic is told it is still unpaid; the summary says so', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 Лендинг'))
    const staff = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(staff).toMatch(/Напоминания, пока не оплачено: пн, 23 нояб\., 14:00; чт, 26 нояб\., 11:00\./)
    expect(staff).toContain('После последнего, если счёт не оплатят, бот напишет об этом сюда.')
    expect(payJobs(h).map((j) => [j.dedupeKey, new Date(j.runAt).toISOString()])).toEqual([
      ['pay:1:first', '2026-11-23T11:00:00.000Z'],
      ['pay:1:again:3', '2026-11-26T08:00:00.000Z'],
    ])
    h.clock.set('2026-11-23T11:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, напоминаю про счёт №1')
    h.clock.set('2026-11-26T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, счёт №1 пока не оплачен')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      'не оплачен: бот отправил клиенту последнее напоминание и больше напоминать не будет',
    )
    expect(h.errors()).toEqual([])
  })

  it("an English client's undated invoice: the second reminder in English", async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 303, { user: { first_name: 'John', language_code: 'en' } })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 Landing page'))
    h.clock.set('2026-11-26T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('John, invoice #1 is still unpaid')
  })

  it('a Russian "for what" to a client the bot writes to in English: the manager is told how the client will read it', async () => {
    const { h, manager } = await setup()
    const kate = await clientWithTopic(h, 302, { user: { first_name: 'Kate', language_code: 'en' } })
    await h.send(h.u.staffText(manager, kate.topicId, '/invoice 45000 25.12 лендинг для школы серфинга'))
    expect(h.fake.lastTextTo(kate.user.id)).toContain('For: лендинг для школы серфинга')
    const hint = 'ℹ️ Бот пишет этому клиенту не по-русски, а «за что» написано по-русски'
    expect(h.fake.textsTo(STAFF_GROUP_ID, kate.topicId).join('\n')).toContain(hint)
    // In English, or to a Russian-speaking client, there is nothing to say
    await h.send(h.u.staffText(manager, kate.topicId, '/invoice 1000 25.12 surf school landing'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, kate.topicId).join('\n').split(hint)).toHaveLength(2)
    const anna = await clientWithTopic(h, 303)
    await h.send(h.u.staffText(manager, anna.topicId, '/invoice 1000 25.12 лендинг'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).join('\n')).toContain('Счёт №3')
    expect(h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).join('\n')).not.toContain(hint)
    // English words to a Russian-speaking client, as a team that writes English bills: said too
    // (one word, "landing", or a brand among Russian ones, is nothing to say)
    await h.send(h.u.staffText(manager, anna.topicId, '/invoice 5000 25.12 Balayage deposit'))
    expect(h.fake.lastTextTo(anna.user.id)).toContain('За что: Balayage deposit')
    expect(h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).at(-1)).toContain(
      'ℹ️ Клиент читает по-русски, а «за что» написано латиницей: так клиент и увидит его в счёте, напоминаниях и /mybookings.',
    )
    await h.send(h.u.staffText(manager, anna.topicId, '/invoice 5000 25.12 SEO-аудит сайта'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).at(-1)).not.toContain('ℹ️')
  })

  it('a second invoice while the first waits names the first, which a replacement should cancel', async () => {
    const { h, manager, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 Лендинг'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('⚠️')
    await h.send(h.u.staffText(manager, topicId, '/invoice 30000 landing'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `⚠️ У клиента есть и другой неоплаченный счёт: №1 (${RUB_45000}). Если новый его заменяет, отмените старый кнопкой «Отменить счёт» под ним.`,
    )
    // Cancelled, it is not named again
    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 landing'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/другой неоплаченный счёт: №2 \(30\s000\s₽\)\./u)
    expect(h.errors()).toEqual([])
  })

  it('names the invoice waiting as English writes a number, to a team that reads English', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Maria')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Maria' })
    const { topicId } = await clientWithTopic(h, 301)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 Landing'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 30000 Landing'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/another unpaid invoice too: #1 \(₽45,000\)\./u)
  })

  it('names the time a reminder goes, not the time it was planned for, when that falls in quiet hours', async () => {
    const { h, manager, user, topicId } = await setup()
    // 20:00 in Moscow: the first reminder (2 h later) falls in the quiet hours (21:00–09:00)
    h.clock.advance(8 * HOUR)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    const staff = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(staff).toMatch(/Напоминания, пока не оплачено: вт, 24 нояб\., 9:00;/)
    expect(staff).not.toMatch(/23 нояб[^;]*22:00/)

    // And it goes then: nothing at 22:00, the reminder at 09:00
    const reminders = () => h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю'))
    const before = reminders().length
    h.clock.advance(2 * HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(reminders()).toHaveLength(before)
    h.clock.advance(11 * HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(reminders()).toHaveLength(before + 1)
  })

  it('names the product in each reader’s language: a client who switches, and the staff', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 302, { user: { first_name: 'John', language_code: 'en' } })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Prepayment'))
    expect(h.fake.lastTextTo(user.id)).toContain('For: Turnkey landing page — Prepayment')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('— Лендинг под ключ — Prepayment. Отправлен')

    // The client prefers Russian after all
    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:ru'))
    h.clock.set('2026-11-23T11:00:00Z') // the first reminder
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminder = h.fake.lastTextTo(user.id)
    expect(reminder).toContain('напоминаю про счёт №1')
    // "За что: Turnkey landing page" before: the title was stored in the language of the day
    expect(reminder).toContain('За что: Лендинг под ключ — Prepayment')
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('• Лендинг под ключ — Prepayment:')
    await h.send(h.u.staffText(manager, topicId, '/card'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('· Лендинг под ключ — Prepayment')
  })

  it('takes "+N" after the amount or at the end as days to pay, never as what the client pays for', async () => {
    const { h, manager, user, topicId } = await setup()
    const { user: john, topicId: johnTopic } = await clientWithTopic(h, 302, {
      user: { first_name: 'John', language_code: 'en' },
    })
    const staff = (topic: number) => h.fake.textsTo(STAFF_GROUP_ID, topic).at(-1) ?? ''
    const RUB_10000 = '10\u00a0000\u00a0₽'
    // How the client pays: by the details, confirmed by staff
    const DETAILS =
      '🏦 Клиент получил реквизиты и кнопку «✅ Я оплатил(а)»: оплатив, он нажмёт её — подтвердите оплату здесь.'
    // Monday 23 November: due on Saturday the 28th
    await h.send(h.u.staffText(manager, topicId, '/invoice 10000 +5 Доработка формы'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      `Анна, вот ваш счёт №1 🧾\n\nСумма: ${RUB_10000}\nЗа что: Доработка формы\nОплатить до: 28 ноября\n\n`,
    )
    expect(staff(topicId).split('\n').slice(0, 3)).toEqual([
      `🧾 Счёт №1: ${RUB_10000} — Доработка формы. Отправлен клиенту.`,
      DETAILS,
      'Срок оплаты: 28 ноября',
    ])
    await h.send(h.u.staffText(manager, johnTopic, '/invoice 500USD +3 Rush fee'))
    expect(h.fake.lastTextTo(john.id)).toContain(
      'John, here is your invoice #2 🧾\n\nAmount: $500\nFor: Rush fee\nDue: 26 November\n\n',
    )
    expect(staff(johnTopic).split('\n').slice(0, 3)).toEqual([
      `🧾 Счёт №2: ${formatMoney(50_000, 'USD', 'ru')} — Rush fee. Отправлен клиенту.`,
      DETAILS,
      'Срок оплаты: 26 ноября',
    ])
    // At the end of the line, as naturally
    await h.send(h.u.staffText(manager, topicId, '/invoice 10000 Доработка формы +5'))
    expect(h.fake.lastTextTo(user.id)).toContain(`За что: Доработка формы\nОплатить до: 28 ноября\n`)
    expect(h.deps.services.orders.get(3)).toMatchObject({ description: 'Доработка формы', dueDate: '2026-11-28' })

    // In the middle it could be days or "two more pages": asked, and nothing is billed
    const sent = h.fake.sentTo(user.id).length
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 Лендинг +2 страницы'))
    expect(staff(topicId)).toBe(
      '«+2» — это срок оплаты в днях? Напишите его один раз: сразу после суммы (/invoice 45000 +5 Доработка формы) или в конце со словом «дней» (/invoice 45000 Доработка формы +5 дней). Если это не срок, напишите без плюса.',
    )
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(h.deps.db.select().from(orders).all()).toHaveLength(3)

    // A weekday where words say it is the due date; a due date said and unread is asked about
    await h.send(h.u.staffText(manager, johnTopic, '/invoice £450 due friday Landing page'))
    expect(h.fake.lastTextTo(john.id)).toContain('For: Landing page\nDue: 27 November\n')
    await h.send(h.u.staffText(manager, johnTopic, '/invoice £450 due next week Landing page'))
    expect(staff(johnTopic)).toBe(
      '«due next…» — не разобрал срок оплаты: счёт не выставлен. Срок — «завтра», «+3», день недели («до пятницы») или дата (25.12); если это слова для клиента, начните описание с другого слова.',
    )
    expect(h.deps.db.select().from(orders).all()).toHaveLength(4)

    // The hint names it, at the start or at the end, in either language, and its example is read so
    await h.send(h.u.staffText(manager, topicId, '/invoice'))
    expect(staff(topicId)).toContain(
      'Срок — сразу после суммы или в конце: сегодня, завтра, послезавтра, +5 (через 5 дней), в пятницу, до пятницы, 25.12, 15 декабря, 25.12.2026 или 2026-12-25 (/invoice 15000 Предоплата до пятницы).',
    )
    // (A team that works in English reads it in English)
    const team = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    team.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Maria')
    const { topicId: teamTopic } = await clientWithTopic(team, 303)
    await team.send(team.u.staffText(team.u.user(MANAGER_ID), teamTopic, '/invoice'))
    await team.flush()
    expect(team.fake.textsTo(STAFF_GROUP_ID, teamTopic).at(-1)).toContain(
      'Due, right after the amount or at the end: today, tomorrow, +5 (in 5 days), on Friday, due Friday, 25.12, Dec 15, 25.12.2026 or 2026-12-25 (/invoice 15000 Prepayment due Friday).',
    )
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 Предоплата до пятницы'))
    await h.send(h.u.staffText(manager, johnTopic, '/invoice 15000 Prepayment due Friday'))
    expect(h.deps.services.orders.get(5)).toMatchObject({ description: 'Предоплата', dueDate: '2026-11-27' })
    expect(h.deps.services.orders.get(6)).toMatchObject({ description: 'Prepayment', dueDate: '2026-11-27' })
    expect(h.errors()).toEqual([])
  })

  it('a date ending the line is the due date, and the summary says which words it read so and how to keep them as words', async () => {
    const { h, manager } = await setup()
    let id = 330
    const invoice = async (line: string, language = 'ru') => {
      const { user, topicId } = await clientWithTopic(h, id++, {
        user: { first_name: 'John', language_code: language },
      })
      await h.send(h.u.staffText(manager, topicId, line))
      return { client: h.fake.lastTextTo(user.id), staff: h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? '' }
    }
    const sofa = await invoice('/invoice 12000 диван до 15.12')
    expect(sofa.client).toContain('За что: диван\nОплатить до: 15 декабря\n')
    expect(sofa.staff).toContain(
      '\nСрок оплаты: 15 декабря — прочитан из «до 15.12» в конце строки. Если дата — часть «за что», отмените счёт и выставьте его заново, поставив перед датой «на» или «к»: «доставка на 15.12».\n',
    )
    const delivery = await invoice('/invoice 12000 delivery 15 Dec', 'en')
    expect(delivery.client).toContain('For: delivery\nDue: 15 December\n')
    expect(delivery.staff).toContain('\nСрок оплаты: 15 декабря — прочитан из «15 Dec» в конце строки.')
    // Kept as words after «на», "for": no due date, and the summary names none
    const kept = await invoice('/invoice 12000 доставка на 15.12')
    expect(kept.client).toContain('За что: доставка на 15.12\n')
    expect(kept.staff).not.toContain('Срок оплаты')
    const keptEn = await invoice('/invoice 12000 delivery for 15 Dec', 'en')
    expect(keptEn.client).toContain('For: delivery for 15 Dec\n')
    // A date right after the amount is said nothing more of: it is where a due date stands
    expect((await invoice('/invoice 12000 15.12 диван')).staff).toContain('\nСрок оплаты: 15 декабря\n')
    expect(h.errors()).toEqual([])
  })

  it('reads a weekday, a day or a date at the start or the end of the words as the due date, not as what it is for', async () => {
    const { h, manager } = await setup()
    // A client each: a second invoice to one client may be asked about as a part of the first
    let id = 310
    const invoice = async (line: string, language = 'ru') => {
      const { user, topicId } = await clientWithTopic(h, id++, {
        user: { first_name: 'John', language_code: language },
      })
      await h.send(h.u.staffText(manager, topicId, line))
      return { client: h.fake.lastTextTo(user.id), staff: h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? '' }
    }
    // Monday 23 November: "friday" right after the amount went to the client as "For: friday bakery…"
    const bakery = await invoice('/invoice £450 friday bakery website deposit', 'en')
    expect(bakery.client).toContain('For: bakery website deposit\nDue: 27 November\n')
    expect(bakery.staff).toContain('\nСрок оплаты: 27 ноября')
    expect((await invoice('/invoice £120 Logo tweaks tomorrow', 'en')).client).toContain(
      'For: Logo tweaks\nDue: 24 November\n',
    )
    expect((await invoice('/invoice £90 Photo retouch on Friday', 'en')).client).toContain(
      'For: Photo retouch\nDue: 27 November\n',
    )
    // A date at the end became a part of «За что», with no due date
    const balance = await invoice('/invoice 112500 остаток за интернет-магазин 31.12')
    expect(balance.client).toContain('За что: остаток за интернет-магазин\nОплатить до: 31 декабря\n')
    expect(balance.staff).toContain('\nСрок оплаты: 31 декабря')
    expect((await invoice('/invoice 5000 в пятницу Печать визиток')).client).toContain(
      'За что: Печать визиток\nОплатить до: 27 ноября\n',
    )
    expect((await invoice('/invoice 3000 Доставка завтра')).client).toContain(
      'За что: Доставка\nОплатить до: 24 ноября\n',
    )
    // When the work was done or what it covers stays the client's words: a day gone, "за 30.11"
    expect((await invoice('/invoice 4000 Фотосессия 20.11')).client).toContain('За что: Фотосессия 20.11\n\n')
    expect((await invoice('/invoice 4000 Отчёт за 30.11')).client).toContain('За что: Отчёт за 30.11\n\n')
    expect(h.errors()).toEqual([])
  })

  it('explains its format and refuses bad input without creating anything', async () => {
    const { h, manager, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Как выставить счёт: /invoice <сумма> [срок] [за что]')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('landing, corporate')
    // The example is the catalogue's own: its first product with a fixed price, at that price
    const first = demoContent().products.find((p) => !p.price.from && p.price.amount > 0)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(`Например: /invoice ${first?.price.amount} 25.12 ${first?.id}`)
    // A catalogue of prices "from" only has no product to bill by its id: a sum alone is the example
    const demo = demoContent()
    const fromOnly = createHarness({
      content: { ...demo, products: demo.products.map((p) => ({ ...p, price: { ...p.price, from: true } })) },
    })
    fromOnly.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const other = await clientWithTopic(fromOnly, 302)
    await fromOnly.send(fromOnly.u.staffText(fromOnly.u.user(MANAGER_ID), other.topicId, '/invoice'))
    await fromOnly.flush()
    const hint = fromOnly.fake.textsTo(STAFF_GROUP_ID, other.topicId).at(-1) ?? ''
    expect(hint).toContain('Например: /invoice 5000 25.12 Предоплата\n')
    expect(hint).toContain('Вместо суммы можно написать id услуги с ценой в файле контента')
    await h.send(h.u.staffText(manager, topicId, '/invoice за дизайн'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не получилось разобрать сумму')
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 01.01.2026'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Эта дата уже прошла')
    // Without a year, the nearest such day: three days ago is a slip, not next year's 20 November
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 20.11'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Эта дата уже прошла')
    // "вчера" for "завтра": refused, not sent to the client as what the invoice is for
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 вчера Доставка'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '«вчера» на месте срока оплаты, а срок не бывает в прошлом: счёт не выставлен. Срок — «завтра», «+3» или дата; если это слова для клиента, начните описание с другого слова («Доставка вчера»).',
    )
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    // A product priced "from": the hint names that product
    await h.send(h.u.staffText(manager, topicId, '/invoice corporate'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'У этой услуги цена «от» (или не указана) — напишите сумму: /invoice 45000 corporate',
    )
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 31.02'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не получилось разобрать дату')
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 01.01.2031'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('больше чем через два года')
    expect(h.deps.db.select().from(orders).all()).toEqual([])
  })

  it('a product free in the content file is not billed by its price, and says so', async () => {
    const demo = demoContent()
    const base = demo.products.find((p) => p.in_stock)!
    const h = createHarness({
      content: {
        ...demo,
        products: [
          ...demo.products,
          { ...base, id: 'consult', price: { ...base.price, amount: 0, from: false } },
          { ...base, id: 'sample', price: { ...base.price, amount: 0, from: false, currency: 'XTR' } },
        ],
      },
    })
    const { topicId } = await clientWithTopic(h, 302)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/invoice consult'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Услуга consult в файле контента бесплатна — выставлять по ней счёт не нужно. Если оплата всё же нужна, напишите сумму: /invoice 1000 consult',
    )
    // A free product sold for Stars: a fee for it is written in Stars
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/invoice sample'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/invoice 100XTR sample')
    expect(h.deps.db.select().from(orders).all()).toEqual([])
  })

  it('bills the thousands with the currency written onto them or apart; refuses a currency it cannot read', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1 500USD дизайн'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ amount: 150_000, currency: 'USD', description: 'дизайн' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${formatMoney(150_000, 'USD', 'ru')}`)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45 000 ₽ landing'))
    expect(h.deps.services.orders.get(2)).toMatchObject({ amount: 4_500_000, currency: 'RUB' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${RUB_45000}`)
    // Roubles as managers write them: 45 000 ₽, not 45 ₽ nor "руб" in the client's "За что"
    await h.send(h.u.staffText(manager, topicId, '/invoice 45 000руб landing'))
    expect(h.deps.services.orders.get(3)).toMatchObject({ amount: 4_500_000, currency: 'RUB', description: null })
    // Not 1 ₽ for "500ABC"
    await h.send(h.u.staffText(manager, topicId, '/invoice 1 500ABC дизайн'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не получилось разобрать сумму')
    expect(h.deps.db.select().from(orders).all()).toHaveLength(3)
  })

  it('bills an amount said in words or with its scale: «пять тысяч», «5 тысяч», «полторы тысячи», "five hundred dollars", "1.5k", «2 млн»', async () => {
    const { h, manager, user, topicId } = await setup()
    const billed = [
      ['/invoice пять тысяч Лендинг', 500_000, 'RUB', 'Лендинг'],
      ['/invoice 5 тысяч Дизайн двух страниц', 500_000, 'RUB', 'Дизайн двух страниц'],
      ['/invoice сто двадцать тысяч рублей landing', 12_000_000, 'RUB', null],
      ['/invoice полторы тысячи Доставка', 150_000, 'RUB', 'Доставка'],
      ['/invoice five hundred dollars website', 50_000, 'USD', 'website'],
      ['/invoice 1.5k Support', 150_000, 'RUB', 'Support'],
      ['/invoice 2 млн Интернет-магазин', 200_000_000, 'RUB', 'Интернет-магазин'],
    ] as const
    for (const [n, [typed, amount, currency, description]] of billed.entries()) {
      await h.send(h.u.staffText(manager, topicId, typed))
      expect(h.deps.services.orders.get(n + 1), typed).toMatchObject({ amount, currency, description })
      expect(h.fake.lastTextTo(user.id), typed).toContain(`Сумма: ${formatMoney(amount, currency, 'ru')}`)
    }
    // A word that is no number is still no amount; a "к" apart before words may be thousands or the
    // manager's words: asked, and after the currency it is their words
    await h.send(h.u.staffText(manager, topicId, '/invoice много Дизайн'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не получилось разобрать сумму')
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 к оплате'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(/^«5000 к» — это 5\s000\s000\s₽\? Счёт не выставлен/)
    expect(h.deps.services.orders.get(billed.length + 1)).toBeUndefined()
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000 ₽ к оплате'))
    expect(h.deps.services.orders.get(billed.length + 1)).toMatchObject({ amount: 500_000, description: 'к оплате' })
    expect(h.errors()).toEqual([])
  })

  it('a count the description begins with is no amount when the amount is written after it: «одна страница 5000», "2 часа работы 3000"', async () => {
    const { h, manager, user, topicId } = await setup()
    const billed = [
      ['/invoice одна страница 5000', 500_000, 'RUB', 'одна страница'],
      ['/invoice 2 часа работы 3000', 300_000, 'RUB', '2 часа работы'],
      ['/invoice три фото 1500 ₽', 150_000, 'RUB', 'три фото'],
      ['/invoice 15 страниц 45 000 руб за макет', 4_500_000, 'RUB', '15 страниц за макет'],
      ['/invoice 2 logos $300', 30_000, 'USD', '2 logos'],
      // Said in words alone, the amount is still the one said first
      ['/invoice пять тысяч за сайт', 500_000, 'RUB', 'за сайт'],
      // The amount first, as ever: a number in its words is theirs
      ['/invoice 5000 за 2 часа', 500_000, 'RUB', 'за 2 часа'],
      ['/invoice 45000 Поддержка 2026', 4_500_000, 'RUB', 'Поддержка 2026'],
    ] as const
    for (const [n, [typed, amount, currency, description]] of billed.entries()) {
      await h.send(h.u.staffText(manager, topicId, typed))
      expect(h.deps.services.orders.get(n + 1), typed).toMatchObject({ amount, currency, description })
      expect(h.fake.lastTextTo(user.id), typed).toContain(`Сумма: ${formatMoney(amount, currency, 'ru')}`)
    }
    // The due date after the amount is read as after any amount
    await h.send(h.u.staffText(manager, topicId, '/invoice 3 баннера 4500 завтра'))
    expect(h.deps.services.orders.get(billed.length + 1)).toMatchObject({
      amount: 450_000,
      description: '3 баннера',
      dueDate: '2026-11-24',
    })
    // A number after the words that may be no price (a year, a date) leaves the first one the
    // amount, and a slip is asked about as before
    await h.send(h.u.staffText(manager, topicId, '/invoice 1 месяц поддержки 2026 года'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(`Счёт на ${formatMoney(100, 'RUB', 'ru')}? Похоже на опечатку`)
    await h.send(h.u.staffText(manager, topicId, '/invoice 2 фото до 25.12'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(`Счёт на ${formatMoney(200, 'RUB', 'ru')}? Похоже на опечатку`)
    // Words that say no number are still no amount
    await h.send(h.u.staffText(manager, topicId, '/invoice много страниц'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не получилось разобрать сумму')
    expect(h.deps.db.select().from(orders).all()).toHaveLength(billed.length + 1)
    expect(h.errors()).toEqual([])
  })

  it('delivered again by Telegram (the bot died handling it) makes no second order or invoice', async () => {
    const { h, manager, user, topicId } = await setup()
    const update = h.u.staffText(manager, topicId, '/invoice 45000 landing')
    await h.send(update)
    const sentToClient = h.fake.sentTo(user.id).length
    const reminders = payJobs(h).length
    expect(reminders).toBeGreaterThan(0)
    await h.send(update) // the same update again
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)
    expect(payJobs(h)).toHaveLength(reminders)
    expect(h.fake.sentTo(user.id)).toHaveLength(sentToClient)
    // A new /invoice with the same words is a new order
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    expect(h.deps.db.select().from(orders).all()).toHaveLength(2)
  })

  it('is for staff only', async () => {
    const { h, topicId } = await setup()
    const stranger = h.u.user(399)
    await h.send(h.u.staffText(stranger, topicId, '/invoice 45000'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')
    expect(h.deps.db.select().from(orders).all()).toEqual([])
  })

  it('tells staff when the client blocked the bot; the invoice is kept', async () => {
    const { h, manager, user, topicId } = await setup()
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.staffText(manager, topicId, '/invoice 1500'))
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.at(-2)).toContain('Совет: добавьте, за что счёт')
    // The invoice went through the client's lane; Telegram refused it, and the topic is told what was not delivered
    expect(topic.at(-1)).toContain('Не доставлено: клиент заблокировал бота. «Анна, вот ваш счёт №1')
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)
  })
})

describe('/invoice for a product named by its title', () => {
  /** The demo content with a bike shop's product whose id is its title's first word. */
  const puncture = () =>
    readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(
      /^products:\n/m,
      `products:
  - id: puncture
    title: { ru: Ремонт прокола, en: Puncture repair }
    description: { ru: Заклеим камеру, en: Tube patched }
    price: { amount: 15 }
`,
    )

  it('"/invoice 15 puncture repair" is for "Puncture repair", not "Puncture repair — repair"; words of its own stay', async () => {
    const h = createHarness({ content: contentFrom(puncture()) })
    const manager = h.u.user(OWNER_ID)
    const en = await clientWithTopic(h, 331, { user: { first_name: 'John', language_code: 'en' } })
    await h.send(h.u.staffText(manager, en.topicId, '/invoice 15 puncture repair'))
    await h.flush()
    const invoice = h.fake.lastTextTo(en.user.id) ?? ''
    expect(invoice).toContain('For: Puncture repair')
    expect(invoice).not.toContain('— repair')
    expect(h.deps.services.orders.get(1)).toMatchObject({ productId: 'puncture', description: null })
    // The whole title typed after the id, in the client's language or the other: the title alone
    const ru = await clientWithTopic(h, 332)
    await h.send(h.u.staffText(manager, ru.topicId, '/invoice 15 puncture Ремонт прокола'))
    await h.flush()
    expect(h.fake.lastTextTo(ru.user.id)).toContain('За что: Ремонт прокола\n')
    // Words past the title are the manager's and stay
    await h.send(h.u.staffText(manager, en.topicId, '/invoice 15 puncture repair rear wheel'))
    await h.flush()
    expect(h.fake.lastTextTo(en.user.id)).toContain('For: Puncture repair — rear wheel')
    expect(h.errors()).toEqual([])
  })
})

describe('/invoice with a large catalogue', () => {
  /** The demo content with `n` more products, as an owner with a big catalogue uploads it. */
  function withProducts(n: number): string {
    const items = Array.from(
      { length: n },
      (_, i) => `  - id: kitchen_cabinet_oak_${i + 1}
    title: { ru: Шкаф кухонный №${i + 1}, en: Kitchen cabinet no. ${i + 1} }
    description: { ru: Дуб 120 см, en: Oak 120 cm }
    price: { amount: ${10_000 + i} }
`,
    ).join('')
    return readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/^products:\n/m, `products:\n${items}`)
  }

  it('a bare /invoice still gets its hint, with a few product ids and how many more there are', async () => {
    const yaml = withProducts(1200)
    // Within what an owner may upload (512 KB, docs/content.md)
    expect(Buffer.byteLength(yaml)).toBeLessThan(512 * 1024)
    const content = contentFrom(yaml)
    const h = createHarness({ content })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const { topicId } = await clientWithTopic(h, 321)

    await h.send(h.u.staffText(manager, topicId, '/invoice'))
    await h.flush()
    const refused = h.fake.calls.filter((c) => !c.ok)
    expect(refused.map((c) => c.error?.description)).toEqual([])
    const hint = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(hint).toContain('Как выставить счёт: /invoice <сумма> [срок] [за что]')
    // The catalogue's first products by id, then how many are not named and where they all are
    const named = /id услуги \((.+?) и ещё ([\d\s]+) —/u.exec(hint)
    expect(named).not.toBeNull()
    const ids = (named?.[1] ?? '').split(', ')
    expect(ids.length).toBeGreaterThanOrEqual(10)
    expect(ids).toEqual(content.products.slice(0, ids.length).map((p) => p.id))
    expect(ids.length + Number((named?.[2] ?? '').replace(/\s/g, ''))).toBe(content.products.length)
    expect(hint).toContain('файле контента')
    // The manager can still bill any product by its id, named in the hint or not
    await h.send(h.u.staffText(manager, topicId, '/invoice kitchen_cabinet_oak_1200'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ productId: 'kitchen_cabinet_oak_1200', amount: 1_119_900 })
    expect(h.errors()).toEqual([])
  })
})

describe('/paid', () => {
  it('settles the only unpaid order: reminders stop, the client is thanked, stage and funnel move', async () => {
    const { h, manager, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    const paidAt = h.clock.now()
    await h.send(h.u.staffText(manager, topicId, '/paid'))

    expect(h.fake.lastTextTo(user.id)).toContain(`Анна, оплата по счёту №1 (${RUB_45000}) получена. Спасибо!`)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(`✅ Счёт №1 (${RUB_45000}) оплачен.`)
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidAt })
    expect(payJobs(h).map((j) => j.status)).toEqual(Array(5).fill('cancelled'))
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('customer')
    const paid = h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, client.id), eq(events.type, FUNNEL.paid)))
      .all()
    expect(paid).toHaveLength(1)

    // Paying again says when it was paid and changes nothing; a second order makes a repeat customer
    const thanked = h.fake.textsTo(user.id).length
    h.clock.advance(HOUR)
    await h.send(h.u.staffText(manager, topicId, '/paid 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe('Счёт №1 уже оплачен: пн, 23 нояб., 12:00. Ничего не изменено.')
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidAt })
    expect(h.fake.textsTo(user.id)).toHaveLength(thanked)
    expect(
      h.deps.db
        .select()
        .from(events)
        .where(and(eq(events.clientId, client.id), eq(events.type, FUNNEL.paid)))
        .all(),
    ).toHaveLength(1)
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'), h.u.staffText(manager, topicId, '/paid'))
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('repeat')
  })

  it('a second order paid makes a repeat customer whichever of the two was refunded, and before or after', async () => {
    // Refunded first, then a second paid: as repeat as refunding the second after it was paid
    const { h, manager, client, topicId } = await setup()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/paid'))
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'), h.u.staffText(manager, topicId, '/paid'))
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('repeat')
  })

  it('asks which one when several are unpaid, and refuses another client’s order', async () => {
    const { h, manager, topicId } = await setup()
    const other = await clientWithTopic(h, 302)
    await h.send(h.u.staffText(manager, other.topicId, '/invoice 999'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'), h.u.staffText(manager, topicId, '/invoice 2000'))
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('Какой счёт оплачен?')
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual(['pay:paid:3', 'pay:paid:2'])
    await h.send(h.u.callback(manager, 'pay:paid:3', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.deps.services.orders.get(3)?.status).toBe('paid')
    expect(h.deps.services.orders.get(2)?.status).toBe('unpaid')

    await h.send(h.u.staffText(manager, topicId, '/paid 1'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Счёт №1 не найден у этого клиента')
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    // Written with its sign, as the invoice names it: one sign in the answer ("Счёт №#5" read as a typo of ours)
    await h.send(h.u.staffText(manager, topicId, '/paid #5'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Счёт №5 не найден у этого клиента.\nНеоплаченный счёт клиента: №2 (1\u00a0000\u00a0₽).',
    )
  })

  it('with a number the client has no invoice of, names their unpaid invoices with amounts — or says there are none', async () => {
    const { h, manager, topicId } = await setup()
    const other = await clientWithTopic(h, 302)
    await h.send(h.u.staffText(manager, other.topicId, '/invoice 999'))
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, topicId, '/invoice 1500 support'),
      h.u.staffText(manager, topicId, '/invoice 700'),
    )
    await h.send(h.u.staffText(manager, topicId, '/paid 4'))
    // Another client's invoice is no invoice of theirs: named as any number they do not have
    for (const number of ['5', '1']) {
      await h.send(h.u.staffText(manager, topicId, `/paid ${number}`))
      expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
        `Счёт №${number} не найден у этого клиента.\nНеоплаченные счета клиента: №3 (1\u00a0500\u00a0₽), №2 (${RUB_45000}).`,
      )
    }
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    await h.send(h.u.staffText(manager, topicId, '/paid 2'), h.u.staffText(manager, topicId, '/paid 3'))
    await h.send(h.u.staffText(manager, topicId, '/paid 5'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Счёт №5 не найден у этого клиента.\nНеоплаченных счетов у клиента нет.',
    )
    expect(h.errors()).toEqual([])
  })

  it('with a number the client has no invoice of, names theirs in English to a team that reads English', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Maria')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Maria' })
    const { topicId } = await clientWithTopic(h, 301)
    await h.send(h.u.staffText(manager, topicId, '/paid 5'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    await h.send(h.u.staffText(manager, topicId, '/paid 5'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 1500 support'))
    await h.send(h.u.staffText(manager, topicId, '/paid 5'))
    await h.flush()
    const answers = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('This client has no invoice #5'))
    expect(answers).toEqual([
      'This client has no invoice #5.\nThey have no unpaid invoices.',
      'This client has no invoice #5.\nTheir unpaid invoice: #1 (₽45,000).',
      'This client has no invoice #5.\nTheir unpaid invoices: #2 (₽1,500), #1 (₽45,000).',
    ])
  })

  it('cuts a long label of the chooser between characters, never in the middle of an emoji', async () => {
    const { h, manager, topicId } = await setup()
    // The emoji sit an odd and an even number of units from the start: one of them straddles
    // any cut made in UTF-16 units, whatever goes before what the invoice is for
    await h.send(
      h.u.staffText(manager, topicId, `/invoice 45000 Лендинг ${'🚀'.repeat(60)}`),
      h.u.staffText(manager, topicId, `/invoice 45000 Лендинг x${'🚀'.repeat(60)}`),
    )
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('Какой счёт оплачен?')
    const labels = h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.text)
    expect(labels).toHaveLength(2)
    // Half an emoji (a lone surrogate) is text Telegram refuses
    for (const label of labels) {
      expect(label).not.toMatch(/\p{Cs}/u)
      expect(label).toMatch(/🚀…$/)
    }
  })
})

describe('"I paid"', () => {
  it('asks the topic to confirm; reminders pause; "received" settles it', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))

    // The bot speaks for the business, not as a man or a woman; the manager may be either
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо, Анна! Передали менеджеру: платёж сверят и подтвердят здесь. Напоминания по этому счёту пока на паузе.',
    )
    const ask = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(ask?.payload.text).toBe(`💳 Клиент сообщает, что оплатил счёт №1: ${RUB_45000}. Проверьте поступление:`)
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual(['pay:ok:1', 'pay:no:1'])

    // A second press, a minute later, does not ask again
    const asked = h.fake.sentTo(STAFF_GROUP_ID, topicId).length
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'pay:claim:1'))
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId)).toHaveLength(asked)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже проверяем')

    // The reminder due meanwhile is held, not sent (and not dropped: see "not received yet")
    const sentBefore = h.fake.textsTo(user.id).length
    h.clock.advance(2 * HOUR)
    await h.deps.scheduler.runDue()
    expect(payJobs(h)[0]).toMatchObject({ status: 'pending', outcome: expect.stringContaining('says they have paid') })
    expect(h.fake.textsTo(user.id)).toHaveLength(sentBefore)

    // Someone who is not staff cannot confirm
    const stranger = h.u.user(398)
    await h.send(h.u.callback(stranger, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')

    const askId = Number((ask?.result as { message_id?: number } | undefined)?.message_id)
    // The owner presses too, a moment after Мария, on the question as it was before her answer
    const late = h.u.callback(h.u.user(OWNER_ID), 'pay:no:1', {
      chatId: STAFF_GROUP_ID,
      threadId: topicId,
      shown: true,
    })
    await h.send(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId, shown: true }))
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.fake.lastTextTo(user.id)).toContain('оплата по счёту №1')
    // The question says at once who answered it, and how: the answer in the topic may come later
    const marked = h.fake.callsOf('editMessageText').findLast((c) => c.payload.message_id === askId)?.payload
    expect(marked?.text).toBe(
      `💳 Клиент сообщает, что оплатил счёт №1: ${RUB_45000}. Проверьте поступление:\n\n✔️ ✅ Оплата пришла — Мария`,
    )
    expect(marked?.reply_markup).toBeUndefined()
    // It answers nothing now, and does not write over the line that says who answered
    const edits = h.fake.callsOf('editMessageText').length
    await h.send(late)
    expect(h.fake.callsOf('editMessageText')).toHaveLength(edits)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(payJobs(h).map((j) => j.status)).toEqual(Array(5).fill('cancelled'))
  })

  it('"not received yet" tells the client gently and reminders resume', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))
    // the first reminder falls due while staff have not answered yet: held
    h.clock.advance(2 * HOUR)
    await h.deps.scheduler.runDue()
    expect(payJobs(h)[0]?.status).toBe('pending')
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.lastTextTo(user.id)).toContain('мы пока не видим оплату по счёту №1')
    expect(h.fake.lastTextTo(user.id)).toContain('Если есть вопросы — напишите менеджеру.')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('напоминания продолжатся')
    // ... and not lost: it goes out at the next check
    h.clock.advance(3 * HOUR)
    await h.deps.scheduler.runDue()
    expect(payJobs(h)[0]?.status).toBe('done')
    h.clock.set('2026-12-24T08:00:00Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, завтра срок оплаты счёта №1.')
  })

  it('a second "not received yet" on the same request says it was answered, not that the invoice was cancelled', async () => {
    const { h, manager, user, topicId } = await setup()
    h.deps.services.staff.add(MANAGER2_ID, 'manager', OWNER_ID, 'Пётр')
    const manager2 = h.u.user(MANAGER2_ID, { first_name: 'Пётр' })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))
    const messageId = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:no:1')
    const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    // Two managers press it at once (or one presses a message whose buttons did not go yet)
    await h.send(
      h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId, messageId }),
      h.u.callback(manager2, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId, messageId }),
    )
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(before).sort()).toEqual(
      [
        'Клиенту ответили, что оплату пока не видим; напоминания продолжатся (Мария).',
        'По счёту №1 уже отмечено, что оплату пока не видим; напоминания продолжаются.',
      ].sort(),
    )
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('мы пока не видим оплату'))).toHaveLength(1)
  })

  it('only works on the client’s own order', async () => {
    const { h, manager, topicId } = await setup()
    const other = await clientWithTopic(h, 303)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await h.send(h.u.callback(other.user, 'pay:claim:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).toBeNull()
  })
})

describe('payment reminders while the client’s own question waits for an answer', () => {
  it('wait until the team answers, /followups says why, and then go', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    // An hour later she asks about the invoice, and nobody has answered yet
    h.clock.advance(HOUR)
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'А можно оплатить частями?'))
    const reminders = () => h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю про счёт №1'))
    // The first reminder's time comes: asking her to pay while her question waits is not listening
    // (she has just been told "простите, что заставляем ждать")
    h.clock.advance(HOUR + 60_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(reminders()).toEqual([])
    expect(payJobs(h)[0]).toMatchObject({ status: 'pending' })
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      '⏸ ждёт: клиент ждёт ответа на свой вопрос — напомним об оплате, когда ему ответят',
    )

    // The manager answers: the reminder goes at its next look, not a day later
    await h.send(h.u.staffText(manager, topicId, 'Да, можно двумя частями'))
    h.clock.advance(HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(payJobs(h)[0]).toMatchObject({ status: 'done' })
    expect(reminders()).toHaveLength(1)
  })
})

describe('the first payment reminder in a live conversation', () => {
  it('waits for a quiet stretch as long as its own after the client last wrote: "may have got lost" is for an invoice gone quiet', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    const reminders = () => h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю про счёт №1'))
    // Talking it over with the manager: she writes at 1:50 after the invoice, answered at once
    h.clock.advance(HOUR + 50 * 60_000)
    await h.send(h.u.text(user, 'Получила счёт, посмотрю с бухгалтером'))
    await h.send(h.u.staffText(manager, topicId, 'Хорошо, ждём'))
    // The list says when it will go: two hours after her message, not the invoice's two hours
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(/1\. .*23 нояб.*15:50 — напоминание об оплате счёта №1/)
    // The first reminder's time (2 h after the invoice): she has just written, it has not got lost
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(reminders()).toEqual([])
    expect(payJobs(h)[0]).toMatchObject({ status: 'pending' })
    // Two quiet hours after her last message: now it may have
    h.clock.advance(2 * HOUR)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(reminders()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})

describe("/mybookings' Pay button", () => {
  it('sends an unpaid invoice again, as it went; gone once the client says they paid', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата 25%'))
    const invoice = h.fake.lastTextTo(user.id)
    // Days of other talk later the invoice is far up the chat
    h.clock.advance(3 * DAY)
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      `• Лендинг под ключ — Предоплата 25%: ${RUB_45000} — ждёт оплаты до 25 декабря`,
    )
    const pay = h.fake.lastButtonsTo(user.id).find((b) => b.data === 'dpay:1')
    expect(pay?.text).toBe(`💳 Оплатить счёт №1: ${RUB_45000}`)

    await h.send(h.u.callback(user, 'dpay:1'))
    expect(h.fake.lastTextTo(user.id)).toBe(invoice)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    // The bot's own word: the team's answer time is not touched, and nothing more is billed
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)

    await h.send(h.u.callback(user, 'pay:claim:1'), h.u.text(user, '/mybookings'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('dpay:1')
    // A press of the old button now: they are already checking, nothing is sent
    const sent = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, 'dpay:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Мы уже проверяем этот платёж.')
    expect(h.fake.textsTo(user.id)).toHaveLength(sent)
  })

  it('sends an invoice past its due day again in that day’s words: "the due date was", never "pay by" a day gone', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    h.clock.set('2026-12-27T09:00:00Z')
    await h.send(h.u.callback(user, 'dpay:1'))
    const again = h.fake.lastTextTo(user.id)
    expect(again).toContain('Анна, срок оплаты счёта №1 был 25 декабря — ')
    expect(again).not.toContain('Оплатить до')
    expect(again).toContain(`Сумма: ${RUB_45000}`)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
  })

  it('says there is nothing to pay for a paid or cancelled invoice, and does nothing for another client', async () => {
    const { h, manager, user, topicId } = await setup()
    const other = await clientWithTopic(h, 304)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'), h.u.staffText(manager, topicId, '/invoice 1000'))
    await h.send(h.u.callback(other.user, 'dpay:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(h.fake.textsTo(other.user.id).some((t) => t.includes('счёт №1'))).toBe(false)

    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.staffText(manager, topicId, '/paid 2'))
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('dpay:2')
    const sent = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, 'dpay:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Этот счёт отменён, оплачивать его не нужно.',
    )
    await h.send(h.u.callback(user, 'dpay:2'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Этот счёт уже оплачен — спасибо!')
    expect(h.fake.textsTo(user.id)).toHaveLength(sent)
  })
})

describe('cancelling an invoice', () => {
  it('asks first: "Cancel invoice" shows Yes / Keep it, and Keep it brings the button back, nothing cancelled', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    const summary = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:cancel:1') ?? 0
    const told = h.fake.textsTo(user.id).length
    const press = (data: string) =>
      h.send(h.u.callback(manager, data, { chatId: STAFF_GROUP_ID, threadId: topicId, messageId: summary }))
    await press('pay:cancel:1')
    expect(h.fake.keyboardOf(STAFF_GROUP_ID, summary)?.inline_keyboard.flat()).toMatchObject([
      { text: '✖ Да, отменить счёт', callback_data: 'pay:cancelyes:1' },
      { text: '← Не отменять', callback_data: 'pay:keep:1' },
    ])
    h.clock.advance(2_000)
    await press('pay:keep:1')
    expect(h.fake.keyboardOf(STAFF_GROUP_ID, summary)?.inline_keyboard.flat()).toMatchObject([
      { text: 'Отменить счёт', callback_data: 'pay:cancel:1' },
    ])
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.errors()).toEqual([])
  })

  it('stops the reminders and tells the client there is nothing to pay', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.deps.services.orders.get(1)?.status).toBe('cancelled')
    expect(payJobs(h).map((j) => j.status)).toEqual(Array(5).fill('cancelled'))
    expect(h.fake.lastTextTo(user.id)).toContain('Счёт №1')
    expect(h.fake.lastTextTo(user.id)).toContain('отменён — оплачивать его не нужно')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Счёт №1 отменён, напоминания остановлены (Мария)')
    // the client's "I paid" on a cancelled invoice
    await h.send(h.u.callback(user, 'pay:claim:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('отменён')
  })

  it('refreshes the client card: the order reads "cancelled", its reminders are no longer listed', async () => {
    const { h, manager, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    // The card is posted into the topic once and edited after that (an edit names no topic)
    const cards = () => h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('🧾 <b>Заказы</b>'))
    expect(cards().at(-1)).toContain(`#1 ${RUB_45000} — не оплачен`)
    expect(cards().at(-1)).toContain('напоминание об оплате счёта №1')

    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    // The pinned card is what staff read about the client: no unpaid invoice with reminders to come
    const card = cards().at(-1) ?? ''
    expect(card).toContain(`#1 ${RUB_45000} — отменён`)
    expect(card).not.toContain('напоминание об оплате счёта №1')
  })
})

describe('/done', () => {
  it('marks the order done and schedules the check-in and, once, the NPS question', async () => {
    const { h, manager, topicId, client } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    const doneAt = h.clock.now()
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.deps.services.orders.get(1)?.doneAt).toBe(doneAt)
    const reply = h.fake.lastPostTo(STAFF_GROUP_ID)
    expect(reply).toContain('Работа по счёту №1 отмечена выполненной')
    expect(reply).toMatch(/Спросим клиента, как всё прошло: .*26 нояб/)
    expect(reply).toMatch(/порекомендуете ли нас.*23 дек/)
    const scheduled = h.deps.db.select().from(jobs).where(eq(jobs.clientId, client.id)).all()
    expect(scheduled.find((j) => j.kind === 'checkin')).toMatchObject({
      runAt: doneAt + 3 * DAY,
      dedupeKey: 'checkin:order:1',
    })
    expect(scheduled.find((j) => j.kind === 'nps')).toMatchObject({ runAt: doneAt + 30 * DAY })
    // The card says the work was handed over, beside the payment's state
    const card = h.fake
      .textsTo(STAFF_GROUP_ID)
      .filter((t) => t.includes('🧾 <b>Заказы</b>'))
      .at(-1)
    expect(card).toContain(`#1 ${RUB_45000} — не оплачен · ✔️ выполнен пн, 23 нояб., 12:00 · Лендинг под ключ`)

    // A second service: a new check-in, but no second NPS
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'), h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Работа по счёту №2 отмечена выполненной')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).not.toContain('порекомендуете')
    // /done with no order left under way adds nothing: that work was marked done already
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Работа по всем счетам клиента уже отмечена выполненной (№2 — пн, 23 нояб., 12:00; №1 — пн, 23 нояб., 12:00). Ничего не изменено.',
    )
    const kinds = h.deps.db.select().from(jobs).where(eq(jobs.clientId, client.id)).all()
    expect(kinds.filter((j) => j.kind === 'nps')).toHaveLength(1)
    expect(kinds.filter((j) => j.kind === 'checkin').map((j) => j.dedupeKey)).toEqual([
      'checkin:order:1',
      'checkin:order:2',
    ])
    await h.send(h.u.staffText(manager, topicId, '/done 77'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Счёт №77 не найден')
  })

  it('asks which one when several are not done yet, instead of taking the newest (maybe unpaid) one', async () => {
    const { h, manager, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/paid'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'))
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('По какому счёту работа выполнена?')
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual(['pay:done:2', 'pay:done:1'])
    // The unpaid one says so: the work on it may not have begun
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.text.endsWith('· не оплачен'))).toEqual([true, false])
    expect(h.deps.services.orders.get(1)?.doneAt).toBeNull()
    expect(h.deps.services.orders.get(2)?.doneAt).toBeNull()
    await h.send(h.u.callback(manager, 'pay:done:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Работа по счёту №1 отмечена выполненной')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(/Спросим клиента, как всё прошло/)
    expect(h.deps.services.orders.get(1)?.doneAt).not.toBeNull()
    expect(h.deps.services.orders.get(2)?.doneAt).toBeNull()
    // One left: a bare /done takes it
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Работа по счёту №2 отмечена выполненной')
  })

  it('with a number the client has no invoice of, names their invoices whose work is not marked done — or says there are none', async () => {
    const { h, manager, topicId } = await setup()
    const other = await clientWithTopic(h, 302)
    await h.send(h.u.staffText(manager, other.topicId, '/invoice 999'))
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, topicId, '/invoice 1500 support'),
      h.u.staffText(manager, topicId, '/invoice 700'),
    )
    // #3 paid (its work still to mark), #4 done already: only #3 and #2 are left to pick from
    await h.send(h.u.staffText(manager, topicId, '/paid 3'), h.u.staffText(manager, topicId, '/done 4'))
    // Another client's invoice is no invoice of theirs: named as any number they do not have
    for (const number of ['5', '1']) {
      await h.send(h.u.staffText(manager, topicId, `/done ${number}`))
      expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
        `Счёт №${number} не найден у этого клиента (или отменён).\nСчета клиента, работа по которым не отмечена: №3 (1\u00a0500\u00a0₽), №2 (${RUB_45000}).`,
      )
    }
    expect(h.deps.services.orders.get(1)?.doneAt).toBeNull()
    await h.send(h.u.staffText(manager, topicId, '/done 2'))
    await h.send(h.u.staffText(manager, topicId, '/done 5'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Счёт №5 не найден у этого клиента (или отменён).\nСчёт клиента, работа по которому не отмечена: №3 (1\u00a0500\u00a0₽).',
    )
    await h.send(h.u.staffText(manager, topicId, '/done 3'), h.u.staffText(manager, topicId, '/done 5'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Счёт №5 не найден у этого клиента (или отменён).\nСчетов, работа по которым не отмечена, у клиента нет.',
    )
    expect(h.errors()).toEqual([])
  })

  it('again for an order names its check-in while it is to come, and says so once it went out', async () => {
    const { h, manager, topicId, user } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/done 1'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(
      /Вопрос «Как всё прошло\?» уже запланирован: .*26 нояб.* — второй раз не добавляем\./,
    )
    expect(h.deps.db.select().from(jobs).where(eq(jobs.kind, 'checkin')).all()).toHaveLength(1)

    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('как всё прошло')
    // Another order's check-in is pending; order 1's went out
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'), h.u.staffText(manager, topicId, '/done 2'))
    await h.send(h.u.staffText(manager, topicId, '/done 1'))
    const reply = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(reply).toContain('Работа по счёту №1 уже была отмечена выполненной: пн, 23 нояб., 12:00.')
    expect(reply).toContain(
      'Вопрос «Как всё прошло?» по этому счёту уже отправлен или снят — второй раз клиента не спросим.',
    )
    expect(reply).not.toContain('Спросим клиента')
    const checkins = h.deps.db.select().from(jobs).where(eq(jobs.kind, 'checkin')).all()
    expect(checkins.map((j) => [j.dedupeKey, j.status])).toEqual([
      ['checkin:order:1', 'done'],
      ['checkin:order:2', 'pending'],
    ])
  })
})

describe('/done again', () => {
  /** The service_done events recorded for the client: one per piece of work marked done. */
  const doneEvents = (h: Harness, clientId: number) =>
    h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, clientId), eq(events.type, 'service_done')))
      .all()

  it('on an invoice already done says when it was marked so and changes nothing: no second check-in, no second question to the client', async () => {
    const { h, manager, topicId, client, user } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    const doneAt = h.clock.now()
    const planned = h.deps.db.select().from(jobs).where(eq(jobs.clientId, client.id)).all()
    const toClient = h.fake.textsTo(user.id).length
    h.clock.advance(2 * HOUR)
    // By its number, and bare (the client's one invoice is done: nothing is under way)
    for (const again of ['/done 1', '/done']) {
      await h.send(h.u.staffText(manager, topicId, again))
      expect(h.fake.lastPostTo(STAFF_GROUP_ID).split('\n')).toEqual([
        'Работа по счёту №1 уже была отмечена выполненной: пн, 23 нояб., 12:00. Ничего не изменено.',
        expect.stringMatching(/^Вопрос «Как всё прошло\?» уже запланирован: .*26 нояб/),
      ])
    }
    expect(h.deps.services.orders.get(1)?.doneAt).toBe(doneAt)
    expect(h.deps.db.select().from(jobs).where(eq(jobs.clientId, client.id)).all()).toEqual(planned)
    expect(doneEvents(h, client.id)).toHaveLength(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)

    // The check-in went out: a bare /done plans no second one ("how did it go?" twice)
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const asked = () => h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))
    expect(asked()).toHaveLength(1)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID).split('\n')).toEqual([
      'Работа по счёту №1 уже была отмечена выполненной: пн, 23 нояб., 12:00. Ничего не изменено.',
      'Вопрос «Как всё прошло?» по этому счёту уже отправлен или снят — второй раз клиента не спросим.',
    ])
    h.clock.advance(5 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(asked()).toHaveLength(1)
    expect(h.deps.db.select().from(jobs).where(eq(jobs.kind, 'checkin')).all()).toHaveLength(1)
    expect(doneEvents(h, client.id)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('bare, with every invoice done, names each and when; for a client never billed, the work done while its check-in waits', async () => {
    const { h, manager, topicId, client } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(DAY)
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support'), h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Работа по всем счетам клиента уже отмечена выполненной (№2 — вт, 24 нояб., 12:00; №1 — пн, 23 нояб., 12:00). Ничего не изменено.',
    )
    expect(doneEvents(h, client.id)).toHaveLength(2)

    const never = await clientWithTopic(h, 303)
    await h.send(h.u.staffText(manager, never.topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('✔️ Работа отмечена выполненной.')
    h.clock.advance(HOUR)
    await h.send(h.u.staffText(manager, never.topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID).split('\n')).toEqual([
      'Работа уже была отмечена выполненной: вт, 24 нояб., 12:00. Ничего не изменено.',
      expect.stringMatching(/^Вопрос «Как всё прошло\?» уже запланирован: .*27 нояб/),
    ])
    expect(doneEvents(h, never.client.id)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it("bare, months after an invoice's work was done and its check-in went out, is new work without an invoice", async () => {
    const { h, manager, topicId, client, user } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 правки'), h.u.staffText(manager, topicId, '/paid 1'))
    await h.send(h.u.staffText(manager, topicId, '/done 1'))
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.advance(87 * DAY)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))).toHaveLength(1)
    // A free fix: recorded as work without an invoice, its own check-in planned
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('✔️ Работа отмечена выполненной.')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(/Спросим клиента, как всё прошло: /)
    expect(doneEvents(h, client.id).map((e) => (e.data as { order: number | null }).order)).toEqual([1, null])
    // And that work again while its check-in waits: said so, nothing changes
    h.clock.advance(HOUR)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID).split('\n')).toEqual([
      expect.stringMatching(/^Работа уже была отмечена выполненной: .* Ничего не изменено\.$/),
      expect.stringMatching(/^Вопрос «Как всё прошло\?» уже запланирован: /),
    ])
    expect(doneEvents(h, client.id)).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('names when, as every staff time is named: with the client’s clock beside ours when theirs differs — as /paid again does', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 303, { client: { timezone: 'Asia/Vladivostok' } })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/paid'))
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(2 * HOUR)
    await h.send(h.u.staffText(manager, topicId, '/done 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID).split('\n')[0]).toBe(
      'Работа по счёту №1 уже была отмечена выполненной: пн, 23 нояб., 12:00 (у клиента 19:00). Ничего не изменено.',
    )
    await h.send(h.u.staffText(manager, topicId, '/paid 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Счёт №1 уже оплачен: пн, 23 нояб., 12:00 (у клиента 19:00). Ничего не изменено.',
    )
    expect(h.errors()).toEqual([])
  })

  it('says so in English to a team that reads English', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Maria')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Maria' })
    const { topicId } = await clientWithTopic(h, 301)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    await h.flush()
    await h.send(h.u.staffText(manager, topicId, '/done 1'), h.u.staffText(manager, topicId, '/paid 1'))
    await h.flush()
    const [done, paid] = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(-2)
    expect(done?.split('\n')[0]).toBe(
      'The work on invoice #1 was already marked done: Mon 23 Nov, 12:00. Nothing was changed.',
    )
    expect(paid).toBe('Invoice #1 is already paid: Mon 23 Nov, 12:00. Nothing was changed.')
  })
})

describe('amounts in currencies with other exponents', () => {
  it('a JPY invoice keeps its value on the invoice, the card, the export and /mydata; KWD keeps three decimals', async () => {
    const { h, manager, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 150000JPY Дизайн'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ amount: 150_000, currency: 'JPY' })
    expect(h.fake.lastTextTo(user.id)).toContain('Сумма: 150\u00a0000\u00a0¥')
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 12.345KWD Консультация'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сумма: 12,345\u00a0KWD')

    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.drain()
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.includes('#1 ')) ?? ''
    expect(card).toContain('#1 150\u00a0000\u00a0¥')
    expect(card).toContain('#2 12,345\u00a0KWD')

    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/export'))
    const csv = lastDocument(h, owner.id).toString('utf8').slice(1)
    const [header, ...rows] = parseCsv(csv)
    const row = rows.find((r) => r[header!.indexOf('id')] === String(client.id))
    expect(row?.[header!.indexOf('paid_total')]).toBe('150000 JPY')

    await h.send(h.u.text(user, '/mydata'))
    const mine = JSON.parse(lastDocument(h, user.id).toString('utf8'))
    expect(mine.orders.map((o: { amount: number; currency: string }) => [o.amount, o.currency])).toEqual(
      expect.arrayContaining([
        [150_000, 'JPY'],
        [12.345, 'KWD'],
      ]),
    )
    // The events' amounts as the orders': whole units with their currency, not minor units
    const money = (mine.events as { type: string; data: { amount?: number; currency?: string } }[])
      .filter((e) => e.data?.amount !== undefined)
      .map((e) => [e.type, e.data.amount, e.data.currency])
    expect(money).toEqual([
      ['invoice_created', 150_000, 'JPY'],
      ['paid', 150_000, 'JPY'],
      ['invoice_created', 12.345, 'KWD'],
    ])
  })
})

function lastDocument(h: Harness, chatId: number): Buffer {
  const call = h.fake
    .sentTo(chatId)
    .filter((c) => c.method === 'sendDocument')
    .at(-1)
  if (!call?.files.document) throw new Error('no document sent')
  return call.files.document.data
}

describe('/invoice with the due day in words', () => {
  it('bills "/invoice 15000 завтра Лендинг" due tomorrow, for the landing page', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    h.deps.services.staff.add(5_000_101, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(5_000_101, { first_name: 'Мария' })
    const { user, topicId } = await clientWithTopic(h, 301)
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 завтра Лендинг'))
    await h.flush()

    expect(h.deps.services.orders.get(1)).toMatchObject({
      amount: 1_500_000,
      description: 'Лендинг',
      dueDate: '2026-11-24',
    })
    const staff = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(staff).toContain('Счёт №1: 15\u00a0000\u00a0₽ — Лендинг. Отправлен клиенту.')
    expect(staff).toContain('Срок оплаты: 24 ноября')
    const toClient = h.fake.lastTextTo(user.id)
    expect(toClient).toContain('За что: Лендинг\n')
    expect(toClient).toContain('Оплатить до: 24 ноября')
  })
})

describe('/invoice with an amount it cannot bill', () => {
  it('says what is wrong with it: nothing to pay, too much, too many decimals, two currencies; no order is made', async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_000_101, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(5_000_101, { first_name: 'Мария' })
    const { topicId } = await clientWithTopic(h, 302)
    const said: Record<string, string> = {
      '/invoice 0 Лендинг': 'Сумма должна быть больше нуля.',
      '/invoice -500': 'Сумма должна быть больше нуля.',
      '/invoice 99999999999999': 'Слишком большая сумма',
      '/invoice 0.001': 'Слишком много знаков после запятой',
      // Thousands with a comma, as English writes them: how to write it instead
      '/invoice 1,500 Правки':
        'Три знака после запятой — это тысячи? Тысячи — через пробел или слитно: 1 500 или 1500.',
      '/invoice оплата': 'Не получилось разобрать сумму',
      '/invoice $45 000 CAD': 'В сумме две разные валюты',
    }
    for (const [command, answer] of Object.entries(said)) {
      await h.send(h.u.staffText(manager, topicId, command))
      await h.flush()
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1), command).toContain(answer)
    }
    expect(h.deps.services.orders.get(1)).toBeUndefined()
  })
})
