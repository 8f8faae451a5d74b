import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC: 12:00 in Moscow (the demo's zone)

/** The times on the last picker the client got (the slot buttons alone). */
const times = (h: Harness, user: TestUser) =>
  h.fake
    .lastButtonsTo(user.id)
    .filter((b) => b.data?.startsWith('bks:'))
    .map((b) => b.text)

const clientIdOf = (h: Harness, user: TestUser) => findClientByTelegramId(h.deps.db, user.id)?.id ?? 0

describe('a client’s own time zone, where she decides', () => {
  it('the booking’s times are on her clock, ours named in the line above them, and a time typed there is hers (English, London)', async () => {
    const h = createHarness()
    const user = h.u.user(9_320_001, { first_name: 'Emma', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone London'), h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Times are in this time zone: your time, UK time, UTC; ours is 3 hours ahead: Moscow Time, UTC+3.',
    )
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Tomorrow, 24 November — pick a time that suits you (your time, UK time, UTC; ours is 3 hours ahead: Moscow Time, UTC+3). A call takes up to 30 min. 🌅 — early morning where you are (7:00–9:00 your time).',
    )
    const shown = times(h, user)
    // 10:00–18:30 in Moscow is 7:00–15:30 in London: 7:00 is her early morning
    expect(shown[0]).toBe('🌅 7:00')
    expect(shown.at(-1)).toBe('15:30')
    // Typed as the button reads, it is that button: 15:30 hers, 18:30 ours — said back on her clock,
    // ours named after it, as the buttons name them
    await h.send(h.u.text(user, '15:30'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^✔️ Call: Tuesday 24 November, 15:30–16:00 \(your time, UK time, UTC; ours is 3 hours ahead: Moscow Time, UTC\+3\)/,
    )
    expect(h.errors()).toEqual([])
  })

  it('a day and a time typed together are hers too, and said back on her clock (London, English; Vladivostok, Russian)', async () => {
    const h = createHarness()
    const emma = h.u.user(9_320_011, { first_name: 'Emma', language_code: 'en' })
    await h.send(h.u.text(emma, '/start'), h.u.text(emma, '/timezone London'), h.u.text(emma, '/book'))
    // Her tomorrow at her 3 PM: 18:00 ours (it was read as ours, 15:00 Moscow, noon for her)
    await h.send(h.u.text(emma, 'tomorrow at 3pm'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(
      /^✔️ Call: Tuesday 24 November, 15:00–15:30 \(your time, UK time, UTC; ours is 3 hours ahead: Moscow Time, UTC\+3\)\.\n\nWhich number/,
    )
    await h.send(h.u.text(emma, '+44 20 7946 0958'), h.u.callback(emma, 'bk:skip'))
    await h.send(h.u.callback(emma, 'bk:ok', { messageId: h.fake.messageWithButton(emma.id, 'bk:ok') }))
    expect(h.deps.services.booking.upcomingFor(clientIdOf(h, emma))[0]?.slotStart).toBe(
      Date.parse('2026-11-24T15:00:00Z'),
    )

    // Vladivostok is 7 hours ahead of Moscow: her Thursday 18:00 is 11:00 ours
    const olga = h.u.user(9_320_012, { first_name: 'Ольга' })
    await h.send(h.u.text(olga, '/start'), h.u.text(olga, '/timezone Владивосток'), h.u.text(olga, '/book'))
    await h.send(h.u.text(olga, 'в четверг в 18'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(
      /^✔️ Звонок: четверг, 26 ноября, 18:00–18:30 \(ваше время, Владивосток, UTC\+10; у нас на 7 часов меньше: Москва, UTC\+3\)\./,
    )
    // Her «завтра в 10 утра» is 3:00 ours: not a time of ours, and said so on both clocks
    await h.send(h.u.callback(olga, 'bk:other'), h.u.text(olga, 'завтра в 10 утра'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(/^10:00 по вашему времени — это 3:00 по-нашему \(Москва, UTC\+3\)/)
    expect(h.errors()).toEqual([])
  })

  it('a far-east client’s times after her midnight name their day on her clock (Vladivostok, Russian; Tokyo, English)', async () => {
    const h = createHarness()
    const olga = h.u.user(9_320_021, { first_name: 'Ольга' })
    await h.send(h.u.text(olga, '/start'), h.u.text(olga, '/timezone Владивосток'), h.u.text(olga, '/book'))
    await h.send(h.u.callback(olga, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(/^Завтра, 24 ноября — выберите удобное время/)
    // 10:00–18:30 in Moscow is 17:00 on Tuesday to 1:30 on Wednesday in Vladivostok
    const shown = times(h, olga)
    expect(shown.slice(0, 2)).toEqual(['17:00', '17:30'])
    expect(shown.slice(-5)).toEqual(['🌙 23:30', '🌙 ср 0:00', '🌙 ср 0:30', '🌙 ср 1:00', '🌙 ср 1:30'])
    // Every button's text stays short (Telegram shows four a row)
    expect(shown.every((text) => text.length <= 16)).toBe(true)
    const ken = h.u.user(9_320_022, { first_name: 'Ken', language_code: 'en' })
    await h.send(h.u.text(ken, '/start'), h.u.text(ken, '/timezone Tokyo'), h.u.text(ken, '/book'))
    await h.send(h.u.callback(ken, 'bkd:2026-11-24'))
    // Tokyo is 6 hours ahead: 18:00 and 18:30 ours are past midnight there
    expect(times(h, ken).slice(-3)).toEqual(['🌙 23:30', '🌙 Wed 0:00', '🌙 Wed 0:30'])
    expect(h.errors()).toEqual([])
  })

  it('in Russian too: a Novosibirsk client taps her 14:00, and the read-back names both clocks', async () => {
    const h = createHarness()
    const user = h.u.user(9_320_002, { first_name: 'Ирина' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone Новосибирск'), h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'ваше время, Новосибирск, UTC+7; у нас на 4 часа меньше: Москва, UTC+3',
    )
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Завтра, 24 ноября — выберите удобное время \(ваше время, Новосибирск, UTC\+7; у нас на 4 часа меньше: Москва, UTC\+3\)\./,
    )
    const shown = times(h, user)
    expect(shown.slice(0, 2)).toEqual(['14:00', '14:30'])
    expect(shown.slice(-2)).toEqual(['🌙 22:00', '🌙 22:30'])
    const first = h.fake.lastButtonsTo(user.id).find((b) => b.text === '14:00')!
    await h.send(h.u.callback(user, first.data!))
    await h.send(h.u.text(user, '+7 913 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      '📞 Звонок: вторник, 24 ноября, 10:00–10:30\n🕐 Часовой пояс: Москва, UTC+3; у вас 14:00',
    )
    expect(h.errors()).toEqual([])
  })

  it('the phone’s example is of her country: a London number for London, no country guessed for Berlin', async () => {
    const h = createHarness()
    const ask = async (id: number, zone: string, language_code?: string) => {
      const user = h.u.user(id, { first_name: 'Kim', ...(language_code ? { language_code } : {}) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, `/timezone ${zone}`), h.u.text(user, '/book'))
      await h.send(h.u.callback(user, 'bkd:2026-11-24'))
      const slot = h.fake.lastButtonsTo(user.id).find((b) => b.data?.startsWith('bks:'))!
      await h.send(h.u.callback(user, slot.data!))
      return h.fake.lastTextTo(user.id)
    }
    expect(await ask(9_320_003, 'London', 'en')).toContain('type it, e.g. +44 20 7946 0958.')
    expect(await ask(9_320_004, 'Берлин')).toContain('например +(код страны) (номер).')
    expect(await ask(9_320_005, 'Berlin', 'en')).toContain('e.g. +(country code) (number).')
    // No zone of her own: the business's country, as before
    const local = h.u.user(9_320_006, { first_name: 'Олег' })
    await h.send(h.u.text(local, '/start'), h.u.text(local, '/book'), h.u.callback(local, 'bkd:2026-11-24'))
    const slot = h.fake.lastButtonsTo(local.id).find((b) => b.data?.startsWith('bks:'))!
    await h.send(h.u.callback(local, slot.data!))
    expect(h.fake.lastTextTo(local.id)).toContain('+7 916 123 45 67')
    expect(h.errors()).toEqual([])
  })

  it('/timezone promises news in her daytime only to one who gets news', async () => {
    const h = createHarness()
    const said = async (id: number, consent: 'yes' | 'no', language_code?: string) => {
      const user = h.u.user(id, { first_name: 'Sam', ...(language_code ? { language_code } : {}) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, `consent:${consent}`))
      await h.send(h.u.text(user, '/timezone London'))
      return h.fake.lastTextTo(user.id)
    }
    expect(await said(9_320_007, 'no', 'en')).toContain('send reminders and questions in your daytime')
    expect(await said(9_320_008, 'yes', 'en')).toContain('send reminders, questions and news in your daytime')
    expect(await said(9_320_009, 'no')).toContain('а напоминания и вопросы присылать днём по вашим часам')
    expect(await said(9_320_010, 'yes')).toContain('а напоминания, вопросы и новости присылать днём по вашим часам')
    expect(h.errors()).toEqual([])
  })

  it('/mydata shows her consent’s time and the file’s local time on her clock, the zone named', async () => {
    const h = createHarness()
    const mine = async (id: number, zone: string, language_code?: string) => {
      const user = h.u.user(id, { first_name: 'Ann', ...(language_code ? { language_code } : {}) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
      await h.send(h.u.text(user, `/timezone ${zone}`), h.u.text(user, '/mydata'))
      const call = h.fake.sentTo(user.id).findLast((c) => c.method === 'sendDocument')!
      return { caption: String(call.payload.caption), json: JSON.parse(call.files.document!.data.toString('utf8')) }
    }
    const london = await mine(9_320_011, 'London', 'en')
    expect(london.caption).toContain('News: you are subscribed, consent given Mon 23 Nov, 9:00 (UK time, UTC).')
    expect(london.json.about_this_file).toEqual({
      note: expect.stringContaining(
        "the company's time is Moscow Time, UTC+3, yours Europe/London (exported_at_local is on your clock).",
      ),
      business_time_zone: 'Europe/Moscow',
      your_time_zone: 'Europe/London',
      exported_at_local: '2026-11-23 09:00',
    })
    const novosibirsk = await mine(9_320_012, 'Новосибирск')
    expect(novosibirsk.caption).toContain('согласие дано пн, 23 нояб., 16:00 (Новосибирск, UTC+7)')
    expect(novosibirsk.json.about_this_file).toMatchObject({
      note: expect.stringContaining(
        'время компании — Москва, UTC+3, ваше — Новосибирск, UTC+7 (exported_at_local — по вашим часам).',
      ),
      your_time_zone: 'Asia/Novosibirsk',
      exported_at_local: '2026-11-23 16:00',
    })
    expect(h.errors()).toEqual([])
  })

  it('the answer time the team promises carries her clock once she set her zone (the one way, zoneForReader), both languages', async () => {
    const h = createHarness()
    const en = h.u.user(9_320_013, { first_name: 'Lucy', language_code: 'en' })
    await h.send(h.u.text(en, '/start'), h.u.text(en, '/timezone London'), h.u.callback(en, 'menu:manager'))
    expect(h.fake.textsTo(en.id).join('\n')).toMatch(/by 12:15 \(Moscow Time, UTC\+3 — 9:15 your time\)/)
    const ru = h.u.user(9_320_014, { first_name: 'Оля' })
    await h.send(h.u.text(ru, '/start'), h.u.text(ru, '/timezone Новосибирск'), h.u.callback(ru, 'menu:manager'))
    expect(h.fake.textsTo(ru.id).join('\n')).toMatch(/до 12:15 \(Москва, UTC\+3; у вас 16:15\)/)
    expect(h.errors()).toEqual([])
  })
})
