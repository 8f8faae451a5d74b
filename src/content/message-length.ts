/**
 * The messages a client reads that put several of the owner's texts together (the
 * "About" screen, a product card and its "Details", a saved reply with its variables)
 * must each fit one Telegram message, and so must an invoice or a payment reminder with the
 * payment details. A text shown elsewhere is held to TEXT_MAX, which leaves MESSAGE_ROOM
 * for the bot's own words around it (a question with its heading and the current answer);
 * this adds the texts up, per language the bot speaks, so a file that would break a screen
 * is refused by `npm run content:check` and the upload, never found by a client.
 *
 * Each text gets one instruction: a text that a client reads only in the messages added up
 * here (SCREEN_TEXTS) is held to their sum alone, not also to TEXT_MAX, which would name a
 * second, different figure for the same text.
 */
import { describeContacts, describeWorkingHours } from '../format.ts'
import { MESSAGE_MAX, ORDER_WHAT_MAX } from '../text.ts'
import { fillTemplate, REPLY_VARIABLE_NAMES, type ReplyVariable } from './replies.ts'
import { type Content, MAX_REASONS, MESSAGE_ROOM, TEXT_MAX, type Text } from './schema.ts'
import { DEFAULT_LANGUAGE, pickText } from './text.ts'

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

/**
 * Texts a client reads only in a message checkMessageLengths adds up (by path, a list's index as
 * "*"): "about" and "values" on the "About" screen (the greeting holds "about" with fewer of the
 * bot's words), a description in its "Details", the payment details in an invoice, its reminders
 * and the saved replies that name them, a saved reply's text as it is sent. That sum is their
 * rule: for the first four it is stricter than TEXT_MAX, and a saved reply, sent as written,
 * may take the whole message.
 */
const SCREEN_TEXTS: ReadonlySet<string> = new Set([
  'business.about',
  'business.values',
  'business.payment_details',
  'products.*.description',
  'replies.*.text',
])

const pattern = (path: readonly (string | number)[]) =>
  path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.')

/** Where a message that is too long is reported: the text to shorten, or the part of the file it is made of. */
interface Place {
  path: (string | number)[]
  text?: Text
}

export function checkMessageLengths(content: Content): LengthIssue[] {
  const issues: LengthIssue[] = []
  // The texts over TEXT_MAX alone (by path, as "products.0.title.ru"): their issue, and by how much
  const tooLong = new Map<string, { index: number; over: number }>()
  // Every text alone, wherever it is (a question, a label, a template)
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (NOT_TEXTS.has(path.join('.')) || SCREEN_TEXTS.has(pattern(path))) return
    if (typeof value === 'string') {
      if (value.length > TEXT_MAX) {
        tooLong.set(path.join('.'), { index: issues.length, over: value.length - TEXT_MAX })
        issues.push({
          path,
          message: `must be at most ${TEXT_MAX} characters long (it has ${value.length}): a client reads it in one Telegram message (${MESSAGE_MAX} characters, with the bot's own words); shorten it by at least ${value.length - TEXT_MAX}`,
        })
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, Array.isArray(value) ? Number(key) : key])
    }
  }
  walk(content, [])
  const business = content.business
  const len = (text: Text | undefined, language: string) => (text === undefined ? 0 : pickText(text, language).length)
  /**
   * Reports the first language in which the message would not fit. At a text (the variant that
   * language reads), the limit is that text's: what the message leaves it, so its length less
   * that limit is what the message is over by; when the rest alone is over, the message's length.
   *
   * When one of its `parts` is over TEXT_MAX itself and shortening it alone can make the message
   * fit, the message is no second and third error: one issue at that text, with the larger of
   * the two figures (a title of 4,200 characters was reported three times, by 611, 705 and 963,
   * at its card, its own line and its description's).
   */
  const mustFit = (
    place: Place | ((language: string) => Place),
    what: string,
    length: (language: string) => number,
    { room = MESSAGE_ROOM, parts = [] }: { room?: number; parts?: readonly Place[] } = {},
  ) => {
    for (const language of business.languages) {
      const total = length(language) + room
      const over = total - MESSAGE_MAX
      if (over <= 0) continue
      const notes = [language, ...(room > 0 ? ["with the bot's own words"] : [])].join(', ')
      const issue = ({ path, text }: Place): LengthIssue => {
        const own = len(text, language)
        const limit =
          text !== undefined && own > over ? `must be at most ${own - over} characters long (it has ${own}): ` : ''
        return {
          path: text === undefined ? path : [...path, ...variantKey(text, language)],
          message: `${limit}${what} would be ${total} characters (${notes}); one Telegram message holds ${MESSAGE_MAX}: shorten it by at least ${over}`,
        }
      }
      const cause = parts
        .map((part) => ({ part, alone: tooLong.get(issue(part).path.join('.')) }))
        .filter(({ part, alone }) => alone !== undefined && len(part.text, language) > over)
        .sort((a, b) => len(b.part.text, language) - len(a.part.text, language))[0]
      if (cause?.alone) {
        if (over > cause.alone.over) {
          issues[cause.alone.index] = issue(cause.part)
          cause.alone.over = over
        }
        return
      }
      issues.push(issue(typeof place === 'function' ? place(language) : place))
      return
    }
  }
  const sum = (texts: readonly (Text | undefined)[], language: string) =>
    texts.reduce((total, text) => total + len(text, language) + 2, 0)

  // At the longer of "about" and "values" in the language that does not fit: the one to shorten
  mustFit(
    (l) =>
      business.values && len(business.values, l) >= len(business.about, l)
        ? { path: ['business', 'values'], text: business.values }
        : { path: ['business', 'about'], text: business.about },
    'the "About" screen (business.name, about, values, working hours and contacts)',
    (l) =>
      sum([business.name, business.about, business.values], l) +
      describeWorkingHours(content, l).length +
      describeContacts(content, l).length,
    { parts: [{ path: ['business', 'name'], text: business.name }] },
  )

  // The invoice and each payment reminder: the amount, what for, the due date and the details
  if (business.payment_details) {
    const details = business.payment_details
    mustFit(
      { path: ['business', 'payment_details'], text: details },
      "an invoice or a payment reminder (the payment details with the order and the bot's words)",
      (l) => len(details, l) + ORDER_WHAT_MAX,
    )
  }

  const reasons = content.quiz.questions.flatMap((q) => q.options.flatMap((o) => (o.reason ? [o.reason] : [])))
  content.products.forEach((product, i) => {
    const at = (key: string, text: Text | undefined, ...rest: (string | number)[]): Place => ({
      path: ['products', i, key, ...rest],
      text,
    })
    const title = at('title', product.title)
    const unit = at('price', product.price.unit, 'unit')
    const stock = at('stock_note', product.stock_note)
    mustFit(
      { path: ['products', i, 'description'], text: product.description },
      'its "Details" (title, description and stock note)',
      (l) => sum([product.title, product.description, product.price.unit, product.stock_note], l),
      { parts: [title, unit, stock] },
    )
    mustFit(
      { path: ['products', i] },
      `its card (title, includes, benefit, stock note and up to ${MAX_REASONS} reasons)`,
      (l) => {
        const longest = reasons.map((reason) => len(reason, l) + 3).sort((a, b) => b - a)
        const why = longest.slice(0, MAX_REASONS).reduce((total, n) => total + n, 0)
        return (
          sum([product.title, product.price.unit, ...product.includes, product.benefit, product.stock_note], l) + why
        )
      },
      {
        parts: [
          title,
          unit,
          ...product.includes.map((text, j) => at('includes', text, j)),
          at('benefit', product.benefit),
          stock,
        ],
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
    // Sent as written, with no words of the bot's around it
    mustFit({ path: ['replies', i, 'text'], text: reply.text }, 'the reply with its variables filled in', length, {
      room: 0,
    })
  })
  return issues
}

/** The key of the variant `language` reads in a per-language text (as pickText picks it); none for a plain string. */
function variantKey(text: Text, language: string): string[] {
  if (typeof text === 'string') return []
  const key = [language, DEFAULT_LANGUAGE].find((candidate) => text[candidate] !== undefined) ?? Object.keys(text)[0]
  return key === undefined ? [] : [key]
}
