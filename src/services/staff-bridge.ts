/**
 * How follow-ups and payments reach the staff: escalations (a low rating, an NPS
 * detractor), one-line mirrors of what the bot sent a client who is with a
 * manager, and questions with buttons (a client says they paid). All of it goes
 * through the handoff's one route to the staff group (an outbox row each): an
 * escalation opens (or reuses) the client's handoff — topic, card, transcript,
 * SLA timer — and adds the summary there; the rest goes into the client's topic,
 * or the group's General topic when they have none.
 */
import type { ClientRow } from '../../db/schema.ts'
import { clientNumber } from '../format.ts'
import type { Button, HandoffReason, NoticeLine, OpenResult, StaffPostPayload } from './handoff/model.ts'

export interface StaffBridge {
  /**
   * Brings a manager in at once: `reason` is a short machine word, `summary` what staff read.
   * Returns the request (its answer time, for the client), undefined when none could open.
   */
  escalate(clientId: number, reason: HandoffReason, summary: string): OpenResult | undefined
  /** One short line in the topic about a follow-up the client got, only while they are with a manager. */
  mirror(clientId: number, line: string): void
  /** A message to staff about the client, with buttons (rows of buttons). */
  post(clientId: number, text: string, buttons?: Button[][]): void
}

/** "Анна Петрова (@anna), клиент #12": who the message is about, for General. */
export function describeClientForStaff(
  client: Pick<ClientRow, 'id' | 'displayName' | 'firstName' | 'lastName' | 'username'>,
): string {
  const name = client.displayName ?? [client.firstName, client.lastName].filter(Boolean).join(' ')
  return [name || '—', client.username ? `(@${client.username})` : '', clientNumber(client.id)]
    .filter(Boolean)
    .join(' ')
}

/** The part of the handoff service the bridge needs. */
export interface HandoffForBridge {
  open(clientId: number, reason: string, detail?: string): OpenResult | undefined
  isOpen(clientId: number): boolean
  clientWaits(clientId: number, acknowledgement: boolean): void
  notifyTopic(clientId: number, lines: NoticeLine[]): void
  postToStaff(clientId: number | null, post: StaffPostPayload): unknown
}

export function createStaffBridge(handoff: HandoffForBridge): StaffBridge {
  const line = (text: string): NoticeLine => ({ key: 'staff-bridge-line', args: { text } })
  return {
    post(clientId, text, buttons) {
      handoff.postToStaff(clientId, { text, ...(buttons ? { buttons } : {}), general: true })
    },
    escalate(clientId, reason, summary) {
      const opened = handoff.open(clientId, reason)
      if (opened) handoff.notifyTopic(clientId, [line(summary)])
      else handoff.postToStaff(clientId, { text: summary, general: true })
      // With a manager already: their rating is a message the team owes an answer
      if (opened && !opened.created) handoff.clientWaits(clientId, false)
      return opened
    },
    mirror(clientId, text) {
      if (handoff.isOpen(clientId)) handoff.notifyTopic(clientId, [line(text)])
    },
  }
}
