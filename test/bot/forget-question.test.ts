/**
 * /forget's question as it stands: the one the client may confirm is the last one asked, with the
 * consequences that still hold. A Yes pressed on an earlier copy, one answered since, or one asked
 * before something it would cancel appeared (an invoice, a request) asks again with today's
 * consequences and erases nothing. A no typed under it is the "No, keep it" button.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { settle } from '../helpers/desk.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

const QUESTION =
  'Delete your data? We will erase your name, contacts, answers and messages, and cancel your booked calls and anything scheduled. Anonymous statistics remain. This cannot be undone.'
const REQUEST = ' Your question to a manager closes with it — it will not be answered.'
const INVOICE = ' Your unpaid invoice is cancelled — it can no longer be paid.'
const KEPT = 'OK, nothing was deleted.'
/** What stays of a client with an order (an invoice, even unpaid), said in the question and after it. */
const RECORDS =
  ' The records of your orders and payments stay — amounts and dates, without your name or contacts: the business must keep them for accounting.'
const DONE = `Done: your data has been deleted.${RECORDS} To start again, tap /start.`

/** An English-speaking client who asked for a manager: the request is open, its topic made. */
async function tomInRequest(h: Harness, id: number): Promise<{ user: User; topicId: number }> {
  const user = h.u.user(id, { first_name: 'Tom', language_code: 'en' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
  if (!topicId) throw new Error('no topic')
  return { user, topicId }
}

/** Sends /forget; the id of the question's message. */
async function askForget(h: Harness, user: User): Promise<number> {
  await h.send(h.u.text(user, '/forget'))
  const asked = h.fake.messageWithButton(user.id, 'forget:yes')
  if (asked === undefined) throw new Error('no question')
  return asked
}

const erased = (h: Harness, user: User) => findClientByTelegramId(h.deps.db, user.id) === undefined
const shown = (h: Harness, user: User, messageId: number) =>
  h.fake.emulator.chat(user.id).messages.get(messageId)?.message.text

describe("/forget's question as it stands", () => {
  it('a Yes on an earlier question answered No since, an invoice issued meanwhile, asks again naming the invoice and erases nothing', async () => {
    const h = createHarness()
    const { user, topicId } = await tomInRequest(h, 8_870_001)
    const first = await askForget(h, user)
    expect(shown(h, user, first)).toBe(QUESTION + REQUEST)
    // The first question's buttons cannot be taken off (a message too old to edit): the press
    // on it is what must be checked
    h.fake.fail({
      method: 'editMessageReplyMarkup',
      where: (p) => p.message_id === first,
      error_code: 400,
      description: "Bad Request: message can't be edited",
      times: 10,
    })
    h.clock.advance(60 * 60_000)
    const second = await askForget(h, user)
    expect(second).not.toBe(first)
    await h.send(h.u.callback(user, 'forget:no', { messageId: second }))
    expect(h.fake.lastTextTo(user.id)).toBe(KEPT)
    expect(h.fake.keyboardOf(user.id, second)).toBeUndefined()
    // The manager issues an invoice; a week later Tom presses Yes on the first question
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/invoice 45000 tomorrow landing'))
    await settle(h)
    expect(h.deps.services.orders.unpaid(findClientByTelegramId(h.deps.db, user.id)!.id)).toHaveLength(1)
    h.clock.advance(7 * 86_400_000)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, 'forget:yes', { messageId: first }))
    expect(erased(h, user)).toBe(false)
    const said = h.fake.textsTo(user.id).slice(before)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/^That button belongs to an earlier question\./)
    expect(said[0]).toContain(`\n\n${QUESTION}${REQUEST}${INVOICE}${RECORDS}`)
    expect(said.join('\n')).not.toContain(DONE)
    // The question pressed says nothing of a Yes
    expect(shown(h, user, first)).toBe(QUESTION + REQUEST)
    // The question asked now is the one that erases
    const third = h.fake.messageWithButton(user.id, 'forget:yes') as number
    expect(third).not.toBe(first)
    await h.send(h.u.callback(user, 'forget:yes', { messageId: third }))
    expect(erased(h, user)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toBe(DONE)
    expect(h.errors()).toEqual([])
  })

  it('asked again, the earlier copy loses its buttons; a Yes on a copy answered No asks again even when nothing changed', async () => {
    const h = createHarness()
    const user = h.u.user(8_870_002, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    const first = await askForget(h, user)
    const second = await askForget(h, user)
    expect(h.fake.keyboardOf(user.id, first)).toBeUndefined()
    expect(h.fake.keyboardOf(user.id, second)).toBeDefined()
    await h.send(h.u.callback(user, 'forget:no', { messageId: second }))
    expect(h.fake.keyboardOf(user.id, second)).toBeUndefined()
    // A press Telegram still delivers from the answered question (a client whose app shows it old)
    await h.send(h.u.callback(user, 'forget:yes', { messageId: second }))
    expect(erased(h, user)).toBe(false)
    expect(h.fake.lastTextTo(user.id)).toBe(
      `That button belongs to an earlier question. If you still want to delete your data, confirm here:\n\n${QUESTION}`,
    )
    expect(h.errors()).toEqual([])
  })

  it('an invoice issued after the question was asked: its Yes asks again with the invoice named', async () => {
    const h = createHarness()
    const user = h.u.user(8_870_003, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    const asked = await askForget(h, user)
    unpaidInvoice(h, findClientByTelegramId(h.deps.db, user.id)!.id)
    await h.send(h.u.callback(user, 'forget:yes', { messageId: asked }))
    expect(erased(h, user)).toBe(false)
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Something has changed since you were asked — here is the question again, as things stand now:\n\n${QUESTION}${INVOICE}${RECORDS}`,
    )
    expect(h.fake.keyboardOf(user.id, asked)).toBeUndefined()
    await h.send(h.u.callback(user, 'forget:yes'))
    expect(erased(h, user)).toBe(true)
    expect(h.errors()).toEqual([])
  })
})

describe("a no typed under /forget's question", () => {
  it('is the "No, keep it" button: in English and in Russian, in a request too; a yes still needs the button', async () => {
    const h = createHarness()
    const { user, topicId } = await tomInRequest(h, 8_870_011)
    for (const typed of ['wait no', 'no keep it', 'No, keep it', 'no', 'nah, keep my data', 'never mind']) {
      const asked = await askForget(h, user)
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toBe(KEPT)
      expect(h.fake.keyboardOf(user.id, asked), typed).toBeUndefined()
      expect(shown(h, user, asked), typed).toBe(`${QUESTION}${REQUEST}\n\n✔️ No, keep it`)
      expect(erased(h, user), typed).toBe(false)
    }
    // The team reads it as after the button (in the team's language)
    await settle(h)
    // (and, as all a client types while a request is open, each no with what the bot answered)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '↩️ Клиент передумал удалять свои данные: всё остаётся как было, запрос открыт.',
    )
    const ru = h.u.user(8_870_012, { first_name: 'Вера' })
    await h.send(h.u.text(ru, '/start'))
    for (const typed of ['не, не надо', 'нет, оставьте', 'передумал', 'Нет, оставить', 'нет', 'не удаляйте']) {
      const asked = await askForget(h, ru)
      await h.send(h.u.text(ru, typed))
      expect(h.fake.lastTextTo(ru.id), typed).toBe('Хорошо, ничего не удаляем.')
      expect(h.fake.keyboardOf(ru.id, asked), typed).toBeUndefined()
    }
    // Not a no: a yes, or words that say more
    await askForget(h, ru)
    await h.send(h.u.text(ru, 'да'))
    expect(h.fake.lastTextTo(ru.id)).toMatch(/^Удаление нельзя отменить/)
    expect(erased(h, ru)).toBe(false)
    expect(h.errors()).toEqual([])
  })
})
