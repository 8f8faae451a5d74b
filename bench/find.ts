/**
 * /find on a big history: how long a search takes (it runs on the bot's one thread, so
 * this is also how long every chat waits meanwhile) for names, phones, e-mails,
 * usernames, common and rare words and a miss, over FIND_CLIENTS clients and
 * FIND_MESSAGES transcript messages. Baseline in the same run: the plain way, LIKE scans
 * over `clients` and `messages` with the same limits. Also what the index costs every
 * message the bot stores (the relay's hot path): one insert with the index's trigger
 * (which queues the message) against the same insert without it, and the batched
 * indexing of the queue afterwards, per message.
 */
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { createLogger } from '../src/logger.ts'
import { createClientSearch, parseFindQuery } from '../src/services/desk/client-search.ts'
import { latency } from '../test/helpers/latency.ts'

const CLIENTS = Number(process.env.FIND_CLIENTS ?? 100_000)
const MESSAGES = Number(process.env.FIND_MESSAGES ?? 500_000)
const ROUNDS = Number(process.env.FIND_ROUNDS ?? 20)
const INSERTS = 2_000

const FIRST = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Зоя', 'Игорь', 'Кира', 'Лев', 'Мария']
const LAST = ['Петрова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев', 'Козлова', 'Новиков', 'Морозова']
const WORDS = [
  'сайт',
  'лендинг',
  'магазин',
  'дизайн',
  'срок',
  'бюджет',
  'оплата',
  'счёт',
  'макет',
  'правки',
  'логотип',
  'хостинг',
  'домен',
  'каталог',
  'корзина',
  'доставка',
  'website',
  'price',
  'deadline',
  'invoice',
]

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

function build() {
  const handle = openDatabase(':memory:')
  runMigrations(handle)
  const { sqlite } = handle
  const next = random(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T
  const insertClient = sqlite.prepare(
    `insert into clients (telegram_id, first_name, last_name, username, phone, email, topic_id, created_at, last_seen_at)
     values (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  )
  const insertMessage = sqlite.prepare(
    "insert into messages (client_id, direction, type, text, created_at) values (?, ?, 'text', ?, ?)",
  )
  const started = performance.now()
  sqlite.transaction(() => {
    for (let i = 1; i <= CLIENTS; i++) {
      const phone = `+7 9${String(10_000_000 + i).padStart(9, '0')}`
      insertClient.run(1_000_000 + i, pick(FIRST), pick(LAST), `user_${i}`, phone, `client${i}@mail.example`, i, i)
    }
    for (let i = 0; i < MESSAGES; i++) {
      const words = Array.from({ length: 6 + Math.floor(next() * 10) }, () => pick(WORDS))
      if (i % 50_000 === 7) words.push('пеликан') // a rare word
      insertMessage.run(1 + Math.floor(next() * CLIENTS), next() < 0.6 ? 'in' : 'out', words.join(' '), i)
    }
  })()
  return { handle, buildSeconds: (performance.now() - started) / 1000 }
}

/** The plain way: LIKE over the tables, newest first, the same limit of 10 clients. */
function likeSearch(sqlite: ReturnType<typeof openDatabase>['sqlite'], text: string): number[] {
  const pattern = `%${text}%`
  const byName = sqlite
    .prepare(
      `select id from clients where (first_name like ? or last_name like ? or display_name like ? or username like ?
         or email like ? or replace(replace(replace(phone, ' ', ''), '-', ''), '+', '') like ?) and deleted_at is null
       order by last_seen_at desc limit 10`,
    )
    .all(pattern, pattern, pattern, pattern, pattern, pattern) as { id: number }[]
  const ids = byName.map((r) => r.id)
  if (ids.length >= 10) return ids
  for (const row of sqlite
    .prepare(
      "select client_id as id from messages where text like ? and direction in ('in','out','note') order by id desc",
    )
    .iterate(pattern) as IterableIterator<{ id: number }>) {
    if (!ids.includes(row.id)) ids.push(row.id)
    if (ids.length >= 10) break
  }
  return ids
}

function timeEach(queries: readonly string[], run: (q: string) => unknown, rounds = ROUNDS): number[] {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const started = performance.now()
      run(q)
      times.push(performance.now() - started)
    }
  }
  return times
}

export async function run() {
  const { handle, buildSeconds } = build()
  const { sqlite, db } = handle
  console.log(`built ${CLIENTS} clients and ${MESSAGES} messages (indexed) in ${buildSeconds.toFixed(1)} s`)
  const search = createClientSearch({ db, logger: createLogger({ level: 'silent' }) })
  const indexStarted = performance.now()
  search.indexQueued()
  console.log(`indexed the transcript in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`)
  const queries = [
    'Анна', // a common name
    'смирн', // part of a surname
    '@user_4242',
    '+7 901 000 42 42',
    'client777@mail.example',
    '#5000',
    'макет', // a word in many conversations
    'пеликан', // a rare word
    'отсутствует', // nothing
  ]
  // Also the warm-up: the first search of a kind reads its index pages from cold
  const found = queries.map((q) => search.find(parseFindQuery(q)).length)
  console.log(`results per query: ${queries.map((q, i) => `${q} → ${found[i]}`).join(', ')}`)

  const fts = latency(timeEach(queries, (q) => search.find(parseFindQuery(q))))
  // The baseline has no notion of @, phone or #id: it looks for the text as typed (digits for the phone)
  const plainText = (q: string) => (q.startsWith('+') ? q.replace(/\D/g, '').slice(-10) : q.replace(/^[@#]/, ''))
  // Seconds per query at full size: fewer rounds are enough to see it
  const like = latency(timeEach(queries, (q) => likeSearch(sqlite, plainText(q)), Math.max(3, Math.round(ROUNDS / 4))))
  console.log(`/find (FTS5 trigram): p50 ${fts.p50} ms, p95 ${fts.p95} ms, max ${fts.max} ms`)
  console.log(`LIKE scans (baseline): p50 ${like.p50} ms, p95 ${like.p95} ms, max ${like.max} ms`)

  // What every stored message pays for the index: the relay inserts one row per client message
  const insert = sqlite.prepare(
    "insert into messages (client_id, direction, type, text, created_at) values (?, 'in', 'text', ?, 0)",
  )
  const insertTimes = () => {
    const times: number[] = []
    for (let i = 0; i < INSERTS; i++) {
      const started = performance.now()
      insert.run(1 + (i % CLIENTS), `Добрый день! Хотим ${WORDS[i % WORDS.length]} к весне, бюджет около 100 тысяч`)
      times.push(performance.now() - started)
    }
    return latency(times)
  }
  const withIndex = insertTimes()
  const indexing = performance.now()
  const indexed = search.indexQueued()
  const indexPerMessageMs = (performance.now() - indexing) / indexed
  sqlite.exec('drop trigger message_search_insert')
  const withoutIndex = insertTimes()
  console.log(
    `one message insert: with the index p50 ${withIndex.p50} ms, p95 ${withIndex.p95} ms; without p50 ${withoutIndex.p50} ms, p95 ${withoutIndex.p95} ms; indexing it later ${indexPerMessageMs.toFixed(4)} ms a message`,
  )
  handle.close()
  return {
    clients: CLIENTS,
    messages: MESSAGES,
    find_p50_ms: fts.p50,
    find_p95_ms: fts.p95,
    find_max_ms: fts.max,
    like_p50_ms: like.p50,
    like_p95_ms: like.p95,
    like_max_ms: like.max,
    speedup_p95: Number((like.p95 / fts.p95).toFixed(1)),
    insert_p50_ms: withIndex.p50,
    insert_p95_ms: withIndex.p95,
    insert_baseline_p50_ms: withoutIndex.p50,
    insert_ratio_p50: Number((withIndex.p50 / withoutIndex.p50).toFixed(2)),
    index_ms_per_message: Number(indexPerMessageMs.toFixed(4)),
  }
}
