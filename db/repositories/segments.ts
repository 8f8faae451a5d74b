/**
 * Who a broadcast segment selects. Every dimension that is set narrows the selection
 * (they combine with AND); an empty filter means every client who may get marketing.
 */
import { and, asc, count, eq, gte, isNotNull, isNull, not, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { broadcastRecipients, type ClientRow, clients, clientTags, orders, quizResults, type Stage } from '../schema.ts'
import { STOPPED_REASON } from './broadcasts.ts'
import { isClient, type LeftOut, marketingTerms } from './clients.ts'
import { escalatedEvent } from './handoffs.ts'

export interface SegmentFilter {
  /** Has this tag (client_tags). */
  tag?: string
  /** The current quiz result ranks this product first. */
  product?: string
  stage?: Stage
  language?: string
  /** Wrote to the bot within this many days (clients.last_seen_at). */
  activeDays?: number
  /**
   * Has an order paid and not refunded, whatever their stage now: the stage moves on from
   * "customer" when they pay again ("repeat") or go to leave a review ("advocate").
   */
  paid?: true
  /**
   * Has an invoice not paid: ordered and did not pay (`orders.status` unpaid — neither paid, nor
   * cancelled, nor refunded), and not one whose "I've paid" waits for the team's check (the
   * client says they paid: payment reminders pause for it too).
   */
  unpaid?: true
  /** First came to the bot (their client row was made) within this many days (clients.created_at). */
  joinedDays?: number
  /**
   * Got no broadcast in the last 24 hours (`RECENT_MS`): the owner left out those a broadcast
   * reached lately, offered at the confirmation when some of the recipients had one.
   */
  rested?: true
}

const DAY_MS = 86_400_000

/** How long ago a broadcast that reached a client counts as recent: a day, so three in 22 hours show. */
export const RECENT_MS = DAY_MS

/** The client was sent a broadcast since `now - RECENT_MS` (from the recipients' client index: a few rows each). */
const reachedLately = (now: number) =>
  sql`exists (select 1 from ${broadcastRecipients} where ${broadcastRecipients.clientId} = ${clients.id} and ${broadcastRecipients.sentAt} >= ${now - RECENT_MS} and ${broadcastRecipients.status} = 'sent')`

/**
 * Why a request shows the client unhappy: a low rating, a low NPS score, "not solved", rude or
 * distrustful words, their money asked back. While such a request is open, an offer would answer
 * a complaint, or a refund asked for, with an ad.
 */
export const UNHAPPY_REASONS = ['low_rating', 'nps_detractor', 'not_solved', 'trigger', 'refund'] as const

/**
 * Of those, the complaints about the service, which hold the client back from offers until the
 * request is closed: a low rating, a low NPS score, rude or distrustful words, the money asked back.
 * Not "not solved" (a "not yet" pressed after the request closed): it says the question is still
 * open, as any open request's is, and holds the client back while they wait for the team's answer
 * (`HELD_NOW`'s first terms), as any question does. Held until closed, a client who pressed it to
 * carry on buying — answered, billed, paid — was left out of every broadcast as if she complained.
 */
export const COMPLAINT_REASONS = UNHAPPY_REASONS.filter((reason) => reason !== 'not_solved')

/**
 * The clients the team owes something: a question not answered yet (a request with no first
 * answer, or the client wrote again since the team's last one), or a complaint open
 * (`COMPLAINT_REASONS`, or a complaint the owners were told of since it opened — "вы меня
 * игнорируете" in a request opened by a plain question). An offer to either answers them with an
 * ad. Read once per statement from the open requests' partial index (its condition written as the
 * index's), a few rows.
 */
const HELD_NOW = sql.raw(
  `(select client_id from handoffs where status in ('open', 'closing') and ((first_response_at is null and settled_at is null) or client_waiting_since is not null or reason in (${COMPLAINT_REASONS.map((r) => `'${r}'`).join(', ')}) or exists (select 1 from events where events.client_id = handoffs.client_id and events.type = '${escalatedEvent('complaint')}' and events.created_at >= handoffs.opened_at)))`,
)

/**
 * Who a broadcast may reach, term by term: the marketing audience (`marketingTerms`: consented,
 * not opted out, not blocked, not erased), and not the team (`isClient`: counts, recipients and
 * /stats agree on who a client is; nobody to tell the owner of). The one definition the count,
 * the recipients and "🚫 … cannot get it" (`segmentUnreachable`) read. Whether the team owes them
 * an answer (`HELD_NOW`) is said apart, beside the count.
 */
function audienceTerms(byIndex: boolean): ReadonlyArray<{ holds: SQL; told: LeftOut | null }> {
  return [...marketingTerms({ byIndex }), { holds: isClient(), told: null }]
}

const audience = (byIndex: boolean) => and(...audienceTerms(byIndex).map((term) => term.holds)) as SQL

/**
 * The clients the team owes something now (`HELD_NOW`), read once: a pass that writes a broadcast's
 * recipients batch by batch gives them to each batch (`addSegmentRecipients`), so the open
 * requests are read once rather than once a batch (at 100,000 clients, 20 batches each scanning
 * some 10,000 open requests made the pass grow faster than the clients).
 */
export function heldNow(db: Db): number[] {
  return db.all<{ client_id: number }>(sql`select client_id from ${HELD_NOW}`).map((row) => row.client_id)
}

/**
 * Clients matching the filter in the audience (`audienceTerms`), and not waiting for the team
 * (`HELD_NOW`, or `heldIds` when they were read once for several statements: `heldNow`).
 */
function segmentWhere(
  filter: SegmentFilter,
  now: number,
  {
    held = false,
    heldIds,
    batch,
  }: { held?: boolean; heldIds?: readonly number[]; batch?: { after: number; upTo: number } } = {},
): SQL | undefined {
  // Everyone, or by payments: read from the audience's index alone (by tag or product, from their
  // own clients, by language from its index: `filterConditions`). An activity filter reads each
  // row: then the table in order beats that index's rows one by one in consent order (3× slower at
  // 100k), and the wording keeps SQLite off it. Those who
  // joined lately are a range of their own index (`clients_created_idx`), their rows read from
  // there: the wording leaves SQLite that index alone (at 100k, 30 days' newcomers counted in
  // some 14 ms from it, 47 ms through the audience's index).
  const readsRows = Boolean(filter.activeDays || filter.joinedDays)
  const heldSet = heldIds ? sql`(select value from json_each(${JSON.stringify(heldIds)}))` : HELD_NOW
  return and(
    audience(!readsRows),
    // `held`: only those held back, whom the owner is told of beside the count
    held ? sql`${clients.id} in ${heldSet}` : sql`${clients.id} not in ${heldSet}`,
    ...(batch ? [sql`${clients.id} > ${batch.after} and ${clients.id} <= ${batch.upTo}`] : []),
    ...filterConditions(filter, now, { probeEach: batch !== undefined }),
  )
}

/**
 * The filter's own conditions, whoever the clients are: what `segmentWhere` adds to the audience's rule.
 *
 * A tag's clients, and a product's (the current quiz results ranking it first), are read from their
 * own index (`client_tags_tag_idx`, `quiz_results_top_product_idx`), a few rows for most: probed
 * client by client instead, a count walked the whole audience (at 100,000 clients some 19 ms a tag
 * and 22 ms a product, for a picker of 30 tags more than half a second; from their index a few ms,
 * by how many have it). Where a narrower range of clients drives the statement — a batch's range of
 * ids (`probeEach`), or those who joined lately (their index's range) — each of them is probed
 * instead (the tags' primary key, the product's index by client): the whole list read again by every
 * batch of a pass would grow with the clients twice over.
 *
 * A language's clients are a range of `clients_language_idx`, which holds every column the
 * audience's rule reads: each choice of the language picker is counted from the index alone, where
 * it read the table in order (the picker's reads — the languages in use and a count each — at
 * 100,000 clients 45–67 → 15–21 ms of CPU, at 10,000 3.9 → 1.6 ms). Where another condition picks
 * the rows — a batch's ids, those who joined lately, a stage's index, activity read from the table
 * in order — the language is checked on each of them instead (`+language`): a stage's clients read
 * from the language's range took twice as long (the seven stages of Russian speakers, 81–107 →
 * 196–369 ms at 100k), and every batch would read the whole range again.
 */
function filterConditions(filter: SegmentFilter, now: number, { probeEach = false } = {}): SQL[] {
  const conditions: SQL[] = []
  const probed = probeEach || Boolean(filter.joinedDays)
  const byLanguage = !(probeEach || filter.stage || filter.activeDays || filter.joinedDays)
  /** The clients `rows` (a select of their ids, correlated by `of` when each is probed) selects. */
  const among = (rows: (of: SQL | undefined) => SQL) =>
    probed ? sql`exists ${rows(sql`and client_id = ${clients.id}`)}` : sql`${clients.id} in ${rows(undefined)}`
  if (filter.stage) conditions.push(eq(clients.stage, filter.stage))
  if (filter.language) {
    conditions.push(byLanguage ? eq(clients.language, filter.language) : sql`+${clients.language} = ${filter.language}`)
  }
  if (filter.activeDays) conditions.push(gte(clients.lastSeenAt, now - filter.activeDays * DAY_MS))
  if (filter.tag) {
    conditions.push(
      among((of) => sql`(select client_id from ${clientTags} where ${clientTags.tag} = ${filter.tag} ${of})`),
    )
  }
  if (filter.paid) {
    // From the orders' (client, status) index: a row or two per client
    conditions.push(
      sql`exists (select 1 from ${orders} where ${orders.clientId} = ${clients.id} and ${orders.status} = 'paid')`,
    )
  }
  if (filter.unpaid) {
    // From the orders' (client, status) index, as `paid`: a row or none per client
    conditions.push(
      sql`exists (select 1 from ${orders} where ${orders.clientId} = ${clients.id} and ${orders.status} = 'unpaid' and ${orders.clientReportedPaidAt} is null)`,
    )
  }
  if (filter.joinedDays) conditions.push(gte(clients.createdAt, now - filter.joinedDays * DAY_MS))
  if (filter.rested) conditions.push(not(reachedLately(now)))
  if (filter.product) {
    // Its terms as the index's (`quiz_results_top_product_idx`), which SQLite needs to see to use it
    conditions.push(
      among(
        (of) =>
          sql`(select client_id from ${quizResults} where ${quizResults.isCurrent} = 1 and ${quizResults.outcome} != 'no_match' and ${quizResults.ranking} ->> '$[0].productId' = ${filter.product} ${of})`,
      ),
    )
  }
  return conditions
}

/** The segment's clients, oldest first: only what sending needs, so a large segment stays small in memory. */
export function segmentRecipients(
  db: Db,
  filter: SegmentFilter,
  now: number,
): Array<Pick<ClientRow, 'id'> & { telegramId: number }> {
  return db
    .select({ id: clients.id, telegramId: clients.telegramId })
    .from(clients)
    .where(segmentWhere(filter, now))
    .orderBy(asc(clients.id))
    .all() as Array<Pick<ClientRow, 'id'> & { telegramId: number }>
}

/**
 * Adds the segment's clients with ids in (after, upTo] as pending recipients of a broadcast:
 * one batch of a confirmation (see `confirm` in src/services/broadcasts.ts), leaving out `held`,
 * the clients the team owed an answer when the pass began (`heldNow`). Returns how many.
 */
export function addSegmentRecipients(
  db: Db,
  broadcastId: number,
  filter: SegmentFilter,
  now: number,
  { after, upTo, held }: { after: number; upTo: number; held: readonly number[] },
): number {
  return db.run(sql`insert or ignore into ${broadcastRecipients} (broadcast_id, client_id, chat_id)
    select ${broadcastId}, ${clients.id}, ${clients.telegramId} from ${clients}
    where ${segmentWhere(filter, now, { heldIds: held, batch: { after, upTo } })}`).changes
}

/**
 * How many of a broadcast's rows not sent yet belong to clients it may go to now: the audience
 * (`audienceTerms`) not waited on by the team, as `segmentWhere` has it, in the chat the row was written for. The rows are a draft's
 * (who matched when the owner approved it: are any of them still there?) or those a stop left
 * unsent (`STOPPED_REASON`; pending ones too, from a "send to the rest" cut short by a crash): what
 * "send to the rest (N)" counts. A read task: it reads the broadcast's rows.
 */
export function unsentReachable(db: Db, { broadcastId }: { broadcastId: number }): number {
  return (
    db
      .select({ n: count() })
      .from(broadcastRecipients)
      .innerJoin(clients, eq(clients.id, broadcastRecipients.clientId))
      .where(
        and(
          eq(broadcastRecipients.broadcastId, broadcastId),
          sql`(${broadcastRecipients.status} = 'pending' or (${broadcastRecipients.status} = 'skipped' and ${broadcastRecipients.error} = ${STOPPED_REASON}))`,
          eq(clients.telegramId, broadcastRecipients.chatId),
          audience(false),
          sql`${clients.id} not in ${HELD_NOW}`,
        ),
      )
      .get()?.n ?? 0
  )
}

/** The highest client id (0 without clients). */
export function lastClientId(db: Db): number {
  return db.get<{ id: number | null }>(sql`select max(id) as id from ${clients}`)?.id ?? 0
}

/**
 * How many clients the segment selects (a read task: counting scans the clients), and with `held`
 * how many more it would but for the team owing them an answer (`heldBack`: read from those few
 * requests), so an owner reading "Получателей: 0" knows why.
 */
export function countSegment(
  db: Db,
  { filter, now, held = false }: { filter: SegmentFilter; now: number; held?: boolean },
): { count: number; heldBack: number } {
  const n = (where: SQL | undefined) => db.select({ n: count() }).from(clients).where(where).get()?.n ?? 0
  return { count: n(segmentWhere(filter, now)), heldBack: held ? n(segmentWhere(filter, now, { held: true })) : 0 }
}

/**
 * How many of the clients the segment selects were sent a broadcast in the last 24 hours
 * (`RECENT_MS`): said at the confirmation, with the offer to leave them out (`rested`). A read task:
 * it looks at each selected client's latest rows.
 */
export function countReachedLately(db: Db, { filter, now }: { filter: SegmentFilter; now: number }): number {
  return (
    db
      .select({ n: count() })
      .from(clients)
      .where(and(segmentWhere(filter, now), reachedLately(now)))
      .get()?.n ?? 0
  )
}

/** How many clients the conditions select may not get a broadcast, by why (`LeftOut`): each under one reason, the first that holds. */
export type Unreachable = Record<LeftOut, number>

/**
 * The clients the filter's conditions select who are outside the audience (`audienceTerms`), by
 * why: what an owner reading "Получателей: 0" is told, so a tag that matched reads as such. The
 * audience's terms turned over: those who pass every term nobody is told of (the erased, the team:
 * nobody to the business) and fail one that is told, named by the first they fail — so a client
 * is either counted by `countSegment` (among the recipients or held back) or here, once. A read
 * task: it scans the clients.
 */
export function segmentUnreachable(db: Db, { filter, now }: { filter: SegmentFilter; now: number }): Unreachable {
  const terms = audienceTerms(false)
  const told = terms.flatMap(({ holds, told }) => (told === null ? [] : [{ holds, told }]))
  // `told` is one of LeftOut's names, written into the statement as a literal
  const reason = sql<LeftOut>`case ${sql.join(
    told.map((term) => sql`when ${not(term.holds)} then ${sql.raw(`'${term.told}'`)}`),
    sql` `,
  )} end`
  const rows = db
    .select({ reason, n: count() })
    .from(clients)
    .where(
      and(
        ...terms.filter((term) => term.told === null).map((term) => term.holds),
        not(and(...told.map((term) => term.holds)) as SQL),
        ...filterConditions(filter, now),
      ),
    )
    .groupBy(reason)
    .all()
  const counts = Object.fromEntries(told.map((term) => [term.told, 0])) as Unreachable
  for (const row of rows) counts[row.reason] = row.n
  return counts
}

/**
 * The segment's clients who gave their own time zone (/timezone), counted by zone: a few rows, for
 * the confirmation to say how many of them are in their night now (a read task: it scans the clients).
 */
export function segmentZones(
  db: Db,
  { filter, now }: { filter: SegmentFilter; now: number },
): Array<{ timezone: string; n: number }> {
  return db
    .select({ timezone: clients.timezone, n: count() })
    .from(clients)
    .where(and(segmentWhere(filter, now), isNotNull(clients.timezone)))
    .groupBy(clients.timezone)
    .all() as Array<{ timezone: string; n: number }>
}

/** Tags in use, most used first (for the segment buttons; a read task: it counts every tag of every client). */
export function tagsInUse(db: Db, _input: Record<string, never> = {}): string[] {
  return db
    .select({ tag: clientTags.tag })
    .from(clientTags)
    .innerJoin(clients, eq(clients.id, clientTags.clientId))
    .where(isNull(clients.deletedAt))
    .groupBy(clientTags.tag)
    .orderBy(sql`count(*) desc`, asc(clientTags.tag))
    .all()
    .map((r) => r.tag)
}

/**
 * Languages clients speak, most common first (a read task: it reads the whole of `clients_language_idx`,
 * not every client row).
 */
export function languagesInUse(db: Db, _input: Record<string, never> = {}): string[] {
  return db
    .select({ language: clients.language, n: count() })
    .from(clients)
    .where(and(isNotNull(clients.language), isNull(clients.deletedAt)))
    .groupBy(clients.language)
    .orderBy(sql`count(*) desc`)
    .all()
    .map((r) => r.language as string)
}
