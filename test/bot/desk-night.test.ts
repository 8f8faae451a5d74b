import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** Monday 23:00 in Moscow: the studio is back on Tuesday at 10:00. */
const MONDAY_NIGHT = '2026-11-23T20:00:00Z'
const BACK = 'Сейчас мы не работаем — вернёмся завтра в 10:00 (Москва, UTC+3).'

describe('the working-hours auto-reply', () => {
  it('a client writing at night outside any flow, no question yet, is told when the team is back once per night, not per message', async () => {
    const h = createHarness()
    const user = h.u.user(7101, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'))
    h.clock.set(MONDAY_NIGHT)
    // Greetings: no question yet (a question would open a request at once, told the same)
    await h.send(h.u.text(user, 'Здравствуйте'))
    const first = h.fake.lastTextTo(user.id)
    expect(first).toContain('Я бот и лучше понимаю кнопки')
    expect(first).toContain(BACK)
    // Nothing went to a manager yet: no promise that one will answer, but how to make it so
    expect(first).not.toContain('не потеряется')
    expect(first).toContain('Нажмите «💬 Написать менеджеру» — менеджер ответит, как только начнёт работу.')
    // The button named once, not once by each of the two texts
    expect(first?.match(/Написать менеджеру/g)).toHaveLength(1)
    // A word more right under it: the offer stands, no copy of it; minutes later, offered again
    // without the closing text
    await h.send(h.u.text(user, 'Алло'))
    expect(h.fake.lastTextTo(user.id)).toBe(first)
    h.clock.advance(3 * 60_000)
    await h.send(h.u.text(user, 'Алло'))
    const second = h.fake.lastTextTo(user.id)
    expect(second).toContain('Я бот и лучше понимаю кнопки')
    expect(second).not.toContain('не работаем')
    // Later that night still nothing more; during the day nothing at all
    h.clock.set('2026-11-24T01:00:00Z')
    await h.send(h.u.text(user, 'Ау'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('не работаем')
    h.clock.set('2026-11-24T09:00:00Z')
    await h.send(h.u.text(user, 'Доброе утро'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('не работаем')
    // The next night is another night
    h.clock.set('2026-11-24T19:30:00Z')
    await h.send(h.u.text(user, 'Ещё вопрос'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем — вернёмся завтра в 10:00')
    // After midnight the team is back this morning (at 01:30 "сегодня" reads as the day that just
    // ended); on Saturday night, on Monday
    h.clock.set('2026-11-25T22:30:00Z')
    await h.send(h.u.text(user, 'Не спится'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем — вернёмся утром, в 10:00')
    h.clock.set('2026-11-28T19:00:00Z')
    await h.send(h.u.text(user, 'Выходные'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем — вернёмся 30 ноября в 10:00')
  })

  it('in the small hours the team is back "this morning", not "today" (the day that just ended); after six, today', async () => {
    const h = createHarness()
    const user = h.u.user(7107, { first_name: 'Ann', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    // Wednesday 00:40 in Moscow
    h.clock.set('2026-11-24T21:40:00Z')
    await h.send(h.u.text(user, 'Hello'))
    expect(h.fake.lastTextTo(user.id)).toContain('we are back this morning at 10:00 (')
    // Thursday 06:30: the night is over, and today is today
    h.clock.set('2026-11-26T03:30:00Z')
    await h.send(h.u.text(user, 'Hello again'))
    expect(h.fake.lastTextTo(user.id)).toContain('we are back today at 10:00 (')
  })

  it('a client whose own day is already tomorrow is told the date, not "завтра"', async () => {
    const h = createHarness()
    const user = h.u.user(7106, { first_name: 'Олег' })
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    updateClient(h.deps.db, client.id, { timezone: 'Asia/Vladivostok' })
    h.clock.set(MONDAY_NIGHT) // Monday 23:00 in Moscow, Tuesday 06:00 in Vladivostok
    await h.send(h.u.text(user, 'Доброе утро'))
    // (with her clock beside ours: 10:00 in Moscow is 17:00 in Vladivostok)
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Сейчас мы не работаем — вернёмся 24 ноября в 10:00 (Москва, UTC+3; у вас 17:00)',
    )
    // Her question goes to a manager at once, with the same date
    await h.send(h.u.text(user, 'Сколько стоит сайт?'))
    expect(h.fake.lastTextTo(user.id)).toContain('Олег, передаю вас менеджеру')
    expect(h.fake.lastTextTo(user.id)).toContain('24 ноября')
    expect(h.fake.lastTextTo(user.id)).not.toContain('завтра')
  })

  it('an English-speaking client reads when the team is back in English', async () => {
    const h = createHarness()
    const user = h.u.user(7105, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    h.clock.set('2026-11-28T19:00:00Z') // Saturday 22:00 in Moscow
    await h.send(h.u.text(user, 'Hello'))
    expect(h.fake.lastTextTo(user.id)).toContain('We are closed right now — we are back on 30 November at 10:00')
    // Her question goes to a manager at once, told in English when
    await h.send(h.u.text(user, 'Are you open on Sunday?'))
    expect(h.fake.lastTextTo(user.id)).toContain('Jane, ')
    expect(h.fake.lastTextTo(user.id)).toContain('30 November')
  })

  it('a client with a manager is told once a night too, and every message still reaches the topic', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7102, 'Борис')
    h.clock.set(MONDAY_NIGHT)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'Вы тут?'), h.u.text(user, 'Жду ответа'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      `${BACK} Ваше сообщение не потеряется: менеджер ответит, как только начнёт работу.`,
    ])
    await settle(h)
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(inTopic).toContain('Вы тут?')
    expect(inTopic).toContain('Жду ответа')
  })

  it('a thanks alone at night is not promised an answer; a question after it that night is told when the team is back', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7107, 'Борис')
    h.clock.set(MONDAY_NIGHT)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'Спасибо 👍'))
    // A thanks with praise is one too (it was promised an answer, and the team chased for a week)
    await h.send(h.u.text(user, 'спасибо большое, макет просто шикарный 😍'))
    await h.send(h.u.text(user, 'thank you so much, the logo looks amazing x'))
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    await h.send(h.u.text(user, 'А макет когда пришлёте?'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      `${BACK} Ваше сообщение не потеряется: менеджер ответит, как только начнёт работу.`,
    ])
    await settle(h)
    // The thanks reached the team all the same
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Спасибо 👍')
  })

  it('news alone at night ("тексты пришлю завтра", "I\'ll send the photos tomorrow") is not promised an answer; a request after it is', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7108, 'Борис')
    h.clock.set(MONDAY_NIGHT)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'тексты пришлю завтра'))
    await h.send(h.u.text(user, "I'll send the photos tomorrow"))
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    await h.send(h.u.text(user, 'фото скину утром, посмотрите их сразу'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      `${BACK} Ваше сообщение не потеряется: менеджер ответит, как только начнёт работу.`,
    ])
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('тексты пришлю завтра')
  })

  it('a manager (here the owner) who writes to the client at night is the team being here: the client\'s answer gets no "we are closed"', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7104, 'Глеб')
    h.clock.set(MONDAY_NIGHT)
    const before = h.fake.sentTo(user.id).length + 1 // the manager's message
    await sendThroughOutbox(
      h,
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'Глеб, добрый вечер! Макет готов, посмотрите?'),
    )
    await settle(h)
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    await h.send(h.u.text(user, 'Посмотрел, всё отлично'))
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
  })

  it('asking for a person again that night, or pressing for one, is not told a second time that the team is closed', async () => {
    const h = createHarness()
    const user = h.u.user(7108, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    h.clock.set(MONDAY_NIGHT)
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'We are closed now: we are back tomorrow at 10:00 and will answer by 10:15 (Moscow Time, UTC+3).',
    )
    const before = h.fake.textsTo(user.id).length
    h.clock.advance(60_000)
    await h.send(h.u.text(user, 'hello?'))
    h.clock.advance(60_000)
    await h.send(h.u.text(user, 'can i talk to a real person pls'))
    // Told they are with the team, and by when — not again that the team is closed
    const already = h.fake.textsTo(user.id).slice(before)
    expect(already).toEqual([
      'Tom, your question is already with our managers — write here, they see every message. The first manager who is free will take your question. We will answer by Tue 24 Nov, 10:15 (Moscow Time, UTC+3).',
    ])
    // Later that night, by the command or the button: the same
    h.clock.advance(45 * 60_000)
    await h.send(h.u.text(user, '/manager'))
    h.clock.advance(45 * 60_000)
    await h.send(h.u.callback(user, 'menu:manager'))
    const again = h.fake.textsTo(user.id).slice(before + 1)
    expect(again.length).toBeGreaterThan(0)
    for (const text of again) expect(text).not.toContain('We are closed now')
    // The next night is another night: told again, once
    h.clock.set('2026-11-24T19:30:00Z')
    const night = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'manager please'), h.u.text(user, 'talk to a manager'))
    const told = h.fake.textsTo(user.id).slice(night)
    expect(told.filter((text) => text.includes('We are closed'))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('asking for a manager at night already says when the team is back: no second auto-reply that night', async () => {
    const h = createHarness()
    const user = h.u.user(7103, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    h.clock.set(MONDAY_NIGHT)
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем: вернёмся завтра в 10:00 и ответим до 10:15')
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'Хочу обсудить редизайн'))
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
  })
})
