/**
 * `GET /healthz`: can the bot do its work right now? For Docker's HEALTHCHECK,
 * uptime monitors and a person with curl. 200 when it can, 503 when it cannot,
 * with the reasons in `problems`; the JSON body has the details either way.
 *
 * Failing (503): the database cannot be read or written (a full disk, a file
 * system remounted read-only: every client's message would fail), or its file
 * was removed or replaced under the running bot (it would write to a file nobody
 * sees after a restart); the bot has stopped taking updates; a staff group is not usable —
 * any of them: the clients who belong to one that is not would reach nobody —
 * (or Telegram cannot be reached to check it, or does not answer within a few
 * seconds: a monitor gets its answer in time either way). Queue depths, the last update
 * and missing optional rights are reported, not judged: a quiet night or a
 * long broadcast is not a failure.
 */
import { statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { isBusyError } from '../db/client.ts'
import { type QueueDepths, queueDepths } from '../db/repositories/health.ts'
import type { StaffGroupState } from './bot/staff-group-check.ts'
import type { Deps } from './deps.ts'
import { closableServer } from './http-server.ts'
import { describeFileError } from './text.ts'

export const HEALTH_PATH = '/healthz'

/** How long a staff group's check is trusted before Telegram is asked again. */
const STAFF_CHECK_TTL_MS = 60_000
/**
 * How long a request waits for Telegram's answer about the staff group. A call to an
 * unreachable Telegram can hang for minutes (the bot's API retries network errors), and a
 * monitor gives up long before (Docker's HEALTHCHECK after 5 s): it gets a 503 in time.
 */
export const STAFF_CHECK_WAIT_MS = 3_000
/**
 * How often a report writes to the database to learn whether it still can. Reading says
 * nothing about it: on a full disk or a read-only remount `SELECT 1` works while every
 * write fails. Nor does taking the write lock and letting it go (`BEGIN IMMEDIATE;
 * ROLLBACK`): nothing reaches the disk. So one page is written for real, at most this
 * often, however often a monitor asks.
 */
const WRITE_CHECK_EVERY_MS = 10_000

export interface HealthReport {
  status: 'ok' | 'failing'
  problems: string[]
  database: { ok: boolean; path: string }
  updates: { receiving: boolean; lastAt: string | null; secondsAgo: number | null }
  queues: (Omit<QueueDepths, 'outboxOldestAt'> & { outboxOldestSecondsAgo: number | null }) | null
  /** Each staff group, in the order of the settings. */
  staffGroups: ({ id: number } & ((StaffGroupState & { checkedAt: string }) | { error: string; checkedAt: string }))[]
}

export interface Health {
  /** Call for every update the bot receives. */
  updateReceived(): void
  /** The result of a staff group's check made elsewhere (the start-up check), so it is not repeated at once. */
  staffGroupChecked(groupId: number, state: StaffGroupState): void
  report(): Promise<HealthReport>
  /** Answers `GET /healthz`; returns false for any other request, which the caller handles. */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /**
   * A small server that answers only /healthz (polling mode has no other). Resolves to its
   * stop function, which closes it by the stop's deadline (`closableServer`).
   */
  listen(port: number, host: string): Promise<(deadline: number) => Promise<void>>
}

export function createHealth({
  deps,
  checkStaffGroup,
  receiving,
  staffCheckWaitMs = STAFF_CHECK_WAIT_MS,
}: {
  deps: Deps
  /** Asks Telegram about a staff group (called at most once a minute for each). */
  checkStaffGroup: (groupId: number) => Promise<StaffGroupState>
  /** False once the bot has stopped taking updates (the polling loop ended). */
  receiving: () => boolean
  /** How long a request waits for the staff-group check (STAFF_CHECK_WAIT_MS). */
  staffCheckWaitMs?: number
}): Health {
  const { clock, config, sqlite, db, logger } = deps
  const path = config.DATABASE_PATH
  const fileId = (p: string) => {
    const s = statSync(p)
    return `${s.dev}:${s.ino}`
  }
  const openedFile = path === ':memory:' ? undefined : fileId(path)
  let lastUpdateAt: number | null = null
  const groupIds = deps.services.staffGroups.ids
  /** Each group's last answer, and the question under way (one at a time per group). */
  const checked = new Map<number, { at: number; state?: StaffGroupState; error?: string }>()
  const checking = new Map<number, Promise<void>>()

  const iso = (ms: number) => new Date(ms).toISOString()
  const secondsAgo = (ms: number) => Math.max(0, Math.round((clock.now() - ms) / 1000))

  function databaseProblem(): string | undefined {
    try {
      sqlite.prepare('SELECT 1').get()
    } catch (err) {
      return `database cannot be read: ${(err as Error).message}`
    }
    if (openedFile === undefined) return undefined
    try {
      if (fileId(path) === openedFile) return undefined
      return `database file ${path} was replaced while the bot runs: restart it to use the new file`
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        return `database file ${path} cannot be checked: ${describeFileError(err)}`
      }
      return `database file ${path} was removed while the bot runs: what it writes now is lost at the next restart`
    }
  }

  /** The last write check: when, and why the write failed (none: it went through). */
  let written: { at: number; problem?: string } | undefined

  /**
   * Writes the smallest thing SQLite can write — the file header's user_version, set to what
   * it is (one page appended to the -wal file, no schema of its own) — and says why it
   * failed, if it did; the answer stands for WRITE_CHECK_EVERY_MS.
   */
  function writeProblem(): string | undefined {
    if (written && clock.now() - written.at < WRITE_CHECK_EVERY_MS) return written.problem
    // Inside a transaction under way the write would be part of it: the last answer stands
    if (sqlite.inTransaction) return written?.problem
    // Another process writing (the sqlite3 shell, a migration) is not waited for: the
    // event loop would stand still for the busy timeout
    const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number
    sqlite.pragma('busy_timeout = 0')
    try {
      // Read and written under the write lock: a migration in another process changes it too
      sqlite
        .transaction(() => {
          const version = sqlite.pragma('user_version', { simple: true }) as number
          sqlite.pragma(`user_version = ${version}`)
        })
        .immediate()
      written = { at: clock.now() }
    } catch (err) {
      // Busy (any of its extended codes) says nothing about the disk: the last answer stands
      if (isBusyError(err)) return written?.problem
      written = { at: clock.now(), problem: `database cannot be written: ${(err as Error).message}` }
    } finally {
      sqlite.pragma(`busy_timeout = ${timeout}`)
    }
    return written.problem
  }

  /** Asks Telegram about the group again when its last answer is older than the TTL (one question at a time). */
  function refresh(groupId: number): Promise<void> {
    const last = checked.get(groupId)
    if (last && clock.now() - last.at < STAFF_CHECK_TTL_MS) return Promise.resolve()
    let question = checking.get(groupId)
    if (!question) {
      question = checkStaffGroup(groupId)
        .then((state) => {
          checked.set(groupId, { at: clock.now(), state })
        })
        .catch((err: Error) => {
          logger.warn({ err, groupId }, 'health: could not check a staff group')
          checked.set(groupId, { at: clock.now(), error: err.message })
        })
        .finally(() => {
          checking.delete(groupId)
        })
      checking.set(groupId, question)
    }
    return question
  }

  /**
   * Every group's answer, asked again where it is older than the TTL, waited for at most
   * `staffCheckWaitMs`: a question still open then goes on, and its answer serves the next
   * request.
   */
  async function refreshStaffGroups(): Promise<void> {
    const answered = Promise.all(groupIds.map(refresh))
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, staffCheckWaitMs)
    })
    try {
      await Promise.race([answered, late])
    } finally {
      clearTimeout(timer)
    }
  }

  const health: Health = {
    updateReceived() {
      lastUpdateAt = clock.now()
    },

    staffGroupChecked(groupId, state) {
      checked.set(groupId, { at: clock.now(), state })
    },

    async report() {
      const problems: string[] = []
      const dbProblem = databaseProblem()
      if (dbProblem) problems.push(dbProblem)

      let queues: HealthReport['queues'] = null
      let dbWriteProblem: string | undefined
      if (!dbProblem) {
        dbWriteProblem = writeProblem()
        if (dbWriteProblem) problems.push(dbWriteProblem)
        // What waits is still worth seeing when only writing fails
        const { outboxOldestAt, ...depths } = queueDepths(db, clock.now())
        queues = { ...depths, outboxOldestSecondsAgo: outboxOldestAt === null ? null : secondsAgo(outboxOldestAt) }
      }

      const isReceiving = receiving()
      if (!isReceiving) problems.push('not receiving updates from Telegram')

      await refreshStaffGroups()
      const waited = `no answer within ${staffCheckWaitMs / 1000} s`
      const staffGroups = groupIds.map((id): HealthReport['staffGroups'][number] => {
        // Still asking: Telegram did not answer within the wait (an older answer is no proof now)
        const last = checking.has(id) ? undefined : checked.get(id)
        if (last?.state) {
          if (last.state.problems.length > 0) {
            problems.push(`staff group ${id} is not usable: ${last.state.problems.join(', ')}`)
          }
          return { id, ...last.state, checkedAt: iso(last.at) }
        }
        const error = last?.error ?? waited
        problems.push(`cannot reach Telegram to check staff group ${id}: ${error}`)
        return { id, error, checkedAt: iso(last?.at ?? clock.now()) }
      })

      return {
        status: problems.length === 0 ? 'ok' : 'failing',
        problems,
        database: { ok: !dbProblem && !dbWriteProblem, path },
        updates: {
          receiving: isReceiving,
          lastAt: lastUpdateAt === null ? null : iso(lastUpdateAt),
          secondsAgo: lastUpdateAt === null ? null : secondsAgo(lastUpdateAt),
        },
        queues,
        staffGroups,
      }
    },

    handle(req, res) {
      if (new URL(req.url ?? '/', 'http://health').pathname !== HEALTH_PATH) return false
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end()
        return true
      }
      health.report().then(
        (report) => {
          const body = `${JSON.stringify(report, null, 2)}\n`
          res.writeHead(report.status === 'ok' ? 200 : 503, {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
          })
          res.end(req.method === 'HEAD' ? undefined : body)
        },
        (err: Error) => {
          logger.error({ err }, 'health: the report failed')
          res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' })
          res.end(`${JSON.stringify({ status: 'failing', problems: [`health check failed: ${err.message}`] })}\n`)
        },
      )
      return true
    },

    listen(port, host) {
      const server = createServer((req, res) => {
        if (!health.handle(req, res)) res.writeHead(404).end()
      })
      const close = closableServer(server)
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve(close)
        })
      })
    },
  }
  return health
}
