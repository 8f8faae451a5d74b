/**
 * Edits in the staff group count with its messages against Telegram's 20 a minute: one that would
 * show what the message shows already is not sent (Telegram would refuse it, "message is not
 * modified", and the call would have spent its place all the same).
 */
import { describe, expect, it } from 'vitest'
import { book } from '../helpers/booking.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_000_701

/** The edits of the bot's messages in the staff group that reached Telegram. */
const groupEdits = (h: Harness): ApiCall[] =>
  h.fake.calls.filter((c) => c.method.startsWith('editMessage') && Number(c.payload.chat_id) === STAFF_GROUP_ID)
/** Those Telegram refused as changing nothing. */
const unchanged = (h: Harness): ApiCall[] =>
  groupEdits(h).filter((c) => !c.ok && /message is not modified/.test(c.error?.description ?? ''))

async function managerWithClient(h: Harness, userId: number) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const c = await clientInHandoff(h, userId, 'Анна')
  const step = async (...updates: Parameters<Harness['send']>) => {
    await h.send(...updates)
    await h.drain()
  }
  return { manager, step, ...c }
}

describe('edits in the staff group that would change nothing are not sent', () => {
  it('"payment received" pressed: the question is marked once; taking its buttons off again is not sent', async () => {
    const h = createHarness()
    const { manager, user, topicId, step } = await managerWithClient(h, 7701)
    await step(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    await step(h.u.callback(user, 'pay:claim:1'))
    const ask = h.fake.sentTo(STAFF_GROUP_ID, topicId).findLast((c) => buttonsOf(c.payload).length > 0)
    const askId = Number((ask?.result as { message_id?: number } | undefined)?.message_id)
    expect(buttonsOf(ask?.payload).map((b) => b.data)).toEqual(['pay:ok:1', 'pay:no:1'])

    const before = groupEdits(h).length
    await step(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId, shown: true }))
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    // What the group sees: the question says who answered it, and how, with no buttons left
    const shown = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(askId)?.message
    expect(shown?.text).toMatch(/\n\n✔️ ✅ Оплата пришла — Мария$/)
    expect(shown?.reply_markup).toBeUndefined()
    // One edit did it
    const edits = groupEdits(h).slice(before)
    expect(edits.filter((c) => Number(c.payload.message_id) === askId).map((c) => c.method)).toEqual([
      'editMessageText',
    ])
    expect(unchanged(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('"no answer" pressed before the call: the buttons it shows already are not sent again', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId, step } = await managerWithClient(h, 7702)
    const owner = h.u.user(OWNER_ID)
    const booking = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00Z' })
    await step(h.u.staffText(owner, topicId, '/call'))
    const posted = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    const messageId = Number((posted?.result as { message_id?: number } | undefined)?.message_id)
    const at = Date.parse('2026-11-24T08:00Z') / 60_000

    const before = groupEdits(h).length
    await step(h.u.callback(owner, `bko:noans:${booking.id}:${at}`, { chatId: STAFF_GROUP_ID, messageId }))
    // Refused with why, and the buttons stay as they are
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.show_alert).toBe(true)
    expect(
      h.fake
        .keyboardOf(STAFF_GROUP_ID, messageId)
        ?.inline_keyboard.flat()
        .map((b) => 'callback_data' in b && b.callback_data),
    ).toEqual([`bko:resched:${booking.id}:${at}`, `bko:cancel:${booking.id}:${at}`])
    expect(groupEdits(h).slice(before)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
