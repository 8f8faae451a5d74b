/**
 * The team's reminder of a client's "I paid" nobody answered. The client's payment reminders
 * pause while staff check a report (followups/policy.ts), so a report no one answers would
 * otherwise leave the invoice unpaid, the client waiting and nobody told. One durable job per
 * round (handler: src/jobs/paid-check.ts): the first after PAID_CHECK_WORKING_MINUTES of working
 * time, then one each working day; the owners hear at the second. It ends when the order is
 * paid, cancelled or refunded, or staff answer the report either way (`disarm`, and each round
 * checks again). Staff-only: neither the client card nor /followups lists it.
 */
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { cancelPendingJobsByKeyPrefix } from '../../db/repositories/followups.ts'
import { findOrder, listReportedUnpaid } from '../../db/repositories/orders.ts'
import type { OrderRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import type { NoticeLine, StaffPostPayload } from './handoff/model.ts'
import { defineJob, type JobPayload, type JobResult, type Scheduler } from './jobs.ts'
import { addWorkingMinutes, DAY_MS, isWorkingTime, nextWorkingTime } from './time.ts'

/**
 * How much of the team's working time a report may wait before they are reminded: a working
 * day. A transfer from another bank lands by the next working day, and one within a bank or
 * through the fast payment system in minutes, so a report still unanswered after a whole
 * working day is one the team forgot, not money still on its way; counted in working time, a
 * report on Friday evening is not chased on the weekend's first hour but after a day's work.
 */
export const PAID_CHECK_WORKING_MINUTES = 8 * 60
/** The owners are told at this round: one reminder may be missed in a busy day, two are not chance. */
export const PAID_CHECK_OWNER_ROUND = 2

/**
 * One round of the reminder. `reportedAt` is the report it is about (the order's
 * `client_reported_paid_at` then): a report answered "not received yet" and made again is a new
 * one, with reminders of its own.
 */
export const PAID_CHECK_JOB = defineJob(
  'paid_check',
  z.object({
    orderId: z.number().int().positive(),
    reportedAt: z.number().int(),
    round: z.number().int().positive(),
  }),
  'fu-kind-paid_check',
)
export type PaidCheckPayload = JobPayload<typeof PAID_CHECK_JOB>

const keyPrefix = (orderId: number) => `paid-check:${orderId}:`
/** Unique per round of a report: once used never enqueued again, so a round's run that is repeated finds it. */
const roundKey = ({ orderId, reportedAt, round }: PaidCheckPayload) => `${keyPrefix(orderId)}${reportedAt}:${round}`

/** What a round tells staff, composed by the caller (texts and buttons are the bot's). */
export interface PaidCheckMessages {
  topic: StaffPostPayload
  owners?: NoticeLine[]
}

export type PaidCheckService = ReturnType<typeof createPaidCheckService>

export function createPaidCheckService(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  /** The one route to the staff group (the handoff's outbox). */
  staff: {
    post(clientId: number, post: StaffPostPayload): unknown
    notifyOwners(lines: NoticeLine[], clientId?: number): void
  }
  /** The client erased their data (or is gone): nobody is reminded about an order no one can be told of. */
  erased(clientId: number): boolean
}) {
  const { db, clock, content, scheduler } = deps
  const calendar = () => businessCalendar(content.get())

  function enqueue(order: Pick<OrderRow, 'clientId'>, payload: PaidCheckPayload, runAt: number) {
    return scheduler.enqueue(PAID_CHECK_JOB, { runAt, payload, clientId: order.clientId, dedupeKey: roundKey(payload) })
  }

  return {
    /**
     * The client reported `order` paid: its first reminder, due when the wait ends in working
     * time (checked again at its run, so a change of the hours meanwhile counts). Called in the
     * report's own transaction: a report is never left without its reminder.
     */
    arm(order: Pick<OrderRow, 'id' | 'clientId' | 'clientReportedPaidAt'>): void {
      const reportedAt = order.clientReportedPaidAt
      if (reportedAt === null) return
      const due = addWorkingMinutes(reportedAt, PAID_CHECK_WORKING_MINUTES, calendar())
      enqueue(order, { orderId: order.id, reportedAt, round: 1 }, due ?? reportedAt + DAY_MS)
    },

    /**
     * At start-up: every report still waiting has its reminder. One made before this reminder
     * existed has none; one armed already is not armed again (its first round's key is taken).
     */
    armWaiting(): void {
      for (const order of listReportedUnpaid(db)) this.arm(order)
    },

    /** The report is answered or the order settled: its pending reminder goes. */
    disarm(order: Pick<OrderRow, 'id' | 'clientId'>, reason: string): void {
      cancelPendingJobsByKeyPrefix(db, { clientId: order.clientId, prefix: keyPrefix(order.id), reason }, clock.now())
    },

    /**
     * A round comes up: when the report still waits, and it is working time, the topic gets the
     * reminder (and the owners, at their round) and the next round is planned — in one
     * transaction, the next round's key marking this one as told, so a run cut short after it
     * and run again tells nobody twice.
     */
    remind(payload: PaidCheckPayload, compose: (order: OrderRow) => PaidCheckMessages): JobResult {
      const order = findOrder(db, payload.orderId)
      if (!order) return { status: 'skipped', reason: 'the order is gone' }
      if (order.status !== 'unpaid') return { status: 'skipped', reason: `the order is ${order.status}` }
      if (order.clientReportedPaidAt !== payload.reportedAt) {
        return { status: 'skipped', reason: 'staff answered the report (a newer one has reminders of its own)' }
      }
      if (deps.erased(order.clientId)) return { status: 'skipped', reason: 'the client erased their data' }
      const cal = calendar()
      const now = clock.now()
      if (payload.round === 1) {
        const due = addWorkingMinutes(payload.reportedAt, PAID_CHECK_WORKING_MINUTES, cal)
        if (due !== undefined && due > now)
          return { status: 'retry', at: due, reason: 'the wait ends in working hours' }
      }
      // Caught up after downtime at night or on a day off: the team hears when they are back.
      // Closed for longer than the calendar looks ahead (a season off, or the hours changed): it
      // looks again each day, so the report is not dropped and is chased when they reopen
      if (!isWorkingTime(now, cal)) {
        const back = nextWorkingTime(now, cal)
        if (back === undefined) return { status: 'retry', at: now + DAY_MS, reason: 'no working time ahead yet' }
        return { status: 'retry', at: back, reason: 'outside working hours' }
      }
      const next = { ...payload, round: payload.round + 1 }
      // Without working time ahead the next round is planned a day on, and waits there for it
      const nextAt = nextWorkingTime(now + DAY_MS, cal) ?? now + DAY_MS
      const told = db.transaction(() => {
        if (!enqueue(order, next, nextAt)) return false
        const messages = compose(order)
        deps.staff.post(order.clientId, messages.topic)
        if (payload.round === PAID_CHECK_OWNER_ROUND && messages.owners) {
          deps.staff.notifyOwners(messages.owners, order.clientId)
        }
        return true
      })
      if (!told) return { status: 'skipped', reason: 'this round was told before (its run was cut short)' }
      return { status: 'done' }
    },
  }
}
