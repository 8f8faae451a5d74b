/**
 * Per-update work on a seeded database: a returning client's /start, a message relayed
 * from a client in a handoff, and a quiz button press, each through the real bot's
 * `handleUpdate` (file database, fake Bot API at the network edge), next to a bare grammY
 * bot making the same Bot API calls in the same run. Also counts the SQL statements each
 * update runs on the bot's connection.
 */
import type Database from 'better-sqlite3'
import { Bot, type Context } from 'grammy'
import type { Update } from 'grammy/types'
import type { DatabaseHandle } from '../../db/client.ts'
import { createFakeClock } from '../../test/helpers/clock.ts'
import { aroundStatements } from '../../test/helpers/db.ts'
import type { ApiCall } from '../../test/helpers/fake-telegram.ts'
import { FakeTelegram } from '../../test/helpers/fake-telegram.ts'
import { latestButtons } from '../../test/helpers/flows.ts'
import { createHarness, type Harness, STAFF_GROUP_ID, TEST_TOKEN } from '../../test/helpers/harness.ts'
import { random } from '../../test/helpers/numbers.ts'
import { type SeededClient, telegramProfileOf } from '../../test/helpers/population.ts'
import { type DurableWrites, durableCopy } from './durable.ts'
import { type Latency, latency } from './stats.ts'

/** What ran on one connection so far: statements executed and the time spent inside SQLite. */
export interface StatementMeter {
  count(): number
  ms(): number
}

/**
 * Counts statement executions on one better-sqlite3 connection (prepared once or not) and
 * times them: how much of an update is the database's own work (commits included), next
 * to the rest of the bot's.
 */
export function meterStatements(sqlite: Database.Database): StatementMeter {
  let n = 0
  let ms = 0
  const timed = <T>(run: () => T): T => {
    n++
    const started = performance.now()
    try {
      return run()
    } finally {
      ms += performance.now() - started
    }
  }
  aroundStatements(sqlite, (_source, _method, execute) => timed(execute))
  const exec = sqlite.exec.bind(sqlite)
  sqlite.exec = ((source: string) => timed(() => exec(source))) as typeof sqlite.exec
  return { count: () => n, ms: () => ms }
}

/**
 * The seeded chats already hold messages (the transcript's ids): the fake numbers new ones
 * after them, or every new message would look like a re-delivery of a seeded one.
 */
export function continueSeededChats(fake: FakeTelegram, seeded: SeededClient[]): void {
  for (const c of seeded) {
    const chat = fake.emulator.chat(c.telegramId)
    chat.lastMessageId = Math.max(chat.lastMessageId, c.lastMessageId)
  }
}

export interface UpdateKindResult {
  bot: Latency
  bare: Latency
  /** bot p50 / bare p50 */
  ratio: number
  /** Median SQL statements per update. */
  sql: number
  /** Median time per update inside SQLite (statements and their commits). */
  sql_ms: number
  /** The bot's p50 without its time in SQLite, over the bare bot's p50: the cost of everything but the database. */
  ratio_without_sql: number
  /** The bare bot making the same durable writes around its calls (see durable.ts). */
  durable: Latency
  /** bot p50 / durable p50: what our code costs on top of the writes that keep its promises */
  ratio_durable: number
}

const WARMUP = 100

/**
 * The clock of the per-update figures: the first Wednesday 08:00 UTC after the seeded
 * "now" — 11:00 in Moscow, the demo business's zone, inside its working hours. Out of
 * hours a relayed message also gets the night reply (another feature's work), and the
 * figures would depend on the hour the bench was started at.
 */
function workingMorningAfter(now: number): number {
  const day = new Date(now)
  day.setUTCHours(8, 0, 0, 0)
  while (day.getUTCDay() !== 3 || day.getTime() <= now) day.setUTCDate(day.getUTCDate() + 1)
  return day.getTime()
}
/** Between two relayed messages: 15 a minute stay within a staff group's 20. */
const RELAY_EVERY_MS = 4_000
/**
 * Between two button presses: a person reads before pressing. A client sampled twice
 * presses the same button of the same message again, which at no distance in time would
 * be a double tap, answered quietly, not a quiz step.
 */
const TAP_EVERY_MS = 3_000

/** The calls the bot made while handling one update, to make the bare bot do the same. */
function callsDuring(fake: FakeTelegram, from: number): ApiCall[] {
  return fake.calls.slice(from).filter((c) => c.ok)
}

/**
 * A bare grammY bot that answers every update with the Bot API calls the real bot made
 * for the same kind of update (same methods, same texts and keyboards), nothing else.
 */
function bareBot(template: () => ApiCall[], topics: FakeTelegram['topics'], durable?: DurableWrites) {
  const fake = new FakeTelegram()
  for (const [id, topic] of topics) fake.topics.set(id, topic)
  const bot = new Bot(TEST_TOKEN, { botInfo: fake.botInfo, client: { fetch: fake.fetch as never } })
  const raw = (ctx: Context) => ctx.api.raw as unknown as Record<string, (p: unknown) => Promise<unknown>>
  async function calls(ctx: Context) {
    const results: unknown[] = []
    for (const call of template()) {
      const payload: Record<string, unknown> = { ...call.payload }
      if (Number(payload.chat_id) > 0) payload.chat_id = ctx.chat?.id
      if (payload.from_chat_id !== undefined) {
        payload.from_chat_id = ctx.chat?.id
        payload.message_id = ctx.msg?.message_id
      }
      if (payload.callback_query_id !== undefined) payload.callback_query_id = ctx.callbackQuery?.id
      if (call.method === 'editMessageText' || call.method === 'editMessageReplyMarkup') {
        payload.message_id = ctx.callbackQuery?.message?.message_id
      }
      results.push(await raw(ctx)[call.method]?.(payload))
    }
    return results
  }
  bot.use(async (ctx) => {
    if (durable) await durable(ctx, () => calls(ctx) as ReturnType<Parameters<DurableWrites>[1]>)
    else await calls(ctx)
  })
  return { bot, fake }
}

/**
 * One kind of update made ready on one database: the updates, the bot's way, the bare
 * bot's and the bare bot's with the durable writes (see durable.ts).
 */
interface PreparedKind {
  updates: Update[]
  bot: (u: Update) => Promise<void>
  bare: (u: Update) => Promise<void>
  durable: (u: Update) => Promise<void>
}

interface Timings {
  bot: { ms: number[]; sql: number[]; sqlMs: number[] }
  bare: { ms: number[] }
  durable: { ms: number[] }
}

/**
 * Updates of one database in a row before the next database takes its turn: long enough
 * for its bot to run warm (the CPU's caches hold one bot's code and pages, not three),
 * short enough (a tenth of a second or so) that every database still meets the same
 * moments of the machine.
 */
const TURN = 50

/**
 * Times the updates of a turn through the bot, then the same updates through the bare bot,
 * the databases of every size taking turns of TURN updates: all of them run in the same
 * stretch of the process (its JIT, its garbage, the machine's other load), so neither the
 * ratio to the bare bot nor the growth from one size to the next depends on which of them
 * happened to run in a quieter moment. (Measured one size after the other, the bare bot
 * alone, which reads no database, came out up to 1.4 times as fast at one size as at
 * another.) Within a turn each bot runs its updates in a row, warm on its own work, as in
 * a process of its own. Timed pair by pair, update by update, the bare bot's every update
 * came right after the bot's much larger one had filled the CPU's caches: it took about
 * twice its own time (0.14-0.18 ms for a /start against 0.06-0.09 ms), so the ratio
 * flattered the bot by half, and moved with the bot's code instead of its own (a change
 * that made the bot's answers cheaper made the bare bot a fifth slower).
 */
async function timeInTurns(sizes: { kind: PreparedKind; statements: StatementMeter }[]): Promise<Timings[]> {
  const out = sizes.map(() => ({
    bot: { ms: [] as number[], sql: [] as number[], sqlMs: [] as number[] },
    bare: { ms: [] as number[] },
    durable: { ms: [] as number[] },
  }))
  const updates = Math.min(...sizes.map((s) => s.kind.updates.length))
  for (let first = 0; first < updates; first += TURN) {
    for (const [n, { kind, statements }] of sizes.entries()) {
      const o = out[n] as Timings
      const last = Math.min(first + TURN, updates)
      for (let i = first; i < last; i++) {
        const before = statements.count()
        const sqlBefore = statements.ms()
        const started = performance.now()
        await kind.bot(kind.updates[i] as Update)
        const ms = performance.now() - started
        if (i < WARMUP) continue
        o.bot.ms.push(ms)
        o.bot.sql.push(statements.count() - before)
        o.bot.sqlMs.push(statements.ms() - sqlBefore)
      }
      for (let i = first; i < last; i++) {
        const started = performance.now()
        await kind.bare(kind.updates[i] as Update)
        if (i >= WARMUP) o.bare.ms.push(performance.now() - started)
      }
      for (let i = first; i < last; i++) {
        const started = performance.now()
        await kind.durable(kind.updates[i] as Update)
        if (i >= WARMUP) o.durable.ms.push(performance.now() - started)
      }
    }
  }
  return out
}

function summarise({ bot, bare, durable }: Timings): UpdateKindResult {
  const b = latency(bot.ms)
  const base = latency(bare.ms)
  const kept = latency(durable.ms)
  const sql = latency(bot.sql)
  const withoutSql = latency(bot.ms.map((ms, i) => ms - (bot.sqlMs[i] ?? 0)))
  return {
    bot: b,
    bare: base,
    ratio: Number((b.p50_ms / base.p50_ms).toFixed(2)),
    sql: sql.p50_ms,
    sql_ms: latency(bot.sqlMs).p50_ms,
    ratio_without_sql: Number((withoutSql.p50_ms / base.p50_ms).toFixed(2)),
    durable: kept,
    ratio_durable: Number((b.p50_ms / kept.p50_ms).toFixed(2)),
  }
}

export type UpdateKind = 'start' | 'relay' | 'quiz'
const ALL_KINDS: readonly UpdateKind[] = ['start', 'relay', 'quiz']
/** SCALE_KINDS=relay (or a comma list): only these kinds, for profiling one of them alone. */
const KINDS = process.env.SCALE_KINDS
  ? ALL_KINDS.filter((k) => process.env.SCALE_KINDS?.split(',').includes(k))
  : ALL_KINDS

/** A seeded database and its clients, as the bench seeded them. */
export interface SeededDatabase {
  database: DatabaseHandle
  seeded: SeededClient[]
}

/**
 * The real bot on one seeded database, with a meter on its connection, and a way to make
 * each kind of update ready: clients sampled, the first update sent once to learn which
 * Bot API calls the bare bot is to make for it.
 */
function botOn({ database, seeded }: SeededDatabase, now: number, samples: number) {
  // What the real process left queued for the staff group (the start-up sweep's posts, the
  // requests of its clients) goes out at 20 a minute: caught up here, as after a quiet hour, so
  // a relayed message's copy is the one delivered after it, not the oldest of that backlog
  database.sqlite.prepare("update outbox set status = 'sent' where status in ('pending', 'sending')").run()
  // …and so each request's card reached the group (marked as the delivery marks it, once): a
  // relayed message in a request long open is not its first in the group
  database.sqlite.prepare('update handoffs set reached_group_at = opened_at where reached_group_at is null').run()
  // The baseline with the durable writes, on a copy of the file as it is now
  const store = durableCopy(database, `${database.sqlite.name}.durable`, STAFF_GROUP_ID, () => {
    const row = database.sqlite.prepare('select avg(length(value)) as bytes from kv').get() as { bytes: number | null }
    return Math.round(row.bytes ?? 0)
  })
  const statements = meterStatements(database.sqlite)
  const clock = createFakeClock(workingMorningAfter(now))
  const h: Harness = createHarness({ database, clock, config: { LOG_LEVEL: 'silent' } })
  // As in the running bot: the write-ahead log is checkpointed off the event loop
  h.deps.wal.start()
  const rand = random(7)
  const reachable = seeded.filter((c) => c.reachable && !c.inHandoff)
  const sample = (list: SeededClient[], n: number) =>
    Array.from({ length: n }, () => list[Math.floor(rand() * list.length)] as SeededClient)
  continueSeededChats(h.fake, seeded)
  for (const c of seeded) if (c.topicId !== null) h.fake.topics.set(c.topicId, { name: c.firstName, deleted: false })
  const userOf = (c: SeededClient) => h.u.user(c.telegramId, telegramProfileOf(c))

  /**
   * Sends the first update once to learn the Bot API calls the bot makes for it (those
   * `kept`), which the bare bot is to make for every update; the others are timed.
   */
  async function pairedWithBare(
    kind: UpdateKind,
    updates: Update[],
    bot: (u: Update) => Promise<void>,
    kept: (call: ApiCall) => boolean = () => true,
  ): Promise<PreparedKind> {
    h.fake.clearCalls()
    await bot(updates[0] as Update)
    const template = callsDuring(h.fake, 0).filter(kept)
    // A bare bot that makes no call would measure nothing and make any ratio look bad
    if (template.length === 0) throw new Error('the first update made none of the calls the bare bot is to make')
    const bare = bareBot(() => template, h.fake.topics)
    const durable = bareBot(() => template, h.fake.topics, store.writes[kind])
    return {
      updates: updates.slice(1),
      bot,
      bare: (u) => bare.bot.handleUpdate(u),
      durable: (u) => durable.bot.handleUpdate(u),
    }
  }

  const prepare: Record<UpdateKind, () => Promise<PreparedKind>> = {
    // A returning client's /start
    start: () =>
      pairedWithBare(
        'start',
        sample(reachable, samples + WARMUP).map((c) => h.u.text(userOf(c), '/start')),
        (u) => h.send(u),
      ),
    // A relayed message: handling the update and delivering its copy to the topic
    relay() {
      const inHandoff = seeded.filter((c) => c.inHandoff)
      const updates = sample(inHandoff, samples + WARMUP).map((c, i) => h.u.text(userOf(c), `Вопрос по заказу №${i}`))
      const bot = async (u: Update) => {
        clock.advance(RELAY_EVERY_MS) // the bench is not about the group's 20 a minute
        await h.send(u)
        await h.drain()
      }
      return pairedWithBare('relay', updates, bot, (c) => c.method === 'copyMessage')
    },
    // A quiz step: clients in the quiz press an answer button
    async quiz() {
      const updates: Update[] = []
      for (const c of sample(reachable, samples + WARMUP)) {
        const user = userOf(c)
        clock.advance(TAP_EVERY_MS)
        await h.send(h.u.callback(user, 'menu:quiz'))
        const button = latestButtons(h, user.id).find((b) => b.data && !b.data.startsWith('menu:'))
        if (!button?.data) throw new Error('the quiz showed no answer buttons')
        updates.push(h.u.callback(user, button.data))
      }
      return pairedWithBare('quiz', updates, async (u) => {
        clock.advance(TAP_EVERY_MS)
        await h.send(u)
      })
    },
  }

  return {
    statements,
    prepare,
    clearCalls: () => h.fake.clearCalls(),
    async stop() {
      if (h.errors().length > 0) throw new Error(`the bot logged errors: ${JSON.stringify(h.errors().slice(0, 3))}`)
      await h.deps.services.broadcasts.worker()?.stop()
      await h.deps.wal.stop()
      store.close()
    },
  }
}

/**
 * Each kind of update through the real bot on each seeded database, next to the bare bot,
 * the databases taking turns (see timeInTurns); the figures of each
 * database, in the order given.
 */
export async function measureUpdates(
  databases: SeededDatabase[],
  now: number,
  samples: number,
): Promise<Record<UpdateKind, UpdateKindResult>[]> {
  const bots = databases.map((d) => botOn(d, now, samples))
  const results = databases.map(() => ({}) as Record<UpdateKind, UpdateKindResult>)
  for (const kind of KINDS) {
    const sizes: { kind: PreparedKind; statements: StatementMeter }[] = []
    for (const bot of bots) sizes.push({ kind: await bot.prepare[kind](), statements: bot.statements })
    const timings = await timeInTurns(sizes)
    for (const [n, t] of timings.entries()) (results[n] as Record<UpdateKind, UpdateKindResult>)[kind] = summarise(t)
    for (const bot of bots) bot.clearCalls()
  }
  for (const bot of bots) await bot.stop()
  return results
}
