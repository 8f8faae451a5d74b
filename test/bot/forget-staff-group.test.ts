/**
 * What /forget does in the staff group, within Telegram's rules (the emulator's: a bot
 * deletes its own messages within 48 hours of sending, other people's only with the
 * "Delete messages" right; it edits its own at any age), and what it does to what is still
 * queued or under way.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { countOutbox } from '../../db/repositories/outbox.ts'
import { bookings, jobs, outbox } from '../../db/schema.ts'
import { book, bookingsOf, slotData } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { deletedMessageIds } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const HOUR = 3_600_000
const MONDAY = '2026-11-23'

const SECOND_GROUP = -1009876543210

/** A harness whose Telegram keeps the bot's time (message dates, the 48 hours); `groups`: a second staff group too. */
function harness(groups: 1 | 2 = 1): Harness {
  const clock = createFakeClock()
  return createHarness({
    clock,
    fake: new FakeTelegram({ now: () => clock.now() }),
    ...(groups === 2 ? { config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND_GROUP}` } } : {}),
  })
}

/** The ids of the album's copies in the staff group (copied with copyMessages). */
function albumCopies(h: Harness): number[] {
  return h.fake
    .callsOf('copyMessages')
    .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    .flatMap((c) => (c.result as { message_id: number }[]).map((m) => m.message_id))
}

/** The staff group message Telegram holds under this id, unless deleted. */
function inGroup(h: Harness, id: number) {
  const stored = h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(id)
  return stored && !stored.deleted ? stored.message : undefined
}

/** The id of the group message (not deleted) whose text or caption contains `text`. */
function groupMessageWith(h: Harness, text: string): number {
  for (const stored of h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()) {
    const shown = stored.message.text ?? stored.message.caption ?? ''
    if (!stored.deleted && shown.includes(text)) return stored.message.message_id
  }
  throw new Error(`no group message with "${text}"`)
}

/** What managers can still read in the group: texts, captions, and the documents' names and contents. */
function groupContent(h: Harness): string {
  const out: string[] = []
  for (const stored of h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()) {
    if (stored.deleted || stored.message.forum_topic_created) continue
    out.push(stored.message.text ?? '', stored.message.caption ?? '')
    const sent = h.fake
      .callsOf('sendDocument')
      .find((c) => (c.result as { message_id?: number } | undefined)?.message_id === stored.message.message_id)
    const file = stored.message.document && sent?.files.document
    if (file) out.push(file.filename ?? '', file.data.toString('utf8'))
  }
  return out.join('\n')
}

/** Whether the topic is gone from the group (deleted whole). */
function topicDeleted(h: Harness, topicId: number): boolean {
  return h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(topicId)?.deleted === true
}

/** The client, as they are in Telegram (their name unchanged), erases their data. */
async function forget(h: Harness, user: User): Promise<void> {
  await forgetData(h, user)
  await h.flush()
}

describe('/forget in the staff group', () => {
  it('deletes their conversation and what showed the contacts within 48 hours, edits the bot’s older ones into a note; the managers’ without the right stay', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_101, 'Глафира')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(user, 'Мой телефон +7 903 111-22-33'))
    await h.flush()
    const old = groupMessageWith(h, '111-22-33')

    h.clock.advance(50 * HOUR)
    await h.send(h.u.text(user, 'Повторю: 8 903 111 22 33'), h.u.text(user, 'без контактов'))
    await h.flush()
    await h.send(h.u.staffText(owner, topicId, 'Запишу ваш номер 89031112233'))
    await h.flush()
    const fresh = groupMessageWith(h, '8 903 111 22 33')
    const plain = groupMessageWith(h, 'без контактов')
    const managers = h.fake.callsOf('copyMessage').filter((c) => Number(c.payload.from_chat_id) === STAFF_GROUP_ID)
    const managerMessage = Number(managers.at(-1)?.payload.message_id)

    h.fake.botRights.can_delete_messages = false
    await forget(h, user)

    expect(inGroup(h, fresh)).toBeUndefined() // the bot's own, fresh: deleted without any right
    expect(inGroup(h, plain)).toBeUndefined() // their words, whatever they show
    // Older than 48 hours: Telegram keeps it, and lets the bot edit its own message at any age
    expect(inGroup(h, old)?.text).toBe('🗑 Удалено: клиент удалил свои данные (/forget).')
    expect(inGroup(h, managerMessage)?.text).toContain('89031112233') // a manager's: needs the right
    // That one stays; the old copy and the transcript the request opened with, 50 hours ago, are edited
    expect(h.logs.find((l) => l.msg.startsWith('messages of an erased client stay'))).toMatchObject({
      left: 1,
      edited: 2,
      unedited: 0,
    })
    expect(h.errors()).toEqual([])
  })

  it('with the right to delete, the topic goes whole: the managers’ messages, old ones and the line that opened it; General hears of it without a name', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_102, 'Агафья')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(user, 'Почта agafya@example.org'))
    await h.flush()
    await h.send(
      h.u.staffText(owner, topicId, 'Отправил на agafya@example.org'),
      h.u.staffText(owner, topicId, 'Агафья, получили?'),
      h.u.staffText(owner, topicId, 'Ок'),
    )
    await h.flush()
    const [withEmail, withName, plain] = h.fake
      .callsOf('copyMessage')
      .filter((c) => Number(c.payload.from_chat_id) === STAFF_GROUP_ID)
      .map((c) => Number(c.payload.message_id))

    // Older than Telegram lets a message go, one by one: the topic takes them along
    h.clock.advance(50 * HOUR)
    await forget(h, user)
    expect(topicDeleted(h, topicId)).toBe(true)
    for (const id of [withEmail, withName, plain, topicId]) expect(inGroup(h, id as number)).toBeUndefined()
    expect(groupContent(h)).not.toMatch(/Агафья|agafya/)
    const general = h.fake.sentTo(STAFF_GROUP_ID).filter((c) => c.payload.message_thread_id === undefined)
    expect(general.map((c) => c.payload.text).at(-1)).toBe(
      '🗑 Клиент удалил свои данные (/forget): его тема удалена вместе со всей перепиской.',
    )
    expect(h.errors()).toEqual([])
  })

  it('with the right to delete, a topic of many old messages goes in one call: nothing that went with it is edited or deleted again', async () => {
    const h = harness()
    const { user, client } = await clientInHandoff(h, 7_210_000_112, 'Агафья')
    for (let i = 0; i < 15; i++) await h.send(h.u.text(user, `Агафья, сообщение ${i}`))
    // The bot's own notices in the topic that name her went with it too
    h.deps.services.handoff.notifyTopic(client.id, [{ key: 'staff-bridge-line', args: { text: 'Агафья ждёт звонка' } }])
    await h.flush()
    h.clock.advance(50 * HOUR)
    h.fake.clearCalls()
    await forget(h, user)
    expect(h.fake.callsOf('deleteForumTopic')).toHaveLength(1)
    const again = h.fake.calls.filter(
      (c) => /^(editMessage|deleteMessage)/.test(c.method) && Number(c.payload.chat_id) === STAFF_GROUP_ID,
    )
    expect(again.map((c) => c.method)).toEqual([])
    expect(groupContent(h)).not.toContain('Агафья')
  })

  it('a call booked while the client had a topic: its notice went into the topic and goes with it; nothing there is edited after, old as it is', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_113, 'Ольга')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Здравствуйте'))
    await h.flush()
    await book(h, user, { day: '2026-11-25', slot: '2026-11-25T12:00Z', phone: '+7 903 222-33-44' })
    await h.deps.scheduler.runDue()
    await h.flush()
    const notice = groupMessageWith(h, '🗓 Новая запись на звонок')
    expect(h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(notice)?.message.message_thread_id).toBe(topicId)
    // Older than Telegram lets a message go: had it been in General, it would be edited into the note
    h.clock.advance(50 * HOUR)
    h.fake.clearCalls()
    await forget(h, user)
    expect(topicDeleted(h, topicId)).toBe(true)
    const after = h.fake.calls.filter(
      (c) => /^(editMessage|deleteMessage)/.test(c.method) && Number(c.payload.chat_id) === STAFF_GROUP_ID,
    )
    expect(after.map((c) => [c.method, c.payload.message_id ?? c.payload.message_ids, c.error?.description])).toEqual(
      [],
    )
    expect(groupContent(h)).not.toMatch(/Ольга|903/)
    expect(h.errors()).toEqual([])
  })

  it('a /find naming the client, typed in her own topic: the command and its answer go with the topic, not deleted after it', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_114, 'Ольга')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/find Ольга'))
    await h.flush()
    h.fake.clearCalls()
    await forget(h, user)
    expect(topicDeleted(h, topicId)).toBe(true)
    const after = h.fake.calls.filter(
      (c) => /^(editMessage|deleteMessage)/.test(c.method) && Number(c.payload.chat_id) === STAFF_GROUP_ID,
    )
    expect(after.map((c) => [c.method, c.payload.message_id ?? c.payload.message_ids])).toEqual([])
    expect(groupContent(h)).not.toContain('Ольга')
    expect(h.errors()).toEqual([])
  })

  it('without the right to delete, the managers’ messages stay and the topic is renamed', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_111, 'Агафья')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Агафья, получили?'))
    await h.flush()
    const withName = Number(
      h.fake.callsOf('copyMessage').filter((c) => Number(c.payload.from_chat_id) === STAFF_GROUP_ID)[0]?.payload
        .message_id,
    )
    h.fake.botRights.can_delete_messages = false
    await forget(h, user)
    expect(topicDeleted(h, topicId)).toBe(false)
    expect(h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(topicId)?.name).toBe('🗑 Данные клиента удалены')
    expect(inGroup(h, withName)?.text).toBe('Агафья, получили?')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'Клиент удалил свои данные (/forget). Запрос закрыт',
    )
  })

  it('deletes the conversation the bot posted, which names them though it shows no contact (a short transcript)', async () => {
    const h = harness()
    const user = h.u.user(7_210_000_107, { first_name: 'Евлампия', last_name: 'Кузякина' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:no'))
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const transcript = groupMessageWith(h, 'Здравствуйте, Евлампия!')

    await forget(h, user)
    expect(inGroup(h, transcript)).toBeUndefined()
    const left = groupContent(h)
    expect(left).toContain('🗑 Клиент удалил свои данные')
    expect(left).not.toContain('Евлампия')
    expect(left).not.toContain('Кузякина')
  })

  it('deletes the service messages of the topic’s renames, which show the name; Telegram keeps the one that opened it', async () => {
    const h = harness()
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(7_210_000_108, { first_name: 'Вера', last_name: 'Кузякина', username: 'vera_k' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    const { id, topicId } = findClientByTelegramId(h.deps.db, user.id)!
    await h.send(h.u.staffText(owner, topicId!, 'Добрый день! Расскажите подробнее'))
    await h.flush()
    // Telegram tells the bot of its own changes to the topic: created 🟡, renamed 💬
    await h.send(...h.u.ownTopicChanges())
    await h.flush()
    const titles = () =>
      [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
        .filter((m) => !m.deleted && (m.message.forum_topic_created || m.message.forum_topic_edited))
        .map((m) => (m.message.forum_topic_created ?? m.message.forum_topic_edited)?.name)
    expect(titles()).toEqual([`🟡 Вера Кузякина @vera_k · #${id}`, `💬 Вера Кузякина @vera_k · #${id}`])

    // Without the right to delete, the topic stays, cleared message by message
    h.fake.botRights.can_delete_messages = false
    await forget(h, user)
    // Telegram deletes no message that opened a topic: it keeps the title the topic had then
    expect(titles()).toEqual([`🟡 Вера Кузякина @vera_k · #${id}`, '🗑 Данные клиента удалены'])
    expect(h.errors()).toEqual([])
  })

  it('deletes a long transcript sent as a file; the file names the client by number only', async () => {
    const h = harness()
    const user = h.u.user(7_210_000_108, { first_name: 'Евлампия', last_name: 'Кузякина' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:no'))
    // A long conversation without any phone or e-mail in it (notes of a word or two: a question
    // would open the request at once), minutes apart (each answered anew, not read with the one before)
    for (let i = 0; i < 30; i++) {
      h.clock.advance(3 * 60_000)
      await h.send(h.u.text(user, `Пункт ${i}`))
    }
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const file = h.fake.callsOf('sendDocument')[0]?.files.document?.data.toString('utf8') ?? ''
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    expect(file).toContain(`<h1>#${clientId}</h1>`)
    expect(file).not.toContain('Кузякина')

    await forget(h, user)
    const left = groupContent(h)
    expect(left).toContain('🗑 Клиент удалил свои данные')
    expect(left).not.toContain('Евлампия')
    expect(left).not.toContain('Кузякина')
    expect(left).not.toContain('Пункт')
  })

  it('a batch Telegram refuses is deleted message by message', async () => {
    const h = harness()
    const { user } = await clientInHandoff(h, 7_210_000_103, 'Ефросинья')
    await h.send(h.u.text(user, '+7 903 444-55-66'))
    await h.flush()
    const message = groupMessageWith(h, '444-55-66')
    h.fake.botRights.can_delete_messages = false // the topic stays: its messages go one by one
    h.fake.fail({ method: 'deleteMessages', error_code: 400, description: "Bad Request: message can't be deleted" })
    await forget(h, user)
    expect(inGroup(h, message)).toBeUndefined()
    expect(h.fake.callsOf('deleteMessage').map((c) => c.payload.message_id)).toContain(message)
  })

  it('what was still queued for the group is never sent; the group hears only of the erasure', async () => {
    const h = harness()
    const { user, client, topicId } = await clientInHandoff(h, 7_210_000_104, 'Пелагея')
    // The group is held by Telegram's limit: the client's messages wait in the outbox
    h.fake.tooManyRequests({ method: 'copyMessage', chatId: STAFF_GROUP_ID }, 30)
    await h.send(h.u.text(user, 'Пелагея Ивановна, +7 903 777-88-99'))
    await h.drain()
    expect(countOutbox(h.deps.db).pending).toBeGreaterThan(0)
    const sentBefore = h.fake.sentTo(STAFF_GROUP_ID).length

    await forget(h, user)
    const after = h.fake.sentTo(STAFF_GROUP_ID).slice(sentBefore)
    expect(after.map((c) => c.method)).toEqual(['sendMessage']) // the notice, nothing of the person
    expect(String(after[0]?.payload.text)).toContain('Клиент удалил свои данные')
    expect(after[0]?.payload.message_thread_id).toBeUndefined() // in General: the topic is gone
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).not.toContain('777-88-99')
    expect(
      h.deps.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.clientId === client.id),
    ).toEqual([])
    expect(topicDeleted(h, topicId)).toBe(true)
  })

  it('a message that reached the topic while the erasure ran is deleted after it', async () => {
    const h = harness()
    const { user, client } = await clientInHandoff(h, 7_210_000_105, 'Феврония')
    let erased = false
    h.fake.on('copyMessage', (payload) => {
      // The person confirms /forget (another update) while their message is on its way to the group
      if (Number(payload.chat_id) === STAFF_GROUP_ID && !erased) {
        erased = true
        h.deps.services.erasure.erase(client.id)
      }
      return undefined
    })
    await h.send(h.u.text(user, 'мой номер +7 903 000-11-22'))
    await h.flush()
    const copy = h.fake
      .callsOf('copyMessage')
      .find((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && Number(c.payload.from_chat_id) === user.id)
    expect(copy).toBeDefined()
    const copied = (copy?.result as { message_id: number } | undefined)?.message_id as number
    expect(h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(copied)?.message.text).toContain('000-11-22')
    expect(inGroup(h, copied)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('an album reaching the topic while the erasure ran is deleted after it, every photo', async () => {
    const h = harness()
    const { user, client } = await clientInHandoff(h, 7_210_000_110, 'Февронья')
    h.fake.on('copyMessages', () => {
      // The person confirms /forget (another update) while their album is on its way to the group
      h.deps.services.erasure.erase(client.id)
      return undefined
    })
    await h.send(...[1, 2, 3].map(() => h.u.photo(user, { mediaGroupId: 'scans' })))
    await h.flush()
    const album = albumCopies(h)
    expect(album).toHaveLength(3)
    expect(album.filter((id) => inGroup(h, id))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('after a /move, deletes every photo of an album the client sent into the old topic', async () => {
    const h = harness(2)
    const { user, topicId } = await clientInHandoff(h, 7_210_000_109, 'Анна')
    await h.send(...[1, 2, 3].map(() => h.u.photo(user, { mediaGroupId: 'scans' })))
    await h.flush()
    const album = albumCopies(h)
    expect(album).toHaveLength(3)
    // The new group's topic gets ids of its own; the old topic's copies stay where they were
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/move 2'))
    await h.flush()
    expect(findClientByTelegramId(h.deps.db, user.id)?.staffGroupId).toBe(SECOND_GROUP)

    await forget(h, user)
    expect(album.filter((id) => inGroup(h, id))).toEqual([])
    expect(topicDeleted(h, topicId)).toBe(true)
  })

  it('deletes the whole conversation the bot posted again into a topic recreated after a deleted one', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_109, 'Глафира')
    await h.send(h.u.text(user, 'Мой телефон +7 903 111-22-33'))
    await h.flush()
    h.fake.deleteTopic(topicId)
    await h.send(h.u.text(user, 'Вы тут?'))
    await h.flush()
    const newTopic = findClientByTelegramId(h.deps.db, user.id)?.topicId
    const history = [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
      .map((stored) => stored.message)
      .find((m) => m.message_thread_id === newTopic && m.text?.includes('Переписка с клиентом'))
    expect(history?.text).toContain('111-22-33')
    await forget(h, user)
    expect(inGroup(h, history?.message_id ?? 0)).toBeUndefined()
  })

  it('a copy into the topic whose answer was lost goes again under the repeat mark; /forget deletes the copy it knows', async () => {
    const h = harness()
    const { user } = await clientInHandoff(h, 7_210_000_107, 'Глафира')
    // Telegram makes the copy in the topic; the answer is lost with the connection
    const dropped = h.fake.dropAfterDelivery('copyMessage', (payload) => Number(payload.chat_id) === STAFF_GROUP_ID)
    await h.send(h.u.text(user, 'Мой телефон +7 903 111-22-33'))
    await h.flush()
    expect(dropped()).toBe(true)
    const messages = [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()].map((m) => m.message)
    const copies = messages.filter((m) => m.text?.includes('111-22-33')).map((m) => m.message_id)
    expect(copies).toHaveLength(2)
    const [made, resent] = copies as [number, number]
    // As after a crash mid-call: before the copy sent again, staff read it may already be above
    const between = messages.filter((m) => m.message_id > made && m.message_id < resent).map((m) => m.text)
    expect(between.join('\n')).toContain('могло уже прийти выше')

    await forget(h, user)
    // The copy made before the drop has no id the bot was told (docs/architecture.md, "The outbox")
    expect(inGroup(h, resent)).toBeUndefined()
  })

  it('a topic Telegram created while the erasure ran is deleted, and gets no card', async () => {
    const h = harness()
    const user = h.u.user(7_210_000_106, { first_name: 'Василиса', last_name: 'Премудрая' })
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    let erased = false
    h.fake.on('createForumTopic', () => {
      // The person confirms /forget (another update) while their topic is being made
      if (!erased) {
        erased = true
        h.deps.services.erasure.erase(client.id)
      }
      return undefined
    })
    await h.send(h.u.text(user, '/manager'))
    await h.flush()
    expect(erased).toBe(true)
    const [topic, ...others] = h.fake.emulator.chat(STAFF_GROUP_ID).topics.values()
    expect(others).toEqual([])
    expect(topic?.deleted).toBe(true)
    const shown = [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
      .filter((m) => !m.deleted)
      .map((m) => m.message.text ?? '')
      .join('\n')
    expect(shown).not.toContain('Василиса')
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(
      h.deps.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.clientId === client.id),
    ).toEqual([])
  })
})

describe('/forget and what was planned', () => {
  it('a name that is a short word in the other alphabet ("Do": «до») takes no search about another client with it', async () => {
    const h = harness()
    const owner = h.u.user(OWNER_ID)
    const { user: vera } = await clientInHandoff(h, 7_210_000_311, 'Вера')
    await h.send(h.u.text(vera, 'Перезвоните мне до 18:00, пожалуйста'))
    const { user: doClient } = await clientInHandoff(h, 7_210_000_312, 'Do')
    const search = h.u.text(owner, '/find перезвоните', { chatId: STAFF_GROUP_ID })
    await h.send(search)
    await h.flush()
    const answer = h.fake
      .sentTo(STAFF_GROUP_ID)
      .filter((c) => String(c.payload.text).includes('🔎'))
      .at(-1)
    expect(String(answer?.payload.text)).toContain('до 18:00')
    await forget(h, doClient)
    await h.flush()
    const deleted = deletedMessageIds(h)
    expect(deleted).not.toContain((answer!.result as { message_id: number }).message_id)
    expect(deleted).not.toContain(search.message?.message_id)
    // Nor its record
    const kept = h.deps.sqlite.prepare("select count(*) as n from outbox where payload like '%до 18:00%'").get() as {
      n: number
    }
    expect(kept.n).toBe(1)
    expect(h.errors()).toEqual([])
  })

  it('tells the team which of their invoices will not be paid now, and which paid one’s work was not done', async () => {
    const h = harness()
    const { user, topicId } = await clientInHandoff(h, 7_210_000_301, 'Даниил')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/invoice 22500 landing'))
    await h.send(h.u.staffText(owner, topicId, '/invoice 1500 USD поддержка'))
    await h.send(h.u.staffText(owner, topicId, '/paid 1'))
    await h.flush()
    await forget(h, user)
    const said = h.fake.textsTo(STAFF_GROUP_ID).join('\n')
    expect(said).toMatch(/💳 Счёт №2 на 1\s500\s\$ так и не оплачен и больше не действует: клиент удалил свои данные\./)
    // The paid one is not "unpaid": the work paid for is what the team still owed
    expect(said).not.toMatch(/Счёт №1 на [^\n]* так и не оплачен/)
    expect(said).toMatch(
      /💰 Счёт №1 на 22\s500\s₽ оплачен, а работа по нему не отмечена выполненной \(\/done\): клиент удалил свои данные/,
    )
    expect(h.errors()).toEqual([])
  })

  it('cancels the booked call: the place is free again and no reminder goes out', async () => {
    const h = harness()
    const user = h.u.user(7_210_000_201, { first_name: 'Олимпиада' })
    await h.send(h.u.text(user, '/start'))
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', phone: '+7 903 222-33-44' })
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(
      h.deps.db
        .select()
        .from(jobs)
        .all()
        .filter((j) => j.clientId === client.id && j.status === 'pending'),
    ).not.toEqual([])

    await h.send(h.u.text(user, '/forget'))
    expect(h.fake.lastTextTo(user.id)).toContain('отменим записи на звонок')
    await forget(h, user)
    expect(h.deps.db.select().from(bookings).all()).toMatchObject([
      { id: booking.id, status: 'cancelled', phone: null },
    ])
    const planned = h.deps.db
      .select()
      .from(jobs)
      .all()
      .filter((j) => j.clientId === client.id)
    // The rows stay (as counts), cancelled and emptied: an empty list would prove nothing
    expect(planned.length).toBeGreaterThan(0)
    expect(planned.every((j) => j.status !== 'pending' && JSON.stringify(j.payload) === '{}')).toBe(true)
    // Staff are told the call is off, in General (the client had no topic), without a word about who
    expect(h.fake.textsTo(STAFF_GROUP_ID).at(-1)).toBe(
      '📞 Звонок на 15:00 отменён: клиент удалил свои данные, звонить некому.',
    )

    // The last place of that slot (capacity 1) is free for the next client
    const next = h.u.user(7_210_000_202)
    await h.send(h.u.text(next, '/start'), h.u.text(next, '/book'), h.u.callback(next, `bkd:${MONDAY}`))
    expect(h.fake.lastButtonsTo(next.id).map((b) => b.data)).toContain(slotData('2026-11-23T12:00Z'))
    await book(h, next, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    expect(bookingsOf(h, next)).toMatchObject([{ status: 'booked' }])
    await h.deps.scheduler.runDue()
    expect(h.fake.sentTo(user.id).filter((c) => String(c.payload.text).includes('Напоминаем'))).toEqual([])
  })
})
