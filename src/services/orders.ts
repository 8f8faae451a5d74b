/**
 * Orders (invoices) and their payment: parsing a manager's `/invoice` line, creating the
 * order with its reminders, the client's "I paid", staff confirmation, cancellation and
 * "service done" (which schedules the check-in and NPS). Amounts are integers in minor
 * units per ISO 4217 (src/money.ts); due dates are calendar dates in the business time zone, stored
 * as the last millisecond of that day.
 */
import { DateTime } from 'luxon'
import type { Db } from '../../db/client.ts'
import { doneOnce, markDoneOnce, ONCE } from '../../db/migrate.ts'
import { lastEventAt } from '../../db/repositories/events.ts'
import {
  cancelOrder,
  clearClientReportedPaid,
  clearPayPromise,
  clientsWithHeldPaidConfirmation,
  countJobsEverPaid,
  findInvoiceDraft,
  findOrder,
  holdOrderReminders,
  holdPaidConfirmation,
  insertEarlier,
  insertInvoiceDraft,
  insertOrder,
  jobOf,
  listClientOrders,
  listJobOrders,
  listLinkedOrders,
  listNotDoneOrders,
  listOrdersDueAtOnly,
  markOrderDone,
  markOrderPaid,
  releaseOrderReminders,
  setClientReportedPaid,
  setDetailsSent,
  setInvoiceKind,
  setOrderDueDate,
  setPayPromise,
  setProviderRefused,
  takeHeldPaidConfirmations,
  takeInvoiceDraft,
  unlinkOrders,
} from '../../db/repositories/orders.ts'
import type { InvoiceDraft, InvoiceDraftRow, InvoiceKind, OrderRow, PaidVia } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { Product } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { slashedDayOrder } from '../format.ts'
import {
  CURRENCY_SIGN,
  isScaleWord,
  leastInvoiced,
  majorToMinor,
  readAmount,
  readCurrency,
  STARS,
  scaleLetter,
  unreadThousands,
  type WrittenAmount,
  writtenToMinor,
} from '../money.ts'
import { numberSaidFirst } from '../spoken-numbers.ts'
import { clip, ORDER_WHAT_MAX, splitWords } from '../text.ts'
import type { ClientService } from './clients.ts'
import type { FollowupService, ScheduledReminder } from './followups/index.ts'
import { FUNNEL } from './funnel.ts'
import type { PaidCheckService } from './paid-checks.ts'
import { parseDate } from './questions.ts'
import {
  DAY_MS,
  dayOffsetIn,
  daysAheadAtEnd,
  daysAheadIn,
  daysAheadPhrase,
  daysToWeekday,
  localDate,
  monthIn,
  nearestDate,
  PLUS_DAYS,
  weekdayWord,
} from './time.ts'

/**
 * A promise to pay that names no day ("оплачу", "позже"): it stands until the end of tomorrow, so
 * the reminder it puts off comes the morning after — a day's grace, not a week's silence.
 */
export const PROMISE_DEFAULT_DAYS = 1
/** Largest amount accepted, in whole units: a typo guard (an extra zero or two is caught by people). */
const MAX_WHOLE_AMOUNT = 1_000_000_000
/** A due date further ahead than this is almost surely a typo. */
const MAX_DUE_DAYS = 730
/**
 * A bare /done within this of the work marked done last is that work again, though its check-in
 * went out already (a second "how did it go?" days after the first); later, new work.
 */
const SAME_WORK_MS = 7 * DAY_MS
/**
 * An invoice that says nothing of being a part of an order under way is asked about while that
 * order's last invoice is this recent: a balance comes within weeks of the prepayment, and an
 * order paid months ago and never marked done is most likely done — asking of it at every
 * invoice since would be a question to wave away. (Words that say it is a balance link it
 * whenever the order's invoice was made.)
 */
const PARTS_WITHIN_MS = 60 * DAY_MS
/** Orders asked about at most, newest first: one button each. */
const JOBS_ASKED_MAX = 5
/**
 * A thousands group after a short first one: three digits, and maybe decimals and what is
 * written onto them as a currency (letters or a currency sign: "000₽", "500USD", "000руб").
 */
const THOUSANDS_GROUP = /^\d{3}(?:[.,]\d{1,4})?(?:\p{L}+\.?|\p{Sc})?$/u
/** A first thousands group typed apart from the next ("45 000", "$1 500"): one to three digits, a sign before them at most. */
const SHORT_FIRST_GROUP = new RegExp(`^${CURRENCY_SIGN}?\\d{1,3}$`, 'u')
/** More digits than any amount billed has, a sign or a minus before them at most: "too large", not "unreadable". */
const LONG_DIGITS = new RegExp(`^[-−]?${CURRENCY_SIGN}?\\d{14,}`, 'u')
/** A currency sign before an amount ("$15"), taken off where the number is said back. */
const SIGN_BEFORE = new RegExp(`^${CURRENCY_SIGN}`, 'u')
/**
 * «Тг» written for tenge, onto the amount or apart ("5000тг", "5000 тг."): Russians also write it
 * for Telegram («реклама в тг», «тг-канал»), so it names tenge only where the business bills in it.
 */
const TENGE_SHORT = /тг\.?$/iu

export type InvoiceError =
  | 'usage'
  | 'amount'
  | 'amount-zero'
  | 'amount-small'
  | 'amount-large'
  | 'amount-decimals'
  | 'amount-thousands'
  | 'amount-scale'
  | 'currency-twice'
  | 'currency-tg'
  | 'price-from'
  | 'price-free'
  | 'stars-product'
  | 'due-past'
  | 'due-past-word'
  | 'due-far'
  | 'due-invalid'
  | 'due-plus'
  | 'due-unread'
  | 'due-slash'

export { jobOf } from '../../db/repositories/orders.ts'

/** What an /invoice line bills (kept with the schema: an invoice held for the manager's answer keeps it whole). */
export type { InvoiceDraft } from '../../db/schema.ts'

/** A comma, a semicolon, a colon or a dash ending what an invoice is for, before its due date. */
const TRAILING_MARK = /[\s,;:\-–—]+$/u

/** The words of a balance: «остаток», «доплата», "balance", "remaining", "remainder". */
const BALANCE_WORD = /^(?:остат(?:ок|ка|ку|ком)|доплат\p{L}*|balance|remaining|remainder)$/u
/** Two words of one: «вторая часть», «окончательный расчёт», "final payment", "second installment". */
const BALANCE_PAIR =
  /^(?:(?:втор|последн|финальн|окончательн|заключительн)\p{L}* (?:част|платеж|оплат|взнос|транш|расчет)\p{L}*|(?:second|final|last|remaining) (?:part|payment|installment|instalment|half))$/u
/** The words of a first part: «предоплата», «аванс», «задаток», "deposit", "prepayment", "advance". */
const FIRST_PART_WORD = /^(?:предоплат\p{L}*|аванс\p{L}*|задат(?:ок|ка|ку|ком)|deposit|prepayment|advance)$/u
const FIRST_PART_PAIR =
  /^(?:перв\p{L}* (?:част|платеж|взнос|транш)\p{L}*|(?:first|down) (?:part|payment|installment|instalment|half)|pre payment)$/u

/**
 * What an invoice's words (the manager's, not the product's title) say of it as a part of one job
 * billed in parts: the balance of an order under way ('rest': «остаток за лендинг», «доплата»,
 * «вторая часть», "balance", "final payment") or the first part of a new one ('first':
 * «Предоплата 50%», «аванс», "deposit"); undefined when neither. The balance's words win:
 * «остаток после предоплаты» is a balance.
 */
export function partSaid(text: string | null): 'first' | 'rest' | undefined {
  const said = splitWords(text ?? '')
  const pairs = said.slice(1).map((word, i) => `${said[i]} ${word}`)
  if (said.some((w) => BALANCE_WORD.test(w)) || pairs.some((p) => BALANCE_PAIR.test(p))) return 'rest'
  if (said.some((w) => FIRST_PART_WORD.test(w)) || pairs.some((p) => FIRST_PART_PAIR.test(p))) return 'first'
  return undefined
}

/**
 * One job: an order with the invoices it is billed in (a prepayment, then the balance), those
 * still standing (unpaid or paid: a cancelled or refunded invoice is no part of the work), oldest
 * first. `id`: its first invoice's, as `orders.partOf` names it.
 */
export interface OrderJob {
  id: number
  orders: OrderRow[]
}

/**
 * Orders as a list shows them, each job's invoices together: at the place of the job's first
 * one in `orders`, its invoices there in the order of their numbers, every one after the first
 * a `part` (shown under it). The list's own order stays otherwise.
 */
export function byJob<T extends Pick<OrderRow, 'id' | 'partOf'>>(orders: readonly T[]): { order: T; part: boolean }[] {
  const jobs = new Map<number, T[]>()
  for (const order of orders) {
    const of = jobs.get(jobOf(order))
    if (of) of.push(order)
    else jobs.set(jobOf(order), [order])
  }
  return [...jobs.values()].flatMap((of) =>
    [...of].sort((a, b) => a.id - b.id).map((order, i) => ({ order, part: i > 0 })),
  )
}

/**
 * The currency the business bills in: an amount typed without one is in it. That of the first
 * product not priced in Stars (only a digital product is, and an amount typed for work is money),
 * else roubles.
 */
export function billingCurrency(products: readonly Pick<Product, 'price'>[]): string {
  return products.find((p) => p.price.currency !== STARS)?.price.currency ?? 'RUB'
}

/**
 * Parses `/invoice <amount> [due] [text]` or `/invoice <product> [due] [text]`:
 * - amount: `45000`, `45 000`, `1250.50`, `1250,50`, optionally with a currency: `500USD`,
 *   `500$`, `45 000₽`, or apart: `45 000 USD`, `500 ₽` (a code apart in capitals only; the
 *   same one twice, `$45 000 USD`, is read once, two different ones are refused); a
 *   currency written onto the amount that cannot be read makes it no amount (`1 500руб`);
 *   no more decimals than the currency has (none for JPY, three for KWD); thousands apart by a
 *   dot in the currencies that write them so (`12.500 руб.`, `1.200.000 тг`, `12.500,50`:
 *   `writtenToMinor`), and refused as 'amount-thousands' (with the `mark`) where they could be
 *   either of two amounts (`1,500`, `$12.500`); with its scale
 *   (`45к`, `45 тыс`, `15 тыс. руб.`, `5 тысяч`, `2 млн`, `15 k`, `15 т. р.`; a letter apart that may
 *   be a word — `15 К Сайт`, `5000 к оплате`, `2 m`, `15 т`, `3 кк` — is read only ending the line or
 *   before its currency, and asked about as 'amount-scale' before words: `amountTyped`) or said in
 *   words (`пять тысяч`, `five hundred`: `numberSaidFirst`); «тг» for tenge only where the business
 *   bills in tenge, else asked about as 'currency-tg' (it is Telegram said short too); a product id
 *   instead takes the product's price (not a "from" price)
 *   and currency; after a count of what is billed, which starts the text («одна страница 5000»,
 *   "2 часа работы 3000": `countFirst`);
 * - due: after `due`, `by`, `до` or `срок` if written (a weekday then too: `due friday`, `до
 *   пятницы`, today's when it is today; one said so and unread is refused as 'due-unread'),
 *   `25.12` (the next such date), `25.12.2026`, `25.12.26` or `2026-12-25`, or a day in
 *   words (`сегодня`/`today`, `завтра`/`tomorrow`/`+1`, `послезавтра`; any case), or a number
 *   of days (`3 дня`, `+3 дня`, `через 10 дней`, `in 10 days`, `+3`), in `tz`; `+3` (or `+3
 *   дня`) may also follow a product id written after the amount, or end the line; one anywhere
 *   else is refused as 'due-plus' (with that word), never left in what the client reads; a past
 *   day in words there (`вчера`, `yesterday`) is refused as 'due-past-word', a slip; a weekday
 *   there is one said or not (`friday bakery website`, `в пятницу`); a day, a date or a weekday
 *   ending the line is one too (`dueAtEnd`);
 * - text: what the invoice is for; a leading product id (`landing …`, written as ids are, in
 *   lowercase: `Landing page` is text) is kept as the order's product, whose title goes first,
 *   and gives its currency.
 * The currency is the one written, else the product's, else the business's (`billingCurrency`).
 * A typed amount is never taken as Stars: one without a currency before a product priced in
 * Stars (`45000 checklist`) is refused as 'stars-product' (with that product's id) — whole
 * Stars, it would be a slip; the product's price is `/invoice checklist`, another amount in
 * Stars `200XTR checklist`. A typed amount under the least one billed (`leastInvoiced`: 10 ₽, 50 ₸,
 * $1) is refused as 'amount-small', a slip.
 */

export function parseInvoiceArgs(
  args: string,
  { now, tz, products }: { now: number; tz: string; products: readonly Product[] },
):
  | { ok: true; draft: InvoiceDraft }
  | {
      ok: false
      error: InvoiceError
      product?: string
      word?: string
      /** 'amount-thousands': the mark written between the thousands ("1,500", "$12.500"). */
      mark?: '.' | ','
      /**
       * 'amount-small': the amount as read and the least one taken, in minor units of `currency`;
       * 'amount-scale': the amount the letter would make it; 'currency-tg': `currency` is the business's.
       */
      amount?: number
      least?: number
      currency?: string
      /** 'amount-scale': the amount and the letter as typed ("15 К"), and which scale the letter says. */
      typed?: string
      scale?: 'thousand' | 'million'
      /**
       * 'amount-scale', 'currency-tg': the number as typed, without a currency ("15", "1.200.000",
       * "2,5 тыс."), and the words from the letter (or «тг») on, to write after a currency instead.
       */
      number?: string
      rest?: string
    } {
  const tokens = args.trim().split(/\s+/).filter(Boolean)
  if (tokens.length === 0) return { ok: false, error: 'usage' }
  // `/invoice landing …`: the product's price from the content file
  const priced = products.find((p) => p.id === tokens[0]?.toLowerCase())
  let written: WrittenAmount | undefined
  // The description's first words when they count what is billed, before the amount (`countFirst`)
  let counted: string[] = []
  if (priced) {
    // Free in the content file: nothing to bill by its price (a fee for it is written as an amount)
    if (priced.price.amount <= 0 && !priced.price.from) return { ok: false, error: 'price-free', product: priced.id }
    if (priced.price.from || priced.price.amount <= 0) return { ok: false, error: 'price-from', product: priced.id }
    tokens.shift()
  } else {
    // «Одна страница 5000», "2 часа работы 3000": what is billed counted first, the amount after it
    counted = tokens.splice(0, countFirst(tokens))
    // «Пять тысяч», "five hundred": an amount said in words, read as its digits would be ("5 тысяч", "500")
    const spoken = numberSaidFirst(tokens)
    if (spoken !== undefined) tokens.splice(0, spoken.length, ...spoken.digits.split(' '))
    const typed = amountTyped(tokens)
    const amountText = typed.text
    const amountTokens = tokens.splice(0, typed.used)
    // A sum it read but cannot bill says why: nothing to pay, too much, more decimals than the currency has
    const negative = /^[-−]/.test(amountText)
    written = readAmount(negative ? amountText.slice(1) : amountText)
    if (!written) return { ok: false, error: LONG_DIGITS.test(amountText) ? 'amount-large' : 'amount' }
    if (negative || (written.units === 0 && !/[1-9]/.test(written.fraction))) return { ok: false, error: 'amount-zero' }
    if (written.units > MAX_WHOLE_AMOUNT) return { ok: false, error: 'amount-large' }
    // "15 К Сайт", "5000 к оплате": thousands, or a word? Asked, with the amount the letter would
    // make it — "15 k Сайт" was billed as 15 ₽ for «k Сайт»
    if (typed.asked) {
      const currency = written.currency ?? billingCurrency(products)
      const minor = writtenToMinor(written, currency)
      if (minor !== undefined) {
        const times = typed.asked.scale === 'thousand' ? 1000 : 1_000_000
        return {
          ok: false,
          error: 'amount-scale',
          word: typed.asked.word,
          typed: [...amountTokens, typed.asked.word].join(' '),
          scale: typed.asked.scale,
          amount: minor * times,
          currency,
          number: amountText.replace(SIGN_BEFORE, ''),
          rest: tokens.join(' '),
        }
      }
    }
    // "45 000 USD", "500 ₽": the currency written apart; "$45 000 USD" names it twice, and "$45 000
    // CAD" two of them, which is no sum to guess at
    const apart = tokens[0] !== undefined ? readCurrency(tokens[0]) : undefined
    // «Тг», onto the amount or apart, is tenge where the business bills in tenge; elsewhere it may be
    // Telegram said short («5000 тг реклама»): asked, naming the business's currency
    const onto = written.currency === 'KZT' ? TENGE_SHORT.exec(amountText) : null
    const tengeApart = apart === 'KZT' && TENGE_SHORT.test(tokens[0] ?? '')
    if ((onto || tengeApart) && billingCurrency(products) !== 'KZT') {
      const number = amountTokens.join(' ')
      const word = onto ? onto[0] : (tokens.shift() ?? '')
      return {
        ok: false,
        error: 'currency-tg',
        currency: billingCurrency(products),
        number: number.slice(0, number.length - (onto ? word.length : 0)).replace(SIGN_BEFORE, ''),
        rest: [word, ...tokens].join(' '),
      }
    }
    if (apart) {
      if (written.currency !== undefined && written.currency !== apart) return { ok: false, error: 'currency-twice' }
      written = { ...written, currency: apart }
      tokens.shift()
    }
  }

  const leading = dueFirst(tokens, now, tz)
  if ('error' in leading) return { ok: false, ...leading }
  let dueDate = leading.dueDate
  const daysAhead = (days: number) => daysFromToday(days, now, tz)

  let product: Product | undefined = priced
  // After an amount, an id as ids are written (lowercase): "Landing page" is words for the client
  const first = tokens[0]
  if (!product && first) {
    product = products.find((p) => p.id === first)
    if (product) tokens.shift()
  }
  // "+5" is days wherever a manager puts it: right after the product too ("45000 landing +5 …"),
  // or at the end ("Доработка формы +5"). Left in the text, the client would read "+5" in what
  // they pay for and the invoice would have no due date
  // The words ending the line read as the due date: the summary names them (`InvoiceDraft.dueWords`)
  let dueWords: string | undefined
  // Those words were days with a plus ("+5"), which a quantity may also be ("Печать визиток +50")
  let duePlus = false
  if (dueDate === null) {
    const afterProduct = product !== undefined && tokens[0] !== undefined && PLUS_DAYS.test(tokens[0])
    const found = afterProduct ? daysAheadPhrase(tokens) : daysAheadAtEnd(tokens)
    if (found !== undefined) {
      if (found.days > MAX_DUE_DAYS) return { ok: false, error: 'due-far' }
      dueDate = daysAhead(found.days)
      if (afterProduct) tokens.splice(0, found.used)
      else {
        dueWords = tokens.splice(tokens.length - found.used).join(' ')
        duePlus = true
      }
    }
  }
  // A day, a date or a weekday ending the line, as English puts it ("Logo tweaks tomorrow", «остаток
  // за интернет-магазин 31.12»): the date went to the client as a part of what they pay for
  if (dueDate === null) {
    const last = dueAtEnd(tokens, now, tz)
    if (last !== undefined) {
      dueDate = last.date
      dueWords = tokens.splice(tokens.length - last.used).join(' ')
    }
  }
  // Anywhere else ("Лендинг +2 страницы", or a second due date) it may be days or the manager's
  // words: asked, rather than guessed either way
  const stray = tokens.find((t) => PLUS_DAYS.test(t))
  if (stray !== undefined) return { ok: false, error: 'due-plus', word: stray }
  if (written && written.currency === undefined && product?.price.currency === STARS) {
    return { ok: false, error: 'stars-product', product: product.id }
  }
  // "puncture repair" for "Puncture repair": the title's words typed after the id are the title
  // the client reads first, not words of the manager's ("Puncture repair — repair")
  if (product) tokens.splice(0, titleRepeated(tokens, product))
  // It appears in the invoice, every reminder and the check-in: kept short so they always fit.
  // Without the mark that set a date cut off its end apart ("лендинг кондитерской, до пт",
  // "Лендинг — до пятницы"): the client read "лендинг кондитерской," all week
  const words = [...counted, ...tokens].join(' ').trim()
  const description = clip(dueWords === undefined ? words : words.replace(TRAILING_MARK, ''), ORDER_WHAT_MAX) || null

  const currency = written?.currency ?? product?.price.currency ?? billingCurrency(products)
  const amount = written ? writtenToMinor(written, currency) : majorToMinor(priced?.price.amount ?? 0, currency)
  // "1,500" as English writes a thousand and a half, "$12.500" twelve and a half or 12 500: told
  // how to write thousands, not "too many decimals", and nothing guessed (`writtenToMinor`)
  if (amount === undefined) {
    const mark = written && unreadThousands(written, currency)
    return mark ? { ok: false, error: 'amount-thousands', mark } : { ok: false, error: 'amount-decimals' }
  }
  // A typed sum under the smallest one billed is refused, shown as read: "0.50" was meant as 500
  const least = leastInvoiced(currency)
  if (written && amount < least) return { ok: false, error: 'amount-small', amount, least, currency }
  return {
    ok: true,
    draft: {
      amount,
      currency,
      dueDate,
      productId: product?.id ?? null,
      description,
      // Only beside words it was told from: a line of a date alone has nothing to mistake it for
      ...(dueWords !== undefined && description !== null ? { dueWords, ...(duePlus ? { duePlus: true } : {}) } : {}),
    },
  }
}

/**
 * How many of `tokens`' first ones repeat `product`'s title, in any of its languages: the whole
 * title ("Puncture repair", «Ремонт прокола»), or the rest of it after the id that is its first
 * word ("repair" after `puncture`); what follows is the manager's own ("repair, rear wheel").
 */
function titleRepeated(tokens: readonly string[], product: Pick<Product, 'id' | 'title'>): number {
  const typed = tokens.map((t) => splitWords(t))
  const titles = typeof product.title === 'string' ? [product.title] : Object.values(product.title)
  let used = 0
  for (const title of titles) {
    const said = splitWords(title)
    for (const words of said[0] === product.id.toLowerCase() ? [said, said.slice(1)] : [said]) {
      const n = words.length
      if (n > used && words.every((w, i) => typed[i]?.length === 1 && typed[i]?.[0] === w)) used = n
    }
  }
  // A dash or a stop standing alone after them goes too ("puncture repair — rear wheel")
  while (used > 0 && used < tokens.length && typed[used]?.length === 0) used++
  return used
}

/** Why a `/due` line moves nothing: no date said, or one that cannot be a due date. */
export type DueError = 'usage' | 'due-past' | 'due-far' | 'due-invalid'

/**
 * Parses `/due [#invoice] <due>`: the new due date of an unpaid invoice, in every form /invoice
 * reads one (`dueFirst`: `15.01`, `15 января`, `January 15`, `+10`, `через неделю`, `пятница`,
 * after `до`/`by` or not); the invoice by its number with `#` or `№` (`/due #3 15.01`), since a
 * bare number starts a date ("15 January"). Anything else on the line is refused as 'usage':
 * words left over would be a date misread.
 */
export function parseDueArgs(
  args: string,
  { now, tz }: { now: number; tz: string },
): { ok: true; dueDate: string; orderId?: number } | { ok: false; error: DueError } {
  const line = args.trim().replace(/^[#№]\s+(?=\d)/, '#')
  const tokens = line.split(/\s+/).filter(Boolean)
  const named = /^[#№](\d+)[,.:;]?$/.exec(tokens[0] ?? '')
  if (named) tokens.shift()
  const read = dueFirst(tokens, now, tz)
  if ('error' in read) {
    const { error } = read
    return {
      ok: false,
      error: error === 'due-past' || error === 'due-far' || error === 'due-invalid' ? error : 'usage',
    }
  }
  // A weekday with its "в"/"on" or alone ("/due friday"), as /invoice reads one after the amount
  const weekday = read.dueDate === null ? weekdaySaid(tokens, now, tz) : undefined
  const dueDate = read.dueDate ?? weekday?.date
  if (dueDate === undefined || tokens.length > (weekday?.used ?? 0)) return { ok: false, error: 'usage' }
  return { ok: true, dueDate, ...(named ? { orderId: Number(named[1]) } : {}) }
}

/** "завтра", "3 дня", "+5": the day `days` from today in the business time zone `tz`, so never past. */
function daysFromToday(days: number, now: number, tz: string): string {
  return DateTime.fromMillis(now, { zone: tz }).startOf('day').plus({ days }).toFormat('yyyy-MM-dd')
}

/**
 * The due date said where `tokens` begin (/invoice's after the amount, /due's whole line): with
 * its lead ("due", "до", "срок") or without, a number of days, a date, a day or a weekday in
 * words (`parseInvoiceArgs` lists the forms). The tokens it read are taken off `tokens`; a lead
 * with no date after it that is no due date said ("до 3 правок") is left in them. `dueDate` null:
 * none is said there.
 */
function dueFirst(
  tokens: string[],
  now: number,
  tz: string,
): { dueDate: string | null } | { error: InvoiceError; word?: string } {
  let dueDate: string | null = null
  // "due friday", "до пятницы", "срок до 25.12": the words that say a due date follows go with it
  const lead = dueLead(tokens)
  tokens.splice(0, lead.length)
  const dueToken = tokens[0]
  const ahead = daysAheadPhrase(tokens)
  // "вчера" where a due date goes: a slip for "завтра" most likely. Left as words, it went into
  // what the client pays for ("За что: вчера Доставка"), and the invoice had no due date
  const dueWord = dueToken?.replace(/[,.;:!]+$/, '')
  const past = dueWord === undefined ? undefined : dayOffsetIn(dueWord)
  if (past !== undefined && past < 0) return { error: 'due-past-word', word: dueWord as string }
  if (ahead !== undefined) {
    if (ahead.days > MAX_DUE_DAYS) return { error: 'due-far' }
    dueDate = daysFromToday(ahead.days, now, tz)
    tokens.splice(0, ahead.used)
  } else if (dueToken && (/^[\d.-]+$/.test(dueToken) ? /[.-]/.test(dueToken) : SLASHED_DATE.test(dueToken))) {
    const due = parseDueDate(dueToken, now, tz)
    if ('error' in due) return { error: due.error }
    dueDate = due.date
    tokens.shift()
  } else {
    // "15 декабря", "Dec 15", "December 15th"; "12/15" in New York, "15/12" in London (slashedDayOrder)
    const named = dayNamed(tokens, now, tz, lead.length > 0)
    if (named === 'ask') return { error: 'due-slash', word: tokens[0] as string }
    const due = named === undefined ? undefined : dueOn(named, now, tz)
    // "12/15" that is no due day (past, or a year off) is words: "11/2 late fee" is no slip
    const slashedWords = due !== undefined && 'error' in due && (tokens[0] ?? '').includes('/')
    if (named !== undefined && due !== undefined && !slashedWords) {
      if ('error' in due) return { error: due.error }
      dueDate = due.date
      tokens.splice(0, named.used)
    }
  }
  // A weekday, with its "в"/"on" or alone ("/invoice £450 friday bakery website"): a day to pay by
  // ("friday bakery website" went to the client as what they pay for, with no due date)
  const weekday = dueDate === null ? weekdaySaid(tokens, now, tz) : undefined
  if (weekday !== undefined) {
    dueDate = weekday.date
    tokens.splice(0, weekday.used)
  }
  if (lead.length > 0 && dueDate === null) {
    // "by card" is the manager's words; "due next week" said a due date it cannot read: asked,
    // for left as words it went to the client as what they pay for, and the invoice had no due date
    // ("До 3 правок включено", "до 10 страниц": "до" before a number that is no date is words)
    const countAfterTo = /^\d/.test(tokens[0] ?? '') && lead.every((w) => /^до$/i.test(w))
    if (lead.some((w) => DUE_SAID.test(w)) && !countAfterTo) {
      return { error: 'due-unread', word: [...lead, tokens[0] ?? ''].join(' ').trim() }
    }
    tokens.unshift(...lead)
  }

  return { dueDate }
}

/**
 * The amount as typed where `tokens` begin, its pieces joined, and how many tokens it took:
 * thousands typed with spaces ("45 000", "1 250 000,50") — a first group of 1–3 digits, then
 * groups of exactly three, so "5000 200 визиток" is 5 000 for 200 business cards, not 5 000 200 —
 * and a word of its scale apart ("45 тыс", "5 тысяч", "2 млн", "15 k", «15 т. р.»), the amount's,
 * not the description's first word. A letter apart that may be a word (`scaleLetter`) is the
 * amount's where no word follows it — ending the line or before its currency: «15 к», "2 m ₽" —
 * and `asked` before words («15 К Сайт», «5000 к оплате»: the preposition), as «т» (tonnes) and
 * "kk" are always: thousands read as a word billed 15 ₽ for «к Сайт».
 */
function amountTyped(tokens: readonly string[]): {
  text: string
  used: number
  asked?: { word: string; scale: 'thousand' | 'million' }
} {
  let text = tokens[0] ?? ''
  let used = 1
  if (SHORT_FIRST_GROUP.test(text)) {
    for (let group = tokens[used]; group !== undefined && THOUSANDS_GROUP.test(group); group = tokens[used]) {
      text += group
      used++
      // Decimals or a currency ("45 000₽", "1 500USD") end the number; a currency that cannot
      // be read makes the whole amount unreadable, not a description
      if (!/^\d{3}$/.test(group)) break
    }
  }
  const scale = tokens[used]
  if (scale === undefined) return { text, used }
  const next = tokens[used + 1]
  if (isScaleWord(scale)) return { text: text + scale, used: used + 1 }
  // «15 т. р.», «15 т р»: thousands of roubles in two words, as «15 т.р.» in one
  if (/^т\.?$/iu.test(scale) && next !== undefined && /^р\.?$/iu.test(next))
    return { text: `${text}т.р.`, used: used + 2 }
  const letter = scaleLetter(scale)
  if (letter === undefined) return { text, used }
  const alone = next === undefined || readCurrency(next) !== undefined
  if (alone && /^[кm]$/iu.test(scale)) return { text: text + scale, used: used + 1 }
  return { text, used, asked: { word: scale, scale: letter } }
}

/**
 * How many of `tokens` count what is billed before its amount («одна страница 5000», "2 часа
 * работы 3000", «три фото 1500 ₽», "2 logos $300"); 0 when the line begins with its amount, as it
 * mostly does. A count: a whole number, in digits or in words, and a word after it that is
 * neither its scale nor a currency. The amount: the first number after it, larger, whole, and
 * standing where an amount ends — at the end of the line, before a due date («4500 завтра», "до
 * пятницы"), or with its currency or scale ("1500 ₽", "$300", "5к"). So "5000 за 2 часа" and
 * "45000 Поддержка 2026" bill their first number, and so do "1 месяц поддержки 2026 года" (a year
 * maybe) and "2 фото до 25.12" (a date): refused as too small, not guessed at. «Одна» read as the
 * amount refused «одна страница 5000» as a slip of 1 ₽.
 */
function countFirst(tokens: readonly string[]): number {
  const said = numberSaidFirst(tokens)
  const count = said === undefined ? tokens[0] : said.digits
  const length = said?.length ?? 1
  const next = tokens[length]
  if (count === undefined || !/^\d+$/.test(count) || next === undefined || !/^\p{L}/u.test(next)) return 0
  if (isScaleWord(next) || readCurrency(next) !== undefined) return 0
  const at = tokens.findIndex((token, i) => i >= length && /\d/.test(token))
  if (at < 0) return 0
  const typed = amountTyped(tokens.slice(at))
  const written = readAmount(typed.text)
  if (written === undefined || written.fraction !== '' || written.units <= Number(count)) return 0
  const rest = tokens.slice(at + typed.used)
  const marked = /\D/.test(typed.text) || (rest[0] !== undefined && readCurrency(rest[0]) !== undefined)
  const ends = rest.length === 0 || daysAheadPhrase(rest) !== undefined || dueLead(rest).length > 0
  return marked || ends ? at : 0
}

/**
 * "12/20/2026" (an American's) or "20/12/2026": a date with slashes has its year, else it is
 * words ("24/7 поддержка", "50/50", "1/2 оплаты") — but for a business in a country that writes
 * a day so: "12/15" in New York, "15/12" in London (`dayNamed`). Read as a questionnaire's date answer is
 * (`parseDate`): only when one reading is a date; "05/12/2026" is either, and is refused with
 * the formats to write (in New York it is May 12).
 */
const SLASHED_DATE = /^\d{1,2}\/\d{1,2}\/(\d{2}|\d{4})$/

function parseDueDate(token: string, now: number, tz: string): { date: string } | { error: InvoiceError } {
  let year: number | undefined
  let month: number
  let day: number
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token)
  const dotted = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$/.exec(token)
  if (SLASHED_DATE.test(token)) {
    const read = parseDate(token, now, { timeZone: tz })
    if (typeof read !== 'string') return { error: 'due-invalid' }
    ;[year, month, day] = read.split('-').map(Number) as [number, number, number]
  } else if (iso) {
    year = Number(iso[1])
    month = Number(iso[2])
    day = Number(iso[3])
  } else if (dotted) {
    day = Number(dotted[1])
    month = Number(dotted[2])
    if (dotted[3]) year = dotted[3].length === 2 ? 2000 + Number(dotted[3]) : Number(dotted[3])
  } else {
    return { error: 'due-invalid' }
  }
  return dueOn({ year, month, day }, now, tz)
}

/**
 * A due day said with its month's word first or after it ("Dec 15", "15 декабря", "December
 * 15th"), or, where the business writes days with slashes (`slashedDayOrder`), "12/15" without a
 * year in New York and "15/12" in London — read as a questionnaire's date is (`parseDate`, the
 * nearest such day), when it is a day of the calendar in the country's order and no fraction:
 * "24/7", "50/50" and "1/2 deposit" stay words. `used`: the tokens it took.
 */
function dayNamed(
  tokens: readonly string[],
  now: number,
  tz: string,
  /** Words before it said a due date follows ("due 11/12"). */
  led: boolean,
): { year: number; month: number; day: number; used: number } | 'ask' | undefined {
  const [first = '', second = ''] = tokens.map((t) => t.replace(/[,.;:!]+$/, ''))
  const read = (text: string, used: number) => {
    const date = parseDate(text, now, { timeZone: tz, nearest: true })
    if (typeof date !== 'string') return undefined
    const [year, month, day] = date.split('-').map(Number) as [number, number, number]
    return { year, month, day, used }
  }
  const slashed = /^(\d{1,2})\/(\d{1,2})$/.exec(first)
  if (slashed) {
    const fraction = Number(slashed[1]) < Number(slashed[2]) && Number(slashed[2]) <= 4
    const order = slashedDayOrder(tz)
    if (order === undefined || fraction || first === '24/7') return undefined
    // In the order the country writes it: "12/20" is no day in London ("20/12" would be)
    const date = read(first, 1)
    const month = Number(order === 'month-first' ? slashed[1] : slashed[2])
    if (date?.month !== month) return undefined
    // Day first, "1/5 deposit" or "2/5 of the fee" may as well be a share of it: asked, unless
    // words said it is the due date ("due 1/5")
    return order === 'day-first' && !led ? 'ask' : date
  }
  return monthIn(first) !== undefined || monthIn(second) !== undefined ? read(`${first} ${second}`, 2) : undefined
}

/** The preposition of a weekday said as a day: «в пятницу», «во вторник», "on Friday". */
const WEEKDAY_LEAD = /^(в|во|on)$/i

/** A weekday where `tokens` begin, alone or after its preposition, as the coming such day (today's when it is today). */
function weekdaySaid(tokens: readonly string[], now: number, tz: string): { date: string; used: number } | undefined {
  const bare = (t: string | undefined) => (t ?? '').replace(/[,;:!]+$/, '')
  const used = WEEKDAY_LEAD.test(tokens[0] ?? '') ? 2 : 1
  const weekday = weekdayWord(bare(tokens[used - 1]))
  if (weekday === undefined) return undefined
  const today = DateTime.fromMillis(now, { zone: tz }).startOf('day')
  return { date: today.plus({ days: daysToWeekday(weekday, today.weekday) }).toFormat('yyyy-MM-dd'), used }
}

/**
 * Words before a day at the end of the line that make it a part of what is billed, not the day to
 * pay by: «Отчёт за 30.11», "Catering for Friday", «Правки с понедельника».
 */
const ABOUT_DAY = /^(за|от|с|со|на|к|ко|после|for|from|of|since|after)$/i

/**
 * A due date ending the line ("Logo tweaks tomorrow", «остаток за интернет-магазин 31.12», "Photo
 * retouch on Friday", "Logo by Dec 15"): a day in words, a date or a weekday, after the words that
 * say a due date follows or not — and how many tokens it took; at least one word is left before it.
 * A day gone or no day ("Фотосессия 20.11", "v 1.13") is the manager's words, as is one after
 * `ABOUT_DAY`; days counted ("Аренда 5 дней") are what is rented (a "+5" at the end is read apart).
 */
function dueAtEnd(tokens: readonly string[], now: number, tz: string): { date: string; used: number } | undefined {
  for (const used of [3, 2, 1]) {
    if (used >= tokens.length) continue
    const tail = tokens.slice(-used)
    const lead = dueLead(tail)
    if (lead.length === 0 && ABOUT_DAY.test(tokens[tokens.length - used - 1] ?? '')) continue
    const said = tail.slice(lead.length).map((t) => t.replace(/[,;:!?]+$/, ''))
    const weekday = weekdaySaid(said, now, tz)
    if (weekday !== undefined) {
      if (weekday.used === said.length) return { date: weekday.date, used }
      continue
    }
    if (said.length === 1) {
      const word = said[0] as string
      const days = daysAheadIn(word)
      if (days !== undefined) {
        const day = DateTime.fromMillis(now, { zone: tz }).startOf('day').plus({ days })
        return { date: day.toFormat('yyyy-MM-dd'), used }
      }
      if (/^[\d.-]+$/.test(word) ? /\d[.-]\d/.test(word) : SLASHED_DATE.test(word)) {
        const due = parseDueDate(word, now, tz)
        if ('date' in due) return { date: due.date, used }
      }
      continue
    }
    const named = dayNamed(said, now, tz, lead.length > 0)
    if (named === undefined || named === 'ask' || named.used !== said.length) continue
    const due = dueOn(named, now, tz)
    if ('date' in due) return { date: due.date, used }
  }
  return undefined
}

/** Words that say a due date follows them; "by" may also be the manager's words ("by card"). */
const DUE_SAID = /^(due|до|срок)$/i
const DUE_LEAD = /^(due|by|до|срок)$/i

/** The words before a due date that say it is one: "due", "by", "до", "срок", "срок до", "due by". */
function dueLead(tokens: readonly string[]): string[] {
  const bare = (t: string | undefined) => (t ?? '').replace(/:$/, '')
  if (!DUE_LEAD.test(bare(tokens[0]))) return []
  return DUE_LEAD.test(bare(tokens[1])) ? tokens.slice(0, 2) : tokens.slice(0, 1)
}

/** The due day of a date read (`year` undefined: the nearest such day), refused when past, too far or no day. */
function dueOn(
  { year, month, day }: { year?: number | undefined; month: number; day: number },
  now: number,
  tz: string,
): { date: string } | { error: InvoiceError } {
  const today = DateTime.fromMillis(now, { zone: tz }).startOf('day')
  // Without a year, the nearest such day: "01.01" in December is the coming one, but "01.12" on
  // 4 December is three days ago — a slip to refuse, not an invoice due in a year
  const nearest = year === undefined ? nearestDate(month, day, today.toISODate() as string) : undefined
  if (year === undefined && nearest === undefined) return { error: 'due-invalid' }
  const date =
    nearest !== undefined
      ? DateTime.fromISO(nearest, { zone: tz })
      : DateTime.fromObject({ year, month, day }, { zone: tz })
  if (!date.isValid) return { error: 'due-invalid' }
  if (date < today) return { error: 'due-past' }
  if (date.diff(today, 'days').days > MAX_DUE_DAYS) return { error: 'due-far' }
  return { date: date.toFormat('yyyy-MM-dd') }
}

/**
 * Whether an order is past its due date on `now`: its due day is over in the business's time
 * zone (`tz`) — the zone of today, so a change of zone moves no due day.
 */
export function isOverdue(order: Pick<OrderRow, 'dueDate'>, now: number, tz: string): boolean {
  return order.dueDate !== null && localDate(now, tz) > order.dueDate
}

/**
 * Orders from before migration 0036 kept their due date as the last moment of that day in the
 * business's zone of then: read into `due_date` once, in the zone in force at the first start
 * with it (the same, unless it was changed while such an invoice was open).
 */
function fillDueDatesOnce(db: Db, tz: string): void {
  if (doneOnce(db.$client, ONCE.dueDatesFilled)) return
  // Under the write lock from the start, as another process may be doing it (see the content store's chore)
  db.transaction(
    () => {
      if (doneOnce(db.$client, ONCE.dueDatesFilled)) return
      for (const order of listOrdersDueAtOnly(db)) setOrderDueDate(db, order.id, localDate(order.dueAt, tz))
      markDoneOnce(db.$client, ONCE.dueDatesFilled)
    },
    { behavior: 'immediate' },
  )
}

export type OrderService = ReturnType<typeof createOrderService>

export function createOrderService({
  db,
  clock,
  content,
  clients,
  followups,
  paidChecks,
  providerConfigured,
  onSettled = () => {},
}: {
  db: Db
  clock: Clock
  content: ContentStore
  clients: ClientService
  followups: FollowupService
  /** The team's reminder of a client's "I paid" nobody answered. */
  paidChecks: Pick<PaidCheckService, 'arm' | 'disarm'>
  /** A payment provider's token is set (PAYMENT_PROVIDER_TOKEN). */
  providerConfigured: boolean
  /**
   * An order was just paid or cancelled (`by`: who on the team did it; null: Telegram, a client's
   * payment): whatever shows the invoice as it was follows (its summary in the client's topic).
   * Called before the event that takes the order's staff buttons off the topic's posts.
   */
  onSettled?: (order: OrderRow, by: number | null) => void
}) {
  fillDueDatesOnce(db, content.get().business.timezone)

  /** The clients a payment confirmation is held for (`holdConfirmation`): read from the file at the first ask. */
  let held: Set<number> | undefined
  const heldFor = () => {
    held ??= new Set(clientsWithHeldPaidConfirmation(db))
    return held
  }

  /** The client's orders whose work is not marked done yet (unpaid or paid), newest first. */
  const notDone = (clientId: number) => listNotDoneOrders(db, clientId)

  /** The job `jobId` with its standing invoices (`OrderJob`). */
  const jobWith = (jobId: number): OrderJob => ({
    id: jobId,
    orders: listJobOrders(db, jobId).filter((o) => o.status === 'unpaid' || o.status === 'paid'),
  })

  /**
   * The client's jobs whose work is not marked done yet: one with an invoice unpaid, or paid and
   * not done. Newest first: by the newest of their invoices under way.
   */
  const openJobs = (clientId: number): OrderJob[] => [...new Set(notDone(clientId).map(jobOf))].map(jobWith)

  return {
    /** See `parseInvoiceArgs`. */
    parseInvoice(args: string) {
      const c = content.get()
      return parseInvoiceArgs(args, { now: clock.now(), tz: c.business.timezone, products: c.products })
    },

    /** See `parseDueArgs`. */
    parseDue(args: string) {
      return parseDueArgs(args, { now: clock.now(), tz: content.get().business.timezone })
    },

    /**
     * How a new order in `currency` is paid where Telegram's invoices go: Stars for XTR, a
     * Telegram invoice through the provider when its token is set, else payment details and
     * "I paid". Where the client pays decides the rest (`payIn`).
     */
    invoiceKindFor(currency: string): InvoiceKind {
      if (currency === STARS) return 'stars'
      return providerConfigured ? 'provider' : 'details'
    },

    /**
     * How the client pays the order in the chat they are in now: in the owner's Business chat
     * always the payment details (Telegram sends invoices only from the bot itself; Stars there
     * are the caller's to refuse); in the bot's own chat the order's way — and a "details" order
     * made in the owner's chat or before a provider was set up is a Telegram invoice once a
     * provider is set, unless Telegram has refused its invoice already (a press of Pay would
     * only be refused again).
     */
    payIn(order: OrderRow, inBusinessChat: boolean): InvoiceKind {
      if (order.invoiceKind === 'stars') return 'stars'
      if (inBusinessChat) return 'details'
      if (order.invoiceKind === 'provider') return 'provider'
      return providerConfigured && order.providerRefusedAt === null ? 'provider' : 'details'
    },

    /**
     * The order's payment details (with "I paid") went to the client, in whichever chat: should it
     * be a Telegram invoice later, a word that it is paid is still the team's to check
     * (`paidByDetailsMaybe`).
     */
    detailsSent(orderId: number): void {
      setDetailsSent(db, orderId, clock.now())
    },

    /**
     * The client may have paid the order by its payment details: it is a "details" order, or its
     * details went to them before it became a Telegram invoice (`detailsSent`). A word that it is
     * paid is then the team's to check, not Telegram's to have confirmed.
     */
    paidByDetailsMaybe(order: OrderRow): boolean {
      return order.invoiceKind === 'details' || order.detailsSentAt !== null
    },

    /**
     * A "details" order went as a Telegram invoice (`payIn`): its reminders in the bot's chat are
     * invoices from now on too. The order as it is now; undefined when nothing changed.
     */
    sentAsInvoice(order: OrderRow): OrderRow | undefined {
      if (order.invoiceKind !== 'details') return undefined
      return setInvoiceKind(db, order.id, 'provider')
    },

    /**
     * Creates an unpaid order and schedules its payment reminders. `source`: the staff message
     * it is made from; undefined when an order was made from that message already (Telegram
     * delivered the update again). `partOf`: an invoice of the client's job this one is a part
     * of (the balance after its prepayment): the job's first invoice is kept (`orders.partOf`).
     * `earlier`: the client's other invoices still waiting to be paid, which the new one may replace
     * (newest first) — not the first invoice of the job it completes (the prepayment still to pay is
     * no invoice it replaces; another balance of the job may be: one sent twice is paid twice). They
     * are linked to it (`orderEarlier`): paid both, the team hears the client may have paid twice
     * (`markPaid`).
     */
    create(
      input: {
        clientId: number
        createdBy: number | null
        invoiceKind: InvoiceKind
        source?: { chatId: number; messageId: number }
        partOf?: number
      } & InvoiceDraft,
    ):
      | {
          order: OrderRow
          reminders: ScheduledReminder[]
          earlier: OrderRow[]
        }
      | undefined {
      const job = input.partOf === undefined ? undefined : findOrder(db, input.partOf)
      const order = insertOrder(
        db,
        {
          clientId: input.clientId,
          amount: input.amount,
          currency: input.currency,
          productId: input.productId,
          description: input.description,
          dueDate: input.dueDate,
          createdBy: input.createdBy,
          invoiceKind: input.invoiceKind,
          ...(input.source ? { sourceChatId: input.source.chatId, sourceMessageId: input.source.messageId } : {}),
          // Another client's order is no job of theirs (a forged or stale button)
          ...(job && job.clientId === input.clientId ? { partOf: jobOf(job) } : {}),
        },
        clock.now(),
      )
      if (!order) return undefined
      const earlier = listClientOrders(db, input.clientId, ['unpaid']).filter(
        (o) => o.id !== order.id && o.id !== order.partOf,
      )
      insertEarlier(
        db,
        order.id,
        earlier.map((o) => o.id),
      )
      clients.recordEvent(input.clientId, 'invoice_created', { order: order.id, amount: order.amount })
      return { order, reminders: followups.schedulePaymentReminders(order), earlier }
    },

    get: (id: number) => findOrder(db, id),

    /** The client's orders under way (`OrderJob`: a prepayment and its balance are one), newest first. */
    openJobs,

    /**
     * Whether a new invoice for the client is a part of a job under way (`OrderJob`) billed in
     * the same currency, by what it says (`partSaid`): a balance is a part of the one job under
     * way (asked which, of several); a first part («Предоплата 50%») starts a new one. Saying
     * neither, it is asked about while a job under way has its work paid for (an invoice paid, the
     * work not done) or was billed as a first part, its last invoice made within PARTS_WITHIN_MS:
     * a balance whose words the manager left out — unless it bills a product at its full price
     * (`/invoice checklist`), a whole order. Otherwise — nothing under way, or only an invoice
     * waiting to be paid (most often one the new invoice replaces) — it is a new order, as every
     * invoice was before.
     */
    partFor(
      clientId: number,
      draft: Pick<InvoiceDraft, 'description' | 'amount' | 'currency' | 'productId'>,
    ): { kind: 'new' } | { kind: 'part'; job: OrderJob } | { kind: 'ask'; jobs: OrderJob[] } {
      const said = partSaid(draft.description)
      if (said === 'first') return { kind: 'new' }
      // A balance is paid in the prepayment's currency
      const open = openJobs(clientId).filter((job) => job.orders[0]?.currency === draft.currency)
      if (said === 'rest') {
        const [only] = open
        if (only && open.length === 1) return { kind: 'part', job: only }
        return open.length > 0 ? { kind: 'ask', jobs: open.slice(0, JOBS_ASKED_MAX) } : { kind: 'new' }
      }
      const product = content.get().products.find((p) => p.id === draft.productId)
      const fullPrice =
        product !== undefined &&
        !product.price.from &&
        product.price.currency === draft.currency &&
        majorToMinor(product.price.amount, product.price.currency) === draft.amount
      if (fullPrice) return { kind: 'new' }
      const now = clock.now()
      const asked = open.filter(
        (job) =>
          now - Math.max(...job.orders.map((o) => o.createdAt)) < PARTS_WITHIN_MS &&
          (job.orders.some((o) => o.status === 'paid' && o.doneAt === null) ||
            partSaid(job.orders[0]?.description ?? null) === 'first'),
      )
      return asked.length > 0 ? { kind: 'ask', jobs: asked.slice(0, JOBS_ASKED_MAX) } : { kind: 'new' }
    },

    /**
     * Holds an /invoice until staff answer whether it is a part of a job under way (`partFor`):
     * nothing is billed meanwhile. Undefined when that /invoice message was held already
     * (Telegram delivered it again).
     */
    holdInvoice(input: {
      clientId: number
      createdBy: number | null
      source: { chatId: number; messageId: number }
      draft: InvoiceDraft
    }): InvoiceDraftRow | undefined {
      return insertInvoiceDraft(
        db,
        {
          clientId: input.clientId,
          createdBy: input.createdBy,
          sourceChatId: input.source.chatId,
          sourceMessageId: input.source.messageId,
          draft: input.draft,
        },
        clock.now(),
      )
    },

    /** An /invoice held for staff's answer (`holdInvoice`), as it is; undefined once answered. */
    heldInvoice: (id: number) => findInvoiceDraft(db, id),
    /** The held /invoice, taken for the answer: once (a second press finds none). */
    takeHeldInvoice: (id: number) => takeInvoiceDraft(db, id),

    /** The client's unpaid orders, newest first. */
    unpaid: (clientId: number) => listClientOrders(db, clientId, ['unpaid']),
    /** The client's paid orders (not refunded), newest first: what a refund they ask for may be of. */
    paid: (clientId: number) => listClientOrders(db, clientId, ['paid']),
    /** All the client's orders, whatever their status, newest first: their records (and payments) outlive /forget. */
    all: (clientId: number) => listClientOrders(db, clientId),
    notDone,

    /**
     * The client promised to pay ("оплачу в пятницу"): the last day of the promise is kept on each
     * of their unpaid orders, and their payment reminders wait for the morning after it
     * (followups' policy). `days`: how many days from today the words give, by today's date
     * (YYYY-MM-DD, business time); undefined when they name no day — then PROMISE_DEFAULT_DAYS. The
     * orders, newest first.
     */
    notePayPromise(clientId: number, days: (today: string) => number | undefined): OrderRow[] {
      const today = DateTime.fromMillis(clock.now(), { zone: content.get().business.timezone })
      const until = today
        .plus({ days: days(today.toFormat('yyyy-MM-dd')) ?? PROMISE_DEFAULT_DAYS })
        .toFormat('yyyy-MM-dd')
      return setPayPromise(db, clientId, until).sort((a, b) => b.id - a.id)
    },

    /** The reminder after the client's promise went and mentioned it: the promise is spent. */
    promiseReminded: (orderId: number) => clearPayPromise(db, orderId),

    /**
     * Staff moved an unpaid order's due date (`/due`): the new date is kept, the order's pending
     * reminders are taken back and those of the new date still ahead planned (the reminders' own
     * schedule, `schedulePaymentReminders`). The order as it is now, the date it had, and what was
     * planned; `unchanged` when it is no unpaid order or is due that day already.
     */
    moveDue(
      orderId: number,
      dueDate: string,
    ):
      | { status: 'moved'; order: OrderRow; from: string | null; reminders: ScheduledReminder[] }
      | { status: 'unchanged'; order?: OrderRow } {
      return db.transaction(() => {
        const before = findOrder(db, orderId)
        if (before?.status !== 'unpaid' || before.dueDate === dueDate) return { status: 'unchanged', order: before }
        setOrderDueDate(db, orderId, dueDate)
        const order = { ...before, dueDate }
        followups.cancelPaymentReminders(order, `The due date was moved to ${dueDate}.`)
        const reminders = followups.schedulePaymentReminders(order, { moved: clock.now() })
        clients.recordEvent(order.clientId, 'invoice_due_moved', { order: order.id, from: before.dueDate, to: dueDate })
        return { status: 'moved', order, from: before.dueDate, reminders }
      })
    },

    /** Telegram refused the order's provider invoice, so payment details went instead, and go from now on. */
    fallBackToDetails: (orderId: number) => setProviderRefused(db, orderId, clock.now()),

    /**
     * Marks the order paid (once), stops its reminders, records `paid` in the funnel and
     * moves the client to `customer` — or `repeat` when an earlier order was paid (refunded
     * since or not): another job, for the balance of a job whose prepayment was paid is the
     * same order (`orders.partOf`), and an invoice linked to this one (`orderEarlier`: the one it
     * may replace, or its replacement) is the same thing bought, paid twice maybe, not a second
     * order. `via`: staff confirmed it, or Telegram did (a provider's invoice, Stars); `by`: who on
     * the team confirmed it (`onSettled`: the invoice's summary in the topic says who).
     * `paidToo`: the linked invoices paid already — the client may have paid for one thing twice,
     * which the team is to look at (a person decides whether money goes back); `held`: the linked
     * invoices still unpaid whose reminders now wait for the team (`orders.remindersHeldBy`), each
     * once: cancel it, or keep reminding (`resumeReminders`).
     */
    markPaid(
      orderId: number,
      via: PaidVia = 'staff',
      by: number | null = null,
    ):
      | { status: 'paid'; order: OrderRow; repeat: boolean; paidToo: OrderRow[]; held: OrderRow[] }
      | { status: 'unchanged'; order?: OrderRow } {
      return db.transaction(() => {
        const order = markOrderPaid(db, orderId, clock.now(), via)
        if (!order) return { status: 'unchanged' as const, order: findOrder(db, orderId) }
        followups.cancelPaymentReminders(order, 'The order is paid.')
        paidChecks.disarm(order, 'The order is paid.')
        const linked = listLinkedOrders(db, order.id).filter((o) => o.clientId === order.clientId)
        const paidToo = linked.filter((o) => o.status === 'paid')
        const held = linked.flatMap((o) =>
          o.status === 'unpaid' ? (holdOrderReminders(db, o.id, order.id) ?? []) : [],
        )
        // Paid before, even if given back since: the stage tells how far the client came, and
        // which of two payments was refunded, or when, must not decide it
        const repeat = countJobsEverPaid(db, order.clientId, [jobOf(order), ...linked.map(jobOf)]) > 0
        const client = clients.get(order.clientId)
        if (client) clients.advanceStage(client, repeat ? 'repeat' : 'customer')
        onSettled(order, by)
        clients.recordEvent(order.clientId, FUNNEL.paid, {
          order: order.id,
          amount: order.amount,
          currency: order.currency,
          via,
        })
        return { status: 'paid' as const, order, repeat, paidToo, held }
      })
    },

    /**
     * The team's word on an invoice whose reminders a linked payment held (`markPaid`): a separate
     * order, remind the client as planned. The pair is unlinked (no "paid twice?" when it is paid
     * too) and the reminders go again at their next look. The order as it is now and the invoice
     * whose payment held it; undefined when it was not held (answered already, or never).
     */
    resumeReminders(orderId: number): { order: OrderRow; heldBy: number } | undefined {
      return db.transaction(() => {
        const before = findOrder(db, orderId)
        const heldBy = before?.remindersHeldBy
        if (heldBy == null) return undefined
        const order = releaseOrderReminders(db, orderId)
        if (!order) return undefined
        unlinkOrders(db, orderId, heldBy)
        clients.recordEvent(order.clientId, 'invoice_reminders_resumed', { order: order.id, paid: heldBy })
        return { order, heldBy }
      })
    },

    /**
     * The payment's confirmation could not reach the client now (their chat with the owner's
     * account is closed to the bot): it is kept for their next message (`takeHeldConfirmations`).
     */
    holdConfirmation(orderId: number): void {
      const clientId = holdPaidConfirmation(db, orderId, clock.now())
      if (clientId !== undefined) heldFor().add(clientId)
    },

    /**
     * Whether a payment confirmation waits for the client's next message. Asked at every client
     * message, so answered from memory: who has one is read from the file once, then kept as
     * confirmations are held and taken (a statement per message was one more for every update).
     */
    hasHeldConfirmation: (clientId: number) => heldFor().has(clientId),

    /** The client wrote and may be written to: their paid orders whose confirmation was held, each once. */
    takeHeldConfirmations(clientId: number): OrderRow[] {
      heldFor().delete(clientId)
      return takeHeldPaidConfirmations(db, clientId)
    },

    /** The client pressed "I paid" on their own unpaid order: staff are asked to confirm. */
    clientReportsPaid(
      orderId: number,
      clientId: number,
    ):
      | { status: 'reported'; order: OrderRow }
      | { status: 'already' | 'paid' | 'refunded' | 'closed' | 'not-found'; order?: OrderRow } {
      // With its reminder to the team: a crash between the two must not leave a report nobody is reminded of
      const reported = db.transaction(() => {
        const row = setClientReportedPaid(db, orderId, clientId, clock.now())
        if (row) paidChecks.arm(row)
        return row
      })
      if (reported) {
        clients.recordEvent(clientId, 'client_reported_paid', { order: orderId })
        return { status: 'reported', order: reported }
      }
      const order = findOrder(db, orderId)
      if (!order || order.clientId !== clientId) return { status: 'not-found' }
      if (order.status === 'paid' || order.status === 'refunded') return { status: order.status, order }
      if (order.status === 'cancelled') return { status: 'closed', order }
      return { status: 'already', order }
    },

    /** Staff did not find the client's payment: reminders resume (and the card says so). */
    rejectClientReport(orderId: number): OrderRow | undefined {
      const order = clearClientReportedPaid(db, orderId)
      if (!order) return undefined
      paidChecks.disarm(order, 'Staff did not find the payment yet.')
      clients.recordEvent(order.clientId, 'client_report_rejected', { order: orderId })
      return order
    },

    /** Cancels an unpaid order and its reminders; `by`: who on the team cancelled it. */
    cancel(orderId: number, by: number | null = null): OrderRow | undefined {
      const order = cancelOrder(db, orderId)
      if (!order) return undefined
      followups.cancelPaymentReminders(order, 'The order was cancelled.')
      paidChecks.disarm(order, 'The order was cancelled.')
      // Before the event: its staff buttons come off the topic's posts then, and the summary's with its new text
      onSettled(order, by)
      clients.recordEvent(order.clientId, 'invoice_cancelled', { order: order.id })
      return order
    },

    /**
     * The work is done: marks the job (`OrderJob`) of the order given, else of the client's
     * newest not-done, not-cancelled order, else none — every standing invoice of it at once, a
     * prepayment and its balance — and schedules the check-in (one for the job, about its first
     * standing invoice) and, once per client, NPS.
     * No `checkinAt` when the job's check-in is no longer to come (it went out already). A
     * refunded order is refused (`refunded`): no check-in about money that went back. Without an
     * order named, a client whose every invoice was taken back (refunded, cancelled) is refused
     * too (`taken-back`, with them, newest first): "no invoice" is for a client never billed, and
     * a refunded order's work taken for it got the check-in, review request and NPS the refund
     * rules out. Work marked done before is refused (`already`) and nothing changes: the job of
     * the order named; without one, the client's done orders when none is under way (newest first), each
     * with when it was marked, while a job's check-in is still to come or the work done last
     * was marked within SAME_WORK_MS (later a bare /done is new work without an order); or the
     * work without an order marked done last (`at`) while its check-in is still to come. `checkinAt`: the check-in still to come of the one
     * job, or of that work. `orders`: the job's invoices marked done now (one for an order billed once).
     */
    markDone(
      clientId: number,
      orderId?: number,
    ):
      | {
          ok: true
          order: OrderRow | undefined
          orders: OrderRow[]
          checkinAt?: number
          checkinBefore?: true
          npsAt?: number
          /** The client asked for no more questions after an order then: none planned. */
          declinedAt?: number
        }
      | { ok: false; error: 'not-found' | 'refunded' }
      | { ok: false; error: 'taken-back'; orders: OrderRow[] }
      | { ok: false; error: 'already'; orders: { order: OrderRow; at: number }[]; checkinAt?: number }
      | { ok: false; error: 'already'; at: number; checkinAt: number } {
      const now = clock.now()
      /** The job's check-in still to come, whichever of its invoices it is about. */
      const jobCheckin = (order: OrderRow) =>
        listJobOrders(db, jobOf(order))
          .map((o) => followups.pendingCheckin(clientId, o.id))
          .find((at) => at !== undefined)
      const already = (orders: OrderRow[]) => {
        const done = orders.flatMap((order) => (order.doneAt === null ? [] : [{ order, at: order.doneAt }]))
        const [first] = done
        // One job (an order billed once, or a prepayment and its balance): its one check-in
        const oneJob = first !== undefined && done.every((d) => jobOf(d.order) === jobOf(first.order))
        const checkinAt = first && oneJob ? jobCheckin(first.order) : undefined
        return {
          ok: false as const,
          error: 'already' as const,
          orders: done,
          ...(checkinAt === undefined ? {} : { checkinAt }),
        }
      }
      /** An invoice of the job whose work is marked done now; none for a client never billed. */
      let target: OrderRow | undefined
      if (orderId !== undefined) {
        const found = findOrder(db, orderId)
        if (!found || found.clientId !== clientId || found.status === 'cancelled')
          return { ok: false, error: 'not-found' }
        // The money went back: nothing to ask the client about it, nor to count as a service done
        if (found.status === 'refunded') return { ok: false, error: 'refunded' }
        target = found
      } else {
        target = notDone(clientId)[0]
        if (!target) {
          const all = listClientOrders(db, clientId)
          if (all.length > 0 && all.every((o) => o.status === 'refunded' || o.status === 'cancelled'))
            return { ok: false, error: 'taken-back', orders: all }
          // The check-in still to come, of any work (`pendingCheckin`), and when work was last marked done
          const checkinAt = followups.pendingCheckin(clientId, null)
          const at = lastEventAt(db, clientId, 'service_done', 'service_done')
          // Billed, and the work of every invoice still standing is done: that work again while an
          // invoice's check-in is still to come, or — none to come — while the work done last was
          // marked within SAME_WORK_MS (its check-in out already). Later it is new work without an
          // invoice: a free fix months on could not be marked at all
          const done = all.filter((o) => o.doneAt !== null && o.status !== 'refunded' && o.status !== 'cancelled')
          if (done.length > 0) {
            const last = Math.max(at ?? 0, ...done.map((o) => o.doneAt ?? 0))
            const invoiceCheckin = done.some((o) => followups.pendingCheckin(clientId, o.id) !== undefined)
            if (invoiceCheckin || (checkinAt === undefined && now - last < SAME_WORK_MS)) return already(done)
          }
          // Work without an invoice (for a client never billed, the only kind) marked done while its
          // check-in is still to come is that work again
          if (checkinAt !== undefined && at !== undefined) return { ok: false, error: 'already', at, checkinAt }
        }
      }
      // The job's standing invoices: each marked, once, together
      const job = target ? jobWith(jobOf(target)).orders : []
      if (target && job.every((o) => o.doneAt !== null)) return already(job)
      const marked = db.transaction(() =>
        job.flatMap((o) => (o.doneAt === null ? (markOrderDone(db, o.id, now) ?? []) : [])),
      )
      if (target && marked.length === 0) {
        // Marked meanwhile by a colleague's /done (or cancelled): as it is now
        const current = jobWith(jobOf(target)).orders
        return current.some((o) => o.doneAt !== null) ? already(current) : { ok: false, error: 'not-found' }
      }
      // The check-in asks about the job once: about its first invoice, which names the work
      // ("Предоплата 50% за лендинг": the landing page)
      const order = target && (jobWith(jobOf(target)).orders[0] ?? target)
      clients.recordEvent(clientId, 'service_done', { order: order?.id ?? null })
      const scheduled = followups.scheduleAfterDone({ clientId, orderId: order?.id ?? null, doneAt: now })
      return { ok: true, order, orders: marked, ...scheduled }
    },
  }
}

/**
 * What an invoice is for, in `locale`: the product's title in that language, then the
 * manager's words ("Лендинг под ключ — Предоплата 25%"), or null when neither. The title is
 * looked up each time, so a client who switches language and the staff read it in their own.
 * An order made before products were kept has the whole text in `description`; a product
 * since taken out of the content file keeps its title (`ContentStore.productTitle`).
 */
export function orderWhat(
  order: Pick<OrderRow, 'productId' | 'description'>,
  content: Pick<ContentStore, 'productTitle'>,
  locale: string,
): string | null {
  const title = content.productTitle(order.productId, locale) ?? ''
  // An order billed before /invoice left out the title's words ("repair" after `puncture`)
  const words = (order.description ?? '').split(/\s+/).filter(Boolean)
  const repeated = title && order.productId ? titleRepeated(words, { id: order.productId, title }) : 0
  const description = repeated > 0 ? words.slice(repeated).join(' ') : (order.description ?? '')
  return clip([title, description].filter(Boolean).join(' — '), ORDER_WHAT_MAX) || null
}
