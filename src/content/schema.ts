/**
 * The shape of the business content file (db/seed/web-studio.yaml is the demo).
 * Every key an owner may leave out has a default here, so a short file works;
 * messages are written for the owner, who reads them next to a line number.
 * Checks that compare one part of the file with another (duplicate ids, quiz
 * weights naming products) live in loader.ts, which runs them after this schema.
 */
import { z } from 'zod'
import { cityZone } from '../city-zones.ts'
import { LANGUAGES } from '../locales/languages.ts'
import { isCurrency, STARS } from '../money.ts'
import { closest, MESSAGE_MAX } from '../text.ts'

export type { Text } from './text.ts'

// ---------------------------------------------------------------- building blocks

const nonEmptyString = z.string().trim().min(1)

/**
 * Room for the bot's own words around an owner's text in one message: headings, a price,
 * marks, the client's current answer under a question (src/content/message-length.ts).
 */
export const MESSAGE_ROOM = 500
/**
 * The longest text of the file: a client reads each in one Telegram message, with the
 * bot's words around it. A text read only on a screen whose texts are added up ("about",
 * a product's description, a saved reply …) is held to that screen's total instead, so it
 * gets one limit, not two. Checked with the screens' totals (src/content/message-length.ts),
 * not by the schema, so that content saved before the limit still loads at start-up.
 */
export const TEXT_MAX = MESSAGE_MAX - MESSAGE_ROOM
/**
 * The longest typed `text` answer, with or without `validation.max_length`: the answer is
 * shown back to the client and to the team with the bot's words around it. A larger
 * max_length is refused by the content check (loader.ts), not by the schema, for the same
 * reason as TEXT_MAX.
 */
export const TEXT_ANSWER_LIMIT = 2000

const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as ru or en')

/**
 * A text map's key: a language's code. One that is no language at all is most often the rest of
 * a text cut at an unquoted ": " — on the line under its key, or with a ", " inside { }, as in
 * `{ ru: Да, конечно, en: Yes }` — marked `cut-text` for loader.ts, which tells the owner so at the
 * text itself: whether the text was in { } decides what to say, and only the file shows that.
 */
const textLanguageKey = z.string().superRefine((key, ctx) => {
  if (/^[a-z]{2,3}$/.test(key)) return
  const code = languageCodeOf(key)
  if (code !== undefined || /^[A-Za-z]{2,3}$/.test(key)) {
    const message = code ? `write the language's code: ${code}` : 'expected a language code such as ru or en'
    ctx.addIssue({ code: 'custom', params: { kind: 'unknown-language' }, message })
  } else ctx.addIssue({ code: 'custom', params: { kind: CUT_TEXT }, message: 'a text cut at ": "' })
})

/** The kind of a text map's key that is the rest of a text cut at ": " (see textLanguageKey). */
export const CUT_TEXT = 'cut-text'

/**
 * "unknown language …", with the closest the bot speaks when there is one, and what follows from
 * it (`consequence`; `otherwise`: what to do when there is no closest).
 */
export function unknownLanguage(language: string, consequence: string, otherwise = ''): string {
  const suggestion = closest(language, LANGUAGES)
  return `unknown language "${language}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: the bot speaks ${LANGUAGES.join(' and ')}${consequence}${suggestion ? '' : otherwise}`
}

/**
 * A string, or `{ ru: …, en: … }` with a variant in a language the bot speaks. Which variant a
 * map must have (the file's main language, the first of `business.languages`) depends on another
 * part of the file: loader.ts checks it, with the variants in languages the bot does not speak.
 */
export const textSchema = z
  .union([nonEmptyString, z.record(textLanguageKey, nonEmptyString)], {
    error: (issue) => {
      if (issue.input === undefined) return 'is required'
      if (issue.input === null) return 'is empty: write the text after the colon'
      if (typeof issue.input === 'number' || typeof issue.input === 'boolean') {
        return `expected text, got ${String(issue.input)} (put it in quotes to use it as text)`
      }
      return 'expected text, or a per-language map like { ru: "…", en: "…" }'
    },
  })
  .superRefine((text, ctx) => {
    // None in a language the bot speaks: no client could read it ({ eng: … } alone). A map with one
    // has its other variants checked by loader.ts, after the file's first version could be saved
    if (typeof text === 'string' || Object.keys(text).some((language) => isLanguage(language))) return
    for (const language of Object.keys(text)) {
      ctx.addIssue({
        code: 'custom',
        path: [language],
        params: { kind: 'unknown-language' },
        message: unknownLanguage(language, ', and no client would read this text'),
      })
    }
  })

const isLanguage = (code: string): boolean => (LANGUAGES as readonly string[]).includes(code)

// Keys and option values end up in callback data (64 bytes in total) and in the
// database, so they are short, stable latin identifiers rather than free text.
const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected lowercase latin letters, digits and "_", starting with a letter (like budget)')
  .max(32, 'must be at most 32 characters long')

const valueSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected lowercase latin letters, digits, "_" and "-" (like lt100 or 100_300)')
  .max(32, 'must be at most 32 characters long')

const tagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a tag of lowercase latin letters, digits, "_" and "-" (like fast)')

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected a link starting with https://' })

// Telegram file ids are long base64url-like strings; anything else must be a link.
const TELEGRAM_FILE_ID = /^[A-Za-z0-9_-]{20,}$/
const httpsUrl = z.url({ protocol: /^https$/ })
const photoSchema = z
  .string()
  .refine(
    (value) => TELEGRAM_FILE_ID.test(value) || httpsUrl.safeParse(value).success,
    'expected an https:// link to an image or a Telegram file_id',
  )

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real `YYYY-MM-DD` date (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** True for a real `MM-DD` day of the year (a holiday every year; 02-29 is one in leap years). */
function isYearlyDay(value: string): boolean {
  return isCalendarDate(`2024-${value}`)
}

/** True when the runtime knows this IANA time zone (e.g. Europe/Moscow). */
export function isTimeZone(timeZone: string): boolean {
  let known = timeZonesKnown.get(timeZone)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone })
      known = true
    } catch {
      known = false
    }
    if (timeZonesKnown.size >= TIME_ZONES_KEPT) timeZonesKnown.clear()
    timeZonesKnown.set(timeZone, known)
  }
  return known
}
/**
 * `isTimeZone`'s answers: the runtime's zones do not change while it runs, and a formatter built to
 * ask cost some 15 µs of every client's typed text (the client's own zone is checked on each).
 */
const timeZonesKnown = new Map<string, boolean>()
/** Zones are a few hundred names; a longer list is cleared rather than grown. */
const TIME_ZONES_KEPT = 1_000

// ---------------------------------------------------------------- times of day

/** Minutes since midnight. */
export interface TimeRange {
  start: number
  end: number
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})$/
const TIME_RANGE = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/

/**
 * Parses "HH:MM" to minutes since midnight; "24:00" is allowed (1440) so a
 * range can run to the end of the day. Returns undefined when malformed.
 */
export function parseTimeOfDay(value: string): number | undefined {
  const match = TIME_OF_DAY.exec(value.trim())
  if (!match) return undefined
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined
  return hours * 60 + minutes
}

/** Parses "HH:MM-HH:MM" (as written in working hours) without judging its order. */
export function parseTimeRange(value: string): TimeRange | undefined {
  const match = TIME_RANGE.exec(value.trim())
  if (!match?.[1] || !match[2]) return undefined
  const start = parseTimeOfDay(match[1])
  const end = parseTimeOfDay(match[2])
  return start === undefined || end === undefined ? undefined : { start, end }
}

const timeOfDaySchema = z
  .string()
  .refine((value) => (parseTimeOfDay(value) ?? 1440) < 1440, 'expected a time like "21:00"')

const timeRangeSchema = z
  .string()
  .refine((value) => parseTimeRange(value) !== undefined, 'expected a time range like "10:00-19:00"')

/** One day's working intervals; absent, empty or `~` means closed. */
const dayHoursSchema = z
  .array(timeRangeSchema)
  .nullish()
  .transform((ranges) => ranges ?? [])
  .superRefine((ranges, ctx) => {
    // Malformed entries already have their own issue; judge only the readable ones.
    const parsed = ranges.flatMap((text, index) => {
      const range = parseTimeRange(text)
      return range ? [{ text, index, ...range }] : []
    })
    for (const range of parsed) {
      if (range.start >= range.end) {
        ctx.addIssue({
          code: 'custom',
          path: [range.index],
          message: `"${range.text}" ends before it starts; split hours past midnight across two days ("22:00-24:00" and "00:00-02:00")`,
        })
      }
    }
    const ordered = parsed.filter((range) => range.start < range.end).sort((a, b) => a.start - b.start)
    for (let i = 1; i < ordered.length; i++) {
      const previous = ordered[i - 1] as (typeof ordered)[number]
      const current = ordered[i] as (typeof ordered)[number]
      if (current.start < previous.end) {
        ctx.addIssue({
          code: 'custom',
          path: [current.index],
          message: `"${current.text}" overlaps "${previous.text}"`,
        })
      }
    }
  })

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const hoursSchema = z
  .strictObject({
    mon: dayHoursSchema,
    tue: dayHoursSchema,
    wed: dayHoursSchema,
    thu: dayHoursSchema,
    fri: dayHoursSchema,
    sat: dayHoursSchema,
    sun: dayHoursSchema,
  })
  .superRefine((hours, ctx) => {
    if (WEEKDAYS.every((day) => hours[day].length === 0)) {
      ctx.addIssue({
        code: 'custom',
        message: 'no working hours on any day: the bot could never offer a callback or promise an answer',
      })
    }
  })

// ---------------------------------------------------------------- business

const timeZoneSchema = z.string().superRefine((timeZone, ctx) => {
  if (!isTimeZone(timeZone)) {
    const meant = meantTimeZone(timeZone)
    ctx.addIssue({
      code: 'custom',
      message: meant
        ? `unknown time zone "${timeZone}" (did you mean ${meant}?)`
        : `unknown time zone "${timeZone}": use an IANA name such as Europe/Moscow or Asia/Yekaterinburg`,
    })
  }
})

/**
 * The IANA zone an owner most likely meant: the one named by the city written ("Berlin",
 * "new york" → Europe/Berlin, America/New_York; a city on another's time, or written in Russian:
 * "Kazan", "Уфа", src/city-zones.ts), or the name nearest a misspelt one.
 */
function meantTimeZone(written: string): string | undefined {
  const zones = Intl.supportedValuesOf('timeZone')
  const cityOf = (zone: string) => (zone.split('/').at(-1) ?? zone).toLowerCase().replaceAll('ё', 'е')
  const city = cityOf(written.trim().replace(/\s+/g, '_'))
  const byCity = zones.find((zone) => cityOf(zone) === city) ?? cityZone(city)
  if (byCity) return byCity
  // A misspelt city ("Moskow", "Europe/Berln"): the zone of the nearest one. Not for an
  // abbreviation ("MSK" is one letter from Omsk, three hours away)
  if (city.length < 4) return undefined
  const nearest = closest(city, zones.map(cityOf))
  return nearest === undefined ? undefined : zones.find((zone) => cityOf(zone) === nearest)
}

/** A language written by its name ("русский", "English"): its code, for the check's hint. */
function languageCodeOf(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined
  const name = written.trim().toLowerCase()
  if (/^(русский|russian|рус|ru)$/.test(name)) return 'ru'
  return /^(английский|english|англ|en)$/.test(name) ? 'en' : undefined
}

const contactsSchema = z
  .strictObject({
    phone: z
      .string()
      // As the business's country writes it: "+7 495 123-45-67", "(718) 555-0199" (an area code in brackets first)
      .regex(/^\+?\(?\d[\d\s()-]{5,24}$/, 'expected a phone number like +1 (212) 555-0142 or +7 495 123-45-67')
      .optional(),
    email: z.email({ error: 'expected an e-mail address like hello@example.com' }).optional(),
    website: httpUrl.optional(),
    telegram: z
      .string()
      .regex(/^@[A-Za-z0-9_]{4,32}$/, 'expected a Telegram username like @my_studio')
      .optional(),
    address: textSchema.optional(),
  })
  .prefault({})

const businessSchema = z.strictObject({
  name: textSchema,
  about: textSchema,
  values: textSchema.optional(),
  contacts: contactsSchema,
  timezone: timeZoneSchema,
  hours: hoursSchema,
  // A date (2026-05-11), or a day of every year (01-01: a list written once is not out of date
  // next January). Written right but not a day (30 February): said so, not "expected a date like"
  // the very form it has
  holidays: z
    .array(
      z.string().superRefine((date, ctx) => {
        if (isCalendarDate(date) || isYearlyDay(date)) return
        // One message per date: "31.12.2026" is a real day in another form, not "no such day"
        // "31.12" without a year: the same day every year
        const dotted = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/.exec(date)
        const day = dotted && `${dotted[2]?.padStart(2, '0')}-${dotted[1]?.padStart(2, '0')}`
        const iso = day && (dotted?.[3] ? `${dotted[3]}-${day}` : day)
        ctx.addIssue({
          code: 'custom',
          message:
            !CALENDAR_DATE.test(date) && !/^\d{2}-\d{2}$/.test(date)
              ? `expected a date like 2026-12-31, or 12-31 for every year${iso && (isCalendarDate(iso) || isYearlyDay(iso)) ? ` (write ${iso})` : ''}`
              : 'no such day in the calendar',
        })
      }),
    )
    .default([]),
  payment_details: textSchema.optional(),
  /**
   * Not read by the bot yet (a payment schedule was planned but never built): accepted as
   * written and not checked, so a file that has it stays valid; a check would refuse the
   * owner's file over a field nothing uses. Whatever reads it one day checks it then.
   */
  payment_stages: z.unknown().optional(),
  /** The languages the bot speaks with clients; a Russian-only business lists just `ru`. */
  languages: z
    .array(
      z.enum(LANGUAGES, {
        error: (issue) => {
          const code = languageCodeOf(issue.input)
          return code ? `write the language's code: ${code}` : undefined
        },
      }),
      {
        error: (issue) =>
          typeof issue.input === 'string'
            ? `expected a list of language codes, got "${issue.input}" (write [${languageCodeOf(issue.input) ?? LANGUAGES.join(', ')}])`
            : undefined,
      },
    )
    .min(1, 'list at least one language')
    .refine((list) => new Set(list).size === list.length, 'a language is listed twice')
    .default([...LANGUAGES]),
})

// ---------------------------------------------------------------- discovery

export const DISCOVERY_QUESTION_TYPES = ['choice', 'multi', 'text', 'number', 'phone', 'email', 'date'] as const
export type DiscoveryQuestionType = (typeof DISCOVERY_QUESTION_TYPES)[number]

const CHOICE_TYPES: readonly DiscoveryQuestionType[] = ['choice', 'multi']

const discoveryOptionSchema = z.strictObject({
  value: valueSchema,
  label: textSchema,
  /** Picking this option hands the client to a manager after the questions. */
  handoff: z.boolean().default(false),
  /**
   * In a `multi` question, picked alone ("None of these"): ticking it unticks the others, and
   * ticking another unticks it.
   */
  exclusive: z.boolean().optional(),
})

const regexSourceSchema = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source, 'u')
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` })
  }
})

const validationSchema = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  min_length: z.int().min(0).optional(),
  max_length: z.int().min(1).optional(),
  pattern: regexSourceSchema.optional(),
})

type Validation = z.output<typeof validationSchema>

// Which validation keys make sense for which question type.
const VALIDATION_KEYS_BY_TYPE: Partial<Record<DiscoveryQuestionType, readonly (keyof Validation)[]>> = {
  number: ['min', 'max'],
  text: ['min_length', 'max_length', 'pattern'],
}

const discoveryQuestionSchema = z
  .strictObject({
    key: keySchema,
    text: textSchema,
    type: z.enum(DISCOVERY_QUESTION_TYPES),
    options: z.array(discoveryOptionSchema).default([]),
    required: z.boolean().default(true),
    hint: textSchema.optional(),
    validation: validationSchema.optional(),
  })
  .superRefine((question, ctx) => {
    const isChoice = CHOICE_TYPES.includes(question.type)
    if (isChoice && question.options.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${question.type} question needs at least 2 options`,
      })
    }
    if (!isChoice && question.options.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `options are only for choice and multi questions, this one is "${question.type}"`,
      })
    }
    const validation = question.validation
    if (!validation) return
    const allowed = VALIDATION_KEYS_BY_TYPE[question.type] ?? []
    for (const key of Object.keys(validation) as (keyof Validation)[]) {
      if (validation[key] !== undefined && !allowed.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['validation', key],
          message: allowed.length
            ? `"${key}" does not apply to a ${question.type} question (use ${allowed.join(', ')})`
            : `a ${question.type} question has no validation settings: the bot already checks this type`,
        })
      }
    }
    if (validation.min !== undefined && validation.max !== undefined && validation.min > validation.max) {
      ctx.addIssue({ code: 'custom', path: ['validation', 'max'], message: 'max is smaller than min' })
    }
    const { min_length: minLength, max_length: maxLength } = validation
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
      ctx.addIssue({
        code: 'custom',
        path: ['validation', 'max_length'],
        message: 'max_length is smaller than min_length',
      })
    }
  })

const discoverySchema = z
  .strictObject({
    questions: z.array(discoveryQuestionSchema).default([]),
  })
  .prefault({})

// ---------------------------------------------------------------- quiz

/** A weight key naming a product tag rather than a product id: `tag:fast`. */
export const TAG_WEIGHT_PREFIX = 'tag:'
/** How many reasons explain one product on its card ("подходит, потому что: A + B + C"). */
export const MAX_REASONS = 3

const quizOptionSchema = z.strictObject({
  value: valueSchema,
  label: textSchema,
  /** Short phrase used to explain a match: "нужен интернет-магазин". */
  reason: textSchema.optional(),
  /** Product id or `tag:<tag>` → points added when the option is chosen (may be negative). */
  weights: z.record(z.string(), z.number()).default({}),
  /**
   * In a `multi` question, picked alone ("None of these"): ticking it unticks the others, and
   * ticking another unticks it.
   */
  exclusive: z.boolean().optional(),
})

const quizQuestionSchema = z.strictObject({
  key: keySchema,
  text: textSchema,
  type: z.enum(['choice', 'multi']).default('choice'),
  options: z.array(quizOptionSchema).min(2),
  /**
   * The same question in discovery (both one-answer): a client who answered it there is not
   * asked again here, nor there after answering here. `answers`: its answer → this one's
   * (none: the options have the same values). Checked against both questions in loader.ts.
   */
  same_as: z
    .strictObject({
      discovery: keySchema,
      answers: z.record(valueSchema, valueSchema).optional(),
    })
    .optional(),
})

const quizSchema = z
  .strictObject({
    match_threshold: z.number().min(0).default(3),
    questions: z.array(quizQuestionSchema).default([]),
  })
  .prefault({})

// ---------------------------------------------------------------- products

/**
 * How a field is written, for the owner who wrote it another way: a price
 * written as text ("price: от 45000 руб") is refused with this example (see friendlyMessage in
 * loader.ts), not only "expected a mapping". Keep the examples in the form docs/content.md uses.
 */
export const writtenLike = z.registry<{ example: string }>()

/**
 * An amount as a Russian owner writes it: thousands apart by a space (or a no-break space, as
 * a copied price has), a decimal comma — "49 500", "49 500,50", "49500,5". YAML reads those as
 * text. Taken only where they cannot mean anything else: groups of three after the first, one or
 * two decimals; "49,500" (thousands in English, 49.5 in Russian) stays text and is refused.
 */
const AMOUNT_WRITTEN = /^(?:\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)(?:[.,]\d{1,2})?$/u
const amountNumber = z.number().min(0)
amountNumber.register(writtenLike, { example: '45000 or 45 000' })
const amountSchema = z.preprocess(
  (value) =>
    typeof value === 'string' && AMOUNT_WRITTEN.test(value)
      ? Number(value.replace(/[ \u00A0\u202F]/gu, '').replace(',', '.'))
      : value,
  amountNumber,
)

const priceSchema = z.strictObject({
  /** In whole currency units (roubles, not kopecks); written with spaces and a decimal comma too. */
  amount: amountSchema,
  currency: z.string().refine(isCurrency, 'expected an ISO 4217 currency code such as RUB, USD or EUR').default('RUB'),
  /** "from 45 000 ₽": the final price depends on the project. */
  from: z.boolean().default(false),
  /** What the amount is for when it is not a one-off price: "в месяц" / "per month". */
  unit: textSchema.optional(),
})
priceSchema.register(writtenLike, { example: '{ amount: 45000, currency: RUB, from: true }' })

const productSchema = z
  .strictObject({
    id: keySchema,
    title: textSchema,
    description: textSchema,
    price: priceSchema,
    includes: z.array(textSchema).default([]),
    benefit: textSchema.optional(),
    photo: photoSchema.optional(),
    link: httpUrl.optional(),
    tags: z.array(tagSchema).default([]),
    in_stock: z.boolean().default(true),
    /** Shown with an out-of-stock product so the client knows when or what instead. */
    stock_note: textSchema.optional(),
    /**
     * Digital goods and services are paid in Telegram Stars (Telegram's rule for digital
     * goods sold in bots): the price is written in XTR and /invoice sends a Stars invoice.
     */
    digital: z.boolean().default(false),
  })
  .superRefine((product, ctx) => {
    const stars = product.price.currency === STARS
    if (product.digital && !stars) {
      ctx.addIssue({
        code: 'custom',
        path: ['price', 'currency'],
        message: 'a digital product is paid in Telegram Stars: write its price with currency: XTR',
      })
    } else if (stars && !product.digital) {
      ctx.addIssue({
        code: 'custom',
        path: ['digital'],
        message: 'a price in Telegram Stars (XTR) is for digital goods only: add digital: true',
      })
    }
    if (stars && !Number.isInteger(product.price.amount)) {
      ctx.addIssue({ code: 'custom', path: ['price', 'amount'], message: 'Stars are whole: write a whole number' })
    }
  })

// ---------------------------------------------------------------- payments inside Telegram

/**
 * A value of `provider_data`: strings may hold {description}, {amount} (a plain decimal
 * such as 45000.00), {currency} and {order}, filled in for each invoice.
 */
type ProviderData = string | number | boolean | null | ProviderData[] | { [key: string]: ProviderData }
const providerDataSchema: z.ZodType<ProviderData> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(providerDataSchema),
    z.record(z.string(), providerDataSchema),
  ]),
)

/**
 * Telegram invoices through the provider connected in @BotFather (PAYMENT_PROVIDER_TOKEN):
 * what the payment form asks for and the data the provider needs for a fiscal receipt.
 * Ignored for Stars.
 */
const paymentsSchema = z
  .strictObject({
    need_name: z.boolean().default(false),
    need_email: z.boolean().default(false),
    need_phone_number: z.boolean().default(false),
    send_email_to_provider: z.boolean().default(false),
    send_phone_number_to_provider: z.boolean().default(false),
    /** Sent to the provider with every invoice, as its documentation describes (e.g. a receipt). */
    provider_data: z.record(z.string(), providerDataSchema).optional(),
  })
  .prefault({})

// ---------------------------------------------------------------- Telegram Business

export const AUTO_REPLY_MODES = ['always', 'outside_hours', 'never'] as const

/**
 * The owner's own Telegram account connected to the bot (Telegram Business): whether the bot
 * answers clients there by itself (greeting, questions, quiz, booking) always, only outside
 * working hours, or never — then it only passes the chat to the staff group.
 */
const telegramBusinessSchema = z
  .strictObject({
    auto_reply: z.enum(AUTO_REPLY_MODES).default('outside_hours'),
  })
  .prefault({})

// ---------------------------------------------------------------- booking, follow-ups, handoff

const bookingSchema = z
  .strictObject({
    slot_minutes: z.int().min(5).max(480).default(30),
    capacity: z.int().min(1).default(1),
    min_lead_minutes: z.int().min(0).default(60),
    days_ahead: z.int().min(1).max(365).default(14),
    call_now: z.boolean().default(true),
    /** The window promised for "call me now" during working hours. */
    call_now_within_minutes: z.int().min(1).default(15),
    /** 0 means no reminder to the client. */
    reminder_minutes: z.int().min(0).default(60),
  })
  .prefault({})

const reviewLinkSchema = z.strictObject({
  name: textSchema,
  url: httpUrl,
})

const followupsSchema = z
  .strictObject({
    quiet_hours: z
      .strictObject({
        start: timeOfDaySchema.default('21:00'),
        end: timeOfDaySchema.default('09:00'),
      })
      .prefault({}),
    nudge_after_minutes: z.int().min(1).default(120),
    checkin_after_days: z.int().min(1).default(3),
    /** Days after a good check-in; 0 asks right away. */
    review_after_days: z.int().min(0).default(1),
    /** Check-in ratings (1–5) from this value up lead to a review request; lower ones go to a manager. */
    review_min_rating: z.int().min(1).max(5).default(4),
    nps_after_days: z.int().min(1).default(30),
    reengage_after_days: z.int().min(1).default(90),
    payment_reminders: z
      .strictObject({
        first_after_hours: z.number().min(0).default(2),
        before_due_days: z.int().min(0).default(1),
        overdue_days: z.array(z.int().min(1)).default([1, 3]),
      })
      .prefault({}),
    review_links: z.array(reviewLinkSchema).default([]),
  })
  .prefault({})

const handoffSchema = z
  .strictObject({
    /** Minutes for a manager's first answer, counted in working hours only. */
    sla_minutes: z.int().min(1).default(15),
    /** Language → words that bring a human into the chat (rudeness, distrust). */
    trigger_words: z
      .record(
        languageCode,
        z.array(
          // "*" at the end takes any ending; a word must still say something before it
          nonEmptyString.refine(
            (word) => /^[^*]*\p{L}[^*]*\*?$/u.test(word),
            'expected a word or phrase, "*" only at its end ("игнорир*")',
          ),
        ),
      )
      .default({}),
    /**
     * With several staff groups (STAFF_GROUP_IDS): which new clients go to which group, the
     * first rule that matches; the others go to the group with the least work queued.
     */
    groups: z
      .array(
        z.strictObject({
          group: z.int().max(-1_000_000_000_000, 'must be a supergroup id starting with -100'),
          /** The client's language is one of these. */
          languages: z.array(languageCode).optional(),
          /** The product the quiz picked first for the client is one of these. */
          products: z.array(nonEmptyString).optional(),
        }),
      )
      .default([]),
    /** Days /close waits for the client's "yes, solved" before the request closes by itself. */
    auto_close_days: z.number().gt(0).max(365).default(3),
  })
  .prefault({})

// ---------------------------------------------------------------- the manager's desk

/** Who takes new requests when: a manager's own working hours (business time zone). */
const managerSchema = z.strictObject({
  /** The manager's Telegram user id (as in /staff). */
  id: z.int().positive(),
  hours: hoursSchema,
})

/** Buttons a saved reply can carry: into booking, the client's unpaid invoice, a person, the menu. */
export const REPLY_BUTTONS = ['book', 'pay', 'manager', 'menu'] as const
export type ReplyButton = (typeof REPLY_BUTTONS)[number]

const replySchema = z.strictObject({
  /** What a manager types after /r; also in button data, so short latin. */
  name: keySchema,
  /** May use variables such as {name} or {next_call} (see docs/content.md). */
  text: textSchema,
  buttons: z
    .array(z.enum(REPLY_BUTTONS))
    .refine((list) => new Set(list).size === list.length, 'a button is listed twice')
    .default([]),
  links: z.array(z.strictObject({ label: textSchema, url: httpUrl })).default([]),
})

/** The main menu's items (src/bot/keyboards/main-menu.ts), whose words a business may set (`menu`). */
export const MENU_WORDING_ITEMS = ['quiz', 'discovery', 'booking', 'manager', 'mine', 'about'] as const
export type MenuWordingItem = (typeof MENU_WORDING_ITEMS)[number]
/** A button's words are read on a phone at a glance: one short line. */
const MENU_LABEL_MAX = 64

const menuLabelSchema = textSchema.superRefine((text, ctx) => {
  for (const [language, words] of Object.entries(typeof text === 'string' ? { '': text } : text)) {
    const where = language === '' ? '' : ` (${language})`
    if (/\n/.test(words)) ctx.addIssue({ code: 'custom', message: `a button's words are one line${where}` })
    else if ([...words].length > MENU_LABEL_MAX) {
      ctx.addIssue({
        code: 'custom',
        message: `a button's words are at most ${MENU_LABEL_MAX} characters${where}, these have ${[...words].length}`,
      })
    }
  }
})

/**
 * Two buttons in the same words cannot be told apart, on the screen or typed ("подобрать букет"
 * finds one of them): each item its own words, in every language it is shown in.
 */
const menuSchema = z
  .strictObject(
    Object.fromEntries(MENU_WORDING_ITEMS.map((item) => [item, menuLabelSchema.optional()])) as {
      [item in MenuWordingItem]: z.ZodOptional<typeof menuLabelSchema>
    },
  )
  .superRefine((menu, ctx) => {
    const seen: { item: string; language: string; words: string }[] = []
    for (const [item, text] of Object.entries(menu)) {
      if (text === undefined) continue
      for (const [language, words] of Object.entries(typeof text === 'string' ? { '': text } : text)) {
        const same = (w: string) => w.trim().toLocaleLowerCase() === words.trim().toLocaleLowerCase()
        // A plain string is every language's words
        const twin = seen.find(
          (s) => same(s.words) && (s.language === language || s.language === '' || language === ''),
        )
        if (twin) {
          const where = language === '' ? '' : ` (${language})`
          ctx.addIssue({
            code: 'custom',
            path: [item],
            message: `the same words as the ${twin.item} button${where}: each button its own, or clients cannot tell them apart`,
          })
        }
        seen.push({ item, language, words })
      }
    }
  })
  .default({})

// ---------------------------------------------------------------- the whole file

export const contentSchema = z.strictObject({
  business: businessSchema,
  discovery: discoverySchema,
  quiz: quizSchema,
  products: z.array(productSchema).default([]),
  payments: paymentsSchema,
  telegram_business: telegramBusinessSchema,
  booking: bookingSchema,
  followups: followupsSchema,
  handoff: handoffSchema,
  managers: z.array(managerSchema).default([]),
  replies: z.array(replySchema).default([]),
  /** The main menu's buttons in the business's own words ("🌷 Подобрать букет"). */
  menu: menuSchema,
})

/** Validated content with every default filled in. */
export type Content = z.output<typeof contentSchema>
/** What an owner may write (defaults optional). */
export type ContentInput = z.input<typeof contentSchema>

export type Business = Content['business']
export type Contacts = Business['contacts']
export type WorkingHours = Business['hours']
export type Discovery = Content['discovery']
export type DiscoveryQuestion = Discovery['questions'][number]
export type DiscoveryOption = DiscoveryQuestion['options'][number]
export type DiscoveryValidation = Validation
export type Quiz = Content['quiz']
export type QuizQuestion = Quiz['questions'][number]
export type QuizOption = QuizQuestion['options'][number]
export type Product = Content['products'][number]
export type Price = Product['price']
export type PaymentSettings = Content['payments']
export type AutoReplyMode = Content['telegram_business']['auto_reply']
export type BookingSettings = Content['booking']
export type FollowupSettings = Content['followups']
export type ReviewLink = FollowupSettings['review_links'][number]
export type HandoffSettings = Content['handoff']
export type ManagerHours = Content['managers'][number]
export type SavedReply = Content['replies'][number]

/**
 * Points a chosen quiz option gives a product: the weight under its id plus
 * the weights under each of its tags (`tag:<tag>`).
 */
export function optionWeightFor(option: Pick<QuizOption, 'weights'>, product: Pick<Product, 'id' | 'tags'>): number {
  let total = option.weights[product.id] ?? 0
  for (const tag of product.tags) total += option.weights[`${TAG_WEIGHT_PREFIX}${tag}`] ?? 0
  return total
}
