import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('/offer in a client topic', () => {
  it('sends the client the nearest free call times and a button into the booking flow', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    // 13:00 today is taken (one call per slot in the demo), so the offer starts at 13:30
    // (booked through the service: an hour ahead is the earliest, and a chat takes a few seconds)
    const other = seedClient(h.deps, 8202)
    const taken = h.deps.services.booking.book({
      clientId: other.id,
      slotStart: Date.parse('2026-11-23T10:00Z'),
      phone: '+79990000000',
      comment: null,
      productId: null,
    })
    expect(taken.ok).toBe(true)
    const { user, topicId } = await clientInHandoff(h, 8201, 'Зоя')
    const owner = h.u.user(OWNER_ID)

    await h.send(h.u.staffText(owner, topicId, '/offer'))
    await h.flush() // through the client's lane, behind anything the manager sent before
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        'Зоя, менеджер предлагает созвониться. Ближайшее свободное время (Москва, UTC+3):',
        '• Сегодня, 23 нояб.: 13:30, 14:00, 14:30, 15:00',
        '• Завтра, 24 нояб.: 10:00, 10:30, 11:00, 11:30',
        '• ср, 25 нояб.: 10:00, 10:30, 11:00, 11:30',
        'Выберите удобное время по кнопке ниже — там все свободные дни и часы.',
      ].join('\n'),
    )
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: '📞 Выбрать время звонка', data: 'menu:booking' }])
    // The manager sees in the topic which times the client was offered, once it reached them
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      [
        '📤 Клиенту отправлено предложение звонка:',
        '<blockquote expandable>Зоя, менеджер предлагает созвониться. Ближайшее свободное время (Москва, UTC+3):',
        '• Сегодня, 23 нояб.: 13:30, 14:00, 14:30, 15:00',
        '• Завтра, 24 нояб.: 10:00, 10:30, 11:00, 11:30',
        '• ср, 25 нояб.: 10:00, 10:30, 11:00, 11:30',
        'Выберите удобное время по кнопке ниже — там все свободные дни и часы.</blockquote>',
        'Кнопки: [📞 Выбрать время звонка]',
      ].join('\n'),
    )

    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('bkd:'))).toBe(true)
    // With the manager's chat open, the flow the client began goes on to the end: what they
    // type is its phone and comment, not messages to the manager
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T07:00Z')))
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    await h.send(h.u.text(user, 'Лучше на мобильный'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ phone: '+79161234567', comment: 'Лучше на мобильный' }])

    // a client in the staff group who is not staff cannot use it
    const stranger = h.u.user(8299)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(stranger, topicId, '/offer'))
    await h.drain()
    expect(h.fake.textsTo(user.id)).toHaveLength(before)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('только для сотрудников')
  })

  it('a client who has a call booked is offered to move it, with the button that moves that call', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8203, 'Ия')
    const client = findClientByTelegramId(h.deps.db, user.id)
    const booked = h.deps.services.booking.book({
      clientId: client?.id ?? -1,
      slotStart: Date.parse('2026-11-24T07:00Z'),
      phone: '+79990000001',
      comment: null,
      productId: null,
    })
    expect(booked.ok).toBe(true)
    const before = h.fake.textsTo(user.id).length

    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    expect(h.fake.textsTo(user.id)).toHaveLength(before + 1)
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Ия, менеджер предлагает перенести ваш звонок на другое время \(сейчас: вторник, 24 ноября, 10:00–10:30, Москва, UTC\+3\)\. Ближайшее свободное время/,
    )
    // Keeping the call asks nothing of the client
    expect(h.fake.lastTextTo(user.id)).toContain('Если удобно как есть, ничего делать не нужно.')
    const [button] = h.fake.lastButtonsTo(user.id)
    expect(button?.text).toBe('🔄 Перенести звонок')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '📤 Клиенту отправлено предложение перенести звонок (вт, 24 нояб., 10:00):',
    )
    // Its own time is not offered as one to move it to
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/Завтра, 24 нояб\.: 10:00/)
    // The button moves that call
    await h.send(h.u.callback(user, button?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой день перенести?')
    // Once its time has begun, the call is on: nothing is sent, the topic says so
    h.clock.set('2026-11-24T07:10Z')
    const sent = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    expect(h.fake.textsTo(user.id)).toHaveLength(sent)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Предложение не отправлено: время звонка клиента уже идёт (с 10:00).',
    )
    expect(h.errors()).toEqual([])
  })

  it('/offer with a day the client asked for ("а в пятницу нельзя?") sends that day’s times; a day off or a word that is no day is said in the topic', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8206, 'Ива')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/offer пт'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        'Ива, менеджер предлагает созвониться. Свободное время (Москва, UTC+3):',
        '• пт, 27 нояб.: 10:00, 10:30, 11:00, 11:30, 12:00, 12:30, 13:00, 13:30, 14:00, 14:30, 15:00, 15:30, 16:00, 16:30, 17:00, 17:30, 18:00, 18:30',
        'Выберите удобное время по кнопке ниже — там все свободные дни и часы.',
      ].join('\n'),
    )
    const sent = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, '/offer вс'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Предложение не отправлено: вс, 29 нояб. — нерабочий день. /offer без дня — ближайшее свободное время.',
    )
    await h.send(h.u.staffText(owner, topicId, '/offer попозже'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/offer пт, /offer завтра или /offer 11.12')
    expect(h.fake.textsTo(user.id)).toHaveLength(sent)
    expect(h.errors()).toEqual([])
  })

  it('for a "call me now", the topic names the time promised, not when the client asked', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8204, 'Ия')
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79990001122'))
    expect(bookingsOf(h, user)).toMatchObject([{ kind: 'now' }])
    h.clock.advance(60_000)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Предложение не отправлено: клиент просил позвонить сейчас — звонок обещан до 12:15.',
    )
    // The card names it the same way
    const client = findClientByTelegramId(h.deps.db, user.id)
    const card = h.deps.services.handoff.topics.card(client?.id ?? -1)
    const shown = card && h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(card.messageId)
    expect(shown?.message.text).toMatch(/^• пн, 23 нояб., 12:15 — /m)
  })

  it('a day and time typed right under the offer ("давайте завтра в 14:00") leads into booking at that time; the topic reads the words', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8221, 'Ада')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    const before = h.fake.textsTo(user.id).length
    const typed = h.u.text(user, 'давайте завтра в 14:00')
    await h.send(typed)
    await h.flush()
    // The time is said back, and the next step asked: the client's number
    expect(h.fake.textsTo(user.id)).toHaveLength(before + 1)
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^✔️ Звонок: .*24 .*14:00–14:30 \(Москва, UTC\+3\)\.\n\nНа какой номер позвонить\?/s,
    )
    // The manager reads what the client asked for, as any message
    expect(relayedToGroup(h, user.id)).toContain(typed.message?.message_id)
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/Проверим:\n📞 Звонок: .*14:00–14:30/)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T11:00Z'), phone: '+79161234567' }])
    expect(h.errors()).toEqual([])
  })

  it('a time typed under the offer that is taken, or a day off, gets the free times near it', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const other = seedClient(h.deps, 8222)
    expect(
      h.deps.services.booking.book({
        clientId: other.id,
        slotStart: Date.parse('2026-11-24T11:00Z'),
        phone: '+79990000000',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    const { user, topicId } = await clientInHandoff(h, 8223, 'Ена')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    await h.send(h.u.text(user, 'давайте завтра в 14:00'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Это время в тот день занято или нерабочее — выберите из свободных 👇/)
    const times = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    expect(times).toContain('13:30')
    expect(times).not.toContain('14:00')
    // A day off: said so, with the days to pick from
    const second = await clientInHandoff(h, 8226, 'Ида')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), second.topicId, '/offer'))
    await h.flush()
    await h.send(h.u.text(second.user, 'а в воскресенье в 12 можно?'))
    await h.flush()
    expect(h.fake.lastTextTo(second.user.id)).toMatch(/^В этот день мы не работаем/)
    expect(h.fake.lastButtonsTo(second.user.id).some((b) => b.data?.startsWith('bkd:'))).toBe(true)
    expect(bookingsOf(h, user)).toEqual([])
    expect(bookingsOf(h, second.user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a time typed under the offer to move a call is the move’s confirmation', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, client, topicId } = await clientInHandoff(h, 8224, 'Ия')
    expect(
      h.deps.services.booking.book({
        clientId: client.id,
        slotStart: Date.parse('2026-11-24T07:00Z'),
        phone: '+79990000001',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    await h.send(h.u.text(user, 'в среду в 11'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(/Переносим звонок\?\nБыло: .*10:00–10:30.*\nСтанет: .*25 .*11:00–11:30/s)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-25T08:00Z') }])
    expect(h.errors()).toEqual([])
  })

  it('«не, давайте лучше в пятницу» at the day picker of a move opens Friday’s times, as «давайте лучше в пятницу» does; the topic reads the words with them', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, client, topicId } = await clientInHandoff(h, 8227, 'Ира')
    expect(
      h.deps.services.booking.book({
        clientId: client.id,
        slotStart: Date.parse('2026-11-24T07:00Z'),
        phone: '+79990000001',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой день перенести?')
    // A "не," with its comma is a "nah" before the new choice, not the "не" of "не в пятницу"
    await h.send(h.u.text(user, 'не, давайте лучше в пятницу'))
    const friday = h.fake.lastTextTo(user.id)
    expect(friday).toMatch(/^Пятница, 27 ноября — выберите удобное время/)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toContain('11:00')
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `🕐 12:00\nне, давайте лучше в пятницу\n\n🕐 12:00\n🤖 Бот отправил клиенту: ${friday}`,
    )
    await h.send(h.u.text(user, 'в 11'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/Переносим звонок\?\nБыло: .*10:00–10:30.*\nСтанет: .*27 .*11:00–11:30/s)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-27T08:00Z') }])
    expect(h.errors()).toEqual([])
  })

  it('a time typed once someone wrote below the offer is no answer to it', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8225, 'Ян')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Или скажите, когда удобно'))
    await h.flush()
    const before = h.fake.textsTo(user.id).length
    const typed = h.u.text(user, 'завтра в 14')
    await h.send(typed)
    await h.flush()
    expect(h.fake.textsTo(user.id)).toHaveLength(before)
    expect(relayedToGroup(h, user.id)).toContain(typed.message?.message_id)
  })

  it('the call’s own time said back under the offer to move it ("завтра в 10", "хорошо, в 10") keeps it: no move asked, the manager reads the words', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, client, topicId } = await clientInHandoff(h, 8227, 'Ия')
    const call = h.deps.services.booking.book({
      clientId: client.id,
      slotStart: Date.parse('2026-11-24T07:00Z'),
      phone: '+79990000001',
      comment: null,
      productId: null,
    })
    expect(call.ok).toBe(true)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    // "If it suits you as it is, there is nothing to do": its own time is that, not a move to it
    // (it asked "Переносим звонок? Было: 10:00 Станет: 10:00", or which day to move it to)
    for (const said of ['завтра в 10', 'хорошо, в 10']) {
      const before = h.fake.textsTo(user.id).length
      const typed = h.u.text(user, said)
      await h.send(typed)
      await h.flush()
      expect(h.fake.textsTo(user.id).slice(before), said).toEqual([])
      expect(relayedToGroup(h, user.id), said).toContain(typed.message?.message_id)
    }
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T07:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })

  it('speaks the client’s language', async () => {
    const h = createHarness()
    const user = h.u.user(8211, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId as number
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    const text = h.fake.lastTextTo(user.id)
    expect(text).toContain('Jane, your manager suggests a call. The nearest free times (Moscow Time, UTC+3):')
    expect(text).toContain('• Tomorrow, 24 Nov: 10:00, 10:30, 11:00, 11:30')
  })
})

describe('/offer to a client on another clock', () => {
  it('offers the times in the client’s day first: a Londoner is not offered only 7:00–8:30 on their clock', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow (9:00 in London)
    const user = h.u.user(8221, { first_name: 'Sophie', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)
    updateClient(h.deps.db, client?.id ?? -1, { timezone: 'Europe/London' })
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client?.topicId as number, '/offer'))
    await h.flush()
    const text = h.fake.lastTextTo(user.id)
    // Calls from 10:00 in Moscow: 7:00 in London. Noon in Moscow is 9:00 there
    expect(text).toContain('• Tomorrow, 24 Nov: 12:00, 12:30, 13:00, 13:30')
    expect(text).not.toContain('🌅')
    // A day the manager names shows all its times, the early ones marked, as before
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client?.topicId as number, '/offer wed'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(/🌅 10:00, 🌅 10:30, 🌅 11:00, 🌅 11:30, 12:00, 12:30/)
  })
})
