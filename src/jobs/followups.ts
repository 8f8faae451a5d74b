/**
 * Job handlers for the follow-ups. The policy (relevant? allowed? quiet hours? daily cap?)
 * is `services.followups.check`; a handler renders the message in the client's language,
 * marks the send (a crash from here on leaves the job `uncertain`, never sent twice),
 * sends through the bot's Api and mirrors one line to the topic while the client is with
 * a manager.
 */
import type { InlineKeyboard } from 'grammy'
import type { JobRow, OrderRow } from '../../db/schema.ts'
import type { BotApis } from '../bot/api.ts'
import { chatKind, reachableChat, reportUnreachable, unreachableReason } from '../bot/client-chat.ts'
import type { Translate } from '../bot/context.ts'
import {
  checkinQuestion,
  clientVoice,
  followupLabel,
  orderAmount,
  orderDue,
  orderSuffix,
  paymentText,
  paymentTitle,
  paymentTogetherText,
} from '../bot/followup-texts.ts'
import {
  checkinKeyboard,
  menuKeyboard,
  npsKeyboard,
  paymentKeyboard,
  paymentTogetherKeyboard,
  reviewKeyboard,
} from '../bot/keyboards/followups.ts'
import { clientMarkup } from '../bot/keyboards/main-menu.ts'
import { classifyTelegramError } from '../bot/telegram-errors.ts'
import { fallBackToDetails, sendTelegramInvoice } from '../bot/telegram-invoice.ts'
import { pickText } from '../content/text.ts'
import type { Deps } from '../deps.ts'
import { FOLLOWUP_JOBS, FOLLOWUP_SWEEP, type SendDetails } from '../services/followups/index.ts'
import type { JobResult, JobRunContext } from '../services/jobs.ts'

export function registerFollowupJobs(deps: Deps, apis: Pick<BotApis, 'jobsOne'>): void {
  const { scheduler, services, i18n, config, content, clock } = deps
  const log = deps.logger.child({ module: 'followups' })
  const staffT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)

  /** `chat`: the chat it goes to, which words the re-engagement message (no menu in the owner's own chat). */
  function render(
    job: JobRow,
    details: SendDetails,
    t: Translate,
    name: string,
    locale: string,
    chat: 'bot' | 'business',
  ) {
    const c = content.get()
    // No "talk to a manager" to a client whose request is open: they are with one
    const manager = job.clientId === null || !services.handoff.isOpen(job.clientId)
    switch (details.kind) {
      case 'payment_reminder':
        return {
          text: paymentText(t, {
            name,
            order: details.order,
            stage: details.stage,
            days: details.days,
            content,
            locale,
            now: clock.now(),
            promised: details.promised,
          }),
          keyboard: paymentKeyboard(t, details.order.id, manager),
        }
      case 'checkin':
        return {
          text: checkinQuestion(t, { name, order: details.order, content, locale }),
          keyboard: checkinKeyboard(t, job.id, manager),
        }
      case 'review_request':
        return {
          text: t('review-request', { name }),
          keyboard: reviewKeyboard(t, details.links, job.id, locale, manager),
        }
      case 'nps':
        return { text: t('nps-question', { name }), keyboard: npsKeyboard(t, job.id, manager) }
      case 'reengage':
        return { text: t('reengage-message', { name, chat }), keyboard: menuKeyboard(t, manager) }
      case 'greeting':
        return {
          text: t(details.type === 'birthday' ? 'greeting-birthday' : 'greeting-anniversary', {
            name,
            years: details.years,
            business: pickText(c.business.name, locale),
          }),
          keyboard: menuKeyboard(t, manager),
        }
    }
  }

  /**
   * An invoice's reminders are used up and it is still unpaid: the bot says nothing more, so the
   * team is told, whether or not a request is open — also when the last one could not go because
   * the client blocked the bot (`blocked`), said so: it did not reach them.
   */
  function remindersOver(clientId: number, order: OrderRow, blocked: boolean): void {
    const locale = config.DEFAULT_LOCALE
    services.staffBridge.post(
      clientId,
      staffT(blocked ? 'payment-reminders-over-blocked' : 'payment-reminders-over', {
        id: String(order.id),
        amount: orderAmount(order, locale),
        what: orderSuffix(order, content, locale),
      }),
    )
  }

  async function run(_payload: unknown, job: JobRow, ctx: JobRunContext): Promise<JobResult> {
    const decision = services.followups.check(job)
    if (decision.action === 'skip') {
      // The invoice's last reminder, the client having blocked the bot: the team is told all the same
      if (decision.unreached && job.clientId !== null) remindersOver(job.clientId, decision.unreached, true)
      // A question /done announced in the topic ("NPS (once): <date>") that will not go after all:
      // one line says which and why (only these: the group has 20 messages a minute)
      if (decision.dropped && job.clientId !== null) {
        services.staffBridge.post(
          job.clientId,
          staffT('followups-dropped', {
            what: followupLabel(staffT, job),
            hold: staffT(`followups-hold-${decision.dropped}`),
          }),
        )
      }
      return { status: 'skipped', reason: decision.reason }
    }
    if (decision.action === 'wait') {
      // Planned before the owner made its day a day off: the team reads the new time in /followups,
      // and the log says why it moved
      if (decision.offDay) {
        log.info(
          {
            jobId: job.id,
            kind: job.kind,
            clientId: job.clientId,
            from: new Date(clock.now()).toISOString(),
            to: new Date(decision.at).toISOString(),
          },
          'follow-up moved off a day the business does not work',
        )
      }
      return { status: 'retry', at: decision.at, reason: decision.reason }
    }

    const { client, details } = decision
    const { t, locale, name } = clientVoice(deps, client)
    const stars = details.kind === 'payment_reminder' && details.order.invoiceKind === 'stars'
    const what = { label: followupLabel(staffT, job) }
    const chat = reachableChat(deps, client, client.telegramId, what)
    if (!chat.ok) return { status: 'skipped', reason: unreachableReason(chat.reason) }
    // Telegram sends invoices only from the bot itself: Stars cannot be asked for in an owner's chat
    if (stars && chat.business !== null) {
      reportUnreachable(deps, client.id, 'no-stars', what)
      return { status: 'skipped', reason: unreachableReason('no-stars') }
    }
    // The client's other payment reminders due by the hour go in this one message, a line per
    // invoice (payment details only: a Telegram invoice is one invoice a message, and goes alone)
    // (Stars never: in an owner's chat a Stars invoice is no reminder at all — skipped, the team told)
    const asDetails = (order: { invoiceKind: string }) =>
      order.invoiceKind !== 'stars' && (order.invoiceKind === 'details' || chat.business !== null)
    const together =
      details.kind === 'payment_reminder' && asDetails(details.order)
        ? services.followups.dueTogether(job, details.order.id).filter((r) => asDetails(r.details.order))
        : []
    // Marked sending as its message leaves (after its turn in the send budget), not before — and
    // the reminders it names taken with it then: none goes again apart after a message that may
    // have arrived, and it does not go naming one that went or was taken back meanwhile
    const togetherIds = together.map((r) => r.job.id)
    const leadOrder = details.kind === 'payment_reminder' ? details.order.id : 0
    let claimed = false
    let refused = false
    const leaving = (): boolean => {
      if (togetherIds.length > 0 && !claimed) {
        refused = !services.followups.claimTogether(togetherIds, leadOrder)
        if (refused) return false
        claimed = true
      }
      if (ctx.leaving()) return true
      if (claimed) services.followups.undoTogether(togetherIds, leadOrder, 'pending')
      claimed = false
      return false
    }
    const api = apis.jobsOne(leaving)
    // In the owner's own chat, none of the menu's buttons, "Написать менеджеру" included (`clientMarkup`)
    const where = { businessConnectionId: chat.extra.business_connection_id }
    // The reminder went as payment details (not a Telegram invoice): kept on its invoices once it went
    let asPaymentDetails = false
    const send = async (): Promise<unknown> => {
      if (details.kind === 'payment_reminder' && together.length > 0) {
        asPaymentDetails = true
        const reminders = [details, ...together.map((r) => r.details)]
        const text = paymentTogetherText(t, { name, reminders, content, locale, now: clock.now() })
        return api.sendMessage(client.telegramId, text, {
          ...chat.extra,
          ...clientMarkup(
            where,
            paymentTogetherKeyboard(
              t,
              reminders.map((r) => r.order.id),
              !services.handoff.isOpen(client.id),
            ),
          ),
          link_preview_options: { is_disabled: true },
        })
      }
      if (details.kind === 'payment_reminder' && details.order.invoiceKind !== 'details' && chat.business === null) {
        // A Telegram invoice's reminder is a fresh invoice: the client pays right from it
        const { order, stage, days } = details
        const now = clock.now()
        const c = content.get()
        const due = orderDue(order, c, locale, now)
        const lead = paymentTitle(t, { name, order, stage, days, due, telegram: true, promised: details.promised })
        try {
          return await sendTelegramInvoice(api, client.telegramId, order, {
            t,
            locale,
            lead,
            content,
            config,
            now,
            overdue: stage === 'overdue',
          })
        } catch (err) {
          // Refused (a provider's token taken out or revoked…): the reminder goes as payment details, as /invoice would
          if (!fallBackToDetails(deps, order, err)) throw err
        }
      }
      const message: { text: string; keyboard: InlineKeyboard } = render(job, details, t, name, locale, chatKind(where))
      asPaymentDetails = details.kind === 'payment_reminder'
      return api.sendMessage(client.telegramId, message.text, {
        ...chat.extra,
        ...clientMarkup(where, message.keyboard),
        link_preview_options: { is_disabled: true },
      })
    }

    try {
      await send()
    } catch (err) {
      // The reminders it named share its fate: may have arrived — uncertain, as it will be; else
      // each goes again by its own run
      // One it named went or was taken back (paid, cancelled) while it waited: nothing left, and it
      // is built again at once without it — no attempt spent, no "may have arrived"
      if (refused)
        return { status: 'retry', at: clock.now(), reason: 'A reminder it named went or was taken back meanwhile.' }
      const classified = classifyTelegramError(err)
      if (claimed) {
        const arrived = classified.kind === 'network' && classified.mayHaveArrived
        services.followups.undoTogether(togetherIds, leadOrder, arrived ? 'uncertain' : 'pending')
      }
      // The Api marks the client blocked on a 403; the follow-up is over either way.
      const failure = classified.kind
      if (failure === 'blocked') {
        // Learnt only now: the last reminder of an unpaid invoice did not reach them, and the team is told so
        if (details.kind === 'payment_reminder' && details.last) remindersOver(client.id, details.order, true)
        return { status: 'skipped', reason: 'The client blocked the bot.' }
      }
      if (failure === 'chat-gone') return { status: 'skipped', reason: 'The chat with the client no longer exists.' }
      if (failure === 'not-started')
        return { status: 'skipped', reason: 'The client never opened the chat with the bot (Telegram Business only).' }
      throw err
    }
    services.followups.recordSent(job, client.id)
    if (details.kind !== 'payment_reminder') {
      services.staffBridge.mirror(client.id, staffT('mirror-sent', { what: followupLabel(staffT, job) }))
      return { status: 'done' }
    }
    // The reminders that went within this one (done as it left), each counted as sent
    for (const r of together) services.followups.recordSent(r.job, client.id)
    const sent = [{ job, details }, ...together]
    if (asPaymentDetails) for (const r of sent) services.orders.detailsSent(r.details.order.id)
    // A promise to pay recalled is spent: the invoice's later reminders speak as planned
    for (const r of sent) if (r.details.promised) services.orders.promiseReminded(r.details.order.id)
    const over = sent.filter((r) => r.details.last)
    // (this says the reminder went: no mirror line)
    for (const { details: d } of over) remindersOver(client.id, d.order, false)
    const mirrored = sent.filter((r) => !r.details.last)
    if (mirrored.length > 0) {
      const what = mirrored.map((r) => followupLabel(staffT, r.job)).join(', ')
      services.staffBridge.mirror(client.id, staffT('mirror-sent', { what }))
    }
    return { status: 'done' }
  }

  // One handler for every follow-up: the policy reads each kind's payload (validated by the scheduler)
  for (const job of Object.values(FOLLOWUP_JOBS)) scheduler.register(job, run)

  scheduler.register(FOLLOWUP_SWEEP, async () => {
    // Tomorrow's first: a sweep that fails (and is retried, then given up) must not end the chain
    services.followups.scheduleNextSweep()
    const found = await services.followups.sweep()
    log.info(found, 'follow-up sweep: re-engagements and greetings scheduled')
  })
}
