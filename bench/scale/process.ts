/**
 * The real process on a seeded database file: the compiled bot as `npm start` runs it,
 * against the fake Bot API served over HTTP on loopback. Measures the time from spawning
 * it to "long polling: started", its resident memory (RSS) once idle, and again after
 * 10,000 updates from 1,000 clients.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Update } from 'grammy/types'
import { serveFakeBotApi } from '../../test/helpers/bot-api-server.ts'
import { runningPid, startBotProcess } from '../../test/helpers/bot-process.ts'
import { FakeTelegram } from '../../test/helpers/fake-telegram.ts'
import { OWNER_ID, STAFF_GROUP_ID, TEST_TOKEN } from '../../test/helpers/harness.ts'
import { random } from '../../test/helpers/numbers.ts'
import { type SeededClient, telegramProfileOf } from '../../test/helpers/population.ts'
import { UpdateFactory } from '../../test/helpers/updates.ts'
import { continueSeededChats } from './updates.ts'

/** CPU time a process has used, seconds (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** Resident memory of a process, MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return Math.round(kb / 1024)
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ProcessFigures {
  /** Spawn → "long polling: started". */
  startup_ms: number
  rss_idle_mb: number
  rss_after_updates_mb: number
  updates: number
  /** Wall time to handle them all (the bot answers chats concurrently). */
  updates_s: number
  /** The process's CPU time for them, per update. */
  cpu_ms_per_update: number
}

export async function measureProcess(
  path: string,
  seeded: SeededClient[],
  { updates, clients, idleWaitMs }: { updates: number; clients: number; idleWaitMs: number },
): Promise<ProcessFigures> {
  const fake = new FakeTelegram()
  const factory = new UpdateFactory(fake, STAFF_GROUP_ID)
  continueSeededChats(fake, seeded)
  const queue: Update[] = []
  const server = await serveFakeBotApi(fake, queue)
  const port = (server.address() as AddressInfo).port
  const started = performance.now()
  const bot = startBotProcess({
    BOT_TOKEN: TEST_TOKEN,
    STAFF_GROUP_ID: String(STAFF_GROUP_ID),
    OWNER_IDS: String(OWNER_ID),
    DATABASE_PATH: path,
    BOT_API_ROOT: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
  })
  const out = () => bot.output()
  try {
    await until(
      () => out().includes('long polling: started'),
      120_000,
      `start-up (output so far: ${out().slice(-500)})`,
    )
    const startupMs = performance.now() - started
    // Idle: the start-up sweep is done and its read worker has been stopped for being idle
    // (what the sweep scheduled may still be going out to the staff group at 20 a minute)
    await until(() => out().includes('follow-up sweep'), 120_000, 'the start-up sweep')
    await sleep(idleWaitMs)
    const pid = await runningPid(bot)
    // The median of a few readings, a second apart
    const readings: number[] = []
    for (let i = 0; i < 5; i++) {
      readings.push(rssMb(pid))
      await sleep(1_000)
    }
    const idle = readings.sort((a, b) => a - b)[2] as number

    // 10,000 updates from 1,000 clients: /start, a menu button, a free-text message
    const rand = random(11)
    const people = seeded.filter((c) => c.reachable && !c.inHandoff).slice(0, clients)
    const users = people.map((c) => factory.user(c.telegramId, telegramProfileOf(c)))
    const callsBefore = fake.calls.length
    const cpuBefore = cpuSeconds(pid)
    const t0 = performance.now()
    for (let i = 0; i < updates; i++) {
      const user = users[Math.floor(rand() * users.length)] as (typeof users)[number]
      const roll = rand()
      queue.push(
        roll < 0.4
          ? factory.text(user, '/start')
          : roll < 0.7
            ? factory.callback(user, 'menu:main')
            : factory.text(user, 'Здравствуйте, сколько стоит сайт?'),
      )
    }
    // Each update gets at least one answer; then wait for the answers to stop coming
    await until(() => fake.calls.length - callsBefore >= updates, 600_000, 'answers to every update')
    let seen = -1
    while (seen !== fake.calls.length) {
      seen = fake.calls.length
      await sleep(500)
    }
    const updatesS = (performance.now() - t0) / 1000
    const cpuMsPerUpdate = ((cpuSeconds(pid) - cpuBefore) * 1000) / updates
    const after = rssMb(pid)
    return {
      startup_ms: Math.round(startupMs),
      rss_idle_mb: idle,
      rss_after_updates_mb: after,
      updates,
      updates_s: Number(updatesS.toFixed(1)),
      cpu_ms_per_update: Number(cpuMsPerUpdate.toFixed(2)),
    }
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : err}\nthe bot printed:\n${out().slice(-3000)}`)
  } finally {
    bot.child.kill('SIGTERM')
    await bot.exited
    server.close()
  }
}
