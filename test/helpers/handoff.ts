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
