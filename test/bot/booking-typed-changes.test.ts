/**
 * A New York business's booking as its clients type it: a new time said at the comment question
 * or the confirmation, a time on "my time", "yes move it", "11:30 works", and which times are
 * marked as the client's night or early morning.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookingsOf, contentWith, slotData } from '../helpers/booking.ts'
import { createHarness, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC: 4:00 AM in New York (UTC−5), where
// the demo studio works Mon–Fri 10–19, Sat 11–16 here; 1:00 AM in Los Angeles (UTC−8)
const newYork = () => createHarness({ content: contentWith({ business: { timezone: 'America/New_York' } }) })
const ET = 'ET, UTC−5'

/** A client who set their zone with /timezone. */
async function clientIn(h: Harness, id: number, zone: string | null, language = 'en') {
  const user = h.u.user(id, { first_name: 'Kate', language_code: language })
  await h.send(h.u.text(user, '/start'))
  if (zone) h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)!.id, zone)
  return user
}

/** What the staff group was sent about the client's booking (notices, its topic). */
async function staffTexts(h: Harness): Promise<string[]> {
  await h.deps.scheduler.runDue()
  await h.drain()
  return h.fake.textsTo(STAFF_GROUP_ID)
}

describe('a new time said at the comment question or the confirmation', () => {
  it('"actually make it 4" at the comment question moves the call to 4 PM and is no comment; the confirmation takes "no I said make it 5pm"', async () => {
    const h = newYork()
    const kate = await clientIn(h, 5301, null)
    await h.send(h.u.text(kate, '/book'), h.u.text(kate, 'tmrw at 3pm'), h.u.text(kate, '+1 212 555 0100'))
    expect(h.fake.lastTextTo(kate.id)).toContain('Anything the manager should know before the call?')
    const commentAsk = h.fake.messageWithButton(kate.id, 'bk:skip')
    await h.send(h.u.text(kate, 'actually make it 4'))
    const check = h.fake.lastTextTo(kate.id)
    expect(check).toContain('📞 Call: Tuesday, November 24, 4:00 PM–4:30 PM\n')
    expect(check).not.toContain('Comment')
    // The question's "No comment" is gone: the confirmation is the step now
    expect(h.fake.keyboardOf(kate.id, commentAsk ?? 0)).toBeUndefined()
    await h.send(h.u.text(kate, 'no I said make it 5pm'))
    expect(h.fake.lastTextTo(kate.id)).toContain('📞 Call: Tuesday, November 24, 5:00 PM–5:30 PM\n')
    await h.send(h.u.callback(kate, 'bk:ok'))
    expect(h.fake.lastTextTo(kate.id)).toContain('📞 Tuesday, November 24, 5:00 PM–5:30 PM')
    expect(bookingsOf(h, kate)).toMatchObject([
      { slotStart: Date.parse('2026-11-24T22:00Z'), comment: null, status: 'booked' },
    ])
    // The team reads the call at 5 PM with no comment: "actually make it 4" was none
    const staff = (await staffTexts(h)).join('\n')
    expect(staff).toContain('🗓 Новая запись на звонок: вторник, 24 ноября, 17:00–17:30 (Нью-Йорк, UTC−5)')
    expect(staff).not.toContain('Комментарий')
    expect(staff).not.toContain('make it')
    expect(h.errors()).toEqual([])
  })

  it('in Russian too: "лучше в 16" and "давайте в пятницу в 11" at the comment question; a time not offered is said so', async () => {
    const h = createHarness()
    const anna = await clientIn(h, 5302, null, 'ru')
    await h.send(h.u.text(anna, '/book'), h.u.callback(anna, 'bkd:2026-11-24'))
    await h.send(h.u.callback(anna, slotData('2026-11-24T12:00Z')), h.u.text(anna, '+7 916 123-45-67'))
    await h.send(h.u.text(anna, 'лучше в 16'))
    expect(h.fake.lastTextTo(anna.id)).toContain('вторник, 24 ноября, 16:00–16:30')
    expect(h.fake.lastTextTo(anna.id)).not.toContain('Комментарий')
    await h.send(h.u.callback(anna, 'bk:stop'))

    const ivan = await clientIn(h, 5303, null, 'ru')
    await h.send(h.u.text(ivan, '/book'), h.u.callback(ivan, 'bkd:2026-11-24'))
    await h.send(h.u.callback(ivan, slotData('2026-11-24T12:00Z')), h.u.text(ivan, '+7 916 123-45-68'))
    await h.send(h.u.text(ivan, 'давайте в пятницу в 11'))
    expect(h.fake.lastTextTo(ivan.id)).toContain('пятница, 27 ноября, 11:00–11:30')
    expect(h.fake.lastTextTo(ivan.id)).not.toContain('Комментарий')

    // 23:00 is no time of ours: said so, with the day's times; nothing is kept as the comment
    const olga = await clientIn(h, 5304, null, 'ru')
    await h.send(h.u.text(olga, '/book'), h.u.callback(olga, 'bkd:2026-11-24'))
    await h.send(h.u.callback(olga, slotData('2026-11-24T12:00Z')), h.u.text(olga, '+7 916 123-45-69'))
    await h.send(h.u.text(olga, 'лучше в 23:00'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(
      /^Это время в тот день занято или нерабочее — выберите из свободных 👇\n\nЗавтра, 24 ноября/,
    )
    await h.send(h.u.text(olga, '17:00'))
    await h.send(h.u.callback(olga, 'bk:skip'))
    await h.send(h.u.callback(olga, 'bk:ok'))
    expect(bookingsOf(h, olga)).toMatchObject([{ slotStart: Date.parse('2026-11-24T14:00Z'), comment: null }])
    expect(h.errors()).toEqual([])
  })

  it('words for the manager at the confirmation are answered: passed on, and the call is not booked yet', async () => {
    const h = newYork()
    const kate = await clientIn(h, 5305, null)
    await h.send(h.u.text(kate, '/manager'))
    await h.send(h.u.text(kate, '/book'), h.u.text(kate, 'tmrw at 3pm'), h.u.text(kate, '+1 212 555 0100'))
    await h.send(h.u.callback(kate, 'bk:skip'))
    await h.drain()
    const sent = h.fake.textsTo(kate.id).length
    await h.send(h.u.text(kate, 'can you tell me about your prices first please'))
    expect(h.fake.textsTo(kate.id).slice(sent)).toEqual([
      "I've passed that on to the manager. The call is not booked yet — tap “✅ Confirm” above when it suits you, or “🔄 Another time”.",
    ])
    // The manager reads it in the client's topic, as any message of theirs, and what she was told under it
    await h.drain()
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('can you tell me about your prices'))
    expect(inTopic).toHaveLength(1)
    expect(inTopic[0]).toContain("Бот отправил клиенту: I've passed that on to the manager.")
    // The confirmation above still books
    await h.send(h.u.callback(kate, 'bk:ok'))
    expect(bookingsOf(h, kate)).toMatchObject([{ slotStart: Date.parse('2026-11-24T20:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })
})

describe('a time said on "my time"', () => {
  it('a Los Angeles client: "wednesday 2pm my time" is 5 PM ours, booked and moved so; one not offered says what it is here', async () => {
    const h = newYork()
    const lia = await clientIn(h, 5311, 'America/Los_Angeles')
    await h.send(h.u.text(lia, '/book'), h.u.text(lia, 'wednesday 2pm my time'))
    expect(h.fake.lastTextTo(lia.id)).toMatch(
      /^✔️ Call: Wednesday, November 25, 2:00 PM–2:30 PM \(your time, PT, UTC−8; ours is 3 hours ahead: ET, UTC−5\)\.\n\nWhich number/,
    )
    await h.send(h.u.text(lia, '+1 310 555 0100'), h.u.callback(lia, 'bk:skip'))
    await h.send(h.u.callback(lia, 'bk:ok'))
    const [call] = bookingsOf(h, lia)
    expect(call).toMatchObject({ slotStart: Date.parse('2026-11-25T22:00Z') })

    // Moving it: the day's times, and a time typed there on her clock
    await h.send(h.u.callback(lia, `bkm:resched:${call?.id}`), h.u.callback(lia, 'bkd:2026-11-26'))
    await h.send(h.u.text(lia, '9am local time'))
    expect(h.fake.lastTextTo(lia.id)).toContain(
      'New time: Thursday, November 26, 12:00 PM–12:30 PM (ET, UTC−5 — 9:00 AM your time)',
    )
    // 9 PM hers is midnight ours: refused, saying so, with that day's times
    await h.send(h.u.callback(lia, 'bk:other'), h.u.text(lia, 'thursday 9pm my time'))
    expect(h.fake.lastTextTo(lia.id)).toMatch(
      /^9:00 PM your time is 12:00 AM our time \(ET, UTC−5\) — that time is taken or outside our hours; please pick a free one 👇\n\nFriday, November 27/,
    )
    expect(h.errors()).toEqual([])
  })

  it('"по моему времени", "по-моему времени" and "мск" are read on those clocks', async () => {
    const h = newYork()
    const ira = await clientIn(h, 5312, 'Europe/Moscow', 'ru')
    // 20:00 in Moscow is 12:00 in New York
    await h.send(h.u.text(ira, '/book'), h.u.text(ira, 'в среду в 20:00 по моему времени'))
    expect(h.fake.lastTextTo(ira.id)).toMatch(
      /^✔️ Звонок: среда, 25 ноября, 20:00–20:30 \(ваше время, Москва, UTC\+3; у нас на 8 часов меньше: Нью-Йорк, UTC−5\)\./,
    )
    const oleg = await clientIn(h, 5313, 'Europe/Moscow', 'ru')
    await h.send(h.u.text(oleg, '/book'), h.u.callback(oleg, 'bkd:2026-11-25'), h.u.text(oleg, 'в 21 по-моему времени'))
    expect(h.fake.lastTextTo(oleg.id)).toMatch(
      /^✔️ Звонок: среда, 25 ноября, 21:00–21:30 \(ваше время, Москва, UTC\+3; у нас на 8 часов меньше: Нью-Йорк, UTC−5\)\./,
    )
    // Named by a client who gave no zone: Moscow's clock all the same
    const petr = await clientIn(h, 5314, null, 'ru')
    await h.send(h.u.text(petr, '/book'), h.u.callback(petr, 'bkd:2026-11-25'), h.u.text(petr, 'в 22 по мск'))
    expect(h.fake.lastTextTo(petr.id)).toMatch(/^✔️ Звонок: среда, 25 ноября, 14:00–14:30 \(Нью-Йорк, UTC−5\)\./)
    expect(h.errors()).toEqual([])
  })

  it('a client whose zone is unknown is asked for it, and the time is read once they say where they are', async () => {
    const h = newYork()
    const sam = await clientIn(h, 5315, null)
    await h.send(h.u.text(sam, '/book'), h.u.callback(sam, 'bkd:2026-11-25'), h.u.text(sam, '2pm my time'))
    expect(h.fake.lastTextTo(sam.id)).toMatch(
      new RegExp(
        `^I don't know your time zone yet, so I can't tell which of our times that is\\. Which city are you in, or what time is it where you are now \\(hours and minutes, e\\.g\\. 14:05\\)\\? Or write the time in ours \\(${ET}\\)\\.\\n\\nWednesday`,
      ),
    )
    expect(bookingsOf(h, sam)).toEqual([])
    await h.send(h.u.text(sam, 'Los Angeles'))
    expect(h.fake.lastTextTo(sam.id)).toMatch(
      /^✔️ Call: Wednesday, November 25, 2:00 PM–2:30 PM \(your time, PT, UTC−8; ours is 3 hours ahead: ET, UTC−5\)\./,
    )
    expect(findClientByTelegramId(h.deps.db, sam.id)?.timezone).toBe('America/Los_Angeles')
    expect(h.errors()).toEqual([])
  })

  it('a comment that names a clock but no time to take is kept whole, as the client wrote it', async () => {
    const h = newYork()
    const kate = await clientIn(h, 5316, 'America/Los_Angeles')
    await h.send(h.u.text(kate, '/book'), h.u.text(kate, 'tmrw at 3pm'), h.u.text(kate, '+1 212 555 0100'))
    const comment = 'If I miss it, try again after 6pm my time, I am in LA'
    await h.send(h.u.text(kate, comment))
    expect(h.fake.lastTextTo(kate.id)).toContain(`💬 Comment: ${comment}`)
    await h.send(h.u.callback(kate, 'bk:ok'))
    expect(bookingsOf(h, kate)).toMatchObject([{ comment, status: 'booked' }])
    expect(h.errors()).toEqual([])
  })

  it('a button pressed instead of saying where they are ends the zone question: a later comment is no answer to it', async () => {
    const h = newYork()
    const sam = await clientIn(h, 5317, null)
    await h.send(h.u.text(sam, '/book'), h.u.callback(sam, 'bkd:2026-11-25'), h.u.text(sam, '2pm my time'))
    expect(h.fake.lastTextTo(sam.id)).toMatch(/^I don't know your time zone yet/)
    // A time pressed, the number typed; then a comment that names a city
    const slot = h.fake.lastButtonsTo(sam.id).find((b) => b.text === '11:00 AM')!.data!
    await h.send(h.u.callback(sam, slot), h.u.text(sam, '+1 212 555 0100'))
    await h.send(h.u.text(sam, "I'm in Chicago"))
    expect(h.fake.lastTextTo(sam.id)).toContain("💬 Comment: I'm in Chicago")
    expect(findClientByTelegramId(h.deps.db, sam.id)?.timezone).toBeNull()
    expect(h.errors()).toEqual([])
  })
})

describe('words of the buttons', () => {
  it('"yes move it" and "да, переносите" move the call, as its "✅ Move it" does', async () => {
    const h = newYork()
    for (const [n, [typed, language]] of [
      ['yes move it', 'en'],
      ['да, переносите', 'ru'],
      ['move it', 'en'],
    ].entries()) {
      const user = await clientIn(h, 5321 + n, null, language)
      await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
      await h.send(h.u.callback(user, slotData('2026-11-24T20:00Z')), h.u.text(user, `+1 212 555 01${10 + n}`))
      await h.send(h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      const [call] = bookingsOf(h, user)
      await h.send(h.u.callback(user, `bkm:resched:${call?.id}`), h.u.callback(user, 'bkd:2026-11-25'))
      await h.send(h.u.callback(user, slotData(`2026-11-25T${16 + n}:00Z`)))
      await h.send(h.u.text(user, typed as string))
      expect(bookingsOf(h, user), typed).toMatchObject([{ slotStart: Date.parse(`2026-11-25T${16 + n}:00Z`) }])
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^(Moved ✅|Перенесли ✅)/)
    }
    expect(h.errors()).toEqual([])
  })

  it('"11:30 works", "11:30 is fine", "11:30 подойдёт" take 11:30 on the time picker', async () => {
    const h = newYork()
    for (const [n, [typed, language]] of [
      ['11:30 works', 'en'],
      ['11:30 is fine for me', 'en'],
      ['11:30 подойдёт', 'ru'],
      ['давайте в 11:30', 'ru'],
    ].entries()) {
      const user = await clientIn(h, 5331 + n, null, language)
      await h.send(
        h.u.text(user, '/book'),
        h.u.callback(user, `bkd:2026-11-2${4 + n}`),
        h.u.text(user, typed as string),
      )
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^✔️ (Call: .*11:30 AM–12:00 PM|Звонок: .*11:30–12:00) /)
    }
    expect(h.errors()).toEqual([])
  })
})

describe("the client's night and early morning", () => {
  it('7–9 AM on the client’s clock is early morning (🌅), 10 PM–7 AM night (🌙): a Los Angeles and a Tokyo client', async () => {
    const h = newYork()
    const lia = await clientIn(h, 5341, 'America/Los_Angeles')
    await h.send(h.u.text(lia, '/book'), h.u.callback(lia, 'bkd:2026-11-25'))
    expect(h.fake.lastTextTo(lia.id)).toContain(
      'A call takes up to 30 min. 🌅 — early morning where you are (7:00 AM–9:00 AM your time).',
    )
    expect(h.fake.lastTextTo(lia.id)).not.toContain('night')
    const times = h.fake.lastButtonsTo(lia.id).map((b) => b.text)
    // On her clock: 10:00 AM ours is 7:00 AM in Los Angeles, and a time typed there is hers
    expect(times.slice(0, 5)).toEqual(['🌅 7:00 AM', '🌅 7:30 AM', '🌅 8:00 AM', '🌅 8:30 AM', '9:00 AM'])
    await h.send(h.u.text(lia, '7am'))
    expect(h.fake.lastTextTo(lia.id)).toContain(
      '✔️ Call: Wednesday, November 25, 7:00 AM–7:30 AM (your time, PT, UTC−8; ours is 3 hours ahead: ET, UTC−5). 🌅 That is early morning where you are (7:00 AM–9:00 AM your time)',
    )

    // Tokyo is 14 hours ahead: 10 AM ours is midnight there, 6:30 PM ours 8:30 AM
    const ken = await clientIn(h, 5342, 'Asia/Tokyo')
    await h.send(h.u.text(ken, '/book'), h.u.callback(ken, 'bkd:2026-11-25'))
    expect(h.fake.lastTextTo(ken.id)).toContain(
      '🌙 — night where you are (10:00 PM–7:00 AM your time). 🌅 — early morning where you are (7:00 AM–9:00 AM your time).',
    )
    const kenTimes = h.fake.lastButtonsTo(ken.id).map((b) => b.text)
    // (all of them her Thursday: each names it, the day above them being ours)
    expect(kenTimes[0]).toBe('🌙 Thu 12:00 AM')
    expect(kenTimes.filter((t) => t.includes(':') && !t.startsWith('🌙')).at(-1)).toBe('🌅 Thu 8:30 AM')
    expect(h.errors()).toEqual([])
  })
})
