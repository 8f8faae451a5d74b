/**
 * A client's words that ask to pay later than the invoice says, or name a later day for it: "Is it
 * alright if I pay the rest a bit later, maybe mid-January?", «можно оплатить в январе?», «а можно
 * отсрочку по оплате?», "could we push the payment to next month", «заплачу в пятницу», or on
 * getting the work: «оплачу при получении», «можно оплатить на месте, после работы?», "can I pay
 * on pickup?". Asked or said, they are the
 * team's to answer (a bare promise with a day, "оплачу в пятницу", is `promisesToPay`'s: the
 * reminders wait for it by themselves); the team is reminded that the invoice's reminders still go
 * by the old date, and how to move it.
 */
import type { ClientRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { NoticeLine } from '../services/handoff/model.ts'
import { monthIn, weekdayWord } from '../services/time.ts'
import { words } from '../text.ts'
import type { Translate } from './context.ts'
import { followupLabel, orderDue } from './followup-texts.ts'
import { PAID } from './typed-answers.ts'

/** Words of paying: "pay", "payment", «оплатить», «оплату», «доплачу», «перевести». */
const PAYING =
  /^(?:pay|paying|paid|payment|payments|invoice|bill|оплат\p{L}*|оплач\p{L}*|заплат\p{L}*|заплач\p{L}*|доплат\p{L}*|доплач\p{L}*|перевест\p{L}*|переведу|счет\p{L}*)$/u

/** Words of a later time, or of putting the payment off. */
const LATER =
  /^(?:later|postpone\p{L}*|delay|defer\p{L}*|extend|extension|push|mid|позже|попозже|позднее|попозднее|отсроч\p{L}*|перенест\p{L}*|перенес\p{L}*|отложит\p{L}*|середин\p{L}*)$/u

/**
 * A month named (a later date to pay by), as the rest of the bot reads one (`monthIn`): "may" aside,
 * a word of asking ("may I pay…").
 */
const namesMonth = (word: string) => word !== 'may' && monthIn(word) !== undefined

/**
 * A weekday named ("в пятницу", "on Friday"), as the rest of the bot reads one (`weekdayWord`, the
 * day readers' own): "sat" and "sun" aside, words of other things ("I sat down", "the sun").
 */
const namesWeekday = (word: string) => word !== 'sat' && word !== 'sun' && weekdayWord(word) !== undefined

/**
 * "Next month", «в следующем месяце», "after the holidays"; or when the work is handed over, not
 * now: «на месте», «при получении», «после работы», «по факту», "on pickup", "on delivery",
 * "upon receipt", "after the job".
 */
const LATER_PHRASE =
  /\b(?:next month|following month|after the holidays|(?:on|upon|at) (?:pickup|pick up|collection|delivery|receipt)|after (?:the )?(?:work|job)(?: is)?(?: done)?)\b|следующ\p{L}* месяц|после праздник|на месте|при получени|по получени|после (?:работ|выполнени|сдачи|доставки)|по факту/u

/** The payment itself named, not a paying yet to come: «оплата», «счёт», "invoice", "payment". */
const PAYMENT_NAMED = /^(?:payment|payments|invoice|bill|оплат[аеуы]|оплатой|счет\p{L}*)$/u

/**
 * Whether the client asks to pay later, or names a later day to pay by (see the file's head). A
 * day or a month named with a payment said as made («Оплатила в пятницу, проверьте пожалуйста»,
 * "paid on Friday": `PAID`, as a claim to have paid is read) is when it was paid, not a later date
 * asked — unless a paying yet to come is said with it («оплатила половину, остальное доплачу в
 * пятницу»). A word of a later time is one all the same («оплатила часть, остальное позже?»).
 */
export function asksToPayLater(text: string): boolean {
  const said = words(text)
  if (!said.some((w) => PAYING.test(w))) return false
  if (said.some((w) => LATER.test(w)) || LATER_PHRASE.test(said.join(' '))) return true
  if (!said.some((w) => namesMonth(w) || namesWeekday(w))) return false
  const toPay = (w: string) => PAYING.test(w) && !PAID.test(w) && !PAYMENT_NAMED.test(w)
  return !said.some((w) => PAID.test(w)) || said.some(toPay)
}

/**
 * The client asked to pay later (`asksToPayLater`) in their request: the topic reads, under the
 * message, each unpaid invoice whose reminders still go — its due date and when each goes, as
 * /followups says it — and how a date agreed on is set (`/due`), so a manager who says "of course,
 * mid-January is fine" does not leave the bot to remind the client of the old date. Nothing when
 * no reminder of theirs is ahead. True when the topic was told.
 */
export function notePayLaterAsked(deps: Deps, client: ClientRow, text: string): boolean {
  const { services, content, clock, config, i18n } = deps
  if (!asksToPayLater(text)) return false
  const staffT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)
  const clientTz = client.timezone
  const unpaid = services.orders.unpaid(client.id)
  const lines: NoticeLine[] = []
  let last: number | undefined
  for (const order of [...unpaid].reverse()) {
    const ahead = services.followups.paymentRemindersAhead(client.id, order.id)
    if (ahead.length === 0) continue
    last = order.id
    const amount = { money: { minor: order.amount, currency: order.currency } }
    const due = orderDue(order, content.get(), config.DEFAULT_LOCALE, clock.now())
    lines.push(
      due === undefined
        ? { key: 'pay-later-asked-undated', args: { id: String(order.id), amount } }
        : { key: 'pay-later-asked', args: { id: String(order.id), amount, due } },
    )
    for (const { job, goes } of ahead) {
      const what = followupLabel(staffT, job)
      lines.push(
        goes === undefined
          ? { key: 'pay-later-reminder-held', args: { what } }
          : { key: 'pay-later-reminder', args: { what, when: { time: goes, clientTz } } },
      )
    }
  }
  if (last === undefined) return false
  // Its number in the command only where /due would ask which invoice
  lines.push({ key: 'pay-later-move', args: { id: String(last), several: unpaid.length > 1 ? 'yes' : 'no' } })
  services.handoff.notifyTopic(client.id, lines)
  return true
}
