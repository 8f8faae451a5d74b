/**
 * A handoff's life: opened (by the client, a trigger word or another feature),
 * answered (the first response and the SLA), assigned, closed with the client's
 * "yes", rated. Everything staff should see about it goes out through the staff
 * route in the same synchronous step.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById, releaseClientsLedBy, updateClient } from '../../../db/repositories/clients.ts'
import { deleteHandoffEvents, lastEventAt } from '../../../db/repositories/events.ts'
import {
  clearClientWaiting,
  clearSettledBy,
  type Escalation,
  escalatedEvent,
  type FeedbackKind,
  findActiveHandoff,
  findHandoff,
  findRequestsLedBy,
  handoffRatingComments,
  handoffScores,
  insertHandoff,
  insertHandoffFeedback,
  lastRequestRatedAt,
  listHandoffAnswers,
  listHandoffs,
  listLateWaits,
  moveHandoff,
  recordHandoffAnswer,
  releaseRequestsLedBy,
  resetFirstResponse,
  resetLastAnswer,
  setClientWaiting,
  setFirstResponse,
  setHandoffManager,
  setLastAnswer,
  setReachedGroup,
  setReplyLate,
  setSettled,
  setSlaBreached,
  settleClientWait,
  setWaitSettles,
  takeBackHandoffAnswers,
  unsettleFirstWait,
} from '../../../db/repositories/handoffs.ts'
import { hasPendingJob, jobStatusByKey } from '../../../db/repositories/jobs.ts'
import {
  type ClientChatRef,
  firstInTopicSince,
  firstWrittenAfter,
  lastMessageId,
  otherAnswerSince,
  teamWroteAfterClientBelow,
} from '../../../db/repositories/messages.ts'
import { listClientOrders } from '../../../db/repositories/orders.ts'
import { unfinishedInLaneSince } from '../../../db/repositories/outbox.ts'
import { COMPLAINT_REASONS } from '../../../db/repositories/segments.ts'
import { REPLY_LATE_EVENT } from '../../../db/repositories/stats.ts'
import { addTags, listTags, removeTags } from '../../../db/repositories/tags.ts'
import type { HandoffRow, MessageRow } from '../../../db/schema.ts'
import { dropConversations } from '../../../db/storage.ts'
import type { Clock } from '../../clock.ts'
import type { Content } from '../../content/schema.ts'
import type { ContentStore } from '../../content/store.ts'
import { businessCalendar } from '../../format.ts'
import type { Logger } from '../../logger.ts'
import type { ClientService } from '../clients.ts'
import type { DutyService } from '../desk/duty.ts'
import type { NightReplyService } from '../desk/night-reply.ts'
import type { TopicStatusService } from '../desk/topic-status.ts'
import { FUNNEL } from '../funnel.ts'
import type { Scheduler } from '../jobs.ts'
import { isOverdue } from '../orders.ts'
import type { StaffService } from '../staff.ts'
import {
  addWorkingMinutes,
  CLOSE_ANSWER_STANDS_MS,
  DAY_MS,
  isWorkingTime,
  localDate,
  nextDayOpening,
  nextWorkingTime,
  workingMinutesBetween,
} from '../time.ts'
import {
  AUTO_CLOSE_JOB,
  assignedOnDuty,
  type CardPayload,
  type ClientPromptPayload,
  type CloseRequest,
  firstWaitOver,
  HANDED_BACK_MS,
  HANDOFF_REPLY_JOB,
  HANDOFF_SLA_JOB,
  type HandoffEta,
  type HandoffReason,
  type HandoffWait,
  type NoticeLine,
  narrowedSettles,
  type OpenResult,
  OUTBOX_KIND,
  OWNERS_WAITING_JOB,
  RATED_LOW_JOB,
  RATED_LOW_WAIT_MS,
  replyKey,
  type SettledBy,
  type SettlingAction,
  settlingOf,
  slaKey,
  type TranscriptPayload,
  WAIT_REMINDERS,
  waitingSince,
} from './model.ts'
import type { StaffRoute } from './staff-route.ts'
import type { Transcript } from './transcript.ts'
import { compileTriggers, triggerWordsIn } from './trigger-words.ts'

/**
 * The client's latest requests looked through for the one an answer on its way was written to
 * (`noteStaffReply`): an answer is delivered within seconds, a request or two ago at most.
 */
const RECENT_REQUESTS = 3

/**
 * What a client waiting past the SLA gets: the apology now, after quiet hours, or nothing —
 * `owner-only` when their chat is the owner's account and closed to the bot (Telegram Business):
 * an answer from the topic cannot reach them either, only the owner's own from their Telegram.
 */
export type SlaApology =
  | 'now'
  | { back: number }
  | { at: number; clientTz?: string | null }
  | 'blocked'
  | 'none'
  | 'owner-only'

/**
 * Why an answer from the topic cannot reach a waiting client now, said with each reminder that
 * they wait: their chat is the owner's account, closed to the bot (`ownerOnly`: that account,
 * named), or they blocked the bot since.
 */
export type Unreachable = { ownerOnly: string } | { blocked: true }

/** The dedupe key of a low speed rating's alert waiting for the quality rating. */
const ratedLowKey = (handoffId: number) => `rated-low:${handoffId}`
/** A client who rated a request is not asked to rate another within this (`ratingsDue`). */
const RATINGS_AGAIN_AFTER_MS = 7 * 24 * 3_600_000

/**
 * A 1–5 score as staff read it beside a low one: "2/5", or `none` for one not given (not asked,
 * or left unanswered), which the alert leaves out: it says only what the client gave.
 */
function scoreOf(score: number | undefined): string {
  return score === undefined ? 'none' : `${score}/5`
}

/** A second "the client asks for a manager again" line in the topic waits this long after the first. */
const ASKED_AGAIN_QUIET_MS = 10 * 60_000
/**
 * Two team members' answers to one client this close together were written without seeing each
 * other's (`answeredToo`): a message in the topic shows up as it goes, and typing an answer takes
 * a minute or two, so one sent within this of a colleague's was most likely typed while the
 * colleague's was on its way, or before it was read. Later than that, the second had the first in
 * front of them: a follow-up of their own, not a clash.
 */
const ANSWERED_TOO_MS = 2 * 60_000
/** A second notice of two answering the same client waits this long: their exchange is one clash. */
const ANSWERED_TOO_QUIET_MS = 10 * 60_000
export function createLifecycle(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  clients: ClientService
  route: StaffRoute
  transcript: Transcript
  /** Who is on duty: new requests are assigned round-robin among them. */
  duty: DutyService
  /** Who is on the team: a lead removed from it leads nobody. */
  staff: Pick<StaffService, 'isStaff' | 'nameOf'>
  /** The status mark in the topic's title follows the request (`sync` after each change). */
  topicStatus: TopicStatusService
  /** A person answering at night is the team being here: no "we are closed" after it. */
  nightReply: Pick<NightReplyService, 'toldNow'>
  logger: Logger
}) {
  const { db, clock, scheduler, route, transcript } = deps
  const log = deps.logger.child({ module: 'handoff' })
  let triggers: { content: Content; re: RegExp | undefined } | undefined

  /**
   * The lead, if still on the team. Someone removed from it keeps their name on the requests
   * they led (history, stats), but the client's next request is the whole team's, a colleague
   * may take it, and the client is not promised an answer from them.
   */
  const onTeam = (managerId: number | null | undefined): number | undefined =>
    managerId != null && deps.staff.isStaff(managerId) ? managerId : undefined

  /**
   * Whether the "client" is someone on the team, who asked for a manager in their own chat to try
   * the bot as a client would: the owners' alerts say so rather than "a client waits".
   */
  const teamMember = (clientId: number): boolean => {
    const telegramId = findClientById(db, clientId)?.telegramId
    return telegramId != null && deps.staff.isStaff(telegramId)
  }

  /** The deadline of a request opened at `openedAt`: `sla_minutes` of working time, by the content as it is. */
  function deadlineFrom(openedAt: number): number | undefined {
    const content = deps.content.get()
    return addWorkingMinutes(openedAt, content.handoff.sla_minutes, businessCalendar(content))
  }

  /**
   * Whether the request's first message is still on its way to the staff group (queued behind
   * the group's 20 messages a minute, or a 429 holding the group): nobody there has seen it yet.
   * One whose messages all failed (the group refused the topic) is not: it never will be.
   */
  const onItsWay = (handoff: Pick<HandoffRow, 'clientId' | 'openedAt' | 'reachedGroupAt'>): boolean =>
    handoff.reachedGroupAt === null && unfinishedInLaneSince(db, route.topicLane(handoff.clientId), handoff.openedAt)

  /**
   * When the request reached the staff group, if that was a minute or more after it opened (its
   * answer time counted from then); undefined sooner, which reads as the same time, said once.
   */
  const arrivedLate = ({ openedAt, reachedGroupAt }: Pick<HandoffRow, 'openedAt' | 'reachedGroupAt'>) =>
    reachedGroupAt !== null && reachedGroupAt - openedAt >= 60_000 ? reachedGroupAt : undefined

  /**
   * When a request is to be answered by: the deadline it was opened with (the SLA job's time),
   * so a changed answer time or working hours neither move a promise made nor make an answer
   * given in time late — moved once to one answer time after it reached the staff group when it
   * arrived later (`reachedGroup`). One still on its way there is due one answer time from now at
   * the earliest: what goes to the group now (its card, its notice) and the client asking again
   * meanwhile read that. A request opened before deadlines were stored has it counted from the
   * content as it is.
   */
  const deadlineOf = (
    handoff: Pick<HandoffRow, 'clientId' | 'openedAt' | 'slaDueAt' | 'reachedGroupAt' | 'status'>,
  ): number | undefined => {
    const due = handoff.slaDueAt ?? deadlineFrom(handoff.openedAt)
    if (due === undefined || handoff.status === 'closed' || !onItsWay(handoff)) return due
    return Math.max(due, deadlineFrom(clock.now()) ?? due)
  }

  function etaFor(handoff: HandoffRow | undefined): HandoffEta {
    const cal = businessCalendar(deps.content.get())
    const now = clock.now()
    const openNow = isWorkingTime(now, cal)
    const answerBy = handoff ? deadlineOf(handoff) : deadlineFrom(now)
    // Answered, or nothing owed since its first wait was settled: "you are with a manager, write here"
    const answered = handoff !== undefined && firstWaitOver(handoff)
    return {
      answerBy,
      openNow,
      backAt: openNow ? undefined : nextWorkingTime(now, cal),
      answered,
      late:
        handoff !== undefined &&
        !answered &&
        (handoff.slaBreachedAt !== null || (answerBy !== undefined && answerBy <= now)),
      managerId: onTeam(handoff?.managerId),
    }
  }

  /**
   * The client waits for the team since `since` (their message): recorded on the request with
   * its check, first due `sla_minutes` of plain time later, the earliest the working-time
   * deadline can be (the check finds that deadline itself: no calendar work per message).
   * `settles`: what the client may do themselves that answers the message (`wait_settles`; none
   * known for one the caller did not read, such as a message written while an answer was on its way).
   * The card is not redrawn for it: the message that starts the wait is the newest in the topic, and
   * a redraw here is a card queued, drawn and edited for each first message of a client after an
   * answer (most of a busy chat's). The card shows the wait whenever it is drawn (`/card`, a note,
   * a handover), turns 🔴 with the answer time's alert (`replyLate`), and loses it with the answer
   * that ends it (`noteStaffReply`), so what it says of a wait is never over.
   */
  function startWait(active: HandoffRow, since: number, settles: readonly SettlingAction[] = []): void {
    db.transaction(() => {
      if (!setClientWaiting(db, active.id, since, settles.join(','))) return
      scheduler.enqueue(HANDOFF_REPLY_JOB, {
        runAt: since + deps.content.get().handoff.sla_minutes * 60_000,
        payload: { handoffId: active.id, since },
        clientId: active.clientId,
        dedupeKey: replyKey(active.id, since),
      })
    })
  }

  /**
   * A reminder that the client waits, with — when an answer from the topic cannot reach them
   * (Unreachable) — why: the team is not asked for one it cannot deliver. The owners read it too,
   * in their own chat (`owners`): an answer from the owner's account is theirs to give.
   */
  function unreachableTold(line: NoticeLine, unreachable: Unreachable | undefined, owners = false): NoticeLine[] {
    if (unreachable === undefined) return [line]
    if ('blocked' in unreachable) {
      return [line, { key: owners ? 'handoff-owners-client-blocked' : 'handoff-topic-client-blocked' }]
    }
    const account = unreachable.ownerOnly
    return [line, { key: owners ? 'business-owners-owner-only' : 'business-topic-owner-only', args: { account } }]
  }

  /**
   * The client's invoices past their due date and unpaid, a line each: their payment reminders
   * wait while the client waits for an answer (followups' policy), so an unanswered message
   * would let them go overdue unseen. One the client reported paid is the payment check's to
   * remind of.
   */
  function overdueUnpaid(clientId: number): NoticeLine[] {
    const now = clock.now()
    const tz = deps.content.get().business.timezone
    return listClientOrders(db, clientId, ['unpaid'])
      .filter((o) => o.clientReportedPaidAt === null && isOverdue(o, now, tz))
      .reverse()
      .map((o) => ({
        key: 'handoff-waiting-invoice-overdue',
        args: { id: String(o.id), amount: { money: { minor: o.amount, currency: o.currency } } },
      }))
  }

  /**
   * What a reminder that the client waits since `since` replies to in their topic: their first
   * message of that wait there (a reply to nothing landed under the topic's first message, the
   * card or the history, and the message waiting was to be looked for). Nothing when it is not
   * there (a wait since the request opened, whose words are in its history).
   */
  function waitedFor(clientId: number, since: number): { replyToRowId?: number } {
    const row = firstInTopicSince(db, clientId, since)
    return row ? { replyToRowId: row.id } : {}
  }

  /**
   * The client still waits since `since`, a working day after they were due an answer: the topic
   * mentions whoever is to answer (`whoAnswers`; nobody: anyone may take it), the owners hear by
   * number; both read which of the client's invoices went overdue meanwhile.
   */
  function stillWaiting(
    handoff: HandoffRow,
    since: number,
    unreachable: Unreachable | undefined,
    owners = false,
  ): void {
    const { clientId } = handoff
    const { lead, next, told } = whoAnswers(handoff).passOn()
    const opened = { time: since }
    const line: NoticeLine =
      lead === undefined
        ? { key: 'handoff-topic-waiting-nobody', args: { opened } }
        : { key: 'handoff-topic-waiting', args: { opened, lead: { mention: lead } } }
    const overdue = overdueUnpaid(clientId)
    route.notifyTopic(clientId, [...unreachableTold(line, unreachable), ...told, ...overdue], {
      claim: lead === undefined,
      ...waitedFor(clientId, since),
    })
    // The owners hear of it in their one message of the day (`ownersWaiting`), not at each
    // client's own hour: a message each, five a day, and none after a working week
    if (owners) {
      route.notifyOwners(
        [
          ...unreachableTold(
            { key: 'handoff-owner-waiting', args: { id: String(clientId), opened } },
            unreachable,
            true,
          ),
          ...passedTold(next),
          ...overdue,
        ],
        clientId,
      )
    }
    planOwnersWaiting()
  }

  /**
   * The owners' message of the next working day's opening (OWNERS_WAITING_JOB), once a day: planned
   * by every alert of a wait, and by that message itself while anyone still waits.
   */
  function planOwnersWaiting(): void {
    const content = deps.content.get()
    const at = nextDayOpening(clock.now(), businessCalendar(content))
    if (at === undefined) return
    scheduler.enqueue(OWNERS_WAITING_JOB, {
      runAt: at,
      payload: {},
      dedupeKey: `${OWNERS_WAITING_JOB.kind}:${localDate(at, content.business.timezone)}`,
    })
  }

  /**
   * An answer written at `answeredAt` was just delivered: what the client wrote after it was
   * written (while it was on its way) is not answered by it, and waits from then; nor, for an
   * answer typed in the topic (`inTopicSince`: the start of what it may answer), what they wrote
   * before it that had not reached the topic yet.
   */
  function waitForWhatFollowed(active: HandoffRow, answeredAt: number, inTopicSince?: number): void {
    const next = firstWrittenAfter(db, active.clientId, answeredAt, inTopicSince)
    if (next !== undefined) startWait(active, next)
  }

  /** A low rating of a closed request: the topic, and the owners (naming the client: `ownerAlertText`). */
  /**
   * Whom the client's rating of a closed request is about, in the stats: the one who led it when
   * it closed, when they answered in it (a request handed over with /assign is rated for the
   * colleague who served it to the end, not whoever said hello first); else the last on the team
   * to answer it (a lead who never wrote, such as the client's own manager while a colleague did
   * the work); else whoever answered first, else its lead (requests from before answers were kept).
   */
  function servedBy(handoff: HandoffRow): number | null {
    const answers = listHandoffAnswers(db, handoff.id)
    if (handoff.managerId !== null && answers.some((a) => a.staffId === handoff.managerId)) return handoff.managerId
    return answers.at(-1)?.staffId ?? handoff.firstResponderId ?? handoff.managerId
  }

  function alertRatedLow(clientId: number, speed: number | undefined, quality: number | undefined): void {
    const scores = { speed: scoreOf(speed), quality: scoreOf(quality) }
    route.notifyTopic(clientId, [{ key: 'handoff-topic-rated-low', args: scores }])
    route.notifyOwners([{ key: 'handoff-owner-rated-low', args: { id: String(clientId), ...scores } }], clientId)
  }

  /** When each client's topic was last told that two answered them at once (see answeredToo), oldest first. */
  const answeredTooAt = new Map<number, number>()

  /** When each open request's client last asked for a manager again (see askedAgain), oldest first. */
  const askedAgainAt = new Map<number, number>()

  /**
   * The client asked for a manager again (the menu's button, /manager) with their request open:
   * the topic hears it, mentioning whoever is to answer (`whoAnswers`: a lead whose shift is over
   * passes it to whoever is on duty). The client is told they are with a manager; the topic showed
   * nothing, so nobody learnt they reached out. Once in ASKED_AGAIN_QUIET_MS per request: a client
   * pressing again and again is one line. (In memory: after a restart, one more.)
   */
  function askedAgain(handoff: HandoffRow): void {
    const now = clock.now()
    // Those older than the quiet time are done with: the map holds the last few minutes' only
    for (const [id, at] of askedAgainAt) {
      if (now - at < ASKED_AGAIN_QUIET_MS) break
      askedAgainAt.delete(id)
    }
    if (askedAgainAt.has(handoff.id)) return
    askedAgainAt.set(handoff.id, now)
    db.transaction(() => {
      const { lead, told } = whoAnswers(handoff).passOn()
      route.notifyTopic(
        handoff.clientId,
        [
          lead === undefined
            ? { key: 'handoff-topic-asked-again-nobody' }
            : { key: 'handoff-topic-asked-again', args: { lead: { mention: lead } } },
          ...told,
        ],
        { claim: lead === undefined },
      )
    })
  }

  /**
   * The request is nobody's again (its lead's shift is over): the whole group sees it and anyone
   * takes it. The client keeps their own manager — one late answer on a night or a day off does
   * not take a client from whoever has looked after them. The card is drawn again without them.
   */
  function release(handoff: HandoffRow): void {
    setHandoffManager(db, handoff.id, null)
    route.refreshCard(handoff.clientId)
  }

  /**
   * Who is to answer a wait of the client's, by one rule for every alert and reminder of one — the
   * first answer past its time (`slaMissed`), a later message's (`replyLate`), the time the client
   * was promised (`promiseMissed`), the days after (`stillWaiting`), the client asking for a manager
   * again (`askedAgain`): the request's lead, when there to answer. A lead of the group's rota whose
   * shift is over (`duty.offShift`: by the clock, or their own /duty off) is not: the request goes
   * to whoever is on duty, mentioned, else back to the whole group with the take button (`release`:
   * the client stays theirs), and a wait gone late is the team's miss, not theirs (`charged` null).
   * (A late wait's alerts that mentioned only a lead gone home, with no take button, went unanswered,
   * and /stats counted the miss against her.)
   */
  function whoAnswers(handoff: HandoffRow) {
    const lead = onTeam(handoff.managerId)
    const group = route.topicLane(handoff.clientId).chatId
    const offShift = lead !== undefined && deps.duty.offShift(lead, group)
    return {
      /** The lead as the request has it (before `passOn`). */
      lead,
      offShift,
      /** Whose miss a wait gone late is: the lead's when there to answer, else the team's. */
      charged: offShift ? null : (lead ?? null),
      /**
       * Passes the request on from a lead whose shift is over (`always`: from one on shift too, to
       * someone else on duty — a missed first answer), in the step that tells the team: who is to
       * answer it now (undefined: the whole group, with the take button), the one on duty it went
       * to, and — when it left a lead gone off shift — the line saying so (naming, not mentioning, her).
       */
      passOn(always = false): { lead: number | undefined; next: number | undefined; told: NoticeLine[] } {
        if (!offShift && !always) return { lead, next: undefined, told: [] }
        const next = deps.duty.assignNext(group, { exclude: handoff.managerId })
        if (next !== undefined) lifecycle.assign(handoff.clientId, next)
        else if (offShift) release(handoff)
        if (lead === undefined || !offShift) return { lead: next ?? lead, next, told: [] }
        const manager = deps.staff.nameOf(lead) ?? `id ${lead}`
        const told: NoticeLine[] =
          next === undefined
            ? [{ key: 'desk-sla-lead-off-shift', args: { manager } }]
            : [{ key: 'desk-wait-passed-off-shift', args: { manager, next: deps.staff.nameOf(next) ?? `id ${next}` } }]
        return { lead: next, next, told }
      },
    }
  }

  /** The owners' line saying who has the request now, when it was passed to someone on duty. */
  const passedTold = (next: number | undefined): NoticeLine[] =>
    next === undefined ? [] : [{ key: 'desk-owner-reassigned', args: { manager: { mention: next } } }]

  /**
   * A request whose only answer was taken back (`answerTakenBack`; `again` names why, for its
   * checks' keys), or whose first wait the client had settled with a call they then cancelled
   * (`callCancelled`), is watched again as one nobody answered: not late yet, by its answer-time check (due at its
   * deadline, at once when that passed: the alert and the client's apology, as if no answer had
   * come); alerted already, by the reminder that the client still waits (a round after the
   * first, which went with the alert), one answer time on unless someone answers first. A check
   * still pending (the time promised to the client after the alert, not come yet) finds the
   * request unanswered by itself when it comes: nothing is added.
   */
  function remindUnanswered(request: HandoffRow, again: string): void {
    if (hasPendingJob(db, request.clientId, [HANDOFF_SLA_JOB.kind])) return
    if (request.slaBreachedAt === null) {
      const due = deadlineOf(request)
      if (due === undefined) return
      scheduler.enqueue(HANDOFF_SLA_JOB, {
        runAt: Math.max(due, clock.now()),
        dedupeKey: `${slaKey(request.id)}:${again}`,
        clientId: request.clientId,
        payload: { handoffId: request.id },
      })
      return
    }
    const content = deps.content.get()
    const at = addWorkingMinutes(clock.now(), content.handoff.sla_minutes, businessCalendar(content))
    if (at === undefined) return
    scheduler.enqueue(HANDOFF_REPLY_JOB, {
      runAt: at,
      payload: { handoffId: request.id, since: request.openedAt, round: 2 },
      clientId: request.clientId,
      dedupeKey: `${replyKey(request.id, request.openedAt, 2)}:${again}`,
    })
  }

  /**
   * A late No to an earlier request's "Is your question solved?" (within CLOSE_ANSWER_STANDS_MS of
   * its close) while `newer`, a request the client opened since, is active: no second request — the
   * newer one's topic reads one line, that the earlier question is not solved, and the No waits for
   * the team's answer as a No to its own question does. Asked "Is your question solved?" itself,
   * the newer request is open again and no longer closes by itself: something is left. `line`: what
   * the topic reads of it (a No to a question long past, `answerClose`, says which and when).
   */
  function earlierNotSolved(
    newer: HandoffRow,
    line: NoticeLine = { key: 'handoff-topic-earlier-not-solved' },
  ): 'reopened' {
    const { clientId } = newer
    db.transaction(() => {
      if (moveHandoff(db, newer.id, ['closing'], 'open')) {
        scheduler.cancel(
          { clientId, kinds: [AUTO_CLOSE_JOB.kind] },
          'the client said an earlier question is not solved',
        )
      }
      lifecycle.clientWaits(clientId, false)
      route.notifyTopic(clientId, [line])
    })
    route.refreshCard(clientId)
    deps.topicStatus.sync(clientId)
    return 'reopened'
  }

  /**
   * What settles the first wait of a request opened for `reason` (`wait_settles`): a `question`'s
   * words as the caller read them (`settles`); nothing asked yet for one opened by asking for a
   * person (/manager), or by a message that goes to the topic as itself and is read there (written
   * again after a closed request, an answer to the bot's message, a photo or a voice message the
   * bot cannot read: `waitTakesIn`); for anything
   * else — a complaint, a low rating, the quiz's no match — nothing the client does settles it.
   */
  function openingSettles(reason: HandoffReason, settles: readonly SettlingAction[] | undefined): string | null {
    if (reason === 'question') return (settles ?? []).join(',')
    const readThere = reason === 'returned' || reason === 'reply' || reason === 'news' || reason === 'file'
    return reason === 'asked' || readThere ? null : ''
  }

  const lifecycle = {
    /** The client's open (or closing) handoff. */
    current(clientId: number): HandoffRow | undefined {
      return findActiveHandoff(db, clientId)
    },

    /** When the request is to be answered by: the deadline it was opened with, or from when it reached the group (`deadlineOf`). */
    deadline: deadlineOf,

    /** Whether the request's first message is still on its way to the staff group (`onItsWay`). */
    onItsWay,

    /**
     * A row of the client's topic lane, queued at `queuedAt`, put a message into the staff group:
     * the open request it came with (or after) has reached it, recorded once, with the row's sent
     * mark. Its answer time counts from now: a deadline that would end sooner is moved (the SLA
     * check, due at the old one, waits for the new), so the team is neither alerted about nor
     * charged with minutes it could not see the request. A request answered or gone late already
     * keeps its deadline. Reads the request the client's messages keep at hand; writes only once.
     */
    reachedGroup(clientId: number, queuedAt: number): void {
      const active = findActiveHandoff(db, clientId)
      if (!active || active.reachedGroupAt !== null || queuedAt < active.openedAt) return
      const now = clock.now()
      const due = active.slaDueAt
      const fromNow =
        due === null || firstWaitOver(active) || active.slaBreachedAt !== null ? undefined : deadlineFrom(now)
      const moved = fromNow !== undefined && due !== null && fromNow > due
      if (!setReachedGroup(db, active.id, now, moved ? fromNow : due)) return
      if (moved) {
        log.info(
          { clientId, handoffId: active.id, lateMs: now - active.openedAt },
          'the request reached the staff group late: its answer time counts from then',
        )
      }
    },

    /**
     * The client asked for someone above the team (`boss`: "позовите руководителя") or wrote words
     * of a complaint (`complaint`: the content's trigger words, "верните деньги") in their open
     * request: the owners are told, with their topic a tap away, and the topic reads that they
     * were — once a request for each (a client who writes "руководителя!" five times alerts them
     * once; one who complained and then asks for the boss, twice). One message that is both ("это
     * обман. Позовите руководителя!") is one alert and one topic line that say both. A complaint
     * reached the owners only when nobody answered it in time, and a demand for the boss never
     * did. The client named as in every owner's alert, their words left in the topic: an owner's
     * alert says who and what, not the client's words. For each of `whys`: 'told' when
     * told now, 'already' when told before in this request; undefined with no request open.
     */
    escalate(
      clientId: number,
      whys: readonly Escalation[],
    ): Partial<Record<Escalation, 'told' | 'already'>> | undefined {
      const active = findActiveHandoff(db, clientId)
      if (!active) return undefined
      const result: Partial<Record<Escalation, 'told' | 'already'>> = {}
      for (const why of whys) {
        const last = lastEventAt(db, clientId, escalatedEvent(why), escalatedEvent(why))
        result[why] = last !== undefined && last >= active.openedAt ? 'already' : 'told'
      }
      const told = whys.filter((why) => result[why] === 'told')
      for (const why of told) deps.clients.recordEvent(clientId, escalatedEvent(why), { handoffId: active.id })
      const why = told.length > 1 ? 'both' : told[0]
      if (why !== undefined) {
        route.notifyOwners([{ key: 'handoff-owner-escalated', args: { id: String(clientId), why } }], clientId)
        route.notifyTopic(clientId, [{ key: 'handoff-topic-escalated', args: { why } }])
      }
      return result
    },

    /**
     * A team member's answer to the client (`row`, just recorded and queued) came within
     * ANSWERED_TOO_MS of another team member's: both went out, signed with two names, and nobody
     * knew. The topic is told, mentioning the other, so the two agree on who carries on — once in
     * ANSWERED_TOO_QUIET_MS per client, however the exchange goes on. Nothing is held back: the
     * client may need both. The same member's messages one after another, and notes, are no clash.
     * (In memory: after a restart, one more notice at most.)
     */
    answeredToo(clientId: number, row: MessageRow): void {
      if (row.direction !== 'out' || row.senderId === null) return
      const now = clock.now()
      for (const [id, at] of answeredTooAt) {
        if (now - at < ANSWERED_TOO_QUIET_MS) break
        answeredTooAt.delete(id)
      }
      if (answeredTooAt.has(clientId)) return
      const since = row.createdAt - ANSWERED_TOO_MS
      const other = otherAnswerSince(db, clientId, { senderId: row.senderId, since, beforeId: row.id })
      if (other === undefined) return
      answeredTooAt.set(clientId, now)
      const manager = deps.staff.nameOf(row.senderId) ?? `id ${row.senderId}`
      route.notifyTopic(clientId, [{ key: 'handoff-topic-answered-too', args: { other: { mention: other }, manager } }])
    },

    /** True while the client is with a manager: automated flows should stay quiet. */
    isOpen(clientId: number): boolean {
      return findActiveHandoff(db, clientId) !== undefined
    },

    /**
     * True while the team owes the client something — an answer to their question, or putting
     * right what they complained of (`COMPLAINT_REASONS`): no offers meanwhile (as the segments' `HELD_NOW`).
     */
    owesClient(clientId: number): boolean {
      const active = findActiveHandoff(db, clientId)
      if (active === undefined) return false
      if (!firstWaitOver(active) || active.clientWaitingSince !== null) return true
      if ((COMPLAINT_REASONS as readonly string[]).includes(active.reason)) return true
      // A complaint the owners were told of since it opened
      const told = lastEventAt(db, clientId, escalatedEvent('complaint'), escalatedEvent('complaint'))
      return told !== undefined && told >= active.openedAt
    },

    /** True when the client's latest request is closed: a message from them now reopens it. */
    wasClosed(clientId: number): boolean {
      return listHandoffs(db, clientId, 1)[0]?.status === 'closed'
    },

    /** A request that has not reached the staff yet (no topic): it goes before ongoing chats. */
    isNewRequest(clientId: number): boolean {
      return findClientById(db, clientId)?.topicId === null && findActiveHandoff(db, clientId) !== undefined
    },

    /** The honest ETA for the client's open handoff, or for one opened now. */
    eta(clientId: number): HandoffEta {
      return etaFor(findActiveHandoff(db, clientId))
    },

    /**
     * Hands the client to a manager. Idempotent: an open handoff is reused
     * (`created: false`). A new request reaches the staff first, in as few group
     * messages as it takes: the topic (created on first use) with the card saying
     * why and by when to answer, then the transcript so far; a reopened topic gets
     * its card refreshed and a notice. Also an SLA job, the funnel event and stage.
     * Returns undefined for a client who does not exist or erased their data.
     * Synchronous (safe inside `conversation.external`): the caller tells the
     * client, e.g. with `handoffOpenedText` (src/bot/handoff/texts.ts).
     */
    open(
      clientId: number,
      reason: HandoffReason,
      detail?: string,
      options: {
        /** The transcript stops before this row: the message that opened the request is relayed as itself. */
        transcriptBefore?: number
        /** Who took the chat themselves (the owner writing from their own account): they lead it, not whoever is on duty. */
        lead?: number
        /** The topic was just told the client wrote instead of answering "Is your question solved?": no "asks again" line too. */
        topicTold?: boolean
        /**
         * What the client may do themselves that answers the words it opens with (a `question`'s,
         * read by the caller: `wait_settles`); none known when not given.
         */
        settles?: readonly SettlingAction[]
      } = {},
    ): OpenResult | undefined {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null || client.telegramId === null) return undefined
      const chatId = client.telegramId
      const existing = findActiveHandoff(db, clientId)
      if (existing) {
        if (reason === 'asked') {
          // Asking again is writing again: back after a wait's reminders ran out (`remindAgain`),
          // or in an answered request a wait as a message starts (`clientWaits`) — the topic reads
          // that the client waits for an answer, and /today and the alerts said otherwise
          const again = lifecycle.waitRemindedOut(clientId, false)
          if (again) lifecycle.remindAgain(again)
          else lifecycle.clientWaits(clientId, false)
          if (!options.topicTold) askedAgain(existing)
        }
        // As it stands now: asking again may have passed it to whoever is on duty
        const request = findActiveHandoff(db, clientId) ?? existing
        return { handoff: request, created: false, ...etaFor(request) }
      }

      const now = clock.now()
      const handoff = db.transaction(() => {
        // With someone on duty the request goes to them in turn (the client's own manager
        // first); with nobody, to the client's manager if any, else the whole group sees it
        const lead = onTeam(client.managerId)
        const onDuty =
          options.lead === undefined
            ? deps.duty.assignNext(route.topicLane(clientId).chatId, { keep: lead ?? null })
            : undefined
        if (onDuty !== undefined && onDuty !== client.managerId) updateClient(db, clientId, { managerId: onDuty })
        const due = deadlineFrom(now) ?? null
        // News alone (`news`) owes no answer: its first wait is over as it opens, with no check of it
        const news = reason === 'news'
        const opened = insertHandoff(db, {
          clientId,
          reason,
          detail: detail ?? null,
          openedAt: now,
          managerId: options.lead ?? onDuty ?? lead ?? null,
          slaDueAt: due,
          ...(news ? { settledAt: now } : {}),
          waitSettles: openingSettles(reason, options.settles),
        })
        // The bot's own questions stop: a questionnaire left days ago must not take the client's
        // messages to the manager as its answers. A flow the client begins now is theirs to finish.
        dropConversations(db, [chatId])
        // The one it went to is mentioned, which notifies them: in a new topic by the card's
        // first post, in one reused by the notice of the request (a message of its own each cost
        // one of the group's 20 a minute, a new topic's requests 6–8 of them already)
        const mention = onDuty === undefined ? [] : [assignedOnDuty(onDuty)]
        const urgent = client.topicId === null
        if (urgent) {
          // The card tells why and by when to answer, with the "take this client" button or whom the rota gave it
          route.toTopic(clientId, OUTBOX_KIND.card, {
            urgent,
            ...(onDuty === undefined ? {} : { onDuty: { manager: onDuty, own: onDuty === lead } }),
          } satisfies CardPayload)
        } else {
          route.refreshCard(clientId)
          route.post(clientId, {
            lines: [
              {
                key: 'handoff-topic-opened',
                // The deadline as it stands when the notice goes: from then, when it waited to go
                args: { reason: { reason, detail: detail ?? null }, due: { deadlineOf: opened.id } },
              },
              ...mention,
            ],
            claim: !opened.managerId,
            urgent: true,
          })
        }
        const toId = options.transcriptBefore === undefined ? lastMessageId(db, clientId) : options.transcriptBefore - 1
        const afterId = transcript.postedUpTo(clientId)
        if (toId > afterId) {
          route.toTopic(clientId, OUTBOX_KIND.transcript, {
            afterId,
            toId,
            ...(urgent ? { urgent } : {}),
          } satisfies TranscriptPayload)
          transcript.markPosted(clientId, toId)
        }
        if (due !== null && !news) {
          scheduler.enqueue(HANDOFF_SLA_JOB, {
            runAt: due,
            dedupeKey: slaKey(opened.id),
            clientId,
            payload: { handoffId: opened.id },
          })
        }
        return opened
      })
      deps.clients.recordEvent(clientId, FUNNEL.handoffOpened, { handoffId: handoff.id, reason })
      deps.clients.advanceStage(client, 'close')
      // A closed topic (an earlier request) is reopened and marked as waiting
      deps.topicStatus.sync(clientId)
      log.info({ clientId, handoffId: handoff.id, reason }, 'handoff opened')
      return { handoff, created: true, ...etaFor(handoff) }
    },

    /**
     * The client erased their data (/forget): the open request is closed and
     * its SLA timer cancelled, so nobody is alerted about a person who left.
     */
    closeForErasure(clientId: number): void {
      const active = findActiveHandoff(db, clientId)
      if (!active) return
      moveHandoff(db, active.id, ['open', 'closing'], 'closed', { closedAt: clock.now(), closedBy: 'erased' })
      scheduler.cancel({ dedupeKey: slaKey(active.id) }, 'the client erased their data')
      log.info({ clientId, handoffId: active.id }, 'handoff closed: client erased their data')
    },

    /** The first trigger word (distrust, complaint, rudeness) in `text`, if any. */
    matchTrigger(text: string): string | undefined {
      return lifecycle.triggersIn(text)[0]
    },

    /**
     * Every trigger word in `text`, in order: whether a refund asked for ("can I get my money
     * back?") says anything of a complaint besides its own words is read from all of them.
     */
    triggersIn(text: string): string[] {
      const content = deps.content.get()
      if (triggers?.content !== content) triggers = { content, re: compileTriggers(content.handoff.trigger_words) }
      return triggers.re ? triggerWordsIn(triggers.re, text) : []
    },

    /**
     * A staff member's answer reached the client. The first of an open handoff is its
     * first response (time and who — what the card, the topic's 💬 and /stats' response
     * times read; "answered within SLA" in the funnel; the SLA job is cancelled) and
     * assigns the client to them if nobody was. Any answer out of hours also counts as
     * tonight's "we are closed, back at 10:00": the client's reply to a person is not met
     * by the bot saying nobody is here.
     *
     * Called when the answer was delivered, never when it was taken in: one the client never
     * got (they blocked the bot, Telegram's 24 hours in the owner's Business chat ran out)
     * leaves the request waiting, with its SLA alert still due. What goes through the outbox
     * calls this from its delivery's `record` (written with the row's sent mark: once, however
     * often the row was tried), with `writtenAt`, when it was queued: it answers the request
     * open then — also when that was closed while the answer was on its way (typed, then
     * `/close force`), and never a request opened after it. What the owner typed in their own
     * chat is there already: the request open now. A second call changes nothing (the first
     * response is set only while there is none). Every answer is kept with the request
     * (`handoffAnswers`; `messageRowId`: the transcript row of the message it was), so one taken
     * back leaves the others to say when the team answered (`answerTakenBack`).
     */
    noteStaffReply(clientId: number, staffId: number, writtenAt?: number, messageRowId?: number | null): void {
      deps.nightReply.toldNow(clientId)
      const active =
        writtenAt === undefined
          ? findActiveHandoff(db, clientId)
          : listHandoffs(db, clientId, RECENT_REQUESTS).find(
              (h) => h.openedAt <= writtenAt && (h.closedAt === null || h.closedAt >= writtenAt),
            )
      if (!active) return
      // Timed when written: the manager answered then, and a delivery held up by Telegram (a 429,
      // a retry) is not theirs to answer for; the SLA check waits for an answer on its way
      const now = Math.min(writtenAt ?? clock.now(), clock.now())
      // The team's last answer, whatever it was (/today's "последний ответ": a call moved at 10:17
      // after a message at 10:03 was an answer 32 minutes old)
      setLastAnswer(db, active.id, now)
      recordHandoffAnswer(db, { handoffId: active.id, at: now, staffId, messageId: messageRowId ?? null })
      // Answered since the client settled their wait: a call of theirs cancelled now brings back nothing
      if (active.settledBy !== null) clearSettledBy(db, active.id)
      // Nobody answered yet, but its first wait ended with nothing owed (`settled_at`): this first
      // answer answers what the client wrote since, as a later answer does, and is recorded as the
      // first — no answer time was owed to it, so it counts neither in nor out of time
      const settled = active.firstResponseAt === null && active.settledAt !== null
      if (active.firstResponseAt !== null || settled) {
        // A later answer: the client's message written before it is answered (one written after
        // it still waits, or waits from now on); a request gone late is back to 💬
        const waited = active.clientWaitingSince
        // Typed in the topic (`writtenAt`), it answers only what the topic showed: a message still
        // queued for it there (a busy group) keeps its wait, and its reminders, as they are
        const unseen =
          waited === null || writtenAt === undefined ? undefined : firstWrittenAfter(db, clientId, now, waited)
        if (waited !== null && waited <= now && unseen !== waited && clearClientWaiting(db, active.id, now)) {
          // The card's "⏳ снова ждёт ответа" goes, or shows the wait still on since `unseen`
          if (unseen !== undefined) startWait(active, unseen)
          route.refreshCard(clientId)
          if (active.replyLateAt !== null) deps.topicStatus.sync(clientId)
        }
        if (!settled) return
      }
      // Counted now, on today's working hours: the stats and the card keep it if the hours change
      const minutes = workingMinutesBetween(active.openedAt, now, businessCalendar(deps.content.get()))
      if (!setFirstResponse(db, active.id, now, staffId, minutes)) return
      // What the client wrote while this first answer was on its way waits for the next, as does
      // what had not reached the topic when it was typed there (after a settled first wait, the
      // wait the client had since was read above)
      if (!settled) waitForWhatFollowed(active, now, writtenAt === undefined ? undefined : active.openedAt)
      scheduler.cancel({ dedupeKey: slaKey(active.id) }, 'a manager answered')
      const due = deadlineOf(active)
      if (!settled && due !== undefined && now <= due) {
        deps.clients.recordEvent(clientId, FUNNEL.answeredInSla, {
          handoffId: active.id,
          seconds: (now - active.openedAt) / 1000,
        })
      }
      // Who answered leads the client — but an answer to a request closed while it was on its way
      // must not hand a newer one, opened since, to them (assign goes by the open request)
      const newer = active.closedAt !== null && findActiveHandoff(db, clientId) !== undefined
      if (!newer && onTeam(active.managerId) === undefined) lifecycle.assign(clientId, staffId)
      else route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
    },

    /**
     * The client cancelled a call of theirs: one that had settled their wait (`settled_by` call —
     * a question about a call answered by their booking it, nobody having answered since) no longer
     * does, and the wait comes back. The first wait is watched again as one nobody answered (its
     * alert and apology at its deadline, at once when that passed: `remindUnanswered`); a later one
     * starts again from now, as a message would. The topic reads one line of it. False when no
     * wait of theirs was settled so.
     */
    callCancelled(clientId: number): boolean {
      const active = findActiveHandoff(db, clientId)
      if (active?.status !== 'open' || active.settledBy !== 'call' || waitingSince(active) !== null) return false
      const now = clock.now()
      const first = active.firstResponseAt === null
      const back = db.transaction(() => {
        if (first) {
          if (!unsettleFirstWait(db, active.id)) return false
          remindUnanswered({ ...active, settledAt: null, settledBy: null }, `call-cancelled:${now}`)
        } else {
          startWait(active, now, ['call'])
        }
        route.notifyTopic(clientId, [{ key: 'handoff-topic-unsettled' }])
        return true
      })
      if (!back) return false
      log.info(
        { clientId, handoffId: active.id, first },
        'the call that settled the wait was cancelled: it waits again',
      )
      route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return true
    },

    /**
     * Staff answers the client no longer has (taken back with /unsend; `rowIds`, the transcript
     * rows of their parts) answer nothing: each request they answered has its first and last
     * answer read again from the answers that stay (`handoffAnswers`) — /stats' first-answer time
     * is the first answer not taken back. A request left with none waits for its first answer
     * again, since it opened, as if none had been given: its title, the card and /today say so,
     * and the team is reminded as of a request nobody answered — by the answer-time check while
     * it had not gone late (its alert and the client's apology when it is due, at once when that
     * is past), else, alerted already, by the reminder that the client still waits, one answer
     * time on. Returns the open requests left unanswered. An answer from before answers were
     * kept is in no list: taking it back changes nothing.
     */
    answerTakenBack(clientId: number, rowIds: readonly number[]): HandoffRow[] {
      const taken = takeBackHandoffAnswers(db, rowIds)
      const unanswered: HandoffRow[] = []
      for (const handoffId of new Set(taken.map((a) => a.handoffId))) {
        const request = findHandoff(db, handoffId)
        if (!request) continue
        const gone = taken.filter((a) => a.handoffId === handoffId)
        const left = listHandoffAnswers(db, handoffId)
        if (gone.some((a) => a.at === request.lastAnswerAt)) {
          resetLastAnswer(db, handoffId, left.at(-1)?.at ?? null)
        }
        if (!gone.some((a) => a.at === request.firstResponseAt)) continue
        // "Answered in time" was the answer taken back's: the next one is in time or not on its own
        deleteHandoffEvents(db, { clientId, handoffId, type: FUNNEL.answeredInSla })
        const next = left[0]
        if (next !== undefined) {
          const minutes = workingMinutesBetween(request.openedAt, next.at, businessCalendar(deps.content.get()))
          resetFirstResponse(db, handoffId, { at: next.at, staffId: next.staffId, minutes })
          const due = deadlineOf(request)
          if (due !== undefined && next.at <= due) {
            deps.clients.recordEvent(clientId, FUNNEL.answeredInSla, {
              handoffId,
              seconds: (next.at - request.openedAt) / 1000,
            })
          }
        } else if (request.settledAt !== null) {
          // Its first wait had ended with nothing owed before this answer: it does not wait again,
          // and a wait the client has since stays as it is
          resetFirstResponse(db, handoffId, null, { keepWait: true })
        } else {
          resetFirstResponse(db, handoffId, null)
          if (request.status !== 'closed') {
            remindUnanswered(request, `taken-back:${gone[0]?.id ?? 0}`)
            unanswered.push(request)
          }
        }
        log.info({ clientId, handoffId, answered: next !== undefined }, 'the first answer was taken back')
      }
      if (taken.length > 0) {
        route.refreshCard(clientId)
        deps.topicStatus.sync(clientId)
      }
      return unanswered
    },

    /**
     * Nobody answered the request within the SLA. Recorded once per request, so a retried
     * job does not repeat it (the topic shows 🔴 until an answer): someone else on duty
     * takes the request over (the one who let it slip is passed over), and the topic (with
     * "take this client" while nobody has it) and the owners are told — the topic also what
     * the client gets (`apology`: now, after quiet hours, or nothing, when the bot may not
     * write to them: blocked, or the owner's chat where the team answers). The alert always
     * either mentions whoever leads the request or offers it with the take button: one that
     * did neither read as nobody's, and nobody took the client. False when it was recorded
     * before or an answer came.
     */
    slaMissed(
      handoff: HandoffRow,
      {
        minutes,
        eta,
        apology,
        account,
      }: {
        minutes: number
        eta: number | undefined
        apology: SlaApology
        /** The owner's account the client's chat is with, named, for `owner-only`. */
        account?: string
      },
    ): boolean {
      const { clientId } = handoff
      const alerted = db.transaction(() => {
        const group = route.topicLane(clientId).chatId
        // A lead of the group's rota whose shift is over (the rota gave them the request before
        // closing, or it fell to them as the client's manager at night) is not there to answer
        // (`whoAnswers`): the miss is the team's, not theirs, and the request goes to whoever is on
        // duty, else back to the whole group with the take button — not left with someone gone home
        const who = whoAnswers(handoff)
        const { lead, offShift } = who
        // The miss is the lead's, recorded before the request is passed on
        if (!setSlaBreached(db, handoff.id, clock.now(), who.charged)) return false
        // Nobody answered in time: someone else on duty takes it over, from a lead on shift too
        const { next, told } = who.passOn(true)
        // The lead on duty with nobody else on duty to pass it to: named, or the alert read as
        // nobody's. (A team that does not use /duty is not told of duty: "no one else on duty" would puzzle it)
        const leadOnDuty = lead !== undefined && deps.duty.roster(group).some((m) => m.telegramId === lead)
        const stays: NoticeLine[] =
          lead === undefined
            ? []
            : offShift
              ? told
              : leadOnDuty
                ? [{ key: 'desk-sla-lead-stays', args: { manager: { mention: lead } } }]
                : [{ key: 'handoff-topic-sla-lead', args: { manager: { mention: lead } } }]
        const reassigned: NoticeLine[] =
          next !== undefined ? [{ key: 'desk-reassigned', args: { manager: { mention: next } } }] : stays
        const arrived = arrivedLate(handoff)
        route.notifyTopic(
          clientId,
          [
            {
              key: 'handoff-topic-sla',
              args: {
                minutes,
                opened: { time: handoff.openedAt },
                // Since when the team could see it, when that was later (the minutes are counted from then)
                reached: arrived === undefined ? 'none' : { time: arrived },
                eta: eta === undefined ? '—' : { time: eta },
                apology: typeof apology === 'string' ? apology : 'back' in apology ? 'back' : 'later',
                at:
                  typeof apology === 'object' && 'at' in apology
                    ? { time: apology.at, clientTz: apology.clientTz }
                    : '—',
                back: typeof apology === 'object' && 'back' in apology ? { time: apology.back } : '—',
                account: account ?? '—',
              },
            },
            ...reassigned,
          ],
          { claim: (lead === undefined || offShift) && next === undefined },
        )
        // The card's "answer by" becomes "not answered by" (a reassignment refreshes it too: one edit)
        route.refreshCard(clientId)
        route.notifyOwners(
          [
            // The client named when it goes (`ownerAlertText`); their /forget clears it from the owners' chats
            ...unreachableTold(
              {
                key: 'handoff-owner-sla',
                args: { id: String(clientId), minutes, team: teamMember(clientId) ? 'yes' : 'no' },
              },
              account === undefined ? undefined : { ownerOnly: account },
              true,
            ),
            ...passedTold(next),
          ],
          clientId,
        )
        planOwnersWaiting()
        return true
      })
      // The 🔴 mark after the alert: people first, the title when there is room
      if (alerted) deps.topicStatus.sync(clientId)
      return alerted
    },

    /**
     * Nobody answered by the time the client was promised after a miss (`slaMissed`'s ETA), or
     * a working day later still: the one leading the request is mentioned in the topic (nobody
     * leads it: whoever takes it; their shift is over: whoever is on duty, `whoAnswers`), and the
     * owners are told. The client is told nothing more: the promise is the team's to keep.
     * `promised` is what the client was told: a time to answer by, or (`back`) only when the team
     * is back, to answer first thing — the team reads which.
     * `since`: the promise was made for the client's message in an answered request, written then
     * (the reminder replies to it, as that wait's others do); otherwise for the request's first answer.
     */
    promiseMissed(
      handoff: HandoffRow,
      promised: { at: number; back: boolean } | undefined,
      unreachable?: Unreachable,
      { round = 1, since }: { round?: number; since?: number } = {},
    ): void {
      // Told nothing by the bot (the owner's chat): still waiting since the request opened. The
      // owners hear the first round; the days after, their one message of the day names it
      if (promised === undefined) {
        stillWaiting(handoff, since ?? handoff.openedAt, unreachable, round === 1)
        return
      }
      const { clientId } = handoff
      // Whoever is to answer: a lead whose shift is over passes it on (`whoAnswers`)
      const { lead, next, told } = whoAnswers(handoff).passOn()
      const args = {
        opened: { time: since ?? handoff.openedAt },
        promised: { time: promised.at },
        back: promised.back ? 'yes' : 'no',
      }
      const line: NoticeLine =
        lead === undefined
          ? { key: 'handoff-topic-promise-nobody', args }
          : { key: 'handoff-topic-promise', args: { ...args, lead: { mention: lead } } }
      // An invoice gone overdue meanwhile is named, as in every reminder that the client still waits
      const overdue = overdueUnpaid(clientId)
      route.notifyTopic(clientId, [...unreachableTold(line, unreachable), ...told, ...overdue], {
        claim: lead === undefined,
        ...(since === undefined ? {} : waitedFor(clientId, since)),
      })
      if (round === 1) {
        route.notifyOwners(
          [
            ...unreachableTold(
              { key: 'handoff-owner-promise', args: { id: String(clientId), ...args } },
              unreachable,
              true,
            ),
            ...passedTold(next),
            ...overdue,
          ],
          clientId,
        )
      }
      planOwnersWaiting()
    },

    /**
     * The owners' one message of a working day (OWNERS_WAITING_JOB): each client still waiting past
     * their answer time — since when, and their invoices gone overdue meanwhile — after one line
     * saying how many, queued together so they go as one message (as many as Telegram's length
     * allows, split between clients). Nothing on a day nobody waits, and no message planned after
     * it until a wait is alerted again. How many clients it named.
     */
    ownersWaiting(): number {
      const waits = listLateWaits(db).flatMap((request) => {
        const client = findClientById(db, request.clientId)
        const since = waitingSince(request)
        return client && client.deletedAt === null && since !== null ? [{ request, since }] : []
      })
      if (waits.length === 0) return 0
      db.transaction(() => {
        route.notifyOwners([{ key: 'owners-waiting-title', args: { count: waits.length } }])
        for (const { request, since } of waits) {
          route.notifyOwners(
            [
              { key: 'handoff-owner-waiting', args: { id: String(request.clientId), opened: { time: since } } },
              ...overdueUnpaid(request.clientId),
            ],
            request.clientId,
          )
        }
        planOwnersWaiting()
      })
      return waits.length
    },

    /**
     * The client wrote in their request after the team answered it (`acknowledgement`: thanks or
     * "ok" alone, which needs no answer): the first such message since the team's last answer
     * starts its answer time (`sla_minutes` of working time), checked by HANDOFF_REPLY_JOB. Later
     * messages before an answer wait with it. A request not yet answered has its SLA already;
     * one whose "solved?" question waits for the client is reopened by their message first.
     * `since`: when the message was written (a wait since it finds it in the topic: `waitedFor`);
     * now, for a wait no message started (a No pressed).
     */
    clientWaits(
      clientId: number,
      acknowledgement: boolean,
      since = clock.now(),
      settles: readonly SettlingAction[] = [],
    ): void {
      const request = lifecycle.waitStartsIn(clientId, acknowledgement)
      if (request) startWait(request, since, settles)
    },

    /**
     * The request a message of the client now starts a wait in (`clientWaits`), if any: one whose
     * first wait is over (answered, or settled with nothing owed) and that waits for nothing now.
     * Read from memory mostly.
     */
    waitStartsIn(clientId: number, acknowledgement: boolean): HandoffRow | undefined {
      if (acknowledgement) return undefined
      const active = findActiveHandoff(db, clientId)
      return active !== undefined && firstWaitOver(active) && active.clientWaitingSince === null ? active : undefined
    },

    /**
     * A message of the client's that asks something (no acknowledgement) joins the wait going on —
     * the first, or one since an earlier message — and only `settles` would answer it: what settles
     * the wait (`wait_settles`) narrows to what answers both. Read from memory (the request the
     * client's messages keep at hand); written only when it changes.
     */
    waitTakesIn(clientId: number, settles: readonly SettlingAction[]): void {
      const active = findActiveHandoff(db, clientId)
      if (active?.status !== 'open' || waitingSince(active) === null) return
      const narrowed = narrowedSettles(active.waitSettles, settles)
      if (narrowed !== active.waitSettles) setWaitSettles(db, active.id, narrowed)
    },

    /**
     * The client settled what they wait for themselves (docs/managers.md, "What makes a client
     * waiting"): in words (`words`: «разобрался», «уже не нужно» — whatever was asked), or by a doing
     * of theirs that answers everything asked in the wait (`wait_settles`: a call booked or moved for
     * a question about a call, their zone set for one about the time zone). The wait ends — its first
     * (no answer-time alert, not late in /stats) or the one since their message (its checks find it
     * gone) — the topic is 💬 again and reads one line of it (under the message that waited, for a
     * wait since one). The request stays open: the team may still write. False when the client
     * waited for nothing, or the doing does not answer all they asked.
     */
    settle(clientId: number, by: SettledBy): boolean {
      const active = findActiveHandoff(db, clientId)
      if (active?.status !== 'open') return false
      const since = waitingSince(active)
      if (since === null) return false
      if (by !== 'words' && !(settlingOf(active)?.includes(by) ?? false)) return false
      const first = !firstWaitOver(active)
      const ended = db.transaction(() => {
        const settled = first ? setSettled(db, active.id, clock.now(), by) : settleClientWait(db, active.id, since, by)
        if (!settled) return false
        // Under the message that waited, a tap away — the first wait's opening words are in the history
        const under = first ? {} : waitedFor(clientId, since)
        route.notifyTopic(clientId, [{ key: 'handoff-topic-settled', args: { by } }], under)
        return true
      })
      if (!ended) return false
      if (first) scheduler.cancel({ dedupeKey: slaKey(active.id) }, 'the client settled it themselves')
      log.info({ clientId, handoffId: active.id, by, first }, 'the client settled their wait themselves')
      route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return true
    },

    /**
     * A client writing again more than a day into a wait — their request unanswered since it
     * opened, or their message in an answered one — whose reminders have all gone (a working
     * week of them): the request, and since when they wait. Without `remindAgain` a client
     * back after weeks would meet silence on both sides: the wait was theirs already, so their
     * new message started nothing.
     */
    waitRemindedOut(clientId: number, acknowledgement: boolean): { request: HandoffRow; since: number } | undefined {
      if (acknowledgement) return undefined
      const active = findActiveHandoff(db, clientId)
      if (active?.status !== 'open') return undefined
      const since = waitingSince(active)
      // The reminders of a wait span days: a younger one has them still (no lookup for it)
      if (since === null || clock.now() - since < DAY_MS) return undefined
      if (hasPendingJob(db, clientId, [HANDOFF_SLA_JOB.kind, HANDOFF_REPLY_JOB.kind])) return undefined
      return { request: active, since }
    },

    /**
     * The team hears once more that the client still waits since `since` (topic and owners), an
     * answer time after the message they came back with, unless answered by then: the last
     * round of the wait's reminders, so no week of them again; at most one a day. False when
     * none was planned (one today already, or no working time ahead).
     */
    remindAgain({ request, since }: { request: HandoffRow; since: number }): boolean {
      const content = deps.content.get()
      const now = clock.now()
      const at = addWorkingMinutes(now, content.handoff.sla_minutes, businessCalendar(content))
      if (at === undefined) return false
      const planned = scheduler.enqueue(HANDOFF_REPLY_JOB, {
        runAt: at,
        payload: { handoffId: request.id, since, round: WAIT_REMINDERS },
        clientId: request.clientId,
        dedupeKey: `${replyKey(request.id, since)}:again:${Math.floor(now / DAY_MS)}`,
      })
      return planned !== undefined
    },

    /** The wait since `since` is not watched any more (the client blocked the bot): a later message starts a new one. */
    endWait(handoffId: number, since: number): void {
      if (!clearClientWaiting(db, handoffId, since)) return
      // The card never shows a wait that is over (a 🔴 "не ответили до" drawn at its answer time)
      const request = findHandoff(db, handoffId)
      if (request) route.refreshCard(request.clientId)
    },

    /**
     * The client's message written at `since` in an answered request is still unanswered at its
     * answer time (`round` 1: recorded once, the topic shows 🔴 until an answer) or a working day
     * later still. The one leading the request is mentioned in the topic (nobody leads it:
     * whoever takes it) and the owners are told. The lead is not changed, they know the
     * conversation — unless their shift is over (`whoAnswers`: whoever is on duty has it).
     * `told`: the client is apologised to as this is said, and told by when they will be
     * answered (null: with no time, none in the calendar) — the topic reads it.
     */
    replyLate(
      handoff: HandoffRow,
      since: number,
      round: number,
      unreachable?: Unreachable,
      told?: { at: number; back: boolean } | null,
    ): void {
      if (round > 1) {
        stillWaiting(handoff, since, unreachable)
        return
      }
      const { clientId } = handoff
      const args = { minutes: deps.content.get().handoff.sla_minutes, since: { time: since } }
      // Recorded with what staff are told: a failure in between leaves neither, and the retry alerts.
      // The wait's own mark goes with the team's answer; /stats counts the miss from its event,
      // the lead's then — the team's with nobody leading it, or a lead whose shift is over, whose
      // request goes to whoever is on duty (`whoAnswers`)
      const alerted = db.transaction(() => {
        if (!setReplyLate(db, handoff.id, since, clock.now())) return false
        const who = whoAnswers(handoff)
        deps.clients.recordEvent(clientId, REPLY_LATE_EVENT, { handoffId: handoff.id, since, lead: who.charged })
        const { lead, next, told: passed } = who.passOn()
        const line: NoticeLine =
          lead === undefined
            ? { key: 'handoff-topic-reply-late-nobody', args }
            : { key: 'handoff-topic-reply-late', args: { ...args, lead: { mention: lead } } }
        const apology: NoticeLine[] =
          told === undefined
            ? []
            : [
                {
                  key: 'handoff-topic-reply-late-told',
                  args:
                    told === null
                      ? { when: 'none', at: '' }
                      : { when: told.back ? 'back' : 'time', at: { time: told.at } },
                },
              ]
        route.notifyTopic(clientId, [...unreachableTold(line, unreachable), ...passed, ...apology], {
          claim: lead === undefined,
          ...waitedFor(clientId, since),
        })
        route.notifyOwners(
          [
            ...unreachableTold(
              { key: 'handoff-owner-reply-late', args: { ...args, id: String(clientId) } },
              unreachable,
              true,
            ),
            ...passedTold(next),
          ],
          clientId,
        )
        planOwnersWaiting()
        return true
      })
      if (!alerted) return
      // The card's ⏳ becomes 🔴 "не ответили до", as the topic's mark does
      route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
    },

    /** An internal note: stays in the topic, shown on the card. */
    addNote(clientId: number, staffId: number, text: string, topicMessageId: number | null) {
      const row = transcript.recordNote(clientId, staffId, text, topicMessageId)
      route.refreshCard(clientId)
      return row
    },

    /** Adds and removes tags; returns the client's tags afterwards. */
    tag(clientId: number, add: readonly string[], remove: readonly string[]): string[] {
      const before = listTags(db, clientId).join(' ')
      addTags(db, clientId, add, clock.now())
      removeTags(db, clientId, remove)
      const after = listTags(db, clientId)
      // The same card again is an edit Telegram refuses ("message is not modified"), and it
      // would still cost one of the group's 20 messages a minute
      if (after.join(' ') !== before) route.refreshCard(clientId)
      return after
    },

    tags: (clientId: number) => listTags(db, clientId),

    /**
     * Who leads the client now, if still on the team: their open request's lead — nobody when it
     * has none (nobody took it yet, or it went back to the whole group when its lead's shift was
     * over, `release`: anyone's to take, the client's manager kept) — else, with no request open,
     * their manager.
     */
    leadOf(clientId: number): number | undefined {
      const active = findActiveHandoff(db, clientId)
      return onTeam(active ? active.managerId : findClientById(db, clientId)?.managerId)
    },

    /**
     * The clients whose open request `managerId` leads now, those waiting for the team's answer
     * first, the longest waiting first: what removing them from the team leaves to nobody
     * (`leaderLeft`), what a /handover of theirs hands over.
     */
    requestsLedBy(managerId: number): number[] {
      return findRequestsLedBy(db, managerId).map((r) => r.clientId)
    },

    /**
     * What `managerId`'s /handover to `colleague` hands over: every open request she leads, in
     * `requestsLedBy`'s order (`handed`), but those `colleague` handed her within HANDED_BACK_MS
     * (`kept`): two /handovers crossed, and the clients would bounce back to the one going off
     * shift. Later, handing them back is meant, and they go.
     */
    handoverOf(managerId: number, colleague: number): { handed: number[]; kept: number[] } {
      const since = clock.now() - HANDED_BACK_MS
      const led = findRequestsLedBy(db, managerId)
      const back = (r: (typeof led)[number]) => r.handedBy === colleague && r.handedAt !== null && r.handedAt > since
      return {
        handed: led.filter((r) => !back(r)).map((r) => r.clientId),
        kept: led.filter(back).map((r) => r.clientId),
      }
    },

    /**
     * What the client waits for from the team in their open request (`HandoffWait`), and by when
     * it is to be answered — the one way that time is found: a colleague they are handed to is told
     * it, /duty off lists it, the card shows it, the answer-time check of a message waits for it.
     * Undefined when nothing: answered, or asked "solved?" (then they wait for the client).
     */
    waitOf(clientId: number): HandoffWait | undefined {
      const active = findActiveHandoff(db, clientId)
      if (active?.status !== 'open') return undefined
      const since = waitingSince(active)
      if (since === null) return undefined
      const first = !firstWaitOver(active)
      // The first answer's deadline, or an answer time of working time after the client's message since
      const due = first ? deadlineOf(active) : deadlineFrom(since)
      const late = first ? active.slaBreachedAt !== null : active.replyLateAt !== null
      if (due === undefined) return { state: 'undated', since }
      if (late || due <= clock.now()) return { state: 'late', since, due }
      return { state: 'waiting', since, due }
    },

    /**
     * `managerId` left the team: the requests and the clients they led are nobody's now (the SLA
     * alert, if it comes, has the take button and counts the miss against nobody; back on the team,
     * they do not lead them again by surprise; an export names no lead the topic does not). Each
     * topic of an open request says so, with the take button, and its card is drawn again without
     * them, so a colleague takes the client at once, not after the alert.
     */
    leaderLeft(managerId: number, name: string): void {
      const released = db.transaction(() => {
        releaseClientsLedBy(db, managerId)
        return releaseRequestsLedBy(db, managerId)
      })
      for (const clientId of released) {
        route.refreshCard(clientId)
        route.post(clientId, { lines: [{ key: 'handoff-lead-left', args: { manager: name } }], claim: true })
      }
    },

    /**
     * The manager who leads the client (and their open handoff); `by`, the colleague who handed
     * the client to them (an /assign of someone else, a /handover), kept on the request.
     */
    assign(clientId: number, managerId: number, by?: number): void {
      updateClient(db, clientId, { managerId })
      const active = findActiveHandoff(db, clientId)
      const handed = by === undefined || by === managerId ? undefined : { by, at: clock.now() }
      if (active) setHandoffManager(db, active.id, managerId, handed)
      route.refreshCard(clientId)
      route.claimTaken(clientId)
    },

    /** /close: the client is asked whether the question is solved; the handoff waits for the answer. */
    requestClose(clientId: number): CloseRequest {
      const active = findActiveHandoff(db, clientId)
      if (!active) return { status: 'none' }
      const client = findClientById(db, clientId)
      if (!client?.telegramId || client.deletedAt !== null) return { status: 'unreachable' }
      // The question answers whatever the client last wrote: their wait ends with it
      if (!moveHandoff(db, active.id, ['open'], 'closing', { clientWaitingSince: null, replyLateAt: null })) {
        return { status: 'already-asked' }
      }
      // Through the client's lane: the question arrives after the manager's last messages, never before
      route.toLane({ chatId: client.telegramId, clientId }, OUTBOX_KIND.clientPrompt, {
        prompt: 'close',
        handoffId: active.id,
      } satisfies ClientPromptPayload)
      route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return { status: 'asked', handoff: { ...active, status: 'closing', clientWaitingSince: null, replyLateAt: null } }
    },

    /**
     * The client's answer to "Is your question solved?". Yes closes the handoff (then
     * the rating), also after they wrote instead of answering; no keeps it open and alerts
     * the topic. After the request closed without their word while the question was on their
     * screen — by itself (no answer in time) or by staff (`/close force`) — a late no opens a
     * new request (or, with a newer one open already, is told to its topic: `earlierNotSolved`),
     * and a late yes is taken (then the rating, none while a newer request is open): after a
     * timeout it counts as the client's agreement, staff's closing stands as it was. Late by more than
     * CLOSE_ANSWER_STANDS_MS, the question is long past: a no opens a plain request ('returned',
     * the detail 'not_yet': they came back, nothing says the request was not solved) — with a newer
     * one open, its topic reads the answer and when the question was asked, the old request closed —, a yes
     * changes nothing ('past': no ratings of it). 'stale' when the button does
     * not belong to this client or the question is no longer asked; 'outdated' for a yes pressed
     * (`pressed`: the question's message in the client's chat) on a question the conversation
     * went past — the client wrote instead of answering, and someone on the team has written to
     * them since.
     */
    answerClose(
      handoffId: number,
      clientId: number,
      solved: boolean,
      pressed?: { chat: ClientChatRef; messageId: number },
    ): 'closed' | 'reopened' | 'past' | 'stale' | 'outdated' {
      const handoff = findHandoff(db, handoffId)
      if (!handoff || handoff.clientId !== clientId) return 'stale'
      const now = clock.now()
      if (handoff.status === 'closed' && (handoff.closedBy === 'timeout' || handoff.closedBy === 'staff')) {
        const past = handoff.closedAt !== null && now - handoff.closedAt > CLOSE_ANSWER_STANDS_MS
        if (past && solved) return 'past'
        if (past && !solved) {
          // With a newer request open, opening one found it open and its topic read nothing of the
          // No: it reads the answer with the question it answers, and the old request stays closed
          // Not the request this No opened a moment ago (a second tap before the buttons came off):
          // its topic has said so
          const newer = findActiveHandoff(db, clientId)
          const asked = handoff.closeAskedAt ?? handoff.closedAt
          const thisNo =
            newer?.reason === 'returned' && newer.detail === 'not_yet' && newer.openedAt >= (handoff.closedAt ?? 0)
          if (newer && !thisNo && asked !== null) {
            return earlierNotSolved(newer, {
              key: 'handoff-topic-late-not-yet',
              args: { asked: { time: asked, withDay: true } },
            })
          }
          return lifecycle.open(clientId, 'returned', 'not_yet') ? 'reopened' : 'stale'
        }
        if (!solved) {
          // They have come back with a new question since: that request goes on, and its topic
          // reads that the earlier question is not solved either (opening one found it open, and
          // the topic read nothing of the No). Not the request this No opened a moment ago (a
          // second tap): its topic has said so
          const newer = findActiveHandoff(db, clientId)
          if (newer && newer.reason !== 'not_solved') return earlierNotSolved(newer)
          return lifecycle.open(clientId, 'not_solved') ? 'reopened' : 'stale'
        }
        // Staff's closing keeps its reason and its place in the stats; the client agrees with it
        if (handoff.closedBy === 'staff') return 'closed'
        if (!moveHandoff(db, handoffId, ['closed'], 'closed', { closedBy: 'client' })) return 'stale'
        // They may have come back with a new question since: that one is open and waits
        const newer = findActiveHandoff(db, clientId)
        route.notifyTopic(clientId, [{ key: newer ? 'handoff-topic-closed-earlier' : 'handoff-topic-closed' }])
        return 'closed'
      }
      if (solved) {
        // Open: they wrote instead of answering (`notSolved`), and the question's buttons are still
        // there — a yes right after their own words closes it. Once the team has answered those
        // words (a manager's reply, the owner's from their own account), the question was about where things
        // stood before: a press up there closed a conversation under way, and the topic read "the
        // client confirmed" of it. Out of date as any old button, and nothing is said to the team;
        // not asked again by the bot either, in the middle of their conversation: the manager's
        // /close asks it again when it is time
        if (
          handoff.status === 'open' &&
          pressed !== undefined &&
          teamWroteAfterClientBelow(db, clientId, pressed.chat, pressed.messageId)
        ) {
          return 'outdated'
        }
        if (!moveHandoff(db, handoffId, ['closing', 'open'], 'closed', { closedAt: now, closedBy: 'client' })) {
          return 'stale'
        }
        scheduler.cancel({ dedupeKey: slaKey(handoffId) }, 'the request was closed')
        route.notifyTopic(clientId, [{ key: 'handoff-topic-closed' }])
        route.refreshCard(clientId)
        deps.topicStatus.sync(clientId)
        return 'closed'
      }
      return lifecycle.notSolved(handoffId, clientId, 'answered') ? 'reopened' : 'stale'
    },

    /**
     * Not solved: the client said so (their No), or wrote (or asked for a manager) instead of
     * answering "Is your question solved?" — the request is open again, its topic alerted and
     * marked so. False when the question no longer waits for them.
     */
    notSolved(handoffId: number, clientId: number, how: 'answered' | 'wrote' | 'asked'): boolean {
      if (!moveHandoff(db, handoffId, ['closing'], 'open')) return false
      // Their No waits for the team's answer as a message would (what they wrote instead is
      // watched as any message, by the relay: a "thanks" there needs no answer)
      if (how === 'answered') lifecycle.clientWaits(clientId, false)
      // Asked for a manager (a button or /manager): said so — "wrote" was untrue of a press
      const key =
        how === 'answered'
          ? 'handoff-topic-not-solved'
          : how === 'asked'
            ? 'handoff-topic-client-asked'
            : 'handoff-topic-client-wrote'
      route.notifyTopic(clientId, [{ key }])
      route.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return true
    },

    /**
     * A 1–5 rating of a closed handoff, once per kind; undefined when stale or already given.
     * `low` when a score given so far is under `followups.review_min_rating` (the line a
     * check-in's rating is judged by); `good`, with a low one, the kind the client rated at or
     * above it (a mixed rating). A low score is told as it comes — the topic is asked to
     * get in touch and the owners hear, as after a low check-in — once: a client who rates the
     * speed 1 and stops is heard too. The scores stand in the topic once both are in. Recorded
     * with what staff are told: a failure in between leaves neither, and the client's tap again
     * records it then.
     */
    rate(
      handoffId: number,
      clientId: number,
      kind: Extract<FeedbackKind, `handoff_${string}`>,
      score: number,
      /** Words typed with the score ("5 - great work"): kept with it, as a check-in's are. */
      comment?: string,
      /**
       * No rating question follows this one: the client's words with it went to the team instead
       * ("2, долго ждали" opens a request for it). A low one is alerted at once, with the scores
       * given — waiting for a quality never asked only delayed the alert.
       */
      { last = false }: { last?: boolean } = {},
    ): { low: boolean; saidBefore: boolean; good?: 'speed' | 'quality' } | undefined {
      const handoff = findHandoff(db, handoffId)
      if (!handoff || handoff.clientId !== clientId || handoff.status !== 'closed') return undefined
      if (!Number.isInteger(score) || score < 1 || score > 5) return undefined
      const managerId = servedBy(handoff)
      const min = deps.content.get().followups.review_min_rating
      return db.transaction(() => {
        // The same words typed with both ratings ("5, вы лучшие" twice): said once to the team
        const saidBefore = comment !== undefined && handoffRatingComments(db, handoffId).includes(comment)
        const row = { clientId, handoffId, kind, score, managerId, comment: comment ?? null }
        if (!insertHandoffFeedback(db, row, clock.now())) return undefined
        const { handoff_speed: speed, handoff_quality: quality } = handoffScores(db, handoffId)
        const lowSpeed = speed !== undefined && speed < min
        const lowQuality = quality !== undefined && quality < min
        if (speed !== undefined && quality !== undefined) {
          // Both given: one word to the team with both scores, the alert waiting for this one with
          // it; a low speed alerted alone already (the quality came later still) only completes them
          // The alert waiting for this one alerted alone only if it ran: one the scheduler has
          // claimed but not run yet cannot be cancelled, and will find the quality and stay quiet
          const key = ratedLowKey(handoffId)
          const waited = scheduler.cancel({ dedupeKey: key }, 'the client rated the quality too') > 0
          const alertedAlone = lowSpeed && !waited && jobStatusByKey(db, key) === 'done'
          if ((lowSpeed || lowQuality) && !alertedAlone) alertRatedLow(clientId, speed, quality)
          else route.notifyTopic(clientId, [{ key: 'handoff-topic-rated', args: { speed, quality } }])
          route.refreshCard(clientId)
        } else if (lowSpeed && !last) {
          // The quality question is on the client's screen: the alert waits for its answer, a few
          // minutes at most (an owner read "качество —" of a client who answered it a moment later)
          scheduler.enqueue(RATED_LOW_JOB, {
            runAt: clock.now() + RATED_LOW_WAIT_MS,
            payload: { handoffId },
            clientId,
            dedupeKey: ratedLowKey(handoffId),
          })
        } else if (lowSpeed || lowQuality) {
          alertRatedLow(clientId, speed, quality)
        }
        // A mixed rating (a good speed, a low quality, or the other way round): what was good is
        // thanked for before the apology for what was not
        const good =
          lowQuality && !lowSpeed && speed !== undefined
            ? 'speed'
            : lowSpeed && !lowQuality && quality !== undefined
              ? 'quality'
              : undefined
        return { low: lowSpeed || lowQuality, saidBefore, ...(good ? { good } : {}) }
      })
    },

    /**
     * Whether a request the client just closed with their "yes, solved" is to be rated: not when
     * they rated one within RATINGS_AGAIN_AFTER_MS — a client whose questions were closed four
     * times in a week was asked the same two ratings four times.
     */
    ratingsDue(clientId: number): boolean {
      const last = lastRequestRatedAt(db, clientId)
      return last === undefined || last < clock.now() - RATINGS_AGAIN_AFTER_MS
    },

    /**
     * False when no rating can be awaited (`awaitingRating`), known from the client's active request
     * alone, which is kept in memory: one answered and open, or closing, is their newest request and
     * not closed. A client writing to their manager is asked this at every message, and a typed
     * score's reading costs more than the answer (some 20 µs of a relay's text).
     */
    mayAwaitRating(clientId: number): boolean {
      const active = findActiveHandoff(db, clientId)
      return active === undefined || (active.status === 'open' && active.firstResponseAt === null)
    },

    /**
     * The rating the client's last request waits for — the speed, then the quality — once it is
     * closed: the only rating question that takes an answer, pressed or typed (the caller checks
     * it was asked, and within RATING_STANDS_MS: its question's message says when). Also when a
     * request was opened since that nobody on the team has answered yet (`reopened`): words typed
     * under the question opened it ("5, а счёт пришлите ещё раз"), and the question still waits
     * above them with its buttons — a "5" typed next was passed to the team as a message, and
     * answered by nobody. Not a request a newer one went past: a press up the chat on its
     * question alerted the team of a low rating about it under the newer one.
     */
    awaitingRating(clientId: number): { handoffId: number; kind: 'speed' | 'quality'; reopened: boolean } | undefined {
      if (!lifecycle.mayAwaitRating(clientId)) return undefined
      const [latest, before] = listHandoffs(db, clientId, 2)
      const reopened = latest?.status === 'open' && latest.firstResponseAt === null
      const last = reopened ? before : latest
      if (last?.status !== 'closed') return undefined
      const scores = handoffScores(db, last.id)
      if (scores.handoff_speed === undefined) return { handoffId: last.id, kind: 'speed', reopened }
      if (scores.handoff_quality === undefined) return { handoffId: last.id, kind: 'quality', reopened }
      return undefined
    },

    /**
     * A low speed rating whose quality never came (RATED_LOW_JOB): alerted with the speed alone.
     * False when the quality came meanwhile (that alerted both) or the request is gone.
     */
    ratedLowAlone(handoffId: number): boolean {
      const handoff = findHandoff(db, handoffId)
      if (!handoff) return false
      const { handoff_speed: speed, handoff_quality: quality } = handoffScores(db, handoffId)
      if (speed === undefined || quality !== undefined) return false
      alertRatedLow(handoff.clientId, speed, undefined)
      return true
    },

    handoff: (id: number) => findHandoff(db, id),
  }
  return lifecycle
}
