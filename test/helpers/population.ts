/**
 * A realistic population of `n` clients, written fast (raw SQL inserts in transactions on
 * a migrated database): each client has about 20 transcript rows, 5 events and 2 jobs; some
 * have tags, answers, a quiz result, a booking, orders, a handoff with a topic (and its card)
 * and survey answers. Times spread over the two years before `now`; consenting clients silent for
 * long were already re-engaged by earlier sweeps. Deterministic for a given `n` and `now`.
 * Used by the scale bench (100,000 clients) and by tests that need a large database.
 */
import type { User } from 'grammy/types'
import type { DatabaseHandle } from '../../db/client.ts'
import { random } from './numbers.ts'

export const SEED_TELEGRAM_BASE = 100_000_000
const DAY = 86_400_000
/** A moment's day in Moscow, the demo business's zone (YYYY-MM-DD), as a due date is kept. */
const dayOf = (at: number) => new Date(at + 3 * 3_600_000).toISOString().slice(0, 10)
const TAGS = ['vip', 'опт', 'instagram', 'повторный', 'b2b', 'срочно', 'студент', 'партнёр']
const PRODUCTS = ['landing', 'shop', 'corporate', 'support', 'seo']
const EVENT_TYPES = ['discovery_done', 'quiz_done', 'booked', 'handoff_opened', 'consent_given', 'followup_sent']
const STAGE_WEIGHTS: Array<[string, number]> = [
  ['contact', 0.4],
  ['discovery', 0.2],
  ['presentation', 0.15],
  ['close', 0.05],
  ['customer', 0.12],
  ['repeat', 0.05],
  ['advocate', 0.03],
]
const CUSTOMER_STAGES = new Set(['customer', 'repeat', 'advocate'])

/** Transcript rows per client; their chat's message ids are 1…TRANSCRIPT_ROWS. */
const TRANSCRIPT_ROWS = 20

export interface SeededClient {
  id: number
  telegramId: number
  /** Reachable: not erased, not blocked. */
  reachable: boolean
  /** Has a topic and an open handoff. */
  inHandoff: boolean
  topicId: number | null
  firstName: string
  lastName: string | null
  username: string | null
  /** Their Telegram app's language, as the bot stored it. */
  language: 'ru' | 'en'
  /** The highest message id of their chat with the bot in the seeded transcript. */
  lastMessageId: number
}

/**
 * The profile a seeded client's Telegram app sends with each update, the same the bot
 * stored: a returning client who changed nothing since. (A changed name or username is a
 * rarer update, and costs more: the client's search entry is written again.)
 */
export function telegramProfileOf(c: SeededClient): Omit<User, 'id' | 'is_bot'> {
  return {
    first_name: c.firstName,
    ...(c.lastName === null ? {} : { last_name: c.lastName }),
    ...(c.username === null ? {} : { username: c.username }),
    language_code: c.language,
  }
}

export interface Population {
  clients: SeededClient[]
  rows: number
}

/**
 * Adds `n` clients (ids from `firstId`) to a migrated database. `staffGroupId`: the group
 * their topics are in (by default none: topics from before there could be several groups).
 */
export function seedPopulation(
  { sqlite }: DatabaseHandle,
  n: number,
  now: number,
  { firstId = 1, staffGroupId = null }: { firstId?: number; staffGroupId?: number | null } = {},
): Population {
  const rand = random(n)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const between = (a: number, b: number) => Math.floor(a + rand() * Math.max(0, b - a))

  const insertClient = sqlite.prepare(`insert into clients (id, telegram_id, first_name, last_name, username,
    display_name, language, language_chosen, phone, email, birthday, timezone, source, stage, consent_asked_at,
    consent_at, consent_version, opt_out_at, blocked_at, deleted_at, topic_id, staff_group_id, created_at, last_seen_at)
    values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertTag = sqlite.prepare('insert into client_tags (client_id, tag, created_at) values (?, ?, ?)')
  const insertMessage = sqlite.prepare(`insert into messages (client_id, direction, sender_id, type, text,
    client_message_id, topic_message_id, created_at) values (?, ?, ?, 'text', ?, ?, ?, ?)`)
  const insertEvent = sqlite.prepare('insert into events (client_id, type, created_at) values (?, ?, ?)')
  const insertDataEvent = sqlite.prepare('insert into events (client_id, type, data, created_at) values (?, ?, ?, ?)')
  const insertJob = sqlite.prepare(`insert into jobs (kind, run_at, status, attempts, sending_at, dedupe_key,
    client_id, payload, created_at, updated_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`)
  const insertAnswer = sqlite.prepare(`insert into answers (client_id, kind, question_key, value, created_at,
    updated_at) values (?, 'discovery', ?, ?, ?, ?)`)
  const insertQuiz = sqlite.prepare(`insert into quiz_results (client_id, answers, ranking, outcome, is_current,
    created_at) values (?, '{}', ?, 'match', 1, ?)`)
  const insertBooking = sqlite.prepare(`insert into bookings (client_id, kind, slot_start, slot_end, status, phone,
    created_at, updated_at) values (?, 'slot', ?, ?, ?, ?, ?, ?)`)
  const insertOrder = sqlite.prepare(`insert into orders (client_id, amount, currency, description, due_date, status,
    created_at, paid_at, done_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertHandoff = sqlite.prepare(`insert into handoffs (client_id, status, reason, opened_at,
    first_response_at, first_responder_id, manager_id, closed_at) values (?, ?, 'asked', ?, ?, ?, ?, ?)`)
  // A running bot posted the card when it made the topic, and keeps where it is
  const insertTopic = sqlite.prepare(`insert into client_topics (client_id, card_topic_id, card_message_id,
    card_chat_id, updated_at) values (?, ?, ?, ?, ?)`)
  const insertFeedback = sqlite.prepare(
    'insert into feedback (client_id, kind, score, manager_id, created_at) values (?, ?, ?, ?, ?)',
  )

  const clients: SeededClient[] = []
  let rows = 0
  let topic = 10_000
  const seedOne = (id: number) => {
    const telegramId = SEED_TELEGRAM_BASE + id
    const createdAt = now - between(DAY, 730 * DAY)
    // Most clients were last seen long ago; some are active this month
    const lastSeenAt = rand() < 0.15 ? between(now - 30 * DAY, now) : between(createdAt, now)
    let r = rand()
    let stage = 'contact'
    for (const [s, w] of STAGE_WEIGHTS) {
      if (r < w) {
        stage = s
        break
      }
      r -= w
    }
    const deleted = rand() < 0.01
    const blocked = !deleted && rand() < 0.03
    const consent = rand() < 0.55
    const optOut = consent && rand() < 0.08
    const inHandoff = !deleted && !blocked && rand() < 0.1
    const firstName = `Клиент${id}`
    const topicId = inHandoff ? topic++ : null
    const lastName = deleted || rand() < 0.5 ? null : `Фамилия${id % 977}`
    const username = deleted || rand() < 0.5 ? null : `user_${id}`
    const language = rand() < 0.8 ? 'ru' : 'en'
    insertClient.run(
      id,
      deleted ? null : telegramId,
      deleted ? null : firstName,
      lastName,
      username,
      language,
      rand() < 0.1 ? 1 : 0,
      deleted || rand() > 0.3 ? null : `+7 9${String(id).padStart(9, '0')}`,
      deleted || rand() > 0.1 ? null : `client${id}@example.com`,
      deleted || rand() > 0.15
        ? null
        : `19${between(60, 99)}-${String(between(1, 13)).padStart(2, '0')}-${String(between(1, 29)).padStart(2, '0')}`,
      rand() < 0.05 ? pick(['Asia/Yekaterinburg', 'Europe/Kaliningrad', 'Asia/Vladivostok']) : null,
      rand() < 0.3 ? pick(['instagram', 'vk', 'site']) : null,
      stage,
      createdAt,
      consent && !optOut ? createdAt : null,
      consent && !optOut ? 'marketing-v1' : null,
      optOut ? between(createdAt, now) : null,
      blocked ? between(createdAt, now) : null,
      deleted ? between(createdAt, now) : null,
      topicId,
      topicId === null ? null : staffGroupId,
      createdAt,
      lastSeenAt,
    )
    clients.push({
      id,
      telegramId,
      reachable: !deleted && !blocked,
      inHandoff,
      topicId,
      firstName,
      lastName,
      username,
      language,
      lastMessageId: TRANSCRIPT_ROWS,
    })
    rows++
    if (rand() < 0.3) {
      const tags = new Set([pick(TAGS), pick(TAGS)].slice(0, rand() < 0.5 ? 1 : 2))
      for (const tag of tags) {
        insertTag.run(id, tag, createdAt)
        rows++
      }
    }
    // The transcript: 20 rows between the first contact and the last visit
    for (let m = 0; m < TRANSCRIPT_ROWS; m++) {
      const at = between(createdAt, lastSeenAt)
      const direction = m % 3 === 0 ? 'bot' : m % 5 === 0 && inHandoff ? 'out' : 'in'
      insertMessage.run(id, direction, null, `Сообщение ${m} клиента ${id}`, m + 1, null, at)
    }
    rows += 20
    // Events: first contact, /start and three steps of the funnel
    insertEvent.run(id, 'client_new', createdAt)
    insertEvent.run(id, 'start', createdAt)
    for (let e = 0; e < 3; e++) insertEvent.run(id, pick(EVENT_TYPES), between(createdAt, lastSeenAt))
    rows += 5
    // Jobs: a nudge and a follow-up that ran, or the re-engagement an earlier sweep sent
    const silentSince = lastSeenAt
    const reengaged = consent && !optOut && !deleted && !blocked && silentSince < now - 91 * DAY
    insertJob.run('nudge', createdAt + DAY, 'done', null, `nudge:${id}`, id, '{}', createdAt, createdAt + DAY)
    if (reengaged) {
      const at = silentSince + 90 * DAY + between(0, DAY)
      insertJob.run(
        'reengage',
        at,
        'done',
        at,
        `reengage:${id}:${silentSince}`,
        id,
        JSON.stringify({ silentSince, at }),
        at,
        at,
      )
    } else {
      const at = between(createdAt, now)
      insertJob.run('checkin', at, 'skipped', null, `checkin:client:${id}:${at}`, id, '{}', at, at)
    }
    rows += 2
    if (stage !== 'contact') {
      for (const key of ['goal', 'budget', 'deadline']) insertAnswer.run(id, key, '"ответ"', createdAt, createdAt)
      rows += 3
    }
    if (rand() < 0.25) {
      insertQuiz.run(id, JSON.stringify([{ productId: pick(PRODUCTS), score: 5, reasons: [] }]), createdAt)
      rows++
    }
    if (rand() < 0.2) {
      const slot = between(createdAt, now + 14 * DAY)
      const status = slot > now ? 'booked' : pick(['called', 'called', 'no_answer', 'cancelled'])
      insertBooking.run(id, slot, slot + 30 * 60_000, status, '+7 999 000-00-00', createdAt, createdAt)
      rows++
    }
    if (CUSTOMER_STAGES.has(stage)) {
      const orders = stage === 'customer' ? 1 : between(2, 4)
      for (let o = 0; o < orders; o++) {
        const at = between(createdAt, lastSeenAt)
        insertOrder.run(
          id,
          between(10, 500) * 100_000,
          'RUB',
          'Сайт',
          dayOf(at + 7 * DAY),
          'paid',
          at,
          at + DAY,
          at + 10 * DAY,
        )
      }
      rows += orders
      if (rand() < 0.5) {
        insertFeedback.run(id, pick(['csat', 'nps', 'checkin']), between(3, 11), null, between(createdAt, now))
        rows++
      }
    } else if (stage === 'close' && rand() < 0.5) {
      const at = between(createdAt, now)
      insertOrder.run(id, 4_500_000, 'RUB', 'Лендинг', dayOf(at + 7 * DAY), 'unpaid', at, null, null)
      rows++
    }
    if (inHandoff) {
      const opened = between(Math.max(createdAt, now - 60 * DAY), now)
      const answered = opened + between(60_000, 3 * 3_600_000)
      const manager = 5_000_200 + (id % 3)
      const handoffId = Number(
        insertHandoff.run(id, 'open', opened, answered < now ? answered : null, manager, manager, null).lastInsertRowid,
      )
      if (topicId !== null) insertTopic.run(id, topicId, topicId + 1, staffGroupId, opened)
      insertFeedback.run(id, 'handoff_quality', between(3, 6), manager, answered)
      rows += 2
      // A quarter of those answered wrote again and waited past the answer time (no draw from the
      // random sequence: the rest of the population stays as it was); some of those led by nobody then
      if (answered < now && id % 4 === 0) {
        const data = JSON.stringify({ handoffId, since: answered + 60_000, lead: id % 8 === 0 ? null : manager })
        insertDataEvent.run(id, 'reply_late', data, Math.min(now - 1, answered + 3_600_000))
        rows++
      }
    }
  }
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) seedOne(id)
  })
  const last = firstId + n
  for (let from = firstId; from < last; from += 5_000) batch(from, Math.min(last, from + 5_000))
  return { clients, rows }
}
