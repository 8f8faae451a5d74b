/**
 * Saved replies' templates: the variables an owner may write in a reply's text
 * (`{name}`, `{next_call}` …) and how to find them. The loader checks every
 * template against this list, so an unknown variable is a mistake in the file, not
 * a blank in a client's message; src/services/desk/saved-replies.ts fills them in.
 */
import type { Content } from './schema.ts'

/**
 * Every variable, and what in the content file it needs (a variable about the
 * business cannot be filled when the file leaves that field out). Variables about
 * the client (an upcoming call, an unpaid invoice) are checked when the reply is sent.
 */
export const REPLY_VARIABLES = {
  /** The form of address the client gave, else their Telegram first name. */
  name: undefined,
  /** The team member who sends the reply: the person actually writing to the client. */
  manager: undefined,
  /** The client's next booked call: day, time and time zone ("вт, 24 нояб., 11:30 (Москва, UTC+3)"). */
  next_call: undefined,
  /** The amount of the client's latest unpaid invoice. */
  order_amount: undefined,
  /** The number of that invoice. */
  order_number: undefined,
  /** Its due date. */
  order_due: undefined,
  business_name: undefined,
  business_phone: 'business.contacts.phone',
  business_email: 'business.contacts.email',
  business_telegram: 'business.contacts.telegram',
  website: 'business.contacts.website',
  address: 'business.contacts.address',
  /** The working hours, as "Пн–Пт 10:00–19:00, Сб 11:00–16:00". */
  hours: undefined,
  payment_details: 'business.payment_details',
} as const satisfies Record<string, string | undefined>

export type ReplyVariable = keyof typeof REPLY_VARIABLES

export const REPLY_VARIABLE_NAMES = Object.keys(REPLY_VARIABLES) as ReplyVariable[]

/** `{name}` or `{ name }`: a latin word in braces. Anything else in braces is plain text. */
const VARIABLE = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g

/** The variables a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((match) => match[1] as string))]
}

export function isReplyVariable(name: string): name is ReplyVariable {
  return Object.hasOwn(REPLY_VARIABLES, name)
}

/** Replaces each variable with its value (every variable must have one). */
export function fillTemplate(template: string, values: Readonly<Partial<Record<ReplyVariable, string>>>): string {
  return template.replace(VARIABLE, (whole, name: string) => (isReplyVariable(name) ? (values[name] ?? whole) : whole))
}

/** The content field a variable needs that this file leaves empty, if any. */
export function missingSource(variable: ReplyVariable, content: Content): string | undefined {
  const source = REPLY_VARIABLES[variable]
  if (source === undefined) return undefined
  const { contacts, payment_details: paymentDetails } = content.business
  const present = {
    'business.contacts.phone': contacts.phone,
    'business.contacts.email': contacts.email,
    'business.contacts.telegram': contacts.telegram,
    'business.contacts.website': contacts.website,
    'business.contacts.address': contacts.address,
    'business.payment_details': paymentDetails,
  }[source]
  return present === undefined ? source : undefined
}
