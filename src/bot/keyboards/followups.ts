import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import type { ReviewLink } from '../../content/schema.ts'
import { pickText } from '../../content/text.ts'
import { reviewLinkFingerprint } from '../../services/followups/index.ts'
import { defineCallback, idPart } from '../callback-data.ts'
import type { Translate } from '../context.ts'
import { menuCallback } from './main-menu.ts'

/**
 * Payment buttons. `claim`: the client says they paid (their own order only); `ok`/`no`:
 * staff answer that claim; `paid`: staff pick the order /paid settles; `cancel`: staff
 * cancel an invoice. Staff actions check the role on every press.
 */
export const payCallback = defineCallback('pay', [
  z.enum(['claim', 'ok', 'no', 'paid', 'done', 'cancel', 'cancelyes', 'keep']),
  idPart,
])

/**
 * Staff's answer to "is this invoice a part of an order under way?" (src/bot/features/orders.ts):
 * the held invoice's id, then an invoice of the order it is a part of, or `new`.
 */
export const jobCallback = defineCallback('invj', [idPart, z.union([z.literal('new'), idPart])])

/**
 * Staff's answer about an unpaid invoice whose reminders a linked invoice's payment held
 * (src/bot/features/orders.ts, `tellLinkedPayment`): `cancel` asks first, `yes` then cancels the
 * invoice (as the summary's `pay:cancelyes` does, and marks the question answered), `back` leaves
 * the question as it was, `resume` says it is a separate order and lets its reminders go. The held
 * invoice's id.
 */
export const linkedCallback = defineCallback('lnk', [z.enum(['cancel', 'yes', 'back', 'resume']), idPart])

/**
 * The staff buttons about an order that do nothing once it is paid, cancelled or refunded:
 * answering the client's "I paid", settling it from a chooser, cancelling it, answering about
 * its held reminders. ("Done" stays: the work may still be under way.)
 */
export const settledOrderButtons = (orderId: number): string[] => [
  ...(['ok', 'no', 'paid', 'cancel', 'cancelyes', 'keep'] as const).map((action) => payCallback.pack(action, orderId)),
  ...(['cancel', 'yes', 'back', 'resume'] as const).map((action) => linkedCallback.pack(action, orderId)),
]

/** "Cancel invoice #N" under the invoice's summary, and the question it asks before it does. */
export const cancelInvoiceKeyboard = (t: Translate, orderId: number): InlineKeyboard =>
  new InlineKeyboard().text(t('invoice-cancel-button'), payCallback.pack('cancel', orderId))
export const cancelInvoiceAskKeyboard = (t: Translate, orderId: number): InlineKeyboard =>
  new InlineKeyboard()
    .text(t('invoice-cancel-yes'), payCallback.pack('cancelyes', orderId))
    .text(t('invoice-cancel-keep'), payCallback.pack('keep', orderId))

/** Under the question about an invoice whose reminders a linked payment held: cancel it, or keep reminding. */
export const linkedHeldKeyboard = (t: Translate, orderId: number): InlineKeyboard =>
  new InlineKeyboard()
    .text(t('linked-held-cancel', { id: String(orderId) }), linkedCallback.pack('cancel', orderId))
    .row()
    .text(t('linked-held-resume'), linkedCallback.pack('resume', orderId))
/** Its cancel, asked first: "yes, cancel" (the question is answered), or back to the question. */
export const linkedCancelAskKeyboard = (t: Translate, orderId: number): InlineKeyboard =>
  new InlineKeyboard()
    .text(t('linked-held-cancel-yes', { id: String(orderId) }), linkedCallback.pack('yes', orderId))
    .text(t('invoice-cancel-keep'), linkedCallback.pack('back', orderId))

/** The staff's answers to a client's "I paid": "it came", "not yet". */
const REPORT_ANSWERS = [
  ['ok', 'paid-confirm-yes'],
  ['no', 'paid-confirm-no'],
] as const

/** The answers under the request to check a client's "I paid" and under each reminder of it. */
export const reportAnswerKeyboard = (t: Translate, orderId: number): { text: string; data: string }[][] => [
  REPORT_ANSWERS.map(([action, key]) => ({ text: t(key), data: payCallback.pack(action, orderId) })),
]

/** Their data: the buttons that do nothing once the report is answered. */
export const reportAnswerButtons = (orderId: number): string[] =>
  REPORT_ANSWERS.map(([action]) => payCallback.pack(action, orderId))

/** Check-in rating 1–5 for the check-in job `jobId`. */
export const checkinCallback = defineCallback('ci', [idPart, z.coerce.number().int().min(1).max(5)])
/** NPS 0–10 for the NPS job `jobId`. */
export const npsCallback = defineCallback('nps', [idPart, z.coerce.number().int().min(0).max(10)])
/**
 * A review link for the review job `jobId`: its index in `followups.review_links` and the
 * fingerprint of its URL when the request was sent (buttons sent before the fingerprint
 * have only the index). A URL button cannot be counted, so the button is a callback: the
 * click is recorded, then the link is sent as a URL button.
 */
export const reviewCallback = defineCallback('rv', [
  idPart,
  z.coerce.number().int().min(0).max(20),
  z
    .string()
    .regex(/^[0-9a-f]{6}$/)
    .optional(),
])
/** Staff cancel a scheduled follow-up (job id). */
export const cancelFollowupCallback = defineCallback('fux', [idPart])

/**
 * "Talk to a manager" on a row of its own after `keyboard`'s, when `manager`: every follow-up's
 * keyboard offers a way to a human (docs/managers.md, Follow-ups) — but not to a client whose
 * request is open (the caller asks `handoff.isOpen`): they are with a person already, and the
 * button under an invoice a manager had just issued in their chat read as if nobody were.
 */
function withManager(t: Translate, keyboard: InlineKeyboard, manager: boolean): InlineKeyboard {
  // (No empty row where the buttons before it ended theirs: each review link ends its row)
  if (keyboard.inline_keyboard.at(-1)?.length === 0) keyboard.inline_keyboard.pop()
  return manager ? keyboard.row().text(t('menu-manager'), menuCallback.pack('manager')) : keyboard
}

/** "I paid" and "talk to a manager" (`manager`): under every invoice and payment reminder. */
export function paymentKeyboard(t: Translate, orderId: number, manager: boolean): InlineKeyboard {
  return withManager(
    t,
    new InlineKeyboard().text(t('payment-paid-button'), payCallback.pack('claim', orderId)),
    manager,
  )
}

/** Under one reminder of several invoices: an "I paid" for each, then "talk to a manager" (`manager`). */
export function paymentTogetherKeyboard(t: Translate, orderIds: readonly number[], manager: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (const id of orderIds) {
    keyboard.text(t('payment-together-paid-button', { id: String(id) }), payCallback.pack('claim', id)).row()
  }
  return withManager(t, keyboard, manager)
}

/** 1–5, then "talk to a manager" (`manager`) on its own row. */
export function checkinKeyboard(t: Translate, jobId: number, manager: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (let score = 1; score <= 5; score++) keyboard.text(String(score), checkinCallback.pack(jobId, score))
  return withManager(t, keyboard, manager)
}

/** 0–10 on two rows (Telegram takes at most 8 buttons in a row), then a manager (`manager`). */
export function npsKeyboard(t: Translate, jobId: number, manager: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (let score = 0; score <= 10; score++) {
    keyboard.text(String(score), npsCallback.pack(jobId, score))
    if (score === 5) keyboard.row()
  }
  return withManager(t, keyboard, manager)
}

/** One button per review link, then a manager (`manager`). */
export function reviewKeyboard(
  t: Translate,
  links: readonly ReviewLink[],
  jobId: number,
  locale: string,
  manager: boolean,
): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  links.forEach((link, index) => {
    keyboard.text(pickText(link.name, locale), reviewCallback.pack(jobId, index, reviewLinkFingerprint(link))).row()
  })
  return withManager(t, keyboard, manager)
}

/** The menu and a person (`manager`): under marketing messages. */
export function menuKeyboard(t: Translate, manager: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(t('menu-back'), menuCallback.pack('main'))
  return manager ? keyboard.text(t('menu-manager'), menuCallback.pack('manager')) : keyboard
}
