import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { offeredZones, zoneNamedIn } from '../../src/services/client-zones.ts'
import { slotData } from '../helpers/booking.ts'
import { cardEdits, clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC: 12:00 in Moscow (the demo's zone)
const MONDAY = '2026-11-23'

/** Presses the zone button labelled `label` under the question /timezone asked last. */
async function pressZone(h: Harness, user: TestUser, label: string): Promise<void> {
  const button = h.fake.lastButtonsTo(user.id).find((b) => b.text === label)
  if (!button?.data) throw new Error(`no zone button "${label}"`)
  await h.send(h.u.callback(user, button.data))
}

describe('/timezone', () => {
  it('/timezone on a booking’s time grid brings the client back to that grid, in both zones, and "10am my time" is then read there', async () => {
    const h = createHarness()
    const user = h.u.user(9331, { first_name: 'Ann', language_code: 'en-US' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Tomorrow.*pick a time/)
    // The booking's prompt names /timezone: sent, its question comes with zones for an American
    await h.send(h.u.text(user, '/timezone'))
    const labels = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    expect(labels).toEqual(expect.arrayContaining(['ET, UTC−5', 'CT, UTC−6', 'PT, UTC−8', 'Moscow Time, UTC+3']))
    expect(labels.some((l) => /Kaliningrad|Kamchatka|Novosibirsk/.test(l))).toBe(false)
    await h.send(h.u.text(user, 'New York'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('America/New_York')
    // Told it is set, with the grid it was on below, now in both zones
    const grid = h.fake.lastTextTo(user.id)
    expect(grid).toMatch(/^Done: it is 4:00 where you are \(ET, UTC−5\)/)
    expect(grid).toContain(
      '\n\nTomorrow, 24 November — pick a time that suits you (your time, ET, UTC−5; ours is 8 hours ahead: Moscow Time, UTC+3).',
    )
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('bks:'))).toBe(true)
    await h.send(h.u.text(user, '10am my time'))
    // 10:00 in New York is 18:00 in Moscow: that time, then the number
    // (said back on her clock, ours named after it)
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^✔️ Call: Tuesday 24 November, 10:00–10:30 \(your time, ET, UTC−5; ours is 8 hours ahead: Moscow Time, UTC\+3\)\.\n\nWhich number should we call\?/,
    )
    expect(h.errors()).toEqual([])
  })

  it('a day pressed instead of answering /timezone’s question in a booking ends the question: "15:00" typed next is a time', async () => {
    const h = createHarness()
    const user = h.u.user(9333, { first_name: 'Sue', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/book'), h.u.text(user, '/timezone'))
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('tz:'))).toBe(true)
    await h.send(h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, '15:00'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toMatch(/^✔️ Call: .*15:00–15:30/)
    expect(h.errors()).toEqual([])
  })

  it('/timezone with a city on a booking’s day picker sets it there and shows the days again; a button pressed does too', async () => {
    const h = createHarness()
    const user = h.u.user(9332, { first_name: 'Tom', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/book'))
    await h.send(h.u.text(user, '/timezone London'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Done: it is 9:00 where you are \(UK time, UTC\).*Pick a day/s)
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('bkd:'))).toBe(true)
    // Asked again with the question: zones for someone in Britain, and a tap brings the days back
    await h.send(h.u.text(user, '/timezone'))
    const labels = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    expect(labels).toEqual(expect.arrayContaining(['UK time, UTC', 'Moscow Time, UTC+3']))
    expect(labels.some((l) => /Kaliningrad|Kamchatka/.test(l))).toBe(false)
    await pressZone(h, user, 'Moscow Time, UTC+3')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toMatch(/^All right: I write our time only.*Pick a day/s)
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('bkd:'))).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a zone picked with a button: times are written for the client’s clock too, and the card names the zone', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 9301, 'Ирина')
    await h.send(h.u.text(user, '/timezone'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Я указываю время по нашему поясу (Москва, UTC+3), у нас сейчас 12:00. Вы в другом часовом поясе? Выберите его кнопкой или напишите свой город либо сколько у вас сейчас времени — часы и минуты, например 14:05, — и рядом с нашим временем буду писать ваше.',
    )
    const buttons = h.fake.lastButtonsTo(user.id)
    expect(buttons.map((b) => b.text)).toContain('Новосибирск, UTC+7')
    expect(buttons.map((b) => b.text)).toContain('Москва, UTC+3')
    await pressZone(h, user, 'Новосибирск, UTC+7')
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 16:00 (Новосибирск, UTC+7).')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Novosibirsk')
    await h.drain()
    // The pinned card, edited at once
    const card = cardEdits(h).at(-1)
    expect(card).toContain('🕐 часовой пояс клиента: Новосибирск, UTC+7')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)[0]).not.toContain('🕐')

    // The booking: the picker says what time it is for her, the confirmation when the call is for her
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Время указано по часовому поясу: ваше время, Новосибирск, UTC+7; у нас на 4 часа меньше: Москва, UTC+3.',
    )
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '+7 913 123-45-67'), h.u.callback(user, 'bk:skip'))
    const confirmation = h.fake.lastTextTo(user.id)
    expect(confirmation).toContain('понедельник, 23 ноября, 15:00–15:30')
    expect(confirmation).toContain('🕐 Часовой пояс: Москва, UTC+3; у вас 19:00')
    await h.send(h.u.callback(user, 'bk:ok', { messageId: h.fake.messageWithButton(user.id, 'bk:ok') }))
    expect(h.fake.textsTo(user.id).at(-1)).toContain('Москва, UTC+3; у вас 19:00')
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('Москва, UTC+3; у вас 19:00')
    // Asking for a manager again: by when they answer, on her clock too
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('(Москва, UTC+3; у вас')
    // The reminder an hour before the call
    h.clock.set('2026-11-23T11:00:00Z')
    await h.deps.scheduler.runDue()
    const reminder = h.fake.textsTo(user.id).find((text) => text.includes('напоминаю о звонке'))
    expect(reminder).toContain('15:00–15:30 (Москва, UTC+3; у вас 19:00)')
    // A saved reply naming her call
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/r callsoon'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('пн, 23 нояб., 15:00 (Москва, UTC+3; у вас 19:00)')
    expect(h.errors()).toEqual([])
  })

  it('the time typed: a zone with that clock now; the business’s own clock clears it; other words are asked again', async () => {
    const h = createHarness()
    const user = h.u.user(9302, { first_name: 'Daniel', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    // 09:00 UTC is 4 in the morning in New York
    await h.send(h.u.text(user, 'tomorrow'))
    expect(h.fake.lastTextTo(user.id)).toContain('I could not tell where you are or what time it is there')
    // A slash typed that is none of the bot's commands is no try (four would have given up)
    await h.send(h.u.text(user, '/4am'), h.u.text(user, '/ny'), h.u.text(user, '/est'))
    expect(h.fake.lastTextTo(user.id)).toBe("No such command — let's go on from where we were. To stop — /cancel.")
    // A bare hour is no clock read now
    await h.send(h.u.text(user, '4'))
    expect(h.fake.lastTextTo(user.id)).toContain('I could not tell where you are or what time it is there')
    await h.send(h.u.text(user, '4:01 am'))
    expect(h.fake.lastTextTo(user.id)).toContain('Done: it is 4:00 where you are (UTC−5).')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Etc/GMT+5')
    // Told in the business's time again
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, '12:01'))
    expect(h.fake.lastTextTo(user.id)).toContain('All right: I write our time only (Moscow Time, UTC+3)')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    // Nor is a time said roughly a clock read now
    const rough = h.u.user(9303, { language_code: 'en' })
    await h.send(h.u.text(rough, '/start'), h.u.text(rough, '/timezone'), h.u.text(rough, 'roughly 4:01 am'))
    expect(h.fake.lastTextTo(rough.id)).toContain('I could not tell where you are or what time it is there')
    expect(findClientByTelegramId(h.deps.db, rough.id)?.timezone).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('a city of the buttons typed, as a sentence says it, is that zone; a city not among them is asked again', async () => {
    const h = createHarness()
    const user = h.u.user(9310, { first_name: 'Дмитрий' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'), h.u.text(user, 'я во Владивостоке'))
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 19:00 (Владивосток, UTC+10).')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Vladivostok')
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'Omsk'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Omsk')
    // Moscow is ours: the business's clock, no zone of her own
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'Москва'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    // A city no button names, as the time zone database names it: London keeps its summer time
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'я в London'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Europe/London')
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'Атлантида'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Не получилось понять, где вы или сколько у вас времени 🙂 Напишите свой город (Казань, Хабаровск) или часы и минуты, например 14:05, — или выберите пояс кнопкой.',
    )
    expect(h.errors()).toEqual([])
  })

  it('a Russian client’s city as she says it — on another city’s time, in its case, by its nickname, with the time there — is its zone', async () => {
    const h = createHarness()
    const user = h.u.user(9320, { first_name: 'Валентина' })
    const zone = () => findClientByTelegramId(h.deps.db, user.id)?.timezone
    // 12:00 UTC: 22:00 in Khabarovsk, on Vladivostok's time
    h.clock.set('2026-11-23T12:00:00Z')
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    await h.send(h.u.text(user, 'у нас в хабаровске сейчас десять вечера'))
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 22:00 (Владивосток, UTC+10).')
    expect(zone()).toBe('Asia/Vladivostok')
    // Every Russian zone's cities, the examples the question gives among them; Moscow's time is ours
    for (const [typed, meant] of [
      ['Красноярск', 'Asia/Krasnoyarsk'],
      ['Хабаровск', 'Asia/Vladivostok'],
      ['в Казани', null],
      ['Казань', null],
      ['Питер', null],
      ['из Питера', null],
      ['СПб', null],
      ['Екб', 'Asia/Yekaterinburg'],
      ['я в Екатеринбурге', 'Asia/Yekaterinburg'],
      ['живу в Уфе', 'Asia/Yekaterinburg'],
      ['на Камчатке', 'Asia/Kamchatka'],
      ['в Петропавловске-Камчатском', 'Asia/Kamchatka'],
      ['в Нижнем Новгороде', null],
      ['в Ростове-на-Дону', null],
      ['Ижевск', 'Europe/Samara'],
      ['в Ульяновске', 'Europe/Ulyanovsk'],
      ['в Томске', 'Asia/Tomsk'],
      ['в Кемерово', 'Asia/Novokuznetsk'],
      ['в Улан-Удэ', 'Asia/Irkutsk'],
      ['в Чите', 'Asia/Chita'],
      ['в Благовещенске', 'Asia/Yakutsk'],
      ['в Южно-Сахалинске', 'Asia/Sakhalin'],
      ['Магадан', 'Asia/Magadan'],
      ['на Чукотке', 'Asia/Anadyr'],
      ['в Калининграде', 'Europe/Kaliningrad'],
      ['в Симферополе', 'Europe/Simferopol'],
      ['Мск', null],
    ] as const) {
      await h.send(h.u.text(user, '/timezone'), h.u.text(user, typed))
      expect(zone(), typed).toBe(meant)
    }
    // A time that is not the city's now: which is wrong only she can say, so she is asked again
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'в хабаровске сейчас три часа дня'))
    expect(h.fake.lastTextTo(user.id)).toContain('Не получилось понять, где вы или сколько у вас времени')
    expect(h.errors()).toEqual([])
  })

  it('given up on, the question still takes its answer: a city typed right under it (or under the bot’s “use the buttons”), a zone button pressed', async () => {
    const h = createHarness()
    const user = h.u.user(9321, { first_name: 'Валентина' })
    const zone = () => findClientByTelegramId(h.deps.db, user.id)?.timezone
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    const question = h.fake.lastButtonsTo(user.id)
    await h.send(h.u.text(user, 'не знаю'), h.u.text(user, 'сложно'), h.u.text(user, 'где-то там'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Давайте пока оставим как есть — указать пояс можно в любой момент командой /timezone.',
    )
    // A button's label typed: it was silence
    await h.send(h.u.text(user, 'Владивосток'))
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 19:00 (Владивосток, UTC+10).')
    expect(zone()).toBe('Asia/Vladivostok')
    // Words the bot does not read in between ("I'm a bot…"), then the city
    await h.send(h.u.text(user, '/timezone'))
    await h.send(h.u.text(user, 'не знаю'), h.u.text(user, 'сложно'), h.u.text(user, 'где-то там'))
    await h.send(h.u.text(user, 'ой'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Я бот и лучше понимаю кнопки/)
    await h.send(h.u.text(user, 'Питер'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо: время пишу только наше (Москва, UTC+3), у вас сейчас 12:00.')
    expect(zone()).toBeNull()
    // The first question's button, pressed now
    const novosibirsk = question.find((b) => b.text === 'Новосибирск, UTC+7')
    await h.send(h.u.callback(user, novosibirsk?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 16:00 (Новосибирск, UTC+7).')
    expect(zone()).toBe('Asia/Novosibirsk')
    // Right under the zone set, another city sets it right
    await h.send(h.u.text(user, 'Красноярск'))
    expect(h.fake.lastTextTo(user.id)).toContain('Готово: у вас сейчас 16:00 (Красноярск, UTC+7).')
    expect(zone()).toBe('Asia/Krasnoyarsk')
    // Under anything else, a city is no answer to the question
    await h.send(h.u.text(user, '/menu'), h.u.text(user, 'Омск'))
    expect(zone()).toBe('Asia/Krasnoyarsk')
    expect(h.errors()).toEqual([])
  })

  it('given with the command ("/timezone LA") it is the answer; words that say no place ask as before', async () => {
    const h = createHarness()
    const user = h.u.user(9312, { first_name: 'Jake', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone LA'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('America/Los_Angeles')
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Done/)
    await h.send(h.u.text(user, '/timezone Владивосток'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Vladivostok')
    // Not a place: the question, as /timezone alone asks it
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, '/timezone please'))
    expect(h.fake.sentTo(user.id).length).toBe(before + 1)
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Vladivostok')
    expect(h.errors()).toEqual([])
  })

  it('a clock typed rounded to the nearest five minutes is the zone it is nearest to', async () => {
    const h = createHarness()
    const user = h.u.user(9306)
    await h.send(h.u.text(user, '/start'))
    // 09:55 UTC: her clock (UTC−8) shows 01:55, and she says it as 2:00
    h.clock.set('2026-11-23T09:55:00Z')
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, '2:00'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Готово: у вас сейчас 1:55 (UTC−8). Рядом с нашим временем буду писать ваше, а напоминания и вопросы присылать днём по вашим часам (напоминание о звонке рано утром придёт перед ним, как обычно). Переведёте часы или переедете — напишите /timezone снова.',
    )
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Etc/GMT+8')
    expect(h.errors()).toEqual([])
  })

  it('asked again, the question names the zone she gave and keeps it with a tap', async () => {
    const h = createHarness()
    const user = h.u.user(9307, { first_name: 'Ирина' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    const novosibirsk = h.fake.lastButtonsTo(user.id).find((b) => b.text === 'Новосибирск, UTC+7')!.data!
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).not.toContain('✅ Оставить как есть')
    await h.send(h.u.callback(user, novosibirsk))
    await h.send(h.u.text(user, '/timezone'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        'Сейчас у вас указан пояс: Новосибирск, UTC+7 (у вас 16:00). Если он верный — нажмите «Оставить как есть».',
        '',
        'Я указываю время по нашему поясу (Москва, UTC+3), у нас сейчас 12:00. Вы в другом часовом поясе? Выберите его кнопкой или напишите свой город либо сколько у вас сейчас времени — часы и минуты, например 14:05, — и рядом с нашим временем буду писать ваше.',
      ].join('\n'),
    )
    const keep = h.fake.lastButtonsTo(user.id).find((b) => b.text === '✅ Оставить как есть')
    expect(keep).toBeDefined()
    await h.send(h.u.callback(user, keep!.data!))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, оставляю: у вас сейчас 16:00 (Новосибирск, UTC+7).')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Novosibirsk')
    expect(h.errors()).toEqual([])
  })

  it('a forged zone is no answer: the button is left to the others, nothing is stored', async () => {
    const h = createHarness()
    const user = h.u.user(9303)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    await h.send(h.u.callback(user, 'tz:Europe/Paris'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    // Nor is keeping a zone never given
    await h.send(h.u.text(user, '/timezone'), h.u.callback(user, 'tz:keep'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Я указываю время по нашему поясу/)
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBeNull()
    // With no zone of their own, the booking names the way to give it
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Время указано по часовому поясу: Москва, UTC+3. Вы в другом поясе? /timezone — и рядом будет ваше время.',
    )
    expect(h.errors()).toEqual([])
  })

  it('the team’s apologies for a late answer and the questions about her call carry her clock too', async () => {
    const h = createHarness()
    const user = h.u.user(9304, { first_name: 'Ирина' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone'))
    await pressZone(h, user, 'Новосибирск, UTC+7')
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '+7 913 123-45-67'), h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok', { messageId: h.fake.messageWithButton(user.id, 'bk:ok') }))
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    // Nobody answers in 15 minutes: by when they will, and the call she booked, on both clocks
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    const apology = h.fake.textsTo(user.id).find((text) => text.includes('простите, что заставляем ждать'))
    expect(apology).toContain('Ответим до 12:30 (Москва, UTC+3; у вас 16:30).')
    expect(apology).toContain(
      'Звонок, который вы заказали, в силе: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3; у вас 19:00).',
    )
    // Past that time, still unanswered: the team is reminded, she is not apologised to again
    const told = h.fake.textsTo(user.id).length
    h.clock.advance(60 * 60_000)
    await h.deps.scheduler.runDue()
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    // Cancelling the call: asked and answered (typed) with her clock beside ours
    await h.send(h.u.text(user, '/mybookings'))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id).find((b) => b.data?.includes('cancel'))!.data!))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Отменить звонок: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3; у вас 19:00)?',
    )
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок отменён (понедельник, 23 ноября, 15:00–15:30).')
    expect(h.deps.services.booking.upcomingFor(findClientByTelegramId(h.deps.db, user.id)!.id)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('lists of times — the hours in “about us”, the times a manager offers — say by how much her clock differs', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 9305, 'Ирина')
    await h.send(h.u.text(user, '/timezone'))
    await pressZone(h, user, 'Новосибирск, UTC+7')
    await h.send(h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/🕐 Работаем: .+ \(Москва, UTC\+3; у вас на 4 часа больше\)/)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Ближайшее свободное время (Москва, UTC+3; у вас на 4 часа больше):\n• Сегодня, 23 нояб.: 13:30, 14:00',
    )
    expect(h.errors()).toEqual([])
  })

  it('the pickers call a day today or tomorrow only when her calendar day is ours, and mark her night 🌙', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 9307, 'Ирина')
    h.deps.services.clients.setTimezone(client.id, 'Asia/Vladivostok')
    h.clock.set('2026-11-23T14:30Z') // Monday 17:30 in Moscow, already Tuesday 00:30 in Vladivostok
    await h.send(h.u.text(user, '/book'))
    const days = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    // "Сегодня" would be her yesterday, "Завтра" her today
    expect(days.slice(0, 2)).toEqual(['пн, 23 нояб.', 'вт, 24 нояб.'])
    // "завтра" typed there is her tomorrow too: Wednesday, where Moscow's would be Tuesday
    await h.send(h.u.text(user, 'завтра'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Среда, 25 ноября — выберите удобное время/)
    // The times in her night (22:00–7:00 on her clock, what she calls night — not the quiet hours
    // the bot writes by: from 15:00 in Moscow) are marked
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Вторник, 24 ноября — выберите удобное время (ваше время, Владивосток, UTC+10; у нас на 7 часов меньше: Москва, UTC+3). На звонок отводим до 30 мин. 🌙 — ночь у вас (22:00–7:00 по вашим часам).',
    )
    // On her clock: 14:00 in Moscow is 21:00 in Vladivostok
    const times = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    expect(times.slice(8, 12)).toEqual(['21:00', '21:30', '🌙 22:00', '🌙 22:30'])
    // Typed, a marked time is still that time, read as the buttons are, on her clock
    await h.send(h.u.text(user, '22:00'))
    expect(h.fake.lastTextTo(user.id)).toContain('номер')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    // Monday's one time left, 18:30, is 1:30 at night on her clock: /offer names the nearest days
    // with times in her day instead, by her calendar (no «Завтра» for a Tuesday that is her today)
    expect(h.fake.lastTextTo(user.id)).toContain(
      [
        'у вас на 7 часов больше):',
        '• вт, 24 нояб.: 10:00, 10:30, 11:00, 11:30',
        '• ср, 25 нояб.: 10:00, 10:30, 11:00, 11:30',
        '• чт, 26 нояб.: 10:00, 10:30, 11:00, 11:30',
        'Выберите удобное время',
      ].join('\n'),
    )

    // Her Tuesday morning is our Tuesday too: today is today again
    h.clock.set('2026-11-24T00:30Z') // 03:30 in Moscow, 10:30 in Vladivostok
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastButtonsTo(user.id)[0]?.text).toBe('Сегодня, 24 нояб.')
    // A day and a time typed together are hers, as her buttons are (her 22:00 is our 15:00), said
    // back on her clock: in her night, the read-back says so
    await h.send(h.u.text(user, 'завтра в 22'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^✔️ Звонок: среда, 25 ноября, 22:00–22:30 \(ваше время, Владивосток, UTC\+10; у нас на 7 часов меньше: Москва, UTC\+3\)\. 🌙 У вас это ночь \(22:00–7:00 по вашим часам\): если неудобно, на подтверждении будет кнопка «🔄 Другое время»\.\n\n/,
    )
    // Another time typed once her number and comment are known: the confirmation names the time,
    // and the night is said above it
    await h.send(h.u.text(user, '+7 913 123-45-67'), h.u.callback(user, 'bk:skip'), h.u.callback(user, 'bk:other'))
    // On the day's times, on her clock: her 23:00 is our 16:00
    await h.send(h.u.text(user, '23'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^🌙 У вас это ночь \(22:00–7:00 по вашим часам\): если неудобно, нажмите ниже «🔄 Другое время»\.\n\n/,
    )
    expect(h.fake.lastTextTo(user.id)).toContain('среда, 25 ноября, 16:00–16:30')
    expect(h.errors()).toEqual([])
  })

  it('a part of the day typed by a client with her own zone is hers: «в понедельник вечером» is her evening on our times, and none there is said so, not her night offered', async () => {
    const h = createHarness()
    // Monday 19:00 in Vladivostok, 12:00 in Moscow: «в понедельник» is next Monday, 30 November
    const times = async (id: number, typed: string) => {
      const user = h.u.user(id, { first_name: 'Ирина' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone Владивосток'))
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      return { user, text: h.fake.lastTextTo(user.id), buttons: h.fake.lastButtonsTo(user.id).map((b) => b.text) }
    }
    const all = '🕐 Всё время этого дня'
    // Her evening, 17:00–22:00 on her clock, is 10:00–15:00 in Moscow: none of it her night
    const evening = await times(9340, 'в понедельник вечером')
    expect(evening.text).toBe(
      'Понедельник, 30 ноября — выберите удобное время (ваше время, Владивосток, UTC+10; у нас на 7 часов меньше: Москва, UTC+3). На звонок отводим до 30 мин. Показано время с 17:00 до 22:00 по вашим часам.',
    )
    expect(evening.buttons.slice(0, 11)).toEqual([
      ...['17:00', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00', '21:30'],
      all,
    ])
    // Later in her evening, towards it, after her work
    const later = await times(9341, 'в понедельник попозже вечером')
    expect(later.text).toContain('Показано время с 19:00 до 22:00 по вашим часам.')
    expect(later.buttons.slice(0, 7)).toEqual(['19:00', '19:30', '20:00', '20:30', '21:00', '21:30', all])
    const toward = await times(9342, 'в понедельник ближе к вечеру')
    expect(toward.buttons.slice(0, 5)).toEqual(['17:00', '17:30', '18:00', '18:30', all])
    const afterWork = await times(9343, 'в понедельник после работы')
    expect(afterWork.buttons.slice(0, 9)).toEqual([
      ...['18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00', '21:30'],
      all,
    ])
    // Her morning (7:00–12:00) is our night: none, said so, and the nearest times that are not her
    // night instead — not 15:00–18:30, her night
    const morning = await times(9344, 'в понедельник утром')
    expect(morning.text).toMatch(
      /^С 7:00 до 12:00 по вашим часам в этот день свободного времени нет — вот ближайшее свободное время\.\n\nПонедельник, 30 ноября/,
    )
    expect(morning.text).not.toContain('🌙')
    expect(morning.buttons.slice(0, 11)).toEqual([
      ...['17:00', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00', '21:30'],
      all,
    ])
    // Typed as its button reads, her evening's time is taken with no night said
    await h.send(h.u.text(evening.user, '21:30'))
    expect(h.fake.lastTextTo(evening.user.id)).toMatch(
      /^✔️ Звонок: понедельник, 30 ноября, 21:30–22:00 \(ваше время, Владивосток, UTC\+10; у нас на 7 часов меньше: Москва, UTC\+3\)\.\n\n/,
    )
    // A time after which any will do, typed with its day, is on our clock: "после 17" is 17:00 in
    // Moscow, her midnight (the times shown on her clock, naming her Tuesday)
    const clock = await times(9345, 'в понедельник после 17')
    expect(clock.buttons.slice(0, 3)).toEqual(['🌙 вт 0:00', '🌙 вт 0:30', '🌙 вт 1:00'])
    expect(h.errors()).toEqual([])
  })

  it('a zone on record that no clock knows is none: /timezone asks as for a new client, and sets it right', async () => {
    const h = createHarness()
    const user = h.u.user(9306, { first_name: 'Ирина' })
    await h.send(h.u.text(user, '/start'))
    h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)!.id, 'Mars/Olympus')
    await h.send(h.u.text(user, '/timezone'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Я указываю время по нашему поясу/)
    await pressZone(h, user, 'Новосибирск, UTC+7')
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Asia/Novosibirsk')
    expect(h.errors()).toEqual([])
  })
})

describe('a city typed at /timezone', () => {
  const now = Date.parse('2026-11-23T09:00Z')
  const zones = offeredZones('Europe/Moscow', now)
  it('is the button of that city, as a sentence bends it, in Russian or English', () => {
    expect(zoneNamedIn('Владивосток', zones, now)).toBe('Asia/Vladivostok')
    expect(zoneNamedIn('я живу во Владивостоке', zones, now)).toBe('Asia/Vladivostok')
    expect(zoneNamedIn('in Novosibirsk', zones, now)).toBe('Asia/Novosibirsk')
    expect(zoneNamedIn('Омское время', zones, now)).toBe('Asia/Omsk')
    expect(zoneNamedIn('Камчатка', zones, now)).toBe('Asia/Kamchatka')
    expect(zoneNamedIn('по Москве', zones, now)).toBe('Europe/Moscow')
  })

  it('is a city of Russia or near it on another city’s time, in Russian, bent as a sentence bends it, or by its nickname', () => {
    for (const [text, zone] of [
      ['Хабаровск', 'Asia/Vladivostok'],
      ['в Хабаровске', 'Asia/Vladivostok'],
      ['Khabarovsk', 'Asia/Vladivostok'],
      ['из Питера', 'Europe/Moscow'],
      ['в Санкт-Петербурге', 'Europe/Moscow'],
      ['St. Petersburg', 'Europe/Moscow'],
      ['Казань', 'Europe/Moscow'],
      ['мы в Чебоксарах', 'Europe/Moscow'],
      ['в Перми', 'Asia/Yekaterinburg'],
      ['из Тюмени', 'Asia/Yekaterinburg'],
      ['на Алтае', 'Asia/Barnaul'],
      ['в Якутии', 'Asia/Yakutsk'],
      ['в Комсомольске-на-Амуре', 'Asia/Vladivostok'],
      ['в Минске', 'Europe/Minsk'],
      ['в Берлине', 'Europe/Berlin'],
      ['в Нью-Йорке', 'America/New_York'],
    ] as const) {
      expect(zoneNamedIn(text, zones, now), text).toBe(zone)
      expect(zoneNamedIn(text, [], now), text).toBe(zone)
    }
  })

  it('is a city of the time zone database when no button names it, with its summer time', () => {
    expect(zoneNamedIn('London', zones, now)).toBe('Europe/London')
    expect(zoneNamedIn("I'm in New York", [], now)).toBe('America/New_York')
    // Typed without its apostrophe, as phones often leave it
    expect(zoneNamedIn('im in sydney', [], now)).toBe('Australia/Sydney')
    expect(zoneNamedIn('currently based in Berlin', [], now)).toBe('Europe/Berlin')
    expect(zoneNamedIn('Europe/Berlin', [], now)).toBe('Europe/Berlin')
    expect(zoneNamedIn('London office', [], now)).toBeUndefined()
    // Not a word or a name the database happens to hold: a nested zone's, an island's, a station's,
    // a name said as one's own
    for (const text of ['Center', 'Christmas', 'Easter', 'Wake', 'Vostok', "I'm Regina", 'Troll']) {
      expect(zoneNamedIn(text, [], now), text).toBeUndefined()
    }
    // "Petersburg" is Saint Petersburg, not Indiana's
    expect(zoneNamedIn('Petersburg', [], now)).toBe('Europe/Moscow')
    expect(zoneNamedIn('St. Petersburg', [], now)).toBe('Europe/Moscow')
    expect(zoneNamedIn("I'm Regina", [], now)).toBeUndefined()
    // Spelt as people spell it today, whatever this runtime's data calls it
    expect(zoneNamedIn('Kyiv', [], now)).toMatch(/^Europe\/(Kyiv|Kiev)$/)
    expect(zoneNamedIn('Kolkata', [], now)).toMatch(/^Asia\/(Kolkata|Calcutta)$/)
    // As Americans write their city, and big cities no zone is named after
    expect(zoneNamedIn('LA', [], now)).toBe('America/Los_Angeles')
    expect(zoneNamedIn("I'm in NYC", [], now)).toBe('America/New_York')
    expect(zoneNamedIn('SF', [], now)).toBe('America/Los_Angeles')
    expect(zoneNamedIn('I live in Seattle', [], now)).toBe('America/Los_Angeles')
    expect(zoneNamedIn('Mumbai', [], now)).toMatch(/^Asia\/(Kolkata|Calcutta)$/)
  })

  it('is none when the text says more than where one is: an offset, a "не", a question, other words', () => {
    for (const text of [
      'Москва +4',
      'по Москве +2',
      'не в Москве',
      'В Москве есть офис',
      'у меня 16:05, Москва',
      'Самарина Ольга',
      'Иванова',
      'я Владимир',
      'из Москвы в Хабаровск',
    ]) {
      expect(zoneNamedIn(text, zones, now), text).toBeUndefined()
    }
  })
})
