import type { User } from 'grammy/types'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { Harness } from './harness.ts'

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
 * The client's messages that reached the staff group, by their id in the client's chat,
 * in the order they arrived there: copies (one or an album) and texts sent together as
 * one message (found by the message Telegram returned).
 */
export function relayedToGroup(h: Harness, clientTelegramId: number): number[] {
  const client = findClientByTelegramId(h.deps.db, clientTelegramId)
  const ids: number[] = []
  for (const call of h.fake.calls) {
    if (!call.ok || !h.deps.services.staffGroups.isStaffGroup(Number(call.payload.chat_id))) continue
    if (call.method === 'copyMessage' && Number(call.payload.from_chat_id) === clientTelegramId) {
      ids.push(Number(call.payload.message_id))
    } else if (call.method === 'copyMessages' && Number(call.payload.from_chat_id) === clientTelegramId) {
      ids.push(...(call.payload.message_ids as number[]))
    } else if (call.method === 'sendMessage' && client) {
      const sent = (call.result as { message_id?: number } | undefined)?.message_id
      const parts = h.deps.sqlite
        .prepare(
          "select client_message_id as id from messages where client_id = ? and direction = 'in' and topic_message_id = ? order by id",
        )
        .all(client.id, sent) as { id: number }[]
      // A message of the client's texts sent as one: more than one part, or a part that is not a copy
      if (parts.length > 1) ids.push(...parts.map((p) => p.id))
    }
  }
  return ids
}
