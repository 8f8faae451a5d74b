import { InlineKeyboard } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { ClientRow, OrderRow } from '../../../db/schema.ts'
import type { Content, Product } from '../../content/schema.ts'
import type { Deps } from '../../deps.ts'
import { shortDay } from '../../format.ts'
import { currencyName, currencyTyped, formatMoney, STARS } from '../../money.ts'
import { type InvoiceDraft, isOverdue, jobOf, type OrderJob, orderWhat } from '../../services/orders.ts'
import { clip, endsSentence, headOf, writtenIn } from '../../text.ts'
import { toButtons } from '../buttons.ts'
import { plannedThroughBusiness, refusalNow } from '../client-chat.ts'
import type { BotContext, Translate } from '../context.ts'
import { markPressed, removeButtons, replaceButtons } from '../courtesy.ts'
import { clientVoice, orderAmount, orderDue, orderSuffix, paymentText } from '../followup-texts.ts'
import { actingStaffName } from '../handoff/texts.ts'
import {
  invoiceList,
  lineOpening,
  othersWarning,
  remindersHeld,
  remindersLineAt,
  withRemindersLine,
} from '../invoice-summary.ts'
import {
  cancelInvoiceAskKeyboard,
  cancelInvoiceKeyboard,
  jobCallback,
  linkedCallback,
  linkedCancelAskKeyboard,
  linkedHeldKeyboard,
  menuKeyboard,
  payCallback,
  paymentKeyboard,
  reportAnswerKeyboard,
} from '../keyboards/followups.ts'
import { clientMarkup } from '../keyboards/main-menu.ts'
import { refusedInAnotherTopic } from '../owner-guard.ts'
import { staffDayAndTime } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'

/** Product ids the /invoice hint names: a catalogue of hundreds would not fit one message. */
const PRODUCT_IDS_SHOWN = 12

/** Invoices named by their numbers, as a list is said: "№1 и №2", "#1, #2 and #3". */
function invoiceNumbers(ctx: BotContext, orders: readonly Pick<OrderRow, 'id'>[], locale: string): string {
  const numbers = [...orders].sort((a, b) => a.id - b.id).map((o) => ctx.t('invoice-number', { id: String(o.id) }))
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(numbers)
}

/** The first products' ids, in the content file's order, and how many more there are. */
function productIds(ctx: BotContext, products: readonly Product[]): string {
  const { list, more } = headOf(
    products.map((p) => p.id),
    PRODUCT_IDS_SHOWN,
    ', ',
  )
  return more > 0 ? ctx.t('invoice-usage-products-more', { list, more }) : list
}

/**
 * The example of /invoice's hint, from the business's own catalogue: its first product with a
 * fixed price (not "from", not Stars), as an amount and an id to write. A made-up sum otherwise.
 */
function invoiceExample(c: Content): { product: 'yes' | 'no'; example: string; amount: string } {
  const product = c.products.find((p) => !p.price.from && p.price.amount > 0 && p.price.currency !== STARS)
  return product
    ? { product: 'yes', example: product.id, amount: String(product.price.amount) }
    : { product: 'no', example: '', amount: '5000' }
}

/**
 * Orders in a client's topic: `/invoice <amount> [due] [text]` (the client gets the invoice
 * with payment details at once; reminders follow), `/paid [id]`, `/done [id]` (schedules the
 * check-in and NPS). The client's "I paid" asks the topic to confirm; every staff button
 * checks the presser's role.
 */
/**
 * The words of an invoice's "for what" are in another language than the client reads (`writtenIn`):
 * Russian to a client the bot writes English to ('ru'), or English to a Russian-speaking client
 * ('latin': "Balayage deposit"; a brand among Russian words, "SEO-аудит", or one word, "landing",
 * is none). Undefined when they match.
 */
function forWhatWritten(description: string, clientLocale: string): 'ru' | 'latin' | undefined {
  const written = writtenIn(description)
  if (clientLocale !== 'ru') return written === 'ru' ? 'ru' : undefined
  return written === 'en' ? 'latin' : undefined
}

export function registerOrdersFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content, clock } = deps
  const topic = scopes.clientTopic

  const voice = (client: ClientRow) => clientVoice(deps, client)
  /** Under what /invoice and /done plan: the owner's Business chat may be closed to the bot by then. */
  const planned = (ctx: BotContext, client: ClientRow) => {
    const line = plannedThroughBusiness(deps, ctx.t, client)
    return line ? [line] : []
  }
  /** Who on the team did it, as every notice in the group names them. */
  const staffName = (ctx: BotContext) => actingStaffName(deps, ctx.from)

  /**
   * Queues the staff member's message to the client behind the manager's messages still on
   * their way to them (it answers the client's request, as a typed one does); returns why it
   * cannot go, in staff words, so the answer to staff never says the client was told when they
   * were not: they erased their data, or they write to the owner's account (Telegram Business)
   * and the bot may not write there now (nothing is queued: it would only fail). One that fails
   * later is reported in the client's topic by the outbox.
   */
  function tellClient(
    ctx: BotContext,
    client: ClientRow,
    text: string,
    keyboard?: InlineKeyboardMarkup,
  ): string | undefined {
    const refusal = refusalNow(deps, client)
    if (refusal) return ctx.t(`business-refusal-${refusal}`)
    const by = ctx.from?.id ?? null
    const queued = services.handoff.sendToClient(
      client.id,
      { text, ...(keyboard ? { buttons: toButtons(keyboard) } : {}) },
      by,
    )
    return queued ? undefined : ctx.t('order-client-gone')
  }

  /**
   * Queues the new order for the client, behind the manager's messages on their way to
   * them: a Telegram invoice when it is paid in Telegram (rendered and sent by the outbox;
   * should Telegram refuse a provider's invoice, payment details go instead and the topic is
   * told), else payment details with "I paid". Returns why it cannot go and how the client
   * pays, in staff words.
   */
  function offerPayment(ctx: BotContext, client: ClientRow, order: OrderRow): { failure?: string; note?: string } {
    const inBusinessChat = services.business.route(client).via === 'business'
    const way = services.orders.payIn(order, inBusinessChat)
    if (way !== 'details') {
      if (!services.handoff.sendInvoice(client.id, order.id, ctx.from?.id ?? null))
        return { failure: ctx.t('order-client-gone') }
      return { note: ctx.t(way === 'stars' ? 'invoice-created-stars' : 'invoice-created-telegram') }
    }
    const v = voice(client)
    const text = paymentText(v.t, {
      name: v.name,
      order,
      stage: 'invoice',
      days: 0,
      content,
      locale: v.locale,
      now: clock.now(),
    })
    // (No "talk to a manager" under it in the request it is issued in: the manager is there)
    const failure = tellClient(ctx, client, text, paymentKeyboard(v.t, order.id, !services.handoff.isOpen(client.id)))
    if (!failure) services.orders.detailsSent(order.id)
    // How this client pays, as the Telegram invoices' line says it: the money is staff's to confirm
    const business = inBusinessChat ? 'yes' : 'no'
    return failure ? { failure } : { note: ctx.t('invoice-created-details', { business }) }
  }

  /**
   * An invoice settled before, as it is now: paid (since when), refunded (when), or cancelled —
   * said so, and nothing changes (no second thanks to the client).
   */
  async function settledAlready(ctx: BotContext, order: OrderRow): Promise<string> {
    const at = order.status === 'refunded' ? (order.refundedAt ?? order.paidAt) : order.paidAt
    const client = services.clients.get(order.clientId)
    const date = at === null ? '' : staffWhen(ctx, client, await ctx.i18n.getLocale(), at)
    return ctx.t('paid-already', { id: String(order.id), status: order.status, date })
  }

  /**
   * A moment about a client as the team reads every one (`staffDayAndTime`): in the business's
   * zone, with the client's clock beside it when theirs differs ("2:00 (у клиента 9:00)").
   */
  function staffWhen(ctx: BotContext, client: ClientRow | undefined, locale: string, at: number): string {
    const businessTz = content.get().business.timezone
    return staffDayAndTime(ctx.t.bind(ctx), at, { businessTz, clientTz: client?.timezone, locale, now: clock.now() })
  }

  /** The summary's line of the reminders to come, each at the time it goes. */
  function remindersListLine(
    ctx: BotContext,
    client: ClientRow | undefined,
    locale: string,
    reminders: readonly { sendsAt: number }[],
  ): string {
    // Past the client's quiet hours on their clock: "2:00" reads as a mistake without it
    const list = reminders.map((r) => staffWhen(ctx, client, locale, r.sendsAt)).join('; ')
    return ctx.t('invoice-created-reminders', { list })
  }

  /** Marks paid, thanks the client and reports to staff in the client's topic; false when it was paid (or settled otherwise) already. */
  async function settle(ctx: BotContext, order: OrderRow): Promise<boolean> {
    const reply = (text: string) => answerStaff(deps, ctx, text, { clientId: order.clientId })
    const result = services.orders.markPaid(order.id, 'staff', ctx.from?.id ?? null)
    const staffT: Translate = (key, vars) => ctx.t(key, vars)
    if (result.status === 'unchanged') {
      await reply(await settledAlready(ctx, result.order ?? { ...order, status: 'cancelled' }))
      return false
    }
    const locale = await ctx.i18n.getLocale()
    const client = services.clients.get(result.order.clientId)
    let failure: string | undefined
    // Their chat with the owner's account is closed to the bot now: the confirmation waits for
    // their next message there (sendHeldConfirmations), rather than never coming
    let held = false
    if (client) {
      const v = voice(client)
      failure = tellClient(
        ctx,
        client,
        v.t('payment-confirmed', { name: v.name, id: String(order.id), amount: orderAmount(order, v.locale) }),
      )
      held = failure !== undefined && client.deletedAt === null && services.business.route(client).via === 'blocked'
      if (held) services.orders.holdConfirmation(order.id)
    }
    const vars = { id: String(order.id), amount: orderAmount(order, locale), by: staffName(ctx) }
    await reply(
      failure
        ? [
            staffT('paid-done-untold', vars),
            staffT('client-not-told', { reason: failure }),
            ...(held ? [staffT('paid-confirmation-held')] : []),
          ].join('\n')
        : staffT('paid-done', vars),
    )
    tellLinkedPayment(deps, result)
    return true
  }

  // ---------------------------------------------------------------- staff commands in a topic

  topic.command('invoice', async (ctx) => {
    const reply = (text: string, keyboard?: InlineKeyboard) =>
      answerStaff(deps, ctx, text, { clientId: ctx.topicClient.id, ...(keyboard ? { keyboard } : {}) })
    const client = ctx.topicClient
    const c = content.get()
    const usage = () => reply(ctx.t('invoice-usage', { products: productIds(ctx, c.products), ...invoiceExample(c) }))
    if (!ctx.match.trim()) return usage()
    const parsed = services.orders.parseInvoice(ctx.match)
    if (!parsed.ok) {
      if (parsed.error === 'usage') return usage()
      // A fee for a free product is written in its own currency: Stars are billed in XTR
      const stars = c.products.find((p) => p.id === parsed.product)?.price.currency === STARS
      const locale = await ctx.i18n.getLocale()
      const currency = parsed.currency ?? 'RUB'
      const money = (minor: number | undefined) => (minor === undefined ? '' : formatMoney(minor, currency, locale))
      // The line to write instead, the currency before the word that may be one of the description:
      // "5000 ₽ к оплате", "5000 ₽ тг реклама"
      const example = clip([parsed.number, currencyTyped(currency, locale), parsed.rest].join(' '), 60)
      return reply(
        ctx.t(`invoice-error-${parsed.error}`, {
          product: parsed.product ?? '',
          word: parsed.word ?? '',
          mark: parsed.mark === '.' ? 'point' : 'comma',
          fee: stars ? '100XTR' : '1000',
          amount: money(parsed.amount),
          least: money(parsed.least),
          typed: parsed.typed ?? '',
          number: parsed.number ?? '',
          scale: parsed.scale ?? 'thousand',
          currency: currencyName(currency, locale),
          example,
        }),
      )
    }
    // Refused before anything is asked: a question about an invoice that cannot go is one too many
    const refusal = cannotBill(ctx, client, parsed.draft)
    if (refusal) return reply(refusal)
    const source = { chatId: ctx.chat.id, messageId: ctx.msg.message_id }
    // A balance after a prepayment is a part of that order, not a second one; unsaid, asked first
    const part = services.orders.partFor(client.id, parsed.draft)
    if (part.kind === 'ask') return askWhichJob(ctx, client, parsed.draft, part.jobs, source)
    return issueInvoice(ctx, client, parsed.draft, {
      createdBy: ctx.from.id,
      source,
      ...(part.kind === 'part' ? { partOf: part.job.id } : {}),
    })
  })

  /**
   * Why the invoice cannot be made for the client now, in staff words; undefined when it can.
   * Telegram sends invoices only from the bot itself: a client who writes to the owner's own
   * account (Telegram Business) gets payment details there, and Stars cannot be asked for; when
   * the bot may not write there now, no order is made that the client never sees.
   */
  function cannotBill(ctx: BotContext, client: ClientRow, draft: InvoiceDraft): string | undefined {
    if (client.telegramId === null || client.deletedAt !== null) return ctx.t('order-client-gone')
    const route = services.business.route(client)
    if (route.via === 'blocked') {
      return `${ctx.t('invoice-error-business-blocked')}\n${ctx.t(`business-refusal-${route.reason}`)}`
    }
    if (route.via === 'business' && draft.currency === STARS) return ctx.t('invoice-error-business-stars')
    return undefined
  }

  /**
   * Holds the invoice and asks the topic whether it is a part of one of `jobs` (the client's
   * orders under way) or a new order: one button each. Nothing goes to the client until then.
   */
  async function askWhichJob(
    ctx: BotContext & { from: { id: number } },
    client: ClientRow,
    draft: InvoiceDraft,
    jobs: readonly OrderJob[],
    source: { chatId: number; messageId: number },
  ): Promise<void> {
    const held = services.orders.holdInvoice({ clientId: client.id, createdBy: ctx.from.id, source, draft })
    if (!held) {
      // Telegram delivered this /invoice again (the bot died while handling it): asked then
      ctx.log.warn({ clientId: client.id, messageId: source.messageId }, '/invoice delivered again: asked already')
      return
    }
    const locale = await ctx.i18n.getLocale()
    const keyboard = new InlineKeyboard()
    const items: string[] = []
    for (const job of jobs) {
      // Named by its first invoice still standing, which says what the work is
      const [first] = job.orders
      if (!first) continue
      items.push(
        ctx.t('invoice-part-job', {
          id: String(first.id),
          amount: orderAmount(first, locale),
          what: orderSuffix(first, content, locale),
          paid: first.status === 'paid' ? 'yes' : 'no',
        }),
      )
      keyboard.text(ctx.t('invoice-part-button', { id: String(first.id) }), jobCallback.pack(held.id, first.id)).row()
    }
    keyboard.text(ctx.t('invoice-part-new'), jobCallback.pack(held.id, 'new'))
    // The invoice as read, before it goes: an amount misread is seen while nothing is billed
    const what = orderSuffix(draft, content, locale)
    const invoice = { amount: orderAmount(draft, locale), what, stop: endsSentence(what) }
    answerStaff(deps, ctx, ctx.t('invoice-part-ask', { ...invoice, count: items.length, list: items.join(', ') }), {
      clientId: client.id,
      keyboard,
    })
  }

  /**
   * Makes the order and sends it to the client, then tells the topic what went and what follows.
   * `source`: the /invoice message (a second order is not made from it); `partOf`: an invoice of
   * the job it is a part of; `createdBy`: who wrote the /invoice.
   */
  async function issueInvoice(
    ctx: BotContext,
    client: ClientRow,
    draft: InvoiceDraft,
    {
      createdBy,
      source,
      partOf,
    }: { createdBy: number | null; source: { chatId: number; messageId: number }; partOf?: number },
  ): Promise<void> {
    const reply = (text: string, keyboard?: InlineKeyboard) =>
      answerStaff(deps, ctx, text, { clientId: client.id, ...(keyboard ? { keyboard } : {}) })
    const c = content.get()
    const refusal = cannotBill(ctx, client, draft)
    if (refusal) return reply(refusal)
    const inBusinessChat = services.business.route(client).via === 'business'
    const created = services.orders.create({
      clientId: client.id,
      createdBy,
      // As the client is asked to pay now; pressing Pay in the bot's chat later brings a Telegram
      // invoice all the same where a provider is set (`payIn`), and the topic is told then
      invoiceKind: inBusinessChat ? 'details' : services.orders.invoiceKindFor(draft.currency),
      source,
      ...(partOf === undefined ? {} : { partOf }),
      ...draft,
    })
    if (!created) {
      // Telegram delivered this /invoice again (the bot died while handling it): it was made then
      ctx.log.warn({ clientId: client.id, messageId: source.messageId }, '/invoice delivered again: no second order')
      return
    }
    // `earlier`: the invoices still waiting that this one may replace, linked to it (`orders.create`)
    const { order, reminders, earlier } = created
    const job = order.partOf === null ? undefined : order.partOf
    ctx.log.info({ orderId: order.id, clientId: client.id, kind: order.invoiceKind, job }, 'invoice created')
    const { failure, note } = offerPayment(ctx, client, order)

    const locale = await ctx.i18n.getLocale()
    const due = orderDue(order, c, locale, clock.now())
    const written = forWhatWritten(order.description ?? '', clientVoice(deps, client).locale)
    const what = orderSuffix(order, content, locale)
    const others = othersWarning(ctx, earlier, locale)
    const lines = [
      ctx.t('invoice-created', {
        id: String(order.id),
        amount: orderAmount(order, locale),
        what,
        stop: endsSentence(what),
      }),
      ...(job === undefined ? [] : [ctx.t('invoice-created-part', { job: String(job) })]),
      ...(note ? [note] : []),
      ...(orderWhat(order, content, locale) ? [] : [ctx.t('invoice-hint-what')]),
      // The words "for what" go to the client as typed: a client the bot speaks English to reads them
      // in Russian in the invoice, each reminder and /mybookings — and a Russian-speaking one the
      // English words of a team that writes English ("Balayage deposit")
      ...(written ? [ctx.t('invoice-hint-language', { written })] : []),
      // A date ending the line is the due date: which words were read so, and how to keep them as words
      ...(due ? [dueLine(ctx, draft, due)] : []),
      reminders.length > 0 ? remindersListLine(ctx, client, locale, reminders) : ctx.t('invoice-created-no-reminders'),
      // The last one gone unpaid is told to the topic (`remindersOver`): the plan says what follows it
      ...(reminders.length > 0 ? [ctx.t('invoice-created-reminders-last'), ...planned(ctx, client)] : []),
      ...(failure ? [ctx.t('invoice-not-delivered', { reason: failure })] : []),
      // A second invoice is often meant to replace the first: the one that still waits is named
      // (and comes off once it is settled: `otherInvoiceSettled`)
      ...(others === undefined ? [] : [others]),
    ]
    // Kept as this invoice's summary: once it is settled, the post says so (`invoiceSettled`)
    return answerStaff(deps, ctx, lines.join('\n'), {
      clientId: client.id,
      keyboard: cancelInvoiceKeyboard(ctx.t.bind(ctx), order.id),
      invoice: order.id,
      others: earlier.map((o) => o.id),
    })
  }

  /**
   * The summary's due date: with the words ending the line it was read from, and how to keep them
   * as words — «на» or «к» before a date; a plus apart from its number ("+ 5"), which a quantity
   * may be ("Печать визиток +50"), for days counted with one.
   */
  function dueLine(ctx: BotContext, draft: InvoiceDraft, due: string): string {
    const words = draft.dueWords
    if (words === undefined) return ctx.t('invoice-created-due', { due })
    if (!draft.duePlus) return ctx.t('invoice-created-due-end', { due, words })
    return ctx.t('invoice-created-due-plus', { due, words, apart: words.replace(/^\+/, '+ ') })
  }

  /**
   * An invoice's summary with its due date moved: the due line (`due`; added before the reminders
   * where it had none) and the reminders line (`reminders`) in place of the old ones, the rest as it
   * was. Unchanged when it has no reminders line to know it by (it was settled since).
   */
  const summaryDueMoved = (ctx: BotContext, text: string, due: string, reminders: string): string => {
    // Each line known by its words before the variable, in the group's language it was written in
    const t = ctx.t.bind(ctx)
    const duePrefix = lineOpening(t, 'invoice-created-due', 'due')
    const lines = text.split('\n')
    const at = remindersLineAt(t, lines)
    if (at < 0) return text
    lines[at] = reminders
    const dueAt = lines.findIndex((l) => l.startsWith(duePrefix))
    if (dueAt >= 0) lines[dueAt] = due
    else lines.splice(at, 0, due)
    return lines.join('\n')
  }

  // `/due [#invoice] <date>`: an unpaid invoice's due date moved (a later one agreed with the client),
  // its reminders with it; the client is told the new date in one line, the topic who moved it
  topic.command('due', async (ctx) => {
    const client = ctx.topicClient
    const reply = (text: string) => answerStaff(deps, ctx, text, { clientId: client.id })
    const parsed = services.orders.parseDue(ctx.match)
    if (!parsed.ok) return reply(ctx.t(parsed.error === 'usage' ? 'due-usage' : `invoice-error-${parsed.error}`))
    const unpaid = services.orders.unpaid(client.id)
    const locale = await ctx.i18n.getLocale()
    const named = parsed.orderId === undefined ? undefined : unpaid.find((o) => o.id === parsed.orderId)
    if (parsed.orderId !== undefined && !named) {
      const list = unpaid.length > 0 ? invoiceList(ctx, unpaid, locale) : ''
      return reply(ctx.t('due-not-found', { id: String(parsed.orderId), list, count: unpaid.length }))
    }
    const [only] = unpaid
    if (!named && !only) return reply(ctx.t('paid-none'))
    if (!named && unpaid.length > 1) {
      return reply(ctx.t('due-choose', { list: invoiceList(ctx, unpaid, locale), id: String(only?.id ?? '') }))
    }
    const order = (named ?? only) as OrderRow
    const c = content.get()
    const now = clock.now()
    const moved = services.orders.moveDue(order.id, parsed.dueDate)
    if (moved.status !== 'moved') {
      return reply(ctx.t('due-same', { id: String(order.id), due: orderDue(order, c, locale, now) ?? '' }))
    }
    ctx.log.info({ orderId: order.id, clientId: client.id, from: moved.from, to: parsed.dueDate }, 'due date moved')
    const v = voice(client)
    const failure = tellClient(
      ctx,
      client,
      v.t('payment-due-moved', {
        name: v.name,
        id: String(order.id),
        due: orderDue(moved.order, c, v.locale, now) ?? '',
      }),
    )
    const { reminders } = moved
    // Held by a linked invoice's payment: the new date is kept, and its reminders still wait for the answer
    const heldBy = moved.order.remindersHeldBy
    const vars = {
      by: staffName(ctx),
      id: String(order.id),
      amount: orderAmount(order, locale),
      to: orderDue(moved.order, c, locale, now) ?? '',
    }
    const remindersLine =
      heldBy !== null
        ? remindersHeld(ctx.t.bind(ctx), heldBy)
        : reminders.length > 0
          ? remindersListLine(ctx, client, locale, reminders)
          : ctx.t('due-moved-no-reminders')
    // The invoice's summary in the topic read the old date and its reminders: it reads the new
    // ones now, in one edit through the group's lane (its 20 a minute), not left to contradict this
    const edited = services.handoff.route.invoiceRewritten(order.id, (text) =>
      summaryDueMoved(ctx, text, ctx.t('invoice-created-due-moved', { due: vars.to, by: vars.by }), remindersLine),
    )
    const lines = [
      moved.from === null
        ? ctx.t('due-set', vars)
        : ctx.t('due-moved', { ...vars, from: orderDue({ dueDate: moved.from }, c, locale, now) ?? '' }),
      remindersLine,
      ...(reminders.length > 0 && heldBy === null ? planned(ctx, client) : []),
      ...(edited ? [ctx.t('due-summary-edited')] : []),
      ...(failure ? [ctx.t('client-not-told', { reason: failure })] : []),
    ]
    return reply(lines.join('\n'))
  })

  topic.command('paid', async (ctx) => {
    const reply = (text: string, keyboard?: InlineKeyboard) =>
      answerStaff(deps, ctx, text, { clientId: ctx.topicClient.id, ...(keyboard ? { keyboard } : {}) })
    const client = ctx.topicClient
    const arg = ctx.match.trim().replace(/^[#№]\s*/, '')
    const id = Number(arg)
    if (arg !== '') {
      const order = Number.isSafeInteger(id) && id > 0 ? services.orders.get(id) : undefined
      if (order && order.clientId === client.id) return settle(ctx, order)
      // Not theirs (or no such number): the ones they do have to pay, so the next /paid is right
      const unpaid = services.orders.unpaid(client.id)
      const locale = await ctx.i18n.getLocale()
      return reply(
        [
          ctx.t('paid-not-found', { id: arg }),
          unpaid.length > 0
            ? ctx.t('paid-not-found-unpaid', { list: invoiceList(ctx, unpaid, locale), count: unpaid.length })
            : ctx.t('paid-not-found-none'),
        ].join('\n'),
      )
    }
    const unpaid = services.orders.unpaid(client.id)
    const [only] = unpaid
    if (!only) return reply(ctx.t('paid-none'))
    if (unpaid.length === 1) return settle(ctx, only)
    return reply(ctx.t('paid-choose'), await orderChooser(ctx, unpaid, 'paid'))
  })

  /** The invoices to choose from, one button each (as /paid's and /done's choosers show them). */
  async function orderChooser(ctx: BotContext, orders: readonly OrderRow[], action: 'paid' | 'done') {
    const locale = await ctx.i18n.getLocale()
    const keyboard = new InlineKeyboard()
    for (const order of orders.slice(0, 20)) {
      const item = ctx.t('paid-choose-item', {
        id: String(order.id),
        amount: orderAmount(order, locale),
        what: orderSuffix(order, content, locale),
      })
      // Which work is done: the unpaid ones are marked (the work may not have begun)
      const unpaid = action === 'done' && order.status === 'unpaid'
      const label = unpaid ? ctx.t('done-choose-unpaid', { item: clip(item, 45) }) : clip(item, 60)
      keyboard.text(label, payCallback.pack(action, order.id)).row()
    }
    return keyboard
  }

  topic.command('done', async (ctx) => {
    const reply = (text: string, keyboard?: InlineKeyboard) =>
      answerStaff(deps, ctx, text, { clientId: ctx.topicClient.id, ...(keyboard ? { keyboard } : {}) })
    const client = ctx.topicClient
    const arg = ctx.match.trim().replace(/^[#№]/, '')
    const id = arg === '' ? undefined : Number(arg)
    if (id !== undefined && !(Number.isSafeInteger(id) && id > 0)) return reply(await doneNotFound(ctx, client.id, arg))
    // Several orders under way: the newest may be an unpaid one the work has not started on (a
    // prepayment and its balance are one order, marked together)
    const open = id === undefined ? services.orders.openJobs(client.id) : []
    if (open.length > 1) return reply(ctx.t('done-choose'), await jobChooser(ctx, open))
    return answerDone(ctx, client.id, id, arg)
  })

  /** The orders under way to choose from for /done, one button each, with the invoices they are billed in. */
  async function jobChooser(ctx: BotContext, jobs: readonly OrderJob[]) {
    const locale = await ctx.i18n.getLocale()
    const keyboard = new InlineKeyboard()
    for (const { orders } of jobs.slice(0, 20)) {
      const [first, ...parts] = orders
      if (!first) continue
      let item = ctx.t('paid-choose-item', {
        id: String(first.id),
        amount: orderAmount(first, locale),
        what: orderSuffix(first, content, locale),
      })
      if (parts.length > 0) item = ctx.t('done-choose-parts', { item, parts: invoiceNumbers(ctx, parts, locale) })
      // The unpaid ones are marked: the work may not have begun
      const unpaid = orders.every((o) => o.status === 'unpaid')
      const label = unpaid ? ctx.t('done-choose-unpaid', { item: clip(item, 45) }) : clip(item, 60)
      keyboard.text(label, payCallback.pack('done', first.id)).row()
    }
    return keyboard
  }

  /**
   * A number after /done that is none of the client's invoices (or a cancelled one): said so, with
   * the invoices whose work is still to mark, as /paid names the unpaid ones — the next /done is right.
   */
  async function doneNotFound(ctx: BotContext, clientId: number, arg: string): Promise<string> {
    const open = services.orders.notDone(clientId)
    const locale = await ctx.i18n.getLocale()
    return [
      ctx.t('done-not-found', { id: arg }),
      open.length > 0
        ? ctx.t('done-not-found-open', { list: invoiceList(ctx, open, locale), count: open.length })
        : ctx.t('done-not-found-none'),
    ].join('\n')
  }

  /**
   * Records the work done (through the service's `markDone`: of `id`, or of the one invoice under
   * way) and answers the staff with what follows; false when it was refused.
   */
  async function answerDone(
    ctx: BotContext,
    clientId: number,
    id: number | undefined,
    arg = String(id ?? ''),
  ): Promise<boolean> {
    const reply = (text: string) => answerStaff(deps, ctx, text, { clientId })
    const result = services.orders.markDone(clientId, id)
    if (!result.ok && result.error === 'taken-back') {
      // Named, so the manager sees which invoice a bare /done was taken for and why it stops there
      const [only, ...more] = result.orders
      const item = (o: OrderRow) => ({ id: String(o.id), status: o.status })
      const orders = result.orders.map((o) => ctx.t('done-taken-back-item', item(o))).join(', ')
      await reply(
        only && more.length === 0
          ? ctx.t('done-taken-back-one', item(only))
          : ctx.t('done-taken-back-many', { orders }),
      )
      return false
    }
    if (!result.ok && result.error !== 'already') {
      await reply(
        result.error === 'refunded' ? ctx.t('done-refunded', { id: arg }) : await doneNotFound(ctx, clientId, arg),
      )
      return false
    }
    const locale = await ctx.i18n.getLocale()
    const client = services.clients.get(clientId)
    const when = (at: number) => staffWhen(ctx, client, locale, at)
    if (!result.ok) {
      // Marked before: said plainly, with when; nothing is planned or recorded again
      let head: string
      let several = false
      if ('at' in result) head = ctx.t('done-already-no-order', { date: when(result.at) })
      else {
        const [only, ...more] = result.orders
        // One order billed in parts (a prepayment and its balance) is one piece of work
        several = !only || more.some((d) => jobOf(d.order) !== jobOf(only.order))
        head =
          only && !several
            ? more.length === 0
              ? ctx.t('done-already', { id: String(only.order.id), date: when(only.at) })
              : ctx.t('done-already-job', {
                  id: String(jobOf(only.order)),
                  ids: invoiceNumbers(
                    ctx,
                    result.orders.map((d) => d.order),
                    locale,
                  ),
                  date: when(only.at),
                })
            : ctx.t('done-already-many', {
                orders: result.orders
                  .map((d) => ctx.t('done-already-item', { id: String(d.order.id), date: when(d.at) }))
                  .join('; '),
              })
      }
      // The check-in of the one piece of work: still to come, or gone (or dropped)
      const checkin = several
        ? []
        : [
            result.checkinAt !== undefined
              ? ctx.t('done-checkin-planned', { date: when(result.checkinAt) })
              : ctx.t('done-checkin-over'),
          ]
      await reply([head, ...checkin].join('\n'))
      return false
    }
    ctx.log.info({ clientId, orderId: result.order?.id, orders: result.orders.map((o) => o.id) }, 'service marked done')
    const [only, ...more] = result.orders
    const lines = [
      // An order billed in parts is named with them: they are all marked
      only && more.length > 0
        ? ctx.t('done-job', { id: String(jobOf(only)), ids: invoiceNumbers(ctx, result.orders, locale) })
        : only
          ? ctx.t('done-order', { id: String(only.id) })
          : ctx.t('done-no-order'),
      // The client asked for no more questions after an order: none planned, and why
      result.declinedAt !== undefined
        ? ctx.t('done-questions-declined', {
            date: shortDay(result.declinedAt, content.get().business.timezone, locale),
          })
        : result.checkinAt !== undefined
          ? ctx.t(result.checkinBefore ? 'done-checkin-planned' : 'done-checkin', { date: when(result.checkinAt) })
          : ctx.t('done-checkin-over'),
      ...(result.npsAt ? [ctx.t('done-nps', { date: when(result.npsAt) })] : []),
      // Those questions wait for an open request to close (followups/policy.ts): said now, not found out later
      ...((result.checkinAt !== undefined || result.npsAt) && services.handoff.current(clientId)
        ? [ctx.t('done-request-open')]
        : []),
    ]
    if (client && (result.checkinAt !== undefined || result.npsAt)) lines.push(...planned(ctx, client))
    await reply(lines.join('\n'))
    return true
  }

  // ---------------------------------------------------------------- buttons

  // Staff's answer to "a part of the order under way, or a new order?": the held invoice goes
  scopes.staffGroup.callbackQuery(jobCallback.filter, async (ctx) => {
    const [heldId, choice] = jobCallback.unpack(ctx.callbackQuery.data) ?? []
    if (heldId === undefined || choice === undefined) return ctx.answerCallbackQuery()
    if (!ctx.staffRole) return ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
    const held = services.orders.heldInvoice(heldId)
    if (held && (await refusedInAnotherTopic(ctx, held.clientId))) return
    // Taken once: a colleague's press a moment earlier, or a double tap, sent it already
    const taken = held && services.orders.takeHeldInvoice(heldId)
    if (!taken) {
      await ctx.answerCallbackQuery({ text: ctx.t('invoice-part-answered') })
      return removeButtons(ctx)
    }
    await ctx.answerCallbackQuery()
    await markPressed(ctx, staffName(ctx))
    const client = services.clients.get(taken.clientId)
    if (!client) return
    // Answered days later: an invoice due on a day gone by would be overdue as it arrives
    const c = content.get()
    if (isOverdue(taken.draft, clock.now(), c.business.timezone)) {
      const due = orderDue(taken.draft, c, await ctx.i18n.getLocale(), clock.now()) ?? ''
      return answerStaff(deps, ctx, ctx.t('invoice-part-due-past', { due }), { clientId: client.id })
    }
    await issueInvoice(ctx, client, taken.draft, {
      createdBy: taken.createdBy,
      source: { chatId: taken.sourceChatId, messageId: taken.sourceMessageId },
      ...(choice === 'new' ? {} : { partOf: choice }),
    })
  })

  // Staff's answer about an invoice whose reminders a linked invoice's payment held: cancel it
  // (asked first; its "yes" cancels it as the summary's does), or a separate order — keep reminding
  scopes.staffGroup.callbackQuery(linkedCallback.filter, async (ctx) => {
    const [action, orderId] = linkedCallback.unpack(ctx.callbackQuery.data) ?? []
    if (action === undefined || orderId === undefined) return ctx.answerCallbackQuery()
    if (!ctx.staffRole) return ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
    const order = services.orders.get(orderId)
    if (order && (await refusedInAnotherTopic(ctx, order.clientId))) return
    // Answered already: resumed, cancelled, or paid meanwhile (a double tap, a colleague's press)
    if (order?.status !== 'unpaid' || order.remindersHeldBy === null) {
      await ctx.answerCallbackQuery({ text: ctx.t('linked-held-answered') })
      return removeButtons(ctx)
    }
    const t = ctx.t.bind(ctx)
    if (action === 'cancel' || action === 'back') {
      await ctx.answerCallbackQuery()
      return replaceButtons(
        ctx,
        action === 'cancel' ? linkedCancelAskKeyboard(t, order.id) : linkedHeldKeyboard(t, order.id),
      )
    }
    if (action === 'yes') {
      await ctx.answerCallbackQuery()
      // The question is answered: marked so here (the invoice's summary says it is cancelled itself)
      const took = await answerPayButton(ctx, 'cancel', order)
      return took ? markPressed(ctx, staffName(ctx)) : removeButtons(ctx)
    }
    const resumed = services.orders.resumeReminders(order.id)
    if (!resumed) {
      await ctx.answerCallbackQuery({ text: ctx.t('linked-held-answered') })
      return removeButtons(ctx)
    }
    await ctx.answerCallbackQuery()
    ctx.log.info({ orderId: order.id, paid: resumed.heldBy }, 'a held invoice is a separate order: reminders go on')
    await markPressed(ctx, staffName(ctx))
    const locale = await ctx.i18n.getLocale()
    // The summary said they were paused: it lists them again, each at the time it goes now
    const client = services.clients.get(order.clientId)
    const ahead = services.followups
      .paymentRemindersAhead(order.clientId, order.id)
      .map(({ job, goes }) => ({ sendsAt: goes ?? job.runAt }))
    const line = ahead.length > 0 ? remindersListLine(ctx, client, locale, ahead) : ctx.t('invoice-summary-none-ahead')
    services.handoff.route.invoiceRewritten(order.id, (text) => withRemindersLine(t, text, line))
    await answerStaff(
      deps,
      ctx,
      ctx.t('linked-held-resumed', { id: String(order.id), amount: orderAmount(order, locale), by: staffName(ctx) }),
      { clientId: order.clientId },
    )
  })

  // The client's "I paid", in their private chat, on their own order
  scopes.private.callbackQuery(payCallback.filter, async (ctx, next) => {
    const [action, orderId] = payCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (action !== 'claim' || orderId === undefined || !client) return next()
    const result = services.orders.clientReportsPaid(orderId, client.id)
    if (result.status === 'not-found') return next()
    if (result.status !== 'reported') {
      const key = {
        already: 'payment-reported-already',
        paid: 'payment-already-paid',
        refunded: 'payment-refunded',
        closed: 'payment-closed',
      } as const
      return ctx.answerCallbackQuery({ text: ctx.t(key[result.status]) })
    }
    const { thanks, closed } = tellPaidReported(deps, client, result.order)
    await ctx.answerCallbackQuery(closed ? { text: thanks, show_alert: true } : undefined)
  })

  // Staff buttons: only in the staff group, only for staff (checked on every press)
  scopes.staffGroup.callbackQuery(payCallback.filter, async (ctx, next) => {
    const [action, orderId] = payCallback.unpack(ctx.callbackQuery.data) ?? []
    if (action === undefined || action === 'claim' || orderId === undefined) return next()
    if (!ctx.staffRole) return ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
    const order = services.orders.get(orderId)
    if (!order) return next()
    if (await refusedInAnotherTopic(ctx, order.clientId)) return
    await ctx.answerCallbackQuery()
    // Cancelling is asked first: one slip told the client their invoice was cancelled, for good
    // (An invoice no longer unpaid is said so by the cancel itself: invoice-cancel-late)
    if ((action === 'cancel' && order.status === 'unpaid') || action === 'keep') {
      const t = ctx.t.bind(ctx)
      const markup = action === 'cancel' ? cancelInvoiceAskKeyboard(t, order.id) : cancelInvoiceKeyboard(t, order.id)
      return replaceButtons(ctx, markup)
    }
    const cancel = action === 'cancelyes'
    const took = await answerPayButton(ctx, cancel ? 'cancel' : action, order)
    // The invoice's summary, cancelled, says so itself, with who cancelled it and without its
    // buttons, in one edit (`invoiceSettled`): marked here too, it was edited twice, the second
    // time to what it showed already
    if (took && cancel) return
    // Answered: the buttons go, and — where this press is the one that counted — the post says who
    // pressed which. A press a moment after a colleague's carries the post as it was before theirs:
    // marked, it would write over the line that says who answered
    await (took ? markPressed(ctx, staffName(ctx)) : removeButtons(ctx))
  })

  /** What a staff payment button does; false when it did nothing (answered or settled already). */
  async function answerPayButton(
    ctx: BotContext,
    action: 'ok' | 'no' | 'paid' | 'done' | 'cancel',
    order: OrderRow,
  ): Promise<boolean> {
    const reply = (text: string) => answerStaff(deps, ctx, text, { clientId: order.clientId })
    if (action === 'ok' || action === 'paid') return settle(ctx, order)
    if (action === 'done') return answerDone(ctx, order.clientId, order.id)
    if (action === 'no') {
      const reopened = services.orders.rejectClientReport(order.id)
      if (!reopened) {
        // A second press (another manager, or a stale message): still unpaid means the client's
        // report was answered already, not that the invoice was cancelled
        const now = services.orders.get(order.id) ?? order
        await reply(
          now.status === 'unpaid'
            ? ctx.t('paid-rejected-already', { id: String(order.id) })
            : await settledAlready(ctx, now),
        )
        return false
      }
      const client = services.clients.get(order.clientId)
      let failure: string | undefined
      if (client) {
        const v = voice(client)
        failure = tellClient(
          ctx,
          client,
          v.t('payment-not-received', { name: v.name, id: String(order.id) }),
          menuMarkup(deps, client, v.t),
        )
      }
      await reply(
        failure
          ? `${ctx.t('paid-rejected-untold', { by: staffName(ctx) })}\n${ctx.t('client-not-told', { reason: failure })}`
          : ctx.t('paid-rejected-staff', { by: staffName(ctx) }),
      )
      return true
    }
    // cancel
    const cancelled = services.orders.cancel(order.id, ctx.from?.id ?? null)
    if (!cancelled) {
      // As it is now: the order was read before the answers above, and a payment may have landed meanwhile
      const status = services.orders.get(order.id)?.status ?? order.status
      await reply(ctx.t('invoice-cancel-late', { id: String(order.id), status }))
      return false
    }
    const client = services.clients.get(order.clientId)
    let failure: string | undefined
    if (client) {
      const v = voice(client)
      failure = tellClient(
        ctx,
        client,
        v.t('invoice-cancelled-client', { id: String(order.id), amount: orderAmount(order, v.locale) }),
      )
    }
    const done = ctx.t('invoice-cancelled-staff', { id: String(order.id), by: staffName(ctx) })
    await reply(failure ? `${done}\n${ctx.t('client-not-told', { reason: failure })}` : done)
    return true
  }
}

/**
 * The payment confirmations held back while the client's chat with the owner's account was
 * closed to the bot (`settle`), sent once they write again and may be written to — in that
 * chat, or in the bot's if they wrote there — each once; the topic is told it went. Staff
 * confirmed the money: the confirmation is true whenever it comes, and the client who writes
 * "I paid, why no answer?" is answered by it. Run after the message is handled, so the topic
 * reads the client's words first.
 */
export function sendHeldConfirmations(deps: Deps, ctx: BotContext): void {
  const { services, config } = deps
  if (!ctx.client || !ctx.message || !services.orders.hasHeldConfirmation(ctx.client.id)) return
  // As it is now: the handling of this message moved them (lastSeenAt), and the row read with the update did not
  const client = services.clients.get(ctx.client.id)
  if (!client || client.deletedAt !== null || services.business.route(client).via === 'blocked') return
  const orders = services.orders.takeHeldConfirmations(client.id)
  if (orders.length === 0) return
  const v = clientVoice(deps, client)
  for (const order of orders) {
    const text = v.t('payment-confirmed', { name: v.name, id: String(order.id), amount: orderAmount(order, v.locale) })
    // The bot's own word, not a staff answer (by: null): the client's question still waits for one
    if (!services.handoff.sendToClient(client.id, { text }, null)) continue
    ctx.log.info({ clientId: client.id, orderId: order.id }, 'a held payment confirmation sent')
    services.handoff.notifyTopic(client.id, [
      {
        key: 'paid-confirmation-sent-later',
        args: { id: String(order.id), amount: orderAmount(order, config.DEFAULT_LOCALE) },
      },
    ])
  }
}

/**
 * `order` was just paid (in Telegram, or confirmed by staff) and invoices linked to it
 * (`orders.markPaid`: one issued while the other waited, named by its summary as one it may
 * replace) stand: for each paid already (`paidToo`), the topic and the owners read that the client
 * may have paid for one thing twice, which two and how to give one back — nothing goes back by
 * itself: a person decides; for each still unpaid whose reminders this payment held (`held`), the
 * topic is asked, under it, to cancel it or to keep reminding (a separate order). Told after the
 * payment's own line.
 */
export function tellLinkedPayment(
  deps: Deps,
  { order, paidToo, held }: { order: OrderRow; paidToo: readonly OrderRow[]; held: readonly OrderRow[] },
): void {
  const { services, i18n, config } = deps
  const locale = config.DEFAULT_LOCALE
  const staffT: Translate = (key, vars) => i18n.t(locale, key, vars)
  const how = (o: OrderRow) => (o.paidVia === 'stars' ? 'stars' : 'other')
  for (const other of paidToo) {
    const [older, newer] = other.id < order.id ? [other, order] : [order, other]
    const ids = { older: String(older.id), newer: String(newer.id), olderHow: how(older), newerHow: how(newer) }
    services.staffBridge.post(
      order.clientId,
      staffT('linked-paid-twice', {
        ...ids,
        olderAmount: orderAmount(older, locale),
        newerAmount: orderAmount(newer, locale),
      }),
    )
    const money = (o: OrderRow) => ({ money: { minor: o.amount, currency: o.currency } })
    services.handoff.notifyOwners(
      [{ key: 'owner-linked-paid-twice', args: { ...ids, olderAmount: money(older), newerAmount: money(newer) } }],
      order.clientId,
    )
  }
  for (const unpaid of held) {
    const text = staffT('linked-held', {
      id: String(unpaid.id),
      amount: orderAmount(unpaid, locale),
      paid: String(order.id),
      paidAmount: orderAmount(order, locale),
      newer: unpaid.id > order.id ? 'yes' : 'no',
    })
    services.staffBridge.post(order.clientId, text, toButtons(linkedHeldKeyboard(staffT, unpaid.id)))
    // Its summary above listed the reminders as still to go: it says they wait for this answer
    services.handoff.route.invoiceRewritten(unpaid.id, (summary) =>
      withRemindersLine(staffT, summary, remindersHeld(staffT, order.id)),
    )
  }
}

/**
 * The menu and a person under a word to the client about their invoice, as the chat they are in
 * now takes it (`clientMarkup`: none of it in the owner's own chat); undefined for no buttons.
 */
function menuMarkup(deps: Deps, client: ClientRow, t: Translate): InlineKeyboardMarkup | undefined {
  const route = deps.services.business.route(client)
  const where = { businessConnectionId: route.via === 'business' ? route.connectionId : undefined }
  return clientMarkup(where, menuKeyboard(t, !deps.services.handoff.isOpen(client.id))).reply_markup
}

/**
 * The client reported `order` paid (its "I've paid" button, or the same in words: "я оплатил"):
 * staff are asked to confirm it, with "Оплата пришла / Не получена" (`words`: what they wrote,
 * where the topic does not get the message itself), and the client is thanked. The thank-you
 * goes through the outbox, not a reply: a button pressed in the owner's business chat does not
 * open it to the bot (only the client's message does). Where the bot may not write there now
 * (`closed`), the caller thanks them in the press's own answer (Telegram's 24 hours do not limit it).
 */
export function tellPaidReported(
  deps: Deps,
  client: ClientRow,
  order: OrderRow,
  words?: string,
): { thanks: string; closed: boolean } {
  const { services, i18n, config, content } = deps
  const v = clientVoice(deps, client)
  const closed = services.business.route(client).via === 'blocked'
  // No "confirm here" where the confirmation could not follow
  const thanks = v.t(closed ? 'payment-reported-closed' : 'payment-reported', { name: v.name })
  // Staff first: the report is recorded and reminders wait for their answer, so it must reach
  // them whatever becomes of the thank-you below
  const staffT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)
  const what = orderSuffix(order, content, config.DEFAULT_LOCALE)
  const request = staffT('paid-confirm-request', {
    id: String(order.id),
    amount: orderAmount(order, config.DEFAULT_LOCALE),
    what,
    stop: endsSentence(what),
  })
  services.staffBridge.post(
    client.id,
    words === undefined ? request : `${request}\n${staffT('paid-confirm-words', { words })}`,
    reportAnswerKeyboard(staffT, order.id),
  )
  // The bot's own word, not the team's answer (by: null)
  if (!closed) {
    const markup = menuMarkup(deps, client, v.t)
    services.handoff.sendToClient(client.id, { text: thanks, ...(markup ? { buttons: toButtons(markup) } : {}) }, null)
  }
  return { thanks, closed }
}
