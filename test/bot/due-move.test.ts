/**
 * A later due date agreed with the client: `/due` in their topic moves an unpaid invoice's due date
 * and its reminders with it, tells the client the new date and the topic who moved it; a client who
 * asks to pay later in their request has the reminders still planned named under the message, with
 * how to move the date. And /followups' ✖ confirms the time the list named.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { settle } from '../helpers/desk.ts'
import { relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_000_291

/** A client in an open request with Maria (ru) or Tom (en) answering, each side in `lang`. */
async function setup(lang: 'ru' | 'en', userId: number) {
  const h = createHarness(lang === 'en' ? { config: { DEFAULT_LOCALE: 'en' } } : {})
  const staffName = lang === 'en' ? 'Tom' : 'Мария'
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, staffName)
  const manager = h.u.user(MANAGER_ID, { first_name: staffName })
  const user = h.u.user(userId, { first_name: lang === 'en' ? 'Kate' : 'Анна', language_code: lang })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
  if (!topicId) throw new Error('no topic was created')
  const staff = async (text: string) => {
    await h.send(h.u.staffText(manager, topicId, text))
    await settle(h)
  }
  const says = async (text: string) => {
    await h.send(h.u.text(user, text))
    await settle(h)
  }
  const runAt = async (iso: string) => {
    h.clock.set(iso)
    await h.deps.scheduler.runDue()
    await settle(h)
  }
  /** The staff group's posts in the topic since `from`. */
  const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId)
  return { h, user, manager, topicId, staff, says, runAt, topic }
}

/** What the client got that speaks of invoice #`id`. */
function aboutInvoice(h: Harness, userId: number, id: number): string[] {
  return h.fake.textsTo(userId).filter((t) => t.includes(`#${id}`) || t.includes(`№${id}`))
}

describe('/due: a later due date agreed with the client', () => {
  it('en: "can I pay mid-January?" names the reminders still planned; /due 15.01 moves them, tells the client in one line and the topic who did it', async () => {
    const { h, user, staff, says, runAt, topic } = await setup('en', 7291)
    // Monday 23 November 2026, 12:00 in Moscow
    await staff('/invoice 45000 31.12 Landing page')
    h.fake.clearCalls()
    await says('Is it alright if I pay the rest a bit later, maybe mid-January?')
    const note = topic().find((t) => t.includes('still go by that date'))
    expect(note).toMatch(/^📅 Invoice #1 \(₽45,000\) is due .*31 December.*; its reminders still go by that date:/u)
    expect(note).toMatch(/• .*30 Dec.*11:00 — payment reminder for invoice #1/)
    expect(note).toMatch(/• .*4 Jan.* — payment reminder for invoice #1 \(overdue\)/)
    expect(note).toContain('Agreed on a later date? /due 15.01 moves the due date and its reminders')

    await staff('Of course, mid-January is fine')
    h.fake.clearCalls()
    await staff('/due 15.01')
    expect(aboutInvoice(h, user.id, 1)).toEqual(['Kate, the due date of invoice #1 is now 15 January 2027.'])
    const moved = topic().at(-1) ?? ''
    expect(moved).toMatch(
      /^📅 The due date of invoice #1 \(₽45,000\) moved from .*31 December.* to .*15 January.* \(Tom\); the client was told\./u,
    )
    expect(moved).toMatch(/Reminders while unpaid: .*14 Jan.*11:00; .*15 Jan.*11:00; /)

    // Nothing of the old date: not on the 30th, the 31st or the 4th
    h.fake.clearCalls()
    for (const at of ['2026-12-30T08:30:00Z', '2026-12-31T08:30:00Z', '2027-01-04T09:30:00Z', '2027-01-13T20:00:00Z'])
      await runAt(at)
    expect(aboutInvoice(h, user.id, 1)).toEqual([])
    // The new date's own, in its own words
    await runAt('2027-01-14T08:30:00Z')
    expect(aboutInvoice(h, user.id, 1)).toEqual([expect.stringMatching(/^Kate, .*invoice #1.*tomorrow/)])
    await runAt('2027-01-15T08:30:00Z')
    expect(aboutInvoice(h, user.id, 1).at(-1)).toMatch(/15 January|today/)
    expect(aboutInvoice(h, user.id, 1).join('\n')).not.toContain('31 December')
    expect(h.errors()).toEqual([])
  })

  it('ru: with two unpaid invoices /due asks which; "/due №2 15 января" moves that one only; a bad date is explained', async () => {
    const { h, user, staff, runAt, topic } = await setup('ru', 7292)
    await staff('/invoice 45000 31.12 Лендинг')
    await staff('/invoice 5000 25.12 Хостинг')
    h.fake.clearCalls()
    await staff('/due 15.01')
    expect(topic().at(-1)).toMatch(
      /^У клиента несколько неоплаченных счетов: №2 .*№1 .*Укажите номер: \/due №2 15\.01$/u,
    )
    await staff('/due №2 когда-нибудь')
    expect(topic().at(-1)).toMatch(/^Напишите новый срок: \/due 15\.01/)
    await staff('/due №7 15.01')
    expect(topic().at(-1)).toMatch(/^У клиента нет неоплаченного счёта №7\. Неоплаченные: №2/)
    expect(h.fake.textsTo(user.id)).toEqual([])

    await staff('/due №2 15 января')
    expect(aboutInvoice(h, user.id, 2)).toEqual(['Анна, новый срок оплаты счёта №2: 15 января 2027 г.'])
    expect(topic().at(-1)).toMatch(
      /^📅 Срок оплаты счёта №2 \(5\s000\s₽\) перенесён с .*25 декабря.* на .*15 января.* \(Мария\); клиенту сообщили\./u,
    )
    // Invoice #2 is no longer reminded of on 24–25 December; #1 keeps its own date
    h.fake.clearCalls()
    await runAt('2026-12-24T08:30:00Z')
    await runAt('2026-12-25T08:30:00Z')
    expect(aboutInvoice(h, user.id, 2)).toEqual([])
    await runAt('2026-12-30T08:30:00Z')
    expect(aboutInvoice(h, user.id, 1)).toEqual([expect.stringMatching(/^Анна, завтра срок оплаты счёта №1\./)])
    await runAt('2026-12-31T08:30:00Z')
    await runAt('2027-01-04T09:30:00Z')
    expect(aboutInvoice(h, user.id, 2)).toEqual([])
    await runAt('2027-01-14T08:30:00Z')
    expect(aboutInvoice(h, user.id, 2).at(-1)).toMatch(/^Анна, завтра срок оплаты счёта №2\./)
    expect(h.errors()).toEqual([])
  })

  it('ru: «можно оплатить в январе?» in the request names the reminders and /due with the number when there are several', async () => {
    const { h, staff, says, topic } = await setup('ru', 7293)
    await staff('/invoice 45000 31.12 Лендинг')
    await staff('/invoice 5000 Хостинг')
    h.fake.clearCalls()
    await says('А можно оплатить в январе?')
    const note = topic().find((t) => t.includes('напоминания по нему идут по этому сроку')) ?? ''
    expect(note).toMatch(
      /^📅 Срок оплаты счёта №1 \(45\s000\s₽\) — .*31 декабря.*; напоминания по нему идут по этому сроку:/u,
    )
    expect(note).toMatch(/• .*30 дек.*11:00 — напоминание об оплате счёта №1/)
    expect(note).toContain('У счёта №2 (5\u00a0000\u00a0₽) нет срока оплаты')
    expect(note).toMatch(/Договорились о другом сроке\? \/due №\d 15\.01 переносит срок оплаты и напоминания/)
    // Words of anything else add nothing
    h.fake.clearCalls()
    await says('И ещё вопрос по дизайну главной')
    expect(topic().some((t) => t.includes('напоминания по нему'))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it.each([
    ['ru', 'а можно оплатить на месте, после работы? в понедельник-вторник', 'напоминания по нему идут по этому сроку'],
    ['ru', 'оплачу при получении', 'напоминания по нему идут по этому сроку'],
    ['ru', 'а можно заплатить в пятницу?', 'напоминания по нему идут по этому сроку'],
    ['en', 'can I pay on pickup?', 'still go by that date'],
  ] as const)('%s: «%s» asks to pay later too: the topic names the reminders and /due', async (lang, text, line) => {
    const { h, staff, says, topic } = await setup(lang, 7294)
    await staff('/invoice 45000 31.12 Лендинг')
    h.fake.clearCalls()
    await says(text)
    const note = topic().find((t) => t.includes(line)) ?? ''
    expect(note).toMatch(lang === 'ru' ? /^📅 Срок оплаты счёта №1 / : /^📅 Invoice #1 /)
    expect(note).toContain('/due 15.01')
    expect(h.errors()).toEqual([])
  })

  it.each([
    ['ru', 'Оплатила в пятницу, проверьте пожалуйста'],
    ['ru', 'Перевела в понедельник, счёт закрыт?'],
    ['ru', 'заплатил ещё в декабре, а напоминания приходят'],
    ['en', 'I paid on Friday, can you check the payment?'],
  ] as const)('%s: «%s» says when it was paid, not a later date: no note of the reminders', async (lang, text) => {
    const { h, user, staff, says, topic } = await setup(lang, 7295)
    await staff('/invoice 45000 31.12 Лендинг')
    h.fake.clearCalls()
    await says(text)
    // The team reads the words all the same
    expect(relayedToGroup(h, user.id)).toHaveLength(1)
    expect(topic().some((t) => t.includes('/due'))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('ru: a payment made and one yet to make on a day named: «оплатила половину, остальное доплачу в пятницу» asks to pay later', async () => {
    const { h, staff, says, topic } = await setup('ru', 7296)
    await staff('/invoice 45000 31.12 Лендинг')
    h.fake.clearCalls()
    await says('оплатила половину, остальное доплачу в пятницу')
    expect(topic().find((t) => t.includes('напоминания по нему идут по этому сроку')) ?? '').toContain('/due 15.01')
    expect(h.errors()).toEqual([])
  })
})

describe('/followups ✖: the confirmation names the time the list named', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`${lang}: an overdue reminder due on a closed Sunday goes at Monday's opening — the list and the confirmation both say Monday`, async () => {
      const { h, manager, topicId, staff } = await setup(lang, lang === 'ru' ? 7294 : 7295)
      await staff('/invoice 45000 31.12')
      await staff('/followups')
      const list = h.fake.lastTextTo(STAFF_GROUP_ID)
      const label =
        lang === 'ru' ? 'напоминание об оплате счёта №1 (срок прошёл)' : 'payment reminder for invoice #1 (overdue)'
      const line = list.split('\n').find((l) => l.endsWith(label)) ?? ''
      const [, n, when] = /^(\d+)\. (.*) — /.exec(line) ?? []
      expect(when).toMatch(lang === 'ru' ? /пн, 4 янв/ : /Mon.* 4 Jan/)
      const button = h.fake.lastButtonsTo(STAFF_GROUP_ID).find((b) => b.text === `✖ ${n}`)
      await h.send(h.u.callback(manager, button?.data ?? '', { chatId: STAFF_GROUP_ID, threadId: topicId }))
      await settle(h)
      expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
        lang === 'ru' ? `Отменено (Мария): ${label} — ${when}.` : `Cancelled by Tom: ${label} — ${when}.`,
      )
      expect(h.errors()).toEqual([])
    })
  }
})
