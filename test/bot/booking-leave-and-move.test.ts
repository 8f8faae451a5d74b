/**
 * A booking left in words at any of its typed steps ("cancel", "never mind, dont book",
 * «передумала»), a confirmation left for a new day typed at it, and a new time typed under the
 * bot's word about the client's call ("can we do tomorrow at 3 instead?"), as English-speaking
 * clients of the demo studio write them.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book, bookingsOf, slotData } from '../helpers/booking.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { lastToast } from '../helpers/flows.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's time
// zone); the demo studio works Mon–Fri 10–19, Sat 11–16, calls of 30 minutes
const STOPPED = 'All right, no booking. If you change your mind, “📞 Book a callback” is in the menu.'
const STOPPED_RU = 'Хорошо, не записываю. Если передумаете — кнопка «📞 Заказать звонок» в меню.'

async function client(h: Harness, id: number, language = 'en') {
  const user = h.u.user(id, { first_name: 'Emma', language_code: language })
  await h.send(h.u.text(user, '/start'))
  return user
}

/** The request the client has open with the team, if any. */
const request = (h: Harness, userId: number) =>
  h.deps.services.handoff.current(findClientByTelegramId(h.deps.db, userId)?.id ?? 0)

/** The reply keyboard of the bot's last message to the chat (its buttons' words, row by row). */
const replyKeyboard = (h: Harness, userId: number) =>
  (h.fake.sentTo(userId).at(-1)?.payload.reply_markup?.keyboard as { text: string }[][] | undefined)?.map((row) =>
    row.map((b) => b.text),
  )

describe('a booking left in words', () => {
  it('at the phone step: "cancel", "stop", "never mind, dont book" end it as /cancel does, and its keyboard goes', async () => {
    const h = createHarness()
    for (const [n, typed] of ['cancel', 'stop', 'never mind, dont book', 'I changed my mind'].entries()) {
      const emma = await client(h, 7601 + n)
      await h.send(h.u.text(emma, '/book'), h.u.text(emma, 'monday 11am'))
      expect(h.fake.lastTextTo(emma.id)).toContain('Which number should we call?')
      // The question says how to leave: its keyboard has the booking's own way out, under the number's
      expect(replyKeyboard(h, emma.id)).toEqual([['📱 Share my number'], ["✖ Don't book"]])
      await h.send(h.u.text(emma, typed))
      expect(h.fake.lastTextTo(emma.id), typed).toBe(STOPPED)
      // The "Share my number" keyboard goes with it
      expect(h.fake.sentTo(emma.id).at(-1)?.payload.reply_markup).toEqual({ remove_keyboard: true })
      // The booking is over: a number typed now books nothing and asks nothing of it
      await h.send(h.u.text(emma, '+44 20 7946 0958'))
      expect(h.fake.textsTo(emma.id).join('\n')).not.toContain('Anything the manager should know')
      expect(bookingsOf(h, emma)).toEqual([])
    }
    // The keyboard's own button, pressed (its words sent as a message)
    const zoe = await client(h, 7611)
    await h.send(h.u.text(zoe, '/book'), h.u.text(zoe, 'monday 11am'), h.u.text(zoe, "✖ Don't book"))
    expect(h.fake.lastTextTo(zoe.id)).toBe(STOPPED)
    expect(h.errors()).toEqual([])
  })

  it('with a request open: "never mind, dont book" is answered by the bot, not left in the topic unanswered', async () => {
    const h = createHarness()
    const emma = await client(h, 7621)
    await h.send(h.u.text(emma, '/manager'))
    await h.drain()
    expect(request(h, emma.id)?.status).toBe('open')
    await h.send(h.u.text(emma, '/book'), h.u.text(emma, 'monday 11am'))
    const sent = h.fake.textsTo(emma.id).length
    await h.send(h.u.text(emma, 'never mind, dont book'))
    expect(h.fake.textsTo(emma.id).slice(sent)).toEqual([STOPPED])
    expect(bookingsOf(h, emma)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('in Russian: «отмена», «не надо», «передумала» at the phone step', async () => {
    const h = createHarness()
    for (const [n, typed] of ['отмена', 'не надо', 'передумала', 'Не записываться'].entries()) {
      const anna = await client(h, 7631 + n, 'ru')
      await h.send(h.u.text(anna, '/book'), h.u.callback(anna, 'bkd:2026-11-24'), h.u.text(anna, 'в 15'))
      expect(h.fake.lastTextTo(anna.id)).toContain('На какой номер позвонить?')
      expect(replyKeyboard(h, anna.id)).toEqual([['📱 Поделиться номером'], ['✖ Не записываться']])
      await h.send(h.u.text(anna, typed))
      expect(h.fake.lastTextTo(anna.id), typed).toBe(STOPPED_RU)
    }
    expect(h.errors()).toEqual([])
  })

  it('where no reply keyboard can be shown (the owner’s own chat), the phone question has the way out as a button', async () => {
    const h = createHarness({ content: { ...demoContent(), telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Olga', username: 'olga' })
    const emma = h.u.user(7641, { first_name: 'Emma', language_code: 'en' })
    const there = { businessConnectionId: 'bc-olga' }
    const onBehalf = () => h.fake.sentTo(emma.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(emma, 'bc-olga', emma.id, 'Hello'))
    await h.send(h.u.callback(emma, 'menu:booking', there), h.u.callback(emma, 'bkd:2026-11-24', there))
    await h.send(h.u.callback(emma, slotData('2026-11-24T12:00Z'), there))
    const sentAsk = onBehalf().at(-1)
    const ask = sentAsk?.payload
    expect(ask?.text).toContain('Which number should we call? Type it')
    expect(buttonsOf(ask)).toEqual([{ text: "✖ Don't book", data: 'bk:stop', url: undefined }])
    await h.send(h.u.businessMessage(emma, 'bc-olga', emma.id, 'never mind'))
    // Written as the owner, where there is no menu: no button of one named
    expect(onBehalf().at(-1)?.payload.text).toBe('All right, no booking. If you change your mind, just write here.')
    // The question's button goes with the booking: pressed later, it would start another
    const asked = (sentAsk?.result as { message_id: number } | undefined)?.message_id ?? 0
    expect(h.fake.business.chat('bc-olga', emma.id).messages.get(asked)?.message.reply_markup).toBeUndefined()
    expect(onBehalf().every((c) => c.ok)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('at the other typed steps too: the days, the times, the comment question, the confirmation; a "не надо" at the comment question is "No comment"', async () => {
    const h = createHarness()
    const ann = await client(h, 7651)
    await h.send(h.u.text(ann, '/book'), h.u.text(ann, 'cancel'))
    expect(h.fake.lastTextTo(ann.id)).toBe(STOPPED)
    const bob = await client(h, 7652)
    await h.send(h.u.text(bob, '/book'), h.u.callback(bob, 'bkd:2026-11-24'), h.u.text(bob, 'nevermind'))
    expect(h.fake.lastTextTo(bob.id)).toBe(STOPPED)
    const cat = await client(h, 7653)
    await h.send(h.u.text(cat, '/book'), h.u.callback(cat, 'bkd:2026-11-24'))
    await h.send(h.u.callback(cat, slotData('2026-11-24T12:00Z')), h.u.text(cat, '+44 20 7946 0958'))
    await h.send(h.u.text(cat, 'stop'))
    expect(h.fake.lastTextTo(cat.id)).toBe(STOPPED)
    const dan = await client(h, 7654)
    await h.send(h.u.text(dan, '/book'), h.u.callback(dan, 'bkd:2026-11-24'))
    await h.send(h.u.callback(dan, slotData('2026-11-24T12:00Z')), h.u.text(dan, '+44 20 7946 0959'))
    await h.send(h.u.callback(dan, 'bk:skip'), h.u.text(dan, 'never mind, dont book'))
    expect(h.fake.lastTextTo(dan.id)).toBe(STOPPED)
    // "Не надо" under "Anything the manager should know?" is nothing to add: the confirmation follows
    const olga = await client(h, 7655, 'ru')
    await h.send(h.u.text(olga, '/book'), h.u.callback(olga, 'bkd:2026-11-24'))
    await h.send(h.u.callback(olga, slotData('2026-11-24T12:00Z')), h.u.text(olga, '+7 916 123-45-67'))
    await h.send(h.u.text(olga, 'не надо'))
    expect(h.fake.lastTextTo(olga.id)).toContain('Проверим:')
    expect(h.fake.lastTextTo(olga.id)).not.toContain('Комментарий')
    for (const user of [ann, bob, cat, dan]) expect(bookingsOf(h, user)).toEqual([])
    // Moving a call, "cancel" leaves the move: the call stays where it was
    const eve = await client(h, 7656)
    const call = await book(h, eve, { day: '2026-11-24', slot: '2026-11-24T12:00Z', phone: '+44 20 7946 0960' })
    await h.send(h.u.callback(eve, `bkm:resched:${call.id}`), h.u.text(eve, 'cancel'))
    expect(h.fake.lastTextTo(eve.id)).toBe('All right, the call stays at its time.')
    expect(bookingsOf(h, eve)).toMatchObject([{ slotStart: call.slotStart, status: 'booked' }])
    expect(h.errors()).toEqual([])
  })
})

describe('a confirmation left for a new day typed at it', () => {
  it('loses its buttons when the new times come; its Confirm pressed still is answered briefly, with no second picker', async () => {
    const h = createHarness()
    const emma = await client(h, 7661)
    await h.send(h.u.text(emma, '/book'), h.u.callback(emma, `bkd:2026-11-23`))
    await h.send(h.u.callback(emma, slotData('2026-11-23T12:00Z')), h.u.text(emma, '+44 20 7946 0958'))
    await h.send(h.u.callback(emma, 'bk:skip'))
    expect(h.fake.lastTextTo(emma.id)).toContain('📞 Call: Monday 23 November, 15:00–15:30')
    const confirmation = h.fake.messageWithButton(emma.id, 'bk:ok') as number
    await h.send(h.u.text(emma, 'actually Friday morning'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(/^Friday 27 November — pick a time/)
    // One thing to answer on screen: the times, not the Confirm above them
    expect(h.fake.keyboardOf(emma.id, confirmation)).toBeUndefined()
    const sent = h.fake.sentTo(emma.id).length
    // A tap that still reaches it (on its way as the buttons went): a word, no copy of the times
    await h.send(h.u.callback(emma, 'bk:ok', { messageId: confirmation }))
    expect(h.fake.sentTo(emma.id)).toHaveLength(sent)
    expect(lastToast(h)).toBe('The options were sent again below — please pick there 👇')
    expect(bookingsOf(h, emma)).toEqual([])
    // The times below still take the call
    await h.send(h.u.callback(emma, slotData('2026-11-27T07:00Z')))
    expect(h.fake.lastTextTo(emma.id)).toContain('📞 Call: Friday 27 November, 10:00–10:30')
    await h.send(h.u.callback(emma, 'bk:ok'))
    expect(bookingsOf(h, emma)).toMatchObject([{ slotStart: Date.parse('2026-11-27T07:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })
})

describe('a new time typed under the bot’s word about the call', () => {
  it('right after "Done! Your call is booked": the move, with that time taken — no request for a manager', async () => {
    const h = createHarness()
    const emma = await client(h, 7671)
    const call = await book(h, emma, { day: '2026-11-25', slot: '2026-11-25T08:00Z', phone: '+44 20 7946 0958' })
    expect(h.fake.lastTextTo(emma.id)).toContain('Done, Emma!')
    await h.send(h.u.text(emma, 'can we do tomorrow at 3 instead?'))
    expect(h.fake.lastTextTo(emma.id)).toContain('Tuesday 24 November, 15:00–15:30')
    await h.send(h.u.callback(emma, 'bk:ok'))
    expect(bookingsOf(h, emma)).toMatchObject([
      { id: call.id, slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' },
    ])
    expect(request(h, emma.id)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('after hours, with a request open, under "we called you but couldn\'t reach you": a new call at that time; the manager reads the words, answered', async () => {
    const h = createHarness()
    const emma = await client(h, 7681)
    await h.send(h.u.text(emma, '/manager'))
    await h.drain()
    const call = await book(h, emma, { day: '2026-11-23', slot: '2026-11-23T14:00Z', phone: '+44 20 7946 0958' })
    // 17:00 Moscow: the call's time; nobody answered
    h.clock.set('2026-11-23T14:00Z')
    await h.send(
      h.u.callback(h.u.user(OWNER_ID), `bko:noans:${call.id}:${call.slotStart / 60_000}`, { chatId: STAFF_GROUP_ID }),
    )
    await h.flush()
    expect(h.fake.lastTextTo(emma.id)).toContain(
      "we called you (Monday 23 November, 17:00–17:30, Moscow Time, UTC+3) but couldn't reach you",
    )
    // 20:00 Moscow: closed
    h.clock.set('2026-11-23T17:00Z')
    const sent = h.fake.textsTo(emma.id).length
    await h.drain()
    await h.send(h.u.text(emma, 'sorry missed it! can we do tomorrow at 3 instead?'))
    const said = h.fake.textsTo(emma.id).slice(sent)
    // A new call at that time (the one missed is over): her number, asked about by name
    expect(said).toEqual([
      '✔️ Call: Tuesday 24 November, 15:00–15:30 (Moscow Time, UTC+3).\n\nCall you on +44 20 7946 0958? Tap the number below — or “Share my number”, or type another one.',
    ])
    // The manager reads her words in the topic, and what the bot answered them under them
    await h.drain()
    const words = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('sorry missed it! can we do tomorrow at 3'))
    expect(words).toHaveLength(1)
    expect(words[0]).toContain('🤖 Бот отправил клиенту: ✔️ Call: Tuesday 24 November, 15:00–15:30')
    await h.send(h.u.text(emma, 'yes'), h.u.callback(emma, 'bk:skip'))
    await h.send(h.u.callback(emma, 'bk:ok'))
    expect(bookingsOf(h, emma).at(-1)).toMatchObject({ slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' })
    expect(h.errors()).toEqual([])
  })

  it('after hours, with a request open, "can we do tomorrow at 3 instead? ok?" is answered by the bot: no "we are closed" under the move; a question beside it is the manager’s', async () => {
    const h = createHarness()
    const emma = await client(h, 7685)
    const zoe = await client(h, 7686)
    await h.send(h.u.text(emma, '/manager'), h.u.text(zoe, '/manager'))
    await h.drain()
    await book(h, emma, { day: '2026-11-25', slot: '2026-11-25T08:00Z', phone: '+44 20 7946 0958' })
    expect(h.fake.lastTextTo(emma.id)).toContain('Done, Emma!')
    await book(h, zoe, { day: '2026-11-25', slot: '2026-11-25T09:00Z', phone: '+44 20 7946 0959' })
    // 20:00 Moscow: closed. Its "ok?" asks for that time, which the move answers: "We are closed
    // now…" came below the move, as if it waited for the morning
    h.clock.set('2026-11-23T17:00Z')
    const sent = h.fake.textsTo(emma.id).length
    await h.send(h.u.text(emma, 'can we do tomorrow at 3 instead? ok?'))
    expect(h.fake.textsTo(emma.id).slice(sent)).toEqual([
      expect.stringMatching(/^Move the call\?\nCurrently: .*\nNew time: Tuesday 24 November, 15:00–15:30/),
    ])
    // Something else asked beside the time is no time typed: the manager's to answer, the night's word with it
    const before = h.fake.textsTo(zoe.id).length
    await h.send(h.u.text(zoe, 'can we do tomorrow at 3 instead? and how much is it?'))
    expect(h.fake.textsTo(zoe.id).slice(before)).toEqual([expect.stringMatching(/^We are closed right now/)])
    expect(bookingsOf(h, zoe)).toMatchObject([{ slotStart: Date.parse('2026-11-25T09:00Z') }])
    expect(h.errors()).toEqual([])
  })

  it('"move my call to friday at 11" is the move with that time read; a day typed under another of the bot’s words is not', async () => {
    const h = createHarness()
    const emma = await client(h, 7691)
    const call = await book(h, emma, { day: '2026-11-25', slot: '2026-11-25T08:00Z', phone: '+44 20 7946 0958' })
    await h.send(h.u.text(emma, 'could you move my call to friday at 11'))
    expect(h.fake.lastTextTo(emma.id)).toContain('Friday 27 November, 11:00–11:30')
    await h.send(h.u.callback(emma, 'bk:ok'))
    expect(bookingsOf(h, emma)).toMatchObject([{ id: call.id, slotStart: Date.parse('2026-11-27T08:00Z') }])
    // Under the menu, "tomorrow at 3" moves nothing
    await h.send(h.u.text(emma, '/menu'), h.u.text(emma, 'tomorrow at 3'))
    expect(bookingsOf(h, emma)).toMatchObject([{ id: call.id, slotStart: Date.parse('2026-11-27T08:00Z') }])
    expect(h.fake.lastTextTo(emma.id)).not.toContain('Currently')
    expect(h.errors()).toEqual([])
  })
})

describe('another day or time asked without a verb under the bot’s word about the call', () => {
  it('"next week instead", "can we do another day?" start the move; "an hour later", "half an hour earlier please" propose that time', async () => {
    const h = createHarness()
    for (const [n, typed] of ['next week instead', 'can we do another day?', 'a different time please'].entries()) {
      const emma = await client(h, 7701 + n)
      await book(h, emma, { day: '2026-11-25', slot: `2026-11-25T1${2 + n}:00Z`, phone: '+44 20 7946 0958' })
      expect(h.fake.lastTextTo(emma.id), typed).toContain('Done, Emma!')
      await h.send(h.u.text(emma, typed))
      expect(h.fake.lastTextTo(emma.id), typed).toMatch(
        /^Your call: Wednesday 25 November, .*Which day should we move it to\?/s,
      )
      expect(request(h, emma.id), typed).toBeUndefined()
    }
    // Each call at 11:00 Moscow of its own day, Tuesday to Thursday
    for (const [n, [typed, day, at]] of (
      [
        ['an hour later', 'Tuesday 24 November', '12:00–12:30'],
        ['half an hour earlier please', 'Wednesday 25 November', '10:30–11:00'],
        ['could we push it 2 hours later?', 'Thursday 26 November', '13:00–13:30'],
      ] as const
    ).entries()) {
      const emma = await client(h, 7711 + n)
      const date = `2026-11-${24 + n}`
      await book(h, emma, { day: date, slot: `${date}T08:00Z`, phone: '+44 20 7946 0958' })
      await h.send(h.u.text(emma, typed))
      expect(h.fake.lastTextTo(emma.id), typed).toMatch(
        new RegExp(`^Move the call\\?\\n.*\\nNew time: ${day}, ${at}`, 's'),
      )
      expect(request(h, emma.id), typed).toBeUndefined()
    }
    // Words of something else are the team's: "I'm away next week, call me after"
    const zoe = await client(h, 7721)
    const call = await book(h, zoe, { day: '2026-11-27', slot: '2026-11-27T08:00Z', phone: '+44 20 7946 0958' })
    await h.send(h.u.text(zoe, "I'm away next week, so please send the quote by email"))
    expect(h.fake.lastTextTo(zoe.id)).not.toMatch(/Which day should we move it to|New time/)
    expect(bookingsOf(h, zoe)).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
    expect(request(h, zoe.id)).toBeDefined()
    expect(h.errors()).toEqual([])
  })
})

describe('words that only seem to give the booking up', () => {
  it('«не нужно», «спасибо, не надо», "nvm" at the comment question are No comment: the booking goes on to its confirmation', async () => {
    const h = createHarness()
    const typedAll = ['не нужно', 'нет, не нужно', 'спасибо, не надо', 'уже не надо']
    for (const [n, typed] of typedAll.entries()) {
      const olga = await client(h, 7755 + n, 'ru')
      await h.send(h.u.text(olga, '/book'), h.u.callback(olga, 'bkd:2026-11-24'))
      await h.send(h.u.callback(olga, slotData('2026-11-24T12:00Z')), h.u.text(olga, `+7 916 123-45-6${n}`))
      expect(h.fake.lastTextTo(olga.id)).toContain('Хотите что-то передать')
      await h.send(h.u.text(olga, typed))
      expect(h.fake.lastTextTo(olga.id), typed).toContain('Проверим:')
      expect(h.fake.lastTextTo(olga.id), typed).not.toContain(typed)
    }
    const emma = await client(h, 7765)
    await h.send(h.u.text(emma, '/book'), h.u.callback(emma, 'bkd:2026-11-24'))
    await h.send(h.u.callback(emma, slotData('2026-11-24T12:00Z')), h.u.text(emma, '+44 20 7946 0958'))
    await h.send(h.u.text(emma, 'nvm'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(/^Let.s double-check:/)
    // A plain giving up ends it there too
    const zoe = await client(h, 7766)
    await h.send(h.u.text(zoe, '/book'), h.u.callback(zoe, 'bkd:2026-11-24'))
    await h.send(h.u.callback(zoe, slotData('2026-11-24T12:00Z')), h.u.text(zoe, '+44 20 7946 0959'))
    await h.send(h.u.text(zoe, 'never mind, dont book'))
    expect(h.fake.lastTextTo(zoe.id)).toBe(STOPPED)
  })

  it('the booked time said back under "Done! Your call is booked" ("хорошо, в 15", "ok tomorrow then") asks no move', async () => {
    const h = createHarness()
    const anna = await client(h, 7771, 'ru')
    const call = await book(h, anna, { day: '2026-11-24', slot: '2026-11-24T12:00Z', phone: '+7 916 123-45-67' })
    for (const typed of ['хорошо, в 15', 'ок, завтра тогда', 'отлично, завтра в 15:00']) {
      const before = h.fake.textsTo(anna.id).length
      await h.send(h.u.text(anna, typed))
      expect(h.fake.textsTo(anna.id).slice(before).join('\n'), typed).not.toMatch(/перенести|В какой день/)
    }
    expect(bookingsOf(h, anna)).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
    // Another time is still the move
    const olga = await client(h, 7772, 'ru')
    await book(h, olga, { day: '2026-11-24', slot: '2026-11-24T11:00Z', phone: '+7 916 123-45-68' })
    const before = h.fake.textsTo(olga.id).length
    await h.send(h.u.text(olga, 'хорошо, а можно завтра в 16?'))
    expect(h.fake.textsTo(olga.id).slice(before).join('\n')).toMatch(/16:00/)
  })
})
