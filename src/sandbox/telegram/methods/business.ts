/**
 * Bot API methods of Telegram Business: what the bot asks about a connection, and
 * deleting messages for the account. Sends and edits on an account's behalf are the
 * ordinary methods with `business_connection_id` (see ../business.ts for their rules).
 */
import type { Method } from '../emulator.ts'
import { refuse } from '../errors.ts'
import { json, str } from '../request.ts'
import { markDeleted, toDelete } from './messages.ts'

export const businessMethods: Record<string, Method> = {
  getBusinessConnection: (em, p) => {
    const entry = em.business.connections.get(str(p, 'business_connection_id') ?? '')
    if (!entry) throw refuse.businessConnectionInvalid()
    return entry.connection
  },

  /**
   * Deletes messages of one of the account's chats, named by their ids alone (the account numbers
   * all its chats in one sequence). What the bot sent for the account needs the right to delete
   * sent messages (or all), anything else the right to delete all; deleteMessage's rules hold
   * too (48 hours, every message there). All or none.
   */
  deleteBusinessMessages: (em, p) => {
    const entry = em.business.connections.get(str(p, 'business_connection_id') ?? '')
    if (!entry) throw refuse.businessConnectionInvalid()
    if (!entry.connection.is_enabled) throw refuse.businessConnectionDisabled()
    const ids = json<number[]>(p, 'message_ids')
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw refuse.missing('message_ids')
    const chat = em.business.chatWith(entry.connection.id, Number(ids[0]))
    if (!chat) throw refuse.deleteNotFound()
    const rights = entry.connection.rights ?? {}
    const found = ids.map((id) => toDelete(em, chat, Number(id)))
    if (found.includes('gone')) throw refuse.deleteNotFound()
    for (const stored of found) {
      if (typeof stored === 'string') continue
      const may = stored.fromBot
        ? rights.can_delete_outgoing_messages || rights.can_delete_all_messages
        : rights.can_delete_all_messages
      if (!may) throw refuse.businessNoDeleteRight()
    }
    if (found.includes('kept')) throw refuse.cantDelete()
    markDeleted(em, chat, ids.map(Number))
    return true
  },
}
