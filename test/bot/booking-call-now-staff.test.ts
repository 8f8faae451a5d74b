import { describe, expect, it } from 'vitest'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { createHarness, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 12:00 in Moscow; the studio closes at 19:00.

describe('the staff hear of a "call me now" by the time promised', () => {
  it('moved: "до вт, 24 нояб., 10:10 → …", not a range from the evening it was asked', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55Z') // 18:55: promised for 10:10 the next morning
    const vera = h.u.user(7141, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    const [call] = bookingsOf(h, vera)
    await h.send(h.u.callback(vera, `bkm:resched:${call?.id}`), h.u.callback(vera, 'bkd:2026-11-25'))
    await h.send(h.u.callback(vera, slotData('2026-11-25T08:00Z')))
    await h.send(h.u.callback(vera, 'bk:ok'))
    await h.deps.scheduler.runDue()
    await h.drain()
    const notice = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(notice).toContain('Клиент перенёс звонок: до вт, 24 нояб., 10:10 → среда, 25 ноября, 11:00–11:30')
    expect(notice).not.toContain('18:55')
  })

  it('cancelled after its promised time: "Клиент отменил звонок: до 12:15"', async () => {
    const h = createHarness()
    const vera = h.u.user(7142, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    const [call] = bookingsOf(h, vera)
    h.clock.set('2026-11-23T09:20Z') // 12:20: late, unmarked
    await h.send(h.u.callback(vera, `bkm:cancel:${call?.id}`))
    await h.send(h.u.callback(vera, h.fake.lastButtonsTo(vera.id)[0]?.data ?? ''))
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Клиент отменил звонок: до 12:15 (Москва, UTC+3)')
  })

  it('erased after its promised time, unmarked: the staff are told that call is off too', async () => {
    const h = createHarness()
    const vera = h.u.user(7143, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    h.clock.set('2026-11-23T09:20Z') // 12:20: late, unmarked
    await h.send(h.u.text(vera, '/forget'))
    await h.send(h.u.callback(vera, 'forget:yes'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).toContain('📞 Звонок на 12:15 отменён: клиент удалил свои данные')
  })
})

/** Вера (`id`) asks for a call now at 12:00; the staff alert has gone. */
async function callNowAsked(id: number) {
  const h = createHarness()
  const vera = h.u.user(id, { first_name: 'Вера' })
  await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
  await h.deps.scheduler.runDue()
  await h.drain()
  return { h, vera }
}

describe('a "call me now" nobody made by its promised time', () => {
  it('the client is told we are late, as promised, and the team is reminded with the outcome buttons; once', async () => {
    const h = createHarness()
    const vera = h.u.user(7144, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    expect(h.fake.lastTextTo(vera.id)).toContain('обязательно предупредим')
    await h.deps.scheduler.runDue()
    await h.drain()
    const [call] = bookingsOf(h, vera)
    h.clock.set('2026-11-23T09:16Z') // 12:16: the promise (12:15) has passed, nobody marked the call
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(vera.id)).toBe(
      'Вера, простите: мы обещали перезвонить до 12:15 (Москва, UTC+3) и не успели. Менеджер позвонит на номер +7 916 123 45 67, как только освободится.',
    )
    const late = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.startsWith('⏰ Не успели перезвонить'))
    expect(late).toEqual([expect.stringContaining('(12:15, Москва, UTC+3): клиенту написали, что задерживаемся')])
    // The outcome buttons of this call (called, no answer, move, cancel), as on the first alert
    const outcomes = h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data ?? '')
    expect(outcomes.filter((d) => d.startsWith('bko:'))).toEqual([
      expect.stringMatching(new RegExp(`^bko:called:${call?.id}:`)),
      expect.stringMatching(new RegExp(`^bko:noans:${call?.id}:`)),
      expect.stringMatching(new RegExp(`^bko:resched:${call?.id}:`)),
      expect.stringMatching(new RegExp(`^bko:cancel:${call?.id}:`)),
    ])
    // Nothing more later: one word each
    h.clock.set('2026-11-23T12:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(vera.id).filter((t) => t.includes('не успели'))).toHaveLength(1)
  })

  it('a client Telegram will not let the bot write to: the team is reminded, and told the client was not', async () => {
    const { h, vera } = await callNowAsked(7146)
    h.fake.fail({ method: 'sendMessage', chatId: vera.id, error_code: 400, description: 'Bad Request: chat not found' })
    h.clock.set('2026-11-23T09:16Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const late = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.startsWith('⏰ Не успели перезвонить'))
    expect(late).toEqual([expect.stringContaining('и написать клиенту, что задерживаемся, не удалось')])
  })

  it('marked before its time: nobody is told anything', async () => {
    const { h, vera } = await callNowAsked(7145)
    const [call] = bookingsOf(h, vera)
    h.deps.services.booking.recordOutcome(call!.id, 'called')
    h.clock.set('2026-11-23T09:16Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(vera.id).join('\n')).not.toContain('не успели')
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).not.toContain('Не успели перезвонить')
  })
})
