/**
 * Sends a saved reply to a client as the staff member's answer: a transcript
 * row and an outbox row in the client's lane, so it keeps its order with the
 * manager's own messages still queued for them. The bot's deliverer
 * (src/bot/desk/delivery.ts) sends it, records it as the request's answer once
 * it reached the client, and then shows the topic exactly what went out.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { findRecentInLane } from '../../../db/repositories/outbox.ts'
import type { Clock } from '../../clock.ts'
import { type Button, type HandoffService, type NoticeLine, OUTBOX_KIND } from '../handoff/index.ts'
import type { Outbox } from '../outbox.ts'

/** A saved reply to a client: exactly this text and these buttons go out. */
export interface SavedReplyPayload {
  name: string
  /** The transcript row of the reply (gets the message id once sent). */
  rowId: number
  text: string
  buttons: Button[][]
  /**
   * What the topic is told of the buttons with the echo: which invoice _Pay_ sends, the call
   * _Book_ finds already booked (absent without either). Rows queued before it was kept have
   * `pays`, the invoice's line alone.
   */
  buttonNotes?: NoticeLine[]
  pays?: NoticeLine[]
}

export type ReplySender = ReturnType<typeof createReplySender>

/**
 * How long a saved reply that went to a client keeps a button press from sending it again: two
 * managers pressing it on the same old list, seconds apart, sent the client the same text twice.
 */
export const SENT_RECENTLY_MS = 10 * 60_000

export function createReplySender(deps: { db: Db; outbox: Outbox; handoff: HandoffService; clock: Clock }) {
  const { db, outbox } = deps
  return {
    /**
     * Queues the reply. 'pending' when the same reply to this client still waits to
     * go out (a double tap), 'unreachable' when the client erased their data; `{ sentAt }` when
     * it went to them within SENT_RECENTLY_MS and this is no deliberate second time (`again`).
     */
    send(
      clientId: number,
      staffId: number,
      reply: Omit<SavedReplyPayload, 'rowId'>,
      { again }: { again: boolean },
    ): 'queued' | 'pending' | 'unreachable' | { sentAt: number } {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || client.deletedAt !== null) return 'unreachable'
      const lane = { chatId: client.telegramId, clientId }
      const waiting = outbox.pending(lane, OUTBOX_KIND.savedReply)
      if ((waiting?.payload as SavedReplyPayload | undefined)?.name === reply.name) return 'pending'
      if (!again) {
        const since = deps.clock.now() - SENT_RECENTLY_MS
        const sent = findRecentInLane(db, lane, OUTBOX_KIND.savedReply, since).find(
          (row) => (row.payload as SavedReplyPayload).name === reply.name,
        )
        if (sent) return { sentAt: sent.createdAt }
      }
      const row = db.transaction(() => {
        const row = deps.handoff.transcript.recordStaffText(clientId, staffId, reply.text)
        // Not the request's answer yet: it is one when delivered (a blocked client gets nothing)
        deps.handoff.route.toLane(
          lane,
          OUTBOX_KIND.savedReply,
          { ...reply, rowId: row.id } satisfies SavedReplyPayload,
          {
            messageRowId: row.id,
          },
        )
        return row
      })
      // A colleague answered this client a moment ago too: both go, and the topic says so
      deps.handoff.answeredToo(clientId, row)
      return 'queued'
    },
  }
}
