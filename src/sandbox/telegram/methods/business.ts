/**
 * Bot API methods of Telegram Business: what the bot asks about a connection.
 * Sends and edits on an account's behalf are the ordinary methods with
 * `business_connection_id` (see ../business.ts for their rules).
 */
import type { Method } from '../emulator.ts'
import { refuse } from '../errors.ts'
import { str } from '../request.ts'

export const businessMethods: Record<string, Method> = {
  getBusinessConnection: (em, p) => {
    const entry = em.business.connections.get(str(p, 'business_connection_id') ?? '')
    if (!entry) throw refuse.businessConnectionInvalid()
    return entry.connection
  },
}
