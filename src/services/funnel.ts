/**
 * Funnel event types (docs/owners.md, "Stats"), recorded in `events` by the features and
 * read by the stats: start → discovery done → quiz done → booked / handed off
 * → paid → reviewed, and answered within SLA beside the hand-off. Each is recorded
 * once per client per occurrence; stats count distinct clients. Paid is the exception:
 * the stats read the orders still paid, since `paid` stays when the money goes back.
 */
export const FUNNEL = {
  start: 'start',
  discoveryDone: 'discovery_done',
  quizDone: 'quiz_done',
  booked: 'booked',
  handoffOpened: 'handoff_opened',
  answeredInSla: 'answered_in_sla',
  paid: 'paid',
  reviewed: 'reviewed',
} as const
export type FunnelEvent = (typeof FUNNEL)[keyof typeof FUNNEL]
