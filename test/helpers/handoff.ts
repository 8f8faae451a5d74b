import type { Update, User } from 'grammy/types'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { type Harness, OWNER_ID, STAFF_GROUP_ID } from './harness.ts'

/** The answer-time alerts (⏰) the owner got in their chat, oldest first. */
export const ownerAlerts = (h: Harness): string[] => h.fake.textsTo(OWNER_ID).filter((t) => t.startsWith('⏰'))

/** A client who pressed /start and asked for a manager: the handoff is open and its topic exists. */
export async function clientInHandoff(
  h: Harness,
  userId: number,
  firstName: string,
): Promise<{ user: User; client: ClientRow; topicId: number }> {
  const user = h.u.user(userId, { first_name: firstName })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client?.topicId) throw new Error('no topic was created')
  return { user, client, topicId: client.topicId }
}

/**
 * The client's messages that reached a staff group, by their id in the client's chat,
 * in the order they arrived there: copies and forwards (one, or an album) by their source, and the
 * texts that went together with another message (as one message — theirs, or one of what the bot
 * told them — or in a copy's caption) by the outbox rows that message delivered.
 */
export function relayedToGroup(h: Harness, clientTelegramId: number): number[] {
  const together = h.deps.sqlite.prepare(
    `select payload from outbox
      where status = 'sent' and method = 'relay_in' and chat_id = ? and result_message_id = ?
      order by id`,
  )
  const ids: number[] = []
  for (const call of h.fake.calls) {
    const chat = Number(call.payload.chat_id)
    if (!call.ok || !h.deps.services.staffGroups.isStaffGroup(chat)) continue
    const copied =
      Number(call.payload.from_chat_id) === clientTelegramId
        ? call.method === 'copyMessage' || call.method === 'forwardMessage'
          ? [Number(call.payload.message_id)]
          : call.method === 'copyMessages' || call.method === 'forwardMessages'
            ? (call.payload.message_ids as number[])
            : []
        : []
    ids.push(...copied)
    if (call.method !== 'sendMessage' && call.method !== 'copyMessage') continue
    const sent = (call.result as { message_id?: number } | undefined)?.message_id
    const rows = (together.all(chat, sent) as { payload: string }[]).map(
      (r) => JSON.parse(r.payload) as { fromChatId: number; messageIds: number[] },
    )
    // The texts that went in the message (the copy itself is counted above)
    for (const row of rows) {
      if (row.fromChatId !== clientTelegramId) continue
      ids.push(...row.messageIds.filter((id) => !copied.includes(id)))
    }
  }
  return ids
}

/**
 * The client sends `updates` while a flow waits for an answer: which of their messages reached a
 * staff group by then (`relayedToGroup`), and what the bot said to them meanwhile.
 */
export async function writeDuringStep(
  h: Harness,
  user: User,
  ...updates: Update[]
): Promise<{ relayed: number[]; answered: string[] }> {
  const asked = h.fake.textsTo(user.id).length
  await h.send(...updates)
  await h.drain()
  return { relayed: relayedToGroup(h, user.id), answered: h.fake.textsTo(user.id).slice(asked) }
}

/** The texts the client card was edited to in the staff group, oldest first. */
export function cardEdits(h: Harness): string[] {
  return h.fake
    .callsOf('editMessageText')
    .filter((c) => c.ok && c.payload.chat_id === STAFF_GROUP_ID)
    .map((c) => String(c.payload.text))
    .filter((text) => text.startsWith('👤'))
}

/** The client card in their topic as the group shows it now ('' when there is none). */
export function cardText(h: Harness, clientId: number): string {
  const ref = h.deps.services.handoff.topics.card(clientId)
  const shown = ref && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(ref.messageId)
  return shown && !shown.deleted ? (shown.message.text ?? '') : ''
}

/**
 * The card's lines, a follow-up held alike with those beside it — its mark alone (⏸, ⛔), the
 * reason said once under their run ("↳ ⏸ ждёт: …") — read with that reason, as a manager reads it.
 */
export function cardLines(h: Harness, clientId: number): string[] {
  const lines = cardText(h, clientId).split('\n')
  return lines.map((line, i) => {
    const mark = /\s(⏸|⛔)$/u.exec(line)
    const reason = mark && line.startsWith('• ') ? lines.slice(i + 1).find((l) => l.startsWith('↳ ')) : undefined
    return reason?.startsWith(`↳ ${mark?.[1]}`) ? `${line.slice(0, mark?.index)} ${reason.slice(2)}` : line
  })
}
