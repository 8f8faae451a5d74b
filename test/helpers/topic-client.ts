import type { User } from 'grammy/types'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { Harness } from './harness.ts'

let nextTopic = 500

/**
 * A client who pressed /start and has a topic in the staff group (as after a handoff),
 * optionally with extra client fields (consent, time zone, birthday…).
 */
export async function clientWithTopic(
  h: Harness,
  userId: number,
  { user: extra = {}, client: values = {} }: { user?: Partial<User>; client?: Partial<ClientRow> } = {},
): Promise<{ user: User; client: ClientRow; topicId: number }> {
  const user = h.u.user(userId, { first_name: 'Анна', ...extra })
  await h.send(h.u.text(user, '/start'))
  const topicId = nextTopic++
  h.fake.topics.set(topicId, { name: user.first_name, deleted: false })
  const found = findClientByTelegramId(h.deps.db, user.id)
  if (!found) throw new Error('client not created')
  const client = updateClient(h.deps.db, found.id, { topicId, ...values }) as ClientRow
  h.fake.clearCalls()
  return { user, client, topicId }
}
