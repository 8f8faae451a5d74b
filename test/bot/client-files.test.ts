import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** What the client is told when a request opens (Monday 12:00 Moscow, nothing said before but /start). */
const handover = (name: string) =>
  `${name}, передаю вас менеджеру. Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ` +
  'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.'

describe('a voice message, a photo or a file sent outside any flow reaches the team: the bot cannot read it', () => {
  it('a voice message after /start opens a request: the voice follows into the topic, one handover; the next is relayed', async () => {
    const h = createHarness()
    const irina = h.u.user(6901, { first_name: 'Ирина' })
    await h.send(h.u.text(irina, '/start'))
    const before = h.fake.sentTo(irina.id).length
    const first = h.u.voice(irina)
    await h.send(first)
    const client = findClientByTelegramId(h.deps.db, irina.id)!
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.fake.textsTo(irina.id).slice(before)).toEqual([handover('Ирина')])
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, irina.id)!.topicId!
    const inTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId)
    // The card says what came: no words to quote, a voice message to listen to
    expect(String(inTopic[0]?.payload.text)).toContain('клиент прислал голосовое сообщение')
    const copies = () =>
      h.fake.callsOf('copyMessage').filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(copies().map((c) => c.payload.message_id)).toEqual([first.message!.message_id])
    // A second voice right after: relayed as itself, with no second handover and no offer of a button
    const second = h.u.voice(irina)
    await h.send(second)
    await h.drain()
    expect(h.fake.textsTo(irina.id).slice(before)).toEqual([handover('Ирина')])
    expect(copies().map((c) => c.payload.message_id)).toEqual([first.message!.message_id, second.message!.message_id])
    expect(h.errors()).toEqual([])
  })

  it('a photo with no caption opens a request as a voice does', async () => {
    const h = createHarness()
    const artem = h.u.user(6902, { first_name: 'Артём' })
    await h.send(h.u.text(artem, '/start'))
    const before = h.fake.sentTo(artem.id).length
    const photo = h.u.photo(artem)
    await h.send(photo)
    expect(h.fake.textsTo(artem.id).slice(before)).toEqual([handover('Артём')])
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, artem.id)!.topicId!
    expect(String(h.fake.sentTo(STAFF_GROUP_ID, topicId)[0]?.payload.text)).toContain('клиент прислал фото')
    const copied = h.fake.callsOf('copyMessage').filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(copied.map((c) => c.payload.message_id)).toEqual([photo.message!.message_id])
    expect(h.errors()).toEqual([])
  })

  it('a photo moments after a few words opens the request too, the words with it; at night the client hears when the team is back', async () => {
    const h = createHarness()
    const user = h.u.user(6904, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Вот такая царапина'))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    await h.send(h.u.photo(user))
    // Something said before: it goes with her
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Вера, передаю вас менеджеру вместе со всей нашей перепиской/)
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Вот такая царапина')
    // Monday 23:00 in Moscow: the studio is back on Tuesday at 10:00
    const night = h.u.user(6905, { first_name: 'Глеб' })
    await h.send(h.u.text(night, '/start'))
    h.clock.set('2026-11-23T20:00:00Z')
    const before = h.fake.sentTo(night.id).length
    await h.send(h.u.voice(night), h.u.voice(night))
    const told = h.fake.textsTo(night.id).slice(before)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/^Глеб, передаю вас менеджеру/)
    expect(told[0]).toContain('10:00')
    expect(told[0]).not.toContain('лучше понимаю кнопки')
    expect(h.errors()).toEqual([])
  })

  it('a photo’s caption is read as the same words typed would be: the price answer, and the card quotes it', async () => {
    const h = createHarness()
    const question = 'Сколько стоит такой ремонт?'
    // The same words typed, by another client: what the caption must get too
    const typed = h.u.user(6906, { first_name: 'Пётр' })
    await h.send(h.u.text(typed, '/start'))
    const typedBefore = h.fake.sentTo(typed.id).length
    await h.send(h.u.text(typed, question))
    const priceAnswer = h.fake.textsTo(typed.id).slice(typedBefore)[0]
    expect(priceAnswer).toMatch(/^[^\n]*\n/) // a list, several lines
    const artem = h.u.user(6907, { first_name: 'Артём' })
    await h.send(h.u.text(artem, '/start'))
    const before = h.fake.sentTo(artem.id).length
    const photo = h.u.photo(artem, { caption: question })
    await h.send(photo)
    // The prices at once, then the handover: a person sees the photo
    expect(h.fake.textsTo(artem.id).slice(before)).toEqual([priceAnswer, handover('Артём')])
    const client = findClientByTelegramId(h.deps.db, artem.id)!
    expect(h.deps.services.handoff.current(client.id)?.detail).toBe(question)
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, artem.id)!.topicId!
    // The card quotes her words; the photo itself follows into the topic
    expect(String(h.fake.sentTo(STAFF_GROUP_ID, topicId)[0]?.payload.text)).toContain(`«${question}»`)
    const copied = h.fake.callsOf('copyMessage').filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(copied.map((c) => c.payload.message_id)).toEqual([photo.message!.message_id])
    expect(h.errors()).toEqual([])
  })

  it('a file’s caption asking for the boss with a number in it: the number is kept, the owners are told', async () => {
    const h = createHarness()
    const user = h.u.user(6908, { first_name: 'Нина' })
    await h.send(h.u.text(user, '/start'))
    await h.send(
      h.u.document(user, { fileName: 'акт.pdf', caption: 'Позовите руководителя, мой номер +7 916 123-45-67' }),
    )
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(client.phone).toBe('+79161234567')
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toBe('Сообщаю руководителю — он увидит всю нашу переписку.')
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.startsWith('📣 Клиент'))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a sticker alone opens nothing: the offer of a manager, one tap away, as before', async () => {
    const h = createHarness()
    const user = h.u.user(6903, { first_name: 'Оля' })
    await h.send(h.u.text(user, '/start'), h.u.sticker(user))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:ask', 'menu:main'])
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, user.id)!.id)).toBe(false)
    await h.drain()
    expect(h.fake.callsOf('createForumTopic')).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
