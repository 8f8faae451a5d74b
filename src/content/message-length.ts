/**
 * The messages a client reads that put several of the owner's texts together (the
 * "About" screen, a product card and its "Details", a saved reply with its variables)
 * must each fit one Telegram message, and so must an invoice or a payment reminder with the
 * payment details. The schema keeps every single text within
 * TEXT_MAX, which leaves MESSAGE_ROOM for the bot's own words around it (a question
 * with its heading and the current answer); this adds the texts up, per language the
 * bot speaks, so a file that would break a screen is refused by `npm run content:check`
 * and the upload, never found by a client.
 */
import { describeContacts, describeWorkingHours } from '../format.ts'
import { MESSAGE_MAX, ORDER_WHAT_MAX } from '../text.ts'
import { fillTemplate, REPLY_VARIABLE_NAMES, type ReplyVariable } from './replies.ts'
import { type Content, MAX_REASONS, MESSAGE_ROOM, TEXT_MAX, type Text } from './schema.ts'
import { pickText } from './text.ts'

/** What a client's value filled into a saved reply ({name}, {next_call}, {order_amount} …) may take. */
const VARIABLE_ROOM = 100

export interface LengthIssue {
  path: (string | number)[]
  message: string
}

/**
 * Parts of the file that are not the bot's texts, which no client reads: what goes to the
 * payment provider, a field nothing uses yet (by path, as "payments.provider_data").
 */
export const NOT_TEXTS: ReadonlySet<string> = new Set(['payments.provider_data', 'business.payment_stages'])

export function checkMessageLengths(content: Content): LengthIssue[] {
  const issues: LengthIssue[] = []
  // Every text alone, wherever it is (a question, a label, a template)
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (NOT_TEXTS.has(path.join('.'))) return
    if (typeof value === 'string') {
      if (value.length > TEXT_MAX)
        issues.push({
          path,
          message: `must be at most ${TEXT_MAX} characters long (it has ${value.length}): a client reads it in one Telegram message (${MESSAGE_MAX} characters, with the bot's own words)`,
        })
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, Array.isArray(value) ? Number(key) : key])
    }
  }
  walk(content, [])
  const business = content.business
  /** Reports the first language in which the message would not fit. */
  const mustFit = (
    path: (string | number)[],
    what: string,
    length: (language: string) => number,
    room = MESSAGE_ROOM,
  ) => {
    for (const language of business.languages) {
      const total = length(language) + room
      if (total > MESSAGE_MAX) {
        issues.push({
          path,
          message: `${what} would be ${total} characters (${language}, with the bot's own words); one Telegram message holds ${MESSAGE_MAX}: shorten it by at least ${total - MESSAGE_MAX}`,
        })
        return
      }
    }
  }
  const len = (text: Text | undefined, language: string) => (text === undefined ? 0 : pickText(text, language).length)
  const sum = (texts: readonly (Text | undefined)[], language: string) =>
    texts.reduce((total, text) => total + len(text, language) + 2, 0)

  mustFit(
    ['business', business.values ? 'values' : 'about'],
    'the "About" screen (business.name, about, values, working hours and contacts)',
    (l) =>
      sum([business.name, business.about, business.values], l) +
      describeWorkingHours(content, l).length +
      describeContacts(content, l).length,
  )

  // The invoice and each payment reminder: the amount, what for, the due date and the details
  if (business.payment_details) {
    const details = business.payment_details
    mustFit(
      ['business', 'payment_details'],
      "an invoice or a payment reminder (the payment details with the order and the bot's words)",
      (l) => len(details, l) + ORDER_WHAT_MAX,
    )
  }

  const reasons = content.quiz.questions.flatMap((q) => q.options.flatMap((o) => (o.reason ? [o.reason] : [])))
  content.products.forEach((product, i) => {
    mustFit(['products', i, 'description'], 'its "Details" (title, description and stock note)', (l) =>
      sum([product.title, product.description, product.price.unit, product.stock_note], l),
    )
    mustFit(
      ['products', i],
      `its card (title, includes, benefit, stock note and up to ${MAX_REASONS} reasons)`,
      (l) => {
        const longest = reasons.map((reason) => len(reason, l) + 3).sort((a, b) => b - a)
        const why = longest.slice(0, MAX_REASONS).reduce((total, n) => total + n, 0)
        return (
          sum([product.title, product.price.unit, ...product.includes, product.benefit, product.stock_note], l) + why
        )
      },
    )
  })

  // A saved reply is sent as written, its variables filled in: the business's from this file,
  // the client's ({name}, {next_call} …) with room for a long value
  const filled = (l: string): Partial<Record<ReplyVariable, string>> => ({
    ...Object.fromEntries(REPLY_VARIABLE_NAMES.map((name) => [name, 'x'.repeat(VARIABLE_ROOM)])),
    business_name: pickText(business.name, l),
    business_phone: business.contacts.phone ?? '',
    business_email: business.contacts.email ?? '',
    business_telegram: business.contacts.telegram ?? '',
    website: business.contacts.website ?? '',
    address: business.contacts.address ? pickText(business.contacts.address, l) : '',
    hours: describeWorkingHours(content, l),
    payment_details: business.payment_details ? pickText(business.payment_details, l) : '',
  })
  content.replies.forEach((reply, i) => {
    const length = (l: string) => fillTemplate(pickText(reply.text, l), filled(l)).length
    mustFit(['replies', i, 'text'], 'the reply with its variables filled in', length, 0)
  })
  return issues
}
