/**
 * Saved replies (the content file's `replies:`): finding one by name and filling
 * its variables from the client's data (money as src/money.ts writes it, times
 * in the business's time zone). Pure: the caller loads the data and
 * renders the buttons. A variable whose data the client does not have (no call
 * booked, no unpaid invoice) is not left blank: the reply is refused with what
 * it needs, so the manager can say it in their own words.
 */
import type { ClientRow, OrderRow } from '../../../db/schema.ts'
import { fillTemplate, type ReplyVariable, templateVariables } from '../../content/replies.ts'
import type { Content, ReplyButton, SavedReply } from '../../content/schema.ts'
import { pickText } from '../../content/text.ts'
import { calendarDate, clientName, dayAndTime, describeWorkingHours } from '../../format.ts'
import { formatMoney } from '../../money.ts'
import { nameForReader } from '../../name-spellings.ts'
import { isOverdue } from '../orders.ts'

/**
 * What the client's data must hold for a reply: an upcoming call, an unpaid invoice, its due
 * date — one still ahead (`order_overdue`: "ждёт оплаты до 11 января" on the 16th is false).
 */
export type ReplyNeed = 'call' | 'order' | 'order_due' | 'order_overdue'

/** The client's data a reply may use. */
export interface ReplyData {
  client: Pick<ClientRow, 'displayName' | 'firstName'>
  /** The name of the manager who sends the reply, as the team knows them (written for the client's reader). */
  manager: string
  /**
   * When the client's next booked call happens (UTC ms): its start, or the time promised for "call
   * me now" — and its zone as the client reads it (with their own clock beside ours, /timezone).
   */
  nextCall?: { at: number; zone: string }
  /** The client's latest unpaid invoice. */
  unpaidOrder?: Pick<OrderRow, 'id' | 'amount' | 'currency' | 'dueDate'>
  now: number
}

export interface FilledReply {
  name: string
  text: string
  buttons: ReplyButton[]
  links: { label: string; url: string }[]
  /** The invoice the _Pay_ button opens. */
  orderId: number | null
}

export type FillResult = { ok: true; reply: FilledReply } | { ok: false; needs: ReplyNeed[] }

const NEEDS: Partial<Record<ReplyVariable, ReplyNeed>> = {
  next_call: 'call',
  order_amount: 'order',
  order_number: 'order',
  order_due: 'order_due',
}

/** The saved reply with this name (case-insensitive). */
export function findReply(content: Content, name: string): SavedReply | undefined {
  const wanted = name.trim().toLowerCase()
  return content.replies.find((reply) => reply.name === wanted)
}

/**
 * The reply in `locale` with every variable filled in, or what the client's data
 * lacks for it. Times are shown in the business's time zone.
 */
export function fillReply(reply: SavedReply, locale: string, data: ReplyData, content: Content): FillResult {
  const template = pickText(reply.text, locale)
  const { business } = content
  const tz = business.timezone
  const order = data.unpaidOrder
  // Past its due day, as the order's state says it everywhere
  const overdue = order !== undefined && isOverdue(order, data.now, tz)
  const values: Partial<Record<ReplyVariable, string>> = {
    name: clientName(data.client),
    // As the client reads it: "Анна" is Anna to a client who talks to the bot in English
    manager: nameForReader(data.manager, locale),
    business_name: pickText(business.name, locale),
    hours: describeWorkingHours(content, locale),
    ...(business.contacts.phone ? { business_phone: business.contacts.phone } : {}),
    ...(business.contacts.email ? { business_email: business.contacts.email } : {}),
    ...(business.contacts.telegram ? { business_telegram: business.contacts.telegram } : {}),
    ...(business.contacts.website ? { website: business.contacts.website } : {}),
    ...(business.contacts.address ? { address: pickText(business.contacts.address, locale) } : {}),
    ...(business.payment_details ? { payment_details: pickText(business.payment_details, locale).trim() } : {}),
    ...(data.nextCall !== undefined
      ? { next_call: `${dayAndTime(data.nextCall.at, tz, locale)} (${data.nextCall.zone})` }
      : {}),
    ...(order
      ? {
          order_amount: formatMoney(order.amount, order.currency, locale),
          order_number: String(order.id),
          ...(order.dueDate !== null && !overdue
            ? { order_due: calendarDate(order.dueDate, tz, locale, data.now) }
            : {}),
        }
      : {}),
  }
  const needs = new Set<ReplyNeed>()
  for (const variable of templateVariables(template) as ReplyVariable[]) {
    const need = NEEDS[variable]
    if (need && values[variable] === undefined)
      needs.add(need !== 'order_due' ? need : !order ? 'order' : overdue ? 'order_overdue' : need)
  }
  if (reply.buttons.includes('pay') && !order) needs.add('order')
  if (needs.size > 0) return { ok: false, needs: [...needs] }
  return {
    ok: true,
    reply: {
      name: reply.name,
      text: fillTemplate(template, values).trim(),
      buttons: reply.buttons,
      links: reply.links.map((link) => ({ label: pickText(link.label, locale), url: link.url })),
      orderId: reply.buttons.includes('pay') && order ? order.id : null,
    },
  }
}
