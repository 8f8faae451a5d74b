/**
 * What discovery and the quiz share: a JSON-safe snapshot of the question being
 * asked (conversations replay it, so it must survive a JSON round trip), the
 * checks of typed answers, and how a stored answer reads back to a person.
 * Pure functions: no clock, no database, no Telegram.
 */
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import type { AnswerValue } from '../../db/repositories/answers.ts'
import type { Clock } from '../clock.ts'
import {
  type Content,
  type DiscoveryQuestionType,
  type DiscoveryValidation,
  isCalendarDate,
  type QuizQuestion,
  TEXT_ANSWER_LIMIT,
  type Text,
} from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { pickText } from '../content/text.ts'
import { dateLocale, slashesMonthFirst } from '../format.ts'
import { formatPhone, phoneInText } from '../phone.ts'
import { numbersInDigits, ROUGHLY, scaleOf } from '../spoken-numbers.ts'
import { shortFingerprint } from '../text.ts'
import type { ClientService } from './clients.ts'
import type { NudgeService } from './nudges.ts'
import { localDate, monthIn, nearestDate, upcomingDate } from './time.ts'

export type QuestionFlow = 'discovery' | 'quiz'

/** What the discovery and quiz services are built from. */
export interface QuestionFlowDeps {
  db: Db
  clock: Clock
  content: ContentStore
  clients: ClientService
  nudges: NudgeService
}
export type { AnswerValue } from '../../db/repositories/answers.ts'

/** An option of a choice question; `exclusive`: in a multi question, picked alone ("None of these"). */
export interface QuestionOption {
  value: string
  label: Text
  exclusive?: boolean
}

/**
 * A multi question's ticks after a tap on `value`: it is unticked if ticked, else ticked; an
 * exclusive option stands alone — ticking it unticks the others, ticking another unticks it.
 */
export function toggledTicks(options: readonly QuestionOption[], ticked: readonly string[], value: string): string[] {
  if (ticked.includes(value)) return ticked.filter((v) => v !== value)
  const exclusive = (v: string) => options.some((o) => o.value === v && o.exclusive === true)
  return exclusive(value) ? [value] : [...ticked.filter((v) => !exclusive(v)), value]
}

/** The question as it was asked: content texts stay raw, so a language switch mid-question still works. */
export interface QuestionSnapshot {
  flow: QuestionFlow
  key: string
  type: DiscoveryQuestionType
  text: Text
  options: QuestionOption[]
  required: boolean
  hint?: Text
  validation?: DiscoveryValidation
  /** Changes when the question's type or option values change in the content file. */
  fingerprint: string
  /** 1-based position and the number of questions. */
  number: number
  total: number
  canBack: boolean
  /** The stored answer when the client comes back to an answered question (Back, Edit). */
  current?: AnswerValue
  /** Set while the client walks forward again after Back: answered questions offer "Keep". */
  walk?: boolean
  /** Asked from the summary's "Edit": the summary comes back after it. */
  edit?: boolean
  /** The business's time zone, whose today a date typed without its year counts from (`parseDate`). */
  timeZone?: string
  /**
   * The client's own time zone, when they gave one (/timezone): a phone number typed without its
   * country code is read as dialled in its country (`parsePhone`).
   */
  clientTimeZone?: string
}

/** The parts of a question that decide whether an answer to it is still valid. */
export interface QuestionShape {
  type: DiscoveryQuestionType
  options: readonly { value: string }[]
}

/** Six hex characters over the type and option values: buttons carry it to notice a content change. */
export function questionFingerprint(question: QuestionShape): string {
  const known = fingerprints.get(question)
  if (known !== undefined) return known
  const fingerprint = shortFingerprint(JSON.stringify([question.type, question.options.map((option) => option.value)]))
  fingerprints.set(question, fingerprint)
  return fingerprint
}
/**
 * A question of the content in force is the same object until the content is replaced, and a
 * flow step asks for its fingerprint several times (the plan, the button's check, the step's
 * own): it is hashed once. The content's objects are never changed in place.
 */
const fingerprints = new WeakMap<QuestionShape, string>()

/** The quiz's questions as the flow helpers see them: every one must be answered. */
export function quizFlowQuestions(questions: readonly QuizQuestion[]): readonly FlowQuestion[] {
  let flow = flowQuestions.get(questions)
  if (flow === undefined) {
    flow = questions.map((q) => ({ ...q, required: true }))
    flowQuestions.set(questions, flow)
  }
  return flow
}
/** Made once per content (a step reads the list several times), so each keeps its fingerprint. */
const flowQuestions = new WeakMap<readonly QuizQuestion[], readonly FlowQuestion[]>()

/** A quiz question as a question of the shared shape (quiz questions are always required). */
export function quizQuestionShape(question: QuizQuestion): QuestionShape & { required: true } {
  return { type: question.type, options: question.options, required: true }
}

export type AnswerProblem =
  | { code: 'empty' }
  | { code: 'too-short'; min: number }
  | { code: 'too-long'; max: number }
  | { code: 'pattern' }
  | { code: 'not-number' }
  | ({ code: 'ambiguous-number' } & AmbiguousNumber)
  | { code: 'out-of-range'; min?: number; max?: number }
  | { code: 'phone' }
  | { code: 'email' }
  | { code: 'date' }
  | ({ code: 'ambiguous-date' } & AmbiguousDate)

export type ParsedAnswer = { ok: true; value: AnswerValue } | { ok: false; problem: AnswerProblem }

const ok = (value: AnswerValue): ParsedAnswer => ({ ok: true, value })
const fail = (problem: AnswerProblem): ParsedAnswer => ({ ok: false, problem })

/**
 * Checks a typed answer to a text, number, phone, email or date question and
 * returns the value to store: trimmed text, a number, a normalised phone
 * (`+79161234567`), a lower-case e-mail, an ISO date (`2026-03-01`). `sentAt` (ms)
 * is when the client wrote it, which places a two-digit year (`parseDate`); a phone is read by
 * the client's own zone when the question carries it (`clientTimeZone`).
 */
export function parseTypedAnswer(
  question: {
    type: DiscoveryQuestionType
    validation?: DiscoveryValidation
    key?: string
    timeZone?: string
    clientTimeZone?: string
  },
  input: string,
  sentAt: number,
): ParsedAnswer {
  const text = input.trim()
  if (text === '') return fail({ code: 'empty' })
  const rules = question.validation ?? {}
  switch (question.type) {
    case 'number': {
      const value = parseNumber(text) ?? numberSaid(text)
      if (value === undefined) return fail({ code: 'not-number' })
      if (typeof value === 'object') return fail({ code: 'ambiguous-number', ...value })
      if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
        return fail({ code: 'out-of-range', min: rules.min, max: rules.max })
      }
      return ok(value)
    }
    case 'phone': {
      const phone = phoneInText(text, { zone: question.clientTimeZone })
      return phone ? ok(phone) : fail({ code: 'phone' })
    }
    case 'email': {
      const email = text.toLowerCase()
      return z.email().safeParse(email).success ? ok(email) : fail({ code: 'email' })
    }
    case 'date': {
      // A birthday is the day someone was born: "8 марта" names no year of it
      const date = parseDate(text, sentAt, { birthday: isBirthdayQuestion(question), timeZone: question.timeZone })
      if (typeof date === 'object') return fail({ code: 'ambiguous-date', ...date })
      return date ? ok(date) : fail({ code: 'date' })
    }
    default: {
      const length = [...text].length
      if (rules.min_length !== undefined && length < rules.min_length) {
        return fail({ code: 'too-short', min: rules.min_length })
      }
      // The cap holds for content saved before the check refused a larger max_length
      const max = Math.min(rules.max_length ?? TEXT_ANSWER_LIMIT, TEXT_ANSWER_LIMIT)
      if (length > max) return fail({ code: 'too-long', max })
      if (rules.pattern !== undefined && !new RegExp(rules.pattern, 'u').test(text)) return fail({ code: 'pattern' })
      return ok(text)
    }
  }
}

/** A number that reads two ways ("1.500": a thousand and a half, or one and a half): the client is asked which. */
export interface AmbiguousNumber {
  thousands: number
  decimal: number
}

/**
 * A number as people type it: "150 000", "150,000", "1,500,000", "1.500.000", "1,5", "2.5",
 * "1,500.50", "1.500,50", "-3". Spaces (also non-breaking) group thousands. A comma or a point
 * is a decimal mark, unless it groups thousands: both marks in one number (the last one is the
 * decimal mark), one mark written more than once, or a single comma followed by exactly three
 * digits after a group of one to three ("150,000" is how English writes 150 000; Russian writes
 * a decimal comma with fewer digits, "2,5"). A single point before three digits ("1.500") is
 * 1.5 in English and 1500 in Russian or German: that one is not guessed.
 */
export function parseNumber(text: string): number | AmbiguousNumber | undefined {
  const match = /^([-+]?)([\d.,]+)$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''))
  if (!match) return undefined
  const sign = match[1] === '-' ? -1 : 1
  const body = match[2] as string
  const number = (whole: string | undefined, fraction?: string): number | undefined => {
    if (whole === undefined || !/^\d+$/.test(whole) || (fraction !== undefined && !/^\d+$/.test(fraction))) {
      return undefined
    }
    const value = sign * Number(fraction === undefined ? whole : `${whole}.${fraction}`)
    return Number.isFinite(value) ? value : undefined
  }
  const commas = body.split(',').length - 1
  const points = body.split('.').length - 1
  if (commas + points === 0) return number(body)
  if (commas > 0 && points > 0) {
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.'
    const [whole, fraction, ...more] = body.split(decimal)
    return more.length > 0 ? undefined : number(ungroup(whole as string, decimal === ',' ? '.' : ','), fraction)
  }
  const mark = commas > 0 ? ',' : '.'
  const grouped = number(ungroup(body, mark))
  if (commas + points > 1) return grouped
  const [whole, fraction] = body.split(mark)
  if (grouped === undefined) return number(whole, fraction)
  if (mark === ',') return grouped
  return { thousands: grouped, decimal: number(whole, fraction) as number }
}

/**
 * A number said as people say an amount, where digits alone are not: with its scale's word ("120к",
 * "120 тыс", "120 т.р.", "1,5 млн"), in words («сто двадцать тысяч», «тысяч сто двадцать»,
 * «полтора миллиона», «две»: `numbersInDigits`), hedged («около 50к», «где-то 200 тысяч»,
 * "about 50k"). Nothing else beside it: a range («от 100 тысяч», "up to 50k"), a currency or a
 * count ("2 комнаты") says what one number cannot keep, and is asked again.
 */
function numberSaid(text: string): number | undefined {
  const said = NUMBER_HEDGE.exec(numbersInDigits(text))
  if (said === null) return undefined
  const [, digits = '', word] = said
  const number = parseNumber(digits)
  const scale = word === undefined ? 1 : scaleOf(word)
  if (typeof number !== 'number' || scale === undefined) return undefined
  // A letter after one digit is a flat's rooms as often ("2к": «двушка»), or metres ("5 m"): not guessed
  if (word !== undefined && word.length === 1 && (/^\d$/.test(digits) || /^m$/iu.test(word))) return undefined
  // (1.5 × 1 000 000 is 1 500 000, not a float's 1 500 000.0000002)
  return Math.round(number * scale * 1000) / 1000
}
/** A number with its scale's word after it, and the words that hedge it before it ("около", "где-то", "about"). */
const NUMBER_HEDGE = new RegExp(
  `^\\s*(?:(?:${ROUGHLY.join('|')}|где[\\s-]?то|~)[\\s,]*)*([\\d\\s\\u00a0.,]*\\d)\\s*(\\p{L}+)?\\.?\\s*$`,
  'u',
)

/** "1,500,000" → "1500000" when `mark` groups the digits by three; undefined when it cannot be a grouping. */
function ungroup(text: string, mark: string): string | undefined {
  const [first, ...groups] = text.split(mark)
  if (!/^[1-9]\d{0,2}$/.test(first as string) || !groups.every((group) => /^\d{3}$/.test(group))) return undefined
  return [first, ...groups].join('')
}

/**
 * A date question keyed `birthday`: how a client knowingly gives their birthday (the greeting
 * uses it), asked with its year.
 */
export function isBirthdayQuestion(question: { type: DiscoveryQuestionType; key?: string }): boolean {
  return question.type === 'date' && question.key === 'birthday'
}

/** A date that reads two ways ("04/05/1990": 4 May, or April 5 as American English writes it): the client is asked which. */
export interface AmbiguousDate {
  dayFirst: string
  monthFirst: string
}

/**
 * A date as people type it, as `2026-03-01`: "2026-03-01"; "01.03.2026" or "1.3.26", day first,
 * as dates with dots are written; "01/03/2026" or "01-03-2026", day first in most languages and
 * month first in American English: the one reading that is a date, or both when both are, like
 * "04/05/1990" ("12/25/1990" is December 25; "04/05/1990" is not guessed). Undefined for anything
 * else or a non-date. A two-digit year is the one at most 20 years after `now`'s (in 2026, "26"
 * and "46" are 2026 and 2046, "90" is 1990): a deadline is a few years off at most, a birthday
 * decades back. A day and its month without a year, "08.03", "8 марта", "March 8th" (with a
 * year too: "8 марта 2027"), is the nearest such day from `now`'s on (`upcomingDate`): "к какой
 * дате" is asked of a day ahead, and the summary shows the year read. With `nearest`, it is the
 * nearest such day either way (`nearestDate`: "/today 5.12" looks back too). Not for a `birthday`,
 * whose year is part of what is asked (and whose two-digit year is a past one: "08.03.40" is 1940).
 */
export function parseDate(
  text: string,
  now: number,
  {
    birthday = false,
    timeZone = 'UTC',
    nearest = false,
  }: { birthday?: boolean; timeZone?: string | undefined; nearest?: boolean } = {},
): string | AmbiguousDate | undefined {
  // The business's today: at 01:00 in Moscow "4.12" on 5 December is next year's, not UTC's today
  const today = localDate(now, timeZone)
  // `nearest`: a day looked up either way (/today 5.12 on the 7th is two days ago), not only ahead
  const withoutYear = (month: number, day: number) =>
    birthday ? undefined : (nearest ? nearestDate : upcomingDate)(month, day, today)
  const dayMonth = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(text)
  if (dayMonth) return withoutYear(Number(dayMonth[2]), Number(dayMonth[1]))
  // "12/10" without its year: month first where the business writes dates so (New York), else day
  // first — or the one reading that is a date ("25/11" in New York)
  const slashed = /^(\d{1,2})\/(\d{1,2})$/.exec(text)
  if (slashed) {
    const [first, second] = [Number(slashed[1]), Number(slashed[2])]
    const [month, day] = slashesMonthFirst(timeZone) && first <= 12 ? [first, second] : [second, first]
    return withoutYear(month, day)
  }
  const said =
    /^(?<day>\d{1,2})\s+(?<month>\p{L}+)\.?(?:\s+(?<year>\d{4})(?:\s*(?:г|года?)\.?)?)?$/u.exec(text) ??
    /^(?<month>\p{L}+)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?$/u.exec(text)
  if (said?.groups) {
    const { day, month, year } = said.groups
    const number = monthIn(month ?? '')
    if (number === undefined) return undefined
    if (year) return calendarDate(Number(year), number, Number(day))
    return withoutYear(number, Number(day))
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const local = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text)
  if (!local) return undefined
  const [first, second, digits] = [Number(local[1]), Number(local[3]), local[4] as string]
  const thisYear = Number(today.slice(0, 4))
  const year = digits.length === 2 ? nearYear(Number(digits), thisYear, birthday ? 0 : 20) : Number(digits)
  const dayFirst = calendarDate(year, second, first)
  if (local[2] === '.') return dayFirst
  const monthFirst = calendarDate(year, first, second)
  // Both dates: asked which, unless the business writes dates month first (an American's "04/05")
  if (dayFirst && monthFirst && dayFirst !== monthFirst)
    return slashesMonthFirst(timeZone) ? monthFirst : { dayFirst, monthFirst }
  return dayFirst ?? monthFirst
}

/** The year ending in `yy` that is at most `ahead` years after `thisYear`. */
function nearYear(yy: number, thisYear: number, ahead: number): number {
  const year = thisYear - (thisYear % 100) + yy
  return year > thisYear + ahead ? year - 100 : year
}

/** `2026-03-01`, or undefined when there is no such day. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isCalendarDate(value) ? value : undefined
}

/** True when the stored value is an answer (a skipped question is stored as ''). */
export function isGiven(value: AnswerValue | undefined): value is AnswerValue {
  if (value === undefined || value === '') return false
  return !Array.isArray(value) || value.length > 0
}

/**
 * How an answer reads back to the client ("Вот что я понял"): option labels for
 * choices, formatted numbers and dates, the text as typed. Undefined when skipped.
 */
export function describeAnswer(
  question: { type: DiscoveryQuestionType; options: readonly { value: string; label: Text }[] },
  value: AnswerValue | undefined,
  locale: string,
): string | undefined {
  if (!isGiven(value)) return undefined
  const label = (v: string) => {
    const option = question.options.find((o) => o.value === v)
    return option ? pickText(option.label, locale) : v
  }
  if (Array.isArray(value)) return value.map(label).join(', ')
  if (question.type === 'choice') return label(String(value))
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value)
  if (question.type === 'phone') return formatPhone(value)
  if (question.type === 'date' && isCalendarDate(value)) {
    return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00Z`),
    )
  }
  return value
}

/** A stored answer as the team reads it: the question's words, and the answer's (undefined: skipped). */
export interface ReadableAnswer {
  question: string
  answer: string | undefined
}

/**
 * Stored answers (question key → value) as the team reads them, in `locale`: in the order the
 * questions are asked (answers are stored in the order they were given: one taken from the
 * other flow comes first), each read as the client's summary reads it. An answer to a question
 * since removed from the content file goes last, under its key, as stored: still worth a
 * manager's eye.
 */
export function readableAnswers(
  questions: readonly { key: string; text: Text; type: DiscoveryQuestionType; options: readonly QuestionOption[] }[],
  stored: ReadonlyMap<string, AnswerValue>,
  locale: string,
): ReadableAnswer[] {
  const asked = questions.flatMap((question) =>
    stored.has(question.key)
      ? [
          {
            question: pickText(question.text, locale),
            answer: describeAnswer(question, stored.get(question.key), locale),
          },
        ]
      : [],
  )
  const keys = new Set(questions.map((q) => q.key))
  const removed = [...stored]
    .filter(([key]) => !keys.has(key))
    .map(([key, value]) => ({
      question: key,
      answer: describeAnswer({ type: 'text', options: [] }, value, locale),
    }))
  return [...asked, ...removed]
}

/**
 * Both flows' answers as the team reads them, wherever they read them (the client card, the
 * call notices): discovery's, and the quiz's its current result was scored with (the answers
 * behind the products it picked). A quiz question whose discovery twin (`same_as`) has an
 * answer is left out: the two are kept the same, and the budget twice in a row is noise.
 */
export function answersForStaff(
  content: Pick<Content, 'discovery' | 'quiz'>,
  /** The client's stored discovery answers. */
  discoveryRows: readonly { questionKey: string; value: unknown }[],
  /** The client's current quiz result, if any. */
  quizResult: { answers: unknown } | undefined,
  locale: string,
): { discovery: ReadableAnswer[]; quiz: ReadableAnswer[] } {
  const discovery = new Map(discoveryRows.map((row) => [row.questionKey, row.value as AnswerValue]))
  // Stored as the take's answers by question key (saveQuizResult)
  const scored = Object.entries((quizResult?.answers ?? {}) as Record<string, AnswerValue>)
  const twins = new Map(content.quiz.questions.map((q) => [q.key, q.same_as?.discovery]))
  const quiz = new Map(
    scored.filter(([key]) => {
      const twin = twins.get(key)
      return twin === undefined || !isGiven(discovery.get(twin))
    }),
  )
  return {
    discovery: readableAnswers(content.discovery.questions, discovery, locale),
    quiz: readableAnswers(content.quiz.questions, quiz, locale),
  }
}

/** The stored value fits the question as it is now (its options may have changed since). */
export function fitsQuestion(question: QuestionShape, value: AnswerValue): boolean {
  if (value === '') return true
  const values = new Set(question.options.map((o) => o.value))
  if (question.type === 'choice') return typeof value === 'string' && values.has(value)
  if (question.type === 'multi') return Array.isArray(value) && value.every((v) => values.has(v))
  if (question.type === 'number') return typeof value === 'number'
  return typeof value === 'string'
}

// ---------------------------------------------------------------- moving through a list of questions

/** A question of either flow, as the flow helpers see it. */
export interface FlowQuestion extends QuestionShape {
  key: string
  text: Text
  options: readonly QuestionOption[]
  required: boolean
  hint?: Text
  validation?: DiscoveryValidation
}

/**
 * Where a conversation run starts: the first unanswered question, or a given one. `onScreen`:
 * the question is already in the chat, and the tap on its button that entered the run is the
 * run's first update (see `standsAt`).
 */
export type FlowStep =
  | { mode: 'start' }
  | { mode: 'ask'; key: string; walk?: boolean; edit?: boolean; onScreen?: boolean }
/** What follows an answer: another question, or the end (summary / results). */
export type FlowNext = { mode: 'ask'; key: string; walk?: boolean; edit?: boolean } | { mode: 'done' }

export type FlowPlan =
  | { kind: 'empty' }
  | { kind: 'done' }
  | {
      kind: 'ask'
      question: QuestionSnapshot
      /** fresh: nothing answered yet; resume: coming back to an unfinished flow. */
      intro?: 'fresh' | 'resume'
      /** The question the run was meant for is gone from the content file. */
      changed?: boolean
      /** Answers taken from the other flow as this one started (shared-answers.ts), to show the client. */
      known?: KnownAnswer[]
    }

/** An answer taken from the other flow, as the client is shown it: the question (and its number) and the option. */
export interface KnownAnswer {
  number: number
  text: Text
  label: Text
}

/** The stored answers that still fit the current questions (a content change can orphan some). */
export function currentAnswers(
  questions: readonly FlowQuestion[],
  stored: readonly { questionKey: string; value: AnswerValue }[],
): Map<string, AnswerValue> {
  const byKey = new Map(stored.map((row) => [row.questionKey, row.value]))
  const result = new Map<string, AnswerValue>()
  for (const question of questions) {
    const value = byKey.get(question.key)
    if (value !== undefined && fitsQuestion(question, value)) result.set(question.key, value)
  }
  return result
}

/** Index of the first question without an answer at or after `from`, or -1. */
export function firstUnanswered(
  questions: readonly FlowQuestion[],
  answers: ReadonlyMap<string, AnswerValue>,
  from = 0,
): number {
  for (let i = from; i < questions.length; i++) if (!answers.has((questions[i] as FlowQuestion).key)) return i
  return -1
}

/**
 * A question's button (its key and fingerprint) is for the question the flow stands at: the
 * first unanswered one, unchanged in the content file since the button was sent. Its tap
 * with no run waiting (the run ended while the question stayed on screen) is taken as it
 * would have been, not answered by asking the question again.
 */
export function standsAt(
  questions: readonly FlowQuestion[],
  answers: ReadonlyMap<string, AnswerValue>,
  key: string,
  fingerprint: string,
): boolean {
  const question = questions[firstUnanswered(questions, answers)]
  return question?.key === key && questionFingerprint(question) === fingerprint
}

/**
 * A question's button (its key and fingerprint) is for a question the client has answered,
 * unchanged in the content file since the button was sent: one asked again to change its
 * answer (the summary's Edit) and left on screen.
 */
export function answeredAt(
  questions: readonly FlowQuestion[],
  answers: ReadonlyMap<string, AnswerValue>,
  key: string,
  fingerprint: string,
): boolean {
  const question = questions.find((q) => q.key === key)
  return question !== undefined && answers.has(key) && questionFingerprint(question) === fingerprint
}

export function snapshotOf(
  flow: QuestionFlow,
  questions: readonly FlowQuestion[],
  index: number,
  answers: ReadonlyMap<string, AnswerValue>,
  mode: { walk?: boolean; edit?: boolean } = {},
): QuestionSnapshot {
  const question = questions[index] as FlowQuestion
  const current = answers.get(question.key)
  return {
    flow,
    key: question.key,
    type: question.type,
    text: question.text,
    options: question.options.map((option) => ({
      value: option.value,
      label: option.label,
      ...(option.exclusive ? { exclusive: true } : {}),
    })),
    required: question.required,
    ...(question.hint !== undefined ? { hint: question.hint } : {}),
    ...(question.validation !== undefined ? { validation: question.validation } : {}),
    fingerprint: questionFingerprint(question),
    number: index + 1,
    total: questions.length,
    canBack: index > 0 && !mode.edit,
    ...(current !== undefined ? { current } : {}),
    ...(mode.walk ? { walk: true } : {}),
    ...(mode.edit ? { edit: true } : {}),
  }
}

/**
 * Which question a run asks. `start` picks the first unanswered one (a client who
 * comes back continues where they stopped); `ask` a given one, falling back to
 * `start` when the content file no longer has it.
 */
export function planStep(
  flow: QuestionFlow,
  questions: readonly FlowQuestion[],
  answers: ReadonlyMap<string, AnswerValue>,
  step: FlowStep,
): FlowPlan {
  if (questions.length === 0) return { kind: 'empty' }
  if (step.mode === 'ask') {
    const index = questions.findIndex((q) => q.key === step.key)
    if (index >= 0) {
      const mode = { walk: step.walk === true && answers.has(step.key), edit: step.edit === true }
      return { kind: 'ask', question: snapshotOf(flow, questions, index, answers, mode) }
    }
  }
  const index = firstUnanswered(questions, answers)
  if (index < 0) return { kind: 'done' }
  const answeredAny = questions.some((q) => answers.has(q.key))
  return {
    kind: 'ask',
    question: snapshotOf(flow, questions, index, answers),
    ...(step.mode === 'start' ? { intro: answeredAny ? 'resume' : 'fresh' } : {}),
    ...(step.mode === 'ask' ? { changed: true } : {}),
  }
}

/**
 * After the question at `key` was answered (or kept): while walking forward
 * after Back, the next answered question is offered again; otherwise the next
 * unanswered one, wrapping to the start; an edit goes back to the summary.
 */
export function nextAfter(
  questions: readonly FlowQuestion[],
  answers: ReadonlyMap<string, AnswerValue>,
  key: string,
  mode: { walk?: boolean; edit?: boolean } = {},
): FlowNext {
  if (mode.edit) {
    // Back to the summary, unless the content file gained a question meanwhile
    const missing = firstUnanswered(questions, answers)
    return missing < 0 ? { mode: 'done' } : { mode: 'ask', key: (questions[missing] as FlowQuestion).key }
  }
  const index = questions.findIndex((q) => q.key === key)
  const following = questions[index + 1]
  if (mode.walk && index >= 0 && following && answers.has(following.key)) {
    return { mode: 'ask', key: following.key, walk: true }
  }
  let next = index >= 0 ? firstUnanswered(questions, answers, index + 1) : -1
  if (next < 0) next = firstUnanswered(questions, answers)
  return next < 0 ? { mode: 'done' } : { mode: 'ask', key: (questions[next] as FlowQuestion).key }
}

/** Back from `key`: the previous question, shown with its answer; undefined on the first. */
export function previousOf(questions: readonly FlowQuestion[], key: string): FlowNext | undefined {
  const index = questions.findIndex((q) => q.key === key)
  const previous = questions[index - 1]
  return index > 0 && previous ? { mode: 'ask', key: previous.key, walk: true } : undefined
}
