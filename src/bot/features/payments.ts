import { Composer } from 'grammy'
import type { OrderRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { languagesOf, negotiateLocale } from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import type { StarsRefund } from '../../services/payments.ts'
import { clip } from '../../text.ts'
import type { BotContext, Translate } from '../context.ts'
import { clientVoice, orderAmount } from '../followup-texts.ts'
import { recordedMessage } from '../handoff/recorder.ts'
import { actingStaffName, staffName } from '../handoff/texts.ts'
import { aboutAnotherClient } from '../owner-guard.ts'
import { staffDayAndTime } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'
import { classifyTelegramError } from '../telegram-errors.ts'
import { orderIdOfPayload } from '../telegram-invoice.ts'
import { talkToManager } from './handoff.ts'
import { tellLinkedPayment } from './orders.ts'

/** How much of a client's /refund the card's reason line quotes (its invoice number and why). */
const REFUND_QUOTED = 100

/**
 * Payments inside Telegram (the invoices themselves are sent by /invoice and the payment
 * reminders, see telegram-invoice.ts):
 * - `pre_checkout_query`: answered at once (Telegram waits 10 seconds), ok only for the
 *   payer's own unpaid order at the invoiced amount, else a refusal the client reads;
 * - `successful_payment`: the order is paid, the client thanked, the topic told; the same
 *   payment delivered twice changes nothing;
 *   money for an invoice whose client erased their data after the checkout is the owners'
 *   (Stars given back at once), told in their chats without naming anyone;
 * - `/refund <order>` (owner): Stars go back through Telegram; `/refunded <order>` (owner)
 *   records a refund made in the payment provider's dashboard; a `refunded_payment`
 *   Telegram reports is recorded too.
 * Installed before the transcript and the flows, so nothing delays the checkout answer.
 */
export function createPaymentsFeature(deps: Deps) {
  const { services, config, i18n } = deps
  const composer = new Composer<BotContext>()
  const staffT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)

  /**
   * What the client and staff read about a payment goes through the one route: to the
   * client through their lane (behind what staff queued for them), in the bot's chat where
   * they paid, to staff into the client's topic (or General).
   */
  const tellClient = (clientId: number, text: string) =>
    services.handoff.sendToClient(clientId, { text, inBotChat: true }, null)
  const tellStaff = (clientId: number, text: string) => services.staffBridge.post(clientId, text)

  composer.on('pre_checkout_query', async (ctx) => {
    const q = ctx.preCheckoutQuery
    const result = services.payments.checkout({
      orderId: orderIdOfPayload(q.invoice_payload),
      telegramId: q.from.id,
      amount: q.total_amount,
      currency: q.currency,
    })
    if (result.ok) {
      await ctx.answerPreCheckoutQuery(true)
      ctx.log.info({ orderId: result.order.id }, 'checkout accepted')
      return
    }
    const client = services.clients.byTelegramId(q.from.id)
    const locale = negotiateLocale(
      client?.language,
      q.from.language_code,
      config.DEFAULT_LOCALE,
      languagesOf(ctx, deps.content.get()),
    )
    await ctx.answerPreCheckoutQuery(false, {
      error_message: i18n.t(locale, `checkout-refused-${result.reason}` as const),
    })
    ctx.log.info({ payload: q.invoice_payload, reason: result.reason }, 'checkout refused')
  })

  composer.on('message:successful_payment', async (ctx) => {
    const p = ctx.msg.successful_payment
    const result = services.payments.recordPayment({
      orderId: orderIdOfPayload(p.invoice_payload),
      telegramId: ctx.from.id,
      amount: p.total_amount,
      currency: p.currency,
      telegramChargeId: p.telegram_payment_charge_id,
      providerChargeId: p.provider_payment_charge_id || null,
    })
    if (result.status === 'duplicate') {
      ctx.log.info({ charge: p.telegram_payment_charge_id }, 'the same payment arrived again: nothing to do')
      return
    }
    const client = ctx.client
    const v = client ? clientVoice(deps, client) : undefined
    const amount = (locale: string) => orderAmount({ amount: p.total_amount, currency: p.currency }, locale)
    if (result.status === 'erased') {
      // The client erased their data while Telegram's payment form was open: the order is
      // nobody's, so nothing can be delivered. Stars go back now — only this update says who
      // paid, and it is not kept — and the owners are told what arrived and what a refund
      // needs, in their own chats: the staff groups are no place to put the payer, writing
      // again, next to the erased client's invoice. Logged without the update or the client
      // row, which would tie the two together.
      const { order, payment } = result
      let refund: 'stars' | 'stars-failed' | 'provider' = 'provider'
      let reason = ''
      if (payment.method === 'stars') {
        try {
          await ctx.api.refundStarPayment(ctx.from.id, p.telegram_payment_charge_id)
          refund = 'stars'
        } catch (err) {
          reason = classifyTelegramError(err).reason.slice(0, 200)
          refund = 'stars-failed'
        }
        // Recorded outside the try: the Stars are back whatever the bookkeeping does next
        if (refund === 'stars') services.payments.recordRefund(order.id, null, p.telegram_payment_charge_id)
      }
      deps.logger.warn(
        { paymentId: payment.id, orderId: order.id, refund, reason },
        'money arrived after the client erased their data',
      )
      services.handoff.notifyOwners([
        {
          key: `paid-after-erasure-${refund}`,
          args: {
            id: String(order.id),
            amount: amount(config.DEFAULT_LOCALE),
            charge: p.telegram_payment_charge_id,
            provider: p.provider_payment_charge_id || '—',
            reason,
          },
        },
      ])
      if (client && v) {
        // Stars Telegram would not give back cannot be refunded later (nobody is known to give them
        // to): the payer keeps the payment's id rather than a promise
        const key =
          refund === 'stars'
            ? 'paid-after-erasure-client-stars'
            : refund === 'stars-failed'
              ? 'paid-after-erasure-client-stars-failed'
              : 'paid-after-erasure-client'
        tellClient(client.id, v.t(key, { name: v.name, charge: p.telegram_payment_charge_id }))
      }
      return
    }
    if (result.status === 'unexpected') {
      ctx.log.error({ paymentId: result.payment.id, orderId: result.order?.id }, 'money arrived for no unpaid order')
      if (client && v) tellClient(client.id, v.t('payment-received-check', { name: v.name, amount: amount(v.locale) }))
      const clientId = result.payment.clientId ?? result.order?.clientId
      const text = staffT('paid-telegram-unexpected', {
        id: result.order ? String(result.order.id) : p.invoice_payload,
        amount: amount(config.DEFAULT_LOCALE),
        status: result.order?.status ?? 'unknown',
        charge: p.telegram_payment_charge_id,
      })
      if (clientId !== null && clientId !== undefined) tellStaff(clientId, text)
      return
    }
    const { order } = result
    ctx.log.info({ orderId: order.id, method: result.payment.method }, 'paid in Telegram')
    if (client && v) {
      tellClient(
        client.id,
        v.t('payment-confirmed', { name: v.name, id: String(order.id), amount: orderAmount(order, v.locale) }),
      )
    }
    tellStaff(
      order.clientId,
      staffT('paid-telegram', {
        id: String(order.id),
        amount: orderAmount(order, config.DEFAULT_LOCALE),
        via: result.payment.method,
      }),
    )
    // Another invoice linked to it (the one it may replace, or its replacement) paid too, or still waiting
    tellLinkedPayment(deps, result)
  })

  // Telegram reports a refund (also one the owner made outside the bot): recorded once. Staff
  // are told, the client is not: Telegram shows them the refund, and for the owner's /refund
  // (whose report may be recorded first) that command tells them
  composer.on('message:refunded_payment', async (ctx) => {
    const r = ctx.msg.refunded_payment
    const orderId = services.payments.orderOfCharge(r.telegram_payment_charge_id)
    const result =
      orderId === undefined ? undefined : services.payments.recordRefund(orderId, null, r.telegram_payment_charge_id)
    if (result?.status !== 'refunded') return
    ctx.log.info({ orderId }, 'Telegram reported a refund')
    tellStaff(
      result.order.clientId,
      staffT('refund-reported', {
        id: String(result.order.id),
        amount: orderAmount(result.order, config.DEFAULT_LOCALE),
      }),
    )
  })

  return composer
}

/**
 * Why an order's money cannot be refunded here, in words that fit it: a cancelled invoice was
 * never paid, and one a manager marked paid (/paid) went through no provider.
 */
function refusalKey(
  reason: Exclude<Exclude<StarsRefund, { ok: true }>['reason'], 'already'>,
  order: OrderRow,
): LocaleKey {
  if (reason === 'not-paid' && order.status === 'cancelled') return 'refund-cancelled'
  if (reason === 'not-stars' && order.paidVia === 'staff') return 'refund-not-stars-manual'
  return `refund-${reason}`
}

/**
 * An owner's /refund (Stars, refunded through Telegram) and /refunded (a provider's refund
 * made in its dashboard): in their private chat, or in a client's topic of any staff group
 * (that client's orders only; the answer goes there through the outbox).
 */
export function registerRefundCommands(deps: Deps, scopes: BotScopes): void {
  const { services } = deps
  /**
   * An invoice whose money went back before: said so with when, as the team reads every time
   * (`staffDayAndTime`), and who gave it back where that is recorded (Telegram's report of a refund
   * made outside the bot names no one, nor does a payment refunded for an invoice never paid).
   */
  async function refundedAlready(ctx: BotContext, orderId: number): Promise<string> {
    const order = services.orders.get(orderId)
    const at = order?.refundedAt ?? services.payments.telegramPayments(orderId).refundedAt
    const by = staffName(deps, order?.refundedBy)
    const date =
      at == null
        ? ''
        : staffDayAndTime(ctx.t.bind(ctx), at, {
            businessTz: deps.content.get().business.timezone,
            clientTz: order ? services.clients.get(order.clientId)?.timezone : undefined,
            locale: await ctx.i18n.getLocale(),
            now: deps.clock.now(),
          })
    return ctx.t('refund-already', {
      id: String(orderId),
      date,
      dated: date === '' ? 'no' : 'yes',
      by: by ?? '',
      named: by === undefined ? 'no' : 'yes',
    })
  }

  /** The owner's word to the client: an answer to their request, as any staff message is. */
  const tellClient = (ctx: BotContext, clientId: number, text: string) =>
    services.handoff.sendToClient(clientId, { text }, ctx.from?.id ?? null)

  /**
   * A client's /refund (or /refunded) in their chat: the team is asked, as for any question of
   * theirs — the request opened with their words on its card, or, already open, the words
   * posted to their topic (a client's commands are otherwise not relayed) — and the client is
   * told so and who answers when. The owner's own command never runs for them.
   */
  async function refundAskedByClient(ctx: BotContext): Promise<unknown> {
    const words = clip(ctx.msg?.text ?? '', REFUND_QUOTED)
    // Open already: the words reach the topic first, then what the bot answers them (talkToManager)
    const recorded = recordedMessage(ctx)
    if (ctx.client && services.handoff.isOpen(ctx.client.id) && recorded && !services.handoff.isRelayed(recorded.row)) {
      services.handoff.relayFromClient(ctx.client.id, recorded.row, false)
    }
    await talkToManager(ctx, deps, { reason: 'question', words }, ctx.t('refund-client-asked'))
    return undefined
  }

  /**
   * An owner's /refund or /refunded: in their private chat, or in a client's topic of any
   * staff group (that client's orders only; the answer goes there through the outbox).
   */
  const refundCommand = (stars: boolean, inGroup: boolean) => async (ctx: BotContext) => {
    const { topicClient } = ctx
    const reply = async (text: string): Promise<unknown> =>
      inGroup ? answerStaff(deps, ctx, text, topicClient ? { clientId: topicClient.id } : {}) : ctx.reply(text)
    if (ctx.staffRole !== 'owner') {
      ctx.log.info({ role: ctx.staffRole ?? 'client' }, 'owner-only refund refused')
      // A client asking for their money back: a person's job, not a lesson in who may type what
      if (!ctx.staffRole && !inGroup) return refundAskedByClient(ctx)
      // A manager in a client's topic: the money is the owners' to give back, so the request goes
      // to them, with the client's topic a tap away — "only for the owner" left the manager with a
      // client demanding a refund and no way to pass it on. The invoice's number, not the words
      // after it: they may be the client's, and the topic the alert's name opens has them
      if (ctx.staffRole && topicClient && ctx.from) {
        const invoice = /^[#№]?(\d{1,9})\b/.exec(String(ctx.match ?? '').trim())?.[1]
        // An invoice named that is none of this client's is said so here: the owners were asked
        // to refund invoices that did not exist
        const order = invoice === undefined ? undefined : services.orders.get(Number(invoice))
        if (invoice !== undefined && (!order || order.clientId !== topicClient.id)) {
          return reply(ctx.t('refund-not-found', { id: invoice, where: 'topic' }))
        }
        // Nothing to give back — refunded already, or never paid (no payment came for it): said
        // here too, as the owner would be told
        if (order && invoice !== undefined) {
          const { unrefunded, refundedAt } = services.payments.telegramPayments(order.id)
          // (A cancelled invoice whose money came anyway and went back is refunded already too, as the owner reads)
          const notPaid = order.status !== 'paid' && !unrefunded
          if (order.status === 'refunded' || (notPaid && refundedAt !== undefined)) {
            return reply(await refundedAlready(ctx, order.id))
          }
          if (notPaid) return reply(ctx.t(refusalKey('not-paid', order), { id: invoice }))
        }
        services.handoff.notifyOwners(
          [
            {
              key: 'refund-asked-by-staff',
              // The amount, not the reason: the words may be the client's (the topic has them)
              args: {
                id: String(topicClient.id),
                staff: { mention: ctx.from.id },
                invoice: invoice ?? 'none',
                amount: order ? orderAmount(order, deps.config.DEFAULT_LOCALE) : '',
                // The command that fits how it was paid: the owner was left to guess between two
                how: order?.status === 'paid' && order.paidVia !== null ? order.paidVia : 'none',
              },
            },
          ],
          topicClient.id,
        )
        ctx.log.info({ clientId: topicClient.id }, 'a manager asked the owners for a refund')
        return reply(ctx.t('refund-passed-to-owners'))
      }
      return reply(ctx.t('owner-only'))
    }
    const [arg = '', ...more] = String(ctx.match ?? '')
      .trim()
      .replace(/^[#№]/, '')
      .split(/\s+/)
    const id = Number(arg)
    if (!(Number.isSafeInteger(id) && id > 0)) return reply(ctx.t('refund-usage'))
    // "/refunded 2 250": a part given back, which an invoice that is paid or refunded whole cannot
    // say (other words after the number, "пожалуйста", change nothing)
    if (/^\d/.test(more[0] ?? '')) {
      return reply(ctx.t('refund-partial', { id: arg, command: stars ? 'refund' : 'refunded' }))
    }
    const order = services.orders.get(id)
    if (!order || aboutAnotherClient(ctx, order.clientId)) {
      // Only a client's topic narrows the search to that client's invoices, and says so
      return reply(ctx.t('refund-not-found', { id: String(id), where: topicClient ? 'topic' : 'other' }))
    }
    return stars ? refundStars(ctx, order, reply) : recordProviderRefund(ctx, order, reply)
  }

  async function refundStars(ctx: BotContext, order: OrderRow, reply: (text: string) => Promise<unknown>) {
    const id = String(order.id)
    const target = services.payments.starsRefund(order.id)
    if (!target.ok) {
      // Cancelled, yet paid and given back (the money came while it was being cancelled): refunded already
      if (
        target.reason === 'already' ||
        (target.reason === 'not-paid' && services.payments.telegramPayments(order.id).refundedAt !== undefined)
      ) {
        return reply(await refundedAlready(ctx, order.id))
      }
      return reply(ctx.t(refusalKey(target.reason, order), { id }))
    }
    let refundedNow = false
    try {
      await ctx.api.refundStarPayment(target.telegramId, target.payment.telegramChargeId)
      refundedNow = true
    } catch (err) {
      // Refunded already (say, from another device): Telegram's word is recorded below
      const failure = classifyTelegramError(err)
      if (!/CHARGE_ALREADY_REFUNDED/i.test(failure.reason)) {
        ctx.log.warn({ err, orderId: order.id }, 'Telegram did not refund the Stars')
        return reply(ctx.t('refund-failed', { id, reason: failure.reason.slice(0, 200) }))
      }
    }
    return settleRefund(ctx, order, reply, 'refund-client-stars', {
      chargeId: target.payment.telegramChargeId,
      refundedNow,
    })
  }

  async function recordProviderRefund(ctx: BotContext, order: OrderRow, reply: (text: string) => Promise<unknown>) {
    const id = String(order.id)
    if (order.paidVia === 'stars' && order.status === 'paid') return reply(ctx.t('refunded-is-stars', { id }))
    if (order.status !== 'paid') {
      // Money that came for an order no longer waiting for it (a manager cancelled the invoice
      // while the client paid): staff were told to refund it in the provider's dashboard
      const { unrefunded: payment, refundedAt } = services.payments.telegramPayments(order.id)
      if (payment?.method === 'stars') return reply(ctx.t('refunded-is-stars', { id }))
      if (payment) {
        return settleRefund(ctx, order, reply, 'refund-client-provider', {
          chargeId: payment.telegramChargeId,
          money: payment,
        })
      }
      const already = order.status === 'refunded' || refundedAt !== undefined
      return reply(already ? await refundedAlready(ctx, order.id) : ctx.t(refusalKey('not-paid', order), { id }))
    }
    return settleRefund(ctx, order, reply, 'refund-client-provider')
  }

  /**
   * Records the refund, tells the client and answers the owner. `chargeId`: the Telegram
   * payment refunded (else the order's newest); `money`: what went back (that payment),
   * else the order's amount. `refundedNow`: this command's refundStarPayment gave back the
   * Stars of `chargeId`, so a refund of that charge recorded meanwhile is Telegram's report
   * of this very refund. The report tells staff, never the client: the client is told
   * here, once, whichever was recorded first, and the owner reads that it is done.
   */
  async function settleRefund(
    ctx: BotContext,
    order: OrderRow,
    reply: (text: string) => Promise<unknown>,
    clientKey: LocaleKey,
    {
      chargeId,
      money = order,
      refundedNow = false,
    }: { chargeId?: string; money?: Pick<OrderRow, 'amount' | 'currency'>; refundedNow?: boolean } = {},
  ) {
    const by = ctx.from?.id ?? null
    const result = services.payments.recordRefund(order.id, by, chargeId)
    const settled =
      result.status === 'refunded' ||
      (refundedNow && chargeId !== undefined && services.payments.refundRecordedMeanwhile(order.id, by, chargeId))
    if (!settled) return reply(await refundedAlready(ctx, order.id))
    ctx.log.info({ orderId: order.id, reportedFirst: result.status !== 'refunded' }, 'refund recorded')
    const client = services.clients.get(order.clientId)
    // False for a client who erased their data: there is no one to tell, and the owner reads so
    let told = false
    if (client) {
      const v = clientVoice(deps, client)
      told = tellClient(ctx, client.id, v.t(clientKey, { id: String(order.id), amount: orderAmount(money, v.locale) }))
    }
    const locale = await ctx.i18n.getLocale()
    const name = actingStaffName(deps, ctx.from)
    const done = { id: String(order.id), by: name, told: told ? 'yes' : 'no' } as const
    // Recorded here, outside the client's topic (the owner's chat, General): the topic, where the
    // managers work, learns it too. Telegram's own report of a Stars refund, coming after, finds
    // it recorded and says nothing; one it recorded first was told there already
    if (result.status === 'refunded' && ctx.topicClient?.id !== order.clientId && client?.topicId != null) {
      const amount = orderAmount(money, deps.config.DEFAULT_LOCALE)
      services.handoff.notifyTopic(client.id, [{ key: 'refund-done', args: { ...done, amount } }])
    }
    return reply(ctx.t('refund-done', { ...done, amount: orderAmount(money, locale) }))
  }

  scopes.private.command('refund', refundCommand(true, false))
  scopes.private.command('refunded', refundCommand(false, false))
  scopes.staffGroup.command('refund', refundCommand(true, true))
  scopes.staffGroup.command('refunded', refundCommand(false, true))
}
