/**
 * What a bare bot must write to keep its promises, without anything else of ours: the
 * second baseline of the per-update figures.
 *
 * The bare bot answers from memory and stores nothing. Ours keeps every message it is
 * told and sends in the transcript, writes a relayed message's copy to a durable outbox
 * (marked "sending" before the call and "sent" after it, so a crash or a 429 neither loses
 * it nor sends it twice), and keeps a quiz's answers and place across restarts. No amount
 * of work on our code takes those commits away, and each costs more than the bare bot's
 * whole relay, so against the bare bot alone a relay cannot reach the ratios the issue asked
 * for (see docs/architecture.md). This bare bot makes the same Bot API calls and, around
 * them, the same durable writes ours makes for the same update — the same rows in the same
 * tables, with their indexes and triggers, in the same commits, on a copy of the same seeded
 * file opened with the same pragmas — as plain statements prepared once, with no reads,
 * no validation and no logic: the least any bot with these guarantees could do. The ratio
 * to it is what our code costs on top of what it must write.
 */
import type Database from 'better-sqlite3'
import type { Context } from 'grammy'
import type { DatabaseHandle } from '../../db/client.ts'
import { openDatabase } from '../../db/client.ts'
import type { UpdateKind } from './updates.ts'

/** A sent or copied message as the Bot API returned it. */
type Sent = { message_id?: number; text?: string } | true | undefined

/**
 * Around the bare bot's calls for one update: the writes before them, the calls (whose
 * results come back), the writes after them.
 */
export type DurableWrites = (ctx: Context, calls: () => Promise<Sent[]>) => Promise<void>

export interface DurableCopy {
  writes: Record<UpdateKind, DurableWrites>
  close(): void
}

/**
 * Copies the seeded file (`VACUUM INTO`: a compact copy, which if anything flatters the
 * baseline) and prepares the statements of each kind of update on it.
 * `stateBytes`: the length of the conversation state the real bot keeps for a client in the
 * quiz (asked at the first quiz step), so the baseline writes a row of the same size.
 */
export function durableCopy(
  source: DatabaseHandle,
  path: string,
  groupChatId: number,
  stateBytes: () => number,
): DurableCopy {
  source.sqlite.prepare('vacuum into ?').run(path)
  const copy = openDatabase(path)
  const db = copy.sqlite
  const s = statements(db)
  const now = () => Date.now()
  let state: string | undefined
  /** The clients whose wait for an answer has started (see relay) */
  const waiting = new Set<number>()

  /** The client's visit, as ours writes it on every update: profile and last seen. */
  const visit = (ctx: Context): number => {
    const from = ctx.from
    const row = s.visit.get(
      from?.first_name ?? null,
      from?.last_name ?? null,
      from?.username ?? null,
      now(),
      from?.id,
    ) as { id: number } | undefined
    if (!row) throw new Error(`the copy has no client ${from?.id}`)
    return row.id
  }
  const incoming = (clientId: number, ctx: Context, type: string, text: string | undefined) =>
    Number(s.message.run(clientId, 'in', type, text ?? null, ctx.msg?.message_id ?? null, now()).lastInsertRowid)
  const bots = (clientId: number, sent: Sent[]) => {
    for (const m of sent) {
      if (m === true || !m?.message_id) continue
      s.message.run(clientId, 'bot', 'text', m.text ?? null, m.message_id, now())
    }
  }

  const writes: Record<UpdateKind, DurableWrites> = {
    // The visit, the client's /start, its event, the call, the bot's answer
    async start(ctx, calls) {
      const clientId = visit(ctx)
      incoming(clientId, ctx, 'text', ctx.msg?.text)
      s.event.run(clientId, 'start', now())
      bots(clientId, await calls())
    },
    // The visit, the message, its copy queued and marked sending, the call, and in one
    // commit the copy's id on the message and the queued row sent. A client's first message
    // since the team's answer (each seeded request is answered) starts the wait for the next
    // one, as ours does: the request marked and its durable check, in the copy's commit
    async relay(ctx, calls) {
      const clientId = visit(ctx)
      const rowId = incoming(clientId, ctx, 'text', ctx.msg?.text)
      const payload = JSON.stringify({
        chat_id: groupChatId,
        from_chat_id: ctx.chat?.id,
        message_id: ctx.msg?.message_id,
      })
      const starts = !waiting.has(clientId)
      waiting.add(clientId)
      const queued = starts
        ? s.queueWaiting(groupChatId, clientId, payload, rowId, now())
        : Number(s.queue.run(groupChatId, clientId, 'copyMessage', payload, rowId, now(), now()).lastInsertRowid)
      s.sending.run(queued)
      const [copied] = await calls()
      const copyId = copied === true ? null : (copied?.message_id ?? null)
      s.sent(queued, rowId, copyId)
    },
    // The visit, the press, the answer, the flow's state and its reminder moved, the calls,
    // the question's edit and the bot's line
    async quiz(ctx, calls) {
      const clientId = visit(ctx)
      incoming(clientId, ctx, 'button', ctx.callbackQuery?.data)
      s.answer.run(clientId, 'quiz', 'q', ctx.callbackQuery?.data ?? '', now(), now())
      state ??= JSON.stringify({ v: 'x'.repeat(Math.max(0, stateBytes() - 8)) })
      s.state.run(`quiz:${ctx.chat?.id}`, state, now())
      s.nudge.run(now() + 3_600_000, now(), clientId, 'nudge')
      const sent = await calls()
      s.edit.run(ctx.callbackQuery?.data ?? null, now(), clientId, ctx.callbackQuery?.message?.message_id ?? null)
      bots(clientId, sent)
    },
  }
  return { writes, close: () => copy.close() }
}

function statements(db: Database.Database) {
  const sentMark = db.prepare("update outbox set status = 'sent', result_message_id = ? where id = ?")
  const topicId = db.prepare('update messages set topic_message_id = ? where id = ?')
  const queue = db.prepare(
    "insert into outbox (chat_id, client_id, method, payload, message_row_id, status, not_before, created_at) values (?, ?, ?, ?, ?, 'pending', ?, ?)",
  )
  const wait = db.prepare(
    "update handoffs set client_waiting_since = ? where client_id = ? and status in ('open', 'closing') and client_waiting_since is null returning id",
  )
  const check = db.prepare(
    "insert into jobs (kind, run_at, status, dedupe_key, client_id, payload, created_at, updated_at) values ('handoff_reply', ?, 'pending', ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing",
  )
  return {
    visit: db.prepare(
      'update clients set first_name = ?, last_name = ?, username = ?, last_seen_at = ? where telegram_id = ? returning id',
    ),
    message: db.prepare(
      'insert into messages (client_id, direction, type, text, client_message_id, created_at) values (?, ?, ?, ?, ?, ?)',
    ),
    event: db.prepare('insert into events (client_id, type, created_at) values (?, ?, ?)'),
    queue,
    queueWaiting: db.transaction((chatId: number, clientId: number, payload: string, rowId: number, at: number) => {
      const request = wait.get(at, clientId) as { id: number } | undefined
      if (request) {
        const job = JSON.stringify({ handoffId: request.id, since: at })
        check.run(at + 15 * 60_000, `handoff_reply:${request.id}:${at}`, clientId, job, at, at)
      }
      return Number(queue.run(chatId, clientId, 'copyMessage', payload, rowId, at, at).lastInsertRowid)
    }),
    sending: db.prepare(
      "update outbox set status = 'sending', attempts = attempts + 1 where id = ? and status = 'pending'",
    ),
    sent: db.transaction((queued: number, rowId: number, copyId: number | null) => {
      topicId.run(copyId, rowId)
      sentMark.run(copyId, queued)
    }),
    answer: db.prepare(
      'insert into answers (client_id, kind, question_key, value, created_at, updated_at) values (?, ?, ?, ?, ?, ?) on conflict (client_id, kind, question_key) do update set value = excluded.value, updated_at = excluded.updated_at',
    ),
    state: db.prepare(
      'insert into kv (key, value, updated_at) values (?, ?, ?) on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at',
    ),
    nudge: db.prepare(
      "update jobs set run_at = ?, updated_at = ? where id = (select id from jobs where client_id = ? and kind = ? and status = 'pending' limit 1)",
    ),
    edit: db.prepare(
      "update messages set text = ?, edited_at = ? where id = (select max(id) from messages where client_id = ? and client_message_id = ? and direction = 'bot')",
    ),
  }
}
