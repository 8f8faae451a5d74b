/**
 * What the /stats chart's key numbers say: the words drawn into the picture the owner gets (the
 * SVG the PNG is rendered from, recorded on its way). The numbers are tested with the text report.
 */
import { describe, expect, it, vi } from 'vitest'
import { events, feedback, orders } from '../../db/schema.ts'
import { seedClient } from '../helpers/clients.ts'
import { createHarness, type Harness, OWNER_ID } from '../helpers/harness.ts'

const drawn = vi.hoisted(() => [] as string[])
vi.mock('../../src/services/stats-chart.ts', async (importOriginal) => {
  const chart = await importOriginal<typeof import('../../src/services/stats-chart.ts')>()
  return {
    ...chart,
    // The real picture, kept to read its words
    buildStatsSvg: (input: Parameters<typeof chart.buildStatsSvg>[0]) => {
      const svg = chart.buildStatsSvg(input)
      drawn.push(svg)
      return svg
    },
  }
})

const DAY = 86_400_000
/** Answer time, answered in time, missed calls, average rating, would recommend, customers kept. */
const KEY_NUMBERS = 6

/** The words of the owner's last chart, one per text element, in order. */
async function chartWords(h: Harness, language: string): Promise<string[]> {
  await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: language }), '/stats 30d'))
  expect(h.fake.sentTo(OWNER_ID).at(-1)?.method).toBe('sendPhoto')
  const svg = drawn.at(-1) ?? ''
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))
}

/** The key numbers under their heading: each label followed by its value. */
function keyNumbers(words: string[], heading: string): string[] {
  const start = words.indexOf(heading)
  expect(start).toBeGreaterThan(0)
  return words.slice(start + 1, start + 1 + 2 * KEY_NUMBERS)
}

describe('/stats chart: the key numbers in plain words', () => {
  it('with nothing to measure, each key number says why, with no abbreviations and no measure no flow asks', async () => {
    const h = createHarness()
    const english = await chartWords(h, 'en')
    const facts = keyNumbers(english, 'Key numbers')
    expect(facts).toEqual([
      'First reply (working time): median / 90%',
      'no requests',
      'Answered in time (now 15 working minutes)',
      'no requests',
      'Missed calls (no-shows)',
      'no calls held or missed',
      'Average rating after an order',
      'no ratings',
      'Would recommend us (from −100 to +100)',
      'no ratings',
      'Paying customers kept',
      'no paying customers at the start',
    ])
    // Nor a dash for a number: the funnel's bars of nobody have no share of the start either
    expect(english.join(' ')).not.toMatch(/CSAT|NPS|CES|CRR|—/)
    const russian = keyNumbers(await chartWords(h, 'ru'), 'Главное')
    expect(russian).toEqual([
      'Первый ответ (рабочее время): медиана / 90%',
      'обращений не было',
      'Ответ в срок (сейчас 15 мин рабочего времени)',
      'обращений не было',
      'Не ответили на звонок',
      'звонков с итогом не было',
      'Средняя оценка после заказа',
      'оценок не было',
      'Готовность рекомендовать (от −100 до +100)',
      'оценок не было',
      'Удержание покупателей',
      'на начало покупателей не было',
    ])
    expect(h.errors()).toEqual([])
  })

  it('with ratings and customers, the values are the numbers, said as the text report says them', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const client = seedClient(h.deps, 861).id
    h.deps.db
      .insert(feedback)
      .values([
        { clientId: client, kind: 'checkin', score: 4, createdAt: now - DAY },
        { clientId: client, kind: 'nps', score: 10, createdAt: now - DAY },
      ])
      .run()
    // A customer since before the period, active in it (wrote to the bot yesterday)
    h.deps.db
      .insert(events)
      .values({ clientId: client, type: 'start', createdAt: now - DAY })
      .run()
    h.deps.db
      .insert(orders)
      .values({
        clientId: client,
        amount: 4_500_000,
        currency: 'RUB',
        status: 'paid',
        createdAt: now - 40 * DAY,
        paidAt: now - 40 * DAY,
      })
      .run()
    const facts = keyNumbers(await chartWords(h, 'en'), 'Key numbers')
    expect(facts.slice(6, 12)).toEqual([
      'Average rating after an order',
      '4.0 of 5',
      'Would recommend us (from −100 to +100)',
      '+100',
      'Paying customers kept',
      '100%',
    ])
    const russian = keyNumbers(await chartWords(h, 'ru'), 'Главное')
    expect(russian.slice(6, 8)).toEqual(['Средняя оценка после заказа', '4,0 из 5'])
  })
})
