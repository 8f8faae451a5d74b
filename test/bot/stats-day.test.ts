/**
 * The owner's day view, `/stats сегодня` / `today` and `вчера` / `yesterday`: the business's day
 * from its local midnight (Moscow, UTC+3, in the demo) to the moment of asking, or the whole of
 * yesterday — the lines a day can say, without the funnel's shares, retention or the chart.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { orders } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { statsLine } from '../helpers/stats.ts'

const MINUTE = 60_000
const OLEG = 5_100_003

/** Every text the owner got for their last /stats: the report's messages, after "counting…". */
async function ask(h: Harness, words: string, language = 'ru'): Promise<{ text: string; photos: number }> {
  const owner = h.u.user(OWNER_ID, { language_code: language })
  const before = h.fake.sentTo(OWNER_ID).length
  await h.send(h.u.text(owner, `/stats ${words}`))
  const calls = h.fake.sentTo(OWNER_ID).slice(before)
  const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text))
  return {
    text: texts.filter((t) => t.startsWith('📊')).join('\n'),
    photos: calls.filter((c) => c.method === 'sendPhoto').length,
  }
}

/** A paid invoice of `rubles`, paid at `paidAt`. */
function paid(h: Harness, telegramId: number, rubles: number, paidAt: number) {
  const clientId = findClientByTelegramId(h.deps.db, telegramId)!.id
  h.deps.db
    .insert(orders)
    .values({ clientId, amount: rubles * 100, currency: 'RUB', status: 'paid', createdAt: paidAt, paidAt })
    .run()
}

describe('/stats for a day', () => {
  it("counts from the business's local midnight, not UTC's: events a minute either side of it fall in yesterday and today", async () => {
    // Sunday 22 November, 23:58 in Moscow (20:58 UTC); the team works 10:00–19:00 on weekdays
    const h = createHarness({ clock: createFakeClock('2026-11-22T20:58:00Z') })
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const oleg = h.u.user(OLEG, { first_name: 'Олег' })
    await sendThroughOutbox(h, h.u.text(oleg, '/duty on', { chatId: STAFF_GROUP_ID }))
    const anna = h.u.user(4401, { first_name: 'Анна' })
    const boris = h.u.user(4402, { first_name: 'Борис' })
    const vera = h.u.user(4403, { first_name: 'Вера' })

    // 23:58 and 23:59 on Sunday: Anna starts and asks for a manager; her 1 000 ₽ are paid at 23:59
    await sendThroughOutbox(h, h.u.text(anna, '/start'))
    h.clock.advance(MINUTE)
    await sendThroughOutbox(h, h.u.text(anna, '/manager'))
    await settle(h)
    paid(h, anna.id, 1_000, h.clock.now())
    // 00:01 on Monday: Boris starts, and his 2 500 ₽ are paid
    h.clock.set('2026-11-22T21:01:00Z')
    await sendThroughOutbox(h, h.u.text(boris, '/start'))
    paid(h, boris.id, 2_500, h.clock.now())
    // 02:30 on Monday, still Sunday in UTC: Vera starts
    h.clock.set('2026-11-22T23:30:00Z')
    await sendThroughOutbox(h, h.u.text(vera, '/start'))
    // 10:00: Boris asks for a manager, and Oleg answers him four minutes later; Anna's request waits
    h.clock.set('2026-11-23T07:00:00Z')
    await sendThroughOutbox(h, h.u.text(boris, '/manager'))
    await settle(h)
    h.clock.advance(4 * MINUTE)
    const topic = findClientByTelegramId(h.deps.db, boris.id)!.topicId!
    await h.send(h.u.staffText(oleg, topic, 'Здравствуйте, Борис!'))
    await h.drain()
    // The owner asks at 16:05
    h.clock.set('2026-11-23T13:05:00Z')

    const today = await ask(h, 'сегодня')
    expect(today.text.split('\n')[0]).toBe('📊 Статистика за день (сегодня, 23 нояб., 0:00 – 16:05)')
    // Boris and Vera started today (Vera at 02:30, before UTC's midnight); Anna yesterday
    expect(statsLine(today.text, 'Воронка')).toBe(
      'Воронка: начали за день — 2; из них дошли до шага или дальше: Анкета — 1, Квиз — 1, Запись / менеджер — 1, Оплата — 1, Переход к отзыву — 0',
    )
    expect(statsLine(today.text, '💬')).toBe(
      '💬 Обращения к менеджеру, открытые за период: 1, ответили 1; первый ответ (в рабочее время): медиана 4 мин, 90% — за 4 мин; в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 1 из 1 — 100%',
    )
    expect(statsLine(today.text, '💰')).toBe('💰 Оплачено за период: 2\u00a0500\u00a0₽ (счетов: 1)')
    expect(statsLine(today.text, '• Олег')).toBe(
      '• Олег: обращений 1, медиана ответа 4 мин, в срок 100%, оценок ответов нет',
    )
    // No retention and no chart for a day, and the report says so
    expect(statsLine(today.text, '🔁')).toBeUndefined()
    expect(today.text.split('\n').at(-1)).toBe(
      'ℹ️ За день нет долей шагов воронки, удержания покупателей и графика: клиенты доходят до оплаты и возвращаются за дни и недели — смотрите /stats 7d и дольше.',
    )
    expect(today.photos).toBe(0)

    // Yesterday, the whole of it: Anna's start, her request (unanswered past its deadline, Monday
    // 10:15) and her payment; nothing of Monday's first minutes
    const yesterday = await ask(h, 'вчера')
    expect(yesterday.text.split('\n')[0]).toBe('📊 Статистика за день (вчера, 22 нояб., 0:00 – 23 нояб., 0:00)')
    expect(statsLine(yesterday.text, 'Воронка')).toBe(
      'Воронка: начали за день — 1; из них дошли до шага или дальше: Анкета — 1, Квиз — 1, Запись / менеджер — 1, Оплата — 1, Переход к отзыву — 0',
    )
    expect(statsLine(yesterday.text, '💬')).toBe(
      '💬 Обращения к менеджеру, открытые за период: 1, ответили 0; в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 0 из 1 — 0%',
    )
    expect(statsLine(yesterday.text, '💰')).toBe('💰 Оплачено за период: 1\u00a0000\u00a0₽ (счетов: 1)')
    expect(yesterday.photos).toBe(0)

    // In English, the same day
    const english = await ask(h, 'today', 'en')
    expect(english.text.split('\n')[0]).toBe('📊 Stats for the day (today, 23 Nov, 0:00 – 16:05)')
    expect(statsLine(english.text, 'Funnel')).toBe(
      'Funnel: 2 started in the day; of them reached the step or went further: Questionnaire — 1, Quiz — 1, A call / a manager — 1, Payment — 1, Going to leave a review — 0',
    )
    expect(statsLine(english.text, '💰')).toBe('💰 Paid in the period: ₽2,500 (invoices: 1)')
    expect(english.text.split('\n').at(-1)).toBe(
      'ℹ️ A day has no funnel shares, no customer retention and no chart: clients take days and weeks to pay and come back — see /stats 7d or longer.',
    )
    expect((await ask(h, 'yesterday', 'en')).text.split('\n')[0]).toBe(
      '📊 Stats for the day (yesterday, 22 Nov, 0:00 – 23 Nov, 0:00)',
    )

    // As owners say it, the same day; a week is still a week, with its chart
    for (const words of ['today', '1d', '1д', '1 день', 'день', 'за день', 'за сегодня']) {
      expect((await ask(h, words)).text.split('\n')[0]).toBe('📊 Статистика за день (сегодня, 23 нояб., 0:00 – 16:05)')
    }
    expect((await ask(h, 'за вчера')).text.split('\n')[0]).toBe(
      '📊 Статистика за день (вчера, 22 нояб., 0:00 – 23 нояб., 0:00)',
    )
    const week = await ask(h, '7d')
    expect(week.text.split('\n')[0]).toBe('📊 Статистика за 7 дней (16 нояб., 16:05 – 23 нояб., 16:05)')
    expect(week.photos).toBe(1)
  })

  it('a day with nothing in it says so line by line, in Russian and in English', async () => {
    const h = createHarness()
    expect((await ask(h, 'сегодня')).text).toBe(
      [
        '📊 Статистика за день (сегодня, 23 нояб., 0:00 – 12:00)',
        '',
        'Воронка: новых клиентов за период не было — считать шаги не от кого.',
        '',
        '📞 Звонков за период не было: никто не записался, и на этот срок ничего не назначено.',
        '💬 Обращений к менеджеру за период не было.',
        '⭐ Оценок после заказа за период не было.',
        '💰 Оплат за период не было.',
        '',
        '👥 Менеджеры',
        'За период обращений не было.',
        '',
        'ℹ️ За день нет долей шагов воронки, удержания покупателей и графика: клиенты доходят до оплаты и возвращаются за дни и недели — смотрите /stats 7d и дольше.',
      ].join('\n'),
    )
    expect((await ask(h, 'yesterday', 'en')).text).toBe(
      [
        '📊 Stats for the day (yesterday, 22 Nov, 0:00 – 23 Nov, 0:00)',
        '',
        'Funnel: nobody new started in this period — no steps to count.',
        '',
        '📞 No calls in this period: none booked, none due.',
        '💬 No requests for a manager in this period.',
        '⭐ No ratings after an order in this period.',
        '💰 No payments in the period.',
        '',
        '👥 Managers',
        'No requests in this period.',
        '',
        'ℹ️ A day has no funnel shares, no customer retention and no chart: clients take days and weeks to pay and come back — see /stats 7d or longer.',
      ].join('\n'),
    )
  })

  it("is the owner's: a manager asking for today is refused and counts nothing", async () => {
    const h = createHarness()
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const oleg = h.u.user(OLEG)
    await h.send(h.u.text(oleg, '/stats сегодня'))
    expect(h.fake.textsTo(OLEG)).toEqual(['Эта команда — только для владельца бота.'])
  })
})
