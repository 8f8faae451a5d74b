/**
 * The client card (docs/managers.md, "The client's topic and card") and the transcript, rendered as HTML for the
 * staff group. Every variable goes through `escapeHtml`; each card line is
 * complete HTML on its own, so a card that is too long loses whole lines.
 */
import type { ClientRow, HandoffRow, JobRow, MessageRow, OrderRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import {
  businessCalendar,
  clientNumber,
  clockTime,
  dayAndTime,
  formatSpan,
  shortDay,
  shortWhen,
  zoneLabel,
} from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { formatMoney } from '../../money.ts'
import { formatPhone } from '../../phone.ts'
import { BOOKING_JOBS, callTime, isUnmarkedCall } from '../../services/booking.ts'
import { BUSINESS_SOURCE, BUSINESS_WINDOW_JOB } from '../../services/business.ts'
import { type ConsentStatus, consentFacts, REFERRAL_SOURCE } from '../../services/clients.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import { isListedKind } from '../../services/followups/kinds.ts'
import {
  AUTO_CLOSE_JOB,
  type CardPayload,
  firstWaitOver,
  HANDOFF_REPLY_JOB,
  HANDOFF_SLA_JOB,
  RATED_LOW_JOB,
} from '../../services/handoff/index.ts'
import { NUDGE_JOB } from '../../services/nudges.ts'
import { byJob, orderWhat } from '../../services/orders.ts'
import { PAID_CHECK_JOB } from '../../services/paid-checks.ts'
import { answersForStaff, type ReadableAnswer } from '../../services/questions.ts'
import { localDate, workingMinutesBetween } from '../../services/time.ts'
import { clip } from '../../text.ts'
import { plannedThroughBusiness } from '../client-chat.ts'
import type { Translate } from '../context.ts'
import { followupLabel, orderDue } from '../followup-texts.ts'
import { escapeHtml } from '../html.ts'
import { stageName } from '../stage-name.ts'
import { mediaLabel, mentionHtml, reasonText, rowText, staffName } from './texts.ts'

const CONSENT_LINE = {
  granted: 'handoff-card-consent-granted',
  withdrawn: 'handoff-card-consent-withdrawn',
  declined: 'handoff-card-consent-declined',
  not_answered: 'handoff-card-consent-not-answered',
  not_asked: 'handoff-card-consent-not-asked',
} as const satisfies Record<ConsentStatus, LocaleKey>

/** Telegram allows 4096 characters; leave room for entities' overhead. */
const CARD_MAX = 3900
/** A transcript longer than this goes as an HTML document. */
export const TRANSCRIPT_INLINE_MAX = 3000
const ITEM_MAX = 160

function short(text: string, max = ITEM_MAX): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max)
}

/** An order's state on the card; "paid in Telegram" / "in Stars" tells staff no check is needed. */
function orderState(order: Pick<OrderRow, 'status' | 'paidVia'>): LocaleKey {
  if (order.status === 'paid' && (order.paidVia === 'provider' || order.paidVia === 'stars')) {
    return `handoff-card-order-paid-${order.paidVia}`
  }
  return `handoff-card-order-${order.status}`
}

/** The client's name as the card shows it: full name, and the form of address when it differs. */
export function fullName(client: Pick<ClientRow, 'id' | 'firstName' | 'lastName' | 'displayName'>): string {
  return [client.firstName, client.lastName].filter(Boolean).join(' ') || client.displayName || clientNumber(client.id)
}

/**
 * The team's own timers: the request's (the SLA, a client's message's answer time, the auto-close),
 * which the card shows with the request (the 🔴 of a late answer is the topic's mark), the
 * reminder of an "I paid" nobody answered and the question of a call nobody marked, which are
 * posts in the topic itself, the end of the time to correct a call's outcome (its ✏️ under the
 * reminder goes), a low rating's alert waiting for the quality score, and the end of
 * the day the bot may write in the client's chat with the owner's account, which edits this card.
 * The card lists what is scheduled for the client, and none of these sends them anything.
 */
const UNLISTED_JOBS: readonly string[] = [
  HANDOFF_SLA_JOB.kind,
  HANDOFF_REPLY_JOB.kind,
  AUTO_CLOSE_JOB.kind,
  PAID_CHECK_JOB.kind,
  BOOKING_JOBS.outcomeNudge.kind,
  BOOKING_JOBS.outcomeFix.kind,
  RATED_LOW_JOB.kind,
  BUSINESS_WINDOW_JOB.kind,
]

/** A job the card lists as scheduled. */
export function listedOnCard(job: Pick<JobRow, 'kind'>): boolean {
  return !UNLISTED_JOBS.includes(job.kind)
}

/**
 * The card as HTML, or undefined when the client does not exist. `onDuty`: a new topic's first
 * post of it, for a request the duty rota gave someone (`CardPayload.onDuty`), mentions them while
 * they still lead it — the post notifies them, so no notice of its own is needed.
 */
export function renderCard(
  deps: Deps,
  clientId: number,
  { onDuty }: Pick<CardPayload, 'onDuty'> = {},
): string | undefined {
  const now = deps.clock.now()
  const data = deps.services.handoff.cardData(clientId, UNLISTED_JOBS)
  if (!data) return undefined
  const locale = deps.config.DEFAULT_LOCALE
  const t: Translate = (key, args) => deps.i18n.t(locale, key, args)
  const content = deps.content.get()
  const tz = content.business.timezone
  // Always with the day: the card stays pinned, and "10:15" read tomorrow is another day
  const when = (ms: number) => escapeHtml(dayAndTime(ms, tz, locale, now))
  // How long it took, and — when the wait crossed closed hours — how much of it was working
  // time, which the answer time (SLA) counts: "after 12 h 12 min" alone for a request made at
  // night and answered at 10:20 read as a team twelve hours late
  const answered = (request: Pick<HandoffRow, 'openedAt' | 'firstResponseMinutes'>, at: number) => {
    const opened = request.openedAt
    const minutes = Math.max(0, Math.round((at - opened) / 60_000))
    // As counted when the answer came (the hours may have changed since), as the stats count it
    const working = Math.round(
      request.firstResponseMinutes ?? workingMinutesBetween(opened, at, businessCalendar(content)),
    )
    return t('handoff-card-answered', {
      at: when(at),
      minutes,
      after: formatSpan(minutes, locale),
      working: minutes > 0 && working < minutes ? formatSpan(working, locale) : 'none',
    })
  }
  const { client } = data
  const lines: string[] = []

  // Who
  const name = fullName(client)
  const address = client.displayName && client.displayName !== client.firstName ? client.displayName : undefined
  lines.push(
    [
      `👤 <b>${escapeHtml(name)}</b>`,
      address ? t('handoff-card-address', { name: escapeHtml(address) }) : '',
      client.username ? `@${escapeHtml(client.username)}` : '',
      client.telegramId ? `<a href="tg://user?id=${client.telegramId}">${t('handoff-card-profile')}</a>` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  )
  // Someone on the team who asked for a manager in their own chat, trying the bot as a client
  // would: said at once, so nobody takes it for a real client's request
  const teamRole = client.telegramId ? deps.services.staff.roleOf(client.telegramId) : undefined
  if (teamRole) lines.push(t('handoff-card-team', { role: teamRole }))
  lines.push(
    t('handoff-card-meta', {
      id: String(client.id),
      language: escapeHtml(client.language ?? '—'),
      stage: stageName(t, client.stage),
      since: when(client.createdAt),
    }),
  )
  const contacts = [
    client.phone && `📞 ${escapeHtml(formatPhone(client.phone))}`,
    client.email && `✉️ ${escapeHtml(client.email)}`,
  ]
  if (contacts.some(Boolean)) lines.push(contacts.filter(Boolean).join(' · '))
  // Their own zone (/timezone), before anyone calls: the card stays pinned, so no "now" on it
  const own = timezoneOf(client, tz)
  if (own !== tz) lines.push(t('handoff-card-client-zone', { zone: escapeHtml(zoneLabel(own, locale, now)) }))
  const source = [
    client.source === BUSINESS_SOURCE
      ? t('handoff-card-source-business')
      : client.source === REFERRAL_SOURCE
        ? t('handoff-card-source-referral')
        : client.source
          ? t('handoff-card-source', { source: escapeHtml(client.source) })
          : '',
    data.referrer
      ? t('handoff-card-referrer', {
          // An erased referrer has no name left: their number alone
          who: escapeHtml(
            [data.referrer.displayName ?? data.referrer.firstName, clientNumber(data.referrer.id)]
              .filter(Boolean)
              .join(' '),
          ),
        })
      : '',
  ].filter(Boolean)
  if (source.length) lines.push(source.join(' · '))
  const facts = consentFacts(client)
  const consent = t(CONSENT_LINE[facts.status], {
    granted: facts.grantedAt === null ? '' : when(facts.grantedAt),
    declined: facts.declinedAt === null ? '' : when(facts.declinedAt),
    withdrawn: facts.withdrawnAt === null ? '' : when(facts.withdrawnAt),
  })
  lines.push(
    [consent, client.blockedAt ? t('handoff-card-blocked', { at: when(client.blockedAt) }) : '']
      .filter(Boolean)
      .join(' · '),
  )
  // Asked for no more questions after an order: none is planned for them (followups.declineQuestions)
  const declined = deps.services.followups.questionsDeclinedAt(clientId)
  if (declined !== undefined)
    lines.push(t('handoff-card-questions-declined', { date: escapeHtml(shortDay(declined, tz, locale)) }))
  if (data.tags.length)
    lines.push(t('handoff-card-tags', { tags: data.tags.map((tag) => `#${escapeHtml(tag)}`).join(' ') }))

  // The request
  const active = deps.services.handoff.current(clientId)
  lines.push('')
  if (active) {
    const due = deps.services.handoff.deadline(active)
    // Someone removed from the team leads nobody (their clients' requests go to everyone)
    const lead = deps.services.handoff.leadOf(clientId)
    const manager = staffName(deps, lead)
    lines.push(
      t(active.status === 'closing' ? 'handoff-card-request-closing' : 'handoff-card-request-open', {
        opened: when(active.openedAt),
        reason: escapeHtml(reasonText(deps, active.reason, active.detail ?? undefined)),
      }),
    )
    lines.push(
      active.firstResponseAt
        ? answered(active, active.firstResponseAt)
        : active.settledAt !== null
          ? // Nobody answered, and nothing is owed: the client settled it, or it opened with news alone
            t('handoff-card-settled', {
              how: active.reason === 'news' ? 'news' : 'settled',
              at: when(active.settledAt),
            })
          : due === undefined
            ? t('handoff-card-waiting-no-due')
            : t(active.slaBreachedAt === null ? 'handoff-card-waiting' : 'handoff-card-late', { due: when(due) }),
    )
    // Answered (or settled), and waiting again on the client's message since: since when, and by
    // when it is due (the card read "first answer after 5 min" alone while they had waited an hour on a follow-up)
    const again = firstWaitOver(active) ? deps.services.handoff.waitOf(clientId) : undefined
    if (again !== undefined) {
      // Late as the topic's title says it: once the answer-time check alerted
      lines.push(
        t(active.replyLateAt === null ? 'handoff-card-waiting-again' : 'handoff-card-late-again', {
          since: when(again.since),
          due: again.due === undefined ? '—' : when(again.due),
        }),
      )
    }
    lines.push(
      lead !== undefined && onDuty?.manager === lead
        ? t('handoff-card-manager-on-duty', { manager: mentionHtml(deps, lead), own: onDuty.own ? 'yes' : 'no' })
        : manager
          ? t('handoff-card-manager', { manager: escapeHtml(manager) })
          : t('handoff-card-no-manager'),
    )
    // Whoever they first came as: where the answers go now, so a manager knows in whose name they write
    // …and when the account's chat is closed to the bot now (a day after their last message there,
    // the bot disconnected), why: the line went away, and a manager took them for a bot-chat client
    const route = deps.services.business.route(client)
    if (route.via === 'business') lines.push(t('handoff-card-via-business'))
    if (route.via === 'blocked') {
      lines.push(t('handoff-card-via-business-closed', { why: escapeHtml(t(`business-refusal-${route.reason}`)) }))
    }
  } else {
    lines.push(t('handoff-card-no-request'))
  }

  // The client's answers: discovery's under their heading, the quiz's under its pick
  const answers = answersForStaff(content, data.discovery, data.quiz, locale)
  const answerLine = ({ question, answer }: ReadableAnswer) =>
    `• ${escapeHtml(short(question, 60))}: ${
      answer === undefined ? escapeHtml(t('discovery-summary-skipped')) : `<b>${escapeHtml(short(answer))}</b>`
    }`
  if (answers.discovery.length) lines.push('', t('handoff-card-discovery'), ...answers.discovery.map(answerLine))

  // Quiz
  if (data.quiz) {
    // A product the bot never had (a ranking older than every saved title) reads as its id
    const productTitle = (id: string) => deps.content.productTitle(id, locale) ?? id
    const ranking = (Array.isArray(data.quiz.ranking) ? data.quiz.ranking : []) as {
      productId?: string
      score?: number
      matched?: boolean
    }[]
    // What was picked: the matches only (those below the threshold were never offered); with
    // none, the closest ones, as the outcome says
    const matched = ranking.filter((r) => r.matched === true)
    const top = (matched.length > 0 ? matched : ranking)
      .slice(0, 3)
      .map(
        (r) =>
          `${escapeHtml(productTitle(String(r.productId)))} (${t('handoff-card-quiz-points', { score: r.score ?? 0 })})`,
      )
      .join(', ')
    lines.push(
      '',
      t('handoff-card-quiz', {
        outcome: t(`handoff-card-quiz-${data.quiz.outcome}`),
        top: top || '—',
        at: when(data.quiz.createdAt),
      }),
    )
    if (data.rejectedProducts.length) {
      lines.push(
        t('handoff-card-rejected', {
          products: data.rejectedProducts.map((id) => escapeHtml(productTitle(id))).join(', '),
        }),
      )
    }
    lines.push(...answers.quiz.map(answerLine))
  }
  // A take the client left before its end (they asked for a manager at a question): its answers so
  // far, read as a result's are, so the manager does not ask them again
  if (data.quizUnderway.length > 0) {
    const given = Object.fromEntries(data.quizUnderway.map((a) => [a.questionKey, a.value]))
    const underway = answersForStaff(content, data.discovery, { answers: given }, locale)
    lines.push(
      '',
      t('handoff-card-quiz-unfinished', {
        answered: data.quizUnderway.length,
        total: content.quiz.questions.length,
      }),
      ...underway.quiz.map(answerLine),
    )
  }

  // Bookings, orders
  if (data.bookings.length) {
    lines.push('', t('handoff-card-bookings'))
    for (const b of data.bookings) {
      // A call whose time passed with nobody marking it did not stay "booked": it needs an outcome
      const state = isUnmarkedCall(b, now) ? 'unmarked' : b.status
      // A "call me now" has no time of its own but its deadline: once marked, when it was marked
      // (the call was made then, not at the 10:15 it was promised by)
      const at = b.kind === 'now' && (b.status === 'called' || b.status === 'no_answer') ? b.updatedAt : callTime(b)
      // What the client wrote for whoever calls, as the booking notice has it: the notice scrolls
      // away, the card stays pinned
      const comment = b.comment
        ? ` · ${t('handoff-card-booking-comment', { comment: escapeHtml(short(b.comment)) })}`
        : ''
      lines.push(
        `• ${when(at)} — ${t(`handoff-card-booking-${state}`)}${b.phone ? ` · ${escapeHtml(formatPhone(b.phone))}` : ''}${comment}`,
      )
    }
  }
  if (data.orders.length) {
    lines.push('', t('handoff-card-orders'))
    // A balance under the prepayment it completes: one order, billed in parts
    for (const { order: o, part } of byJob(data.orders)) {
      // A due date is a day (its last millisecond is stored), shown as the client sees it
      const dueDay = o.status === 'unpaid' ? orderDue(o, content, locale, now) : undefined
      const due = dueDay ? ` · ${t('handoff-card-order-due', { due: escapeHtml(dueDay) })}` : ''
      // The work handed over (/done): what the check-in and the review request follow from
      const done = o.doneAt === null ? '' : ` · ${t('handoff-card-order-done', { date: when(o.doneAt) })}`
      const what = orderWhat(o, deps.content, locale)
      lines.push(
        `${part ? '  ↳' : '•'} #${o.id} ${escapeHtml(formatMoney(o.amount, o.currency, locale))} — ${t(orderState(o))}${due}${done}${
          what ? ` · ${escapeHtml(short(what, 60))}` : ''
        }`,
      )
    }
  }

  // Previous requests and ratings
  // The closed ones: a client has at most one request open or closing, shown above
  const previous = data.earlierRequests
  if (previous || data.feedback.length) {
    // Ratings of the request still open: no "0 past requests" above them
    lines.push('')
    if (previous) lines.push(t('handoff-card-history', { count: previous }))
    // Each kind of rating once, its scores newest first ("скорость 2, 5 · качество 2, 5 · как
    // прошло 4"): one list of every score in a row read as a pile of numbers to untangle
    const byKind = new Map<(typeof data.feedback)[number]['kind'], number[]>()
    for (const f of data.feedback) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.score])
    const ratings = [...byKind].map(([kind, scores]) => `${t(`handoff-card-feedback-${kind}`)} ${scores.join(', ')}`)
    // A single score has no order to tell ("как прошло 5 (сначала новые)" read as a list of one)
    const count = data.feedback.length
    if (ratings.length) lines.push(t('handoff-card-ratings', { list: ratings.join(' · '), count }))
  }

  // Scheduled follow-ups (the SLA is shown with the request above)
  const { followups, followupsMore } = data
  if (followups.length) {
    lines.push('', t('handoff-card-followups'))
    const window = plannedThroughBusiness(deps, t, client)
    if (window) lines.push(escapeHtml(window))
    // What keeps each from going as things stand, by the rules its run applies (as /followups says
    // it): said once under a run of lines it holds alike (four payment reminders each ended in the
    // same long "⏸ waits: the client waits for an answer…"), each line of the run keeping its mark
    // (⏸, ⛔), so which lines the reason under them is for reads from the lines themselves
    const holds = followups.map((job) => (isListedKind(job.kind) ? deps.services.followups.holdOf(job) : undefined))
    const sameAs = (i: number, j: number) => holds[i] !== undefined && holds[i]?.code === holds[j]?.code
    for (const [i, job] of followups.entries()) {
      const hold = holds[i]
      const grouped = sameAs(i, i - 1) || sameAs(i, i + 1)
      const reason = hold ? escapeHtml(t(`followups-hold-${hold.code}`)) : ''
      const held = hold ? ` ${grouped ? reason.split(' ')[0] : reason}` : ''
      // A flow's reminder moves later with each step the client takes: its time is as of now. A
      // follow-up's, when it goes (none while it waits on the client's request: the hold says so)
      const goes = deps.services.followups.goesAt(job, hold)
      const at =
        goes === undefined
          ? ''
          : ` — ${job.kind === NUDGE_JOB.kind ? t('handoff-card-nudge-when', { when: when(goes) }) : when(goes)}`
      lines.push(`• ${escapeHtml(followupLabel(t, job))}${at}${held}`)
      if (hold && grouped && !sameAs(i, i + 1)) lines.push(`↳ ${reason}`)
    }
    if (followupsMore > 0) lines.push(escapeHtml(t('handoff-card-followups-more', { more: followupsMore })))
  }

  // Notes
  if (data.notes.length) {
    lines.push('', t('handoff-card-notes'))
    for (const note of data.notes) {
      const author = staffName(deps, note.senderId) ?? ''
      // A part of an album captioned "// …" is a photo or file, most of them without a text
      const kind = note.type === 'text' ? '' : `[${mediaLabel(t, note.type)}] `
      lines.push(`• ${when(note.createdAt)} ${escapeHtml(author)}: ${escapeHtml(kind + short(note.text ?? ''))}`)
    }
  }

  lines.push('', `<i>${t('handoff-card-updated', { at: when(now) })}</i>`)
  // Too long: drop whole lines from the end of the details, keep the footer
  const footer = lines.pop() as string
  let text = lines.join('\n')
  while (text.length + footer.length + 3 > CARD_MAX && lines.length > 1) {
    lines.pop()
    text = `${lines.join('\n')}\n…`
  }
  return `${text}\n${footer}`
}

function speaker(deps: Deps, row: MessageRow, locale: string): string {
  if (row.direction === 'in') return deps.i18n.t(locale, 'handoff-transcript-client')
  if (row.direction === 'bot') return deps.i18n.t(locale, 'handoff-transcript-bot')
  return staffName(deps, row.senderId) ?? deps.i18n.t(locale, 'handoff-transcript-manager')
}

/** The transcript for the topic: a short HTML message, or a document when long. */
export function renderTranscript(
  deps: Deps,
  clientId: number,
  rows: MessageRow[],
): { kind: 'message'; html: string } | { kind: 'document'; html: string; caption: string; filename: string } {
  const locale = deps.config.DEFAULT_LOCALE
  const tz = deps.content.get().business.timezone
  // Today's conversation needs only the clock; a longer or an older one (an earlier day's lines
  // posted with a request days later) gives each line its day, so none reads as today's
  const today = localDate(deps.clock.now(), tz)
  const sameDay =
    rows.length > 0 &&
    localDate(rows[0]?.createdAt ?? 0, tz) === today &&
    localDate(rows.at(-1)?.createdAt ?? 0, tz) === today
  const stamp = (ms: number) => (sameDay ? clockTime(ms, tz, locale) : shortWhen(ms, tz, locale))
  // Messages as the client's chat has them; a button pressed is a line of the conversation
  // but no message, and counted as one it made "32 messages" of a chat that held 22
  const presses = rows.filter((r) => r.type === 'button').length
  const size = deps.i18n.t(locale, 'handoff-transcript-size', { messages: rows.length - presses, presses })
  const title = deps.i18n.t(locale, 'handoff-transcript-title', { size })
  // A message deleted in the client's chat (an answer taken back with /unsend) stays, marked so
  const said = (r: MessageRow) => {
    const text = rowText(deps, r, locale)
    return r.deletedAt === null ? text : `${text} ${deps.i18n.t(locale, 'handoff-transcript-deleted')}`
  }
  const inline = rows
    .map((r) => `<b>${stamp(r.createdAt)} ${escapeHtml(speaker(deps, r, locale))}:</b> ${escapeHtml(said(r))}`)
    .join('\n')
  if (inline.length <= TRANSCRIPT_INLINE_MAX) {
    return { kind: 'message', html: `<b>${escapeHtml(title)}</b>\n<blockquote expandable>${inline}</blockquote>` }
  }
  // By number: a file is saved and kept outside Telegram, where /forget cannot rename it
  const name = clientNumber(clientId)
  const body = rows
    .map(
      (r) =>
        `<div class="m ${r.direction}"><span class="t">${stamp(r.createdAt)}</span> <b>${escapeHtml(
          speaker(deps, r, locale),
        )}</b><p>${escapeHtml(said(r)).replace(/\n/g, '<br>')}</p></div>`,
    )
    .join('\n')
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(`${title} — ${name}`)}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em}
.m{margin:.6em 0}.m p{margin:.2em 0 0;white-space:pre-wrap}.t{color:#888}.in b{color:#1565c0}.bot b{color:#6a1b9a}.out b{color:#2e7d32}</style>
</head><body><h1>${escapeHtml(name)}</h1><h2>${escapeHtml(title)}</h2>
${body}
</body></html>
`
  return {
    kind: 'document',
    html,
    caption: deps.i18n.t(locale, 'handoff-transcript-document', { size }),
    filename: `transcript-${clientId}.html`,
  }
}
