import { InlineKeyboard } from 'grammy'
import type { BotApis } from '../bot/api.ts'
import { reachableChat, unreachableReason } from '../bot/client-chat.ts'
import { flowCallback } from '../bot/keyboards/booking.ts'
import { clientMarkup, menuCallback } from '../bot/keyboards/main-menu.ts'
import type { Content } from '../content/schema.ts'
import type { Deps } from '../deps.ts'
import { businessCalendar, clientLocale } from '../format.ts'
import { timezoneOf } from '../services/followups/index.ts'
import type { JobHandler, JobPayload } from '../services/jobs.ts'
import type { NUDGE_JOB, NudgeFlow } from '../services/nudges.ts'
import { afterQuietHours, nextWorkingTime } from '../services/time.ts'

/**
 * The earliest instant at or after `ms` that is inside working hours (a manager is there if the
 * client asks for one) and outside the quiet hours of `quietTz` — the client's zone once they
 * gave it, as for every automatic message; undefined when there is none in sight (a client
 * whose night covers the business's whole day gets no nudge).
 */
export function nextNudgeTime(ms: number, content: Content, quietTz: string): number | undefined {
  const calendar = businessCalendar(content)
  let at: number | undefined = ms
  for (let i = 0; i < 10 && at !== undefined; i++) {
    at = nextWorkingTime(at, calendar)
    if (at === undefined) return undefined
    const quietEnd = afterQuietHours(at, quietTz, content.followups.quiet_hours)
    if (quietEnd === at) return at
    at = quietEnd
  }
  return undefined
}

/**
 * The nudge's text: "answers saved" only when the run has an answer; a client who
 * opened discovery or the quiz and left gets an honest invitation (a booking's text claims no
 * progress).
 */
function nudgeText(deps: Deps, flow: NudgeFlow, clientId: number) {
  switch (flow) {
    case 'discovery':
      return deps.services.discovery.hasAnswers(clientId) ? 'nudge-discovery' : 'nudge-discovery-fresh'
    case 'quiz':
      return deps.services.quiz.hasAnswers(clientId) ? 'nudge-quiz' : 'nudge-quiz-fresh'
    case 'booking':
      return 'nudge-booking'
  }
}

/**
 * Sends the one gentle reminder of an unfinished flow. Re-checks everything at
 * send time: the client still exists, has not blocked the bot or said /stop
 * (`followups.recipient`, the rule /followups marks it by), is not talking to a
 * manager, and has not finished the flow meanwhile; waits for working hours
 * (outside quiet hours). The text is per flow (`nudge-<flow>`, `nudge-<flow>-fresh` for a discovery
 * or quiz with nothing answered yet: no progress claimed); the button opens the flow
 * (`menu:<flow>`), where discovery and the quiz go on from their stored answers; a booking,
 * whose steps are not stored, gets a button its running conversation answers with its step.
 */
export function createNudgeHandler(
  deps: Deps,
  apis: Pick<BotApis, 'jobsOne'>,
): JobHandler<JobPayload<typeof NUDGE_JOB>> {
  return async ({ flow }, job, run) => {
    // Who may be written to, and not while a manager talks with them: the follow-ups' rules,
    // which /followups shows beside the nudge too
    const to = deps.services.followups.recipient(job)
    if ('hold' in to) return { status: 'skipped', reason: to.hold.reason }
    const { client } = to
    const held = deps.services.followups.holdOf(job, to)
    // The client is in another flow since (its reminder is still to come): this one waits a
    // reminder's delay and looks again — dropped once that one went, sent if that flow was
    // finished meanwhile (its reminder cancelled) and this one is still left
    if (held?.code === 'later-nudge') {
      const at = deps.clock.now() + deps.content.get().followups.nudge_after_minutes * 60_000
      return { status: 'retry', at, reason: held.reason }
    }
    if (held) return { status: 'skipped', reason: held.reason }
    const finished =
      (flow === 'discovery' && deps.services.discovery.isComplete(client.id)) ||
      (flow === 'quiz' && deps.services.quiz.finishedSince(client.id, job.createdAt))
    if (finished) return { status: 'skipped', reason: 'the client finished meanwhile' }

    const now = deps.clock.now()
    const content = deps.content.get()
    const at = nextNudgeTime(now, content, timezoneOf(client, content.business.timezone))
    if (at === undefined) return { status: 'skipped', reason: 'no working hours outside the quiet hours ahead' }
    if (at > now) return { status: 'retry', at, reason: 'waiting for working hours outside the quiet hours' }

    const locale = clientLocale(client, deps)
    const name = client.displayName ?? client.firstName ?? deps.i18n.t(locale, 'nudge-friend')
    const text = deps.i18n.t(locale, nudgeText(deps, flow, client.id), { name })
    // A gentle reminder is not worth the staff's attention when the owner's chat is closed to the bot
    const chat = reachableChat(deps, client, client.telegramId, { type: 'text', text }, { quiet: true })
    if (!chat.ok) return { status: 'skipped', reason: unreachableReason(chat.reason) }
    const keyboard = new InlineKeyboard().text(
      deps.i18n.t(locale, 'nudge-continue-button'),
      // A booking's steps live only in its conversation: its own button shows the step it stopped at
      flow === 'booking' ? flowCallback.pack('resume') : menuCallback.pack(flow),
    )
    // (No "talk to a manager" to a client whose request is open: they are with one)
    if (!deps.services.handoff.isOpen(client.id)) {
      keyboard.row().text(deps.i18n.t(locale, 'menu-manager'), menuCallback.pack('manager'))
    }
    // In the owner's own chat, "Продолжить" alone (`clientMarkup`)
    await apis.jobsOne(run.leaving).sendMessage(client.telegramId, text, {
      ...chat.extra,
      ...clientMarkup({ businessConnectionId: chat.extra.business_connection_id }, keyboard, { offers: flow }),
    })
    return { status: 'done' }
  }
}
