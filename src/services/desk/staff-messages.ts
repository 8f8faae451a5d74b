/**
 * The desk's messages, as outbox rows like everything else for the staff group:
 * answers to staff commands (in a client's topic, in its lane, or in any other
 * thread of the group) and saved replies to a client (in the client's lane, so
 * they keep their order with the manager's own messages). The bot's deliverer
 * (src/bot/desk/delivery.ts) sends them.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { insertMessage } from '../../../db/repositories/messages.ts'
import { findPendingInLane } from '../../../db/repositories/outbox.ts'
import type { Clock } from '../../clock.ts'
import type { HandoffService } from '../handoff.ts'
import type { Outbox } from '../outbox.ts'

export const STAFF_POST_KIND = 'staff_post'
export const SAVED_REPLY_KIND = 'saved_reply'

/** An inline button as plain data: callback data or a link. */
export interface ButtonSpec {
  text: string
  data?: string
  url?: string
}

/** A message into the staff group, rendered (HTML) in the staff's language when queued. */
export interface StaffPostPayload {
  html: string
  keyboard?: ButtonSpec[][]
  /** The thread, for a post that belongs to no client (General when absent). */
  threadId?: number
}

/** A saved reply to a client: exactly this text and these buttons go out. */
export interface SavedReplyPayload {
  name: string
  /** The transcript row of the reply (gets the message id once sent). */
  rowId: number
  text: string
  keyboard: ButtonSpec[][]
}

export type StaffMessages = ReturnType<typeof createStaffMessages>

export function createStaffMessages(deps: {
  db: Db
  clock: Clock
  outbox: Outbox
  handoff: HandoffService
  staffGroupId: number
}) {
  const { db, outbox, staffGroupId } = deps

  return {
    /**
     * A message for staff: into the client's topic (queued behind what is already
     * queued there) or, without a client, into `threadId` of the group.
     */
    post(target: { clientId: number } | { threadId?: number }, html: string, keyboard?: ButtonSpec[][]): void {
      const clientId = 'clientId' in target ? target.clientId : null
      const threadId = 'threadId' in target ? target.threadId : undefined
      outbox.enqueue({
        chatId: staffGroupId,
        clientId,
        method: STAFF_POST_KIND,
        payload: {
          html,
          ...(keyboard ? { keyboard } : {}),
          ...(threadId ? { threadId } : {}),
        } satisfies StaffPostPayload,
      })
      outbox.kick()
    },

    /**
     * Queues a saved reply from a staff member to the client: it is the staff
     * member's answer (transcript, first response) like a message typed in the
     * topic. 'pending' when the same reply to this client still waits to go out
     * (a double tap), 'unreachable' when the client erased their data.
     */
    sendReply(
      clientId: number,
      staffId: number,
      reply: Omit<SavedReplyPayload, 'rowId'>,
    ): 'queued' | 'pending' | 'unreachable' {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || client.deletedAt !== null) return 'unreachable'
      const lane = { chatId: client.telegramId, clientId }
      const waiting = findPendingInLane(db, lane, SAVED_REPLY_KIND)
      if ((waiting?.payload as SavedReplyPayload | undefined)?.name === reply.name) return 'pending'
      db.transaction(() => {
        const row = insertMessage(db, {
          clientId,
          direction: 'out',
          senderId: staffId,
          type: 'text',
          text: reply.text,
          fileId: null,
          clientMessageId: null,
          topicMessageId: null,
          mediaGroupId: null,
          createdAt: deps.clock.now(),
        })
        outbox.enqueue({
          ...lane,
          method: SAVED_REPLY_KIND,
          payload: { ...reply, rowId: row.id } satisfies SavedReplyPayload,
          messageRowId: row.id,
        })
        deps.handoff.noteStaffReply(clientId, staffId)
      })
      outbox.kick()
      return 'queued'
    },
  }
}
